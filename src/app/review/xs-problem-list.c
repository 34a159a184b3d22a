/* xs-problem-list.c — the cross-checks of an activity's scans (xs-evidence-checks.c): a row
 * per problem, what the scan says beside what the records say, and a button to explain it.
 *
 * The check runs on a worker thread with a store of its own: reading a scan that was not
 * read before takes a second or two a page. A newer activity cancels the older check. The
 * checks never block a decision; they are shown beside it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-attach.h"
#include "xs-problem-list.h"
#include "xs-spinner.h"
#include "xs-worker.h"

struct _XsProblemList
{
  AdwBin parent_instance;

  AdwPreferencesGroup *group;
  GPtrArray *rows;
  GPtrArray *problems; /* XsEvidenceProblem: the rows' */
  GCancellable *cancellable;
  XsSession *session;
  char *activity_id;
  char *person_id;
  int n_problems;
};

G_DEFINE_FINAL_TYPE (XsProblemList, xs_problem_list, ADW_TYPE_BIN)

typedef struct
{
  char *db_path;
  XsRules *rules;
  char *activity_id;
} CheckData;

static void
check_data_free (CheckData *data)
{
  g_free (data->db_path);
  g_clear_object (&data->rules);
  g_free (data->activity_id);
  g_free (data);
}

static gboolean
check_work (gpointer work_data, GCancellable *cancellable, gpointer *out_result, GError **error)
{
  CheckData *data = work_data;
  g_autoptr (XsStore) store = xs_store_open (data->db_path, error);
  GPtrArray *problems;

  if (store == NULL)
    return FALSE;
  problems = xs_records_check_evidence (store, data->rules, data->activity_id, cancellable, error);
  if (problems == NULL)
    return FALSE;
  *out_result = problems;
  return TRUE;
}

static const char *
kind_label (const char *kind)
{
  if (g_str_equal (kind, "name-mismatch"))
    return _ ("The name differs");
  if (g_str_equal (kind, "id-mismatch"))
    return _ ("The ID number differs");
  if (g_str_equal (kind, "date-mismatch"))
    return _ ("The dates are outside the activity's");
  if (g_str_equal (kind, "hours-mismatch"))
    return _ ("The hours differ");
  if (g_str_equal (kind, "duplicate-file"))
    return _ ("The same file is on another person's activity");
  if (g_str_equal (kind, "duplicate-certificate"))
    return _ ("The same certificate number is on another activity");
  return kind;
}

static char *
problem_text (const XsEvidenceProblem *p)
{
  g_autofree char *what = NULL;

  if (g_str_equal (p->kind, "duplicate-file"))
    what = g_strdup_printf (_ ("Also on %s"), p->found);
  else if (g_str_equal (p->kind, "duplicate-certificate"))
    what = g_strdup_printf (_ ("Number and activity: %s"), p->found);
  else
    /* TRANSLATORS: what the scan says, what the records say */
    what = g_strdup_printf (_ ("Scan: %s · Records: %s"), p->found, p->expected);
  if (p->explained != NULL)
    return g_strdup_printf (_ ("%s\nExplained: %s"), what, p->explained);
  return g_steal_pointer (&what);
}

