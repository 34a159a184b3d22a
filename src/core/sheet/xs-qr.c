/* xs-qr.c — a QR code as a grid of modules, drawn as vector rectangles (no bitmap).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <qrencode.h>

#include "xs-qr.h"

struct _XsQr
{
  guint width;
  guchar *modules; /* width × width, 1 = dark */
};

/* clang-format off */
G_DEFINE_QUARK (xs-qr-error-quark, xs_qr_error)
/* clang-format on */

/**
 * xs_qr_new:
 * @text: UTF-8 text to encode, at error correction level M
 *
 * Returns: (transfer full): the code, or %NULL with %XS_QR_ERROR_ENCODE
 */
XsQr *
xs_qr_new (const char *text, GError **error)
{
  QRcode *code;
  XsQr *qr;
  int saved_errno;

  g_return_val_if_fail (text != NULL, NULL);

  /* Case-sensitive, 8-bit hint: libqrencode still picks the compact alphanumeric mode for
   * runs of upper-case letters, digits and dashes, which is what our codes are made of. */
  code = QRcode_encodeString (text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  if (code == NULL)
    {
      saved_errno = errno;
      g_set_error (error, XS_QR_ERROR, XS_QR_ERROR_ENCODE, _ ("Cannot make a QR code of “%s”: %s"),
                   text, g_strerror (saved_errno));
      return NULL;
    }

  qr = g_new0 (XsQr, 1);
  qr->width = (guint)code->width;
  qr->modules = g_malloc ((gsize)qr->width * qr->width);
  for (guint i = 0; i < qr->width * qr->width; i++)
    qr->modules[i] = code->data[i] & 1;
  QRcode_free (code);
  return qr;
}

/**
 * xs_qr_get_width:
 *
 * Returns: modules on a side, quiet zone not included
 */
guint
xs_qr_get_width (const XsQr *qr)
{
  return qr->width;
}

/**
 * xs_qr_get_module:
 * @x: column, from 0 at the left
 * @y: row, from 0 at the top
 *
 * Returns: whether the module is dark
 */
gboolean
xs_qr_get_module (const XsQr *qr, guint x, guint y)
{
  g_return_val_if_fail (x < qr->width && y < qr->width, FALSE);
  return qr->modules[y * qr->width + x] != 0;
}

/**
 * xs_qr_draw:
 * @x: left of the first module, in user space
 * @y: top of the first module
 * @module: side of one module
 *
 * Fills the dark modules with the current source. Each row's runs of dark modules become one
 * rectangle, so the PDF stays small and no hairline seams show between neighbours.
 */
void
xs_qr_draw (const XsQr *qr, cairo_t *cr, double x, double y, double module)
{
  cairo_save (cr);
  cairo_new_path (cr);
  for (guint row = 0; row < qr->width; row++)
    {
      guint col = 0;

      while (col < qr->width)
        {
          guint start;

          if (!qr->modules[row * qr->width + col])
            {
              col++;
              continue;
            }
          start = col;
          while (col < qr->width && qr->modules[row * qr->width + col])
            col++;
          cairo_rectangle (cr, x + start * module, y + row * module, (col - start) * module,
                           module);
        }
    }
  cairo_set_fill_rule (cr, CAIRO_FILL_RULE_WINDING);
  cairo_fill (cr);
  cairo_restore (cr);
}

void
xs_qr_free (XsQr *qr)
{
  if (qr == NULL)
    return;
  g_free (qr->modules);
  g_free (qr);
}
