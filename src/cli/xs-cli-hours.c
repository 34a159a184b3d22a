/* xs-cli-hours.c — `xueshi-cli hours PERSON-ID [--json]`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

/* Pads @text to @width terminal columns (CJK characters take two), on the left or right;
 * printf's widths count bytes, which misaligns Chinese. */
static char *
pad (const char *text, int width, gboolean right_align)
{
  int columns = 0;
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    columns += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  if (!right_align)
    g_string_append (s, text);
  for (; columns < width; columns++)
    g_string_append_c (s, ' ');
  if (right_align)
    g_string_append (s, text);
  return g_string_free (s, FALSE);
}

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
  {
    /* rules-2026.md §2: show the online verification window, warn outside it. */
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    guint sm, sd, em, ed;
    GDate today;

    g_date_clear (&today, 1);
    g_date_set_dmy (&today, (GDateDay)g_date_time_get_day_of_month (now),
                    (GDateMonth)g_date_time_get_month (now), (GDateYear)g_date_time_get_year (now));
    xs_rules_get_window (rules, &sm, &sd, &em, &ed);
    if (!xs_rules_date_in_window (rules, &today))
      g_print (_ ("Note: the online verification window is %u/%u to %u/%u; today is outside it.\n"),
               sm, sd, em, ed);
  }
  if (report->pending > 0)
    g_print (_ ("%u activities await review; with them the span would %s.\n"), report->pending,
             report->claimed_passed ? _ ("pass") : _ ("still not pass"));

  {
    g_autofree char *h_year = pad (_ ("Year"), 6, FALSE);
    g_autofree char *h_public = pad (_ ("Public"), 8, TRUE);
    g_autofree char *h_prof = pad (_ ("Prof."), 8, TRUE);
    g_autofree char *h_total = pad (_ ("Total"), 8, TRUE);
    g_autofree char *h_met = pad (_ ("Met"), 15, FALSE);

    g_print ("\n%s %s %s %s  %s  %s\n", h_year, h_public, h_prof, h_total, h_met,
             _ ("Claimed (public/prof./total)"));
  }
  for (guint i = 0; i < report->years->len; i++)
    {
      const XsYearSummary *y = &g_array_index (report->years, XsYearSummary, i);
      g_autofree char *met = pad (y->confirmed.deemed_complete ? _ ("deemed complete")
                                                               : yes_no (y->confirmed.compliant),
                                  15, FALSE);

      g_print ("%-6u %8s %8s %8s  %s  %s/%s/%s%s\n", y->year,
               xs_tenths_format_buf (y->confirmed.public_tenths, a, sizeof a),
               xs_tenths_format_buf (y->confirmed.professional_tenths, b, sizeof b),
               xs_tenths_format_buf (y->confirmed.total_tenths, c, sizeof c), met,
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
      g_autofree char *kind_name = pad (kind ? kind->name : r->activity->kind, 22, FALSE);

      g_print ("  %-8s %4u  %s %6s  %-8s %s  [%s]%s%s\n", r->activity->id, r->credit->year,
               kind_name, xs_tenths_format_buf (xs_credit_get_hours (r->credit), a, sizeof a),
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
      g_autoptr (XsRound) round = xs_records_get_round (store, rules, person->id, &error);
      g_autofree char *text = NULL;

      if (round == NULL)
        return xs_cli_fail (error);
      json_object_set_member (json_node_get_object (node), "round", xs_json_round (round));
      text = xs_json_to_string (node, TRUE);
      g_print ("%s\n", text);
    }
  else
    print_text (rules, report);
  return XS_CLI_OK;
}
