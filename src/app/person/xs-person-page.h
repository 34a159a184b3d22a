/* xs-person-page.h — a person: identity, the span verdict, one card per year, activities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-session.h"
#include "xs-year-card.h"

G_BEGIN_DECLS

#define XS_TYPE_PERSON_PAGE (xs_person_page_get_type ())
G_DECLARE_FINAL_TYPE (XsPersonPage, xs_person_page, XS, PERSON_PAGE, GtkWidget)

void xs_person_page_set_session (XsPersonPage *self, XsSession *session);
gboolean xs_person_page_load (XsPersonPage *self, const char *person_id);
const char *xs_person_page_get_person_id (XsPersonPage *self);
XsPerson *xs_person_page_get_person (XsPersonPage *self);
GListModel *xs_person_page_get_activities (XsPersonPage *self);
XsYearCard *xs_person_page_get_year_card (XsPersonPage *self, guint year);
gboolean xs_person_page_get_folded (XsPersonPage *self);
void xs_person_page_set_folded (XsPersonPage *self, gboolean folded);

gboolean xs_person_page_can_undo (XsPersonPage *self);

G_END_DECLS
