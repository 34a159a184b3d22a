/* xs-activity-editor.c — adding or changing an activity, with the hours worked out live.
 *
 * The fields come from the chosen kind's parameters in the rule file; nothing here knows
 * a kind. Every change builds the activity again and asks the rules engine to validate and
 * credit it, so the hours and their reason ("2.5 天 × 8 学时") follow the typing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gi18n.h>

#include "xs-activity-editor.h"
#include "xs-activity-prefill.h"
#include "xs-labels.h"
#include "xs-param-row.h"

struct _XsActivityEditor
{
  AdwWindow parent_instance;

  XsSession *session;
  XsPerson *person;
  XsActivity *original; /* NULL for a new activity */
  char *activity_id;
  GPtrArray *kinds; /* const XsKind *, in the rule file's order */
  const XsKind *kind;
  GPtrArray *rows;  /* XsParamRow of the current kind */
  GHashTable *kept; /* parameter name → value typed, kept across kind changes */
  gint64 hours;     /* -1 while invalid */
  char *reason;
  char *problem;

  AdwWindowTitle *window_title;
  AdwComboRow *kind_row;
  AdwEntryRow *title_row;
  AdwEntryRow *organizer_row;
  AdwPreferencesGroup *params_group;
  AdwActionRow *hours_row;
  GtkImage *hours_icon;
  GtkLabel *problem_label;
  GMenu *bases_menu;
  GtkButton *scan_fill_button;
  GCancellable *cancellable; /* reading a scan for the fields */
  gboolean filling;          /* the fields are being set from a scan, not typed */
};

G_DEFINE_FINAL_TYPE (XsActivityEditor, xs_activity_editor, ADW_TYPE_WINDOW)

