/* xs-session.h — one open database with the rules in force: what every window works on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xs-core.h"

G_BEGIN_DECLS

#define XS_SETTINGS_SCHEMA "io.github.xueshi.Xueshi"

#define XS_TYPE_SESSION (xs_session_get_type ())
G_DECLARE_FINAL_TYPE (XsSession, xs_session, XS, SESSION, GObject)

XsSession *xs_session_new (const char *db_path, GSettings *settings, GError **error);
GSettings *xs_session_dup_default_settings (void);

XsStore *xs_session_get_store (XsSession *self);
XsRules *xs_session_get_rules (XsSession *self);
const char *xs_session_get_path (XsSession *self);
GSettings *xs_session_get_settings (XsSession *self);

const char *xs_session_get_reviewer_name (XsSession *self);
void xs_session_set_reviewer_name (XsSession *self, const char *name);
const char *xs_session_get_operator_name (XsSession *self);
void xs_session_set_operator_name (XsSession *self, const char *name);
char *xs_session_dup_actor (XsSession *self);

XsStore *xs_session_open_thread_store (XsSession *self, GError **error);

void xs_session_person_changed (XsSession *self, const char *person_id);
void xs_session_records_reloaded (XsSession *self);

gboolean xs_session_save_activity (XsSession *self, XsActivity *activity, GError **error);
gboolean xs_session_put_person (XsSession *self, XsPerson *person, gboolean is_new, GError **error);
gboolean xs_session_remove_person (XsSession *self, const char *person_id,
                                   GPtrArray **out_activities, GError **error);
gboolean xs_session_restore_person (XsSession *self, XsPerson *person, GPtrArray *activities,
                                    GError **error);
gboolean xs_session_round_would_reopen (XsSession *self, const char *person_id);
gboolean xs_session_round_pass (XsSession *self, const char *person_id, const char *opinion,
                                const char *override, GError **error);
gboolean xs_session_round_return (XsSession *self, const char *person_id, const char *reason,
                                  GError **error);
gboolean xs_session_delete_activity (XsSession *self, XsActivity *activity, GError **error);
gboolean xs_session_review (XsSession *self, XsActivity *activity, XsStatus decision,
                            const char *reason, const char *override_reason, GError **error);
gboolean xs_session_detach_evidence (XsSession *self, XsActivity *activity, const char *sha256,
                                     const char *material, GError **error);
gboolean xs_session_retag_evidence (XsSession *self, XsActivity *activity, const char *sha256,
                                    const char *old_material, const char *new_material,
                                    GError **error);
void xs_session_attach_evidence_async (XsSession *self, XsActivity *activity,
                                       const char *const *paths, const char *const *materials,
                                       GCancellable *cancellable, GAsyncReadyCallback callback,
                                       gpointer user_data);
guint xs_session_attach_evidence_finish (XsSession *self, GAsyncResult *result, GError **error);

gboolean xs_session_is_reading (XsSession *self);

G_END_DECLS
