/* xs-transfer.h — imports and exports: exchange files, CSV rosters, Excel reports, sheets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-session.h"

G_BEGIN_DECLS

void xs_transfer_import_exchange (GtkWindow *parent, XsSession *session);
void xs_transfer_import_roster (GtkWindow *parent, XsSession *session);
void xs_transfer_export_exchange (GtkWindow *parent, XsSession *session);
void xs_transfer_export_report (GtkWindow *parent, XsSession *session);
void xs_transfer_export_sheets (GtkWindow *parent, XsSession *session,
                                const char *const *person_ids);

void xs_transfer_run_file (GtkWindow *parent, XsSession *session, const char *what,
                           const char *path);

G_END_DECLS