enum
{
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static XsActivity *
build_activity (XsActivityEditor *self)
{
  XsActivity *a = xs_activity_new ();
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *organizer = gtk_editable_get_text (GTK_EDITABLE (self->organizer_row));

  a->id = g_strdup (self->activity_id);
  a->person_id = g_strdup (self->person->id);
  a->kind = g_strdup (self->kind ? self->kind->id : "");
  a->status = self->original ? self->original->status : XS_STATUS_PENDING;
  a->title = *title ? g_strstrip (g_strdup (title)) : NULL;
  a->organizer = *organizer ? g_strstrip (g_strdup (organizer)) : NULL;
  for (guint i = 0; i < self->rows->len; i++)
    {
      XsParamRow *row = g_ptr_array_index (self->rows, i);
      xs_activity_set_param (a, xs_param_row_get_name (row), xs_param_row_get_value (row));
    }
  if (self->original != NULL)
    {
      a->version = self->original->version;
      for (guint i = 0; i < self->original->evidence->len; i++)
        {
          const XsEvidence *e = g_ptr_array_index (self->original->evidence, i);
          xs_activity_add_evidence (a, e->material, e->sha256, e->file_name, e->size);
        }
    }
  return a;
}

/* @shown_below: in the label under the fields (a save's refusal); else the hours row says
 * it, where the clerk is looking. */
static void
set_problem_full (XsActivityEditor *self, const char *problem, gboolean shown_below)
{
  g_free (self->problem);
  self->problem = g_strdup (problem);
  gtk_label_set_label (self->problem_label, problem && shown_below ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL && shown_below);
}

static void
set_problem (XsActivityEditor *self, const char *problem)
{
  set_problem_full (self, problem, TRUE);
}

/* "Activity P001-A7: the days…" → "the days…": the id means nothing to the clerk. */
static char *
without_activity_id (const char *message, const char *id)
{
  const char *at = id ? strstr (message, id) : NULL;
  const char *rest;

  if (at == NULL)
    return g_strdup (message);
  at += strlen (id);
  if ((rest = strstr (at, "：")) != NULL && rest - at <= 3)
    return g_strdup (rest + strlen ("："));
  if ((rest = strstr (at, ": ")) != NULL && rest - at <= 3)
    return g_strdup (rest + 2);
  return g_strdup (message);
}

/* Checks each field, then the whole activity; shows the hours or what is wrong. */
static void
recompute (XsActivityEditor *self)
{
  XsRules *rules = xs_session_get_rules (self->session);
  g_autoptr (XsActivity) activity = NULL;
  g_autoptr (XsCredit) credit = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *engine_problem = NULL;
  gboolean fields_ok = TRUE;
  gboolean missing = FALSE;

  g_clear_pointer (&self->reason, g_free);
  self->hours = -1;
  for (guint i = 0; i < self->rows->len; i++)
    {
      XsParamRow *row = g_ptr_array_index (self->rows, i);
      const char *problem = xs_param_row_check (row);

      /* An empty required field says "Required" already; only wrong input is flagged. */
      if (problem != NULL && xs_param_row_get_value (row) == NULL)
        {
          missing = TRUE;
          problem = NULL;
        }
      xs_param_row_set_problem (row, problem);
      fields_ok = fields_ok && problem == NULL;
    }

  if (self->kind == NULL)
    set_problem (self, NULL);
  else if (fields_ok && !missing)
    {
      activity = build_activity (self);
      if (xs_engine_validate (rules, activity, &error))
        {
          credit = xs_engine_compute (rules, activity);
          self->hours = xs_credit_get_hours (credit);
          self->reason = g_strdup (credit->reason);
          set_problem (self, NULL);
          if (xs_credit_is_deemed (credit))
            {
              g_autoptr (GString) years = g_string_new (NULL);

              for (guint i = 0; i < credit->deemed_years->len; i++)
                g_string_append_printf (years, "%s%u", i ? _ (", ") : "",
                                        g_array_index (credit->deemed_years, guint, i));
              g_autofree char *title = g_strdup_printf (_ ("Deemed complete: %s"), years->str);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->hours_row), title);
            }
          else
            {
              g_autofree char *hours = xs_hours_dup_label (self->hours);
              g_autofree char *title = NULL;

              const char *subject = xs_rules_get_subject_name (rules, credit->subject);

              /* No subject when nothing counts (a failed posting): no empty " ·  · ". */
              if (credit->year > 0 && subject != NULL && *subject != '\0')
                /* TRANSLATORS: hours, subject, year: "16 学时 · 公需科目 · 2024" */
                title = g_strdup_printf (_ ("%s · %s · %u"), hours, subject, credit->year);
              else if (credit->year > 0)
                /* TRANSLATORS: hours, year: "0 学时 · 2024" */
                title = g_strdup_printf (_ ("%s · %u"), hours, credit->year);
              else
                title = g_strdup (hours);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->hours_row), title);
            }
          adw_action_row_set_subtitle (self->hours_row, credit->reason);
          gtk_image_set_from_icon_name (self->hours_icon, "emblem-ok-symbolic");
        }
      else
        {
          /* A rule across fields (days beyond the dates…): said where the hours would be,
           * not below the fold, and without the id of an activity not saved yet. */
          g_free (engine_problem);
          engine_problem = without_activity_id (error->message, self->activity_id);
          set_problem_full (self, engine_problem, FALSE);
        }
    }
  else
    set_problem (self, NULL);

  if (self->hours < 0)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->hours_row), "—");
      adw_action_row_set_subtitle (self->hours_row,
                                   self->kind == NULL ? _ ("Choose the kind of activity first")
                                   : engine_problem != NULL ? engine_problem
                                   : missing ? _ ("Fill in the required fields to see the hours")
                                             : _ ("Correct the fields marked in red"));
      gtk_image_set_from_icon_name (self->hours_icon, "accessories-calculator-symbolic");
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", self->hours >= 0);
}

static void
on_field_changed_cb (XsActivityEditor *self)
{
  recompute (self);
}

static void
on_param_row_notify_value_cb (XsParamRow *row, GParamSpec *pspec, XsActivityEditor *self)
{
  const char *value = xs_param_row_get_value (row);

  /* Changed by the clerk: confirmed. */
  if (!self->filling)
    xs_param_row_set_from_scan (row, FALSE);
  if (value != NULL)
    g_hash_table_insert (self->kept, g_strdup (xs_param_row_get_name (row)), g_strdup (value));
  else
    g_hash_table_remove (self->kept, xs_param_row_get_name (row));
  recompute (self);
}

/* Only the fields the kind needs, in the rule file's order; values typed for another kind
 * carry over when the new kind has the same parameter. */
static void
show_kind (XsActivityEditor *self, const XsKind *kind)
{
  XsRules *rules = xs_session_get_rules (self->session);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->params_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  self->kind = kind;
  adw_preferences_group_set_description (self->params_group, kind ? kind->name : NULL);
  for (guint i = 0; kind != NULL && i < kind->params->len; i++)
    {
      const XsParamSpec *spec = g_ptr_array_index (kind->params, i);
      GtkWidget *row = xs_param_row_new (rules, kind, spec);
      const char *kept = g_hash_table_lookup (self->kept, spec->name);

      if (kept != NULL)
        xs_param_row_set_value (XS_PARAM_ROW (row), kept);
      g_signal_connect_object (row, "notify::value", G_CALLBACK (on_param_row_notify_value_cb),
                               self, 0);
      adw_preferences_group_add (self->params_group, row);
      g_ptr_array_add (self->rows, row);
    }
  recompute (self);
}

