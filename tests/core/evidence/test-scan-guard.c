/* test-scan-guard.c — evidence decoded in the helper process: same verdicts as in process, and
 * a file that overruns the deadline, or kills the helper, is refused with a clear message.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "xs-core.h"
#include "xs-scan.h"
#include "xs-scan-guard.h"

static GBytes *
read_sample (const char *name)
{
  g_autofree char *path =
      g_build_filename (g_getenv ("XUESHI_SOURCE_DIR"), "data", "sample", "evidence", name, NULL);
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

/* One page whose content stream, deflated to under a megabyte, is millions of operators:
 * poppler runs every one of them, seconds of work for a small file. */
static GBytes *
make_operator_bomb (guint n_operators)
{
  static const char op[] = "q 1 0 0 1 0 0 cm 0 0 1 1 re f Q\n";
  g_autoptr (GZlibCompressor) zlib = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 1);
  g_autoptr (GString) plain = g_string_sized_new (n_operators * (sizeof op - 1));
  g_autoptr (GByteArray) deflated = g_byte_array_new ();
  g_autoptr (GString) pdf = g_string_new ("%PDF-1.4\n");
  gsize offsets[4], xref, in_pos = 0;
  const char *objects[3] = {
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
  };

  for (guint i = 0; i < n_operators; i++)
    g_string_append_len (plain, op, sizeof op - 1);
  for (;;)
    {
      guint8 out[64 * 1024];
      gsize read = 0, written = 0;
      GConverterResult result =
          g_converter_convert (G_CONVERTER (zlib), plain->str + in_pos, plain->len - in_pos, out,
                               sizeof out, G_CONVERTER_INPUT_AT_END, &read, &written, NULL);

      g_assert_cmpint (result, !=, G_CONVERTER_ERROR);
      in_pos += read;
      g_byte_array_append (deflated, out, (guint)written);
      if (result == G_CONVERTER_FINISHED)
        break;
    }
  for (guint i = 0; i < 3; i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  offsets[3] = pdf->len;
  g_string_append_printf (pdf, "4 0 obj\n<< /Length %u /Filter /FlateDecode >>\nstream\n",
                          deflated->len);
  g_string_append_len (pdf, (const char *)deflated->data, deflated->len);
  g_string_append (pdf, "\nendstream\nendobj\n");
  xref = pdf->len;
  g_string_append (pdf, "xref\n0 5\n0000000000 65535 f \n");
  for (guint i = 0; i < 4; i++)
    g_string_append_printf (pdf, "%010" G_GSIZE_FORMAT " 00000 n \n", offsets[i]);
  g_string_append_printf (
      pdf, "trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%" G_GSIZE_FORMAT "\n%%%%EOF\n", xref);
  return g_bytes_new (pdf->str, pdf->len);
}

static void
test_a_sane_scan_passes_in_the_helper (void)
{
  const char *names[] = { "p001-a1-certificate.pdf", "p001-a1-notice.jpg" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GBytes) bytes = read_sample (names[i]);
      g_autoptr (GError) error = NULL;

      g_assert_true (xs_scan_check_decodes_guarded (bytes, names[i], &error));
      g_assert_no_error (error);
    }
}

static void
test_the_helper_refuses_as_the_process_does (void)
{
  g_autoptr (GBytes) whole = read_sample ("p001-a1-notice.jpg");
  g_autoptr (GBytes) cut = g_bytes_new_from_bytes (whole, 0, g_bytes_get_size (whole) / 2);
  g_autoptr (GError) here = NULL;
  g_autoptr (GError) there = NULL;

  g_assert_false (xs_scan_check_decodes_fully (cut, "cut.jpg", &here));
  g_assert_false (xs_scan_check_decodes_guarded (cut, "cut.jpg", &there));
  g_assert_nonnull (here);
  g_assert_error (there, XS_SCAN_ERROR, here->code);
  g_assert_cmpstr (there->message, ==, here->message);
  g_assert_nonnull (strstr (there->message, "cut.jpg"));
}

static void
test_a_file_past_the_deadline_is_refused (void)
{
  g_autoptr (GBytes) bomb = make_operator_bomb (2000000);
  g_autoptr (GError) error = NULL;
  gint64 start;

  g_assert_cmpuint (g_bytes_get_size (bomb), <, 1024 * 1024);
  g_setenv ("XUESHI_DECODE_DEADLINE_MS", "500", TRUE);
  start = g_get_monotonic_time ();
  g_assert_false (xs_scan_check_decodes_guarded (bomb, "bomb.pdf", &error));
  g_unsetenv ("XUESHI_DECODE_DEADLINE_MS");
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_COSTLY);
  g_assert_nonnull (strstr (error->message, "bomb.pdf"));
  g_assert_nonnull (strstr (error->message, "1 seconds"));
  /* Killed at the deadline, not left to finish (the render alone takes seconds). */
  g_test_message ("refused after %.2f s", (g_get_monotonic_time () - start) / 1e6);
}

static void
test_a_helper_that_dies_refuses_the_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("guard-XXXXXX", NULL);
  g_autofree char *script = g_build_filename (dir, "dies", NULL);
  g_autoptr (GBytes) bytes = read_sample ("p001-a1-notice.jpg");
  g_autoptr (GError) error = NULL;
  g_autofree char *helper = g_strdup (g_getenv ("XUESHI_DECODE_HELPER"));

  /* What a decoder does when the address-space cap makes an allocation fail: it aborts. */
  g_assert_true (g_file_set_contents (script, "#!/bin/sh\nkill -ABRT $$\n", -1, NULL));
  g_assert_cmpint (g_chmod (script, 0700), ==, 0);
  g_setenv ("XUESHI_DECODE_HELPER", script, TRUE);
  g_assert_false (xs_scan_check_decodes_guarded (bytes, "notice.jpg", &error));
  g_setenv ("XUESHI_DECODE_HELPER", helper, TRUE);
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_COSTLY);
  g_assert_nonnull (strstr (error->message, "notice.jpg"));
  g_assert_nonnull (strstr (error->message, "MB of memory"));
  g_unlink (script);
  g_rmdir (dir);
}

static void
test_a_missing_helper_is_said (void)
{
  g_autoptr (GBytes) bytes = read_sample ("p001-a1-notice.jpg");
  g_autoptr (GError) error = NULL;
  g_autofree char *helper = g_strdup (g_getenv ("XUESHI_DECODE_HELPER"));

  g_setenv ("XUESHI_DECODE_HELPER", "/nonexistent/xueshi-decode-check", TRUE);
  g_assert_false (xs_scan_check_decodes_guarded (bytes, "notice.jpg", &error));
  g_setenv ("XUESHI_DECODE_HELPER", helper, TRUE);
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "notice.jpg"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();
  g_assert_nonnull (g_getenv ("XUESHI_DECODE_HELPER"));

  g_test_add_func ("/scan-guard/a-sane-scan-passes", test_a_sane_scan_passes_in_the_helper);
  g_test_add_func ("/scan-guard/refuses-as-the-process-does",
                   test_the_helper_refuses_as_the_process_does);
  g_test_add_func ("/scan-guard/a-file-past-the-deadline-is-refused",
                   test_a_file_past_the_deadline_is_refused);
  g_test_add_func ("/scan-guard/a-helper-that-dies-refuses-the-file",
                   test_a_helper_that_dies_refuses_the_file);
  g_test_add_func ("/scan-guard/a-missing-helper-is-said", test_a_missing_helper_is_said);
  return g_test_run ();
}
