/* xs-scan.c — scanned evidence (JPEG, PNG, TIFF, PDF): recognised by content, decoded safely.
 *
 * Scans come from anyone's scanner, phone or e-mail, so they are untrusted input. The type is
 * read from the first bytes, never from the name, and only the decoder of that type sees the
 * bytes (gdk-pixbuf's JPEG, PNG or TIFF loader, or poppler): no other of the many gdk-pixbuf
 * loaders is ever reached. The pixel count is read from the header and checked before any
 * pixel memory is allocated, so a small file claiming a huge image is refused at once.
 *
 * An XsScan is not thread-safe: use each one from one thread at a time (poppler documents are
 * not safe to share); different scans may be worked on in different threads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "xs-scan.h"
#include "xs-scan-structure.h"

struct _XsScan
{
  GObject parent_instance;

  GBytes *bytes;
  XsScanType type;
  int width; /* images: as stored, before the EXIF orientation */
  int height;
  GdkPixbuf *image; /* images: decoded and oriented, once asked for */
  PopplerDocument *document;
};

G_DEFINE_FINAL_TYPE (XsScan, xs_scan, G_TYPE_OBJECT)

/* clang-format off */
G_DEFINE_QUARK (xs-scan-error-quark, xs_scan_error)
/* clang-format on */

typedef struct
{
  int width;
  int height;
  int fit; /* > 0: ask the loader for an image that fits in fit × fit */
  gboolean refused;
} SizeCheck;

/* Helpers ------------------------------------------------------------------------------------ */

static const char *
loader_type (XsScanType type)
{
  switch (type)
    {
    case XS_SCAN_TYPE_JPEG:
      return "jpeg";
    case XS_SCAN_TYPE_PNG:
      return "png";
    case XS_SCAN_TYPE_TIFF:
      return "tiff";
    case XS_SCAN_TYPE_PDF:
    case XS_SCAN_TYPE_UNKNOWN:
    default:
      return NULL;
    }
}

static void
fit_in_square (int width, int height, int size, int *out_width, int *out_height)
{
  if (width <= size && height <= size)
    {
      *out_width = width;
      *out_height = height;
    }
  else if (width >= height)
    {
      *out_width = size;
      *out_height = MAX (1, (int)lround ((double)height * size / width));
    }
  else
    {
      *out_height = size;
      *out_width = MAX (1, (int)lround ((double)width * size / height));
    }
}

static void
on_loader_size_prepared (GdkPixbufLoader *loader, int width, int height, gpointer user_data)
{
  SizeCheck *check = user_data;

  check->width = width;
  check->height = height;
  /* 0 × 0 makes the loader stop before allocating, as gdk_pixbuf_get_file_info() does. */
  if (check->fit < 0 || !xs_scan_check_pixels (width, height, NULL))
    {
      check->refused = check->fit >= 0;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
    }
  else if (check->fit > 0)
    {
      int w, h;

      fit_in_square (width, height, check->fit, &w, &h);
      gdk_pixbuf_loader_set_size (loader, w, h);
    }
}

/* Runs @bytes through the loader of @type alone. @fit: -1 only reads the size; 0 decodes at full
 * size; > 0 decodes to fit in a square of that side (JPEG then decodes at a reduced scale). */
static GdkPixbuf *
run_loader (XsScanType type, GBytes *bytes, int fit, SizeCheck *check, GError **error)
{
  g_autoptr (GdkPixbufLoader) loader = NULL;
  g_autoptr (GError) local = NULL;
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  gboolean ok;
  GdkPixbuf *pixbuf;

  memset (check, 0, sizeof *check);
  check->fit = fit;
  loader = gdk_pixbuf_loader_new_with_type (loader_type (type), &local);
  if (loader == NULL)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_UNSUPPORTED,
                   _ ("This system cannot decode %s images: %s"), xs_scan_type_get_mime_type (type),
                   local->message);
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (on_loader_size_prepared), check);

  ok = gdk_pixbuf_loader_write (loader, data, len, &local);
  /* Always closed, or the loader complains when finalized. */
  ok = gdk_pixbuf_loader_close (loader, ok ? &local : NULL) && ok;

  if (check->refused)
    {
      xs_scan_check_pixels (check->width, check->height, error);
      return NULL;
    }
  if (fit < 0)
    {
      if (check->width > 0 && check->height > 0)
        return NULL;
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_CORRUPT, _ ("The image is damaged: %s"),
                   local != NULL ? local->message : _ ("it has no readable size"));
      return NULL;
    }
  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (!ok || pixbuf == NULL)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_CORRUPT,
                   _ ("The image is damaged or incomplete: %s"),
                   local != NULL ? local->message : _ ("no picture in it"));
      return NULL;
    }
  /* The orientation a camera or scanner recorded (EXIF), so a rotated photo shows upright. */
  return gdk_pixbuf_apply_embedded_orientation (pixbuf);
}

