/* xs-round-box.c — a person's verification round on their page.
 *
 * One row per stage of the chain (用人单位初审 → 主管单位复审 → 备案 for a provincial unit),
 * with who decided what and when; the current stage can be passed (with an opinion, and an
 * override reason when the confirmed span fails) or returned (with a reason). The decisions
 * go through the one writer; the page reloads on the session's person-changed signal.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-attach.h"
#include "xs-round-box.h"

struct _XsRoundBox
{
  GtkWidget parent_instance;

  XsSession *session;
  XsPerson *person;
  XsRound *round;
  gboolean span_passed;

  GtkLabel *state_label;
  GtkButton *pass_button;
  GtkButton *return_button;
  GtkListBox *stages_list;
};

G_DEFINE_FINAL_TYPE (XsRoundBox, xs_round_box, GTK_TYPE_WIDGET)

static char *
describe_stage (const XsRoundStage *stage)
{
  g_autoptr (GString) text = g_string_new (NULL);

  if (stage->decision == XS_ROUND_PASSED)
    g_string_printf (text, _ ("Passed by %s on %s"), stage->reviewer, stage->date);
  else if (stage->decision == XS_ROUND_RETURNED)
    g_string_printf (text, _ ("Returned by %s on %s"), stage->reviewer, stage->date);
  else
    return g_strdup (_ ("Not decided yet"));
  if (stage->opinion != NULL)
    g_string_append_printf (text, _ ("; “%s”"), stage->opinion);
  if (stage->override != NULL)
    g_string_append_printf (text, _ ("; override: %s"), stage->override);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
fill (XsRoundBox *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->stages_list))) != NULL)
    gtk_list_box_remove (self->stages_list, child);
  for (guint i = 0; self->round != NULL && i < self->round->n_stages; i++)
    {
      const XsRoundStage *stage = &self->round->stages[i];
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (
          stage->decision == XS_ROUND_PASSED     ? "emblem-ok-symbolic"
          : stage->decision == XS_ROUND_RETURNED ? "edit-undo-symbolic"
          : i == self->round->current            ? "content-loading-symbolic"
                                                 : "radio-symbolic");
      g_autofree char *subtitle = describe_stage (stage);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), stage->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      if (stage->decision == XS_ROUND_RETURNED)
        gtk_widget_add_css_class (icon, "error");
      else if (stage->decision == XS_ROUND_PASSED)
        gtk_widget_add_css_class (icon, "success");
      gtk_list_box_append (self->stages_list, row);
    }

  if (self->round == NULL || xs_round_is_filed (self->round))
    {
      gtk_label_set_text (self->state_label,
                          self->round ? _ ("Filed: every stage has passed.") : "");
      gtk_widget_set_visible (GTK_WIDGET (self->pass_button), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->return_button), FALSE);
      return;
    }
  {
    g_autofree char *state = g_strdup_printf (
        self->round->reopened ? _ ("Started over: an approved activity changed. Next: %s.")
                              : _ ("Next: %s."),
        self->round->stages[self->round->current].name);
    gtk_label_set_text (self->state_label, state);
  }
  gtk_button_set_label (self->pass_button, _ ("_Pass…"));
  gtk_widget_set_visible (GTK_WIDGET (self->pass_button), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->return_button), TRUE);
}

void
xs_round_box_show (XsRoundBox *self, XsSession *session, const XsPerson *person)
{
  XsStore *store = xs_session_get_store (session);
  XsRules *rules = xs_session_get_rules (session);
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (XsHoursReport) report = NULL;

  g_return_if_fail (XS_IS_ROUND_BOX (self));
  g_set_object (&self->session, session);
  g_clear_pointer (&self->person, xs_person_unref);
  self->person = xs_person_ref ((XsPerson *)person);
  g_clear_pointer (&self->round, xs_round_free);
  self->round = xs_records_get_round (store, rules, person->id, NULL);
  activities = xs_store_list_activities (store, person->id, NULL);
  report = activities ? xs_hours_report_new (rules, self->person, activities) : NULL;
  self->span_passed = report != NULL && report->passed;
  fill (self);
}

const XsRound *
xs_round_box_get_round (XsRoundBox *self)
{
  return self->round;
}

/* ------------------------------------------------------------------------------------------ */
/* Deciding                                                                                   */

