/* test-app.c — the desktop application under Xvfb: open the sample unit, find a person, add
 * an activity through the editor, attach scans, approve it, and read the year card.
 *
 * The steps run in order on one window, as a clerk would do them; each checks the models
 * and the widgets that show them. Run by meson under xvfb-run with GTK_A11Y=none,
 * GSK_RENDERER=cairo and GSETTINGS_BACKEND=memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "xs-activity-editor.h"
#include "xs-activity-item.h"
#include "xs-activity-row.h"
#include "xs-compliance-chart.h"
#include "xs-evidence-file.h"
#include "xs-person-list.h"
#include "xs-person-row.h"
#include "xs-problem-list.h"
#include "xs-review-window.h"
#include "xs-scan-dialog.h"
#include "xs-test-util.h"
#include "xs-preferences-window.h"
#include "xs-sheet-preview.h"
#include "xs-spinner.h"
#include "xs-transfer-dialog.h"
#include "xs-transfer.h"
#include "xs-unit-overview.h"
#include "xs-person-editor.h"
#include "xs-round-box.h"
#include "xs-window.h"

static struct
{
  char *dir;
  char *db_path;
  XsSession *session;
  XsWindow *window;
  char *new_activity_id;
  guint changes; /* person-changed signals seen */
} fx;

typedef gboolean (*Condition) (gpointer data);

/* Runs the main loop until @condition holds, or fails after ten seconds (a minute under the
 * sanitizers, which make a transfer of the sample's 152 scans some forty times slower). */
static void
wait_until (Condition condition, gpointer data, const char *what)
{
  gint64 seconds = g_getenv ("ASAN_OPTIONS") != NULL ? 60 : 10;
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* As wait_until, for what takes longer (reading a scan): @seconds at most. */
static void
wait_for (Condition condition, gpointer data, gint64 seconds, const char *what)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for %s", what);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
drain (void)
{
  for (int i = 0; i < 50; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
toplevel_shown (gpointer type)
{
  return find_toplevel (GPOINTER_TO_SIZE (type)) != NULL;
}

static gboolean
toplevel_gone (gpointer window)
{
  return !gtk_widget_get_visible (GTK_WIDGET (window));
}

static gboolean
index_loaded (gpointer data)
{
  return xs_person_index_get_loaded (xs_window_get_index (fx.window));
}

static gboolean
changes_reached (gpointer data)
{
  return fx.changes >= GPOINTER_TO_UINT (data);
}

static void
on_person_changed_cb (XsSession *session, const char *person_id, gpointer data)
{
  fx.changes++;
}

static XsActivityItem *
find_item (const char *activity_id)
{
  GListModel *activities = xs_person_page_get_activities (xs_window_get_person_page (fx.window));

  for (guint i = 0; i < g_list_model_get_n_items (activities); i++)
    {
      g_autoptr (XsActivityItem) item = g_list_model_get_item (activities, i);

      if (g_str_equal (xs_activity_item_get_id (item), activity_id))
        return item; /* the list keeps it alive */
    }
  return NULL;
}

static char *
sample_path (const char *name)
{
  return g_build_filename (g_getenv ("XUESHI_SOURCE_DIR"), "data", "sample", name, NULL);
}

static void
test_window_lists_persons (void)
{
  XsPersonList *list = xs_window_get_person_list (fx.window);
  GListModel *model = G_LIST_MODEL (list);

  wait_until (index_loaded, NULL, "the person index");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 8);
  g_assert_cmpuint (xs_person_index_get_stats (xs_window_get_index (fx.window))->persons, ==, 8);

  xs_person_list_set_search (list, "张三");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  /* Part of the resident ID, and the unit name, find people too. */
  xs_person_list_set_search (list, "198503");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  xs_person_list_set_search (list, "云峰");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  xs_person_list_set_search (list, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 8);

  /* The filters partition the list; the sample has persons in each. */
  xs_person_list_set_filter (list, XS_FILTER_COMPLIANT);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (XsPersonItem) item = g_list_model_get_item (model, i);
      g_assert_cmpint (xs_person_item_get_state (item), ==, XS_PERSON_STATE_COMPLIANT);
    }
  xs_person_list_set_filter (list, XS_FILTER_AWAITING_REVIEW);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
  xs_person_list_set_filter (list, XS_FILTER_ALL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 8);
}

/* The window and a person's page show no icon that the theme has only as SVG: gdk-pixbuf's
 * SVG loader brings librsvg, resident (6.5 MB) from then on. (The loading page's spinner is
 * XsSpinner for the same reason; a broken scan's "image-missing" in the review may load it.) */
static void
assert_no_svg_loader (void)
{
  g_autofree char *maps = NULL;

  g_assert_true (g_file_get_contents ("/proc/self/maps", &maps, NULL, NULL));
  g_assert_null (strstr (maps, "librsvg"));
}

static void
test_person_opens_with_year_cards (void)
{
  XsPersonPage *page = xs_window_get_person_page (fx.window);
  XsYearCard *card;

  /* What activating a row or win.show-person does. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.show-person", "s", "P001"));
  drain ();
  g_assert_cmpstr (xs_person_page_get_person_id (page), ==, "P001");
  g_assert_cmpuint (g_list_model_get_n_items (xs_person_page_get_activities (page)), ==, 11);

  /* 2021: 32 public (training, 4 days) and 70 professional, all approved. */
  card = xs_person_page_get_year_card (page, 2021);
  g_assert_nonnull (card);
  g_assert_cmpint (xs_hours_bar_get_confirmed (xs_year_card_get_bar (card, XS_SUBJECT_PUBLIC)), ==,
                   320);
  g_assert_cmpint (xs_hours_bar_get_target (xs_year_card_get_bar (card, XS_SUBJECT_PUBLIC)), ==,
                   300);
  g_assert_cmpint (
      xs_hours_bar_get_confirmed (xs_year_card_get_bar (card, XS_SUBJECT_PROFESSIONAL)), ==, 700);
  g_assert_cmpint (xs_hours_bar_get_confirmed (xs_year_card_get_bar (card, XS_SUBJECT_BOTH)), ==,
                   1020);
  /* 2022 is deemed complete by the aid posting. */
  card = xs_person_page_get_year_card (page, 2022);
  g_assert_cmpint (xs_hours_bar_get_confirmed (xs_year_card_get_bar (card, XS_SUBJECT_BOTH)), ==,
                   900);
  g_assert_nonnull (xs_person_page_get_year_card (page, 2025));
  g_assert_null (xs_person_page_get_year_card (page, 2020));
  drain ();
  assert_no_svg_loader ();
}

static void
collect_activity_rows (GtkWidget *widget, GPtrArray *rows)
{
  if (XS_IS_ACTIVITY_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_activity_rows (child, rows);
}

/* The page has been laid out taller than its window, so it can scroll. */
static gboolean
can_scroll (gpointer data)
{
  GtkAdjustment *adjustment = data;

  return gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment) > 0;
}

static gboolean
every_activity_has_a_row (gpointer data)
{
  XsPersonPage *page = xs_window_get_person_page (fx.window);
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();

  collect_activity_rows (GTK_WIDGET (page), rows);
  return rows->len == g_list_model_get_n_items (xs_person_page_get_activities (page));
}

static GtkScrolledWindow *
find_scroller (GtkWidget *widget)
{
  if (GTK_IS_SCROLLED_WINDOW (widget) && gtk_widget_get_mapped (widget))
    return GTK_SCROLLED_WINDOW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkScrolledWindow *scroller = find_scroller (child);

      if (scroller != NULL)
        return scroller;
    }
  return NULL;
}

static void
test_person_rows_open_the_review (void)
{
  XsPersonPage *page = xs_window_get_person_page (fx.window);
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  XsActivityItem *first;
  XsReviewWindow *review;
  GtkAdjustment *adjustment;
  double value;
  guint year = 0;

  /* Rows are made as they come into view, the rest between frames: in the end, one each. */
  wait_until (every_activity_has_a_row, NULL, "a row for every activity");
  collect_activity_rows (GTK_WIDGET (page), rows);
  g_assert_cmpuint (rows->len, ==, 11);
  for (guint i = 0; i < rows->len; i++)
    {
      XsActivityRow *row = g_ptr_array_index (rows, i);
      XsActivityItem *item = xs_activity_row_get_item (row);

      /* Each shows one of the person's activities, by year. */
      g_assert_true (find_item (xs_activity_item_get_id (item)) == item);
      g_assert_cmpuint (xs_activity_item_get_year (item), >=, year);
      year = xs_activity_item_get_year (item);
      g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
      g_assert_true (gtk_widget_get_focusable (GTK_WIDGET (row)));
    }

  /* A change to the person reloads the page where the clerk was reading. */
  adjustment = gtk_scrolled_window_get_vadjustment (find_scroller (GTK_WIDGET (page)));
  /* On a loaded machine the rows' sizes arrive a few frames after the rows. */
  wait_until (can_scroll, adjustment, "a page taller than its window");
  value = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
  g_assert_cmpfloat (value, >, 0);
  gtk_adjustment_set_value (adjustment, value);
  g_signal_emit_by_name (fx.session, "person-changed", "P001");
  drain ();
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, value);
  g_ptr_array_set_size (rows, 0);
  collect_activity_rows (GTK_WIDGET (page), rows);
  g_assert_cmpuint (rows->len, ==, 11);

  /* Activating a row (a click, or Enter on it) opens its activity's review. */
  first = xs_activity_row_get_item (g_ptr_array_index (rows, 0));
  g_assert_true (gtk_widget_activate (g_ptr_array_index (rows, 0)));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (XS_TYPE_REVIEW_WINDOW), "the review window");
  review = find_toplevel (XS_TYPE_REVIEW_WINDOW);
  g_assert_cmpstr (xs_review_window_get_activity (review)->id, ==, xs_activity_item_get_id (first));
  gtk_window_destroy (GTK_WINDOW (review));
  drain ();
}

