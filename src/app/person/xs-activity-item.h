/* xs-activity-item.h — one activity as the person page lists it: its credit, status, evidence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-core.h"

G_BEGIN_DECLS

#define XS_TYPE_ACTIVITY_ITEM (xs_activity_item_get_type ())
G_DECLARE_FINAL_TYPE (XsActivityItem, xs_activity_item, XS, ACTIVITY_ITEM, GObject)

XsActivityItem *xs_activity_item_new (XsRules *rules, const XsActivityResult *result);
XsActivity *xs_activity_item_get_activity (XsActivityItem *self);
const char *xs_activity_item_get_id (XsActivityItem *self);
guint xs_activity_item_get_year (XsActivityItem *self);
gint64 xs_activity_item_get_hours (XsActivityItem *self);
XsStatus xs_activity_item_get_status (XsActivityItem *self);
gboolean xs_activity_item_get_evidence_satisfied (XsActivityItem *self);
const char *xs_activity_item_get_reason (XsActivityItem *self);
const char *xs_activity_item_get_missing (XsActivityItem *self);
GPtrArray *xs_activity_item_get_missing_ids (XsActivityItem *self);

G_END_DECLS