static void
write_pixel (guchar *dst, guint a, guint r, guint g, guint b)
{
  guint32 pixel = (a << 24) | (r << 16) | (g << 8) | b;

  memcpy (dst, &pixel, sizeof pixel);
}

/* Premultiplied native-endian ARGB32, what cairo draws. */
static cairo_surface_t *
surface_from_pixbuf (GdkPixbuf *pixbuf, GError **error)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int n_channels = gdk_pixbuf_get_n_channels (pixbuf);
  int src_stride = gdk_pixbuf_get_rowstride (pixbuf);
  gboolean alpha = gdk_pixbuf_get_has_alpha (pixbuf);
  const guchar *src = gdk_pixbuf_read_pixels (pixbuf);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  guchar *dst;
  int dst_stride;

  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS,
                   _ ("Not enough memory for a %d × %d image"), width, height);
      cairo_surface_destroy (surface);
      return NULL;
    }
  cairo_surface_flush (surface);
  dst = cairo_image_surface_get_data (surface);
  dst_stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *s = src + (gsize)y * (gsize)src_stride + (gsize)x * (gsize)n_channels;
        guint a = alpha ? s[3] : 255;

        write_pixel (dst + (gsize)y * (gsize)dst_stride + (gsize)x * 4, a, (s[0] * a + 127) / 255,
                     (s[1] * a + 127) / 255, (s[2] * a + 127) / 255);
      }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* For the opaque surfaces render_pdf_page() makes: white behind every page. */
static GdkPixbuf *
pixbuf_from_opaque_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int src_stride = cairo_image_surface_get_stride (surface);
  const guchar *src;
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guchar *dst;
  int dst_stride;

  if (pixbuf == NULL)
    return NULL;
  cairo_surface_flush (surface);
  src = cairo_image_surface_get_data (surface);
  dst = gdk_pixbuf_get_pixels (pixbuf);
  dst_stride = gdk_pixbuf_get_rowstride (pixbuf);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        guint32 pixel;
        guchar *d = dst + (gsize)y * (gsize)dst_stride + (gsize)x * 3;

        memcpy (&pixel, src + (gsize)y * (gsize)src_stride + (gsize)x * 4, sizeof pixel);
        d[0] = (pixel >> 16) & 0xff;
        d[1] = (pixel >> 8) & 0xff;
        d[2] = pixel & 0xff;
      }
  return pixbuf;
}

static PopplerPage *
get_pdf_page (XsScan *self, guint page, GError **error)
{
  PopplerPage *p = NULL;

  if (page < xs_scan_get_n_pages (self))
    p = poppler_document_get_page (self->document, (int)page);
  if (p == NULL)
    g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_NO_PAGE,
                 _ ("There is no page %u; the document has %u"), page + 1,
                 xs_scan_get_n_pages (self));
  return p;
}

static gboolean
get_pdf_page_size (XsScan *self, guint page, double *out_width, double *out_height, GError **error)
{
  PopplerPage *p = get_pdf_page (self, page, error);

  if (p == NULL)
    return FALSE;
  poppler_page_get_size (p, out_width, out_height);
  g_object_unref (p);
  return TRUE;
}

static cairo_surface_t *
render_pdf_page (XsScan *self, guint page, double scale, GError **error)
{
  PopplerPage *p;
  double width, height;
  gint64 w, h;
  cairo_surface_t *surface;
  cairo_t *cr;

  if (!get_pdf_page_size (self, page, &width, &height, error))
    return NULL;
  /* Checked in floating point first: a huge scale must not overflow the integers. */
  if (!(width * scale < 1e9 && height * scale < 1e9))
    {
      xs_scan_check_pixels (G_MAXINT, G_MAXINT, error);
      return NULL;
    }
  w = MAX (1, (gint64)ceil (width * scale));
  h = MAX (1, (gint64)ceil (height * scale));
  if (!xs_scan_check_pixels (w, h, error))
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int)w, (int)h);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS,
                   _ ("Not enough memory for a %d × %d image"), (int)w, (int)h);
      cairo_surface_destroy (surface);
      return NULL;
    }
  p = get_pdf_page (self, page, NULL);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (p, cr);
  cairo_destroy (cr);
  g_object_unref (p);
  return surface;
}

