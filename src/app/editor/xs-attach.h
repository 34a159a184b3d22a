/* xs-attach.h — attaching scans to an activity: choose or drop files, say what they are.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-session.h"

G_BEGIN_DECLS

GPtrArray *xs_attach_dup_materials (XsRules *rules, const XsActivity *activity);
void xs_attach_files (GtkWidget *widget, XsSession *session, XsActivity *activity,
                      const char *const *paths);
void xs_attach_choose_files (GtkWidget *widget, XsSession *session, XsActivity *activity);
void xs_attach_scanned_file (GtkWidget *widget, XsSession *session, XsActivity *activity,
                             const char *path, const char *material);
void xs_attach_retag (GtkWidget *widget, XsSession *session, XsActivity *activity,
                      const char *sha256, const char *material);
void xs_attach_remove (GtkWidget *widget, XsSession *session, XsActivity *activity,
                       const char *sha256, const char *material);
void xs_show_toast (GtkWidget *widget, const char *message);
void xs_show_error (GtkWidget *widget, const char *heading, const GError *error);

G_END_DECLS
