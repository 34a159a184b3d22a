/* xs-review-window.c — one activity's scans beside its fields; approve or reject from here.
 *
 * The scan's page is decoded off the main thread (xs-scan-page) and handed to the view as a
 * texture; a newer request cancels an older one. Reviews go through the session to the
 * audited records API.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-activity-editor.h"
#include "xs-attach.h"
#include "xs-evidence-file.h"
#include "xs-evidence-tile.h"
#include "xs-labels.h"
#include "xs-problem-list.h"
#include "xs-review-window.h"
#include "xs-scan-dialog.h"
#include "xs-scan-page.h"
#include "xs-spinner.h"

struct _XsReviewWindow
{
  AdwWindow parent_instance;

  XsSession *session;
  XsPerson *person;
  XsActivity *activity;
  GListStore *evidence; /* XsEvidenceFile */
  GPtrArray *field_rows;
  GCancellable *cancellable;
  guint page;
  guint n_pages;

  AdwWindowTitle *window_title;
  AdwFlap *flap;
  GtkStack *viewer_stack;
  XsScanView *scan_view;
  AdwStatusPage *viewer_error_page;
  GtkLabel *page_label;
  GtkButton *zoom_button;
  GtkLabel *status_chip;
  GtkLabel *hours_label;
  AdwPreferencesGroup *fields_group;
  GtkLabel *missing_label;
  GtkGridView *evidence_grid;
  GtkSingleSelection *evidence_selection;
  XsProblemList *problem_list;
  AdwEntryRow *reviewer_row;
  AdwEntryRow *reason_row;
  AdwEntryRow *override_row;
  GtkLabel *history_label;
};

G_DEFINE_FINAL_TYPE (XsReviewWindow, xs_review_window, ADW_TYPE_WINDOW)

static void
update_page_actions (XsReviewWindow *self)
{
  guint n_files = g_list_model_get_n_items (G_LIST_MODEL (self->evidence));
  guint file = gtk_single_selection_get_selected (self->evidence_selection);
  g_autofree char *page = NULL;
  g_autofree char *subtitle = NULL;
  gboolean shown = g_str_equal (gtk_stack_get_visible_child_name (self->viewer_stack), "view");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.previous-file",
                                 file != GTK_INVALID_LIST_POSITION && file > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.next-file",
                                 file != GTK_INVALID_LIST_POSITION && file + 1 < n_files);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.previous-page",
                                 shown && self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.next-page",
                                 shown && self->page + 1 < self->n_pages);
  page =
      shown ? g_strdup_printf ("%u / %u", self->page + 1, MAX (self->n_pages, 1)) : g_strdup ("");
  gtk_label_set_label (self->page_label, page);

  if (file != GTK_INVALID_LIST_POSITION)
    {
      g_autoptr (XsEvidenceFile) item = g_list_model_get_item (G_LIST_MODEL (self->evidence), file);

      /* TRANSLATORS: person · material · file 2 of 5 */
      subtitle = g_strdup_printf (_ ("%s · %s · file %u of %u"), self->person->name,
                                  xs_evidence_file_get_file_name (item), file + 1, n_files);
    }
  else
    subtitle = g_strdup (self->person->name);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

static void
load_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  XsReviewWindow *self = XS_REVIEW_WINDOW (source);
  g_autoptr (GError) error = NULL;
  XsScanPage *loaded = xs_scan_page_load_finish (result, &error);

  if (loaded == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->viewer_error_page, error->message);
      gtk_stack_set_visible_child_name (self->viewer_stack, "error");
      update_page_actions (self);
      return;
    }
  self->n_pages = loaded->n_pages;
  xs_scan_view_set_texture (self->scan_view, loaded->texture, loaded->natural_scale);
  gtk_stack_set_visible_child_name (self->viewer_stack, "view");
  xs_scan_page_free (loaded);
  update_page_actions (self);
}

