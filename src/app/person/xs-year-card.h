/* xs-year-card.h — one year of a person's span: 公需, 专业 and total against their minimums.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xs-core.h"
#include "xs-hours-bar.h"

G_BEGIN_DECLS

#define XS_TYPE_YEAR_CARD (xs_year_card_get_type ())
G_DECLARE_FINAL_TYPE (XsYearCard, xs_year_card, XS, YEAR_CARD, GtkWidget)

GtkWidget *xs_year_card_new (void);
void xs_year_card_set_year (XsYearCard *self, XsRules *rules, const XsYearSummary *year);
guint xs_year_card_get_year (XsYearCard *self);
XsHoursBar *xs_year_card_get_bar (XsYearCard *self, XsSubject subject);
const char *xs_year_card_get_badge (XsYearCard *self);

G_END_DECLS
