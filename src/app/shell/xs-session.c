/* xs-session.c — one open database with the rules in force: what every window works on.
 *
 * Every change the clerk makes goes through here to the core's audited records API, and the
 * session then says which person changed, so the list, the page and the overview refresh.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <glib-unix.h>

#include "xs-session.h"

struct _XsSession
{
  GObject parent_instance;

  XsStore *store;
  XsRules *rules;
  char *path;
  GSettings *settings;
  char *reviewer_name;
  char *operator_name;

  /* A shared database: other clerks' changes, heard as they commit. */
  XsPgListener *listener;
  guint listen_source;

  guint reading; /* background reads of attached files under way */
};

G_DEFINE_FINAL_TYPE (XsSession, xs_session, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_REVIEWER_NAME,
  PROP_OPERATOR_NAME,
  N_PROPS
};

enum
{
  PERSON_CHANGED,
  RECORDS_RELOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

typedef struct
{
  char *activity_id;
  char **paths;
  char **materials; /* one per path */
  char *actor;
  char *db_path;
  XsRules *rules;
  GPtrArray *attached; /* the sha256 of each file attached, for reading */
} AttachData;

static void
attach_data_free (AttachData *data)
{
  g_free (data->activity_id);
  g_strfreev (data->paths);
  g_strfreev (data->materials);
  g_free (data->actor);
  g_free (data->db_path);
  g_clear_object (&data->rules);
  g_ptr_array_unref (data->attached);
  g_free (data);
}

/* Runs in a worker thread, on a connection of its own: copying and hashing a 60 MB scan must
 * not stall the window. */
static gboolean
attach_work (gpointer work_data, GCancellable *cancellable, gpointer *out_result, GError **error)
{
  AttachData *data = work_data;
  g_autoptr (XsStore) store = NULL;
  GError *local_error = NULL;
  guint attached = 0;

  store = xs_store_open (data->db_path, error);
  if (store == NULL)
    return FALSE;
  for (guint i = 0; data->paths[i] != NULL; i++)
    {
      char *sha256 = NULL;

      if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
        break;
      if (!xs_records_attach_evidence (XS_STORE (store), data->rules, data->activity_id,
                                       data->paths[i], data->materials[i], data->actor, &sha256,
                                       &local_error))
        break;
      g_ptr_array_add (data->attached, sha256);
      attached++;
    }
  if (local_error != NULL)
    {
      if (attached > 0)
        g_prefix_error (
            &local_error,
            ngettext ("%u file attached, then: ", "%u files attached, then: ", attached), attached);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *out_result = GUINT_TO_POINTER (attached);
  return TRUE;
}

static void
xs_session_dispose (GObject *object)
{
  XsSession *self = XS_SESSION (object);

  g_clear_handle_id (&self->listen_source, g_source_remove);
  g_clear_pointer (&self->listener, xs_pg_listener_free);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->rules);
  G_OBJECT_CLASS (xs_session_parent_class)->dispose (object);
}

static void
xs_session_finalize (GObject *object)
{
  XsSession *self = XS_SESSION (object);

  g_free (self->path);
  g_free (self->reviewer_name);
  g_free (self->operator_name);
  G_OBJECT_CLASS (xs_session_parent_class)->finalize (object);
}

static void
xs_session_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsSession *self = XS_SESSION (object);