static void
show_selected (XsReviewWindow *self)
{
  XsEvidenceFile *item = gtk_single_selection_get_selected_item (self->evidence_selection);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (item == NULL)
    {
      gtk_stack_set_visible_child_name (self->viewer_stack, "empty");
      update_page_actions (self);
      return;
    }
  if (xs_evidence_file_get_path (item) == NULL)
    {
      adw_status_page_set_description (self->viewer_error_page,
                                       _ ("The evidence store does not have this file."));
      gtk_stack_set_visible_child_name (self->viewer_stack, "error");
      update_page_actions (self);
      return;
    }
  /* The old page stays until the new one is ready, unless that takes a while. */
  if (xs_scan_view_get_texture (self->scan_view) == NULL)
    gtk_stack_set_visible_child_name (self->viewer_stack, "loading");

  self->cancellable = g_cancellable_new ();
  xs_scan_page_load_async (self, xs_evidence_file_get_path (item), self->page, self->cancellable,
                           load_done_cb, NULL);
}

static void
on_evidence_selection_notify_selected_cb (XsReviewWindow *self)
{
  self->page = 0;
  self->n_pages = 0;
  show_selected (self);
}

static void
on_scan_view_notify_cb (XsReviewWindow *self)
{
  g_autofree char *zoom = g_strdup_printf ("%.0f%%", xs_scan_view_get_zoom (self->scan_view) * 100);

  gtk_button_set_label (self->zoom_button, zoom);
}

static void
add_field (XsReviewWindow *self, const char *title, const char *value)
{
  GtkWidget *row;

  if (value == NULL || *value == '\0')
    return;
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), value);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (self->fields_group, row);
  g_ptr_array_add (self->field_rows, row);
}

static void
fill_fields (XsReviewWindow *self, const XsCredit *credit)
{
  XsRules *rules = xs_session_get_rules (self->session);
  const XsKind *kind = xs_rules_get_kind (rules, self->activity->kind);

  for (guint i = 0; i < self->field_rows->len; i++)
    adw_preferences_group_remove (self->fields_group, g_ptr_array_index (self->field_rows, i));
  g_ptr_array_set_size (self->field_rows, 0);

  add_field (self, _ ("Kind"), kind ? kind->name : self->activity->kind);
  add_field (self, _ ("Organizer"), self->activity->organizer);
  for (guint i = 0; kind != NULL && i < kind->params->len; i++)
    {
      const XsParamSpec *spec = g_ptr_array_index (kind->params, i);
      const char *value = xs_activity_get_param (self->activity, spec->name);
      g_autofree char *title = NULL;
      g_autofree char *text = NULL;

      if (value == NULL)
        continue;
      title = xs_param_dup_title (kind, spec);
      text = xs_param_dup_value_text (rules, spec, value);
      add_field (self, title, text);
    }
  add_field (self, _ ("Recognised"), credit->reason);
}

static void
fill_history (XsReviewWindow *self)
{
  g_autoptr (GString) history = g_string_new (NULL);

  for (guint i = 0; i < self->activity->reviews->len; i++)
    {
      const XsReview *r = g_ptr_array_index (self->activity->reviews, i);

      /* TRANSLATORS: date, reviewer, decision, reason */
      g_string_append_printf (history, _ ("%s %s: %s %s\n"), r->date, r->reviewer,
                              xs_status_get_label (r->decision), r->reason ? r->reason : "");
    }
  if (history->len > 0)
    g_string_truncate (history, history->len - 1);
  gtk_label_set_label (self->history_label, history->str);
  gtk_widget_set_visible (GTK_WIDGET (self->history_label), history->len > 0);
}

static void
set_status_chip (XsReviewWindow *self)
{
  static const char *const classes[] = { "success", "warning", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_chip), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_chip),
                            xs_status_get_css_class (self->activity->status));
  gtk_label_set_label (self->status_chip, xs_status_get_label (self->activity->status));
}

