/* xs-spinner.h — a spinner that draws itself.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define XS_TYPE_SPINNER (xs_spinner_get_type ())
G_DECLARE_FINAL_TYPE (XsSpinner, xs_spinner, XS, SPINNER, GtkWidget)

GtkWidget *xs_spinner_new (void);
gboolean xs_spinner_get_spinning (XsSpinner *self);
void xs_spinner_set_spinning (XsSpinner *self, gboolean spinning);
double xs_spinner_get_angle (XsSpinner *self);

G_END_DECLS
