/* xs-bench.c — timings the benchmark (bench/run) reads from stderr when XUESHI_BENCH=1.
 *
 * Each timing ends at the frame clock's after-paint that follows the work, so it measures what
 * the clerk sees, not just the code that ran. Times count from $XUESHI_BENCH_T0_US (set by
 * bench/measure just before it starts the program) or else from main(). When every expected
 * timing has been printed, the application quits, so that its peak memory can be read.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-bench.h"

static gint64 process_start;
static GHashTable *expected;

typedef struct
{
  char *what;
  gint64 since;
  gulong handler;
  GdkFrameClock *clock;
} Pending;

gboolean
xs_bench_enabled (void)
{
  static int enabled = -1;

  if (enabled < 0)
    enabled = g_strcmp0 (g_getenv ("XUESHI_BENCH"), "1") == 0;
  return enabled;
}

void
xs_bench_mark_process_start (void)
{
  const char *t0 = g_getenv ("XUESHI_BENCH_T0_US");

  if (process_start != 0)
    return;
  process_start = t0 != NULL ? g_ascii_strtoll (t0, NULL, 10) : 0;
  if (process_start <= 0)
    process_start = g_get_monotonic_time ();
}

gint64
xs_bench_get_process_start (void)
{
  xs_bench_mark_process_start ();
  return process_start;
}

/**
 * xs_bench_get_person_to_open:
 *
 * Returns: (nullable): the person the benchmark wants opened ($XUESHI_BENCH_OPEN)
 */
const char *
xs_bench_get_person_to_open (void)
{
  const char *id = g_getenv ("XUESHI_BENCH_OPEN");

  return xs_bench_enabled () && id != NULL && *id != '\0' ? id : NULL;
}

/* The application quits once every expected timing is printed. */
void
xs_bench_expect (const char *what)
{
  if (!xs_bench_enabled ())
    return;
  if (expected == NULL)
    expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_add (expected, g_strdup (what));
}

static gboolean
quit_cb (gpointer user_data)
{
  GApplication *app = g_application_get_default ();

  if (app != NULL)
    g_application_quit (app);
  return G_SOURCE_REMOVE;
}

/* One expected piece of work is over (its line printed); the last one quits. */
void
xs_bench_done (const char *what)
{
  if (expected != NULL && g_hash_table_remove (expected, what) && g_hash_table_size (expected) == 0)
    g_idle_add (quit_cb, NULL);
}

static void
after_paint_cb (GdkFrameClock *clock, gpointer user_data)
{
  Pending *pending = user_data;
  gint64 elapsed = g_get_monotonic_time () - pending->since;

  g_printerr ("xueshi: %s %.1f\n", pending->what, elapsed / 1000.0);
  /* bench/run reads the person's opening under this name too. */
  if (g_str_equal (pending->what, "open-person"))
    g_printerr ("xueshi: person-open %.1f\n", elapsed / 1000.0);
  xs_bench_done (pending->what);

  g_signal_handler_disconnect (clock, pending->handler);
  g_object_unref (pending->clock);
  g_free (pending->what);
  g_free (pending);
}

static void
realize_cb (GtkWidget *widget, gpointer user_data)
{
  Pending *pending = user_data;

  g_signal_handlers_disconnect_by_func (widget, realize_cb, pending);
  pending->clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  pending->handler =
      g_signal_connect (pending->clock, "after-paint", G_CALLBACK (after_paint_cb), pending);
  gtk_widget_queue_draw (widget);
}

/**
 * xs_bench_report_after_paint:
 * @since: g_get_monotonic_time() when the timed work began
 *
 * When benchmarking, prints `xueshi: WHAT <ms>` after the next frame of @widget is painted.
 */
void
xs_bench_report_after_paint (GtkWidget *widget, const char *what, gint64 since)
{
  Pending *pending;

  if (!xs_bench_enabled ())
    return;
  pending = g_new0 (Pending, 1);
  pending->what = g_strdup (what);
  pending->since = since;
  if (gtk_widget_get_realized (widget))
    realize_cb (widget, pending);
  else
    g_signal_connect (widget, "realize", G_CALLBACK (realize_cb), pending);
}
