/* xs-round-box.h — a person's verification round on their page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xs-session.h"

G_BEGIN_DECLS

#define XS_TYPE_ROUND_BOX (xs_round_box_get_type ())
G_DECLARE_FINAL_TYPE (XsRoundBox, xs_round_box, XS, ROUND_BOX, GtkWidget)

void xs_round_box_show (XsRoundBox *self, XsSession *session, const XsPerson *person);
const XsRound *xs_round_box_get_round (XsRoundBox *self);

G_END_DECLS
