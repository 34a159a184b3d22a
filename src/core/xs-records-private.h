/* xs-records-private.h — what the files of the one writer share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-activity.h"

G_BEGIN_DECLS

/* A short, stable description of an activity for the audit trail. */
char *xs_records_describe_activity (const XsActivity *activity);

/* The description with the activity's evidence and reviews: equal when nothing differs. */
char *xs_records_fingerprint_activity (const XsActivity *activity);

G_END_DECLS
