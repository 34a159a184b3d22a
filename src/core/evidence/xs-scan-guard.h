/* xs-scan-guard.h — an evidence file decoded in a helper process, within a deadline and a
 * memory cap, before it is attached.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Wall-clock time the helper may take to decode one file, all pages of the largest scan at
 * 300 dpi included (XUESHI_DECODE_DEADLINE_MS overrides). */
#define XS_SCAN_GUARD_DEADLINE_MS 60000
/* Address space the helper may use (not applied when it is built with AddressSanitizer). */
#define XS_SCAN_GUARD_MEMORY_BYTES ((guint64)2048 * 1024 * 1024)

gboolean xs_scan_check_decodes_fully (GBytes *bytes, const char *name, GError **error);
gboolean xs_scan_check_decodes_guarded (GBytes *bytes, const char *name, GError **error);
void xs_scan_guard_decode_in_process (gboolean in_process);

G_END_DECLS
