/* test-scan.c — scans are recognised by content, decoded upright and safely, and thumbnailed
 * off the main thread into the cache.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "xs-core.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

static char *
fixture (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "scan", name, NULL);
}

static XsScan *
open_fixture (const char *name)
{
  g_autofree char *path = fixture (name);
  g_autoptr (GError) error = NULL;
  XsScan *scan = xs_scan_new_for_path (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (scan);
  return scan;
}

/* The pixel at @x, @y of a pixbuf, as 0xRRGGBB. */
static guint32
pixbuf_rgb (GdkPixbuf *pixbuf, int x, int y)
{
  const guint8 *p = gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) +
                    x * gdk_pixbuf_get_n_channels (pixbuf);

  return ((guint32)p[0] << 16) | ((guint32)p[1] << 8) | p[2];
}

static guint32
surface_rgb (cairo_surface_t *surface, int x, int y)
{
  guint32 pixel;

  cairo_surface_flush (surface);
  memcpy (&pixel,
          cairo_image_surface_get_data (surface) + y * cairo_image_surface_get_stride (surface) +
              x * 4,
          sizeof pixel);
  return pixel & 0xffffff;
}

/* Red, blue or white, whatever JPEG did to the exact values. */
static char
colour_name (guint32 rgb)
{
  guint r = rgb >> 16, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

  if (r > 150 && g < 100 && b < 100)
    return 'r';
  if (b > 150 && r < 100 && g < 100)
    return 'b';
  if (r > 200 && g > 200 && b > 200)
    return 'w';
  return '?';
}

static void
test_sniff_reads_the_signatures (void)
{
  static const struct
  {
    const char *bytes;
    gsize len;
    XsScanType type;
  } cases[] = {
    { "\xff\xd8\xff\xe0", 4, XS_SCAN_TYPE_JPEG }, { "\x89PNG\r\n\x1a\n\0\0", 10, XS_SCAN_TYPE_PNG },
    { "II*\0\x08\0\0\0", 8, XS_SCAN_TYPE_TIFF },  { "MM\0*\0\0\0\x08", 8, XS_SCAN_TYPE_TIFF },
    { "%PDF-1.7\n", 9, XS_SCAN_TYPE_PDF },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      XsScanType type = XS_SCAN_TYPE_UNKNOWN;

      g_assert_true (xs_scan_sniff ((const guint8 *)cases[i].bytes, cases[i].len, &type, &error));
      g_assert_no_error (error);
      g_assert_cmpint (type, ==, cases[i].type);
    }
}

static void
test_sniff_refuses_everything_else (void)
{
  static const char *const others[] = {
    "GIF89a",      "BM6\0\0\0", "<svg xmlns", "PK\x03\x04",
    "\x89PNG\r\n", "%PD",       "\xff\xd8",   "RIFF\0\0\0\0WEBP",
  };

  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    {
      g_autoptr (GError) error = NULL;
      XsScanType type = XS_SCAN_TYPE_JPEG;

      g_assert_false (xs_scan_sniff ((const guint8 *)others[i], strlen (others[i]), &type, &error));
      g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_UNSUPPORTED);
      g_assert_cmpint (type, ==, XS_SCAN_TYPE_UNKNOWN);
    }
}

static void
test_a_jpg_that_is_a_pdf_is_a_pdf (void)
{
  g_autofree char *path = fixture ("really-a-pdf.jpg");
  g_autoptr (GError) error = NULL;
  g_autoptr (XsScan) scan = NULL;
  XsScanType type = XS_SCAN_TYPE_UNKNOWN;

  g_assert_true (xs_scan_sniff_file (path, &type, &error));
  g_assert_no_error (error);
  g_assert_cmpint (type, ==, XS_SCAN_TYPE_PDF);

  scan = open_fixture ("really-a-pdf.jpg");
  g_assert_cmpint (xs_scan_get_scan_type (scan), ==, XS_SCAN_TYPE_PDF);
  g_assert_cmpuint (xs_scan_get_n_pages (scan), ==, 2);
}

