/* xs-test-util.c — what many tests need: running xueshi-cli, a throwaway store, an import.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <libpq-fe.h>

#include <cairo-pdf.h>
#include <pango/pangocairo.h>

#include "xs-test-util.h"

void
xs_test_run_clear (XsTestRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
  run->status = -1;
}

gboolean
xs_test_have_cli (void)
{
  return g_getenv ("XUESHI_CLI") != NULL;
}

void
xs_test_run_cliv (XsTestRun *run, const char *db, const char *const *args, const char *const *envp)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  g_assert_nonnull (g_getenv ("XUESHI_CLI"));
  xs_test_run_clear (run);
  g_ptr_array_add (argv, (gpointer)g_getenv ("XUESHI_CLI"));
  if (db != NULL)
    {
      g_ptr_array_add (argv, (gpointer) "--db");
      g_ptr_array_add (argv, (gpointer)db);
    }
  for (const char *const *a = args; *a != NULL; a++)
    g_ptr_array_add (argv, (gpointer)*a);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, (char **)envp, G_SPAWN_DEFAULT, NULL, NULL, &run->out,
                &run->err, &wait_status, &error);
  g_assert_no_error (error);
  if (!WIFEXITED (wait_status))
    g_error ("xueshi-cli %s was killed by signal %d; it said:\n%s", args[0] ? args[0] : "",
             WIFSIGNALED (wait_status) ? WTERMSIG (wait_status) : -1, run->err);
  run->status = WEXITSTATUS (wait_status);
}

void
xs_test_run_cli (XsTestRun *run, const char *db, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *arg;
  va_list ap;

  va_start (ap, db);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  xs_test_run_cliv (run, db, (const char *const *)args->pdata, NULL);
}

/**
 * xs_test_backend_is_postgresql:
 *
 * Whether the tests run against PostgreSQL (tests/with-postgresql.sh, which starts the
 * server, says so in XUESHI_TEST_BACKEND) rather than SQLite.
 */
gboolean
xs_test_backend_is_postgresql (void)
{
  return g_strcmp0 (g_getenv ("XUESHI_TEST_BACKEND"), "postgresql") == 0;
}

/* Runs @sql on the server's maintenance database, as its administrator (libpq's
 * environment, set by pg_virtualenv, says where). */
