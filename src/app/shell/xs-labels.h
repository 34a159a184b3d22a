/* xs-labels.h — words the window shows for the rule file's identifiers and for hours.
 *
 * The rule file names parameters and their values by id (role="host"); their labels are the
 * core's (xs-params.c), one table for every kind, never per kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xs-core.h"

G_BEGIN_DECLS

char *xs_param_dup_title (const XsKind *kind, const XsParamSpec *spec);
const char *xs_status_get_label (XsStatus status);
const char *xs_status_get_css_class (XsStatus status);
void xs_widget_set_state_class (GtkWidget *widget, const char *css_class);
char *xs_hours_dup_label (gint64 tenths);
char *xs_missing_dup_text (XsRules *rules, GPtrArray *missing);
char *xs_param_dup_value_text (XsRules *rules, const XsParamSpec *spec, const char *value);

G_END_DECLS
