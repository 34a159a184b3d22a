/* xs-preferences-window.c — the names recorded and printed, the unit and database.
 *
 * The rows are bound to the settings; without an installed schema the names still bind to
 * the session, so reviewing works in an uninstalled build.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-preferences-window.h"

struct _XsPreferencesWindow
{
  AdwPreferencesWindow parent_instance;

  GSettings *settings;
  char *open_path; /* the database this window's session has open */

  AdwEntryRow *reviewer_row;
  AdwEntryRow *operator_row;
  AdwEntryRow *unit_row;
  AdwActionRow *database_row;
  AdwEntryRow *shared_row;
  AdwPreferencesGroup *shared_group;
  AdwActionRow *shared_status_row;
  GtkImage *shared_status_icon;
  GCancellable *testing; /* the connection test under way */
};

G_DEFINE_FINAL_TYPE (XsPreferencesWindow, xs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_database_row (XsPreferencesWindow *self)
{
  g_autofree char *configured = g_settings_get_string (self->settings, "database-path");
  g_autofree char *path = xs_pg_store_dup_safe_uri (configured);
  g_autofree char *open_path = self->open_path ? xs_pg_store_dup_safe_uri (self->open_path) : NULL;
  g_autofree char *fallback = NULL;
  g_autofree char *subtitle = NULL;

  if (*path == '\0')
    fallback = xs_store_dup_default_path ();
  if (open_path != NULL && g_strcmp0 (open_path, *path ? path : fallback) != 0)
    /* Opened with --db: say what is open, and what the next start opens. */
    subtitle =
        g_strdup_printf (_ ("Open now: %s; next start: %s"), open_path, *path ? path : fallback);
  else if (*path == '\0')
    subtitle =
        g_strdup_printf (_ ("%s (default; a change takes effect at the next start)"), fallback);
  else
    subtitle = g_strdup_printf (_ ("%s (a change takes effect at the next start)"), path);
  adw_action_row_set_subtitle (self->database_row, subtitle);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser, int response, XsPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        g_settings_set_string (self->settings, "database-path", path);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_database_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPreferencesWindow *self = XS_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *chooser;

  /* Saving lets the clerk name a new database as well as pick an existing one. */
  chooser = gtk_file_chooser_native_new (_ ("Choose the Database"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _ ("_Use"), NULL);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "xueshi.db");
  g_signal_connect_object (chooser, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
default_database_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPreferencesWindow *self = XS_PREFERENCES_WINDOW (widget);

  g_settings_reset (self->settings, "database-path");
}

/* Runs in a worker: a server that does not answer must not freeze the window. */
static void
test_connection_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  g_autoptr (XsStore) store = NULL;
  XsStoreCounts counts = { 0 };
  GError *error = NULL;

  store = xs_store_open (task_data, &error);
  if (store == NULL || !xs_store_get_counts (store, &counts, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task,
                         g_strdup_printf (_ ("Connected: %lld persons in %lld units. Xueshi "
                                             "opens this database at the next start."),
                                          (long long)counts.persons, (long long)counts.units),
                         g_free);
}

static void
show_connection (XsPreferencesWindow *self, const char *icon, const char *text)
{
  gtk_image_set_from_icon_name (self->shared_status_icon, icon);
  adw_action_row_set_subtitle (self->shared_status_row, text);
}

static void
on_connection_tested_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (XsPreferencesWindow) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autofree char *summary = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_cancellable_is_cancelled (self->testing))
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->shared_row), TRUE);
  if (summary == NULL)
    {
      /* Nothing is saved: the clerk fixes the address and tries again. */
      show_connection (self, "dialog-error-symbolic", error->message);
      return;
    }
  g_settings_set_string (self->settings, "database-path", g_task_get_task_data (G_TASK (result)));
  show_connection (self, "emblem-ok-symbolic", summary);
}

static void
on_shared_row_apply_cb (XsPreferencesWindow *self)
{
  g_autofree char *address =
      g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->shared_row))));
  g_autoptr (GTask) task = NULL;

  if (!xs_store_location_is_shared (address))
    {
      show_connection (self, "dialog-error-symbolic",
                       _ ("A shared database's address starts with postgresql://"));
      return;
    }
  g_cancellable_cancel (self->testing);
  g_clear_object (&self->testing);
  self->testing = g_cancellable_new ();
  show_connection (self, "network-server-symbolic", _ ("Connecting…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->shared_row), FALSE);
  task = g_task_new (NULL, self->testing, on_connection_tested_cb, g_object_ref (self));
  g_task_set_task_data (task, g_steal_pointer (&address), g_free);
  g_task_run_in_thread (task, test_connection_thread);
}

static void
xs_preferences_window_dispose (GObject *object)
{
  XsPreferencesWindow *self = XS_PREFERENCES_WINDOW (object);

  if (self->testing != NULL)
    g_cancellable_cancel (self->testing);
  g_clear_object (&self->testing);
  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->open_path, g_free);
  G_OBJECT_CLASS (xs_preferences_window_parent_class)->dispose (object);
}

static void
xs_preferences_window_class_init (XsPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XsPreferencesWindow, reviewer_row);
  gtk_widget_class_bind_template_child (widget_class, XsPreferencesWindow, operator_row);
  gtk_widget_class_bind_template_child (widget_class, XsPreferencesWindow, unit_row);
  gtk_widget_class_bind_template_child (widget_class, XsPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, XsPreferencesWindow, shared_group);
  gtk_widget_class_bind_template_child (widget_class, XsPreferencesWindow, shared_row);
  gtk_widget_class_bind_template_child (widget_class, XsPreferencesWindow, shared_status_row);
  gtk_widget_class_bind_template_child (widget_class, XsPreferencesWindow, shared_status_icon);
  gtk_widget_class_bind_template_callback (widget_class, on_shared_row_apply_cb);

  gtk_widget_class_install_action (widget_class, "prefs.choose-database", NULL,
                                   choose_database_action);
  gtk_widget_class_install_action (widget_class, "prefs.default-database", NULL,
                                   default_database_action);
}

static void
xs_preferences_window_init (XsPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * xs_preferences_window_new:
 * @session: (nullable): the open database
 * @settings: (nullable): the settings, %NULL without an installed schema
 *
 * Returns: (transfer full): the window
 */
XsPreferencesWindow *
xs_preferences_window_new (XsSession *session, GSettings *settings)
{
  XsPreferencesWindow *self = g_object_new (XS_TYPE_PREFERENCES_WINDOW, NULL);

  if (session != NULL)
    self->open_path = g_strdup (xs_session_get_path (session));

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_settings_bind (settings, "reviewer-name", self->reviewer_row, "text",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "operator-name", self->operator_row, "text",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "default-unit", self->unit_row, "text", G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (settings, "changed::database-path", G_CALLBACK (update_database_row),
                               self, G_CONNECT_SWAPPED);
      update_database_row (self);
      {
        g_autofree char *path = g_settings_get_string (settings, "database-path");

        if (xs_store_location_is_shared (path))
          gtk_editable_set_text (GTK_EDITABLE (self->shared_row), path);
      }
      return self;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->unit_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->database_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->shared_group), FALSE);
  adw_action_row_set_subtitle (
      self->database_row, _ ("Settings are not installed: this build cannot remember a database"));
  if (session != NULL)
    {
      g_object_bind_property (session, "reviewer-name", self->reviewer_row, "text",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      g_object_bind_property (session, "operator-name", self->operator_row, "text",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
    }
  return self;
}
