/* xs-json.h — the `hours --json` object of interfaces.md, built with json-glib.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "xs-hours.h"
#include "xs-ocr-fields.h"
#include "xs-round.h"
#include "xs-unit-report.h"

G_BEGIN_DECLS

JsonNode *xs_json_hours_report (const XsHoursReport *report);
JsonNode *xs_json_unit_report (const XsUnitReport *report, XsRules *rules);
void xs_json_add_year (JsonBuilder *builder, const XsYearSummary *year);
JsonNode *xs_json_round (const XsRound *round);
JsonNode *xs_json_ocr_read (const XsOcrFields *fields, const XsOcrText *text);
/* The fields of xs_json_ocr_read()'s object (its "text" not needed) back as a struct. */
XsOcrFields *xs_json_parse_ocr_fields (const char *json, GError **error);
char *xs_json_to_string (JsonNode *node, gboolean pretty);

G_END_DECLS
