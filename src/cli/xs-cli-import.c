/* xs-cli-import.c — `xueshi-cli import [--dry-run] FILE.xml`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

static void
on_progress (double fraction, guint activities, gpointer user_data)
{
  /* Progress goes to stderr, and only to a terminal, so scripts see one clean line. */
  if (isatty (STDERR_FILENO))
    g_printerr (_ ("\rImporting… %3.0f %% (%u activities)"), fraction * 100.0, activities);
}

/* One line per person: added, replaced (what differs) or unchanged. */
static void
print_changes (GPtrArray *changes)
{
  for (guint i = 0; i < changes->len; i++)
    {
      g_autofree char *line = xs_person_diff_format (g_ptr_array_index (changes, i));
      g_print ("%s\n", line);
    }
}

int
xs_cli_import (const XsCliGlobals *globals, int argc, char **argv)
{
  g_autoptr (GOptionContext) context =
      g_option_context_new (_ ("FILE.xml — import an exchange file"));
  g_autoptr (XsRules) rules = NULL;
  g_autoptr (XsStore) store = NULL;
  g_autoptr (GFile) file = NULL;
  gboolean dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run,
      N_ ("Say what would change, person by person, and change nothing"), NULL },
    { NULL },
  };
  XsImportResult result;
  GError *error = NULL;
  int status = XS_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return xs_cli_usage (context, _ ("import takes one exchange file"));

  rules = xs_rules_get_default (&error);
  if (rules == NULL)
    return xs_cli_fail (error);
  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);

  file = g_file_new_for_commandline_arg (argv[1]);
  if (!xs_import_file_full (store, rules, file, dry_run ? XS_IMPORT_DRY_RUN : 0, on_progress, NULL,
                            NULL, &result, &error))
    {
      if (isatty (STDERR_FILENO))
        g_printerr ("\n");
      xs_import_result_clear (&result);
      return xs_cli_fail (error);
    }
  if (isatty (STDERR_FILENO))
    g_printerr ("\n");

  for (guint i = 0; i < result.warnings->len; i++)
    g_printerr (_ ("warning: %s\n"), (char *)g_ptr_array_index (result.warnings, i));

  if (dry_run)
    {
      guint counts[3] = { 0 };

      print_changes (result.changes);
      for (guint i = 0; i < result.changes->len; i++)
        counts[((XsPersonDiff *)g_ptr_array_index (result.changes, i))->change]++;
      g_print (_ ("Would import %u units and %u persons (%u added, %u replaced, %u unchanged), "
                  "%u activities, %u evidence references (%u new files); nothing was changed.\n"),
               result.units, result.persons, counts[XS_PERSON_ADDED], counts[XS_PERSON_REPLACED],
               counts[XS_PERSON_UNCHANGED], result.activities, result.evidence,
               result.evidence_files);
      xs_import_result_clear (&result);
      return XS_CLI_OK;
    }

  g_print (_ ("Imported %u units, %u persons (%u replaced), %u activities, %u evidence "
              "references (%u new files).\n"),
           result.units, result.persons, result.persons_replaced, result.activities,
           result.evidence, result.evidence_files);
  xs_import_result_clear (&result);
  return XS_CLI_OK;
}