/* Reads the activity again and shows it, keeping the file on screen when it is still there. */
static gboolean
reload (XsReviewWindow *self, const char *activity_id, GError **error)
{
  XsStore *store = xs_session_get_store (self->session);
  XsRules *rules = xs_session_get_rules (self->session);
  g_autoptr (XsActivity) activity = xs_store_get_activity (store, activity_id, error);
  g_autoptr (XsCredit) credit = NULL;
  g_autoptr (XsEvidenceCheck) check = NULL;
  g_autofree char *shown_sha = NULL;
  g_autofree char *hours = NULL;
  XsEvidenceFile *selected;
  guint keep = 0;

  if (activity == NULL)
    return FALSE;
  g_clear_pointer (&self->activity, xs_activity_unref);
  self->activity = g_steal_pointer (&activity);
  credit = xs_engine_compute (rules, self->activity);
  check = xs_evidence_check_activity (rules, self->activity);

  adw_window_title_set_title (self->window_title,
                              self->activity->title && *self->activity->title
                                  ? self->activity->title
                                  : xs_rules_get_kind (rules, self->activity->kind)->name);
  set_status_chip (self);
  hours = xs_credit_is_deemed (credit) ? g_strdup (_ ("Deemed complete"))
                                       : xs_hours_dup_label (xs_credit_get_hours (credit));
  gtk_label_set_label (self->hours_label, hours);
  fill_fields (self, credit);
  fill_history (self);

  gtk_widget_remove_css_class (GTK_WIDGET (self->missing_label), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (self->missing_label), "warning");
  if (check->satisfied)
    {
      gtk_label_set_label (self->missing_label, _ ("The materials this kind needs are all here."));
      gtk_widget_add_css_class (GTK_WIDGET (self->missing_label), "success");
    }
  else
    {
      g_autofree char *missing = xs_missing_dup_text (rules, check->missing);
      g_autofree char *text = g_strdup_printf (_ ("Still missing: %s"), missing);

      gtk_label_set_label (self->missing_label, text);
      gtk_widget_add_css_class (GTK_WIDGET (self->missing_label), "warning");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->override_row), !check->satisfied);
  xs_problem_list_set_activity (self->problem_list, self->session, self->activity);

  selected = gtk_single_selection_get_selected_item (self->evidence_selection);
  if (selected != NULL)
    shown_sha = g_strdup (xs_evidence_file_get_sha256 (selected));
  g_signal_handlers_block_by_func (self->evidence_selection,
                                   on_evidence_selection_notify_selected_cb, self);
  g_list_store_remove_all (self->evidence);
  for (guint i = 0; i < self->activity->evidence->len; i++)
    {
      const XsEvidence *e = g_ptr_array_index (self->activity->evidence, i);
      g_autofree char *path = xs_records_dup_evidence_path (store, e->sha256);
      g_autoptr (XsEvidenceFile) item = xs_evidence_file_new (rules, e, path);

      if (g_strcmp0 (shown_sha, e->sha256) == 0)
        keep = i;
      g_list_store_append (self->evidence, item);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_grid), self->activity->evidence->len > 0);
  gtk_single_selection_set_selected (self->evidence_selection, self->activity->evidence->len > 0
                                                                   ? keep
                                                                   : GTK_INVALID_LIST_POSITION);
  g_signal_handlers_unblock_by_func (self->evidence_selection,
                                     on_evidence_selection_notify_selected_cb, self);
  selected = gtk_single_selection_get_selected_item (self->evidence_selection);
  if (selected == NULL || g_strcmp0 (shown_sha, xs_evidence_file_get_sha256 (selected)) != 0)
    on_evidence_selection_notify_selected_cb (self);
  else
    update_page_actions (self);
  return TRUE;
}

static void
on_session_person_changed_cb (XsReviewWindow *self, const char *person_id, XsSession *session)
{
  g_autoptr (GError) error = NULL;

  if (self->activity == NULL || g_strcmp0 (person_id, self->activity->person_id) != 0)
    return;
  /* Deleted meanwhile: nothing left to review. */
  if (!reload (self, self->activity->id, &error))
    gtk_window_close (GTK_WINDOW (self));
}

static void
move_file (XsReviewWindow *self, int delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->evidence));
  guint current = gtk_single_selection_get_selected (self->evidence_selection);
  int next;

  if (current == GTK_INVALID_LIST_POSITION)
    return;
  next = (int)current + delta;
  if (next >= 0 && (guint)next < n)
    gtk_single_selection_set_selected (self->evidence_selection, next);
}

