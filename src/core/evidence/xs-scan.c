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

/* The largest side cairo can make an image surface of. */
#define MAX_SURFACE_SIDE 32767

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

/**
 * xs_scan_read_file:
 *
 * Reads a regular file of at most %XS_SCAN_MAX_BYTES, counting while reading (a file that
 * grows after it was measured is still refused).
 *
 * Returns: (transfer full): the contents, or %NULL with an %XS_SCAN_ERROR
 */
GBytes *
xs_scan_read_file (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GByteArray) data = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree guint8 *buffer = NULL;
  gssize n;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local);
  if (info == NULL)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("Cannot read “%s”: %s"), path,
                   local->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("“%s” is not a regular file"),
                   path);
      return NULL;
    }
  if (g_file_info_get_size (info) > XS_SCAN_MAX_BYTES)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_LARGE,
                   _ ("“%s” is larger than %d MB; scan it at a lower resolution"), path,
                   XS_SCAN_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  stream = g_file_read (file, NULL, &local);
  if (stream == NULL)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("Cannot read “%s”: %s"), path,
                   local->message);
      return NULL;
    }
  data = g_byte_array_sized_new ((guint)g_file_info_get_size (info));
  buffer = g_malloc (256 * 1024);
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 256 * 1024, NULL, &local)) > 0)
    {
      if (data->len + (gsize)n > XS_SCAN_MAX_BYTES)
        {
          g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_LARGE,
                       _ ("“%s” is larger than %d MB; scan it at a lower resolution"), path,
                       XS_SCAN_MAX_BYTES / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (data, buffer, (guint)n);
    }
  if (n < 0)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("Cannot read “%s”: %s"), path,
                   local->message);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static gboolean
check_pixels (gint64 width, gint64 height, GError **error)
{
  if (width > 0 && height > 0 && width <= MAX_SURFACE_SIDE && height <= MAX_SURFACE_SIDE &&
      width * height <= XS_SCAN_MAX_PIXELS)
    return TRUE;
  g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS,
               _ ("The image would be %lld × %lld pixels, more than Xueshi opens (%lld "
                  "megapixels, at most %d on a side)"),
               (long long)width, (long long)height, (long long)(XS_SCAN_MAX_PIXELS / 1000000),
               MAX_SURFACE_SIDE);
  return FALSE;
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
  if (check->fit < 0 || !check_pixels (width, height, NULL))
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
      check_pixels (check->width, check->height, error);
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
      check_pixels (G_MAXINT, G_MAXINT, error);
      return NULL;
    }
  w = MAX (1, (gint64)ceil (width * scale));
  h = MAX (1, (gint64)ceil (height * scale));
  if (!check_pixels (w, h, error))
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

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

/* gdk-pixbuf shows a cut-off PNG or JPEG without a word, its missing part grey: so the file's
 * structure is walked first. A PNG's chunks must lead to IEND. */
static gboolean
png_is_complete (const guint8 *data, gsize len)
{
  gsize pos = 8;

  while (pos + 12 <= len)
    {
      guint32 n = read_be32 (data + pos);

      if (memcmp (data + pos + 4, "IEND", 4) == 0)
        return TRUE;
      if (n > len - pos - 12)
        return FALSE;
      pos += 12 + (gsize)n;
    }
  return FALSE;
}

/* A JPEG's segments, and the entropy-coded data after each SOS, must lead to EOI. Its scans
 * (SOS segments) are counted on the way: a progressive JPEG is decoded once per scan. */
static gboolean
jpeg_is_complete (const guint8 *data, gsize len, guint *n_scans)
{
  gsize pos = 2;

  while (pos + 2 <= len)
    {
      guint8 marker = data[pos + 1];
      gsize n;

      if (data[pos] != 0xff)
        return FALSE;
      if (marker == 0xff) /* fill byte */
        {
          pos++;
          continue;
        }
      if (marker == 0xd9) /* EOI */
        return TRUE;
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) /* TEM, RSTn: no length */
        {
          pos += 2;
          continue;
        }
      if (pos + 4 > len)
        return FALSE;
      n = ((gsize)data[pos + 2] << 8) | data[pos + 3];
      if (n < 2 || n > len - pos - 2)
        return FALSE;
      pos += 2 + n;
      if (marker != 0xda) /* SOS */
        continue;
      (*n_scans)++;
      /* Entropy-coded data: an 0xFF in it is stuffed (FF 00) or a restart marker. */
      while (pos + 1 < len && !(data[pos] == 0xff && data[pos + 1] != 0x00 &&
                                !(data[pos + 1] >= 0xd0 && data[pos + 1] <= 0xd7)))
        pos++;
    }
  return FALSE;
}

