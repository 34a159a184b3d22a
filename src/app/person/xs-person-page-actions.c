/* xs-person-page-actions.c — what the clerk can do on a person page (person.*).
 *
 * Activity rows and header buttons name these actions; they open the editor, the review
 * window and the sheet, attach files, and delete with an Undo toast.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-activity-editor.h"
#include "xs-attach.h"
#include "xs-labels.h"
#include "xs-person-editor.h"
#include "xs-person-page-private.h"
#include "xs-review-window.h"
#include "xs-sheet-preview.h"
#include "xs-transfer.h"

static GtkWindow *
get_window (XsPersonPage *self)
{
  return GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
}

void
xs_person_page_show_error (XsPersonPage *self, const char *what, const GError *error)
{
  xs_show_error (GTK_WIDGET (self), what, error);
}

void
xs_person_page_update_actions (XsPersonPage *self)
{
  gboolean has_person = self->person != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.add-activity", has_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.edit-person", has_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.remove-person", has_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.preview-sheet", has_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.print-sheet", has_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "person.export-sheet", has_person);
}

static void
add_activity_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPersonPage *self = XS_PERSON_PAGE (widget);
  GtkWindow *editor = GTK_WINDOW (xs_activity_editor_new (self->session, self->person, NULL));

  gtk_window_set_transient_for (editor, get_window (self));
  gtk_window_present (editor);
}

static XsActivityItem *
lookup_item (XsPersonPage *self, GVariant *parameter)
{
  const char *id = g_variant_get_string (parameter, NULL);
  XsActivityItem *item = xs_person_page_find_activity (self, id);

  if (item == NULL)
    g_warning ("No activity %s on this page", id);
  return item;
}

static void
edit_activity_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPersonPage *self = XS_PERSON_PAGE (widget);
  XsActivityItem *item = lookup_item (self, parameter);
  GtkWindow *editor;

  if (item == NULL)
    return;
  editor = GTK_WINDOW (
      xs_activity_editor_new (self->session, self->person, xs_activity_item_get_activity (item)));
  gtk_window_set_transient_for (editor, get_window (self));
  gtk_window_present (editor);
}

static void
review_activity_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPersonPage *self = XS_PERSON_PAGE (widget);
  XsActivityItem *item = lookup_item (self, parameter);
  GtkWindow *window;

  if (item == NULL)
    return;
  window = GTK_WINDOW (
      xs_review_window_new (self->session, self->person->id, xs_activity_item_get_id (item)));
  gtk_window_set_transient_for (window, get_window (self));
  gtk_window_present (window);
}

/* Undo: the core's save restores a deleted activity whole, evidence and reviews included. */
static gboolean
dismiss_toast_cb (gpointer toast)
{
  adw_toast_dismiss (toast);
  return G_SOURCE_REMOVE;
}

/* An undo stays until dismissed or replaced by the next one (a toast that ran away after five
 * seconds let a late click fall through to the row under it); Ctrl+Z does what its button
 * does. */
static void
remember_undo (XsPersonPage *self, AdwToast *toast)
{
  /* The older undo goes once the newer shows. */
  if (self->undo_toast != NULL)
    {
      AdwToast *old = self->undo_toast;

      g_object_remove_weak_pointer (G_OBJECT (old), (gpointer *)&self->undo_toast);
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, dismiss_toast_cb, g_object_ref (old),
                       g_object_unref);
    }
  self->undo_toast = toast;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *)&self->undo_toast);
}

static void
undo_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPersonPage *self = XS_PERSON_PAGE (widget);
  g_autoptr (AdwToast) toast = NULL;

  if (self->undo_toast == NULL)
    return;
  toast = g_object_ref (self->undo_toast);
  g_object_remove_weak_pointer (G_OBJECT (toast), (gpointer *)&self->undo_toast);
  self->undo_toast = NULL;
  g_signal_emit_by_name (toast, "button-clicked");
  /* From the main loop: dismissing a toast the overlay is still showing trips libadwaita
   * 1.2's assertion. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, dismiss_toast_cb, g_object_ref (toast), g_object_unref);
}

/* For tests: whether an undo waits. */
gboolean
xs_person_page_can_undo (XsPersonPage *self)
{
  return self->undo_toast != NULL;
}