static void
run_on_server (const char *sql)
{
  PGconn *conn = PQconnectdb ("dbname=postgres");
  PGresult *result;

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("XUESHI_TEST_BACKEND=postgresql, but no server answers: %s", PQerrorMessage (conn));
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

/**
 * xs_test_new_database:
 * @dir: the test's temporary folder
 *
 * Returns: (transfer full): where a new, empty database is: a file in @dir, or a new
 *   database on the test server
 */
char *
xs_test_new_database (const char *dir)
{
  static guint serial;
  g_autofree char *name = NULL;
  g_autofree char *sql = NULL;

  if (!xs_test_backend_is_postgresql ())
    return g_build_filename (dir, "x.db", NULL);
  /* Digits only: a database's name cannot be a statement's parameter. */
  name = g_strdup_printf ("xs_test_%d_%u", (int)getpid (), serial++);
  sql = g_strdup_printf ("CREATE DATABASE %s", name);
  run_on_server (sql);
  return g_strconcat ("postgresql:///", name, NULL);
}

/* Drops what xs_test_new_database() made on the server; its connections must be closed. */
void
xs_test_drop_database (const char *location)
{
  g_autofree char *sql = NULL;

  if (location == NULL || !g_str_has_prefix (location, "postgresql:///"))
    return;
  sql = g_strdup_printf ("DROP DATABASE IF EXISTS %s WITH (FORCE)",
                         location + strlen ("postgresql:///"));
  run_on_server (sql);
}

void
xs_test_store_reopen (XsTestStore *f)
{
  g_autoptr (GError) error = NULL;

  g_clear_object (&f->store);
  f->store = xs_store_open (f->db, &error);
  g_assert_no_error (error);
}

/* Closes the store, as before another program (the CLI) opens the file. */
void
xs_test_store_close (XsTestStore *f)
{
  g_clear_object (&f->store);
}

void
xs_test_store_set_up (XsTestStore *f)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("xueshi-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = xs_test_new_database (f->dir);
  xs_test_store_reopen (f);
  f->rules = xs_rules_new_for_year (2026, &error);
  g_assert_no_error (error);
}

void
xs_test_store_tear_down (XsTestStore *f)
{
  g_clear_object (&f->store);
  g_clear_object (&f->rules);
  xs_test_drop_database (f->db);
  g_clear_pointer (&f->db, g_free);
  g_clear_pointer (&f->dir, g_free);
}

void
xs_test_import_text (XsTestStore *f, const char *name, const char *xml)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  XsImportResult result;

  g_assert_true (g_file_set_contents (path, xml, -1, &error));
  g_assert_no_error (error);
  g_assert_true (xs_import_file (f->store, f->rules, file, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  xs_import_result_clear (&result);
}

/**
 * xs_test_store_cli:
 * @out: (out) (optional): what it printed
 * @err: (out) (optional): what it said on stderr
 *
 * Runs xueshi-cli ARGS… on @f's database, closed meanwhile as a second program sees it.
 *
 * Returns: its exit status
 */
int
xs_test_store_cli (XsTestStore *f, char **out, char **err, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_auto (XsTestRun) run = { 0 };
  const char *arg;
  va_list ap;

  va_start (ap, err);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  xs_test_store_close (f);
  xs_test_run_cliv (&run, f->db, (const char *const *)args->pdata, NULL);
  xs_test_store_reopen (f);
  if (out != NULL)
    *out = g_steal_pointer (&run.out);
  if (err != NULL)
    *err = g_steal_pointer (&run.err);
  return run.status;
}

void
xs_test_resident_id (guint n, char out[XS_RESIDENT_ID_LENGTH + 1])
{
  g_autoptr (GDate) born = g_date_new_dmy (1, G_DATE_JANUARY, 1960);
  char first17[18];

  g_date_add_days (born, n / 499);
  g_snprintf (first17, sizeof first17, "430102%04u%02u%02u%03u", g_date_get_year (born),
              g_date_get_month (born), g_date_get_day (born), n % 499 + 1);
  g_snprintf (out, XS_RESIDENT_ID_LENGTH + 1, "%s%c", first17,
              xs_resident_id_compute_check_digit (first17));
}

void
xs_test_resident_id_ending (guint n, const char *tail, char out[XS_RESIDENT_ID_LENGTH + 1])
{
  g_assert_cmpuint (strlen (tail), ==, 4);
  /* Birth dates from the n-th on, until the check character comes out as wanted (one in 11). */
  for (guint day = n * 64;; day++)
    {
      g_autoptr (GDate) born = g_date_new_dmy (1, G_DATE_JANUARY, 1960);
      char first17[18];

      g_date_add_days (born, day);
      g_snprintf (first17, sizeof first17, "430102%04u%02u%02u%.3s", g_date_get_year (born),
                  g_date_get_month (born), g_date_get_day (born), tail);
      if (xs_resident_id_compute_check_digit (first17) == tail[3])
        {
          g_snprintf (out, XS_RESIDENT_ID_LENGTH + 1, "%s%c", first17, tail[3]);
          return;
        }
    }
}

/* A one-page PDF with a comment carrying @note, its cross-reference table right, so that
 * poppler opens it without repairs. */
char *
xs_test_pdf (const char *note)
{
  static const char *const objects[] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>",
    "<< /Length 26 >>\nstream\n0 0 1 rg 10 10 50 50 re f\nendstream",
  };
  GString *pdf = g_string_new ("%PDF-1.4\n");
  gsize offsets[G_N_ELEMENTS (objects)];
  gsize xref;

  g_string_append_printf (pdf, "%% %s\n", note);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = pdf->len;
  g_string_append_printf (pdf, "xref\n0 %u\n0000000000 65535 f \n",
                          (guint)G_N_ELEMENTS (objects) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (
      pdf, "trailer\n<< /Size %u /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n",
      (guint)G_N_ELEMENTS (objects) + 1, xref);
  return g_string_free (pdf, FALSE);
}

/* An 8 × 8 JPEG of a grey that depends on @n, so that different @n give different files. */
GBytes *
xs_test_jpeg (guint n)
{
  g_autoptr (GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 8, 8);
  g_autoptr (GError) error = NULL;
  char *buffer = NULL;
  gsize length = 0;

  gdk_pixbuf_fill (pixbuf, (guint32)(n % 256) * 0x01010100u | 0xff);
  if (!gdk_pixbuf_save_to_buffer (pixbuf, &buffer, &length, "jpeg", &error, "quality", "100", NULL))
    g_error ("test: cannot make a JPEG: %s", error->message);
  return g_bytes_new_take (buffer, length);
}

const char *const xs_test_certificate_lines[] = {
  "结业证书",
  "兹证明 张三 同志（身份证号：430102199003071234）",
  "于2026年3月1日至3月3日参加湖南大学举办的",
  "专业技术人员继续教育培训班，共计24学时，",
  "考核合格，特发此证。",
  "证书编号：HNU-2026-00123",
  NULL,
};

/* An A5 page (landscape): the lines, and a red seal stamped over the dates. */
static PangoLayout *
draw_lines (cairo_t *cr, double scale, const char *const *lines)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string ("Noto Serif CJK SC 15");

  cairo_scale (cr, scale, scale);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      cairo_move_to (cr, 50, 50 + i * 40);
      pango_layout_set_text (layout, lines[i], -1);
      pango_cairo_show_layout (cr, layout);
    }
  return layout;
}

