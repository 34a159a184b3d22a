/* xs-transfer-dialog.h — progress of a long import or export, then what came of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define XS_TYPE_TRANSFER_DIALOG (xs_transfer_dialog_get_type ())
G_DECLARE_FINAL_TYPE (XsTransferDialog, xs_transfer_dialog, XS, TRANSFER_DIALOG, AdwWindow)

XsTransferDialog *xs_transfer_dialog_new (GtkWindow *parent, const char *title);
GCancellable *xs_transfer_dialog_get_cancellable (XsTransferDialog *self);
void xs_transfer_dialog_set_progress (XsTransferDialog *self, double fraction, const char *status);
void xs_transfer_dialog_show_result (XsTransferDialog *self, const char *summary,
                                     GPtrArray *problems, const char *proceed_label);
void xs_transfer_dialog_restart (XsTransferDialog *self, const char *status);
void xs_transfer_dialog_set_title (XsTransferDialog *self, const char *title);
const char *xs_transfer_dialog_get_summary (XsTransferDialog *self);
GListModel *xs_transfer_dialog_get_problems (XsTransferDialog *self);

G_END_DECLS
