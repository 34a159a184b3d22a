/* xs-window.h — the main window: persons on the left, a person or the unit on the right.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-person-index.h"
#include "xs-person-list.h"
#include "xs-person-page.h"
#include "xs-session.h"
#include "xs-unit-overview.h"

G_BEGIN_DECLS

#define XS_TYPE_WINDOW (xs_window_get_type ())
G_DECLARE_FINAL_TYPE (XsWindow, xs_window, XS, WINDOW, AdwApplicationWindow)

XsWindow *xs_window_new (GtkApplication *application, XsSession *session, const GError *open_error);
XsSession *xs_window_get_session (XsWindow *self);
XsPersonIndex *xs_window_get_index (XsWindow *self);
XsUnitOverview *xs_window_get_unit_overview (XsWindow *self);
XsPersonList *xs_window_get_person_list (XsWindow *self);
XsPersonPage *xs_window_get_person_page (XsWindow *self);
XsUnitOverview *xs_window_get_overview (XsWindow *self);
void xs_window_show_person (XsWindow *self, const char *person_id);
void xs_window_add_toast (XsWindow *self, AdwToast *toast);

void xs_window_set_search (XsWindow *self, const char *text);

G_END_DECLS
