/* xs-hours-bar.h — hours against a minimum, drawn as a bar: confirmed solid, claimed light.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define XS_TYPE_HOURS_BAR (xs_hours_bar_get_type ())
G_DECLARE_FINAL_TYPE (XsHoursBar, xs_hours_bar, XS, HOURS_BAR, GtkWidget)

void xs_hours_bar_set_figures (XsHoursBar *self, gint64 confirmed_tenths, gint64 claimed_tenths,
                               gint64 target_tenths, gboolean deemed);
gint64 xs_hours_bar_get_confirmed (XsHoursBar *self);
gint64 xs_hours_bar_get_claimed (XsHoursBar *self);
gint64 xs_hours_bar_get_target (XsHoursBar *self);
const char *xs_hours_bar_get_label (XsHoursBar *self);
void xs_hours_bar_set_label (XsHoursBar *self, const char *label);

G_END_DECLS
