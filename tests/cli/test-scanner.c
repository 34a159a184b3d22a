/* test-scanner.c — scanning into an activity with SANE's `test` backend (no hardware): the
 * list, a feeder batch as one PDF, the flatbed, refusals that change nothing, the preview; and the page
 * steps (straightening, trimming) on drawn pages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "xs-test-util.h"

typedef struct
{
  XsTestStore t;
  char *sane;  /* a SANE configuration folder naming the test backend */
  char *empty; /* one naming no backend */
} Fixture;

static char *
sane_dir (const char *parent, const char *name, const char *dll_conf)
{
  char *dir = g_build_filename (parent, name, NULL);
  g_autofree char *conf = g_build_filename (dir, "dll.conf", NULL);

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (conf, dll_conf, -1, NULL));
  return dir;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *sample =
      g_build_filename (g_getenv ("XUESHI_SOURCE_DIR"), "data", "sample", "sample.xml", NULL);
  g_auto (XsTestRun) run = { 0 };

  xs_test_store_set_up (&f->t);
  xs_test_store_close (&f->t);
  xs_test_run_cli (&run, f->t.db, "import", sample, NULL);
  g_assert_cmpint (run.status, ==, 0);
  f->sane = sane_dir (f->t.dir, "sane", "test\n");
  f->empty = sane_dir (f->t.dir, "no-sane", "\n");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  xs_test_store_tear_down (&f->t);
  g_free (f->sane);
  g_free (f->empty);
}

static void
scan (Fixture *f, XsTestRun *run, const char *sane, const char *const *args)
{
  g_auto (GStrv) envp = g_environ_setenv (g_get_environ (), "SANE_CONFIG_DIR", sane, TRUE);

  xs_test_run_cliv (run, f->t.db, args, (const char *const *)envp);
}

static guint
evidence_count (Fixture *f, const char *activity)
{
  g_auto (XsTestRun) run = { 0 };
  g_auto (GStrv) lines = NULL;
  guint n = 0;

  xs_test_run_cli (&run, f->t.db, "evidence", "list", activity, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    n += strlen (lines[i]) > 64 && lines[i][64] == '\t';
  return n;
}

/* The stored file of @sha256, opened as evidence is: its page count. */
static guint
stored_pages (Fixture *f, const char *sha256)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsStore) store = xs_store_open (f->t.db, &error);
  g_autoptr (XsBlobStore) blobs = NULL;
  g_autofree char *path = NULL;
  g_autoptr (XsScan) pdf = NULL;

  g_assert_no_error (error);
  g_assert_true (xs_store_fetch_evidence (store, sha256, &error));
  g_assert_no_error (error);
  blobs = xs_blob_store_new (xs_store_get_evidence_dir (store));
  path = xs_blob_store_dup_path (blobs, sha256);
  pdf = xs_scan_new_for_path (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (xs_scan_get_scan_type (pdf), ==, XS_SCAN_TYPE_PDF);
  return xs_scan_get_n_pages (pdf);
}

static void
test_list (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) found = { 0 };
  g_auto (XsTestRun) none = { 0 };

  scan (f, &found, f->sane, (const char *const[]){ "scan", "--list", NULL });
  g_assert_cmpint (found.status, ==, 0);
  g_assert_true (g_str_has_prefix (found.out, "test:0\t"));
  scan (f, &none, f->empty, (const char *const[]){ "scan", "--list", NULL });
  g_assert_cmpint (none.status, ==, 1);
  g_assert_cmpstr (none.out, ==, "");
  g_assert_nonnull (strstr (none.err, "No scanner was found"));
}