static void
test_a_jpg_that_is_a_gif_is_refused (void)
{
  g_autofree char *path = fixture ("really-a-gif.jpg");
  g_autoptr (GError) error = NULL;
  g_autoptr (XsScan) scan = xs_scan_new_for_path (path, &error);

  g_assert_null (scan);
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "JPEG, PNG, TIFF or PDF"));
}

static void
test_exif_orientation_turns_the_image_upright (void)
{
  g_autoptr (XsScan) scan = open_fixture ("rotated.jpg");
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbuf) image = xs_scan_load_image (scan, &error);
  double width = 0, height = 0;

  g_assert_no_error (error);
  /* Stored 64 × 32, red left, blue right; orientation 6 shows it turned a quarter clockwise. */
  g_assert_cmpint (gdk_pixbuf_get_width (image), ==, 32);
  g_assert_cmpint (gdk_pixbuf_get_height (image), ==, 64);
  g_assert_cmpint (colour_name (pixbuf_rgb (image, 16, 8)), ==, 'r');
  g_assert_cmpint (colour_name (pixbuf_rgb (image, 16, 56)), ==, 'b');

  g_assert_true (xs_scan_get_page_size (scan, 0, &width, &height, &error));
  g_assert_cmpfloat (width, ==, 32);
  g_assert_cmpfloat (height, ==, 64);
}

static void
test_png_and_tiff_decode (void)
{
  static const struct
  {
    const char *name;
    XsScanType type;
    int width, height;
  } cases[] = {
    { "small.png", XS_SCAN_TYPE_PNG, 64, 32 },
    { "small.tif", XS_SCAN_TYPE_TIFF, 16, 8 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (XsScan) scan = open_fixture (cases[i].name);
      g_autoptr (GError) error = NULL;
      g_autoptr (GdkPixbuf) image = xs_scan_load_image (scan, &error);
      cairo_surface_t *surface;

      g_assert_no_error (error);
      g_assert_cmpint (xs_scan_get_scan_type (scan), ==, cases[i].type);
      g_assert_cmpuint (xs_scan_get_n_pages (scan), ==, 1);
      g_assert_cmpint (gdk_pixbuf_get_width (image), ==, cases[i].width);
      g_assert_cmpint (gdk_pixbuf_get_height (image), ==, cases[i].height);
      g_assert_cmpint (colour_name (pixbuf_rgb (image, 1, 1)), ==, 'r');
      g_assert_cmpint (colour_name (pixbuf_rgb (image, cases[i].width - 2, 1)), ==, 'b');

      /* Drawn at double size, left still red and right still blue. */
      surface = xs_scan_render_page (scan, 0, 2.0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 2 * cases[i].width);
      g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 2 * cases[i].height);
      g_assert_cmpint (colour_name (surface_rgb (surface, 2, 2)), ==, 'r');
      g_assert_cmpint (colour_name (surface_rgb (surface, 2 * cases[i].width - 3, 2)), ==, 'b');
      cairo_surface_destroy (surface);

      g_assert_null (xs_scan_render_page (scan, 1, 1.0, &error));
      g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_NO_PAGE);
    }
}

static void
test_a_progressive_jpeg_decodes (void)
{
  g_autoptr (XsScan) scan = open_fixture ("progressive.jpg");
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbuf) image = xs_scan_load_image (scan, &error);

  /* Several scans, each its own SOS: the completeness check walks them all. */
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (image), ==, 96);
  g_assert_cmpint (gdk_pixbuf_get_height (image), ==, 96);
}

static void
test_a_truncated_image_is_a_clear_error (void)
{
  static const char *const names[] = { "truncated.png", "truncated.jpg", "truncated.tif" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = fixture (names[i]);
      g_autoptr (GError) error = NULL;
      g_autoptr (XsScan) scan = xs_scan_new_for_path (path, &error);
      g_autoptr (GdkPixbuf) image = NULL;

      /* gdk-pixbuf would show the missing part grey; PNG and JPEG are refused at once. */
      if (scan != NULL)
        {
          image = xs_scan_load_image (scan, &error);
          g_assert_null (image);
        }
      g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_CORRUPT);
      g_assert_nonnull (strstr (error->message, "damaged"));
    }
}

