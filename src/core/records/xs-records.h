/* xs-records.h — the clerk's changes to the records: each validated, credited, audited, atomic.
 *
 * Everything the desktop application and the CLI change goes through here, so that every
 * change lands in the audit trail in the same transaction as the change itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-activity.h"
#include "xs-rules.h"
#include "xs-store.h"

G_BEGIN_DECLS

#define XS_RECORDS_ERROR (xs_records_error_quark ())

typedef enum
{
  XS_RECORDS_ERROR_NOT_FOUND,
  XS_RECORDS_ERROR_INVALID,
  XS_RECORDS_ERROR_INCOMPLETE,   /* approving with evidence missing and no override reason */
  XS_RECORDS_ERROR_NEEDS_REASON, /* rejecting or overriding without a reason */
  XS_RECORDS_ERROR_NO_REVIEWER,
  XS_RECORDS_ERROR_FILE, /* an evidence file refused (type, size, unreadable) */
} XsRecordsError;

GQuark xs_records_error_quark (void);

/* The longest texts a record holds, in characters: names, ids and organizers; titles,
 * reasons and opinions. The exchange import takes exactly these, so whatever is saved can be
 * exported and imported again. */
#define XS_RECORDS_MAX_SHORT_TEXT 200
#define XS_RECORDS_MAX_LONG_TEXT 2000

/* Activities */
gboolean xs_records_save_activity (XsStore *store, XsRules *rules, const XsActivity *activity,
                                   const char *actor, GError **error);
gboolean xs_records_delete_activity (XsStore *store, XsRules *rules, const char *activity_id,
                                     const char *actor, GError **error);
char *xs_records_new_activity_id (XsStore *store, const char *person_id);
gboolean xs_records_add_activities (XsStore *store, XsRules *rules, GPtrArray *activities,
                                    const char *actor, GError **error);

/* Review: approve, reject or send back to pending. Approving an activity whose evidence is
 * incomplete needs @override_reason; rejecting needs @reason. */
gboolean xs_records_review (XsStore *store, XsRules *rules, const char *activity_id,
                            XsStatus decision, const char *reason, const char *override_reason,
                            const char *reviewer, GError **error);

/* Evidence: files are sniffed (JPEG, PNG, TIFF, PDF), size-capped, stored by SHA-256. */
gboolean xs_records_attach_evidence (XsStore *store, XsRules *rules, const char *activity_id,
                                     const char *path, const char *material, const char *actor,
                                     char **out_sha256, GError **error);
gboolean xs_records_detach_evidence (XsStore *store, const char *activity_id, const char *sha256,
                                     const char *material, const char *actor, GError **error);
gboolean xs_records_retag_evidence (XsStore *store, XsRules *rules, const char *activity_id,
                                    const char *sha256, const char *old_material,
                                    const char *new_material, const char *actor, GError **error);

char *xs_records_dup_evidence_path (XsStore *store, const char *sha256);

/* Stored credits (xs-records-credits.c): recomputed when the rules in force differ from
 * those that computed them. */
gboolean xs_stored_credits_refresh (XsStore *store, XsRules *rules, guint *out_updated,
                                    GError **error);
gboolean xs_stored_credits_stamp_if_unset (XsStore *store, XsRules *rules, GError **error);

G_END_DECLS
