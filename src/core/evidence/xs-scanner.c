/* xs-scanner.c — scans pages with SANE and writes them as one PDF.
 *
 * SANE is initialised for each listing or scan and left after it, under one lock: backends
 * are not safe to enter from two threads, and a scanner plugged in meanwhile is then found.
 * Each page comes in as grey or RGB lines, is trimmed to its content and straightened when
 * asked, and goes into the PDF as a JPEG (a 300 dpi grey A4 page is about 300 KB so, 25 MB
 * as raw pixels). Tests use SANE's `test` backend (SANE_CONFIG_DIR naming it in dll.conf).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <sane/sane.h>
#include <sane/saneopts.h>
#include <string.h>
#include <unistd.h>

#include "xs-scan.h"
#include "xs-scanner.h"

/* clang-format off */
G_DEFINE_QUARK (xs-scanner-error-quark, xs_scanner_error)
/* clang-format on */

static GMutex sane_lock;

/* A sheet and a page at most: an A3 page at 600 dpi is 70 megapixels. */
#define MAX_PAGE_PIXELS ((gint64)80 * 1000 * 1000)
#define MAX_PAGES 200

void
xs_scanner_device_free (XsScannerDevice *device)
{
  if (device == NULL)
    return;
  g_free (device->name);
  g_free (device->vendor);
  g_free (device->model);
  g_free (device->type);
  g_free (device);
}

static gboolean
set_sane_error (GError **error, SANE_Status status, const char *what)
{
  int code = status == SANE_STATUS_NO_DOCS ? XS_SCANNER_ERROR_NO_PAPER : XS_SCANNER_ERROR_FAILED;
  const char *why;

  switch (status)
    {
    case SANE_STATUS_NO_DOCS:
      why = _ ("there is no paper in the feeder");
      break;
    case SANE_STATUS_JAMMED:
      why = _ ("the paper is jammed");
      break;
    case SANE_STATUS_COVER_OPEN:
      why = _ ("the scanner's cover is open");
      break;
    case SANE_STATUS_DEVICE_BUSY:
      why = _ ("the scanner is busy (another program may be using it)");
      break;
    case SANE_STATUS_ACCESS_DENIED:
      why = _ ("this user may not use the scanner");
      break;
    case SANE_STATUS_IO_ERROR:
      why = _ ("the scanner stopped answering (is it switched on and connected?)");
      break;
    case SANE_STATUS_NO_MEM:
      why = _ ("not enough memory");
      break;
    default:
      why = sane_strstatus (status);
      break;
    }
  g_set_error (error, XS_SCANNER_ERROR, code, _ ("Scanning failed while %s: %s"), what, why);
  return FALSE;
}

static gboolean
init_sane (GError **error)
{
  SANE_Int version = 0;
  SANE_Status status = sane_init (&version, NULL);

  if (status != SANE_STATUS_GOOD)
    return set_sane_error (error, status, _ ("starting the scanner drivers"));
  return TRUE;
}

GPtrArray *
xs_scanner_list (GError **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&sane_lock);
  GPtrArray *devices = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_scanner_device_free);
  const SANE_Device **list = NULL;
  SANE_Status status;

  if (!init_sane (error))
    {
      g_ptr_array_unref (devices);
      return NULL;
    }
  status = sane_get_devices (&list, SANE_FALSE);
  if (status != SANE_STATUS_GOOD)
    {
      set_sane_error (error, status, _ ("looking for scanners"));
      sane_exit ();
      g_ptr_array_unref (devices);
      return NULL;
    }
  for (guint i = 0; list != NULL && list[i] != NULL; i++)
    {
      XsScannerDevice *d = g_new0 (XsScannerDevice, 1);

      d->name = g_strdup (list[i]->name);
      d->vendor = g_strdup (list[i]->vendor);
      d->model = g_strdup (list[i]->model);
      d->type = g_strdup (list[i]->type);
      g_ptr_array_add (devices, d);
    }
  sane_exit ();
  return devices;
}

/* ---------------------------------------------------------------- options */

static int
find_option (SANE_Handle handle, const char *name, const SANE_Option_Descriptor **out)
{
  SANE_Int count = 0;

  if (sane_control_option (handle, 0, SANE_ACTION_GET_VALUE, &count, NULL) != SANE_STATUS_GOOD)
    return -1;
  for (SANE_Int i = 1; i < count; i++)
    {
      const SANE_Option_Descriptor *d = sane_get_option_descriptor (handle, i);

      if (d != NULL && d->name != NULL && strcmp (d->name, name) == 0 &&
          SANE_OPTION_IS_ACTIVE (d->cap) && SANE_OPTION_IS_SETTABLE (d->cap))
        {
          *out = d;
          return i;
        }
    }
  return -1;
}

