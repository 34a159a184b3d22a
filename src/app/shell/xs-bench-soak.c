/* xs-bench-soak.c — a day's work in a loop, for the soak benchmark (bench/run --only soak).
 *
 * With XUESHI_BENCH=1 and XUESHI_BENCH_SOAK=ROUNDS[,PERSONS[,REVIEWS[,SHEETS]]] (default
 * 5,2000,500,200), each round opens PERSONS persons one after the other, as the clerk choosing
 * them in the list, and on the way REVIEWS review windows and SHEETS sheet previews through the
 * person page's own actions. Each step waits until what it opened is painted (the person's rows
 * all made, the scan or the sheet's pages shown), then the windows are closed as Escape would.
 * Driven from the main loop, not by synthetic input, so every run does the same work.
 *
 * Persons follow the roster on from where the last round stopped: a cache keyed by person that
 * has no bound grows from round to round. After each round it prints
 *
 *   xueshi: soak-round N rss-kib R heap-kib H windows-alive W stalls S seconds T
 *
 * (heap: malloc's bytes in use; windows-alive: review and sheet windows closed but not yet
 * finalized; stalls: windows whose content did not come within their time) and quits after the
 * last round.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "xs-activity-item.h"
#include "xs-bench-soak.h"
#include "xs-bench.h"
#include "xs-evidence-file.h"
#include "xs-review-window.h"
#include "xs-sheet-preview.h"

/* How long a window may take to show its content before the soak moves on. */
#define REVIEW_TIMEOUT_US (10 * G_USEC_PER_SEC)
#define SHEET_TIMEOUT_US (30 * G_USEC_PER_SEC)
#define POLL_MS 5

typedef struct Soak Soak;
typedef void (*SoakStep) (Soak *soak);

struct Soak
{
  XsWindow *window;
  guint rounds, persons, reviews, sheets;
  guint round; /* from 1 */
  guint done;  /* persons opened this round */
  guint next;  /* roster position of the next person */
  gboolean want_review, want_sheet;
  guint alive;  /* review and sheet windows not finalized */
  guint stalls; /* windows whose content did not come in time */
  gint64 round_start;

  /* The window open now, and what it waits for. */
  GtkWindow *child;
  gboolean (*child_ready) (GtkWindow *child);
  gint64 child_deadline;

  /* Waiting for a frame. */
  GdkFrameClock *clock;
  gulong paint_handler;
  SoakStep after_paint;
};

static void next_person (Soak *soak);

gboolean
xs_bench_soak_enabled (void)
{
  const char *spec = g_getenv ("XUESHI_BENCH_SOAK");

  return xs_bench_enabled () && spec != NULL && *spec != '\0';
}

static void
parse_spec (Soak *soak, const char *spec)
{
  g_auto (GStrv) parts = g_strsplit (spec, ",", 4);
  guint *fields[] = { &soak->rounds, &soak->persons, &soak->reviews, &soak->sheets };

  soak->rounds = 5;
  soak->persons = 2000;
  soak->reviews = 500;
  soak->sheets = 200;
  for (guint i = 0; parts[i] != NULL && i < G_N_ELEMENTS (fields); i++)
    if (*parts[i] != '\0')
      *fields[i] = (guint)g_ascii_strtoull (parts[i], NULL, 10);
  soak->rounds = MAX (soak->rounds, 1);
  soak->persons = MAX (soak->persons, 1);
  soak->reviews = MIN (soak->reviews, soak->persons);
  soak->sheets = MIN (soak->sheets, soak->persons);
}

static void
read_memory (guint64 *rss_kib, guint64 *heap_kib)
{
  FILE *statm = fopen ("/proc/self/statm", "r");
  unsigned long size = 0, resident = 0;

  if (statm != NULL)
    {
      if (fscanf (statm, "%lu %lu", &size, &resident) != 2)
        resident = 0;
      fclose (statm);
    }
  *rss_kib = (guint64)resident * (guint64)sysconf (_SC_PAGESIZE) / 1024;
#ifdef __GLIBC__
  {
    struct mallinfo2 info = mallinfo2 ();

    *heap_kib = (info.uordblks + info.hblkhd) / 1024;
  }
#else
  *heap_kib = 0;
#endif
}