  switch (prop_id)
    {
    case PROP_REVIEWER_NAME:
      g_value_set_string (value, xs_session_get_reviewer_name (self));
      break;
    case PROP_OPERATOR_NAME:
      g_value_set_string (value, xs_session_get_operator_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_session_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  XsSession *self = XS_SESSION (object);

  switch (prop_id)
    {
    case PROP_REVIEWER_NAME:
      xs_session_set_reviewer_name (self, g_value_get_string (value));
      break;
    case PROP_OPERATOR_NAME:
      xs_session_set_operator_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_session_class_init (XsSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xs_session_dispose;
  object_class->finalize = xs_session_finalize;
  object_class->get_property = xs_session_get_property;
  object_class->set_property = xs_session_set_property;

  properties[PROP_REVIEWER_NAME] =
      g_param_spec_string ("reviewer-name", NULL, NULL, "",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATOR_NAME] =
      g_param_spec_string ("operator-name", NULL, NULL, "",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The person's activities, evidence or reviews changed. */
  signals[PERSON_CHANGED] =
      g_signal_new ("person-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Many records changed at once (an import): everything is read again. */
  signals[RECORDS_RELOADED] = g_signal_new ("records-reloaded", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
xs_session_init (XsSession *self)
{
  self->reviewer_name = g_strdup ("");
  self->operator_name = g_strdup ("");
}

/**
 * xs_session_dup_default_settings:
 *
 * Returns: (transfer full) (nullable): the application's settings, or %NULL when the schema
 *   is not installed (an uninstalled build without GSETTINGS_SCHEMA_DIR): the program then
 *   runs with defaults rather than aborting.
 */
GSettings *
xs_session_dup_default_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, XS_SETTINGS_SCHEMA, TRUE);
  if (schema == NULL)
    {
      g_message ("Settings schema %s not installed; using defaults", XS_SETTINGS_SCHEMA);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

/* More changed persons than this at once (an import elsewhere) reload everything. */
#define CHANGES_READ_ONE_BY_ONE 50

static void listen_for_changes (XsSession *self, gboolean after_a_gap);

static gboolean
listen_again_cb (gpointer user_data)
{
  XsSession *self = user_data;

  self->listen_source = 0;
  listen_for_changes (self, TRUE);
  return G_SOURCE_REMOVE;
}

/* A person another clerk changed is read again; one they removed, or a unit changed, reloads
 * the lot (a page must not stay on a person who is gone). */
static gboolean
on_changes_cb (int fd, GIOCondition condition, gpointer user_data)
{
  XsSession *self = user_data;
  g_autoptr (GPtrArray) persons = NULL;
  g_autoptr (GError) error = NULL;
  gboolean everything = FALSE;

  persons = xs_pg_listener_take_changes (self->listener, &everything, &error);
  if (persons == NULL)
    {
      /* The server went away: listen again later, and read everything once it is back. */
      g_message ("%s", error->message);
      g_clear_pointer (&self->listener, xs_pg_listener_free);
      self->listen_source = g_timeout_add_seconds (5, listen_again_cb, self);
      return G_SOURCE_REMOVE;
    }
  for (guint i = 0; !everything && i < persons->len; i++)
    {
      g_autoptr (XsPerson) person =
          xs_store_get_person (self->store, g_ptr_array_index (persons, i), NULL);

      everything = person == NULL || persons->len > CHANGES_READ_ONE_BY_ONE;
    }
  if (everything)
    xs_session_records_reloaded (self);
  else
    for (guint i = 0; i < persons->len; i++)
      xs_session_person_changed (self, g_ptr_array_index (persons, i));
  return G_SOURCE_CONTINUE;
}

static void
listen_for_changes (XsSession *self, gboolean after_a_gap)
{
  g_autoptr (GError) error = NULL;

  if (!xs_store_location_is_shared (self->path))
    return;
  self->listener = xs_pg_listener_new (self->path, &error);
  if (self->listener == NULL)
    {
      g_message ("%s", error->message);
      self->listen_source = g_timeout_add_seconds (5, listen_again_cb, self);
      return;
    }
  self->listen_source =
      g_unix_fd_add (xs_pg_listener_get_fd (self->listener), G_IO_IN, on_changes_cb, self);
  /* What changed while nobody listened is not known: read it all. */
  if (after_a_gap)
    xs_session_records_reloaded (self);
}

/**
 * xs_session_new:
 * @db_path: the database; created when missing
 * @settings: (nullable): the application settings
 *
 * Returns: (transfer full): the session, or %NULL when the rules or the database cannot be
 *   opened
 */
XsSession *
xs_session_new (const char *db_path, GSettings *settings, GError **error)
{
  g_autoptr (XsSession) self = g_object_new (XS_TYPE_SESSION, NULL);

  g_return_val_if_fail (db_path != NULL, NULL);

  self->rules = xs_rules_get_default (error);
  if (self->rules == NULL)
    return NULL;
  self->store = xs_store_open (db_path, error);
  if (self->store == NULL)
    return NULL;
  self->path = g_strdup (db_path);

  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      g_settings_bind (settings, "reviewer-name", self, "reviewer-name", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "operator-name", self, "operator-name", G_SETTINGS_BIND_DEFAULT);
    }
  listen_for_changes (self, FALSE);
  return g_steal_pointer (&self);
}

XsStore *
xs_session_get_store (XsSession *self)
{
  g_return_val_if_fail (XS_IS_SESSION (self), NULL);
  return self->store;
}

XsRules *
xs_session_get_rules (XsSession *self)
{
  g_return_val_if_fail (XS_IS_SESSION (self), NULL);
  return self->rules;
}

const char *
xs_session_get_path (XsSession *self)
{
  g_return_val_if_fail (XS_IS_SESSION (self), NULL);
  return self->path;
}

/**
 * xs_session_get_settings:
 *
 * Returns: (transfer none) (nullable): the settings, %NULL without an installed schema
 */
GSettings *
xs_session_get_settings (XsSession *self)
{
  g_return_val_if_fail (XS_IS_SESSION (self), NULL);
  return self->settings;
}

const char *
xs_session_get_reviewer_name (XsSession *self)
{
  g_return_val_if_fail (XS_IS_SESSION (self), NULL);
  return self->reviewer_name;
}

void
xs_session_set_reviewer_name (XsSession *self, const char *name)
{
  g_return_if_fail (XS_IS_SESSION (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->reviewer_name, name) == 0)
    return;
  g_free (self->reviewer_name);
  self->reviewer_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVIEWER_NAME]);
}

const char *
xs_session_get_operator_name (XsSession *self)
{
  g_return_val_if_fail (XS_IS_SESSION (self), NULL);
  return self->operator_name;
}

void
xs_session_set_operator_name (XsSession *self, const char *name)
{
  g_return_if_fail (XS_IS_SESSION (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->operator_name, name) == 0)
    return;
  g_free (self->operator_name);
  self->operator_name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR_NAME]);
}

/**
 * xs_session_dup_actor:
 *
 * Returns: (transfer full): who is making changes, for the audit trail: the operator's name,
 *   else the reviewer's, else the account's
 */
char *
xs_session_dup_actor (XsSession *self)
{
  const char *real;

  g_return_val_if_fail (XS_IS_SESSION (self), NULL);

  if (*self->operator_name != '\0')
    return g_strdup (self->operator_name);
  if (*self->reviewer_name != '\0')
    return g_strdup (self->reviewer_name);
  real = g_get_real_name ();
  if (real != NULL && *real != '\0' && !g_str_equal (real, "Unknown"))
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}

/**
 * xs_session_open_thread_store:
 *
 * A connection of its own for a worker thread (SQLite in WAL mode lets it read and write
 * beside the window's).
 *
 * Returns: (transfer full): a store on the same database
 */
XsStore *
xs_session_open_thread_store (XsSession *self, GError **error)
{
  g_return_val_if_fail (XS_IS_SESSION (self), NULL);
  return xs_store_open (self->path, error);
}

void
xs_session_person_changed (XsSession *self, const char *person_id)
{
  g_return_if_fail (XS_IS_SESSION (self));
  g_signal_emit (self, signals[PERSON_CHANGED], 0, person_id);
}

void
xs_session_records_reloaded (XsSession *self)
{
  g_return_if_fail (XS_IS_SESSION (self));
  g_signal_emit (self, signals[RECORDS_RELOADED], 0);
}

gboolean
xs_session_save_activity (XsSession *self, XsActivity *activity, GError **error)
{
  g_autofree char *actor = xs_session_dup_actor (self);

  if (!xs_records_save_activity (self->store, self->rules, activity, actor, error))
    return FALSE;
  xs_session_person_changed (self, activity->person_id);
  return TRUE;
}

/* A person's own fields: added, corrected or moved. Everything is read again, as the list,
 * the unit overview and the sidebar's counts may all change. */
gboolean
xs_session_put_person (XsSession *self, XsPerson *person, gboolean is_new, GError **error)
{
  g_autofree char *actor = xs_session_dup_actor (self);
  gboolean changed = TRUE;

  if (is_new ? !xs_records_add_person (self->store, person, actor, error)
             : !xs_records_edit_person (self->store, person, actor, &changed, error))
    return FALSE;
  if (changed)
    xs_session_records_reloaded (self);
  return TRUE;
}

/**
 * xs_session_remove_person:
 * @out_activities: (out) (transfer full) (optional): what went with them, for an undo
 */
gboolean
xs_session_remove_person (XsSession *self, const char *person_id, GPtrArray **out_activities,
                          GError **error)
{
  g_autofree char *actor = xs_session_dup_actor (self);
  g_autoptr (GPtrArray) activities = xs_store_list_activities (self->store, person_id, error);

  if (activities == NULL || !xs_records_remove_person (self->store, person_id, actor, error))
    return FALSE;
  xs_session_records_reloaded (self);
  if (out_activities != NULL)
    *out_activities = g_steal_pointer (&activities);
  return TRUE;
}

/* Undoes xs_session_remove_person(): the person and each activity whole again. */
gboolean
xs_session_restore_person (XsSession *self, XsPerson *person, GPtrArray *activities, GError **error)
{
  g_autofree char *actor = xs_session_dup_actor (self);
  gboolean ok = xs_records_add_person (self->store, person, actor, error);

  for (guint i = 0; ok && i < activities->len; i++)
    ok = xs_records_save_activity (self->store, self->rules, g_ptr_array_index (activities, i),
                                   actor, error);
  xs_session_records_reloaded (self);
  return ok;
}

gboolean
xs_session_delete_activity (XsSession *self, XsActivity *activity, GError **error)
{
  g_autofree char *actor = xs_session_dup_actor (self);

  if (!xs_records_delete_activity (self->store, self->rules, activity->id, actor, error))
    return FALSE;
  xs_session_person_changed (self, activity->person_id);
  return TRUE;
}

/* The clerk's way to name the reviewer: the window, not the CLI's option. */
static void
explain_no_reviewer (GError **error, GError *local_error)
{
  if (g_error_matches (local_error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NO_REVIEWER))
    {
      g_set_error_literal (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NO_REVIEWER,
                           _ ("Enter your name as the reviewer in Preferences (Ctrl+,) first"));
      g_error_free (local_error);
    }
  else
    g_propagate_error (error, local_error);
}

gboolean
xs_session_round_would_reopen (XsSession *self, const char *person_id)
{
  return xs_records_round_would_reopen (self->store, self->rules, person_id);
}

gboolean
xs_session_round_pass (XsSession *self, const char *person_id, const char *opinion,
                       const char *override, GError **error)
{
  GError *local_error = NULL;

  if (!xs_records_round_pass (self->store, self->rules, person_id, self->reviewer_name,
                              opinion && *opinion ? opinion : NULL,
                              override && *override ? override : NULL, &local_error))
    {
      explain_no_reviewer (error, local_error);
      return FALSE;
    }
  xs_session_person_changed (self, person_id);
  return TRUE;
}

gboolean
xs_session_round_return (XsSession *self, const char *person_id, const char *reason, GError **error)
{
  GError *local_error = NULL;

  if (!xs_records_round_return (self->store, self->rules, person_id, reason, self->reviewer_name,
                                &local_error))
    {
      explain_no_reviewer (error, local_error);
      return FALSE;
    }
  xs_session_person_changed (self, person_id);
  return TRUE;
}

gboolean
xs_session_review (XsSession *self, XsActivity *activity, XsStatus decision, const char *reason,
                   const char *override_reason, GError **error)
{
  GError *local_error = NULL;

  if (!xs_records_review (self->store, self->rules, activity->id, decision, reason, override_reason,
                          self->reviewer_name, &local_error))
    {
      explain_no_reviewer (error, local_error);
      return FALSE;
    }
  xs_session_person_changed (self, activity->person_id);
  return TRUE;
}

gboolean
xs_session_detach_evidence (XsSession *self, XsActivity *activity, const char *sha256,
                            const char *material, GError **error)
{
  g_autofree char *actor = xs_session_dup_actor (self);

  if (!xs_records_detach_evidence (self->store, activity->id, sha256, material, actor, error))
    return FALSE;
  xs_session_person_changed (self, activity->person_id);
  return TRUE;
}

gboolean
xs_session_retag_evidence (XsSession *self, XsActivity *activity, const char *sha256,
                           const char *old_material, const char *new_material, GError **error)
{
  g_autofree char *actor = xs_session_dup_actor (self);

  if (!xs_records_retag_evidence (self->store, self->rules, activity->id, sha256, old_material,
                                  new_material, actor, error))
    return FALSE;
  xs_session_person_changed (self, activity->person_id);
  return TRUE;
}

/* ---------------------------------------------------------------- reading what was attached */

typedef struct
{
  char *db_path;
  XsRules *rules;
  GPtrArray *files; /* sha256 */
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_free (data->db_path);
  g_clear_object (&data->rules);
  g_ptr_array_unref (data->files);
  g_free (data);
}

/* A worker thread, a connection of its own: the text of each file read and kept (a second or
 * two a page), so that the search finds it and other activities' checks see it. A file
 * that cannot be read is read again when its activity is checked. */
static gboolean
read_work (gpointer work_data, GCancellable *cancellable, gpointer *out_result, GError **error)
{
  ReadData *data = work_data;
  g_autoptr (XsStore) store = xs_store_open (data->db_path, error);

  if (store == NULL)
    return FALSE;
  for (guint i = 0; i < data->files->len; i++)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (XsOcrFields) fields =
          xs_records_read_evidence (store, data->rules, g_ptr_array_index (data->files, i), NULL,
                                    cancellable, NULL, &local_error);

      if (fields == NULL)
        g_debug ("%s was not read: %s", (char *)g_ptr_array_index (data->files, i),
                 local_error->message);
    }
  *out_result = GINT_TO_POINTER (TRUE);
  return TRUE;
}

static void
read_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  XsSession *self = XS_SESSION (source);

  xs_worker_finish (result, NULL, NULL);
  self->reading--;
}

static void
read_in_background (XsSession *self, GPtrArray *files)
{
  ReadData *data = g_new0 (ReadData, 1);

  data->db_path = g_strdup (self->path);
  data->rules = g_object_ref (self->rules);
  data->files = g_ptr_array_ref (files);
  self->reading++;
  xs_worker_run (self, NULL, read_in_background, read_work, data, (GDestroyNotify)read_data_free,
                 NULL, read_done_cb, NULL);
}

/**
 * xs_session_is_reading:
 *
 * Returns: whether files just attached are still being read (for tests)
 */
gboolean
xs_session_is_reading (XsSession *self)
{
  return self->reading > 0;
}

static void
attach_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) outer = user_data;
  XsSession *self = XS_SESSION (source);
  const char *person_id = g_task_get_task_data (outer);
  AttachData *data = xs_worker_get_data (result);
  GError *error = NULL;
  gpointer attached = NULL;

  /* Even a partly failed batch may have attached some files; each is read after. */
  xs_session_person_changed (self, person_id);
  if (data->attached->len > 0)
    read_in_background (self, data->attached);
  if (!xs_worker_finish (result, &attached, &error))
    g_task_return_error (outer, error);
  else
    g_task_return_int (outer, GPOINTER_TO_UINT (attached));
}