static void
test_feeder_batch_is_one_pdf (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) run = { 0 };
  g_auto (XsTestRun) three = { 0 };
  g_auto (XsTestRun) fsck = { 0 };
  g_auto (XsTestRun) audit = { 0 };
  g_autofree char *sha256 = NULL;
  g_autofree char *sha256_three = NULL;
  guint before = evidence_count (f, "P001-A1");

  scan (f, &run, f->sane,
        (const char *const[]){ "scan", "P001-A1", "certificate", "--device", "test:0", "--source",
                               "adf", "--actor", "王五", NULL });
  g_assert_cmpint (run.status, ==, 0);
  sha256 = g_strstrip (g_strdup (run.out));
  g_assert_cmpuint (strlen (sha256), ==, 64);
  /* The test backend's feeder holds ten sheets. */
  g_assert_cmpuint (stored_pages (f, sha256), ==, 10);
  g_assert_nonnull (strstr (run.err, "10 pages"));
  g_assert_cmpuint (evidence_count (f, "P001-A1"), ==, before + 1);

  scan (f, &three, f->sane,
        (const char *const[]){ "scan", "P001-A1", "certificate", "--source", "adf", "--pages", "3",
                               "--mode", "color", "--resolution", "150", NULL });
  g_assert_cmpint (three.status, ==, 0);
  sha256_three = g_strstrip (g_strdup (three.out));
  g_assert_cmpuint (stored_pages (f, sha256_three), ==, 3);

  xs_test_run_cli (&audit, f->t.db, "audit", "P001", NULL);
  g_assert_nonnull (strstr (audit.out, "王五"));
  xs_test_run_cli (&fsck, f->t.db, "fsck", NULL);
  g_assert_cmpint (fsck.status, ==, 0);
}

static void
test_flatbed_is_one_page (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) run = { 0 };
  g_autofree char *sha256 = NULL;

  scan (f, &run, f->sane, (const char *const[]){ "scan", "P001-A1", "certificate", NULL });
  g_assert_cmpint (run.status, ==, 0);
  sha256 = g_strstrip (g_strdup (run.out));
  g_assert_cmpuint (stored_pages (f, sha256), ==, 1);
}

/* What cannot be scanned as asked is said in one line before or instead of scanning, and
 * the activity keeps the evidence it had. */
static void
test_refusals_change_nothing (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *args[8];
    const char *says;
    int status;
  } cases[] = {
    { { "scan", "P001-A1", "certificate", "--source", "duplex", NULL }, "both sides", 1 },
    { { "scan", "P001-A1", "certificate", "--device", "nope:0", NULL }, "nope:0", 1 },
    { { "scan", "P001-A1", "no-such-material", NULL }, "no-such-material", 2 },
    { { "scan", "P404-A1", "certificate", NULL }, "P404-A1", 1 },
    { { "scan", "P001-A1", "certificate", "--source", "tray", NULL }, "tray", 2 },
    { { "scan", "P001-A1", "certificate", "--mode", "sepia", NULL }, "sepia", 2 },
  };
  guint before = evidence_count (f, "P001-A1");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (XsTestRun) run = { 0 };

      scan (f, &run, f->sane, cases[i].args);
      g_assert_cmpint (run.status, ==, cases[i].status);
      g_assert_cmpstr (run.out, ==, "");
      g_assert_nonnull (strstr (run.err, cases[i].says));
    }
  {
    g_auto (XsTestRun) none = { 0 };

    scan (f, &none, f->empty, (const char *const[]){ "scan", "P001-A1", "certificate", NULL });
    g_assert_cmpint (none.status, ==, 1);
    g_assert_nonnull (strstr (none.err, "No scanner was found"));
  }
  g_assert_cmpuint (evidence_count (f, "P001-A1"), ==, before);
}

/* ---------------------------------------------------------------- the page steps */