/* The first of the option's listed values that contains one of @words (any case), and none
 * of @unless. */
static const char *
pick_value (const SANE_Option_Descriptor *d, const char *const *words, const char *unless)
{
  if (d->type != SANE_TYPE_STRING || d->constraint_type != SANE_CONSTRAINT_STRING_LIST)
    return NULL;
  for (guint w = 0; words[w] != NULL; w++)
    for (guint i = 0; d->constraint.string_list[i] != NULL; i++)
      {
        g_autofree char *value = g_ascii_strdown (d->constraint.string_list[i], -1);

        if (strstr (value, words[w]) != NULL && (unless == NULL || strstr (value, unless) == NULL))
          return d->constraint.string_list[i];
      }
  return NULL;
}

static gboolean
set_string (SANE_Handle handle, int index, const SANE_Option_Descriptor *d, const char *value)
{
  g_autofree char *buffer = g_malloc0 (MAX ((gsize)d->size, strlen (value) + 1));

  strcpy (buffer, value);
  return sane_control_option (handle, index, SANE_ACTION_SET_VALUE, buffer, NULL) ==
         SANE_STATUS_GOOD;
}

static gboolean
set_options (SANE_Handle handle, const XsScannerOptions *o, GError **error)
{
  static const char *const flatbed[] = { "flatbed", NULL };
  static const char *const feeder[] = { "feeder", "adf", NULL };
  static const char *const duplex[] = { "duplex", NULL };
  static const char *const grey[] = { "gray", "grey", NULL };
  static const char *const colour[] = { "color", "colour", NULL };
  const SANE_Option_Descriptor *d = NULL;
  guint dpi = o->resolution != 0 ? o->resolution : 300;
  int index;

  index = find_option (handle, SANE_NAME_SCAN_SOURCE, &d);
  if (index >= 0)
    {
      const char *value = o->source == XS_SCANNER_SOURCE_FLATBED ? pick_value (d, flatbed, NULL)
                          : o->source == XS_SCANNER_SOURCE_ADF   ? pick_value (d, feeder, "duplex")
                                                                 : pick_value (d, duplex, NULL);

      if (value == NULL && o->source != XS_SCANNER_SOURCE_FLATBED)
        goto no_source;
      if (value != NULL && !set_string (handle, index, d, value))
        goto no_source;
    }
  else if (o->source != XS_SCANNER_SOURCE_FLATBED)
    goto no_source;

  index = find_option (handle, SANE_NAME_SCAN_MODE, &d);
  if (index >= 0)
    {
      const char *value = pick_value (d, o->color ? colour : grey, NULL);

      if (value == NULL || !set_string (handle, index, d, value))
        {
          g_set_error (error, XS_SCANNER_ERROR, XS_SCANNER_ERROR_UNSUPPORTED,
                       o->color ? _ ("This scanner does not scan in colour")
                                : _ ("This scanner does not scan in grey"));
          return FALSE;
        }
    }

  index = find_option (handle, SANE_NAME_SCAN_RESOLUTION, &d);
  if (index >= 0)
    {
      SANE_Word value = d->type == SANE_TYPE_FIXED ? SANE_FIX ((double)dpi) : (SANE_Word)dpi;

      if (sane_control_option (handle, index, SANE_ACTION_SET_VALUE, &value, NULL) !=
          SANE_STATUS_GOOD)
        {
          g_set_error (error, XS_SCANNER_ERROR, XS_SCANNER_ERROR_UNSUPPORTED,
                       _ ("This scanner cannot scan at %u dpi"), dpi);
          return FALSE;
        }
    }
  return TRUE;

no_source:
  g_set_error (error, XS_SCANNER_ERROR, XS_SCANNER_ERROR_UNSUPPORTED,
               o->source == XS_SCANNER_SOURCE_DUPLEX ? _ ("This scanner does not scan both sides")
               : o->source == XS_SCANNER_SOURCE_ADF  ? _ ("This scanner has no document feeder")
                                                     : _ ("This scanner has no flatbed"));
  return FALSE;
}

/* ---------------------------------------------------------------- one page */

typedef struct
{
  guint8 *grey; /* width × height: for cropping and deskewing */
  guint8 *rgb;  /* width × height × 3 */
  int width, height;
} Page;