static void
on_undo_toast_button_clicked_cb (AdwToast *toast, gpointer user_data)
{
  XsActivity *activity = g_object_get_data (G_OBJECT (toast), "activity");
  XsSession *session = user_data;
  g_autoptr (GError) error = NULL;

  if (!xs_session_save_activity (session, activity, &error))
    g_warning ("Cannot restore activity %s: %s", activity->id, error->message);
}

static void delete_activity (XsPersonPage *self, XsActivity *activity);

static void
on_delete_confirm_response_cb (AdwMessageDialog *dialog, const char *response, XsPersonPage *self)
{
  if (g_str_equal (response, "delete"))
    delete_activity (self, g_object_get_data (G_OBJECT (dialog), "activity"));
}

static void
delete_activity_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPersonPage *self = XS_PERSON_PAGE (widget);
  XsActivityItem *item = lookup_item (self, parameter);
  XsActivity *activity;
  AdwMessageDialog *dialog;

  if (item == NULL)
    return;
  activity = xs_activity_item_get_activity (item);
  if (activity->status != XS_STATUS_APPROVED ||
      !xs_session_round_would_reopen (self->session, activity->person_id))
    {
      delete_activity (self, activity);
      return;
    }
  /* The undo would bring the activity back, not the round's passed stages: ask first. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      get_window (self), _ ("Delete an Approved Activity?"),
      _ ("The stages of this person’s review and filing that have passed start over.")));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "delete", _ ("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "activity", xs_activity_ref (activity),
                          (GDestroyNotify)xs_activity_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
delete_activity (XsPersonPage *self, XsActivity *deleted)
{
  g_autoptr (XsActivity) activity = xs_activity_ref (deleted);
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *overlay;
  AdwToast *toast;

  if (!xs_session_delete_activity (self->session, activity, &error))
    {
      xs_person_page_show_error (self, _ ("Cannot Delete the Activity"), error);
      return;
    }

  title = g_strdup_printf (_ ("“%s” deleted"),
                           activity->title && *activity->title ? activity->title : activity->id);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _ ("_Undo"));
  adw_toast_set_timeout (toast, 0);
  g_object_set_data_full (G_OBJECT (toast), "activity", g_steal_pointer (&activity),
                          (GDestroyNotify)xs_activity_unref);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_toast_button_clicked_cb),
                         g_object_ref (self->session),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    {
      remember_undo (self, toast);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
edit_person_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPersonPage *self = XS_PERSON_PAGE (widget);
  GtkWindow *editor = GTK_WINDOW (xs_person_editor_new (self->session, self->person));

  gtk_window_set_transient_for (editor, get_window (self));
  gtk_window_present (editor);
}

/* Undo: the person again, then each activity whole (evidence and reviews included). */
static void
on_undo_remove_person_cb (AdwToast *toast, gpointer user_data)
{
  XsPerson *person = g_object_get_data (G_OBJECT (toast), "person");
  GPtrArray *activities = g_object_get_data (G_OBJECT (toast), "activities");
  XsSession *session = user_data;
  g_autoptr (GError) error = NULL;

  if (!xs_session_restore_person (session, person, activities, &error))
    g_warning ("Cannot restore person %s: %s", person->id, error->message);
}

