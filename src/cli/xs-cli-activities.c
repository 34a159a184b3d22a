/* xs-cli-activities.c — `xueshi-cli template activities -o FILE.xlsx [--force]` writes the
 * workbook staff fill in; `xueshi-cli activities import FILE.xlsx [--check]` brings its rows
 * in, all or nothing, with a line per row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

static void
print_rows (GPtrArray *rows, const char *prefix, gboolean to_stderr)
{
  for (guint i = 0; rows != NULL && i < rows->len; i++)
    {
      g_autofree char *line = xs_activity_row_problem_format (g_ptr_array_index (rows, i));

      if (to_stderr)
        g_printerr ("%s%s\n", prefix, line);
      else
        g_print ("%s%s\n", prefix, line);
    }
}

static int
activities_import (const XsCliGlobals *globals, int argc, char **argv)
{
  gboolean check = FALSE;
  g_autofree char *actor = NULL;
  GOptionEntry entries[] = {
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, N_ ("Check every row, write nothing"), NULL },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &actor, N_ ("Who adds them (default: you)"),
      N_ ("NAME") },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new (_ ("FILE.xlsx — add the activities of a filled-in template"));
  g_autoptr (XsStore) store = NULL;
  g_autoptr (XsRules) rules = NULL;
  XsActivityWorkbookResult result = { 0 };
  GError *error = NULL;
  int status = XS_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (
      context, _ ("Each sheet is a form of the template (xueshi-cli template activities), each "
                  "row an activity of the person in its first column; the activities are added "
                  "awaiting review. Every row is checked first; with any problem nothing is "
                  "added and every problem is listed."));
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return xs_cli_usage (context, _ ("activities import takes one Excel file"));
  if (actor == NULL)
    actor = g_strdup (g_get_user_name ());

  rules = xs_rules_get_default (&error);
  if (rules == NULL)
    return xs_cli_fail (error);
  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);
  if (!xs_activity_workbook_import (store, rules, argv[1], check, actor, &result, &error))
    {
      print_rows (result.problems, "", TRUE);
      xs_activity_workbook_result_clear (&result);
      return xs_cli_fail (error);
    }
  print_rows (result.added, check ? _ ("would add: ") : _ ("added: "), FALSE);
  if (check)
    g_print (_ ("%u rows checked: %u activities would be added.\n"), result.rows,
             result.added->len);
  else
    g_print (_ ("%u rows read: %u activities added, awaiting review.\n"), result.rows,
             result.added->len);
  xs_activity_workbook_result_clear (&result);
  return XS_CLI_OK;
}

int
xs_cli_activities (const XsCliGlobals *globals, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return activities_import (globals, argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n  import FILE.xlsx [--check] [--actor NAME]\n",
               _ ("Usage: xueshi-cli activities"));
      return XS_CLI_OK;
    }
  return xs_cli_usage (NULL, _ ("activities takes a subcommand: import FILE.xlsx"));
}

int
xs_cli_template (const XsCliGlobals *globals, int argc, char **argv)
{
  g_autofree char *output = NULL;
  gboolean force = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("The workbook to write"),
      N_ ("FILE.xlsx") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force, N_ ("Replace the file if it exists"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new (_ ("activities -o FILE.xlsx — write the workbook staff fill in"));
  g_autoptr (XsRules) rules = NULL;
  GError *error = NULL;
  int status = XS_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (
      context, _ ("One sheet per form of the rule file in force, its columns and dropdowns "
                  "from the rules; bring it back with xueshi-cli activities import."));
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2 || !g_str_equal (argv[1], "activities"))
    return xs_cli_usage (context, _ ("template takes one kind of template: activities"));
  if (output == NULL)
    return xs_cli_usage (context, _ ("template activities needs -o FILE.xlsx"));

  rules = xs_rules_get_default (&error);
  if (rules == NULL)
    return xs_cli_fail (error);
  if (!xs_activity_template_write (rules, output, force, &error))
    return xs_cli_fail (error);
  g_print (_ ("Wrote %s.\n"), output);
  return XS_CLI_OK;
}