/* Lines of "text" (dark bars) on white, climbing by @degrees. */
static guint8 *
drawn_page (double degrees, int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t *cr = cairo_create (surface);
  guint8 *grey = g_malloc ((gsize)width * (gsize)height);
  const guint8 *data;
  int stride;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_translate (cr, width / 2.0, height / 2.0);
  cairo_rotate (cr, degrees * G_PI / 180.0);
  cairo_translate (cr, -width / 2.0, -height / 2.0);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int y = height / 4; y < height * 3 / 4; y += 40)
    cairo_rectangle (cr, width / 5.0, y, width * 3 / 5.0, 12);
  cairo_fill (cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      grey[(gsize)y * (gsize)width + (gsize)x] =
          ((const guint32 *)(data + (gsize)y * (gsize)stride))[x] & 0xff;
  cairo_surface_destroy (surface);
  return grey;
}

/* A preview looks at the whole scan area at 75 dpi (the test backend's is 80 mm by 100 mm:
 * 236 by 295 pixels); of the feeder there is none, since it would take the first sheet. */
static void
test_preview (Fixture *f, gconstpointer data)
{
  XsScannerOptions options = { .source = XS_SCANNER_SOURCE_FLATBED };
  g_autoptr (GdkPixbuf) page = NULL;
  g_autoptr (GError) error = NULL;

  g_setenv ("SANE_CONFIG_DIR", f->sane, TRUE);
  page = xs_scanner_preview (&options, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (page);
  g_assert_cmpint (ABS (gdk_pixbuf_get_width (page) - 236), <=, 2);
  g_assert_cmpint (ABS (gdk_pixbuf_get_height (page) - 295), <=, 2);

  options.source = XS_SCANNER_SOURCE_ADF;
  g_assert_null (xs_scanner_preview (&options, NULL, NULL, NULL, &error));
  g_assert_error (error, XS_SCANNER_ERROR, XS_SCANNER_ERROR_UNSUPPORTED);
  g_clear_error (&error);

  /* (SANE reads its configuration once a process: the list without any scanner is the
   * CLI's and the app's test.) */
  options.source = XS_SCANNER_SOURCE_FLATBED;
  options.device = "test:9";
  g_assert_null (xs_scanner_preview (&options, NULL, NULL, NULL, &error));
  g_assert_error (error, XS_SCANNER_ERROR, XS_SCANNER_ERROR_NO_DEVICE);
  g_unsetenv ("SANE_CONFIG_DIR");
}

static void
test_skew_is_found (void)
{
  static const double angles[] = { 0, 2, -3, 4.6, -1 };

  for (guint i = 0; i < G_N_ELEMENTS (angles); i++)
    {
      g_autofree guint8 *grey = drawn_page (angles[i], 1200, 900);
      double found = xs_scanner_find_skew (grey, 1200, 900);

      g_assert_cmpfloat_with_epsilon (found, angles[i], 0.25);
    }
}

static void
test_content_is_found (void)
{
  g_autofree guint8 *grey = drawn_page (0, 1000, 800);
  g_autofree guint8 *white = g_malloc (100 * 100);
  int x, y, w, h;

  g_assert_true (xs_scanner_find_content (grey, 1000, 800, &x, &y, &w, &h));
  /* The bars cover columns 200–799 and rows 200 to about 600, with a margin of 20. */
  g_assert_cmpint (x, ==, 180);
  g_assert_cmpint (y, ==, 180);
  g_assert_cmpint (x + w, ==, 820);
  g_assert_cmpint (y + h, >, 580);
  g_assert_cmpint (y + h, <, 650);
  memset (white, 255, 100 * 100);
  g_assert_false (xs_scanner_find_content (white, 100, 100, &x, &y, &w, &h));
}

int
main (int argc, char **argv)
{
  xs_core_init ();
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/scan/list", test_list);
  ADD ("/scan/feeder-batch-is-one-pdf", test_feeder_batch_is_one_pdf);
  ADD ("/scan/flatbed-is-one-page", test_flatbed_is_one_page);
  ADD ("/scan/refusals-change-nothing", test_refusals_change_nothing);
  ADD ("/scan/preview", test_preview);
#undef ADD
  g_test_add_func ("/scan/skew-is-found", test_skew_is_found);
  g_test_add_func ("/scan/content-is-found", test_content_is_found);
  return g_test_run ();
}