static void
refuse_huge_header (void)
{
  g_autofree char *path = fixture ("huge-header.png");
  g_autoptr (GError) error = NULL;
  g_autoptr (XsScan) scan = NULL;
  gint64 start = g_get_monotonic_time ();

  scan = xs_scan_new_for_path (path, &error);
  g_assert_null (scan);
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS);
  g_assert_nonnull (strstr (error->message, "100000 × 100000"));
  /* Refused from the header: no decoding of 10¹⁰ pixels. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
}

static void
test_a_huge_header_is_refused_before_decoding (void)
{
  if (g_test_subprocess ())
    {
#ifndef UNDER_ASAN
      /* 1 GiB of address space: 30 GB of pixels could not even be attempted. (ASan reserves
       * terabytes of shadow memory, so there the time limit alone has to do.) */
      struct rlimit limit = { (rlim_t)1 << 30, (rlim_t)1 << 30 };
      g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
#endif
      refuse_huge_header ();
      return;
    }
  refuse_huge_header ();
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_a_two_page_pdf_has_two_pages_and_renders (void)
{
  g_autoptr (XsScan) scan = open_fixture ("two-pages.pdf");
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface;
  double width = 0, height = 0;

  g_assert_cmpint (xs_scan_get_scan_type (scan), ==, XS_SCAN_TYPE_PDF);
  g_assert_cmpuint (xs_scan_get_n_pages (scan), ==, 2);
  g_assert_true (xs_scan_get_page_size (scan, 0, &width, &height, &error));
  g_assert_cmpfloat (width, ==, 595);
  g_assert_cmpfloat (height, ==, 842);
  g_assert_true (xs_scan_get_page_size (scan, 1, &width, &height, &error));
  g_assert_cmpfloat (width, ==, 842);
  g_assert_cmpfloat (height, ==, 595);

  /* The blue square spans 100–300 pt from the bottom left; at half scale, 50–150 px across
   * and 271–371 px down. */
  surface = xs_scan_render_page (scan, 0, 0.5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 298);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 421);
  g_assert_cmpint (colour_name (surface_rgb (surface, 100, 320)), ==, 'b');
  g_assert_cmpint (colour_name (surface_rgb (surface, 10, 10)), ==, 'w');
  cairo_surface_destroy (surface);

  surface = xs_scan_render_page (scan, 1, 0.5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 421);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 298);
  g_assert_cmpint (colour_name (surface_rgb (surface, 100, 200)), ==, 'b');
  cairo_surface_destroy (surface);

  g_assert_null (xs_scan_render_page (scan, 2, 1.0, &error));
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_NO_PAGE);
  g_clear_error (&error);

  g_assert_null (xs_scan_load_image (scan, &error));
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_UNSUPPORTED);
}

static void
test_a_damaged_pdf_is_a_clear_error (void)
{
  static const char damaged[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >>\ngarbage\n";
  g_autoptr (GBytes) bytes = g_bytes_new_static (damaged, sizeof damaged - 1);
  g_autoptr (GError) error = NULL;
  g_autoptr (XsScan) scan = xs_scan_new_for_bytes (bytes, &error);

  g_assert_null (scan);
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "PDF"));
}

static void
test_a_huge_zoom_is_refused_before_allocating (void)
{
  g_autoptr (XsScan) pdf = open_fixture ("two-pages.pdf");
  g_autoptr (XsScan) png = open_fixture ("small.png");
  g_autoptr (GError) error = NULL;

  g_assert_null (xs_scan_render_page (pdf, 0, 1000.0, &error));
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS);
  g_clear_error (&error);
  g_assert_null (xs_scan_render_page (pdf, 0, 1e300, &error));
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS);
  g_clear_error (&error);
  g_assert_null (xs_scan_render_page (png, 0, 5000.0, &error));
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS);
}

