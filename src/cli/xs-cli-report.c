/* xs-cli-report.c — `xueshi-cli report [--json | --xlsx FILE]`: every person's years and span
 * verdict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

/* Tab-separated, one line per person and year, so it pastes into a spreadsheet. */
static void
print_table (const XsUnitReport *report)
{
  char a[32], b[32], c[32];

  printf ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", _ ("person"), _ ("name"), _ ("unit"),
          _ ("year"), _ ("public"), _ ("professional"), _ ("total"), _ ("compliant"), _ ("pending"),
          _ ("span passed"));
  for (guint i = 0; i < report->persons->len; i++)
    {
      const XsPersonSummary *p = g_ptr_array_index (report->persons, i);

      for (guint k = 0; k < p->n_years; k++)
        {
          const XsYearSummary *y = &p->years[k];

          printf ("%s\t%s\t%s\t%u\t%s\t%s\t%s\t%s\t%u\t%s\n", p->person->id, p->person->name,
                  p->person->unit_id, y->year,
                  xs_tenths_format_buf (y->confirmed.public_tenths, a, sizeof a),
                  xs_tenths_format_buf (y->confirmed.professional_tenths, b, sizeof b),
                  xs_tenths_format_buf (y->confirmed.total_tenths, c, sizeof c),
                  y->confirmed.deemed_complete ? "deemed"
                  : y->confirmed.compliant     ? "yes"
                                               : "no",
                  y->pending, p->passed ? "yes" : "no");
        }
    }
}

int
xs_cli_report (const XsCliGlobals *globals, int argc, char **argv)
{
  gboolean json = FALSE;
  g_autofree char *xlsx = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print one JSON object"), NULL },
    { "xlsx", 0, 0, G_OPTION_ARG_FILENAME, &xlsx,
      N_ ("Write an Excel workbook: the yearly figures, and what each person lacks"), N_ ("FILE") },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new (_ ("— every person's yearly hours and span verdict"));
  g_autoptr (XsRules) rules = NULL;
  g_autoptr (XsStore) store = NULL;
  g_autoptr (XsUnitReport) report = NULL;
  GError *error = NULL;
  int status = XS_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return xs_cli_usage (context, _ ("report takes no arguments"));
  if (json && xlsx != NULL)
    return xs_cli_usage (context, _ ("--json and --xlsx cannot be used together"));

  rules = xs_rules_get_default (&error);
  if (rules == NULL)
    return xs_cli_fail (error);
  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);

  report = xs_unit_report_new (store, rules, &error);
  if (report == NULL)
    return xs_cli_fail (error);

  if (xlsx != NULL)
    {
      if (!xs_xlsx_report_write (report, store, rules, xlsx, &error))
        return xs_cli_fail (error);
      g_print (_ ("Wrote %s (%u persons).\n"), xlsx, report->persons->len);
    }
  else if (json)
    {
      g_autoptr (JsonNode) node = xs_json_unit_report (report, rules);
      g_autofree char *text = xs_json_to_string (node, FALSE);
      printf ("%s\n", text);
    }
  else
    print_table (report);
  return XS_CLI_OK;
}
