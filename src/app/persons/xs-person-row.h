/* xs-person-row.h — a person in a list: state, name, masked ID, unit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xs-person-item.h"

G_BEGIN_DECLS

#define XS_TYPE_PERSON_ROW (xs_person_row_get_type ())
G_DECLARE_FINAL_TYPE (XsPersonRow, xs_person_row, XS, PERSON_ROW, GtkWidget)

XsPersonItem *xs_person_row_get_item (XsPersonRow *self);
void xs_person_row_set_item (XsPersonRow *self, XsPersonItem *item);
char *xs_person_row_get_text (XsPersonRow *self);
GtkListItemFactory *xs_person_row_factory_new (void);

G_END_DECLS