static void
test_an_oversized_file_is_refused_unread (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("scan-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "big.pdf", NULL);
  XsScanType type;
  int fd;

  g_assert_no_error (error);
  fd = g_open (path, O_WRONLY | O_CREAT, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "%PDF-1.4\n", 9), ==, 9);
  /* Sparse: 65 MB that take no disk. */
  g_assert_cmpint (ftruncate (fd, (off_t)XS_SCAN_MAX_BYTES + 1), ==, 0);
  g_close (fd, NULL);

  g_assert_null (xs_scan_new_for_path (path, &error));
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (xs_scan_sniff_file (path, &type, &error));
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (xs_scan_sniff_file (dir, &type, &error));
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ);

  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  GAsyncResult *result;
  GThread *caller;
  gboolean on_caller_thread;
} Wait;

static void
on_thumbnail_ready (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  wait->on_caller_thread = g_thread_self () == wait->caller;
  wait->result = g_object_ref (result);
}

static GdkPixbuf *
thumbnail_async (const char *path, const char *sha256, int size, GCancellable *cancellable,
                 GError **error)
{
  Wait wait = { NULL, g_thread_self (), FALSE };
  GdkPixbuf *pixbuf;

  xs_thumbnail_load_async (path, sha256, size, cancellable, on_thumbnail_ready, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.on_caller_thread);
  pixbuf = xs_thumbnail_load_finish (wait.result, error);
  g_object_unref (wait.result);
  return pixbuf;
}

static char *
copy_to_temp (const char *name, char **out_dir)
{
  g_autofree char *src = fixture (name);
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  gsize len = 0;
  char *path;

  *out_dir = g_dir_make_tmp ("thumb-XXXXXX", &error);
  g_assert_no_error (error);
  g_file_get_contents (src, &contents, &len, &error);
  g_assert_no_error (error);
  path = g_build_filename (*out_dir, name, NULL);
  g_file_set_contents (path, contents, (gssize)len, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_a_thumbnail_is_made_in_a_thread_then_cached (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = copy_to_temp ("rotated.jpg", &dir);
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *cache = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbuf) first = NULL;
  g_autoptr (GdkPixbuf) second = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
  cache = xs_thumbnail_dup_cache_path (sha256, 16);
  {
    g_autofree char *name = g_strdup_printf ("%s-16.png", sha256);
    g_autofree char *expected =
        g_build_filename (g_get_user_cache_dir (), "xueshi", "thumbnails", name, NULL);
    g_assert_cmpstr (cache, ==, expected);
  }
  g_assert_false (g_file_test (cache, G_FILE_TEST_EXISTS));

  /* Upright and fitted in 16 × 16: the 32 × 64 image becomes 8 × 16, red on top. */
  first = thumbnail_async (path, NULL, 16, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (first), ==, 8);
  g_assert_cmpint (gdk_pixbuf_get_height (first), ==, 16);
  g_assert_cmpint (colour_name (pixbuf_rgb (first, 4, 2)), ==, 'r');
  g_assert_cmpint (colour_name (pixbuf_rgb (first, 4, 13)), ==, 'b');
  g_assert_true (g_file_test (cache, G_FILE_TEST_IS_REGULAR));

  /* The second time it comes from the cache: the scan itself is not even there. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  second = thumbnail_async (path, sha256, 16, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (second), ==, 8);
  g_assert_cmpint (gdk_pixbuf_get_height (second), ==, 16);
  g_assert_cmpint (colour_name (pixbuf_rgb (second, 4, 2)), ==, 'r');

  /* Another size is another thumbnail, and there is no scan to make it from. */
  g_assert_null (thumbnail_async (path, sha256, 32, NULL, &error));
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ);

  g_unlink (cache);
  g_rmdir (dir);
}

static void
test_a_pdf_thumbnail_shows_its_first_page (void)
{
  g_autofree char *path = fixture ("two-pages.pdf");
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbuf) thumbnail = thumbnail_async (path, NULL, 64, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 46);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 64);
}

