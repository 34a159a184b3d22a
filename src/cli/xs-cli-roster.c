/* xs-cli-roster.c — `xueshi-cli roster import FILE.csv|FILE.xlsx [--skip-bad-rows] [--check]`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

static void
print_problems (const XsRosterResult *result, const char *prefix)
{
  for (guint i = 0; result->problems != NULL && i < result->problems->len; i++)
    {
      g_autofree char *line = xs_roster_problem_format (g_ptr_array_index (result->problems, i));
      g_printerr ("%s%s\n", prefix, line);
    }
}

static void
print_warnings (const XsRosterResult *result)
{
  for (guint i = 0; result->warnings != NULL && i < result->warnings->len; i++)
    g_printerr (_ ("warning: %s\n"), (char *)g_ptr_array_index (result->warnings, i));
}

static int
roster_import (const XsCliGlobals *globals, int argc, char **argv)
{
  gboolean skip = FALSE;
  gboolean check = FALSE;
  const GOptionEntry entries[] = {
    { "skip-bad-rows", 0, 0, G_OPTION_ARG_NONE, &skip,
      N_ ("Import the good rows and list the bad ones (default: import nothing if a row is bad)"),
      NULL },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, N_ ("Check the file, write nothing"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new (_ ("FILE.csv|FILE.xlsx — import persons from a roster"));
  g_autoptr (XsStore) store = NULL;
  XsRosterResult result = { 0 };
  XsRosterImportFlags flags = XS_ROSTER_IMPORT_DEFAULT;
  GError *error = NULL;
  int status = XS_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (
      context, _ ("The first row names the columns, in any order: 人员编号 (id), 姓名 (name), "
                  "性别 (gender), 身份证号 (id-number), 单位编号 (unit); optionally "
                  "现专业技术职务 (current-title), 申报职称 (applying-title), 专业 (specialty), "
                  "核认起始年度 (span-from), 核认截止年度 (span-to). A CSV file (UTF-8 or GB18030 "
                  "text, as Excel saves it) or an Excel workbook (.xlsx, its first sheet)."));
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return xs_cli_usage (context, _ ("roster import takes one CSV or Excel file"));

  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);

  if (skip)
    flags |= XS_ROSTER_IMPORT_SKIP_BAD_ROWS;
  if (check)
    flags |= XS_ROSTER_IMPORT_CHECK_ONLY;
  if (!xs_roster_import (store, argv[1], flags, &result, &error))
    {
      /* The rows first, then the one line that says what happened. */
      print_warnings (&result);
      print_problems (&result, "");
      xs_roster_result_clear (&result);
      return xs_cli_fail (error);
    }

  print_warnings (&result);
  print_problems (&result, _ ("skipped: "));
  if (check)
    g_print (_ ("%u rows checked: %u persons would be added, %u updated, %u rows skipped.\n"),
             result.rows, result.added, result.updated, result.skipped);
  else
    g_print (_ ("%u rows read: %u persons added, %u updated, %u rows skipped.\n"), result.rows,
             result.added, result.updated, result.skipped);
  xs_roster_result_clear (&result);
  return XS_CLI_OK;
}

int
xs_cli_roster (const XsCliGlobals *globals, int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return roster_import (globals, argc - 1, argv + 1);
  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      g_print ("%s\n  import FILE.csv|FILE.xlsx [--skip-bad-rows] [--check]\n",
               _ ("Usage: xueshi-cli roster"));
      return XS_CLI_OK;
    }
  return xs_cli_usage (NULL, _ ("roster takes a subcommand: import FILE.csv|FILE.xlsx"));
}
