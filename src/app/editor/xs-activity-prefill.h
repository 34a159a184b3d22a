/* xs-activity-prefill.h — a new activity's fields proposed from a scan.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-activity-editor.h"

G_BEGIN_DECLS

void xs_activity_prefill_from_file (XsActivityEditor *editor, XsRules *rules, const char *path,
                                    GCancellable *cancellable);

G_END_DECLS
