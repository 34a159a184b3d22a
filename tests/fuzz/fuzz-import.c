/* fuzz-import.c — libFuzzer: any bytes as an exchange file, imported into a fresh store.
 *
 * The file sits beside an evidence/ folder holding the fixtures' ok.jpg and ok.pdf, so inputs
 * derived from tests/data/import reach the evidence checks and the copy into the store.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "xs-fuzz.h"
#include "xs-scan-guard.h"

static XsRules *rules;
static XsStore *dry_run_store;

static void
copy_evidence (const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *from =
      g_build_filename (XS_FUZZ_SOURCE_DIR, "tests", "data", "import", "evidence", name, NULL);
  g_autofree char *contents = NULL;
  g_autofree char *to = NULL;
  gsize length;

  if (!g_file_get_contents (from, &contents, &length, &error))
    g_error ("fuzz: %s", error->message);
  to = g_build_filename ("evidence", name, NULL);
  g_free (xs_fuzz_write (to, (const uint8_t *)contents, length));
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *evidence = NULL;

  xs_fuzz_init ();
  /* The evidence a dry run accepts is decoded here, bounded by libFuzzer's own limits. */
  xs_scan_guard_decode_in_process (TRUE);
  rules = xs_rules_new_for_year (2026, &error);
  if (rules == NULL)
    g_error ("fuzz: %s", error->message);
  evidence = g_build_filename (xs_fuzz_dir, "evidence", NULL);
  g_mkdir (evidence, 0700);
  copy_evidence ("ok.jpg");
  copy_evidence ("ok.pdf");
  return 0;
}

/* A dry run into one store kept open, then, when it would succeed, the real import into a
 * fresh store. A dry run keeps nothing, so every input meets the same empty store, and the
 * store is opened only for the few inputs an import accepts: opening costs more than most
 * refusals. Both runs must reach the same verdict. */
int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = xs_fuzz_write ("exchange.xml", data, size);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  XsImportResult result = { 0 };
  gboolean would_import;

  if (dry_run_store == NULL)
    dry_run_store = xs_fuzz_open_fresh_store ("dry-run", NULL);
  /* Refusal is the common outcome; a refusal without a message is a bug. */
  would_import = xs_import_file_full (dry_run_store, rules, file, XS_IMPORT_DRY_RUN, NULL, NULL,
                                      NULL, &result, &error);
  if (!would_import)
    g_assert (error != NULL && error->message != NULL);
  xs_import_result_clear (&result);

  if (would_import)
    {
      g_autoptr (XsStore) store = xs_fuzz_open_fresh_store ("db", NULL);

      if (!xs_import_file (store, rules, file, NULL, NULL, NULL, &result, &error))
        g_error ("fuzz: the dry run accepted what the import refused: %s", error->message);
      xs_import_result_clear (&result);
    }
  return 0;
}