static void
test_a_cancelled_thumbnail_says_so (void)
{
  g_autofree char *path = fixture ("small.png");
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_null (thumbnail_async (path, NULL, 64, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_a_broken_cache_entry_is_made_again (void)
{
  g_autofree char *path = fixture ("small.png");
  g_autofree char *contents = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *cache = NULL;
  g_autofree char *cache_dir = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbuf) thumbnail = NULL;
  gsize len = 0;

  g_file_get_contents (path, &contents, &len, &error);
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)contents, len);
  cache = xs_thumbnail_dup_cache_path (sha256, 24);
  cache_dir = g_path_get_dirname (cache);
  g_mkdir_with_parents (cache_dir, 0700);
  g_file_set_contents (cache, "not a png", -1, &error);
  g_assert_no_error (error);

  thumbnail = xs_thumbnail_load (path, sha256, 24, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (thumbnail), ==, 24);
  g_assert_cmpint (gdk_pixbuf_get_height (thumbnail), ==, 12);
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (cache, &contents, &len, &error);
  g_assert_true (g_str_has_prefix (contents, "\x89PNG"));
  g_unlink (cache);
}

/* Hostile files, made at test time ------------------------------------------------------- */

static void
put16 (GByteArray *b, guint v)
{
  guint8 p[2] = { v & 0xff, v >> 8 };
  g_byte_array_append (b, p, 2);
}

static void
put32 (GByteArray *b, guint32 v)
{
  guint8 p[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, v >> 24 };
  g_byte_array_append (b, p, 4);
}

static void
set32 (GByteArray *b, gsize at, guint32 v)
{
  b->data[at] = v & 0xff;
  b->data[at + 1] = (v >> 8) & 0xff;
  b->data[at + 2] = (v >> 16) & 0xff;
  b->data[at + 3] = v >> 24;
}

typedef struct
{
  guint pages;
  gboolean loop;     /* the last page's next page is the first */
  guint32 strips;    /* StripOffsets' count */
  guint compression; /* 1 none, 5 LZW */
  guint32 side;      /* width and height */
} TiffRecipe;

/* A little-endian greyscale TIFF: each page one strip of side × side bytes of 0x5a (garbage
 * for LZW), its IFD after it. */
static GBytes *
make_tiff (const TiffRecipe *r)
{
  GByteArray *b = g_byte_array_new ();
  guint32 side = r->side ? r->side : 8;
  gsize strip_len = MIN ((gsize)side * side, 4096);
  gsize next_at = 4;
  guint32 first_ifd = 0;

  g_byte_array_append (b, (const guint8 *)"II*\0", 4);
  put32 (b, 0);
  for (guint p = 0; p < r->pages; p++)
    {
      gsize strip_at = b->len;
      guint32 ifd;

      for (gsize i = 0; i < strip_len; i++)
        g_byte_array_append (b, (const guint8 *)"\x5a", 1);
      if (b->len % 2)
        g_byte_array_append (b, (const guint8 *)"", 1);
      ifd = b->len;
      if (p == 0)
        first_ifd = ifd;
      set32 (b, next_at, ifd);
      put16 (b, 9);
#define ENTRY(tag, type, count, value)                                                             \
  do                                                                                               \
    {                                                                                              \
      put16 (b, tag);                                                                              \
      put16 (b, type);                                                                             \
      put32 (b, count);                                                                            \
      put32 (b, value);                                                                            \
    }                                                                                              \
  while (0)
      ENTRY (256, 4, 1, side);
      ENTRY (257, 4, 1, side);
      ENTRY (258, 3, 1, 8);
      ENTRY (259, 3, 1, r->compression ? r->compression : 1);
      ENTRY (262, 3, 1, 1);
      ENTRY (273, 4, r->strips ? r->strips : 1, (guint32)strip_at);
      ENTRY (277, 3, 1, 1);
      ENTRY (278, 4, 1, side);
      ENTRY (279, 4, r->strips ? r->strips : 1, (guint32)strip_len);
#undef ENTRY
      next_at = b->len;
      put32 (b, 0);
    }
  if (r->loop)
    set32 (b, next_at, first_ifd);
  return g_byte_array_free_to_bytes (b);
}