static void
on_kind_row_notify_selected_cb (XsActivityEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->kind_row);

  if (selected < self->kinds->len)
    show_kind (self, g_ptr_array_index (self->kinds, selected));
}

static gboolean
same_text (const char *a, const char *b)
{
  return g_strcmp0 (a && *a ? a : NULL, b && *b ? b : NULL) == 0;
}

static void
save (XsActivityEditor *self)
{
  g_autoptr (XsActivity) activity = build_activity (self);
  g_autoptr (GError) error = NULL;

  if (!xs_session_save_activity (self->session, activity, &error))
    {
      /* Another clerk saved first. The form keeps this clerk's fields; the record under it
       * (version, evidence, status) is read again, so saving again applies them over it. */
      if (g_error_matches (error, XS_STORE_ERROR, XS_STORE_ERROR_STALE))
        {
          XsActivity *current =
              xs_store_get_activity (xs_session_get_store (self->session), activity->id, NULL);

          if (current != NULL)
            {
              g_clear_pointer (&self->original, xs_activity_unref);
              self->original = current;
            }
        }
      set_problem (self, error->message);
      return;
    }
  g_signal_emit (self, signals[SAVED], 0, activity->id);
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
save_once_cb (gpointer data)
{
  save (data);
  return G_SOURCE_REMOVE;
}

static void
on_confirm_response_cb (AdwMessageDialog *dialog, const char *response, XsActivityEditor *self)
{
  /* After the dialog has closed: saving closes the editor, the dialog's parent. */
  if (g_str_equal (response, "save"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, save_once_cb, g_object_ref (self), g_object_unref);
}

/* An approved activity changed goes back to review, and a round with a passed stage starts
 * over: the clerk is told which before anything happens. */
static void
save_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsActivityEditor *self = XS_ACTIVITY_EDITOR (widget);
  g_autoptr (XsActivity) activity = NULL;
  g_autofree char *old_params = NULL;
  g_autofree char *new_params = NULL;
  gboolean back_to_review, changed, reopens;
  AdwMessageDialog *dialog;
  GString *body;

  if (self->hours < 0)
    return;
  if (self->original == NULL || self->original->status != XS_STATUS_APPROVED)
    {
      save (self);
      return;
    }
  activity = build_activity (self);
  old_params = xs_activity_dup_params_string (self->original);
  new_params = xs_activity_dup_params_string (activity);
  back_to_review = g_strcmp0 (self->original->kind, activity->kind) != 0 ||
                   g_strcmp0 (old_params, new_params) != 0;
  changed = back_to_review || !same_text (self->original->title, activity->title) ||
            !same_text (self->original->organizer, activity->organizer);
  reopens = changed && xs_session_round_would_reopen (self->session, self->person->id);
  if (!back_to_review && !reopens)
    {
      save (self);
      return;
    }

  body = g_string_new (NULL);
  if (back_to_review)
    g_string_append (body, _ ("It goes back to review: its hours count once it is approved "
                              "again."));
  if (reopens)
    g_string_append_printf (body, "%s%s", body->len ? "\n" : "",
                            _ ("The stages of this person’s review and filing that have passed "
                               "start over."));
  dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_WINDOW (self), _ ("Change an Approved Activity?"), body->str));
  g_string_free (body, TRUE);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "save", _ ("_Save Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
organizer_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsActivityEditor *self = XS_ACTIVITY_EDITOR (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->organizer_row),
                         g_variant_get_string (parameter, NULL));
}

static void fill_from_scan_action (GtkWidget *widget, const char *name, GVariant *parameter);