static void
draw_certificate (cairo_t *cr, double scale)
{
  g_autoptr (PangoLayout) layout = draw_lines (cr, scale, xs_test_certificate_lines);

  /* The seal: a red ring and its words, over the dates' line. */
  /* Ink on ink: the seal darkens what it covers (multiply), as on paper. */
  cairo_set_operator (cr, CAIRO_OPERATOR_MULTIPLY);
  cairo_set_source_rgb (cr, 0.86, 0.12, 0.12);
  cairo_set_line_width (cr, 4);
  cairo_arc (cr, 250, 150, 60, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_move_to (cr, 205, 130);
  pango_layout_set_text (layout, "培训专用章", -1);
  pango_cairo_show_layout (cr, layout);
}

/**
 * xs_test_write_certificate:
 * @path: ending in .png (a 300 dpi scan) or .pdf
 *
 * Writes xs_test_certificate_lines as a certificate with a red seal, for the OCR's tests.
 */
void
xs_test_write_certificate (const char *path)
{
  cairo_surface_t *surface;
  cairo_t *cr;

  if (g_str_has_suffix (path, ".pdf"))
    {
      surface = cairo_pdf_surface_create (path, 595, 420);
      cr = cairo_create (surface);
      draw_certificate (cr, 1.0);
      cairo_show_page (cr);
      cairo_destroy (cr);
      cairo_surface_finish (surface);
      g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
    }
  else
    {
      double scale = 300.0 / 72.0;

      surface =
          cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)(595 * scale), (int)(420 * scale));
      cr = cairo_create (surface);
      draw_certificate (cr, scale);
      cairo_destroy (cr);
      g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
    }
  cairo_surface_destroy (surface);
}

/**
 * xs_test_write_lines:
 * @path: ending in .png
 *
 * Writes @lines as a 300 dpi scan of an A5 page (landscape), black on white.
 */
void
xs_test_write_lines (const char *path, const char *const *lines)
{
  double scale = 300.0 / 72.0;
  cairo_surface_t *surface =
      cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)(595 * scale), (int)(420 * scale));
  cairo_t *cr = cairo_create (surface);

  g_object_unref (draw_lines (cr, scale, lines));
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
}
