/* xs-cli-copy.c — `xueshi-cli --db SOURCE copy DEST`: everything into an empty database of
 * either kind (a file, or a postgresql:// address), as when a bureau moves to a shared server.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "xs-cli-private.h"

static void
show_progress (guint done, guint total, gpointer user_data)
{
  /* Every 500th person, and the last: a city's copy takes a while, a unit's no time. */
  if (done % 500 == 0 || done == total)
    g_printerr (_ ("Copied %u of %u persons\n"), done, total);
}

/* A new file the failed copy made is removed again, its evidence folder with it: the clerk
 * is left with what they had. */
static void
remove_new_file (const char *dest)
{
  g_autofree char *evidence = g_strconcat (dest, ".evidence", NULL);
  g_autoptr (GFile) dir = g_file_new_for_path (evidence);
  static const char *const suffixes[] = { "", "-wal", "-shm", ".lock", NULL };

  for (guint i = 0; suffixes[i] != NULL; i++)
    {
      g_autofree char *path = g_strconcat (dest, suffixes[i], NULL);
      g_unlink (path);
    }
  g_file_delete (dir, NULL, NULL);
}

int
xs_cli_copy (const XsCliGlobals *globals, int argc, char **argv)
{
  g_autoptr (GOptionContext) context =
      g_option_context_new (_ ("DEST — copy everything into an empty database"));
  g_autoptr (XsStore) from = NULL;
  g_autoptr (XsStore) to = NULL;
  g_autoptr (XsRules) rules = NULL;
  XsCopyResult result = { 0 };
  GError *error = NULL;
  int status = XS_CLI_OK;
  gboolean dest_is_new;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (
      context, _ ("DEST is a database file's path or a postgresql:// address, and must be "
                  "empty. Units, persons, activities, evidence files, reviews, rounds and the "
                  "audit chain are copied in one transaction; run xueshi-cli fsck on the copy."));
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return xs_cli_usage (context, _ ("copy takes one target database"));

  rules = xs_rules_get_default (&error);
  if (rules == NULL)
    return xs_cli_fail (error);
  from = xs_cli_open_store (globals, &error);
  if (from == NULL)
    return xs_cli_fail (error);
  dest_is_new =
      !xs_store_location_is_shared (argv[1]) && !g_file_test (argv[1], G_FILE_TEST_EXISTS);
  to = xs_store_open (argv[1], &error);
  if (to == NULL)
    {
      if (dest_is_new)
        remove_new_file (argv[1]);
      return xs_cli_fail (error);
    }
  if (!xs_records_copy (from, to, rules, show_progress, NULL, &result, &error))
    {
      g_clear_object (&to);
      if (dest_is_new)
        remove_new_file (argv[1]);
      return xs_cli_fail (error);
    }
  g_print (_ ("Copied %u units, %u persons, %u activities, %u evidence files and %u audit "
              "entries.\n"),
           result.units, result.persons, result.activities, result.evidence_files,
           result.audit_entries);
  return XS_CLI_OK;
}