static gboolean
run_step_cb (gpointer user_data)
{
  Soak *soak = user_data;
  SoakStep step = soak->after_paint;

  soak->after_paint = NULL;
  step (soak);
  return G_SOURCE_REMOVE;
}

/* After the frame, once the main loop has nothing more urgent: the person page makes its rows
 * in idle chunks of a higher priority, so they are all made by then. */
static void
on_after_paint_cb (GdkFrameClock *clock, Soak *soak)
{
  g_clear_signal_handler (&soak->paint_handler, soak->clock);
  g_clear_object (&soak->clock);
  g_idle_add_full (G_PRIORITY_LOW, run_step_cb, soak, NULL);
}

static void
then_after_paint (Soak *soak, GtkWidget *widget, SoakStep step)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  soak->after_paint = step;
  if (clock == NULL)
    {
      g_idle_add_full (G_PRIORITY_LOW, run_step_cb, soak, NULL);
      return;
    }
  soak->clock = g_object_ref (clock);
  soak->paint_handler =
      g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), soak);
  gtk_widget_queue_draw (widget);
}

static void
on_child_finalized (gpointer user_data, GObject *where_the_object_was)
{
  Soak *soak = user_data;

  soak->alive--;
}

/* The newest toplevel of @type: the window an action just opened. */
static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWindow *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        found = window;
    }
  return found;
}

static void
close_child (Soak *soak)
{
  gtk_window_close (soak->child);
  g_clear_object (&soak->child);
  then_after_paint (soak, GTK_WIDGET (soak->window), next_person);
}

static gboolean
poll_child_cb (gpointer user_data)
{
  Soak *soak = user_data;
  gboolean ready = soak->child_ready (soak->child);

  if (!ready && g_get_monotonic_time () < soak->child_deadline)
    return G_SOURCE_CONTINUE;
  if (!ready)
    soak->stalls++;
  then_after_paint (soak, GTK_WIDGET (soak->child), close_child);
  return G_SOURCE_REMOVE;
}

static void
watch_child (Soak *soak, GType type, gboolean (*ready) (GtkWindow *child), gint64 timeout)
{
  GtkWindow *child = find_toplevel (type);

  if (child == NULL)
    {
      soak->stalls++;
      next_person (soak);
      return;
    }
  soak->child = g_object_ref (child);
  soak->alive++;
  g_object_weak_ref (G_OBJECT (child), on_child_finalized, soak);
  soak->child_ready = ready;
  soak->child_deadline = g_get_monotonic_time () + timeout;
  g_timeout_add (POLL_MS, poll_child_cb, soak);
}

/* Shown: the scan's texture is there, or there is no file to show. */
static gboolean
review_ready (GtkWindow *child)
{
  XsReviewWindow *review = XS_REVIEW_WINDOW (child);
  GListModel *evidence = xs_review_window_get_evidence (review);
  g_autoptr (XsEvidenceFile) first = g_list_model_get_item (evidence, 0);

  return first == NULL || xs_evidence_file_get_path (first) == NULL ||
         xs_scan_view_get_texture (xs_review_window_get_scan_view (review)) != NULL;
}

static gboolean
sheet_ready (GtkWindow *child)
{
  return xs_sheet_preview_get_pdf (XS_SHEET_PREVIEW (child)) != NULL;
}

static void
open_review (Soak *soak)
{
  XsPersonPage *page = xs_window_get_person_page (soak->window);
  GListModel *activities = xs_person_page_get_activities (page);
  guint n = g_list_model_get_n_items (activities);
  g_autoptr (XsActivityItem) item = NULL;

  soak->want_review = FALSE;
  if (n == 0)
    {
      next_person (soak);
      return;
    }
  /* A different activity each time, as the clerk works down the pending ones. */
  item = g_list_model_get_item (activities, (soak->done * 7 + soak->round) % n);
  gtk_widget_activate_action (GTK_WIDGET (page), "person.review-activity", "s",
                              xs_activity_item_get_id (item));
  watch_child (soak, XS_TYPE_REVIEW_WINDOW, review_ready, REVIEW_TIMEOUT_US);
}

