/* xs-scan.h — scanned evidence (JPEG, PNG, TIFF, PDF): recognised by content, decoded safely.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define XS_SCAN_ERROR (xs_scan_error_quark ())

/**
 * XsScanError:
 * @XS_SCAN_ERROR_READ: the file could not be read, or is not a regular file
 * @XS_SCAN_ERROR_TOO_LARGE: the file is larger than %XS_SCAN_MAX_BYTES
 * @XS_SCAN_ERROR_UNSUPPORTED: the content is not JPEG, PNG, TIFF or PDF, whatever its name
 * @XS_SCAN_ERROR_TOO_MANY_PIXELS: the image, or the page at the asked scale, has more than
 *   %XS_SCAN_MAX_PIXELS pixels; refused before any pixel memory is allocated
 * @XS_SCAN_ERROR_CORRUPT: the content is broken or truncated
 * @XS_SCAN_ERROR_ENCRYPTED: the PDF needs a password
 * @XS_SCAN_ERROR_NO_PAGE: there is no such page
 * @XS_SCAN_ERROR_LINK: the file is a symbolic link, lies in a linked folder, or has more than
 *   one name (a hard link)
 * @XS_SCAN_ERROR_TOO_COSTLY: decoding it took longer or needed more memory than the guard allows
 */
typedef enum
{
  XS_SCAN_ERROR_READ,
  XS_SCAN_ERROR_TOO_LARGE,
  XS_SCAN_ERROR_UNSUPPORTED,
  XS_SCAN_ERROR_TOO_MANY_PIXELS,
  XS_SCAN_ERROR_CORRUPT,
  XS_SCAN_ERROR_ENCRYPTED,
  XS_SCAN_ERROR_NO_PAGE,
  XS_SCAN_ERROR_LINK,
  XS_SCAN_ERROR_TOO_COSTLY,
} XsScanError;

GQuark xs_scan_error_quark (void);

/* The evidence store's limit (XS_BLOB_MAX_BYTES): a many-page scan at 300 dpi stays below. */
#define XS_SCAN_MAX_BYTES (64 * 1024 * 1024)
/* A 300 dpi A3 scan is 17 megapixels; this refuses decompression bombs. */
#define XS_SCAN_MAX_PIXELS ((gint64)100 * 1000 * 1000)
/* Pages of a PDF or TIFF: a thick bound volume scanned page by page stays below. */
#define XS_SCAN_MAX_PAGES 500
/* A progressive JPEG is decoded once per scan; encoders write about ten. */
#define XS_SCAN_MAX_JPEG_SCANS 100
/* Strips or tiles of one TIFF page: one row per strip of the tallest page is 32767. */
#define XS_SCAN_MAX_STRIPS 65536

typedef enum
{
  XS_SCAN_TYPE_UNKNOWN,
  XS_SCAN_TYPE_JPEG,
  XS_SCAN_TYPE_PNG,
  XS_SCAN_TYPE_TIFF,
  XS_SCAN_TYPE_PDF,
} XsScanType;

gboolean xs_scan_sniff (const guint8 *data, gsize length, XsScanType *out_type, GError **error);
gboolean xs_scan_sniff_file (const char *path, XsScanType *out_type, GError **error);
const char *xs_scan_type_get_mime_type (XsScanType type);
GBytes *xs_scan_read_file (const char *path, GError **error);
gboolean xs_scan_check_decodes (GBytes *bytes, const char *name, GError **error);

#define XS_TYPE_SCAN (xs_scan_get_type ())
G_DECLARE_FINAL_TYPE (XsScan, xs_scan, XS, SCAN, GObject)

XsScan *xs_scan_new_for_path (const char *path, GError **error);
XsScan *xs_scan_new_for_bytes (GBytes *bytes, GError **error);

XsScanType xs_scan_get_scan_type (XsScan *self);
guint xs_scan_get_n_pages (XsScan *self);
gboolean xs_scan_get_page_size (XsScan *self, guint page, double *out_width, double *out_height,
                                GError **error);
GdkPixbuf *xs_scan_load_image (XsScan *self, GError **error);
cairo_surface_t *xs_scan_render_page (XsScan *self, guint page, double scale, GError **error);
GdkPixbuf *xs_scan_render_thumbnail (XsScan *self, int size, GError **error);

G_END_DECLS
