/* fuzz-scan.c — libFuzzer: any bytes as a scanned evidence file: sniffed, opened, measured and
 * drawn as a small thumbnail, as the import, the review view and the sheet do.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-fuzz.h"

/* poppler-glib sets up its global parameters (font tables, character maps) with the first
 * open document and tears them down with the last: more than half of each input's time. One
 * document held open for the whole run keeps them, as in the application. */
static XsScan *keep_poppler_set_up;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf =
      g_build_filename (XS_FUZZ_SOURCE_DIR, "tests", "data", "import", "evidence", "ok.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gsize length;

  xs_fuzz_init ();
  if (!g_file_get_contents (pdf, &contents, &length, &error))
    g_error ("fuzz: %s", error->message);
  bytes = g_bytes_new (contents, length);
  keep_poppler_set_up = xs_scan_new_for_bytes (bytes, &error);
  if (keep_poppler_set_up == NULL)
    g_error ("fuzz: %s", error->message);
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) sniff_error = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (XsScan) scan = NULL;
  g_autoptr (GdkPixbuf) thumbnail = NULL;
  XsScanType type;
  double width, height;

  if (!xs_scan_sniff (data, size, &type, &sniff_error))
    g_assert (sniff_error != NULL);

  scan = xs_scan_new_for_bytes (bytes, &error);
  if (scan == NULL)
    {
      g_assert (error != NULL);
      return 0;
    }
  g_assert (xs_scan_get_scan_type (scan) == type);
  if (xs_scan_get_n_pages (scan) == 0)
    return 0;
  if (!xs_scan_get_page_size (scan, 0, &width, &height, &error))
    {
      g_assert (error != NULL);
      return 0;
    }
  thumbnail = xs_scan_render_thumbnail (scan, 32, &error);
  g_assert (thumbnail != NULL || error != NULL);
  return 0;
}