static void
test_editor_adds_activity (void)
{
  XsPersonPage *page = xs_window_get_person_page (fx.window);
  XsYearCard *card = xs_person_page_get_year_card (page, 2025);
  XsHoursBar *professional = xs_year_card_get_bar (card, XS_SUBJECT_PROFESSIONAL);
  gint64 confirmed_before = xs_hours_bar_get_confirmed (professional);
  gint64 claimed_before = xs_hours_bar_get_claimed (professional);
  guint n_before = g_list_model_get_n_items (xs_person_page_get_activities (page));
  XsActivityEditor *editor;
  XsActivityItem *item;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.add-activity", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (XS_TYPE_ACTIVITY_EDITOR), "the editor");
  editor = g_object_ref (find_toplevel (XS_TYPE_ACTIVITY_EDITOR));

  /* A paper's date is its publication date, and its year or a date is needed, not both. */
  {
    const char *title = NULL, *subtitle = NULL;

    g_assert_true (xs_activity_editor_select_kind (editor, "paper"));
    g_assert_true (xs_activity_editor_get_field_texts (editor, "end", &title, &subtitle));
    g_assert_cmpstr (title, ==, "发表日期");
    g_assert_nonnull (strstr (subtitle, "one is required"));
    g_assert_true (xs_activity_editor_get_field_texts (editor, "year", &title, &subtitle));
    g_assert_nonnull (strstr (subtitle, "one is required"));
  }

  /* Nothing to save until a kind and its fields are there. */
  g_assert_cmpint (xs_activity_editor_get_hours (editor), ==, -1);
  g_assert_true (xs_activity_editor_select_kind (editor, "training"));
  /* Only the training's fields are shown: a paper's role is not one of them. */
  g_assert_false (xs_activity_editor_set_field (editor, "role", "first"));
  g_assert_true (xs_activity_editor_set_field (editor, "title", "心电图判读进阶培训"));
  g_assert_true (xs_activity_editor_set_field (editor, "organizer", "中南大学"));
  g_assert_true (xs_activity_editor_set_field (editor, "subject", "professional"));
  g_assert_true (xs_activity_editor_set_field (editor, "start", "2025-04-12"));
  g_assert_true (xs_activity_editor_set_field (editor, "end", "2025-04-10"));
  g_assert_true (xs_activity_editor_set_field (editor, "days", "2.5"));
  /* Dates in the wrong order: refused, with the reason shown. */
  g_assert_cmpint (xs_activity_editor_get_hours (editor), ==, -1);
  g_assert_nonnull (xs_activity_editor_get_problem (editor));
  /* …without the id of an activity the clerk has not saved yet. */
  g_assert_null (strstr (xs_activity_editor_get_problem (editor),
                         xs_activity_editor_get_activity_id (editor)));
  g_assert_true (xs_activity_editor_set_field (editor, "start", "2025-04-08"));
  /* The hours follow the fields, with their reason. */
  g_assert_cmpint (xs_activity_editor_get_hours (editor), ==, 200);
  g_assert_nonnull (strstr (xs_activity_editor_get_reason (editor), "2.5"));
  g_assert_true (xs_activity_editor_set_field (editor, "days", "3"));
  g_assert_cmpint (xs_activity_editor_get_hours (editor), ==, 240);
  g_assert_true (xs_activity_editor_set_field (editor, "days", "2.5"));
  g_assert_null (xs_activity_editor_get_problem (editor));

  fx.new_activity_id = g_strdup (xs_activity_editor_get_activity_id (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  wait_until (toplevel_gone, editor, "the editor to close");
  g_object_unref (editor);
  drain ();

  g_assert_cmpuint (g_list_model_get_n_items (xs_person_page_get_activities (page)), ==,
                    n_before + 1);
  item = find_item (fx.new_activity_id);
  g_assert_nonnull (item);
  g_assert_cmpint (xs_activity_item_get_hours (item), ==, 200);
  g_assert_cmpuint (xs_activity_item_get_year (item), ==, 2025);
  g_assert_cmpint (xs_activity_item_get_status (item), ==, XS_STATUS_PENDING);
  g_assert_false (xs_activity_item_get_evidence_satisfied (item));
  /* Claimed at once, confirmed only once approved. */
  card = xs_person_page_get_year_card (page, 2025);
  professional = xs_year_card_get_bar (card, XS_SUBJECT_PROFESSIONAL);
  g_assert_cmpint (xs_hours_bar_get_confirmed (professional), ==, confirmed_before);
  g_assert_cmpint (xs_hours_bar_get_claimed (professional), ==, claimed_before + 200);
}

typedef struct
{
  const char *kind;
  const char *fields; /* the rest of a valid activity: "name=value …" */
  const char *name;
  const char *at_limit;
  const char *past_limit;
} FieldLimit;

/* One per type of typed field; the limits are the core's (xs-params.c). */
static const FieldLimit field_limits[] = {
  { "paper", "role=first", "year", "2100", "2101" },
  { "online-course", "subject=public hours=8", "end", "1990-01-01", "1989-12-31" },
  { "training", "subject=public start=2021-01-01 end=2023-12-31", "days", "999.5", "1000" },
  { "online-course", "subject=public year=2023", "hours", "9999.9", "10000" },
  { "qualification-exam", "year=2022", "count", "999", "1000" },
  { "invention-patent", "year=2022", "rank", "9999", "10000" },
};

/* What the engine says of @activity_id with @fields and @name=@value. */
static char *
engine_message (const FieldLimit *limit, const char *activity_id, const char *value)
{
  g_autoptr (XsActivity) a = xs_activity_new ();
  g_auto (GStrv) pairs = g_strsplit (limit->fields, " ", -1);
  g_autoptr (GError) error = NULL;

  a->id = g_strdup (activity_id);
  a->kind = g_strdup (limit->kind);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      g_auto (GStrv) pair = g_strsplit (pairs[i], "=", 2);
      xs_activity_set_param (a, pair[0], pair[1]);
    }
  xs_activity_set_param (a, limit->name, value);
  if (xs_engine_validate (xs_session_get_rules (fx.session), a, &error))
    return NULL;
  return g_strdup (error->message);
}

/* The editor's fields take what the engine takes and say what the engine says. */
static void
test_editor_fields_say_what_the_engine_says (void)
{
  XsActivityEditor *editor;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.add-activity", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (XS_TYPE_ACTIVITY_EDITOR), "the editor");
  editor = g_object_ref (find_toplevel (XS_TYPE_ACTIVITY_EDITOR));

  for (guint i = 0; i < G_N_ELEMENTS (field_limits); i++)
    {
      const FieldLimit *limit = &field_limits[i];
      const char *id = xs_activity_editor_get_activity_id (editor);
      g_auto (GStrv) pairs = g_strsplit (limit->fields, " ", -1);
      g_autofree char *refused = engine_message (limit, id, limit->past_limit);
      g_autofree char *accepted = engine_message (limit, id, limit->at_limit);
      g_autofree char *shown = NULL;

      g_assert_true (xs_activity_editor_select_kind (editor, limit->kind));
      for (guint k = 0; pairs[k] != NULL; k++)
        {
          g_auto (GStrv) pair = g_strsplit (pairs[k], "=", 2);
          g_assert_true (xs_activity_editor_set_field (editor, pair[0], pair[1]));
        }

      g_assert_true (xs_activity_editor_set_field (editor, limit->name, limit->at_limit));
      g_assert_null (accepted);
      g_assert_null (xs_activity_editor_get_field_problem (editor, limit->name));
      g_assert_cmpint (xs_activity_editor_get_hours (editor), >=, 0);

      g_assert_true (xs_activity_editor_set_field (editor, limit->name, limit->past_limit));
      g_assert_nonnull (refused);
      g_assert_nonnull (xs_activity_editor_get_field_problem (editor, limit->name));
      shown = g_strdup_printf ("Activity %s: %s", id,
                               xs_activity_editor_get_field_problem (editor, limit->name));
      g_assert_cmpstr (shown, ==, refused);
      g_assert_cmpint (xs_activity_editor_get_hours (editor), ==, -1);
      g_assert_true (xs_activity_editor_set_field (editor, limit->name, NULL));
    }

  gtk_window_close (GTK_WINDOW (editor));
  wait_until (toplevel_gone, editor, "the editor to close");
  g_object_unref (editor);
  drain ();
}

/* Selects @material in @dropdown, by its name as shown. */
static void
choose_material (GtkDropDown *dropdown, const char *material)
{
  GListModel *names = gtk_drop_down_get_model (dropdown);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    {
      g_autoptr (GtkStringObject) name = g_list_model_get_item (names, i);

      if (g_str_equal (gtk_string_object_get_string (name), material))
        {
          gtk_drop_down_set_selected (dropdown, i);
          return;
        }
    }
  g_error ("No material %s offered", material);
}

static void
test_evidence_attaches_files (void)
{
  g_autofree char *notice = sample_path ("evidence/p001-a6-notice.png");
  g_autofree char *certificate = sample_path ("evidence/p001-a1-certificate.pdf");
  const char *paths[] = { notice, certificate, NULL };
  XsActivityItem *item;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  guint before = fx.changes;
  guint rows = 0;

  /* Two files at once, each asked for its own material, the still-missing ones first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (xs_window_get_person_page (fx.window)),
                                             "person.attach-files", "(s^as)", fx.new_activity_id,
                                             paths));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the material dialog");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  list = adw_message_dialog_get_extra_child (dialog);
  g_assert_true (GTK_IS_LIST_BOX (list));
  for (GtkWidget *row = gtk_widget_get_first_child (list); row;
       row = gtk_widget_get_next_sibling (row), rows++)
    {
      GtkWidget *dropdown = NULL;

      /* The row's suffix: the only drop-down in it. */
      for (GtkWidget *w = gtk_widget_get_first_child (row); w && !dropdown;)
        {
          if (GTK_IS_DROP_DOWN (w))
            dropdown = w;
          else if (gtk_widget_get_first_child (w))
            w = gtk_widget_get_first_child (w);
          else
            {
              while (w && !gtk_widget_get_next_sibling (w) && w != row)
                w = gtk_widget_get_parent (w);
              w = (w && w != row) ? gtk_widget_get_next_sibling (w) : NULL;
            }
        }
      g_assert_nonnull (dropdown);
      choose_material (GTK_DROP_DOWN (dropdown), rows == 0 ? "通知" : "结业证书");
    }
  g_assert_cmpuint (rows, ==, 2);
  adw_message_dialog_response (dialog, "attach");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (changes_reached, GUINT_TO_POINTER (before + 1), "the files to be attached");
  drain ();

  item = find_item (fx.new_activity_id);
  g_assert_cmpuint (xs_activity_item_get_activity (item)->evidence->len, ==, 2);
  g_assert_true (xs_activity_item_get_evidence_satisfied (item));
  {
    const GPtrArray *evidence = xs_activity_item_get_activity (item)->evidence;
    const XsEvidence *first = g_ptr_array_index (evidence, 0);
    const XsEvidence *second = g_ptr_array_index (evidence, 1);

    g_assert_cmpstr (first->material, !=, second->material);
  }
}

