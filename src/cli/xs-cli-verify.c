/* xs-cli-verify.c — `xueshi-cli verify CODE`: does a printed sheet match the records?
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

static const char *
year_state (const XsYearFigures *f)
{
  if (f->deemed_complete)
    return _ ("deemed complete");
  return f->compliant ? _ ("met") : _ ("not met");
}

/* What the sheet must show: a matching code proves these are the records' figures, so the
 * checker compares them with the paper. */
static void
print_report (const char *code, const XsHoursReport *report)
{
  char a[32], b[32], c[32];

  g_print (_ ("%s matches the current records of %s (%s).\n"), code, report->person->name,
           report->person->id);
  g_print (_ ("Span %u–%u: %s\n"), report->span_from, report->span_to,
           report->passed ? _ ("passed") : _ ("not passed"));
  g_print ("%-6s %8s %8s %8s  %s\n", _ ("Year"), _ ("Public"), _ ("Prof."), _ ("Total"), _ ("Met"));
  for (guint i = 0; i < report->years->len; i++)
    {
      const XsYearSummary *y = &g_array_index (report->years, XsYearSummary, i);

      g_print ("%-6u %8s %8s %8s  %s\n", y->year,
               xs_tenths_format_buf (y->confirmed.public_tenths, a, sizeof a),
               xs_tenths_format_buf (y->confirmed.professional_tenths, b, sizeof b),
               xs_tenths_format_buf (y->confirmed.total_tenths, c, sizeof c),
               year_state (&y->confirmed));
    }
}

int
xs_cli_verify (const XsCliGlobals *globals, int argc, char **argv)
{
  g_autoptr (GOptionContext) context =
      g_option_context_new (_ ("CODE — check a sheet's verification code against the records"));
  g_autoptr (XsRules) rules = NULL;
  g_autoptr (XsStore) store = NULL;
  g_autoptr (XsHoursReport) report = NULL;
  GError *error = NULL;
  int status = XS_CLI_OK;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return xs_cli_usage (context, _ ("verify takes one code"));

  /* A code that cannot be one is a usage error, before any database is opened. */
  if (!xs_sheet_code_parse (argv[1], NULL, NULL, NULL, NULL, &error))
    {
      status = xs_cli_usage (NULL, "%s", error->message);
      g_error_free (error);
      return status;
    }

  rules = xs_rules_get_default (&error);
  if (rules == NULL)
    return xs_cli_fail (error);
  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);

  report = xs_sheet_code_verify (store, rules, argv[1], &error);
  if (report == NULL)
    return xs_cli_fail (error);
  print_report (argv[1], report);
  return XS_CLI_OK;
}