static void
assert_refused (GBytes *bytes, int code, const char *message_part)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (xs_scan_check_decodes (bytes, "hostile.tif", &error));
  g_assert_error (error, XS_SCAN_ERROR, code);
  g_assert_nonnull (strstr (error->message, "hostile.tif"));
  g_assert_nonnull (strstr (error->message, message_part));
}

static void
test_a_sane_tiff_of_two_pages_passes (void)
{
  TiffRecipe r = { .pages = 2 };
  g_autoptr (GBytes) bytes = make_tiff (&r);
  g_autoptr (GError) error = NULL;

  /* The generator itself makes files that decode: the refusals below are the caps'. */
  g_assert_true (xs_scan_check_decodes (bytes, "sane.tif", &error));
  g_assert_no_error (error);
}

static void
test_a_tiff_whose_pages_loop_is_refused (void)
{
  TiffRecipe r = { .pages = 3, .loop = TRUE };
  g_autoptr (GBytes) bytes = make_tiff (&r);

  assert_refused (bytes, XS_SCAN_ERROR_CORRUPT, "lead back");
}

static void
test_a_tiff_of_too_many_pages_is_refused (void)
{
  TiffRecipe r = { .pages = XS_SCAN_MAX_PAGES + 1 };
  g_autoptr (GBytes) bytes = make_tiff (&r);

  assert_refused (bytes, XS_SCAN_ERROR_TOO_MANY_PIXELS, "pages");
}

static void
test_a_tiff_of_too_many_strips_is_refused (void)
{
  TiffRecipe r = { .pages = 1, .strips = 100000000 };
  g_autoptr (GBytes) bytes = make_tiff (&r);

  assert_refused (bytes, XS_SCAN_ERROR_TOO_MANY_PIXELS, "strips");
}

static void
test_a_huge_tiff_page_is_refused (void)
{
  TiffRecipe r = { .pages = 2, .side = 20000 };
  g_autoptr (GBytes) bytes = make_tiff (&r);

  assert_refused (bytes, XS_SCAN_ERROR_TOO_MANY_PIXELS, "20000 × 20000");
}

/* The header is fine; the LZW strip is garbage. It used to be attached, and shown damaged. */
static void
test_a_tiff_with_garbage_strips_is_refused (void)
{
  TiffRecipe r = { .pages = 1, .compression = 5 };
  g_autoptr (GBytes) bytes = make_tiff (&r);

  assert_refused (bytes, XS_SCAN_ERROR_CORRUPT, "damaged");
}

/* The fixture's last scan repeated: each scan is another pass over every coefficient. */
static void
test_a_jpeg_of_too_many_scans_is_refused (void)
{
  g_autofree char *path = fixture ("progressive.jpg");
  g_autofree char *data = NULL;
  g_autoptr (GByteArray) b = g_byte_array_new ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  gsize len = 0, last_sos = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  for (gsize i = 2; i + 1 < len; i++)
    if ((guint8)data[i] == 0xff && (guint8)data[i + 1] == 0xda)
      last_sos = i;
  g_assert_cmpuint (last_sos, >, 0);
  g_byte_array_append (b, (guint8 *)data, (guint)last_sos);
  for (guint n = 0; n < 2 * XS_SCAN_MAX_JPEG_SCANS; n++)
    g_byte_array_append (b, (guint8 *)data + last_sos, (guint)(len - 2 - last_sos));
  g_byte_array_append (b, (const guint8 *)"\xff\xd9", 2);
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&b));

  g_assert_false (xs_scan_check_decodes (bytes, "many-scans.jpg", &error));
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS);
  g_assert_nonnull (strstr (error->message, "many-scans.jpg"));
  g_assert_nonnull (strstr (error->message, "scans"));
}