static void
xs_activity_editor_dispose (GObject *object)
{
  XsActivityEditor *self = XS_ACTIVITY_EDITOR (object);

  /* A scan being read comes back to nothing: its callback sees the cancellation. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_ACTIVITY_EDITOR);
  g_clear_object (&self->session);
  g_clear_pointer (&self->person, xs_person_unref);
  g_clear_pointer (&self->original, xs_activity_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (xs_activity_editor_parent_class)->dispose (object);
}

static void
xs_activity_editor_finalize (GObject *object)
{
  XsActivityEditor *self = XS_ACTIVITY_EDITOR (object);

  g_free (self->activity_id);
  g_free (self->reason);
  g_free (self->problem);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_hash_table_unref (self->kept);
  G_OBJECT_CLASS (xs_activity_editor_parent_class)->finalize (object);
}

static void
xs_activity_editor_class_init (XsActivityEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_activity_editor_dispose;
  object_class->finalize = xs_activity_editor_finalize;

  /* The activity was saved (its id). */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (XS_TYPE_PARAM_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-activity-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, XsActivityEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, XsActivityEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, XsActivityEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, XsActivityEditor, organizer_row);
  gtk_widget_class_bind_template_child (widget_class, XsActivityEditor, params_group);
  gtk_widget_class_bind_template_child (widget_class, XsActivityEditor, hours_row);
  gtk_widget_class_bind_template_child (widget_class, XsActivityEditor, hours_icon);
  gtk_widget_class_bind_template_child (widget_class, XsActivityEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, XsActivityEditor, bases_menu);
  gtk_widget_class_bind_template_child (widget_class, XsActivityEditor, scan_fill_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_row_notify_selected_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.fill-from-scan", NULL,
                                   fill_from_scan_action);
  gtk_widget_class_install_action (widget_class, "editor.organizer", "s", organizer_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xs_activity_editor_init (XsActivityEditor *self)
{
  self->rows = g_ptr_array_new ();
  self->kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->hours = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
}

static void
fill_kinds_and_bases (XsActivityEditor *self)
{
  XsRules *rules = xs_session_get_rules (self->session);
  GPtrArray *kinds = xs_rules_get_kinds (rules);
  GPtrArray *bases = xs_rules_get_bases (rules);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);

  self->kinds = g_ptr_array_new ();
  for (guint i = 0; i < kinds->len; i++)
    {
      const XsKind *kind = g_ptr_array_index (kinds, i);

      g_ptr_array_add (self->kinds, (gpointer)kind);
      gtk_string_list_append (names, kind->name);
    }
  /* No kind is chosen until the clerk picks one. */
  g_signal_handlers_block_by_func (self->kind_row, on_kind_row_notify_selected_cb, self);
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->kind_row, GTK_INVALID_LIST_POSITION);
  g_signal_handlers_unblock_by_func (self->kind_row, on_kind_row_notify_selected_cb, self);

  for (guint i = 0; i < bases->len; i++)
    {
      const XsBase *base = g_ptr_array_index (bases, i);
      g_autofree char *label = g_strdup_printf ("%s（%s）", base->name, base->platform);
      g_autoptr (GMenuItem) item = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target (item, "editor.organizer", "s", base->name);
      g_menu_append_item (self->bases_menu, item);
    }
}

/**
 * xs_activity_editor_new:
 * @activity: (nullable): the activity to change, or %NULL for a new one
 *
 * Returns: (transfer full): the editor window
 */
XsActivityEditor *
xs_activity_editor_new (XsSession *session, XsPerson *person, XsActivity *activity)
{
  XsActivityEditor *self = g_object_new (XS_TYPE_ACTIVITY_EDITOR, NULL);
  XsStore *store = xs_session_get_store (session);

  self->session = g_object_ref (session);
  self->person = xs_person_ref (person);
  fill_kinds_and_bases (self);
  adw_window_title_set_subtitle (self->window_title, person->name);

  if (activity == NULL)
    {
      self->activity_id = xs_records_new_activity_id (store, person->id);
      adw_window_title_set_title (self->window_title, _ ("New Activity"));
      recompute (self);
      return self;
    }

  self->original = xs_activity_ref (activity);
  self->activity_id = g_strdup (activity->id);
  adw_window_title_set_title (self->window_title, _ ("Edit Activity"));
  for (guint i = 0; i + 1 < activity->params->len; i += 2)
    g_hash_table_insert (self->kept, g_strdup (g_ptr_array_index (activity->params, i)),
                         g_strdup (g_ptr_array_index (activity->params, i + 1)));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), activity->title ? activity->title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->organizer_row),
                         activity->organizer ? activity->organizer : "");
  xs_activity_editor_select_kind (self, activity->kind);
  return self;
}

const char *
xs_activity_editor_get_activity_id (XsActivityEditor *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_EDITOR (self), NULL);
  return self->activity_id;
}

/**
 * xs_activity_editor_select_kind:
 *
 * Returns: whether the rules know @kind_id
 */