static gboolean
scan_shown (gpointer data)
{
  return xs_scan_view_get_texture (xs_review_window_get_scan_view (data)) != NULL;
}

static gboolean
pdf_pages_known (gpointer data)
{
  return xs_review_window_get_n_pages (data) > 0 &&
         xs_scan_view_get_texture (xs_review_window_get_scan_view (data)) != NULL;
}

static void
test_review_approves (void)
{
  XsPersonPage *page = xs_window_get_person_page (fx.window);
  XsHoursBar *professional =
      xs_year_card_get_bar (xs_person_page_get_year_card (page, 2025), XS_SUBJECT_PROFESSIONAL);
  gint64 confirmed_before = xs_hours_bar_get_confirmed (professional);
  XsReviewWindow *review;
  XsScanView *view;
  XsActivityItem *item;
  guint before;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "person.review-activity", "s",
                                             fx.new_activity_id));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (XS_TYPE_REVIEW_WINDOW), "the review window");
  review = find_toplevel (XS_TYPE_REVIEW_WINDOW);
  g_assert_cmpuint (g_list_model_get_n_items (xs_review_window_get_evidence (review)), ==, 2);

  /* The first scan is decoded off the main thread, then shown. */
  view = xs_review_window_get_scan_view (review);
  wait_until (scan_shown, review, "the first scan");
  xs_scan_view_rotate (view, 90);
  g_assert_cmpint (xs_scan_view_get_rotation (view), ==, 90);
  xs_scan_view_set_zoom (view, 1.0);
  g_assert_cmpfloat (xs_scan_view_get_zoom (view), ==, 1.0);
  g_assert_cmpint (xs_scan_view_get_fit (view), ==, XS_SCAN_FIT_NONE);
  /* The next file is the PDF: its page comes through poppler. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.next-file", NULL));
  wait_until (pdf_pages_known, review, "the PDF page");
  g_assert_cmpint (xs_scan_view_get_rotation (view), ==, 0);

  before = fx.changes;
  xs_session_set_reviewer_name (fx.session, "李四");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.approve", NULL));
  wait_until (changes_reached, GUINT_TO_POINTER (before + 1), "the approval");
  drain ();
  g_assert_cmpint (xs_review_window_get_activity (review)->status, ==, XS_STATUS_APPROVED);
  gtk_window_destroy (GTK_WINDOW (review));

  item = find_item (fx.new_activity_id);
  g_assert_cmpint (xs_activity_item_get_status (item), ==, XS_STATUS_APPROVED);
  professional =
      xs_year_card_get_bar (xs_person_page_get_year_card (page, 2025), XS_SUBJECT_PROFESSIONAL);
  g_assert_cmpint (xs_hours_bar_get_confirmed (professional), ==, confirmed_before + 200);
  g_assert_cmpstr (xs_year_card_get_badge (xs_person_page_get_year_card (page, 2025)), !=, "");
}

static void
test_review_rejects_only_with_reason (void)
{
  XsPersonPage *page = xs_window_get_person_page (fx.window);
  XsReviewWindow *review;
  AdwMessageDialog *dialog;
  guint before = fx.changes;

  gtk_widget_activate_action (GTK_WIDGET (page), "person.review-activity", "s", fx.new_activity_id);
  wait_until (toplevel_shown, GSIZE_TO_POINTER (XS_TYPE_REVIEW_WINDOW), "the review window");
  review = find_toplevel (XS_TYPE_REVIEW_WINDOW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.reject", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the refusal");
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (fx.changes, ==, before);

  xs_review_window_set_reason (review, "证书为复印件，无公章", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.reject", NULL));
  wait_until (changes_reached, GUINT_TO_POINTER (before + 1), "the rejection");
  drain ();
  g_assert_cmpint (xs_activity_item_get_status (find_item (fx.new_activity_id)), ==,
                   XS_STATUS_REJECTED);
  gtk_window_destroy (GTK_WINDOW (review));
}

static void
test_person_list_follows_changes (void)
{
  XsPersonIndex *index = xs_window_get_index (fx.window);
  XsPersonItem *item = xs_person_index_get_item (index, xs_person_index_find (index, "P001"));

  /* The sidebar's item was refreshed from the person's own report. */
  g_assert_cmpstr (xs_person_item_get_person_id (item), ==, "P001");
  g_assert_nonnull (xs_person_item_get_unit_name (item));
}

static void
collect_person_rows (GtkWidget *widget, GPtrArray *rows)
{
  if (XS_IS_PERSON_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_person_rows (child, rows);
}

/* The rows draw their own texts: what they draw is the person's, and follows the item. */
static void
test_person_rows_show_the_person (void)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new ();
  XsPersonRow *row = NULL;
  g_autoptr (XsPersonItem) item = NULL;
  g_autofree char *text = NULL;

  collect_person_rows (GTK_WIDGET (fx.window), rows);
  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      XsPersonItem *shown = xs_person_row_get_item (g_ptr_array_index (rows, i));

      if (shown != NULL && g_str_equal (xs_person_item_get_person_id (shown), "P001"))
        row = g_ptr_array_index (rows, i);
    }
  g_assert_nonnull (row);
  text = xs_person_row_get_text (row);
  g_assert_cmpstr (text, ==, "张三\n430102********0270\n湖南省湘江人民医院");
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (row)), >, 0);

  item = g_object_ref (xs_person_row_get_item (row));
  xs_person_row_set_item (row, NULL);
  g_clear_pointer (&text, g_free);
  text = xs_person_row_get_text (row);
  g_assert_cmpstr (text, ==, "\n\n");
  xs_person_row_set_item (row, item);
}

static void
test_delete_removes_activity (void)
{
  XsPersonPage *page = xs_window_get_person_page (fx.window);
  guint n = g_list_model_get_n_items (xs_person_page_get_activities (page));
  guint before = fx.changes;
  g_autoptr (XsActivity) deleted =
      xs_activity_ref (xs_activity_item_get_activity (find_item (fx.new_activity_id)));
  g_autoptr (GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "person.delete-activity", "s",
                                             fx.new_activity_id));
  wait_until (changes_reached, GUINT_TO_POINTER (before + 1), "the deletion");
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (xs_person_page_get_activities (page)), ==, n - 1);
  g_assert_null (find_item (fx.new_activity_id));

  /* Ctrl+Z does what the toast's Undo does: the activity comes back whole, its files with
   * it. */
  g_assert_true (xs_person_page_can_undo (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "person.undo", NULL));
  g_assert_false (xs_person_page_can_undo (page));
  drain ();
  g_assert_cmpuint (g_list_model_get_n_items (xs_person_page_get_activities (page)), ==, n);
  g_assert_cmpuint (xs_activity_item_get_activity (find_item (fx.new_activity_id))->evidence->len,
                    ==, 2);
}

