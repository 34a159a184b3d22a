/* xs-json.h — the `hours --json` object of interfaces.md, built with json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xs-hours.h"

G_BEGIN_DECLS

JsonNode *xs_json_hours_report (const XsHoursReport *report);
char *xs_json_to_string (JsonNode *node, gboolean pretty);

G_END_DECLS