static void
remove_person (XsPersonPage *self, XsPerson *person)
{
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *title = NULL;
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast;

  if (!xs_session_remove_person (self->session, person->id, &activities, &error))
    {
      xs_person_page_show_error (self, _ ("Cannot Delete the Person"), error);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-overview", NULL);
  title = g_strdup_printf (_ ("%s (%s) deleted"), person->name, person->id);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _ ("_Undo"));
  adw_toast_set_timeout (toast, 0);
  g_object_set_data_full (G_OBJECT (toast), "person", xs_person_ref (person),
                          (GDestroyNotify)xs_person_unref);
  g_object_set_data_full (G_OBJECT (toast), "activities", g_steal_pointer (&activities),
                          (GDestroyNotify)g_ptr_array_unref);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_remove_person_cb),
                         g_object_ref (self->session),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  if (overlay != NULL)
    {
      remember_undo (self, toast);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    g_object_unref (g_object_ref_sink (toast));
}

static void
on_remove_person_response_cb (AdwMessageDialog *dialog, const char *response, XsPersonPage *self)
{
  XsPerson *person = g_object_get_data (G_OBJECT (dialog), "person");

  if (g_str_equal (response, "delete"))
    remove_person (self, person);
}

static void
remove_person_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPersonPage *self = XS_PERSON_PAGE (widget);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;

  heading = g_strdup_printf (_ ("Delete %s (%s)?"), self->person->name, self->person->id);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      get_window (self), heading,
      _ ("Their activities, evidence references and reviews are deleted with them. The audit "
         "trail keeps what they were.")));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _ ("_Cancel"), "delete",
                                    _ ("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "person", xs_person_ref (self->person),
                          (GDestroyNotify)xs_person_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_person_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
attach_files_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPersonPage *self = XS_PERSON_PAGE (widget);
  const char *id;
  g_autofree const char **paths = NULL;
  XsActivityItem *item;

  g_variant_get (parameter, "(&s^a&s)", &id, &paths);
  item = xs_person_page_find_activity (self, id);
  if (item != NULL && paths != NULL && paths[0] != NULL)
    xs_attach_files (widget, self->session, xs_activity_item_get_activity (item), paths);
}

static void
attach_activity_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPersonPage *self = XS_PERSON_PAGE (widget);
  XsActivityItem *item = lookup_item (self, parameter);

  if (item != NULL)
    xs_attach_choose_files (widget, self->session, xs_activity_item_get_activity (item));
}

static void
preview_sheet_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPersonPage *self = XS_PERSON_PAGE (widget);
  GtkWindow *window = GTK_WINDOW (xs_sheet_preview_new (self->session, self->person->id));

  gtk_window_set_transient_for (window, get_window (self));
  gtk_window_present (window);
}

static void
print_sheet_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPersonPage *self = XS_PERSON_PAGE (widget);

  xs_sheet_print (get_window (self), self->session, self->person->id);
}

static void
export_sheet_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPersonPage *self = XS_PERSON_PAGE (widget);
  const char *ids[] = { self->person->id, NULL };

  xs_transfer_export_sheets (get_window (self), self->session, ids);
}

void
xs_person_page_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "person.add-activity", NULL, add_activity_action);
  gtk_widget_class_install_action (widget_class, "person.edit-person", NULL, edit_person_action);
  gtk_widget_class_install_action (widget_class, "person.undo", NULL, undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "person.undo",
                                       NULL);
  gtk_widget_class_install_action (widget_class, "person.remove-person", NULL,
                                   remove_person_action);
  gtk_widget_class_install_action (widget_class, "person.edit-activity", "s", edit_activity_action);
  gtk_widget_class_install_action (widget_class, "person.review-activity", "s",
                                   review_activity_action);
  gtk_widget_class_install_action (widget_class, "person.delete-activity", "s",
                                   delete_activity_action);
  gtk_widget_class_install_action (widget_class, "person.attach-activity", "s",
                                   attach_activity_action);
  gtk_widget_class_install_action (widget_class, "person.attach-files", "(sas)",
                                   attach_files_action);
  gtk_widget_class_install_action (widget_class, "person.preview-sheet", NULL,
                                   preview_sheet_action);
  gtk_widget_class_install_action (widget_class, "person.print-sheet", NULL, print_sheet_action);
  gtk_widget_class_install_action (widget_class, "person.export-sheet", NULL, export_sheet_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "person.add-activity", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "person.print-sheet", NULL);
}
