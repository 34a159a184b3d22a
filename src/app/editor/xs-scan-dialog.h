/* xs-scan-dialog.h — paper straight into an activity, through a scanner.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-session.h"

G_BEGIN_DECLS

#define XS_TYPE_SCAN_DIALOG (xs_scan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XsScanDialog, xs_scan_dialog, XS, SCAN_DIALOG, AdwWindow)

XsScanDialog *xs_scan_dialog_new (GtkWindow *parent, XsSession *session,
                                  const XsActivity *activity);

/* For tests. */
void xs_scan_dialog_scan (XsScanDialog *self);
void xs_scan_dialog_preview (XsScanDialog *self);
gboolean xs_scan_dialog_has_preview (XsScanDialog *self);
gboolean xs_scan_dialog_is_busy (XsScanDialog *self);
void xs_scan_dialog_attach (XsScanDialog *self);
gboolean xs_scan_dialog_is_ready (XsScanDialog *self);
gboolean xs_scan_dialog_has_scanners (XsScanDialog *self);
const char *xs_scan_dialog_get_status (XsScanDialog *self);
void xs_scan_dialog_set_source (XsScanDialog *self, XsScannerSource source);

G_END_DECLS