static void
page_clear (Page *page)
{
  g_clear_pointer (&page->grey, g_free);
  g_clear_pointer (&page->rgb, g_free);
}

/* Reads one frame into @page; lines may be unknown in advance (-1) and grow. */
static gboolean
read_page (SANE_Handle handle, guint number, Page *page, XsScannerProgress progress,
           gpointer user_data, GCancellable *cancellable, GError **error)
{
  SANE_Parameters p;
  SANE_Status status = sane_get_parameters (handle, &p);
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 buffer[65536];
  gint64 expected;
  int bytes_per_pixel;

  if (status != SANE_STATUS_GOOD)
    return set_sane_error (error, status, _ ("reading the page's size"));
  if (!(p.format == SANE_FRAME_GRAY || p.format == SANE_FRAME_RGB) || !p.last_frame ||
      !(p.depth == 1 || p.depth == 8 || p.depth == 16) || p.pixels_per_line <= 0 ||
      p.bytes_per_line <= 0)
    {
      g_set_error (error, XS_SCANNER_ERROR, XS_SCANNER_ERROR_UNSUPPORTED,
                   _ ("This scanner sends its pages in a form Xueshi does not read (three "
                      "passes, or %d bits a sample)"),
                   p.depth);
      return FALSE;
    }
  expected = p.lines > 0 ? (gint64)p.lines * p.bytes_per_line : 0;
  for (;;)
    {
      SANE_Int len = 0;

      if (g_cancellable_is_cancelled (cancellable))
        {
          sane_cancel (handle);
          return !g_cancellable_set_error_if_cancelled (cancellable, error);
        }
      status = sane_read (handle, buffer, sizeof buffer, &len);
      if (status == SANE_STATUS_EOF)
        break;
      if (status != SANE_STATUS_GOOD)
        return set_sane_error (error, status, _ ("reading a page"));
      g_byte_array_append (data, buffer, (guint)len);
      if ((gint64)data->len / p.bytes_per_line * p.pixels_per_line > MAX_PAGE_PIXELS)
        {
          sane_cancel (handle);
          g_set_error (error, XS_SCANNER_ERROR, XS_SCANNER_ERROR_TOO_LARGE,
                       _ ("The page is larger than %d megapixels"),
                       (int)(MAX_PAGE_PIXELS / 1000000));
          return FALSE;
        }
      if (progress != NULL && expected > 0)
        progress (number, MIN (1.0, (double)data->len / (double)expected), user_data);
    }

  page->width = p.pixels_per_line;
  page->height = (int)(data->len / (guint)p.bytes_per_line);
  if (page->height == 0)
    {
      g_set_error (error, XS_SCANNER_ERROR, XS_SCANNER_ERROR_FAILED,
                   _ ("The scanner sent an empty page"));
      return FALSE;
    }
  page->grey = g_malloc ((gsize)page->width * (gsize)page->height);
  page->rgb = g_malloc ((gsize)page->width * (gsize)page->height * 3);
  bytes_per_pixel = p.depth == 16 ? 2 : 1;
  for (int y = 0; y < page->height; y++)
    {
      const guint8 *line = data->data + (gsize)y * (gsize)p.bytes_per_line;

      for (int x = 0; x < page->width; x++)
        {
          guint8 r, g, b;
          gsize at = (gsize)y * (gsize)page->width + (gsize)x;

          if (p.depth == 1)
            /* Line art: a set bit is black. */
            r = g = b = (line[x / 8] & (0x80 >> (x % 8))) ? 0 : 255;
          else if (p.format == SANE_FRAME_GRAY)
            /* 16 bits: the high byte, in the machine's order as SANE sends it. */
            r = g = b = bytes_per_pixel == 2 ? (guint8)(((const guint16 *)line)[x] >> 8) : line[x];
          else if (bytes_per_pixel == 2)
            {
              const guint16 *px = (const guint16 *)line + 3 * x;

              r = px[0] >> 8, g = px[1] >> 8, b = px[2] >> 8;
            }
          else
            r = line[3 * x], g = line[3 * x + 1], b = line[3 * x + 2];
          page->rgb[3 * at] = r;
          page->rgb[3 * at + 1] = g;
          page->rgb[3 * at + 2] = b;
          page->grey[at] = (guint8)((r * 299 + g * 587 + b * 114) / 1000);
        }
    }
  if (progress != NULL)
    progress (number, 1.0, user_data);
  return TRUE;
}

