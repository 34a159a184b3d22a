/* xs-application.h — the Xueshi application: options, settings, app-wide actions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-session.h"

G_BEGIN_DECLS

#define XS_TYPE_APPLICATION (xs_application_get_type ())
G_DECLARE_FINAL_TYPE (XsApplication, xs_application, XS, APPLICATION, AdwApplication)

XsApplication *xs_application_new (void);
XsSession *xs_application_get_session (XsApplication *self);

G_END_DECLS