static guint
read_u16 (const guint8 *p, gboolean le)
{
  return le ? p[0] | (guint)p[1] << 8 : (guint)p[0] << 8 | p[1];
}

static guint32
read_u32 (const guint8 *p, gboolean le)
{
  return le ? p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24 : read_be32 (p);
}

/* A TIFF's page directories (IFDs) are a chain libtiff follows: every page is counted before
 * any decoder sees the file, a chain that loops or leaves the file is damage, and each page's
 * size and strip or tile count is checked against the caps. */
static gboolean
tiff_check (const guint8 *data, gsize len, GError **error)
{
  gboolean le = data[0] == 'I';
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint32 offset = len >= 8 ? read_u32 (data + 4, le) : 0;
  guint pages = 0;

  while (offset != 0)
    {
      guint n;
      gint64 width = 0, height = 0;

      if (++pages > XS_SCAN_MAX_PAGES)
        {
          g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS,
                       _ ("The TIFF image has more than %d pages; split it into smaller files"),
                       XS_SCAN_MAX_PAGES);
          return FALSE;
        }
      if (!g_hash_table_add (seen, GUINT_TO_POINTER (offset)))
        {
          g_set_error_literal (error, XS_SCAN_ERROR, XS_SCAN_ERROR_CORRUPT,
                               _ ("The TIFF image is damaged: its pages lead back to each other"));
          return FALSE;
        }
      if (offset < 8 || offset > len - 2 ||
          (gsize)read_u16 (data + offset, le) * 12 + 6 > len - offset)
        {
          g_set_error_literal (error, XS_SCAN_ERROR, XS_SCAN_ERROR_CORRUPT,
                               _ ("The TIFF image is damaged: a page lies outside the file"));
          return FALSE;
        }
      n = read_u16 (data + offset, le);
      for (guint i = 0; i < n; i++)
        {
          const guint8 *entry = data + offset + 2 + (gsize)i * 12;
          guint tag = read_u16 (entry, le);
          guint type = read_u16 (entry + 2, le);
          guint32 count = read_u32 (entry + 4, le);
          gint64 value = type == 3 ? read_u16 (entry + 8, le) : read_u32 (entry + 8, le);

          if (tag == 256)
            width = value;
          else if (tag == 257)
            height = value;
          else if ((tag == 273 || tag == 279 || tag == 324 || tag == 325) &&
                   count > XS_SCAN_MAX_STRIPS)
            {
              g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS,
                           _ ("The TIFF image has %lld strips or tiles on one page, more than "
                              "Xueshi reads (%d)"),
                           (long long)count, XS_SCAN_MAX_STRIPS);
              return FALSE;
            }
        }
      if (!check_pixels (width, height, error))
        return FALSE;
      offset = read_u32 (data + offset + 2 + (gsize)n * 12, le);
    }
  return TRUE;
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

  if ((self->type == XS_SCAN_TYPE_PNG && !png_is_complete (data, len)) ||
      (self->type == XS_SCAN_TYPE_JPEG && !jpeg_is_complete (data, len, &n_scans)))
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
  if (self->type == XS_SCAN_TYPE_TIFF && !tiff_check (data, len, error))
    return FALSE;

  /* Images: the header's size now, the pixels only when asked for. */
  run_loader (self->type, bytes, -1, &check, error);
  if (check.width <= 0 || check.height <= 0)
    return FALSE;
  g_clear_error (error);
  self->width = check.width;
  self->height = check.height;
  return check_pixels (self->width, self->height, error);
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
 * xs_scan_sniff:
 * @data: (array length=length): the first bytes of a file (16 are enough)
 * @out_type: (out): the type the content says
 *
 * Recognises JPEG (`FF D8 FF`), PNG (`89 50 4E 47 0D 0A 1A 0A`), TIFF (`II*\0`, `MM\0*`) and
 * PDF (`%PDF-`) from their first bytes; a file's name plays no part.
 *
 * Returns: %TRUE for one of the four; else %XS_SCAN_ERROR_UNSUPPORTED
 */
