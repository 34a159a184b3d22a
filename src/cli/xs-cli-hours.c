/* xs-cli-hours.c — `xueshi-cli hours PERSON-ID [--json]`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

static const char *
yes_no (gboolean value)
{
  return value ? _ ("yes") : _ ("no");
}

static void
print_text (XsRules *rules, const XsHoursReport *report)
{
  char a[32], b[32], c[32], d[32], e[32], f[32];

  g_print (_ ("%s (%s), span %u–%u (%s): %s\n"), report->person->name, report->person->id,
           report->span_from, report->span_to,
           report->span_mode == XS_SPAN_CUMULATIVE ? _ ("cumulative") : _ ("every year"),
           report->passed ? _ ("passed") : _ ("not passed"));
  if (report->pending > 0)
    g_print (_ ("%u activities await review; with them the span would %s.\n"), report->pending,
             report->claimed_passed ? _ ("pass") : _ ("still not pass"));

  g_print ("\n%-6s %8s %8s %8s %-6s  %s\n", _ ("Year"), _ ("Public"), _ ("Prof."), _ ("Total"),
           _ ("Met"), _ ("Claimed (public/prof./total)"));
  for (guint i = 0; i < report->years->len; i++)
    {
      const XsYearSummary *y = &g_array_index (report->years, XsYearSummary, i);

      g_print ("%-6u %8s %8s %8s %-6s  %s/%s/%s%s\n", y->year,
               xs_tenths_format_buf (y->confirmed.public_tenths, a, sizeof a),
               xs_tenths_format_buf (y->confirmed.professional_tenths, b, sizeof b),
               xs_tenths_format_buf (y->confirmed.total_tenths, c, sizeof c),
               y->confirmed.deemed_complete ? "视同完成" : yes_no (y->confirmed.compliant),
               xs_tenths_format_buf (y->claimed.public_tenths, d, sizeof d),
               xs_tenths_format_buf (y->claimed.professional_tenths, e, sizeof e),
               xs_tenths_format_buf (y->claimed.total_tenths, f, sizeof f),
               y->pending ? _ (" (pending review)") : "");
    }

  g_print ("\n%s\n", _ ("Activities:"));
  for (guint i = 0; i < report->activities->len; i++)
    {
      const XsActivityResult *r = g_ptr_array_index (report->activities, i);
      const XsKind *kind = xs_rules_get_kind (rules, r->activity->kind);
      g_autofree char *missing = NULL;

      if (!r->evidence->satisfied)
        {
          g_ptr_array_add (r->evidence->missing, NULL);
          missing = g_strjoinv (", ", (char **)r->evidence->missing->pdata);
          g_ptr_array_remove_index (r->evidence->missing, r->evidence->missing->len - 1);
        }
      g_print ("  %-8s %4u  %-10s %6s  %-8s %s  [%s]%s%s\n", r->activity->id, r->credit->year,
               kind ? kind->name : r->activity->kind,
               xs_tenths_format_buf (xs_credit_get_hours (r->credit), a, sizeof a),
               xs_status_to_string (r->activity->status), r->credit->reason,
               r->evidence->satisfied ? _ ("evidence complete") : _ ("evidence missing"),
               missing ? ": " : "", missing ? missing : "");
    }
}

int
xs_cli_hours (const XsCliGlobals *globals, int argc, char **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print one JSON object (interfaces.md)"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new (_ ("PERSON-ID — show recognised hours"));
  g_autoptr (XsRules) rules = NULL;
  g_autoptr (XsStore) store = NULL;
  g_autoptr (XsPerson) person = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (XsHoursReport) report = NULL;
  GError *error = NULL;
  int status = XS_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return xs_cli_usage (context, _ ("hours takes one person id"));

  rules = xs_rules_get_default (&error);
  if (rules == NULL)
    return xs_cli_fail (error);
  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);

  person = xs_store_get_person (store, argv[1], &error);
  if (person == NULL)
    return xs_cli_fail (error);
  activities = xs_store_list_activities (store, person->id, &error);
  if (activities == NULL)
    return xs_cli_fail (error);

  report = xs_hours_report_new (rules, person, activities);
  if (json)
    {
      g_autoptr (JsonNode) node = xs_json_hours_report (report);
      g_autofree char *text = xs_json_to_string (node, TRUE);
      g_print ("%s\n", text);
    }
  else
    print_text (rules, report);
  return XS_CLI_OK;
}