static gboolean
open_bytes (XsScan *self, GBytes *bytes, GError **error)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  SizeCheck check;
  guint n_scans = 0;

  if (len > XS_SCAN_MAX_BYTES)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_LARGE,
                   _ ("The scan is larger than %d MB; scan it at a lower resolution"),
                   XS_SCAN_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (!xs_scan_sniff (data, len, &self->type, error))
    return FALSE;
  self->bytes = g_bytes_ref (bytes);

  if (self->type == XS_SCAN_TYPE_PDF)
    {
      g_autoptr (GError) local = NULL;

      self->document = poppler_document_new_from_bytes (bytes, NULL, &local);
      if (self->document == NULL)
        {
          if (g_error_matches (local, POPPLER_ERROR, POPPLER_ERROR_ENCRYPTED))
            g_set_error_literal (error, XS_SCAN_ERROR, XS_SCAN_ERROR_ENCRYPTED,
                                 _ ("The PDF is protected by a password; ask for a copy "
                                    "without one"));
          else
            g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_CORRUPT, _ ("The PDF is damaged: %s"),
                         local->message);
          return FALSE;
        }
      if (poppler_document_get_n_pages (self->document) < 1)
        {
          g_set_error_literal (error, XS_SCAN_ERROR, XS_SCAN_ERROR_CORRUPT,
                               _ ("The PDF has no pages"));
          return FALSE;
        }
      if (poppler_document_get_n_pages (self->document) > XS_SCAN_MAX_PAGES)
        {
          g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS,
                       _ ("The PDF has %d pages, more than Xueshi opens (%d); split it into "
                          "smaller files"),
                       poppler_document_get_n_pages (self->document), XS_SCAN_MAX_PAGES);
          return FALSE;
        }
      return TRUE;
    }

  if ((self->type == XS_SCAN_TYPE_PNG && !xs_scan_png_is_complete (data, len)) ||
      (self->type == XS_SCAN_TYPE_JPEG && !xs_scan_jpeg_is_complete (data, len, &n_scans)))
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_CORRUPT,
                   _ ("The %s image is damaged or cut off before its end; scan or copy it "
                      "again"),
                   self->type == XS_SCAN_TYPE_PNG ? "PNG" : "JPEG");
      return FALSE;
    }

  if (n_scans > XS_SCAN_MAX_JPEG_SCANS)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS,
                   _ ("The JPEG image has %u scans, more than Xueshi decodes (%d); save it "
                      "again as an ordinary (baseline) JPEG"),
                   n_scans, XS_SCAN_MAX_JPEG_SCANS);
      return FALSE;
    }
  if (self->type == XS_SCAN_TYPE_TIFF && !xs_scan_tiff_check (data, len, error))
    return FALSE;

  /* Images: the header's size now, the pixels only when asked for. */
  run_loader (self->type, bytes, -1, &check, error);
  if (check.width <= 0 || check.height <= 0)
    return FALSE;
  g_clear_error (error);
  self->width = check.width;
  self->height = check.height;
  return xs_scan_check_pixels (self->width, self->height, error);
}

/* GObject ------------------------------------------------------------------------------------ */

static void
xs_scan_finalize (GObject *object)
{
  XsScan *self = XS_SCAN (object);

  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_object (&self->image);
  g_clear_object (&self->document);
  G_OBJECT_CLASS (xs_scan_parent_class)->finalize (object);
}

static void
xs_scan_class_init (XsScanClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xs_scan_finalize;
}

static void
xs_scan_init (XsScan *self)
{
}

/* Public API --------------------------------------------------------------------------------- */

/**
 * xs_scan_new_for_bytes:
 * @bytes: the whole file, at most %XS_SCAN_MAX_BYTES
 *
 * Recognises the type by content; a PDF is parsed, an image's header read (its size checked
 * against %XS_SCAN_MAX_PIXELS), nothing decoded yet.
 *
 * Returns: (transfer full): the scan, or %NULL with an %XS_SCAN_ERROR
 */
