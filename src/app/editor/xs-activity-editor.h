/* xs-activity-editor.h — adding or changing an activity, with the hours worked out live.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-session.h"

G_BEGIN_DECLS

#define XS_TYPE_ACTIVITY_EDITOR (xs_activity_editor_get_type ())
G_DECLARE_FINAL_TYPE (XsActivityEditor, xs_activity_editor, XS, ACTIVITY_EDITOR, AdwWindow)

XsActivityEditor *xs_activity_editor_new (XsSession *session, XsPerson *person,
                                          XsActivity *activity);
const char *xs_activity_editor_get_activity_id (XsActivityEditor *self);
gboolean xs_activity_editor_select_kind (XsActivityEditor *self, const char *kind_id);
gboolean xs_activity_editor_set_field (XsActivityEditor *self, const char *name, const char *value);
gint64 xs_activity_editor_get_hours (XsActivityEditor *self);
const char *xs_activity_editor_get_reason (XsActivityEditor *self);
const char *xs_activity_editor_get_problem (XsActivityEditor *self);
gboolean xs_activity_editor_get_field_texts (XsActivityEditor *self, const char *name,
                                             const char **title, const char **subtitle);
const char *xs_activity_editor_get_field_problem (XsActivityEditor *self, const char *name);
gboolean xs_activity_editor_set_scanned_field (XsActivityEditor *self, const char *name,
                                               const char *value);
gboolean xs_activity_editor_get_from_scan (XsActivityEditor *self, const char *name);
void xs_activity_editor_set_busy (XsActivityEditor *self, gboolean busy);
void xs_activity_editor_fill_from_file (XsActivityEditor *self, const char *path);

G_END_DECLS