static void
open_sheet (Soak *soak)
{
  XsPersonPage *page = xs_window_get_person_page (soak->window);

  soak->want_sheet = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (page), "person.preview-sheet", NULL);
  watch_child (soak, XS_TYPE_SHEET_PREVIEW, sheet_ready, SHEET_TIMEOUT_US);
}

static void
report_round (Soak *soak, const char *what)
{
  guint64 rss, heap;

  read_memory (&rss, &heap);
  g_printerr ("xueshi: %s %u rss-kib %" G_GUINT64_FORMAT " heap-kib %" G_GUINT64_FORMAT
              " windows-alive %u stalls %u seconds %.1f\n",
              what, soak->round, rss, heap, soak->alive, soak->stalls,
              (g_get_monotonic_time () - soak->round_start) / (double)G_USEC_PER_SEC);
}

/* Whether step @i of @n crosses a multiple of @n/@k: @k of the @n steps, evenly spread. */
static gboolean
spread (guint i, guint n, guint k)
{
  return (guint64)(i + 1) * k / n > (guint64)i * k / n;
}

static void
person_painted (Soak *soak)
{
  guint i = soak->done - 1;

  soak->want_review = spread (i, soak->persons, soak->reviews);
  soak->want_sheet = spread (i, soak->persons, soak->sheets);
  next_person (soak);
}

/* Rows are made after the first frame; paint once more when they are all there. */
static void
person_shown (Soak *soak)
{
  then_after_paint (soak, GTK_WIDGET (soak->window), person_painted);
}

static void
next_person (Soak *soak)
{
  XsPersonIndex *index = xs_window_get_index (soak->window);
  XsPersonItem *item;

  if (soak->want_review)
    {
      open_review (soak);
      return;
    }
  if (soak->want_sheet)
    {
      open_sheet (soak);
      return;
    }
  if (soak->done == soak->persons)
    {
      report_round (soak, "soak-round");
      if (soak->round == soak->rounds)
        {
          g_printerr ("xueshi: soak-done\n");
          xs_bench_done ("soak");
          return;
        }
      soak->round++;
      soak->done = 0;
      soak->round_start = g_get_monotonic_time ();
    }
  item = xs_person_index_get_item (index, soak->next++ % xs_person_index_get_n_persons (index));
  soak->done++;
  xs_window_show_person (soak->window, xs_person_item_get_person_id (item));
  then_after_paint (soak, GTK_WIDGET (soak->window), person_shown);
}

static gboolean
start_cb (gpointer user_data)
{
  Soak *soak = user_data;

  soak->round_start = g_get_monotonic_time ();
  report_round (soak, "soak-start");
  soak->round = 1;
  next_person (soak);
  return G_SOURCE_REMOVE;
}

/**
 * xs_bench_soak_start:
 *
 * With XUESHI_BENCH_SOAK set, starts the rounds on @window once its roster is loaded; the
 * application quits after the last. The soak lives as long as the process.
 */
void
xs_bench_soak_start (XsWindow *window)
{
  XsPersonIndex *index = xs_window_get_index (window);
  Soak *soak;

  if (!xs_bench_soak_enabled ())
    return;
  if (index == NULL || xs_person_index_get_error (index) != NULL ||
      xs_person_index_get_n_persons (index) == 0)
    {
      g_printerr ("xueshi: soak-failed: no persons to open\n");
      xs_bench_done ("soak");
      return;
    }
  soak = g_new0 (Soak, 1);
  soak->window = g_object_ref (window);
  parse_spec (soak, g_getenv ("XUESHI_BENCH_SOAK"));
  g_printerr ("xueshi: soak-plan rounds %u persons %u reviews %u sheets %u of %u persons\n",
              soak->rounds, soak->persons, soak->reviews, soak->sheets,
              xs_person_index_get_n_persons (index));
  g_idle_add_full (G_PRIORITY_LOW, start_cb, soak, NULL);
}