typedef struct
{
  XsRoundBox *self;
  gboolean pass;
  GtkEditable *first;  /* opinion, or the return's reason */
  GtkEditable *second; /* the override reason, when one is needed */
} Decision;

static void
decision_free (Decision *d)
{
  g_object_unref (d->self);
  g_free (d);
}

static void
on_decision_response_cb (AdwMessageDialog *dialog, const char *response, Decision *d)
{
  XsRoundBox *self = d->self;
  g_autoptr (GError) error = NULL;
  const char *first = gtk_editable_get_text (d->first);
  const char *second = d->second ? gtk_editable_get_text (d->second) : NULL;
  gboolean ok;

  if (!g_str_equal (response, "decide"))
    return;
  ok = d->pass ? xs_session_round_pass (self->session, self->person->id, first, second, &error)
               : xs_session_round_return (self->session, self->person->id, first, &error);
  if (!ok)
    xs_show_error (GTK_WIDGET (self),
                   d->pass ? _ ("Cannot Pass the Stage") : _ ("Cannot Return the Round"), error);
}

static GtkEditable *
add_entry (GtkBox *box, const char *title)
{
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *row = adw_entry_row_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (box, list);
  return GTK_EDITABLE (row);
}

static void
decide (XsRoundBox *self, gboolean pass)
{
  const XsRoundStage *stage = &self->round->stages[self->round->current];
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  AdwMessageDialog *dialog;
  Decision *d = g_new0 (Decision, 1);

  d->self = g_object_ref (self);
  d->pass = pass;
  heading = pass ? g_strdup_printf (_ ("Pass “%s”?"), stage->name)
                 : g_strdup_printf (_ ("Return the Round of %s?"), self->person->name);
  if (pass && self->round->current == 0 && !self->span_passed)
    body = g_strdup_printf (_ ("%s does not pass the verification span on confirmed hours. "
                               "Passing anyway needs the reason, which is printed on the sheet."),
                            self->person->name);
  else if (pass)
    body = g_strdup_printf (_ ("As %s, for %s."),
                            *xs_session_get_reviewer_name (self->session)
                                ? xs_session_get_reviewer_name (self->session)
                                : _ ("the reviewer named in Preferences"),
                            self->person->name);
  else
    body = g_strdup (_ ("The round goes back to its first stage; the reason is kept with this "
                        "stage."));
  dialog = ADW_MESSAGE_DIALOG (
      adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), heading, body));
  d->first = add_entry (GTK_BOX (box), pass ? _ ("Opinion (optional)") : _ ("Reason"));
  if (pass && self->round->current == 0 && !self->span_passed)
    d->second = add_entry (GTK_BOX (box), _ ("Override reason"));
  adw_message_dialog_set_extra_child (dialog, box);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "decide",
                                    pass ? _ ("_Pass") : _ ("_Return"), NULL);
  adw_message_dialog_set_response_appearance (
      dialog, "decide", pass ? ADW_RESPONSE_SUGGESTED : ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "decide");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_decision_response_cb), d,
                         (GClosureNotify)(void (*) (void))decision_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pass_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  decide (XS_ROUND_BOX (widget), TRUE);
}

static void
return_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  decide (XS_ROUND_BOX (widget), FALSE);
}

static void
xs_round_box_dispose (GObject *object)
{
  XsRoundBox *self = XS_ROUND_BOX (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_ROUND_BOX);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_pointer (&self->person, xs_person_unref);
  g_clear_pointer (&self->round, xs_round_free);
  G_OBJECT_CLASS (xs_round_box_parent_class)->dispose (object);
}

static void
xs_round_box_class_init (XsRoundBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_round_box_dispose;
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-round-box.ui");
  gtk_widget_class_bind_template_child (widget_class, XsRoundBox, state_label);
  gtk_widget_class_bind_template_child (widget_class, XsRoundBox, pass_button);
  gtk_widget_class_bind_template_child (widget_class, XsRoundBox, return_button);
  gtk_widget_class_bind_template_child (widget_class, XsRoundBox, stages_list);
  gtk_widget_class_install_action (widget_class, "round.pass", NULL, pass_action);
  gtk_widget_class_install_action (widget_class, "round.return", NULL, return_action);
}

static void
xs_round_box_init (XsRoundBox *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
