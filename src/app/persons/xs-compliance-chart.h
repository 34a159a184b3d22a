/* xs-compliance-chart.h — per year of the span, the share of staff who meet the minimums.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xs-person-index.h"

G_BEGIN_DECLS

#define XS_TYPE_COMPLIANCE_CHART (xs_compliance_chart_get_type ())
G_DECLARE_FINAL_TYPE (XsComplianceChart, xs_compliance_chart, XS, COMPLIANCE_CHART, GtkWidget)

void xs_compliance_chart_set_stats (XsComplianceChart *self, GArray *years);

G_END_DECLS
