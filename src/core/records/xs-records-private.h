/* xs-records-private.h — what the files of the one writer share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-activity.h"
#include "xs-rules.h"
#include "xs-store.h"

G_BEGIN_DECLS

/* A short, stable description of an activity for the audit trail. */
char *xs_records_describe_activity (const XsActivity *activity);

/* The description with the activity's evidence and reviews: equal when nothing differs. */
char *xs_records_fingerprint_activity (const XsActivity *activity);

/* Today's date, ISO, as reviews and rounds record it. */
char *xs_records_today_iso (void);

/* Inside the caller's transaction: an approved activity of the person changed, so a round
 * with a passed stage starts over (audited as round-reopen, naming @activity_id). */
gboolean xs_records_reopen_round (XsStore *store, XsRules *rules, const char *person_id,
                                  const char *activity_id, const char *actor, GError **error);

/* After a save refused with XS_STORE_ERROR_STALE (and its transaction ended): the message
 * says who changed @target (an activity id, or @person_id for the person's fields) and when. */
void xs_records_explain_stale (XsStore *store, const char *person_id, const char *target,
                               GError **error);

G_END_DECLS