/* The person's activity before or after this one, in the page's order: a reviewer goes
 * through them without going back to the page. */
static void
step_activity_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsReviewWindow *self = XS_REVIEW_WINDOW (widget);
  g_autoptr (GPtrArray) activities =
      xs_store_list_activities (xs_session_get_store (self->session), self->person->id, NULL);
  int step = g_str_equal (name, "review.next-activity") ? 1 : -1;
  g_autoptr (GError) error = NULL;

  if (activities == NULL || self->activity == NULL)
    return;
  for (guint i = 0; i < activities->len; i++)
    {
      const XsActivity *a = g_ptr_array_index (activities, i);
      int target = (int)i + step;

      if (!g_str_equal (a->id, self->activity->id))
        continue;
      if (target < 0 || target >= (int)activities->len)
        return;
      gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->override_row), "");
      self->page = 0;
      if (!reload (self, ((const XsActivity *)g_ptr_array_index (activities, target))->id, &error))
        xs_show_error (GTK_WIDGET (self), _ ("Cannot Show the Activity"), error);
      return;
    }
}

/* The cross-checks shown, for tests. */
XsProblemList *
xs_review_window_get_problem_list (XsReviewWindow *self)
{
  return self->problem_list;
}

/* The activity shown, for tests. */
const char *
xs_review_window_get_activity_id (XsReviewWindow *self)
{
  return self->activity ? self->activity->id : NULL;
}

static void
view_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsReviewWindow *self = XS_REVIEW_WINDOW (widget);

  if (g_str_equal (name, "review.previous-file"))
    move_file (self, -1);
  else if (g_str_equal (name, "review.next-file"))
    move_file (self, 1);
  else if (g_str_equal (name, "review.previous-page") && self->page > 0)
    {
      self->page--;
      show_selected (self);
    }
  else if (g_str_equal (name, "review.next-page") && self->page + 1 < self->n_pages)
    {
      self->page++;
      show_selected (self);
    }
  else if (g_str_equal (name, "review.zoom-in"))
    xs_scan_view_zoom_by (self->scan_view, 1.25);
  else if (g_str_equal (name, "review.zoom-out"))
    xs_scan_view_zoom_by (self->scan_view, 0.8);
  else if (g_str_equal (name, "review.zoom-reset"))
    xs_scan_view_set_zoom (self->scan_view, 1);
  else if (g_str_equal (name, "review.fit-page"))
    xs_scan_view_set_fit (self->scan_view, XS_SCAN_FIT_PAGE);
  else if (g_str_equal (name, "review.fit-width"))
    xs_scan_view_set_fit (self->scan_view, XS_SCAN_FIT_WIDTH);
  else if (g_str_equal (name, "review.rotate-left"))
    xs_scan_view_rotate (self->scan_view, -90);
  else if (g_str_equal (name, "review.rotate-right"))
    xs_scan_view_rotate (self->scan_view, 90);
  else if (g_str_equal (name, "review.toggle-panel"))
    adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

static void
decide (XsReviewWindow *self, XsStatus decision)
{
  const char *reason = gtk_editable_get_text (GTK_EDITABLE (self->reason_row));
  const char *override = gtk_editable_get_text (GTK_EDITABLE (self->override_row));
  g_autoptr (GError) error = NULL;
  g_autofree char *done = NULL;

  xs_session_set_reviewer_name (self->session,
                                gtk_editable_get_text (GTK_EDITABLE (self->reviewer_row)));
  if (!xs_session_review (
          self->session, self->activity, decision, reason,
          gtk_widget_get_visible (GTK_WIDGET (self->override_row)) ? override : NULL, &error))
    {
      xs_show_error (GTK_WIDGET (self),
                     decision == XS_STATUS_APPROVED ? _ ("Cannot Approve") : _ ("Cannot Reject"),
                     error);
      return;
    }
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->override_row), "");
  done = g_strdup_printf (_ ("Marked “%s”"), xs_status_get_label (decision));
  xs_show_toast (GTK_WIDGET (self), done);
}