/* ---------------------------------------------------------------- crop and deskew */

#define DARK 160

gboolean
xs_scanner_find_content (const guint8 *grey, int width, int height, int *x, int *y, int *w, int *h)
{
  int left = width, right = -1, top = height, bottom = -1;

  for (int j = 0; j < height; j++)
    for (int i = 0; i < width; i++)
      if (grey[(gsize)j * (gsize)width + (gsize)i] < DARK)
        {
          left = MIN (left, i);
          right = MAX (right, i);
          top = MIN (top, j);
          bottom = MAX (bottom, j);
        }
  if (right < 0)
    return FALSE;
  /* A margin of 2 % of the page around what is printed. */
  {
    int margin = MAX (width, height) / 50;

    *x = MAX (0, left - margin);
    *y = MAX (0, top - margin);
    *w = MIN (width, right + margin + 1) - *x;
    *h = MIN (height, bottom + margin + 1) - *y;
  }
  return TRUE;
}

/* The angle (degrees) that makes the lines of text horizontal: the one whose row profile of
 * dark pixels is sharpest (the sum of its squares largest), within ±5°, on a page shrunk
 * to about 800 pixels across. */
double
xs_scanner_find_skew (const guint8 *grey, int width, int height)
{
  int step = MAX (1, MAX (width, height) / 800);
  int bins = (width + height) / step + 2;
  g_autofree double *rows = g_new (double, bins);
  double best_angle = 0, best_score = -1;

  for (int tenth = -50; tenth <= 50; tenth += 2)
    {
      double angle = tenth / 10.0 * G_PI / 180.0, s = sin (angle), c = cos (angle), score = 0;

      memset (rows, 0, sizeof (double) * (gsize)bins);
      for (int y = 0; y < height; y += step)
        for (int x = 0; x < width; x += step)
          if (grey[(gsize)y * (gsize)width + (gsize)x] < DARK)
            {
              int bin = (int)((y * c - x * s) / step) + width / step + 1;

              if (bin >= 0 && bin < bins)
                rows[bin] += 1;
            }
      for (int b = 0; b < bins; b++)
        score += rows[b] * rows[b];
      if (score > best_score * 1.0001)
        {
          best_score = score;
          best_angle = tenth / 10.0;
        }
    }
  return best_angle;
}

/* The page's pixels as a cairo surface (GDK's helpers are not the core's to use). */
static cairo_surface_t *
surface_from_rgb (const guint8 *rgb, int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  int stride = cairo_image_surface_get_stride (surface);
  guint8 *data = cairo_image_surface_get_data (surface);

  for (int y = 0; y < height; y++)
    {
      guint32 *row = (guint32 *)(data + (gsize)y * (gsize)stride);
      const guint8 *in = rgb + (gsize)y * (gsize)width * 3;

      for (int x = 0; x < width; x++)
        row[x] = ((guint32)in[3 * x] << 16) | ((guint32)in[3 * x + 1] << 8) | in[3 * x + 2];
    }
  cairo_surface_mark_dirty (surface);
  return surface;
}

/* The page as it goes into the PDF: cropped and straightened when asked. */
static cairo_surface_t *
page_surface (Page *page, gboolean autocrop_deskew)
{
  int x = 0, y = 0, w = page->width, h = page->height;
  double skew = 0;
  cairo_surface_t *source, *surface;
  cairo_t *cr;

  if (autocrop_deskew)
    {
      skew = xs_scanner_find_skew (page->grey, page->width, page->height);
      if (fabs (skew) < 0.2)
        skew = 0;
      /* Cropping before a turn would cut corners off: a crooked page is straightened whole,
       * a straight one trimmed to its content. */
      if (skew == 0 &&
          !xs_scanner_find_content (page->grey, page->width, page->height, &x, &y, &w, &h))
        x = 0, y = 0, w = page->width, h = page->height;
    }
  source = surface_from_rgb (page->rgb, page->width, page->height);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, w, h);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (skew != 0)
    {
      cairo_translate (cr, w / 2.0, h / 2.0);
      /* Lines that climb by @skew degrees are turned back by as much. */
      cairo_rotate (cr, -skew * G_PI / 180.0);
      cairo_translate (cr, -w / 2.0, -h / 2.0);
    }
  cairo_set_source_surface (cr, source, -x, -y);
  cairo_paint (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (source);
  return surface;
}