gboolean
xs_activity_editor_select_kind (XsActivityEditor *self, const char *kind_id)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_EDITOR (self), FALSE);

  for (guint i = 0; i < self->kinds->len; i++)
    {
      const XsKind *kind = g_ptr_array_index (self->kinds, i);

      if (g_str_equal (kind->id, kind_id))
        {
          if (adw_combo_row_get_selected (self->kind_row) == i)
            show_kind (self, kind);
          else
            adw_combo_row_set_selected (self->kind_row, i);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * xs_activity_editor_set_field:
 * @name: "title", "organizer" or one of the kind's parameters
 * @value: (nullable): as the store keeps it
 *
 * Fills a field as typing would.
 *
 * Returns: whether the field is shown for the current kind
 */
gboolean
xs_activity_editor_set_field (XsActivityEditor *self, const char *name, const char *value)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_EDITOR (self), FALSE);

  if (g_str_equal (name, "title") || g_str_equal (name, "organizer"))
    {
      AdwEntryRow *row = g_str_equal (name, "title") ? self->title_row : self->organizer_row;

      gtk_editable_set_text (GTK_EDITABLE (row), value ? value : "");
      return TRUE;
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      XsParamRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (xs_param_row_get_name (row), name))
        {
          xs_param_row_set_value (row, value);
          return TRUE;
        }
    }
  return FALSE;
}

/**
 * xs_activity_editor_set_scanned_field:
 *
 * Fills a parameter with what a scan says, marked so until the clerk changes it.
 *
 * Returns: whether the kind has the parameter
 */
gboolean
xs_activity_editor_set_scanned_field (XsActivityEditor *self, const char *name, const char *value)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_EDITOR (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      XsParamRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (xs_param_row_get_name (row), name))
        {
          self->filling = TRUE;
          xs_param_row_set_value (row, value);
          self->filling = FALSE;
          xs_param_row_set_from_scan (row, TRUE);
          return TRUE;
        }
    }
  return FALSE;
}

/* Whether parameter @name shows a value read from a scan, not yet confirmed. For tests. */
gboolean
xs_activity_editor_get_from_scan (XsActivityEditor *self, const char *name)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      XsParamRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (xs_param_row_get_name (row), name))
        return xs_param_row_get_from_scan (row);
    }
  return FALSE;
}

void
xs_activity_editor_set_busy (XsActivityEditor *self, gboolean busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->scan_fill_button), !busy);
  gtk_button_set_label (self->scan_fill_button,
                        busy ? _ ("Reading the Scan…") : _ ("_Fill from a Scan…"));
}

/* Reads a scan the clerk picks for the fields (xs-activity-prefill.c). */
void
xs_activity_editor_fill_from_file (XsActivityEditor *self, const char *path)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  xs_activity_prefill_from_file (self, xs_session_get_rules (self->session), path,
                                 self->cancellable);
}

static void
on_scan_chooser_response_cb (GtkNativeDialog *chooser, int response, XsActivityEditor *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        xs_activity_editor_fill_from_file (self, path);
    }
  g_object_unref (chooser);
}

static void
fill_from_scan_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsActivityEditor *self = XS_ACTIVITY_EDITOR (widget);
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (
      _ ("Fill from a Scan"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Read"), NULL);
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _ ("Scans (PDF, JPEG, PNG, TIFF)"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/tiff");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_scan_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/**
 * xs_activity_editor_get_hours:
 *
 * Returns: the hours in tenths as the fields stand, or -1 while they are incomplete or wrong
 */
gint64
xs_activity_editor_get_hours (XsActivityEditor *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_EDITOR (self), -1);
  return self->hours;
}

const char *
xs_activity_editor_get_reason (XsActivityEditor *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_EDITOR (self), NULL);
  return self->reason;
}

/**
 * xs_activity_editor_get_field_problem:
 * @name: one of the kind's parameters
 *
 * Returns: (nullable): what the field shows is wrong with its value, %NULL when nothing
 */
const char *
xs_activity_editor_get_field_problem (XsActivityEditor *self, const char *name)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_EDITOR (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      XsParamRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (xs_param_row_get_name (row), name))
        return xs_param_row_check (row);
    }
  return NULL;
}

/* The field's row as shown: its title and what it says under it. */
gboolean
xs_activity_editor_get_field_texts (XsActivityEditor *self, const char *name, const char **title,
                                    const char **subtitle)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      XsParamRow *row = g_ptr_array_index (self->rows, i);

      if (g_str_equal (xs_param_row_get_name (row), name))
        {
          *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
          *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
          return TRUE;
        }
    }
  return FALSE;
}

const char *
xs_activity_editor_get_problem (XsActivityEditor *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_EDITOR (self), NULL);
  return self->problem;
}