static gboolean
sheet_rendered (gpointer data)
{
  return xs_sheet_preview_get_n_pages (data) > 0;
}

static void
test_sheet_preview_renders (void)
{
  XsSheetPreview *preview = xs_sheet_preview_new (fx.session, "P001");
  GBytes *pdf;

  gtk_window_present (GTK_WINDOW (preview));
  wait_until (sheet_rendered, preview, "the sheet");
  pdf = xs_sheet_preview_get_pdf (preview);
  g_assert_nonnull (pdf);
  g_assert_true (g_bytes_get_size (pdf) > 1000);
  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
  gtk_window_destroy (GTK_WINDOW (preview));
}

static XsSheetPreview *
preview_of (const char *person_id)
{
  XsSheetPreview *preview = xs_sheet_preview_new (fx.session, person_id);

  gtk_window_present (GTK_WINDOW (preview));
  wait_until (sheet_rendered, preview, "the sheet");
  return preview;
}

/* The preview says a sheet is a draft before the round's first stage passes, and its 草稿
 * button cannot make it final; once a stage passed the choice is the clerk's again. */
static void
test_sheet_preview_says_draft_before_the_first_pass (void)
{
  g_autoptr (GError) error = NULL;
  XsSheetPreview *preview;

  if (!xs_session_round_pass (fx.session, "P002", NULL, NULL, NULL))
    xs_session_round_pass (fx.session, "P002", NULL, "单位研究同意", &error);
  g_assert_no_error (error);
  preview = preview_of ("P002");
  g_assert_true (xs_sheet_preview_get_draft_chosen_freely (preview));
  g_assert_true (xs_sheet_preview_get_notice (preview) == NULL ||
                 strstr (xs_sheet_preview_get_notice (preview), "draft") == NULL);
  gtk_window_destroy (GTK_WINDOW (preview));

  g_assert_true (xs_session_round_return (fx.session, "P002", "补充材料", &error));
  g_assert_no_error (error);
  preview = preview_of ("P002");
  g_assert_false (xs_sheet_preview_get_draft_chosen_freely (preview));
  g_assert_nonnull (xs_sheet_preview_get_notice (preview));
  g_assert_nonnull (strstr (xs_sheet_preview_get_notice (preview), "draft"));
  gtk_window_destroy (GTK_WINDOW (preview));
}

static gboolean
transfer_done (gpointer dialog)
{
  return xs_transfer_dialog_get_summary (dialog) != NULL;
}

/* Runs a transfer on @path and returns its dialog once the work is done. */
static XsTransferDialog *
run_transfer (const char *what, const char *path)
{
  XsTransferDialog *dialog;

  xs_transfer_run_file (GTK_WINDOW (fx.window), fx.session, what, path);
  wait_until (toplevel_shown, GSIZE_TO_POINTER (XS_TYPE_TRANSFER_DIALOG), "the transfer dialog");
  dialog = find_toplevel (XS_TYPE_TRANSFER_DIALOG);
  wait_until (transfer_done, dialog, what);
  return dialog;
}

/* Everyone's sheet, one file each, through the core's batch: all of them, and nothing else. */
static void
test_transfer_exports_sheet_files (void)
{
  guint persons = xs_person_index_get_n_persons (xs_window_get_index (fx.window));
  g_autofree char *expected = g_strdup_printf ("%u sheets written", persons);
  g_autofree char *folder = g_build_filename (fx.dir, "sheets", NULL);
  g_autoptr (GDir) dir = NULL;
  const char *name;
  guint pdfs = 0, others = 0;
  XsTransferDialog *dialog;

  dialog = run_transfer ("export-sheet-files", folder);
  g_assert_true (g_str_has_prefix (xs_transfer_dialog_get_summary (dialog), expected));
  gtk_window_destroy (GTK_WINDOW (dialog));

  dir = g_dir_open (folder, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (g_str_has_suffix (name, ".pdf") && name[0] != '.')
        pdfs++;
      else
        others++;
    }
  g_assert_cmpuint (persons, >=, 8);
  g_assert_cmpuint (pdfs, ==, persons);
  g_assert_cmpuint (others, ==, 0);
}

static void
test_transfer_exports_report_and_exchange (void)
{
  g_autofree char *xlsx = g_build_filename (fx.dir, "report.xlsx", NULL);
  g_autofree char *xml = g_build_filename (fx.dir, "out", "unit.xml", NULL);
  g_autofree char *out_dir = g_path_get_dirname (xml);
  g_autofree char *head = NULL;
  XsTransferDialog *dialog;

  dialog = run_transfer ("export-report", xlsx);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (xlsx, &head, NULL, NULL));
  g_assert_cmpmem (head, 2, "PK", 2);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_mkdir_with_parents (out_dir, 0700);
  dialog = run_transfer ("export-exchange", xml);
  g_assert_true (g_file_test (xml, G_FILE_TEST_IS_REGULAR));
  g_assert_nonnull (strstr (xs_transfer_dialog_get_summary (dialog), "8"));
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
index_has (gpointer n)
{
  return xs_person_index_get_loaded (xs_window_get_index (fx.window)) &&
         xs_person_index_get_n_persons (xs_window_get_index (fx.window)) == GPOINTER_TO_UINT (n);
}

static void
test_transfer_checks_roster_before_importing (void)
{
  g_autofree char *csv = g_build_filename (fx.dir, "roster.csv", NULL);
  XsTransferDialog *dialog;

  g_assert_true (g_file_set_contents (csv,
                                      "人员编号,姓名,性别,身份证号,单位编号\n"
                                      "P100,新人甲,女,430102199202290069,U1\n"
                                      "P101,新人乙,男,430102199202290060,U1\n",
                                      -1, NULL));
  /* A bad check digit: nothing is written until the clerk agrees to import the rest. */
  dialog = run_transfer ("import-roster", csv);
  g_test_message ("check: %s", xs_transfer_dialog_get_summary (dialog));
  g_assert_cmpuint (g_list_model_get_n_items (xs_transfer_dialog_get_problems (dialog)), >=, 1);
  g_assert_cmpuint (xs_person_index_get_n_persons (xs_window_get_index (fx.window)), ==, 8);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "transfer.proceed", NULL));
  wait_until (transfer_done, dialog, "the import of the good rows");
  g_test_message ("roster: %s", xs_transfer_dialog_get_summary (dialog));
  wait_until (index_has, GUINT_TO_POINTER (9), "the list to show the new person");
  g_assert_cmpint (xs_person_index_find (xs_window_get_index (fx.window), "P100"), >=, 0);
  g_assert_cmpint (xs_person_index_find (xs_window_get_index (fx.window), "P101"), <, 0);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static char *
dup_person_name (const char *id)
{
  g_autoptr (XsPerson) person = xs_store_get_person (xs_session_get_store (fx.session), id, NULL);
  return g_strdup (person->name);
}

