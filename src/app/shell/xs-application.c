/* xs-application.c — the Xueshi application: options, settings, app-wide actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-application.h"
#include "xs-preferences-window.h"
#include "xs-window.h"

struct _XsApplication
{
  AdwApplication parent_instance;

  char *db_path; /* --db */
  GSettings *settings;
  XsSession *session;
  GError *open_error;
};

G_DEFINE_FINAL_TYPE (XsApplication, xs_application, ADW_TYPE_APPLICATION)

static const GOptionEntry options[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_ ("Database file, or postgresql:// address of a shared one (default: your data folder's "
        "file)"),
    N_ ("PATH|URI") },
  { NULL },
};

static char *
dup_db_path (XsApplication *self)
{
  g_autofree char *configured = NULL;

  if (self->db_path != NULL)
    return g_strdup (self->db_path);
  if (self->settings != NULL)
    configured = g_settings_get_string (self->settings, "database-path");
  if (configured != NULL && *configured != '\0')
    return g_steal_pointer (&configured);
  return xs_store_dup_default_path ();
}

static int
xs_application_handle_local_options (GApplication *app, GVariantDict *dict)
{
  XsApplication *self = XS_APPLICATION (app);
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (dict, "db", "^ay", &path))
    {
      g_free (self->db_path);
      /* A postgresql:// address is kept as given; a file's path made absolute. */
      self->db_path = xs_store_location_is_shared (path) ? g_strdup (path)
                                                         : g_canonicalize_filename (path, NULL);
      /* Another database is another instance, not a window of the running one. */
      g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
quit_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GApplication *app = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* Closing lets each window save its size. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;
      l = l->next;
      gtk_window_close (window);
    }
  g_application_quit (app);
}

static void
about_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GtkApplication *app = user_data;
  static const char *developers[] = { "Xueshi contributors", NULL };
  GtkWidget *about;

  about = g_object_new (
      ADW_TYPE_ABOUT_WINDOW, "transient-for", gtk_application_get_active_window (app),
      "application-name", _ ("Xueshi"), "application-icon", XS_APPLICATION_ID, "developer-name",
      _ ("Xueshi contributors"), "version", PACKAGE_VERSION, "comments",
      _ ("Continuing-education hours of professional staff in "
         "Hunan: records, evidence review and the hours "
         "confirmation sheet."),
      "website", "https://github.com/xueshi/xueshi", "developers", developers, "license-type",
      GTK_LICENSE_GPL_3_0, "translator-credits", _ ("translator-credits"), NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  XsApplication *self = user_data;
  GtkWindow *window;

  window = GTK_WINDOW (xs_preferences_window_new (self->session, self->settings));
  gtk_window_set_transient_for (window, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (window);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
};

static void
xs_application_startup (GApplication *app)
{
  XsApplication *self = XS_APPLICATION (app);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *search_accels[] = { "<Control>f", NULL };
  static const char *add_accels[] = { "<Control>n", NULL };
  static const char *print_accels[] = { "<Control>p", NULL };
  static const char *import_accels[] = { "<Control>o", NULL };
  static const char *back_accels[] = { "<Alt>Left", NULL };

  G_APPLICATION_CLASS (xs_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.preferences",
                                         preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.search", search_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.add-activity", add_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.print-sheet", print_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.import-exchange",
                                         import_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "win.go-back", back_accels);

  self->settings = xs_session_dup_default_settings ();
}

static void
xs_application_activate (GApplication *app)
{
  XsApplication *self = XS_APPLICATION (app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  if (window == NULL)
    {
      g_autofree char *path = dup_db_path (self);

      if (self->session == NULL && self->open_error == NULL)
        self->session = xs_session_new (path, self->settings, &self->open_error);
      window = GTK_WINDOW (xs_window_new (GTK_APPLICATION (app), self->session, self->open_error));
    }
  gtk_window_present (window);
}

static void
xs_application_dispose (GObject *object)
{
  XsApplication *self = XS_APPLICATION (object);

  g_clear_object (&self->session);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (xs_application_parent_class)->dispose (object);
}

static void
xs_application_finalize (GObject *object)
{
  XsApplication *self = XS_APPLICATION (object);

  g_free (self->db_path);
  g_clear_error (&self->open_error);
  G_OBJECT_CLASS (xs_application_parent_class)->finalize (object);
}

static void
xs_application_class_init (XsApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = xs_application_dispose;
  object_class->finalize = xs_application_finalize;
  app_class->handle_local_options = xs_application_handle_local_options;
  app_class->startup = xs_application_startup;
  app_class->activate = xs_application_activate;
}

static void
xs_application_init (XsApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}

XsApplication *
xs_application_new (void)
{
  return g_object_new (XS_TYPE_APPLICATION, "application-id", XS_APPLICATION_ID, "flags",
                       G_APPLICATION_DEFAULT_FLAGS, "resource-base-path",
                       "/io/github/xueshi/Xueshi", NULL);
}

/**
 * xs_application_get_session:
 *
 * Returns: (transfer none) (nullable): the open database, once activated
 */
XsSession *
xs_application_get_session (XsApplication *self)
{
  g_return_val_if_fail (XS_IS_APPLICATION (self), NULL);
  return self->session;
}
