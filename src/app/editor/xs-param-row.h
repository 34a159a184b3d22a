/* xs-param-row.h — one parameter of an activity kind, edited as its type asks.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-core.h"

G_BEGIN_DECLS

#define XS_TYPE_PARAM_ROW (xs_param_row_get_type ())
G_DECLARE_FINAL_TYPE (XsParamRow, xs_param_row, XS, PARAM_ROW, AdwActionRow)

GtkWidget *xs_param_row_new (XsRules *rules, const XsKind *kind, const XsParamSpec *spec);
const char *xs_param_row_get_name (XsParamRow *self);
const char *xs_param_row_get_value (XsParamRow *self);
void xs_param_row_set_value (XsParamRow *self, const char *value);
const char *xs_param_row_check (XsParamRow *self);
void xs_param_row_set_problem (XsParamRow *self, const char *problem);
void xs_param_row_set_from_scan (XsParamRow *self, gboolean from_scan);
gboolean xs_param_row_get_from_scan (XsParamRow *self);

G_END_DECLS