/* A file that would undo a clerk's change waits for their word, saying what it replaces. */
static void
test_transfer_asks_before_an_import_replaces (void)
{
  g_autofree char *sample = sample_path ("sample.xml");
  g_autofree char *original = dup_person_name ("P001");
  g_autofree char *name = NULL;
  g_autoptr (XsPerson) edited = NULL;
  g_autoptr (GError) error = NULL;
  XsTransferDialog *dialog;
  GListModel *problems;
  g_autofree char *first = NULL;

  edited = xs_store_get_person (xs_session_get_store (fx.session), "P001", NULL);
  g_free (edited->name);
  edited->name = g_strdup ("本地更正");
  g_assert_true (
      xs_records_edit_person (xs_session_get_store (fx.session), edited, "test", NULL, &error));
  g_assert_no_error (error);

  dialog = run_transfer ("import-exchange", sample);
  g_test_message ("check: %s", xs_transfer_dialog_get_summary (dialog));
  problems = xs_transfer_dialog_get_problems (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (problems), >=, 1);
  {
    g_autoptr (GtkStringObject) line = g_list_model_get_item (problems, 0);
    first = g_strdup (gtk_string_object_get_string (line));
  }
  g_assert_nonnull (strstr (first, "P001"));
  g_assert_nonnull (strstr (first, "本地更正"));
  /* Nothing is imported yet. */
  name = dup_person_name ("P001");
  g_assert_cmpstr (name, ==, "本地更正");
  g_clear_pointer (&name, g_free);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "transfer.proceed", NULL));
  wait_until (transfer_done, dialog, "the import after the clerk agreed");
  g_assert_nonnull (strstr (xs_transfer_dialog_get_summary (dialog), "8"));
  name = dup_person_name ("P001");
  g_assert_cmpstr (name, ==, original);
  /* The sample's eight persons come back as they were; the roster's new one stays. */
  wait_until (index_has, GUINT_TO_POINTER (9), "the list after the import");
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
test_preferences_bind_the_reviewer (void)
{
  XsPreferencesWindow *prefs =
      xs_preferences_window_new (fx.session, xs_session_get_settings (fx.session));

  gtk_window_present (GTK_WINDOW (prefs));
  drain ();
  xs_session_set_reviewer_name (fx.session, "王五");
  if (xs_session_get_settings (fx.session) != NULL)
    {
      g_autofree char *stored =
          g_settings_get_string (xs_session_get_settings (fx.session), "reviewer-name");
      g_assert_cmpstr (stored, ==, "王五");
    }
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_shortcuts_window_builds (void)
{
  g_autoptr (GtkBuilder) builder =
      gtk_builder_new_from_resource ("/io/github/xueshi/Xueshi/gtk/help-overlay.ui");
  GObject *overlay = gtk_builder_get_object (builder, "help_overlay");

  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

static gboolean
spinner_turned (gpointer spinner)
{
  return xs_spinner_get_angle (spinner) > 0;
}

/* What @widget paints now, as a render node (NULL: nothing). */
static GskRenderNode *
paint (GtkWidget *widget)
{
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  return gtk_snapshot_free_to_node (snapshot);
}

static void
test_spinner_turns (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *spinner = xs_spinner_new ();
  g_autoptr (GskRenderNode) node = NULL;
  double angle;

  gtk_widget_set_size_request (spinner, 32, 32);
  gtk_window_set_child (GTK_WINDOW (window), spinner);
  gtk_window_present (GTK_WINDOW (window));
  xs_spinner_set_spinning (XS_SPINNER (spinner), TRUE);
  wait_until (spinner_turned, spinner, "the spinner to turn");
  node = paint (spinner);
  g_assert_nonnull (node);

  /* Stopped, it draws nothing and asks for no more frames. */
  xs_spinner_set_spinning (XS_SPINNER (spinner), FALSE);
  drain ();
  angle = xs_spinner_get_angle (XS_SPINNER (spinner));
  for (int i = 0; i < 20; i++)
    {
      g_usleep (5000);
      drain ();
    }
  g_assert_cmpfloat (xs_spinner_get_angle (XS_SPINNER (spinner)), ==, angle);
  g_clear_pointer (&node, gsk_render_node_unref);
  node = paint (spinner);
  g_assert_null (node);
  gtk_window_destroy (GTK_WINDOW (window));
}

static GtkWidget *
find_widget (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
window_loaded (gpointer window)
{
  return xs_person_index_get_loaded (xs_window_get_index (window));
}

/* A second window on the same records reads them again: until then the overview shows no
 * count rather than zeros, then the same counts as the first window. */
static void
test_overview_counts_wait_for_the_records (void)
{
  XsWindow *second = xs_window_new (NULL, fx.session, NULL);
  g_autofree char *loading = xs_unit_overview_get_counts_text (xs_window_get_overview (second));
  g_autofree char *loaded = NULL;
  g_autofree char *first = xs_unit_overview_get_counts_text (xs_window_get_overview (fx.window));
  GtkWidget *chart;

  g_assert_false (xs_person_index_get_loaded (xs_window_get_index (second)));
  g_assert_cmpstr (loading, ==, "—\n—\n—\n—");
  chart = find_widget (GTK_WIDGET (xs_window_get_overview (second)), XS_TYPE_COMPLIANCE_CHART);
  g_assert_nonnull (chart);
  g_assert_null (gtk_widget_get_tooltip_text (chart));

  wait_until (window_loaded, second, "the second window's records");
  loaded = xs_unit_overview_get_counts_text (xs_window_get_overview (second));
  g_assert_cmpstr (loaded, ==, first);
  g_assert_false (g_str_has_prefix (loaded, "0\n"));
  /* One line per year of the span, counting everyone. */
  g_assert_true (g_str_has_prefix (gtk_widget_get_tooltip_text (chart), "2021: "));
  g_assert_false (g_str_has_suffix (gtk_widget_get_tooltip_text (chart), "\n"));
  gtk_window_destroy (GTK_WINDOW (second));
}

static gboolean
folded (gpointer window)
{
  return xs_person_page_get_folded (xs_window_get_person_page (window));
}

static void
test_window_is_adaptive (void)
{
  XsWindow *narrow = xs_window_new (NULL, fx.session, NULL);

  /* At 360 px the leaflet folds to one pane, with a back button, rather than clipping. */
  gtk_window_set_default_size (GTK_WINDOW (narrow), 360, 640);
  gtk_window_present (GTK_WINDOW (narrow));
  wait_until (folded, narrow, "the leaflet to fold");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (narrow)), <=, 400);
  g_assert_false (folded (fx.window));
  gtk_window_destroy (GTK_WINDOW (narrow));
}

static void
set_up (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsStore) store = NULL;
  g_autoptr (XsRules) rules = NULL;
  g_autofree char *sample = sample_path ("sample.xml");
  g_autoptr (GFile) file = g_file_new_for_path (sample);
  g_autoptr (GSettings) settings = NULL;
  XsImportResult result = { 0 };

  fx.dir = g_dir_make_tmp ("xueshi-app-XXXXXX", &error);
  g_assert_no_error (error);
  fx.db_path = g_build_filename (fx.dir, "sample.db", NULL);
  store = (XsStore *)xs_sqlite_store_open (fx.db_path, &error);
  g_assert_no_error (error);
  rules = xs_rules_get_default (&error);
  g_assert_no_error (error);
  xs_import_file (store, rules, file, NULL, NULL, NULL, &result, &error);
  g_assert_no_error (error);
  xs_import_result_clear (&result);

  settings = xs_session_dup_default_settings ();
  fx.session = xs_session_new (fx.db_path, settings, &error);
  g_assert_no_error (error);
  g_signal_connect (fx.session, "person-changed", G_CALLBACK (on_person_changed_cb), NULL);
  fx.window = xs_window_new (NULL, fx.session, NULL);
  gtk_window_present (GTK_WINDOW (fx.window));
}

/* The sidebar's clock says "a review away"; one who cannot pass even then is shown short. */
static void
test_person_state_follows_the_verdict (void)
{
  g_autofree XsPersonSummary *s = g_malloc0 (sizeof (XsPersonSummary));

  s->pending = 2;
  s->claimed_passed = TRUE;
  g_assert_cmpint (xs_person_summary_get_state (s), ==, XS_PERSON_STATE_AWAITING_REVIEW);
  s->claimed_passed = FALSE;
  g_assert_cmpint (xs_person_summary_get_state (s), ==, XS_PERSON_STATE_NON_COMPLIANT);
  s->pending = 0;
  g_assert_cmpint (xs_person_summary_get_state (s), ==, XS_PERSON_STATE_NON_COMPLIANT);
  s->passed = TRUE;
  g_assert_cmpint (xs_person_summary_get_state (s), ==, XS_PERSON_STATE_COMPLIANT);
}

/* A row says which requirement its hours go to; a rejected one says it counts nothing, and
 * why. */
static void
test_activity_rows_say_subject_and_rejection (void)
{
  XsRules *rules = xs_session_get_rules (fx.session);
  g_autoptr (XsPerson) person = xs_person_new ();
  g_autoptr (GPtrArray) activities =
      g_ptr_array_new_with_free_func ((GDestroyNotify)xs_activity_unref);
  g_autoptr (XsHoursReport) report = NULL;
  XsActivity *a;

  person->id = g_strdup ("T1");
  for (guint i = 0; i < 2; i++)
    {
      a = xs_activity_new ();
      a->id = g_strdup_printf ("T1-A%u", i);
      a->person_id = g_strdup ("T1");
      a->kind = g_strdup ("online-course");
      a->status = i ? XS_STATUS_REJECTED : XS_STATUS_APPROVED;
      xs_activity_set_param (a, "subject", "public");
      xs_activity_set_param (a, "hours", "10");
      xs_activity_set_param (a, "year", "2024");
      if (i)
        xs_activity_add_review (a, "王五", "2026-06-01", XS_STATUS_REJECTED, "证书非本人");
      g_ptr_array_add (activities, a);
    }
  report = xs_hours_report_new (rules, person, activities);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (XsActivityItem) item =
          xs_activity_item_new (rules, g_ptr_array_index (report->activities, i));
      g_autofree char *detail = NULL;
      g_autofree char *hours = NULL;

      g_object_get (item, "detail", &detail, "hours-label", &hours, NULL);
      g_test_message ("%s | %s | %s", detail, hours, xs_activity_item_get_reason (item));
      if (i == 0)
        {
          g_assert_nonnull (strstr (detail, xs_rules_get_subject_name (rules, XS_SUBJECT_PUBLIC)));
          g_assert_nonnull (strstr (hours, "10"));
        }
      else
        {
          g_assert_null (strstr (hours, "10"));
          g_assert_nonnull (strstr (xs_activity_item_get_reason (item), "证书非本人"));
        }
    }
}