static void
review_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsReviewWindow *self = XS_REVIEW_WINDOW (widget);

  if (g_str_equal (name, "review.approve"))
    decide (self, XS_STATUS_APPROVED);
  else if (g_str_equal (name, "review.reject"))
    decide (self, XS_STATUS_REJECTED);
}

static void
evidence_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsReviewWindow *self = XS_REVIEW_WINDOW (widget);
  const char *sha256, *material;

  if (g_str_equal (name, "review.attach"))
    {
      xs_attach_choose_files (widget, self->session, self->activity);
      return;
    }
  if (g_str_equal (name, "review.scan"))
    {
      gtk_window_present (
          GTK_WINDOW (xs_scan_dialog_new (GTK_WINDOW (self), self->session, self->activity)));
      return;
    }
  if (g_str_equal (name, "review.attach-files"))
    {
      g_autofree const char **paths = g_variant_get_strv (parameter, NULL);

      if (paths[0] != NULL)
        xs_attach_files (widget, self->session, self->activity, paths);
      return;
    }
  g_variant_get (parameter, "(&s&s)", &sha256, &material);
  if (g_str_equal (name, "review.retag-evidence"))
    xs_attach_retag (widget, self->session, self->activity, sha256, material);
  else
    xs_attach_remove (widget, self->session, self->activity, sha256, material);
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsReviewWindow *self = XS_REVIEW_WINDOW (widget);
  GtkWindow *editor =
      GTK_WINDOW (xs_activity_editor_new (self->session, self->person, self->activity));

  gtk_window_set_transient_for (editor, GTK_WINDOW (self));
  gtk_window_present (editor);
}

static gboolean
on_drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, XsReviewWindow *self)
{
  GSList *files;
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_slist_free (files);
  if (paths->len == 0)
    return FALSE;
  g_ptr_array_add (paths, NULL);
  xs_attach_files (GTK_WIDGET (self), self->session, self->activity,
                   (const char *const *)paths->pdata);
  return TRUE;
}

static void
xs_review_window_dispose (GObject *object)
{
  XsReviewWindow *self = XS_REVIEW_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_REVIEW_WINDOW);
  g_clear_object (&self->evidence);
  g_clear_object (&self->session);
  g_clear_pointer (&self->person, xs_person_unref);
  g_clear_pointer (&self->activity, xs_activity_unref);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  G_OBJECT_CLASS (xs_review_window_parent_class)->dispose (object);
}

static void
xs_review_window_class_init (XsReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  static const char *const view_actions[] = {
    "review.previous-file", "review.next-file",   "review.previous-page", "review.next-page",
    "review.zoom-in",       "review.zoom-out",    "review.zoom-reset",    "review.fit-page",
    "review.fit-width",     "review.rotate-left", "review.rotate-right",  "review.toggle-panel",
  };

  object_class->dispose = xs_review_window_dispose;

  g_type_ensure (XS_TYPE_SCAN_VIEW);
  g_type_ensure (XS_TYPE_SPINNER);
  g_type_ensure (XS_TYPE_EVIDENCE_TILE);
  g_type_ensure (XS_TYPE_PROBLEM_LIST);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, viewer_stack);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, scan_view);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, viewer_error_page);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, page_label);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, zoom_button);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, status_chip);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, hours_label);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, fields_group);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, missing_label);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, evidence_grid);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, evidence_selection);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, problem_list);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, reviewer_row);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, reason_row);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, override_row);
  gtk_widget_class_bind_template_child (widget_class, XsReviewWindow, history_label);
  gtk_widget_class_bind_template_callback (widget_class, on_evidence_selection_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_scan_view_notify_cb);

  for (guint i = 0; i < G_N_ELEMENTS (view_actions); i++)
    gtk_widget_class_install_action (widget_class, view_actions[i], NULL, view_action);
  gtk_widget_class_install_action (widget_class, "review.approve", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "review.previous-activity", NULL,
                                   step_activity_action);
  gtk_widget_class_install_action (widget_class, "review.next-activity", NULL,
                                   step_activity_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "review.previous-activity", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "review.next-activity", NULL);
  gtk_widget_class_install_action (widget_class, "review.reject", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "review.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "review.attach", NULL, evidence_action);
  gtk_widget_class_install_action (widget_class, "review.scan", NULL, evidence_action);
  gtk_widget_class_install_action (widget_class, "review.attach-files", "as", evidence_action);
  gtk_widget_class_install_action (widget_class, "review.retag-evidence", "(ss)", evidence_action);
  gtk_widget_class_install_action (widget_class, "review.remove-evidence", "(ss)", evidence_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "review.previous-file", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "review.next-file", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "review.previous-page",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "review.next-page",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "review.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "review.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "review.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "review.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "review.fit-page",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK,
                                       "review.fit-width", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "review.rotate-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "review.rotate-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "review.toggle-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close",
                                       NULL);
}

