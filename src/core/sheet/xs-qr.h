/* xs-qr.h — a QR code as a grid of modules, drawn as vector rectangles (no bitmap).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define XS_QR_ERROR (xs_qr_error_quark ())

typedef enum
{
  XS_QR_ERROR_ENCODE,
} XsQrError;

GQuark xs_qr_error_quark (void);

typedef struct _XsQr XsQr;

XsQr *xs_qr_new (const char *text, GError **error);
guint xs_qr_get_width (const XsQr *qr);
gboolean xs_qr_get_module (const XsQr *qr, guint x, guint y);
void xs_qr_draw (const XsQr *qr, cairo_t *cr, double x, double y, double module);
void xs_qr_free (XsQr *qr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsQr, xs_qr_free)

G_END_DECLS