/* The review window moves between the person's activities, not only between files. */
static void
test_review_steps_between_activities (void)
{
  XsStore *store = xs_session_get_store (fx.session);
  g_autoptr (GPtrArray) activities = xs_store_list_activities (store, "P002", NULL);
  const char *first = ((XsActivity *)g_ptr_array_index (activities, 0))->id;
  const char *second = ((XsActivity *)g_ptr_array_index (activities, 1))->id;
  XsReviewWindow *review = xs_review_window_new (fx.session, "P002", first);

  gtk_window_present (GTK_WINDOW (review));
  drain ();
  g_assert_cmpstr (xs_review_window_get_activity_id (review), ==, first);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.next-activity", NULL));
  g_assert_cmpstr (xs_review_window_get_activity_id (review), ==, second);
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (review), "review.previous-activity", NULL));
  g_assert_cmpstr (xs_review_window_get_activity_id (review), ==, first);
  /* Nothing before the first. */
  g_assert_true (
      gtk_widget_activate_action (GTK_WIDGET (review), "review.previous-activity", NULL));
  g_assert_cmpstr (xs_review_window_get_activity_id (review), ==, first);
  gtk_window_destroy (GTK_WINDOW (review));
  drain ();
}

static gboolean
problems_checked (gpointer list)
{
  return xs_problem_list_get_n_problems (list) >= 0;
}

/* The review window shows what the scan says against the records, beside the decision, and
 * an explanation given there shows on the problem. */
static void
test_review_shows_the_cross_checks (void)
{
  XsStore *store = xs_session_get_store (fx.session);
  XsRules *rules = xs_session_get_rules (fx.session);
  g_autofree char *dir = g_dir_make_tmp ("xueshi-app-XXXXXX", NULL);
  g_autofree char *scan = g_build_filename (dir, "certificate.png", NULL);
  g_autofree char *sha256 = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;
  XsReviewWindow *review;
  XsProblemList *list;

  xs_test_write_certificate (scan);
  g_assert_true (xs_records_attach_evidence (store, rules, "P001-A1", scan, "certificate", "王五",
                                             &sha256, &error));
  g_assert_no_error (error);
  review = xs_review_window_new (fx.session, "P001", "P001-A1");
  gtk_window_present (GTK_WINDOW (review));
  list = xs_review_window_get_problem_list (review);
  wait_for (problems_checked, list, 120, "the cross-checks");
  text = xs_problem_list_dup_text (list);
  g_assert_nonnull (strstr (text, "The ID number differs\tScan: 430102199003071234 · Records: "
                                  "430102198503140270"));
  g_assert_nonnull (strstr (text, "The dates are outside the activity's"));
  g_assert_null (strstr (text, "The name differs"));
  g_assert_cmpint (xs_problem_list_get_n_problems (list), >=, 3);

  g_assert_true (xs_records_explain_problem (store, "P001-A1", "id-mismatch", sha256, "旧证件号码",
                                             "李四", &error));
  g_assert_no_error (error);
  xs_session_person_changed (fx.session, "P001");
  wait_for (problems_checked, list, 120, "the cross-checks");
  g_free (text);
  text = xs_problem_list_dup_text (list);
  g_assert_nonnull (strstr (text, "Explained: 旧证件号码"));

  gtk_window_destroy (GTK_WINDOW (review));
  drain ();
  g_assert_true (
      xs_records_detach_evidence (store, "P001-A1", sha256, "certificate", "王五", &error));
  g_assert_no_error (error);
  g_remove (scan);
  g_rmdir (dir);
}

static void
attach_finished_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (xs_session_attach_evidence_finish (XS_SESSION (source), result, &error), ==, 1);
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

static gboolean
flag_is_set (gpointer flag)
{
  return *(gboolean *)flag;
}

static gboolean
session_done_reading (gpointer unused)
{
  return !xs_session_is_reading (fx.session);
}

/* A certificate number or an organiser in the search finds the persons whose scans say it:
 * a file attached is read in the background, without opening its review. */
static void
test_search_finds_what_scans_say (void)
{
  XsStore *store = xs_session_get_store (fx.session);
  GListModel *model = G_LIST_MODEL (xs_window_get_person_list (fx.window));
  g_autofree char *dir = g_dir_make_tmp ("xueshi-app-XXXXXX", NULL);
  g_autofree char *scan = g_build_filename (dir, "certificate.png", NULL);
  g_autofree char *sha256 = NULL;
  g_autoptr (GError) error = NULL;

  guint everyone;

  wait_until (index_loaded, NULL, "the person index");
  xs_window_set_search (fx.window, "");
  everyone = g_list_model_get_n_items (model);
  xs_test_write_certificate (scan);
  {
    g_autofree char *contents = NULL;
    gsize length;
    g_autoptr (XsActivity) a = xs_store_get_activity (store, "P003-A1", NULL);
    const char *const paths[] = { scan, NULL };
    const char *const materials[] = { "certificate", NULL };
    gboolean attached = FALSE;

    g_assert_true (g_file_get_contents (scan, &contents, &length, NULL));
    sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, length);
    /* Attached as the clerk does: read after, in the background. */
    xs_session_attach_evidence_async (fx.session, a, paths, materials, NULL, attach_finished_cb,
                                      &attached);
    wait_until (flag_is_set, &attached, "the attach");
    g_assert_true (xs_session_is_reading (fx.session));
    wait_until (session_done_reading, NULL, "the attached file read");
  }
  {
    g_autofree char *kept = xs_store_dup_evidence_text (store, sha256, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (strstr (kept, "HNU-2026-00123"));
  }
  xs_window_set_search (fx.window, "HNU-2026-0012");
  xs_window_set_search (fx.window, "HNU-2026-00123");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  {
    g_autoptr (XsPersonItem) item = g_list_model_get_item (model, 0);

    g_assert_cmpstr (xs_person_item_get_person_id (item), ==, "P003");
  }
  xs_window_set_search (fx.window, "");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, everyone);
  g_assert_true (
      xs_records_detach_evidence (store, "P003-A1", sha256, "certificate", "王五", &error));
  g_assert_no_error (error);
  g_remove (scan);
  g_rmdir (dir);
}

static gboolean
scanners_found (gpointer dialog)
{
  return xs_scan_dialog_has_scanners (dialog) ||
         strstr (xs_scan_dialog_get_status (dialog), "No scanner") != NULL;
}

static gboolean
scan_ready (gpointer dialog)
{
  return xs_scan_dialog_is_ready (dialog);
}

static gboolean
preview_done (gpointer dialog)
{
  return !xs_scan_dialog_is_busy (dialog);
}

static guint
evidence_count (const char *activity_id)
{
  g_autoptr (XsActivity) a =
      xs_store_get_activity (xs_session_get_store (fx.session), activity_id, NULL);

  return a->evidence->len;
}

static gboolean
evidence_grew (gpointer before)
{
  return evidence_count ("P001-A1") > GPOINTER_TO_UINT (before);
}

/* Paper into an activity from the review window's dialog (SANE's test backend): a preview of
 * the flatbed, then the feeder's sheets become one PDF, looked at, then attached; no scanner
 * is said in words. */
static void
test_scan_dialog_attaches_a_feeder_batch (void)
{
  g_autofree char *dir = g_dir_make_tmp ("xueshi-sane-XXXXXX", NULL);
  g_autofree char *conf = g_build_filename (dir, "dll.conf", NULL);
  g_autoptr (XsActivity) a =
      xs_store_get_activity (xs_session_get_store (fx.session), "P001-A1", NULL);
  guint before = a->evidence->len;
  XsScanDialog *dialog;

  g_assert_true (g_file_set_contents (conf, "\n", -1, NULL));
  g_setenv ("SANE_CONFIG_DIR", dir, TRUE);
  dialog = xs_scan_dialog_new (GTK_WINDOW (fx.window), fx.session, a);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (scanners_found, dialog, "the scanner list");
  g_assert_false (xs_scan_dialog_has_scanners (dialog));
  g_assert_nonnull (strstr (xs_scan_dialog_get_status (dialog), "No scanner was found"));
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_true (g_file_set_contents (conf, "test\n", -1, NULL));
  dialog = xs_scan_dialog_new (GTK_WINDOW (fx.window), fx.session, a);
  gtk_window_present (GTK_WINDOW (dialog));
  wait_until (scanners_found, dialog, "the scanner list");
  g_assert_true (xs_scan_dialog_has_scanners (dialog));
  /* A preview of the flatbed is shown, and is not a scan to attach. */
  xs_scan_dialog_preview (dialog);
  g_assert_true (xs_scan_dialog_is_busy (dialog));
  wait_until (preview_done, dialog, "the preview");
  g_assert_true (xs_scan_dialog_has_preview (dialog));
  g_assert_false (xs_scan_dialog_is_ready (dialog));
  g_assert_nonnull (strstr (xs_scan_dialog_get_status (dialog), "preview"));
  xs_scan_dialog_set_source (dialog, XS_SCANNER_SOURCE_ADF);
  xs_scan_dialog_scan (dialog);
  wait_until (scan_ready, dialog, "the scan");
  g_assert_nonnull (strstr (xs_scan_dialog_get_status (dialog), "10 pages scanned"));
  /* Looked at, not attached yet. */
  g_assert_cmpuint (evidence_count ("P001-A1"), ==, before);
  xs_scan_dialog_attach (dialog);
  wait_until (evidence_grew, GUINT_TO_POINTER (before), "the scan attached");
  drain ();
  wait_until (session_done_reading, NULL, "the scan read");
  g_unsetenv ("SANE_CONFIG_DIR");
  g_remove (conf);
  g_rmdir (dir);
}