static void
clear_rows (XsProblemList *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static GtkWidget *
add_row (XsProblemList *self, const char *title, const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_group_add (self->group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

typedef struct
{
  XsProblemList *self;
  char *kind;
  char *sha256;
  GtkEntry *entry;
} Explain;

static void
explain_free (gpointer data, GClosure *closure)
{
  Explain *e = data;

  g_object_unref (e->self);
  g_free (e->kind);
  g_free (e->sha256);
  g_free (e);
}

static void
explain_response_cb (AdwMessageDialog *dialog, const char *response, Explain *e)
{
  XsProblemList *self = e->self;
  g_autofree char *actor = NULL;
  g_autoptr (GError) error = NULL;

  if (!g_str_equal (response, "explain") || self->session == NULL)
    return;
  actor = xs_session_dup_actor (self->session);
  if (!xs_records_explain_problem (xs_session_get_store (self->session), self->activity_id, e->kind,
                                   e->sha256, gtk_editable_get_text (GTK_EDITABLE (e->entry)),
                                   actor, &error))
    {
      xs_show_error (GTK_WIDGET (self), _ ("Cannot Save the Explanation"), error);
      return;
    }
  /* The review window reads the activity again, and this list with it. */
  xs_session_person_changed (self->session, self->person_id);
}

static void
on_explain_clicked_cb (GtkButton *button, XsProblemList *self)
{
  const XsEvidenceProblem *p = g_object_get_data (G_OBJECT (button), "problem");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  Explain *e = g_new0 (Explain, 1);

  dialog =
      ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _ ("Explain the Problem"), kind_label (p->kind)));
  e->self = g_object_ref (self);
  e->kind = g_strdup (p->kind);
  e->sha256 = g_strdup (p->sha256);
  e->entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_placeholder_text (e->entry, _ ("Why it is not a problem"));
  gtk_entry_set_activates_default (e->entry, TRUE);
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (e->entry));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "explain", _ ("_Explain"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "explain", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "explain");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (explain_response_cb), e, explain_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_problems (XsProblemList *self, GPtrArray *problems)
{
  clear_rows (self);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  self->problems = g_ptr_array_ref (problems);
  self->n_problems = (int)problems->len;
  if (problems->len == 0)
    {
      add_row (self, _ ("The scans agree with the records"), NULL);
      return;
    }
  for (guint i = 0; i < problems->len; i++)
    {
      XsEvidenceProblem *p = g_ptr_array_index (problems, i);
      g_autofree char *text = problem_text (p);
      GtkWidget *row = add_row (self, kind_label (p->kind), text);

      if (p->explained == NULL)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_ ("E_xplain…"));

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (button, "flat");
          /* self->problems keeps it while the row is shown. */
          g_object_set_data (G_OBJECT (button), "problem", p);
          g_signal_connect (button, "clicked", G_CALLBACK (on_explain_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      else
        gtk_widget_add_css_class (row, "dim-label");
    }
}

static void
check_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  XsProblemList *self = XS_PROBLEM_LIST (source);
  g_autoptr (GError) error = NULL;
  gpointer problems = NULL;

  if (!xs_worker_finish (result, &problems, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      clear_rows (self);
      self->n_problems = 0;
      add_row (self, _ ("The scans could not be checked"), error->message);
      return;
    }
  show_problems (self, problems);
  g_ptr_array_unref (problems);
}

void
xs_problem_list_set_activity (XsProblemList *self, XsSession *session, const XsActivity *activity)
{
  CheckData *data;
  GtkWidget *row;
  GtkWidget *spinner;

  g_return_if_fail (XS_IS_PROBLEM_LIST (self));
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_set_object (&self->session, session);
  g_free (self->activity_id);
  self->activity_id = g_strdup (activity->id);
  g_free (self->person_id);
  self->person_id = g_strdup (activity->person_id);
  clear_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self), activity->evidence->len > 0);
  if (activity->evidence->len == 0)
    {
      self->n_problems = 0;
      return;
    }
  self->n_problems = -1;
  row = add_row (self, _ ("Reading the scans…"), NULL);
  spinner = xs_spinner_new ();
  xs_spinner_set_spinning (XS_SPINNER (spinner), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), spinner);

  self->cancellable = g_cancellable_new ();
  data = g_new0 (CheckData, 1);
  data->db_path = g_strdup (xs_session_get_path (session));
  data->rules = g_object_ref (xs_session_get_rules (session));
  data->activity_id = g_strdup (activity->id);
  xs_worker_run (self, self->cancellable, xs_problem_list_set_activity, check_work, data,
                 (GDestroyNotify)check_data_free, (GDestroyNotify)g_ptr_array_unref, check_done_cb,
                 NULL);
}

int
xs_problem_list_get_n_problems (XsProblemList *self)
{
  return self->n_problems;
}

char *
xs_problem_list_dup_text (XsProblemList *self)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->rows, i);
      const char *subtitle = adw_action_row_get_subtitle (row);

      g_string_append_printf (s, "%s\t%s\n",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                              subtitle ? subtitle : "");
    }
  return g_string_free (s, FALSE);
}

static void
xs_problem_list_dispose (GObject *object)
{
  XsProblemList *self = XS_PROBLEM_LIST (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (xs_problem_list_parent_class)->dispose (object);
}

static void
xs_problem_list_finalize (GObject *object)
{
  XsProblemList *self = XS_PROBLEM_LIST (object);

  g_ptr_array_unref (self->rows);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_free (self->activity_id);
  g_free (self->person_id);
  G_OBJECT_CLASS (xs_problem_list_parent_class)->finalize (object);
}

static void
xs_problem_list_class_init (XsProblemListClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xs_problem_list_dispose;
  G_OBJECT_CLASS (klass)->finalize = xs_problem_list_finalize;
}

static void
xs_problem_list_init (XsProblemList *self)
{
  self->rows = g_ptr_array_new ();
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _ ("Cross-checks"));
  adw_preferences_group_set_description (
      self->group, _ ("What the scans say against the records: for the reviewer to look at, never "
                      "blocking."));
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->group));
}