/**
 * xs_session_attach_evidence_async:
 * @paths: the files
 * @materials: what each is, one per path
 *
 * Copies the files into the evidence store and records them, in a worker thread.
 */
void
xs_session_attach_evidence_async (XsSession *self, XsActivity *activity, const char *const *paths,
                                  const char *const *materials, GCancellable *cancellable,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  GTask *outer;
  AttachData *data;

  g_return_if_fail (XS_IS_SESSION (self));
  g_return_if_fail (activity != NULL && paths != NULL && materials != NULL);
  g_return_if_fail (g_strv_length ((char **)paths) == g_strv_length ((char **)materials));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, xs_session_attach_evidence_async);
  g_task_set_task_data (outer, g_strdup (activity->person_id), g_free);

  data = g_new0 (AttachData, 1);
  data->activity_id = g_strdup (activity->id);
  data->paths = g_strdupv ((char **)paths);
  data->materials = g_strdupv ((char **)materials);
  data->actor = xs_session_dup_actor (self);
  data->db_path = g_strdup (self->path);
  data->rules = g_object_ref (self->rules);
  data->attached = g_ptr_array_new_with_free_func (g_free);

  xs_worker_run (self, cancellable, xs_session_attach_evidence_async, attach_work, data,
                 (GDestroyNotify)attach_data_free, NULL, attach_done_cb, outer);
}

/**
 * xs_session_attach_evidence_finish:
 *
 * Returns: how many files were attached; 0 with @error set when one failed
 */
guint
xs_session_attach_evidence_finish (XsSession *self, GAsyncResult *result, GError **error)
{
  gssize n;

  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  n = g_task_propagate_int (G_TASK (result), error);
  return n < 0 ? 0 : (guint)n;
}