static GdkPixbuf *
pixbuf_from_surface (cairo_surface_t *surface)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  guint8 *out;
  int out_stride;

  if (pixbuf == NULL)
    return NULL;
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  out = gdk_pixbuf_get_pixels (pixbuf);
  out_stride = gdk_pixbuf_get_rowstride (pixbuf);
  for (int y = 0; y < h; y++)
    {
      const guint32 *row = (const guint32 *)(data + (gsize)y * (gsize)stride);
      guint8 *o = out + (gsize)y * (gsize)out_stride;

      for (int x = 0; x < w; x++)
        {
          o[3 * x] = (row[x] >> 16) & 0xff;
          o[3 * x + 1] = (row[x] >> 8) & 0xff;
          o[3 * x + 2] = row[x] & 0xff;
        }
    }
  return pixbuf;
}

/* ---------------------------------------------------------------- the PDF */

typedef struct
{
  cairo_surface_t *pdf;
  guint dpi;
  guint pages;
} Pdf;

static gboolean
add_pdf_page (Pdf *pdf, cairo_surface_t *page, GError **error)
{
  int w = cairo_image_surface_get_width (page), h = cairo_image_surface_get_height (page);
  double scale = 72.0 / pdf->dpi;
  g_autoptr (GdkPixbuf) pixbuf = pixbuf_from_surface (page);
  g_autofree char *jpeg = NULL;
  gsize jpeg_len = 0;
  cairo_surface_t *image;
  cairo_t *cr;

  if (pixbuf == NULL)
    {
      g_set_error (error, XS_SCANNER_ERROR, XS_SCANNER_ERROR_TOO_LARGE,
                   _ ("Not enough memory for a %d × %d page"), w, h);
      return FALSE;
    }
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &jpeg, &jpeg_len, "jpeg", error, "quality", "85", NULL))
    return FALSE;
  /* The same pixels, with the JPEG attached: cairo embeds the JPEG as it is. */
  image = cairo_surface_reference (page);
  /* cairo frees it by calling g_free (closure): the closure is the data itself. */
  {
    char *data = g_steal_pointer (&jpeg);

    cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG, (const guchar *)data, jpeg_len,
                                 g_free, data);
  }
  cairo_pdf_surface_set_size (pdf->pdf, w * scale, h * scale);
  cr = cairo_create (pdf->pdf);
  cairo_scale (cr, scale, scale);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_paint (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (image);
  pdf->pages++;
  return TRUE;
}

