/* xs-activity-template.h — the Excel template staff fill in with their activities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-rules.h"

G_BEGIN_DECLS

gboolean xs_activity_template_write (XsRules *rules, const char *path, gboolean replace,
                                     GError **error);

G_END_DECLS