gboolean
xs_scan_sniff (const guint8 *data, gsize length, XsScanType *out_type, GError **error)
{
  static const struct
  {
    const char *magic;
    gsize len;
    XsScanType type;
  } signatures[] = {
    { "\xff\xd8\xff", 3, XS_SCAN_TYPE_JPEG }, { "\x89PNG\r\n\x1a\n", 8, XS_SCAN_TYPE_PNG },
    { "II*\0", 4, XS_SCAN_TYPE_TIFF },        { "MM\0*", 4, XS_SCAN_TYPE_TIFF },
    { "%PDF-", 5, XS_SCAN_TYPE_PDF },
  };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (out_type != NULL, FALSE);

  *out_type = XS_SCAN_TYPE_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (signatures); i++)
    if (length >= signatures[i].len && memcmp (data, signatures[i].magic, signatures[i].len) == 0)
      {
        *out_type = signatures[i].type;
        return TRUE;
      }
  if (length == 0)
    g_set_error_literal (error, XS_SCAN_ERROR, XS_SCAN_ERROR_UNSUPPORTED, _ ("The file is empty"));
  else
    g_set_error_literal (error, XS_SCAN_ERROR, XS_SCAN_ERROR_UNSUPPORTED,
                         _ ("The file is not a JPEG, PNG, TIFF or PDF scan, whatever its name "
                            "says; save the scan in one of those formats"));
  return FALSE;
}

/**
 * xs_scan_sniff_file:
 * @out_type: (out): the type the content says
 *
 * Like xs_scan_sniff() on the first bytes of @path; also refuses what is not a regular file
 * or is larger than %XS_SCAN_MAX_BYTES.
 */
gboolean
xs_scan_sniff_file (const char *path, XsScanType *out_type, GError **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError) local = NULL;
  guint8 head[16];
  gsize n = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (out_type != NULL, FALSE);

  *out_type = XS_SCAN_TYPE_UNKNOWN;
  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("“%s” is not a regular file"),
                   path);
      return FALSE;
    }
  if (info != NULL && g_file_info_get_size (info) > XS_SCAN_MAX_BYTES)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_LARGE,
                   _ ("“%s” is larger than %d MB; scan it at a lower resolution"), path,
                   XS_SCAN_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (info != NULL)
    stream = g_file_read (file, NULL, &local);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, NULL, &local))
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("Cannot read “%s”: %s"), path,
                   local->message);
      return FALSE;
    }
  return xs_scan_sniff (head, n, out_type, error);
}

/**
 * xs_scan_type_get_mime_type:
 *
 * Returns: (transfer none) (nullable): e.g. “image/jpeg”, or %NULL for %XS_SCAN_TYPE_UNKNOWN
 */
const char *
xs_scan_type_get_mime_type (XsScanType type)
{
  switch (type)
    {
    case XS_SCAN_TYPE_JPEG:
      return "image/jpeg";
    case XS_SCAN_TYPE_PNG:
      return "image/png";
    case XS_SCAN_TYPE_TIFF:
      return "image/tiff";
    case XS_SCAN_TYPE_PDF:
      return "application/pdf";
    case XS_SCAN_TYPE_UNKNOWN:
    default:
      return NULL;
    }
}

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
  if (!(w < 1e9 && h < 1e9) || !check_pixels ((gint64)w, (gint64)h, error))
    {
      if (error != NULL && *error == NULL)
        check_pixels (G_MAXINT, G_MAXINT, error);
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
  g_return_val_if_fail (size > 0 && size <= MAX_SURFACE_SIDE, NULL);
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