static gboolean
read_from_scan (gpointer editor)
{
  return xs_activity_editor_get_from_scan (editor, "start");
}

/* A new activity from a scan: the kind and the fields it gives proposed, each marked until
 * the clerk changes it; the hours follow as if typed. */
static void
test_editor_fills_from_a_scan (void)
{
  XsPerson *person = xs_store_get_person (xs_session_get_store (fx.session), "P001", NULL);
  XsActivityEditor *editor = xs_activity_editor_new (fx.session, person, NULL);
  g_autofree char *dir = g_dir_make_tmp ("xueshi-app-XXXXXX", NULL);
  g_autofree char *scan = g_build_filename (dir, "certificate.png", NULL);
  const char *title = NULL, *subtitle = NULL;

  xs_test_write_certificate (scan);
  gtk_window_present (GTK_WINDOW (editor));
  xs_activity_editor_fill_from_file (editor, scan);
  wait_for (read_from_scan, editor, 120, "the scan's fields");
  g_assert_true (xs_activity_editor_get_from_scan (editor, "end"));
  g_assert_true (xs_activity_editor_get_from_scan (editor, "days"));
  g_assert_true (xs_activity_editor_get_field_texts (editor, "start", &title, &subtitle));
  g_assert_cmpstr (subtitle, ==, "Read from the scan: check it");
  /* 2026-03-01 to 03-03: three days of training, 24 学时, once the clerk says the subject
   * (the scan does not). */
  g_assert_cmpint (xs_activity_editor_get_hours (editor), ==, -1);
  g_assert_true (xs_activity_editor_set_field (editor, "subject", "public"));
  g_assert_cmpint (xs_activity_editor_get_hours (editor), ==, 240);
  /* The clerk corrects the days: that one is theirs now, the others still marked. */
  g_assert_true (xs_activity_editor_set_field (editor, "days", "2.5"));
  g_assert_false (xs_activity_editor_get_from_scan (editor, "days"));
  g_assert_true (xs_activity_editor_get_from_scan (editor, "start"));
  g_assert_cmpint (xs_activity_editor_get_hours (editor), ==, 200);
  gtk_window_destroy (GTK_WINDOW (editor));
  drain ();
  xs_person_unref (person);
  g_remove (scan);
  g_rmdir (dir);
}

static gboolean
thumbnail_ready (gpointer file)
{
  return xs_evidence_file_get_thumbnail (file) != NULL;
}

/* Thumbnails come from the core's one pipeline: made off the main thread, cached on disk. */
static void
test_evidence_thumbnails_come_from_the_core (void)
{
  XsRules *rules = xs_session_get_rules (fx.session);
  g_autofree char *path = sample_path ("evidence/p001-a6-notice.png");
  g_autofree char *bytes = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *cached = NULL;
  g_autoptr (XsEvidenceFile) file = NULL;
  XsEvidence evidence = { 0 };
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)bytes, len);
  evidence.material = (char *)"notice";
  evidence.sha256 = sha256;
  evidence.file_name = (char *)"p001-a6-notice.png";
  evidence.size = (gint64)len;
  file = xs_evidence_file_new (rules, &evidence, path);
  xs_evidence_file_load_thumbnail (file);
  wait_until (thumbnail_ready, file, "the thumbnail");
  cached = xs_thumbnail_dup_cache_path (sha256, 160);
  g_assert_true (g_file_test (cached, G_FILE_TEST_IS_REGULAR));
}

static XsRoundBox *
find_round_box (GtkWidget *widget)
{
  if (XS_IS_ROUND_BOX (widget))
    return XS_ROUND_BOX (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      XsRoundBox *found = find_round_box (c);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The person page's round: pass the first stage (asked first), return it, on the page. */
static void
test_round_is_decided_on_the_person_page (void)
{
  XsStore *store = xs_session_get_store (fx.session);
  XsRules *rules = xs_session_get_rules (fx.session);
  g_autoptr (GPtrArray) persons = xs_store_list_persons (store, NULL);
  const char *id = NULL;
  XsPersonPage *page;
  XsRoundBox *box;
  AdwMessageDialog *dialog;

  /* Someone whose confirmed span passes: the first stage needs no override. */
  for (guint i = 0; id == NULL && i < persons->len; i++)
    {
      XsPerson *p = g_ptr_array_index (persons, i);
      g_autoptr (GPtrArray) activities = xs_store_list_activities (store, p->id, NULL);
      g_autoptr (XsHoursReport) report = xs_hours_report_new (rules, p, activities);

      if (report->passed)
        id = p->id;
    }
  g_assert_nonnull (id);
  xs_session_set_reviewer_name (fx.session, "王五");
  xs_window_show_person (fx.window, id);
  page = xs_window_get_person_page (fx.window);
  drain ();
  box = find_round_box (GTK_WIDGET (page));
  g_assert_nonnull (box);
  g_assert_cmpuint (xs_round_box_get_round (box)->current, ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (box), "round.pass", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the pass dialog");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "decide");
  gtk_window_destroy (GTK_WINDOW (dialog)); /* as its button does */
  drain ();
  box = find_round_box (GTK_WIDGET (page));
  g_assert_cmpuint (xs_round_box_get_round (box)->current, ==, 1);
  g_assert_cmpint (xs_round_box_get_round (box)->stages[0].decision, ==, XS_ROUND_PASSED);
  g_assert_cmpstr (xs_round_box_get_round (box)->stages[0].reviewer, ==, "王五");

  /* The overview counts them at the second stage and no longer lists them as not submitted. */
  {
    XsUnitOverview *overview = xs_window_get_unit_overview (fx.window);
    guint before = xs_person_index_get_n_persons (xs_window_get_index (fx.window));

    g_assert_nonnull (overview);
    g_test_message ("round: %s", xs_unit_overview_get_round_counts_text (overview));
    g_assert_nonnull (strstr (xs_unit_overview_get_round_counts_text (overview), "1"));
    g_assert_cmpuint (xs_unit_overview_get_n_not_submitted_rows (overview), ==, before - 1);
  }

  /* A return without a reason is refused and says so; the round stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (box), "round.return", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the return dialog");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "decide");
  gtk_window_destroy (GTK_WINDOW (dialog)); /* as its button does */
  drain ();
  g_assert_cmpuint (xs_round_box_get_round (box)->current, ==, 1);
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  if (dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (dialog)); /* the error */

  /* Changing an approved activity now asks first: Cancel keeps everything, Save starts the
   * round over. */
  {
    g_autoptr (XsPerson) person = xs_store_get_person (store, id, NULL);
    g_autoptr (GPtrArray) activities = xs_store_list_activities (store, id, NULL);
    XsActivity *approved = NULL;
    XsActivityEditor *editor;
    g_autoptr (XsActivity) after = NULL;

    for (guint i = 0; approved == NULL && i < activities->len; i++)
      if (((XsActivity *)g_ptr_array_index (activities, i))->status == XS_STATUS_APPROVED)
        approved = g_ptr_array_index (activities, i);
    g_assert_nonnull (approved);
    editor = xs_activity_editor_new (fx.session, person, approved);
    gtk_window_present (GTK_WINDOW (editor));
    drain ();
    g_assert_true (xs_activity_editor_set_field (editor, "title", "更正后的名称"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
    wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the warning");
    dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    adw_message_dialog_response (dialog, "cancel");
    gtk_window_destroy (GTK_WINDOW (dialog));
    drain ();
    after = xs_store_get_activity (store, approved->id, NULL);
    g_assert_cmpstr (after->title, ==, approved->title);
    g_assert_cmpuint (xs_round_box_get_round (box)->current, ==, 1);
    g_clear_pointer (&after, xs_activity_unref);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
    wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the warning");
    dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
    g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
    adw_message_dialog_response (dialog, "save");
    if (dialog != NULL) /* else it went with the editor, its parent */
      {
        g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
        gtk_window_destroy (GTK_WINDOW (dialog));
      }
    drain ();
    after = xs_store_get_activity (store, approved->id, NULL);
    g_assert_cmpstr (after->title, ==, "更正后的名称");
    box = find_round_box (GTK_WIDGET (page));
    g_assert_cmpuint (xs_round_box_get_round (box)->current, ==, 0);
    g_assert_true (xs_round_box_get_round (box)->reopened);
  }
}

static gboolean
person_listed (gpointer id)
{
  XsPersonIndex *index = xs_window_get_index (fx.window);
  return xs_person_index_get_loaded (index) && xs_person_index_find (index, id) >= 0;
}

static gboolean
person_not_listed (gpointer id)
{
  XsPersonIndex *index = xs_window_get_index (fx.window);
  return xs_person_index_get_loaded (index) && xs_person_index_find (index, id) < 0;
}

static gboolean
no_toplevel_of (gpointer type)
{
  return find_toplevel ((GType)GPOINTER_TO_SIZE (type)) == NULL;
}

/* Add a person in the window, correct them, delete them (asked first), and undo. */
static void
test_persons_are_added_edited_and_deleted (void)
{
  XsStore *store = xs_session_get_store (fx.session);
  XsPersonPage *page;
  XsPersonEditor *editor;
  AdwMessageDialog *dialog;
  g_autoptr (XsPerson) person = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GError) error = NULL;
  guint n_activities;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.add-person", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (XS_TYPE_PERSON_EDITOR), "the person editor");
  editor = XS_PERSON_EDITOR (find_toplevel (XS_TYPE_PERSON_EDITOR));

  /* A wrong check digit is said as it is typed, in the core's words. */
  xs_person_editor_set_field (editor, "id-number", "430203199007150039");
  g_assert_nonnull (xs_person_editor_get_problem (editor));
  g_assert_nonnull (strstr (xs_person_editor_get_problem (editor), "8"));
  xs_person_editor_set_field (editor, "id-number", "430203199007150038");
  g_assert_null (xs_person_editor_get_problem (editor));

  /* Saving without a name: the one writer's message, and nothing stored. */
  xs_person_editor_set_field (editor, "id", "P200");
  g_assert_true (xs_person_editor_select_unit (editor, "U1"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "person-editor.save", NULL));
  g_assert_nonnull (xs_person_editor_get_problem (editor));
  g_assert_null (xs_store_get_person (store, "P200", NULL));

  xs_person_editor_set_field (editor, "name", "新同事");
  xs_person_editor_set_field (editor, "specialty", "儿科");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "person-editor.save", NULL));
  wait_until (no_toplevel_of, GSIZE_TO_POINTER (XS_TYPE_PERSON_EDITOR), "the editor to close");
  wait_until (person_listed, (gpointer) "P200", "the new person in the list");
  person = xs_store_get_person (store, "P200", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (person->name, ==, "新同事");
  g_assert_cmpstr (person->unit_id, ==, "U1");
  g_assert_cmpstr (person->specialty, ==, "儿科");
  g_clear_pointer (&person, xs_person_unref);

  /* Correct P001 and move them to U2: their activities stay. */
  xs_window_show_person (fx.window, "P001");
  page = xs_window_get_person_page (fx.window);
  drain ();
  activities = xs_store_list_activities (store, "P001", NULL);
  n_activities = activities->len;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "person.edit-person", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (XS_TYPE_PERSON_EDITOR), "the person editor");
  editor = XS_PERSON_EDITOR (find_toplevel (XS_TYPE_PERSON_EDITOR));
  xs_person_editor_set_field (editor, "current-title", "副主任医师（已聘）");
  g_assert_true (xs_person_editor_select_unit (editor, "U2"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "person-editor.save", NULL));
  wait_until (no_toplevel_of, GSIZE_TO_POINTER (XS_TYPE_PERSON_EDITOR), "the editor to close");
  person = xs_store_get_person (store, "P001", NULL);
  g_assert_cmpstr (person->current_title, ==, "副主任医师（已聘）");
  g_assert_cmpstr (person->unit_id, ==, "U2");
  g_clear_pointer (&activities, g_ptr_array_unref);
  activities = xs_store_list_activities (store, "P001", NULL);
  g_assert_cmpuint (activities->len, ==, n_activities);
  g_clear_pointer (&activities, g_ptr_array_unref);

  /* Delete asks first; Cancel keeps them. */
  wait_until (person_listed, (gpointer) "P001", "P001 in the list");
  xs_window_show_person (fx.window, "P001");
  drain ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "person.remove-person", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the confirmation");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  drain ();
  g_clear_pointer (&person, xs_person_unref);
  person = xs_store_get_person (store, "P001", NULL);
  g_assert_nonnull (person);

  before = xs_store_list_activities (store, "P001", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "person.remove-person", NULL));
  wait_until (toplevel_shown, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG), "the confirmation");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (dialog, "delete");
  gtk_window_destroy (GTK_WINDOW (dialog));
  wait_until (person_not_listed, (gpointer) "P001", "P001 gone from the list");
  g_assert_null (xs_store_get_person (store, "P001", NULL));

  /* What the toast's Undo does: the person and every activity back, whole. */
  g_assert_true (xs_session_restore_person (fx.session, person, before, &error));
  g_assert_no_error (error);
  wait_until (person_listed, (gpointer) "P001", "P001 back in the list");
  activities = xs_store_list_activities (store, "P001", NULL);
  g_assert_cmpuint (activities->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      const XsActivity *a = g_ptr_array_index (before, i);
      const XsActivity *b = g_ptr_array_index (activities, i);

      g_assert_cmpstr (a->id, ==, b->id);
      g_assert_cmpint (a->status, ==, b->status);
      g_assert_cmpuint (a->evidence->len, ==, b->evidence->len);
      g_assert_cmpuint (a->reviews->len, ==, b->reviews->len);
    }
}

