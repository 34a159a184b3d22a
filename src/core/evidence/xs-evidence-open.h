/* xs-evidence-open.h — an evidence file read once, through one descriptor.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

int xs_evidence_open (int dir_fd, const char *path, const char *display, GError **error);
GBytes *xs_evidence_read_fd (int fd, const char *display, GError **error);
GBytes *xs_evidence_read (int dir_fd, const char *path, const char *display, GError **error);

G_END_DECLS
