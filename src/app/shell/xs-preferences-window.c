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
};

G_DEFINE_FINAL_TYPE (XsPreferencesWindow, xs_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static void
update_database_row (XsPreferencesWindow *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "database-path");
  g_autofree char *fallback = NULL;
  g_autofree char *subtitle = NULL;

  if (*path == '\0')
    fallback = xs_store_dup_default_path ();
  if (self->open_path != NULL && g_strcmp0 (self->open_path, *path ? path : fallback) != 0)
    /* Opened with --db: say what is open, and what the next start opens. */
    subtitle = g_strdup_printf (_ ("Open now: %s; next start: %s"), self->open_path,
                                *path ? path : fallback);
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

static void
xs_preferences_window_dispose (GObject *object)
{
  XsPreferencesWindow *self = XS_PREFERENCES_WINDOW (object);

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
      return self;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->unit_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->database_row), FALSE);
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