int
main (int argc, char *argv[])
{
  g_autofree char *data_dirs = g_strdup (g_getenv ("XDG_DATA_DIRS"));
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* Isolation hides the system's icon theme too; the home and data folders stay private. */
  g_setenv ("XDG_DATA_DIRS", data_dirs ? data_dirs : "/usr/local/share:/usr/share", TRUE);
  xs_core_init ();
  gtk_init ();
  adw_init ();
  set_up ();

  g_test_add_func ("/app/window/lists-persons-by-name-id-and-unit", test_window_lists_persons);
  g_test_add_func ("/app/person/opens-with-a-card-per-year", test_person_opens_with_year_cards);
  g_test_add_func ("/app/person/rows-open-the-review", test_person_rows_open_the_review);
  g_test_add_func ("/app/editor/adds-an-activity-with-live-hours", test_editor_adds_activity);
  g_test_add_func ("/app/editor/fields-say-what-the-engine-says",
                   test_editor_fields_say_what_the_engine_says);
  g_test_add_func ("/app/evidence/attaches-files-as-the-missing-materials",
                   test_evidence_attaches_files);
  g_test_add_func ("/app/review/approves-and-the-year-card-confirms-it", test_review_approves);
  g_test_add_func ("/app/evidence/thumbnails-come-from-the-core",
                   test_evidence_thumbnails_come_from_the_core);
  g_test_add_func ("/app/review/steps-between-activities", test_review_steps_between_activities);
  g_test_add_func ("/app/review/rejects-only-with-a-reason", test_review_rejects_only_with_reason);
  g_test_add_func ("/app/sidebar/follows-the-changes", test_person_list_follows_changes);
  g_test_add_func ("/app/sidebar/rows-show-the-person", test_person_rows_show_the_person);
  g_test_add_func ("/app/activity/deletes-and-undo-restores-it", test_delete_removes_activity);
  g_test_add_func ("/app/sheet/previews-the-pdf", test_sheet_preview_renders);
  g_test_add_func ("/app/sheet/says-draft-before-the-first-pass",
                   test_sheet_preview_says_draft_before_the_first_pass);
  g_test_add_func ("/app/layout/folds-down-to-360-px", test_window_is_adaptive);
  g_test_add_func ("/app/overview/counts-wait-for-the-records",
                   test_overview_counts_wait_for_the_records);
  g_test_add_func ("/app/transfer/exports-the-report-and-the-exchange-file",
                   test_transfer_exports_report_and_exchange);
  g_test_add_func ("/app/transfer/checks-a-roster-before-importing",
                   test_transfer_checks_roster_before_importing);
  g_test_add_func ("/app/transfer/asks-before-an-import-replaces",
                   test_transfer_asks_before_an_import_replaces);
  g_test_add_func ("/app/transfer/exports-a-sheet-file-per-person",
                   test_transfer_exports_sheet_files);
  g_test_add_func ("/app/preferences/bind-the-reviewer-name", test_preferences_bind_the_reviewer);
  g_test_add_func ("/app/shortcuts/window-builds", test_shortcuts_window_builds);
  g_test_add_func ("/app/spinner/turns-while-spinning", test_spinner_turns);
  g_test_add_func ("/app/person/rows-say-subject-and-rejection",
                   test_activity_rows_say_subject_and_rejection);
  g_test_add_func ("/app/sidebar/state-follows-the-verdict", test_person_state_follows_the_verdict);
  g_test_add_func ("/app/review/shows-the-cross-checks", test_review_shows_the_cross_checks);
  g_test_add_func ("/app/search/finds-what-scans-say", test_search_finds_what_scans_say);
  g_test_add_func ("/app/scan/attaches-a-feeder-batch", test_scan_dialog_attaches_a_feeder_batch);
  g_test_add_func ("/app/editor/fills-from-a-scan", test_editor_fills_from_a_scan);
  g_test_add_func ("/app/round/is-decided-on-the-person-page",
                   test_round_is_decided_on_the_person_page);
  g_test_add_func ("/app/persons/are-added-edited-and-deleted",
                   test_persons_are_added_edited_and_deleted);

  status = g_test_run ();
  /* Files attached by the tests are read in the background: done before the store goes. */
  while (xs_session_is_reading (fx.session))
    g_main_context_iteration (NULL, TRUE);
  gtk_window_destroy (GTK_WINDOW (fx.window));
  g_clear_object (&fx.session);
  g_free (fx.new_activity_id);
  g_free (fx.db_path);
  g_free (fx.dir);
  return status;
}
