/* xs-preferences-window.h — the names recorded and printed, the unit and database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-session.h"

G_BEGIN_DECLS

#define XS_TYPE_PREFERENCES_WINDOW (xs_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (XsPreferencesWindow, xs_preferences_window, XS, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

XsPreferencesWindow *xs_preferences_window_new (XsSession *session, GSettings *settings);

G_END_DECLS
