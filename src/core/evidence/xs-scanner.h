/* xs-scanner.h — paper straight into evidence: a scanner (SANE) to one multi-page PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

G_BEGIN_DECLS

#define XS_SCANNER_ERROR (xs_scanner_error_quark ())

typedef enum
{
  XS_SCANNER_ERROR_NO_DEVICE,   /* no scanner found, or not the one named */
  XS_SCANNER_ERROR_UNSUPPORTED, /* the device lacks the source, mode or resolution asked */
  XS_SCANNER_ERROR_NO_PAPER,    /* the feeder is empty */
  XS_SCANNER_ERROR_FAILED,      /* the device reported an error (jammed, cover open, …) */
  XS_SCANNER_ERROR_TOO_LARGE,   /* the PDF would exceed what evidence may be */
} XsScannerError;

GQuark xs_scanner_error_quark (void);

typedef struct
{
  char *name; /* SANE's device name, what --device takes: "test:0", "airscan:e0:…" */
  char *vendor;
  char *model;
  char *type; /* "flatbed scanner", "virtual device", … */
} XsScannerDevice;

void xs_scanner_device_free (XsScannerDevice *device);

/* The scanners this computer reaches (network scanners where sane-airscan is installed). */
GPtrArray *xs_scanner_list (GError **error);

typedef enum
{
  XS_SCANNER_SOURCE_FLATBED,
  XS_SCANNER_SOURCE_ADF,
  XS_SCANNER_SOURCE_DUPLEX,
} XsScannerSource;

typedef struct
{
  const char *device; /* NULL: the first scanner found */
  XsScannerSource source;
  guint pages;              /* 0: one from the flatbed, every sheet in the feeder */
  guint resolution;         /* dpi; 0 is 300 */
  gboolean color;           /* FALSE: grey, the default */
  gboolean autocrop_deskew; /* trim the border and straighten each page */
} XsScannerOptions;

/* Called on the scanning thread while a page comes in (@fraction 0–1) and when it is done. */
typedef void (*XsScannerProgress) (guint page, double fraction, gpointer user_data);

/* Scans, and writes the pages to @pdf_path (a temporary name, synced, renamed). Blocks:
 * run it on a worker thread. Cancelling stops the scanner and writes nothing. Returns the
 * number of pages, 0 with @error set on failure. */
guint xs_scanner_scan_to_pdf (const XsScannerOptions *options, const char *pdf_path,
                              XsScannerProgress progress, gpointer user_data,
                              GCancellable *cancellable, GError **error);

/* The resolution of a preview: enough to see the paper lies straight, quick to scan. */
#define XS_SCANNER_PREVIEW_DPI 75

GdkPixbuf *xs_scanner_preview (const XsScannerOptions *options, XsScannerProgress progress,
                               gpointer user_data, GCancellable *cancellable, GError **error);

/* The page-handling steps, for tests: @grey is width × height, one byte a pixel. */
double xs_scanner_find_skew (const guint8 *grey, int width, int height);
gboolean xs_scanner_find_content (const guint8 *grey, int width, int height, int *x, int *y, int *w,
                                  int *h);

G_END_DECLS
