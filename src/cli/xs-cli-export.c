/* xs-cli-export.c — `xueshi-cli export FILE.xml [--person ID]…`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

int
xs_cli_export (const XsCliGlobals *globals, int argc, char **argv)
{
  g_auto (GStrv) persons = NULL;
  const GOptionEntry entries[] = {
    { "person", 0, 0, G_OPTION_ARG_STRING_ARRAY, &persons, N_ ("Only this person (repeatable)"),
      N_ ("ID") },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new (_ ("FILE.xml — write an exchange file and its evidence folder"));
  g_autoptr (XsStore) store = NULL;
  XsExportResult result;
  GError *error = NULL;
  int status = XS_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return xs_cli_usage (context, _ ("export takes one file name"));

  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);
  if (!xs_export_file (store, argv[1], (const char *const *)persons, &result, &error))
    return xs_cli_fail (error);

  g_print (_ ("Exported %u units, %u persons, %u activities, %u evidence files.\n"), result.units,
           result.persons, result.activities, result.evidence_files);
  return XS_CLI_OK;
}
