/* xs-ocr.h — the text of a scan, read by Tesseract (Simplified Chinese), red seals removed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xs-scan.h"

G_BEGIN_DECLS

#define XS_OCR_ERROR (xs_ocr_error_quark ())

typedef enum
{
  XS_OCR_ERROR_NO_ENGINE, /* Tesseract or its chi_sim model is not installed */
  XS_OCR_ERROR_FAILED,
} XsOcrError;

GQuark xs_ocr_error_quark (void);

/* Pages read at this resolution: Tesseract's best, and what scanners are set to. */
#define XS_OCR_DPI 300
/* Pages of one file read at most: the text of a certificate is on its first pages. */
#define XS_OCR_MAX_PAGES 20

typedef struct
{
  char *text;        /* one line, the spaces Tesseract puts between Chinese characters removed */
  double confidence; /* 0–1 */
  guint page;        /* from 0 */
  /* A line that labels a number (证书编号 …) read again as Latin letters and digits, which
   * the Chinese model often misreads (IN2026 for HN2026); NULL for other lines. */
  char *latin;
} XsOcrLine;

typedef struct
{
  GPtrArray *lines; /* XsOcrLine, in reading order */
} XsOcrText;

XsOcrText *xs_ocr_read_scan (XsScan *scan, GCancellable *cancellable, GError **error);
XsOcrText *xs_ocr_read_file (const char *path, GCancellable *cancellable, GError **error);
/* All lines, joined by newlines. */
char *xs_ocr_text_dup_string (const XsOcrText *text);
void xs_ocr_text_free (XsOcrText *text);

/* For tests and the benchmark: the grey image Tesseract is given (the red channel). */
guint8 *xs_ocr_grey_from_surface (cairo_surface_t *surface, int *out_width, int *out_height);

/* The text of one line as a reader expects it: Tesseract puts spaces between Chinese
 * characters, and full-width digits, letters and colons are made half-width. */
char *xs_ocr_normalize_line (const char *line);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsOcrText, xs_ocr_text_free)

G_END_DECLS