XsScan *
xs_scan_new_for_bytes (GBytes *bytes, GError **error)
{
  g_autoptr (XsScan) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (XS_TYPE_SCAN, NULL);
  if (!open_bytes (self, bytes, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * xs_scan_new_for_path:
 *
 * xs_scan_new_for_bytes() on the file at @path, read up to %XS_SCAN_MAX_BYTES.
 *
 * Returns: (transfer full): the scan, or %NULL with an %XS_SCAN_ERROR
 */
XsScan *
xs_scan_new_for_path (const char *path, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bytes = xs_scan_read_file (path, error);
  if (bytes == NULL)
    return NULL;
  return xs_scan_new_for_bytes (bytes, error);
}

XsScanType
xs_scan_get_scan_type (XsScan *self)
{
  g_return_val_if_fail (XS_IS_SCAN (self), XS_SCAN_TYPE_UNKNOWN);
  return self->type;
}

/**
 * xs_scan_get_n_pages:
 *
 * Returns: the pages of a PDF; 1 for an image (of a multi-page TIFF, the first is shown)
 */
guint
xs_scan_get_n_pages (XsScan *self)
{
  g_return_val_if_fail (XS_IS_SCAN (self), 0);
  if (self->document != NULL)
    return (guint)poppler_document_get_n_pages (self->document);
  return 1;
}

/**
 * xs_scan_get_page_size:
 * @out_width: (out) (optional): in points for a PDF page, in pixels for an image
 * @out_height: (out) (optional): likewise
 *
 * The size as shown: a PDF page with its rotation, an image upright (which decodes it, to
 * learn its EXIF orientation).
 */
gboolean
xs_scan_get_page_size (XsScan *self, guint page, double *out_width, double *out_height,
                       GError **error)
{
  double width = 0, height = 0;

  g_return_val_if_fail (XS_IS_SCAN (self), FALSE);

  if (self->document != NULL)
    {
      if (!get_pdf_page_size (self, page, &width, &height, error))
        return FALSE;
    }
  else
    {
      g_autoptr (GdkPixbuf) image = NULL;

      if (page != 0)
        {
          g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_NO_PAGE,
                       _ ("There is no page %u; an image has one"), page + 1);
          return FALSE;
        }
      image = xs_scan_load_image (self, error);
      if (image == NULL)
        return FALSE;
      width = gdk_pixbuf_get_width (image);
      height = gdk_pixbuf_get_height (image);
    }
  if (out_width != NULL)
    *out_width = width;
  if (out_height != NULL)
    *out_height = height;
  return TRUE;
}

/**
 * xs_scan_load_image:
 *
 * Decodes an image (once; later calls return the same pixels) through the loader of its type
 * alone, turned upright by its EXIF orientation.
 *
 * Returns: (transfer full): the image; %NULL with %XS_SCAN_ERROR_CORRUPT for a damaged or
 *   truncated file, or %XS_SCAN_ERROR_UNSUPPORTED for a PDF
 */
GdkPixbuf *
xs_scan_load_image (XsScan *self, GError **error)
{
  SizeCheck check;

  g_return_val_if_fail (XS_IS_SCAN (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->type == XS_SCAN_TYPE_PDF)
    {
      g_set_error_literal (error, XS_SCAN_ERROR, XS_SCAN_ERROR_UNSUPPORTED,
                           _ ("A PDF is rendered page by page, not loaded as an image"));
      return NULL;
    }
  if (self->image == NULL)
    self->image = run_loader (self->type, self->bytes, 0, &check, error);
  return self->image != NULL ? g_object_ref (self->image) : NULL;
}

/**
 * xs_scan_render_page:
 * @page: from 0
 * @scale: for a PDF, pixels per point (1.0 is 72 dpi); for an image, per pixel
 *
 * Draws a page (an image is one page, upright) on white at @scale. The result is refused
 * with %XS_SCAN_ERROR_TOO_MANY_PIXELS before it is allocated when it would exceed
 * %XS_SCAN_MAX_PIXELS.
 *
 * Returns: (transfer full): an ARGB32 image surface, or %NULL with an %XS_SCAN_ERROR
 */
cairo_surface_t *
xs_scan_render_page (XsScan *self, guint page, double scale, GError **error)
{
  g_autoptr (GdkPixbuf) image = NULL;
  g_autoptr (GdkPixbuf) scaled = NULL;
  double w, h;

  g_return_val_if_fail (XS_IS_SCAN (self), NULL);
  g_return_val_if_fail (scale > 0 && isfinite (scale), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->document != NULL)
    return render_pdf_page (self, page, scale, error);

  if (page != 0)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_NO_PAGE,
                   _ ("There is no page %u; an image has one"), page + 1);
      return NULL;
    }
  image = xs_scan_load_image (self, error);
  if (image == NULL)
    return NULL;
  w = MAX (1.0, round (gdk_pixbuf_get_width (image) * scale));
  h = MAX (1.0, round (gdk_pixbuf_get_height (image) * scale));
  if (!(w < 1e9 && h < 1e9) || !xs_scan_check_pixels ((gint64)w, (gint64)h, error))
    {
      if (error != NULL && *error == NULL)
        xs_scan_check_pixels (G_MAXINT, G_MAXINT, error);
      return NULL;
    }
  if ((int)w == gdk_pixbuf_get_width (image) && (int)h == gdk_pixbuf_get_height (image))
    return surface_from_pixbuf (image, error);
  scaled = gdk_pixbuf_scale_simple (image, (int)w, (int)h, GDK_INTERP_BILINEAR);
  if (scaled == NULL)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS,
                   _ ("Not enough memory for a %d × %d image"), (int)w, (int)h);
      return NULL;
    }
  return surface_from_pixbuf (scaled, error);
}

