/* xs-scan-structure.h — checks of a scan's structure, before decoding; private to the evidence layer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The largest side cairo can make an image surface of. */
#define XS_SCAN_MAX_SURFACE_SIDE 32767

/* Sets XS_SCAN_ERROR_TOO_MANY_PIXELS unless the image is within the caps. */
gboolean xs_scan_check_pixels (gint64 width, gint64 height, GError **error);
/* Whether the PNG's chunks lead to IEND. */
gboolean xs_scan_png_is_complete (const guint8 *data, gsize len);
/* Whether the JPEG's segments lead to EOI; adds its scans (SOS segments) to @n_scans. */
gboolean xs_scan_jpeg_is_complete (const guint8 *data, gsize len, guint *n_scans);
/* Walks the TIFF's page chain: refuses loops, pages outside the file, and any cap exceeded. */
gboolean xs_scan_tiff_check (const guint8 *data, gsize len, GError **error);

G_END_DECLS
