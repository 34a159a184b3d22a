/* xs-cli-round.c — `xueshi-cli round`: the verification round (初审 → 复审 → 备案).
 *
 *   round PERSON [--json]                       where it stands, stage by stage
 *   round PERSON --pass --reviewer NAME [--opinion TEXT] [--override REASON]
 *   round PERSON --return REASON --reviewer NAME
 *   round --list [--stage ID]                   who stands where (ID, name, unit, stage)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

static void
print_round (const XsPerson *person, const XsRound *round)
{
  if (xs_round_is_filed (round))
    g_print (_ ("%s (%s), %u round: filed\n"), person->name, person->id, round->year);
  else
    g_print (_ ("%s (%s), %u round: at %s (%s)\n"), person->name, person->id, round->year,
             round->stages[round->current].name, round->stages[round->current].id);
  if (round->reopened)
    g_print (_ ("  reopened: an approved activity changed after a stage had passed\n"));
  for (guint i = 0; i < round->n_stages; i++)
    {
      const XsRoundStage *s = &round->stages[i];

      g_print ("  %u. %s (%s): ", i + 1, s->name, s->id);
      if (s->decision == XS_ROUND_PASSED)
        g_print (_ ("passed by %s on %s"), s->reviewer, s->date);
      else if (s->decision == XS_ROUND_RETURNED)
        g_print (_ ("returned by %s on %s"), s->reviewer, s->date);
      else
        g_print ("—");
      if (s->opinion != NULL)
        g_print (" — %s", s->opinion);
      if (s->override != NULL)
        g_print (_ (" (override: %s)"), s->override);
      g_print ("\n");
    }
}

/* Every person of the rules' year with the stage they are at, in person order. */
static int
list_rounds (XsStore *store, XsRules *rules, const char *stage)
{
  g_autoptr (GPtrArray) persons = NULL;
  g_autoptr (GPtrArray) units = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GHashTable) categories = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) by_person =
      g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
  GError *error = NULL;

  persons = xs_store_list_persons (store, &error);
  if (persons != NULL)
    units = xs_store_list_units (store, &error);
  if (units != NULL)
    events = xs_store_list_round_events (store, NULL, xs_rules_get_year (rules), &error);
  if (events == NULL)
    return xs_cli_fail (error);

  for (guint i = 0; i < units->len; i++)
    {
      const XsUnit *unit = g_ptr_array_index (units, i);
      g_hash_table_insert (categories, unit->id, unit->category);
    }
  for (guint i = 0; i < events->len; i++)
    {
      XsRoundEvent *e = g_ptr_array_index (events, i);
      GPtrArray *mine = g_hash_table_lookup (by_person, e->person_id);

      if (mine == NULL)
        {
          mine = g_ptr_array_new ();
          g_hash_table_insert (by_person, e->person_id, mine);
        }
      g_ptr_array_add (mine, e);
    }

  for (guint i = 0; i < persons->len; i++)
    {
      const XsPerson *p = g_ptr_array_index (persons, i);
      g_autoptr (XsRound) round = xs_round_new (rules, g_hash_table_lookup (categories, p->unit_id),
                                                p->id, g_hash_table_lookup (by_person, p->id));
      const char *at = xs_round_get_stage (round);

      if (stage == NULL || g_str_equal (stage, at))
        g_print ("%s\t%s\t%s\t%s\n", p->id, p->name, p->unit_id, at);
    }
  return XS_CLI_OK;
}

int
xs_cli_round (const XsCliGlobals *globals, int argc, char **argv)
{
  gboolean json = FALSE, pass = FALSE, list = FALSE;
  g_autofree char *reviewer = NULL;
  g_autofree char *opinion = NULL;
  g_autofree char *override = NULL;
  g_autofree char *return_reason = NULL;
  g_autofree char *stage = NULL;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("Print the round as JSON"), NULL },
    { "pass", 0, 0, G_OPTION_ARG_NONE, &pass, N_ ("Pass the current stage"), NULL },
    { "return", 0, 0, G_OPTION_ARG_STRING, &return_reason,
      N_ ("Return the round to its first stage, with the reason"), N_ ("REASON") },
    { "reviewer", 0, 0, G_OPTION_ARG_STRING, &reviewer, N_ ("Who decides"), N_ ("NAME") },
    { "opinion", 0, 0, G_OPTION_ARG_STRING, &opinion, N_ ("The stage’s opinion, printed"),
      N_ ("TEXT") },
    { "override", 0, 0, G_OPTION_ARG_STRING, &override,
      N_ ("Why a span that fails passes the first stage anyway"), N_ ("REASON") },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_ ("List who stands where"), NULL },
    { "stage", 0, 0, G_OPTION_ARG_STRING, &stage,
      N_ ("With --list: only those at this stage (or “filed”)"), N_ ("ID") },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new (_ ("PERSON-ID | --list — the verification round"));
  g_autoptr (XsRules) rules = NULL;
  g_autoptr (XsStore) store = NULL;
  g_autoptr (XsPerson) person = NULL;
  g_autoptr (XsRound) round = NULL;
  GError *error = NULL;
  int status = XS_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (list ? argc != 1 : argc != 2)
    return xs_cli_usage (context, _ ("round takes one person id, or --list"));
  if (pass && return_reason != NULL)
    return xs_cli_usage (context, _ ("give --pass or --return, not both"));
  if (stage != NULL && !list)
    return xs_cli_usage (context, _ ("--stage goes with --list"));
  if (reviewer == NULL && (pass || return_reason != NULL))
    reviewer = xs_cli_dup_setting ("reviewer-name");

  rules = xs_rules_get_default (&error);
  if (rules == NULL)
    return xs_cli_fail (error);
  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);
  if (list)
    return list_rounds (store, rules, stage);

  if (pass || return_reason != NULL)
    {
      gboolean ok =
          pass ? xs_records_round_pass (store, rules, argv[1], reviewer, opinion, override, &error)
               : xs_records_round_return (store, rules, argv[1], return_reason, reviewer, &error);
      if (!ok)
        {
          if (g_error_matches (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NO_REVIEWER))
            g_prefix_error (&error, _ ("Pass --reviewer NAME: "));
          return xs_cli_fail (error);
        }
    }

  person = xs_store_get_person (store, argv[1], &error);
  if (person == NULL)
    return xs_cli_fail (error);
  round = xs_records_get_round (store, rules, argv[1], &error);
  if (round == NULL)
    return xs_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonNode) node = xs_json_round (round);
      g_autofree char *text = xs_json_to_string (node, TRUE);
      g_print ("%s\n", text);
    }
  else
    print_round (person, round);
  return XS_CLI_OK;
}
