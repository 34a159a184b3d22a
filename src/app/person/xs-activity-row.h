/* xs-activity-row.h — an activity on the person page; files dropped on it are attached to it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xs-activity-item.h"

G_BEGIN_DECLS

#define XS_TYPE_ACTIVITY_ROW (xs_activity_row_get_type ())
G_DECLARE_FINAL_TYPE (XsActivityRow, xs_activity_row, XS, ACTIVITY_ROW, GtkListBoxRow)

GtkWidget *xs_activity_row_new (XsActivityItem *item);
XsActivityItem *xs_activity_row_get_item (XsActivityRow *self);

G_END_DECLS