static void
xs_review_window_init (XsReviewWindow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->evidence = g_list_store_new (XS_TYPE_EVIDENCE_FILE);
  self->field_rows = g_ptr_array_new ();
  gtk_single_selection_set_model (self->evidence_selection, G_LIST_MODEL (self->evidence));
  on_scan_view_notify_cb (self);

  /* Scans dropped anywhere on the window are attached to the activity. */
  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

/**
 * xs_review_window_new:
 *
 * Returns: (transfer full): the window, showing the activity's first file
 */
XsReviewWindow *
xs_review_window_new (XsSession *session, const char *person_id, const char *activity_id)
{
  XsReviewWindow *self = g_object_new (XS_TYPE_REVIEW_WINDOW, NULL);
  g_autoptr (GError) error = NULL;

  self->session = g_object_ref (session);
  self->person = xs_store_get_person (xs_session_get_store (session), person_id, NULL);
  if (self->person == NULL)
    {
      self->person = xs_person_new ();
      self->person->id = g_strdup (person_id);
      self->person->name = g_strdup (person_id);
    }
  g_object_bind_property (session, "reviewer-name", self->reviewer_row, "text",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_signal_connect_object (session, "person-changed", G_CALLBACK (on_session_person_changed_cb),
                           self, G_CONNECT_SWAPPED);
  if (!reload (self, activity_id, &error))
    {
      adw_status_page_set_description (self->viewer_error_page, error->message);
      gtk_stack_set_visible_child_name (self->viewer_stack, "error");
      gtk_widget_set_sensitive (GTK_WIDGET (self->flap), FALSE);
    }
  return self;
}

/**
 * xs_review_window_get_activity:
 *
 * Returns: (transfer none): the activity as last read
 */
XsActivity *
xs_review_window_get_activity (XsReviewWindow *self)
{
  g_return_val_if_fail (XS_IS_REVIEW_WINDOW (self), NULL);
  return self->activity;
}

/**
 * xs_review_window_get_evidence:
 *
 * Returns: (transfer none): the activity's files (XsEvidenceFile)
 */
GListModel *
xs_review_window_get_evidence (XsReviewWindow *self)
{
  g_return_val_if_fail (XS_IS_REVIEW_WINDOW (self), NULL);
  return G_LIST_MODEL (self->evidence);
}

XsScanView *
xs_review_window_get_scan_view (XsReviewWindow *self)
{
  g_return_val_if_fail (XS_IS_REVIEW_WINDOW (self), NULL);
  return self->scan_view;
}

guint
xs_review_window_get_n_pages (XsReviewWindow *self)
{
  g_return_val_if_fail (XS_IS_REVIEW_WINDOW (self), 0);
  return self->n_pages;
}

/* Fills the reason fields as typing would. */
void
xs_review_window_set_reason (XsReviewWindow *self, const char *reason, const char *override_reason)
{
  g_return_if_fail (XS_IS_REVIEW_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), reason ? reason : "");
  gtk_editable_set_text (GTK_EDITABLE (self->override_row), override_reason ? override_reason : "");
}