static void
test_a_pdf_of_too_many_pages_is_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("pages-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "many.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 10, 10);
  cairo_t *cr = cairo_create (surface);
  g_autofree char *data = NULL;
  gsize len = 0;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i <= XS_SCAN_MAX_PAGES; i++)
    cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  bytes = g_bytes_new (data, len);
  g_assert_false (xs_scan_check_decodes (bytes, "many.pdf", &error));
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS);
  g_assert_nonnull (strstr (error->message, "many.pdf"));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();

  g_test_add_func ("/scan/sniff/reads-the-signatures", test_sniff_reads_the_signatures);
  g_test_add_func ("/scan/sniff/refuses-everything-else", test_sniff_refuses_everything_else);
  g_test_add_func ("/scan/sniff/a-jpg-that-is-a-pdf-is-a-pdf", test_a_jpg_that_is_a_pdf_is_a_pdf);
  g_test_add_func ("/scan/sniff/a-jpg-that-is-a-gif-is-refused",
                   test_a_jpg_that_is_a_gif_is_refused);
  g_test_add_func ("/scan/file/an-oversized-file-is-refused-unread",
                   test_an_oversized_file_is_refused_unread);
  g_test_add_func ("/scan/image/exif-orientation-turns-it-upright",
                   test_exif_orientation_turns_the_image_upright);
  g_test_add_func ("/scan/image/png-and-tiff-decode", test_png_and_tiff_decode);
  g_test_add_func ("/scan/image/a-progressive-jpeg-decodes", test_a_progressive_jpeg_decodes);
  g_test_add_func ("/scan/image/a-truncated-image-is-a-clear-error",
                   test_a_truncated_image_is_a_clear_error);
  g_test_add_func ("/scan/hostile/sane-tiff-of-two-pages-passes",
                   test_a_sane_tiff_of_two_pages_passes);
  g_test_add_func ("/scan/hostile/tiff-whose-pages-loop", test_a_tiff_whose_pages_loop_is_refused);
  g_test_add_func ("/scan/hostile/tiff-of-too-many-pages",
                   test_a_tiff_of_too_many_pages_is_refused);
  g_test_add_func ("/scan/hostile/tiff-of-too-many-strips",
                   test_a_tiff_of_too_many_strips_is_refused);
  g_test_add_func ("/scan/hostile/huge-tiff-page", test_a_huge_tiff_page_is_refused);
  g_test_add_func ("/scan/hostile/tiff-with-garbage-strips",
                   test_a_tiff_with_garbage_strips_is_refused);
  g_test_add_func ("/scan/hostile/jpeg-of-too-many-scans",
                   test_a_jpeg_of_too_many_scans_is_refused);
  g_test_add_func ("/scan/hostile/pdf-of-too-many-pages", test_a_pdf_of_too_many_pages_is_refused);
  g_test_add_func ("/scan/image/a-huge-header-is-refused-before-decoding",
                   test_a_huge_header_is_refused_before_decoding);
  g_test_add_func ("/scan/pdf/two-pages-count-and-render",
                   test_a_two_page_pdf_has_two_pages_and_renders);
  g_test_add_func ("/scan/pdf/a-damaged-pdf-is-a-clear-error", test_a_damaged_pdf_is_a_clear_error);
  g_test_add_func ("/scan/render/a-huge-zoom-is-refused-before-allocating",
                   test_a_huge_zoom_is_refused_before_allocating);
  g_test_add_func ("/scan/thumbnail/made-in-a-thread-then-cached",
                   test_a_thumbnail_is_made_in_a_thread_then_cached);
  g_test_add_func ("/scan/thumbnail/a-pdf-shows-its-first-page",
                   test_a_pdf_thumbnail_shows_its_first_page);
  g_test_add_func ("/scan/thumbnail/cancelled-says-so", test_a_cancelled_thumbnail_says_so);
  g_test_add_func ("/scan/thumbnail/a-broken-cache-entry-is-made-again",
                   test_a_broken_cache_entry_is_made_again);

  return g_test_run ();
}