static gboolean
sync_and_rename (const char *tmp, const char *path, GError **error)
{
  int fd = g_open (tmp, O_RDONLY | O_CLOEXEC, 0);
  GStatBuf st;

  if (fd < 0 || fsync (fd) != 0 || g_stat (tmp, &st) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  if (st.st_size > XS_SCAN_MAX_BYTES)
    {
      g_set_error (error, XS_SCANNER_ERROR, XS_SCANNER_ERROR_TOO_LARGE,
                   _ ("The scan is larger than %d MB, the most one evidence file may be: scan "
                      "fewer pages at a time or at a lower resolution"),
                   XS_SCAN_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (g_rename (tmp, path) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static gboolean
open_device (const char *name, SANE_Handle *handle, GError **error)
{
  const SANE_Device **list = NULL;
  SANE_Status status;

  if (name == NULL)
    {
      status = sane_get_devices (&list, SANE_TRUE);
      if (status != SANE_STATUS_GOOD || list == NULL || list[0] == NULL)
        status = sane_get_devices (&list, SANE_FALSE);
      if (status != SANE_STATUS_GOOD || list == NULL || list[0] == NULL)
        {
          g_set_error (error, XS_SCANNER_ERROR, XS_SCANNER_ERROR_NO_DEVICE,
                       _ ("No scanner was found: check that it is switched on and connected "
                          "(a network scanner needs sane-airscan)"));
          return FALSE;
        }
      name = list[0]->name;
    }
  status = sane_open (name, handle);
  if (status != SANE_STATUS_GOOD)
    {
      g_set_error (error, XS_SCANNER_ERROR, XS_SCANNER_ERROR_NO_DEVICE,
                   _ ("The scanner “%s” cannot be opened: %s"), name,
                   status == SANE_STATUS_INVAL ? _ ("there is no such scanner")
                                               : sane_strstatus (status));
      return FALSE;
    }
  return TRUE;
}

guint
xs_scanner_scan_to_pdf (const XsScannerOptions *options, const char *pdf_path,
                        XsScannerProgress progress, gpointer user_data, GCancellable *cancellable,
                        GError **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&sane_lock);
  g_autofree char *tmp = g_strconcat (pdf_path, ".scanning", NULL);
  guint want = options->pages != 0                            ? MIN (options->pages, MAX_PAGES)
               : options->source == XS_SCANNER_SOURCE_FLATBED ? 1
                                                              : MAX_PAGES;
  SANE_Handle handle = NULL;
  Pdf pdf = { NULL, options->resolution != 0 ? options->resolution : 300, 0 };
  gboolean ok = FALSE;

  if (!init_sane (error))
    return 0;
  if (!open_device (options->device, &handle, error) || !set_options (handle, options, error))
    goto out;
  pdf.pdf = cairo_pdf_surface_create (tmp, 595, 842);
  if (cairo_surface_status (pdf.pdf) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Cannot write “%s”: %s"), pdf_path,
                   cairo_status_to_string (cairo_surface_status (pdf.pdf)));
      goto out;
    }
  for (guint n = 0; n < want; n++)
    {
      Page page = { 0 };
      cairo_surface_t *surface;
      SANE_Status status = sane_start (handle);
      gboolean added;

      /* The feeder ran out after the last sheet: that ends the batch. */
      if (status == SANE_STATUS_NO_DOCS && n > 0 && options->pages == 0)
        break;
      if (status != SANE_STATUS_GOOD)
        {
          set_sane_error (error, status, _ ("starting a page"));
          goto out;
        }
      if (!read_page (handle, n, &page, progress, user_data, cancellable, error))
        {
          page_clear (&page);
          goto out;
        }
      surface = page_surface (&page, options->autocrop_deskew);
      page_clear (&page);
      added = add_pdf_page (&pdf, surface, error);
      cairo_surface_destroy (surface);
      if (!added)
        goto out;
    }
  cairo_surface_finish (pdf.pdf);
  if (cairo_surface_status (pdf.pdf) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Cannot write “%s”: %s"), pdf_path,
                   cairo_status_to_string (cairo_surface_status (pdf.pdf)));
      goto out;
    }
  ok = pdf.pages > 0 && sync_and_rename (tmp, pdf_path, error);

out:
  if (pdf.pdf != NULL)
    cairo_surface_destroy (pdf.pdf);
  if (!ok)
    g_unlink (tmp);
  if (handle != NULL)
    {
      sane_cancel (handle);
      sane_close (handle);
    }
  sane_exit ();
  return ok ? pdf.pages : 0;
}

/**
 * xs_scanner_preview:
 * @options: the scan to preview; its source must be the flatbed (a preview of the feeder
 *   would take its first sheet)
 *
 * A quick look at the flatbed at %XS_SCANNER_PREVIEW_DPI, before the real scan: trimmed
 * and straightened as the real one will be when @options asks for it. Blocks: run it on a
 * worker thread.
 *
 * Returns: (transfer full): the page, or %NULL with @error set
 */
GdkPixbuf *
xs_scanner_preview (const XsScannerOptions *options, XsScannerProgress progress, gpointer user_data,
                    GCancellable *cancellable, GError **error)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&sane_lock);
  XsScannerOptions quick = *options;
  SANE_Handle handle = NULL;
  GdkPixbuf *pixbuf = NULL;
  Page page = { 0 };
  SANE_Status status;

  if (options->source != XS_SCANNER_SOURCE_FLATBED)
    {
      g_set_error (error, XS_SCANNER_ERROR, XS_SCANNER_ERROR_UNSUPPORTED,
                   _ ("Only the flatbed can be previewed: a preview would take the feeder's "
                      "first sheet"));
      return NULL;
    }
  quick.resolution = XS_SCANNER_PREVIEW_DPI;
  quick.pages = 1;
  if (!init_sane (error))
    return NULL;
  if (!open_device (options->device, &handle, error) || !set_options (handle, &quick, error))
    goto out;
  status = sane_start (handle);
  if (status != SANE_STATUS_GOOD)
    {
      set_sane_error (error, status, _ ("starting a page"));
      goto out;
    }
  if (read_page (handle, 0, &page, progress, user_data, cancellable, error))
    {
      cairo_surface_t *surface = page_surface (&page, options->autocrop_deskew);

      pixbuf = pixbuf_from_surface (surface);
      cairo_surface_destroy (surface);
    }
  page_clear (&page);

out:
  if (handle != NULL)
    {
      sane_cancel (handle);
      sane_close (handle);
    }
  sane_exit ();
  return pixbuf;
}