/**
 * xs_scan_render_thumbnail:
 * @size: the side of the square the thumbnail fits in, in pixels
 *
 * The first page, upright, no larger than @size × @size (a smaller image is not enlarged).
 * A JPEG is decoded at a reduced scale, so even a large photo costs little memory.
 *
 * Returns: (transfer full): the thumbnail, or %NULL with an %XS_SCAN_ERROR
 */
GdkPixbuf *
xs_scan_render_thumbnail (XsScan *self, int size, GError **error)
{
  g_return_val_if_fail (XS_IS_SCAN (self), NULL);
  g_return_val_if_fail (size > 0 && size <= XS_SCAN_MAX_SURFACE_SIDE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (self->document != NULL)
    {
      cairo_surface_t *surface;
      GdkPixbuf *pixbuf;
      double width, height;

      if (!get_pdf_page_size (self, 0, &width, &height, error))
        return NULL;
      surface = render_pdf_page (self, 0, size / MAX (MAX (width, height), 1.0), error);
      if (surface == NULL)
        return NULL;
      pixbuf = pixbuf_from_opaque_surface (surface);
      cairo_surface_destroy (surface);
      if (pixbuf == NULL)
        g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS,
                     _ ("Not enough memory for a %d × %d image"), size, size);
      return pixbuf;
    }

  if (self->image != NULL)
    {
      int w, h;

      fit_in_square (gdk_pixbuf_get_width (self->image), gdk_pixbuf_get_height (self->image), size,
                     &w, &h);
      return gdk_pixbuf_scale_simple (self->image, w, h, GDK_INTERP_BILINEAR);
    }
  else
    {
      SizeCheck check;

      return run_loader (self->type, self->bytes, size, &check, error);
    }
}

/**
 * xs_scan_check_decodes:
 * @bytes: the whole file
 * @name: the file's name, for the message
 *
 * What an evidence file must pass to be attached: recognised by content, within every cap
 * (bytes, pixels, pages, JPEG scans, TIFF pages and strips) and, for an image, decoded
 * completely, so that damaged pixels are refused now rather than shown as damaged later.
 *
 * Returns: %TRUE when it decodes; else %FALSE with an %XS_SCAN_ERROR naming @name
 */
gboolean
xs_scan_check_decodes (GBytes *bytes, const char *name, GError **error)
{
  g_autoptr (XsScan) scan = NULL;
  g_autoptr (GdkPixbuf) image = NULL;
  g_autoptr (GError) local = NULL;

  g_return_val_if_fail (bytes != NULL && name != NULL, FALSE);

  scan = xs_scan_new_for_bytes (bytes, &local);
  if (scan != NULL && scan->type != XS_SCAN_TYPE_PDF)
    image = xs_scan_load_image (scan, &local);
  if (local == NULL)
    return TRUE;
  g_set_error (error, XS_SCAN_ERROR, local->code, _ ("“%s” cannot be attached: %s"), name,
               local->message);
  return FALSE;
}
