/* xs-unit-overview.h — the unit at a glance: counts, compliance per year, what awaits review.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-person-index.h"

G_BEGIN_DECLS

#define XS_TYPE_UNIT_OVERVIEW (xs_unit_overview_get_type ())
G_DECLARE_FINAL_TYPE (XsUnitOverview, xs_unit_overview, XS, UNIT_OVERVIEW, GtkWidget)

void xs_unit_overview_set_index (XsUnitOverview *self, XsPersonIndex *index, const char *subtitle);
char *xs_unit_overview_get_counts_text (XsUnitOverview *self);

const char *xs_unit_overview_get_round_counts_text (XsUnitOverview *self);
guint xs_unit_overview_get_n_not_submitted_rows (XsUnitOverview *self);

G_END_DECLS
