/* xs-round.c — where a person's verification round stands, from its decisions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-round.h"

static void
stage_clear (XsRoundStage *stage)
{
  stage->decision = XS_ROUND_UNDECIDED;
  g_clear_pointer (&stage->reviewer, g_free);
  g_clear_pointer (&stage->date, g_free);
  g_clear_pointer (&stage->opinion, g_free);
  g_clear_pointer (&stage->override, g_free);
}

static void
stage_set (XsRoundStage *stage, XsRoundDecision decision, const XsRoundEvent *e)
{
  stage_clear (stage);
  stage->decision = decision;
  stage->reviewer = g_strdup (e->reviewer);
  stage->date = g_strdup (e->date);
  stage->opinion = g_strdup (e->opinion);
  stage->override = g_strdup (e->override);
}

static int
stage_index (const XsRound *round, const char *id)
{
  for (guint i = 0; i < round->n_stages; i++)
    if (g_strcmp0 (round->stages[i].id, id) == 0)
      return (int)i;
  return -1;
}

/**
 * xs_round_new:
 * @category: the person's unit's category: its chain gives the stages
 * @events: (element-type XsRoundEvent): the person's decisions for the rules' year, in order
 *
 * Returns: (transfer full): the round; a chain the rule file lacks gives a round of no
 *   stages, filed at once
 */
XsRound *
xs_round_new (XsRules *rules, const char *category, const char *person_id, GPtrArray *events)
{
  const XsChain *chain = xs_rules_get_chain (rules, category);
  XsRound *round = g_new0 (XsRound, 1);

  round->person_id = g_strdup (person_id);
  round->year = xs_rules_get_year (rules);
  round->n_stages = chain && chain->roles ? g_strv_length (chain->roles) : 0;
  round->stages = g_new0 (XsRoundStage, MAX (round->n_stages, 1));
  for (guint i = 0; i < round->n_stages; i++)
    {
      round->stages[i].id = chain->roles[i];
      round->stages[i].name = chain->steps[i];
    }

  for (guint i = 0; events != NULL && i < events->len; i++)
    {
      const XsRoundEvent *e = g_ptr_array_index (events, i);
      int k = stage_index (round, e->stage);

      if (g_str_equal (e->decision, "reopened"))
        {
          for (guint j = 0; j < round->n_stages; j++)
            stage_clear (&round->stages[j]);
          round->current = 0;
          round->reopened = TRUE;
        }
      else if (g_str_equal (e->decision, "passed") && k >= 0 && (guint)k == round->current)
        {
          stage_set (&round->stages[k], XS_ROUND_PASSED, e);
          round->current++;
          round->reopened = FALSE;
        }
      else if (g_str_equal (e->decision, "returned") && k >= 0)
        {
          /* Back to the first stage: what passed before the return is to be decided again. */
          for (guint j = 0; j < round->n_stages; j++)
            stage_clear (&round->stages[j]);
          stage_set (&round->stages[k], XS_ROUND_RETURNED, e);
          round->current = 0;
          round->reopened = FALSE;
        }
      /* Anything else (a stage the chain no longer has) is history the chain outgrew. */
    }
  return round;
}

void
xs_round_free (XsRound *round)
{
  if (round == NULL)
    return;
  for (guint i = 0; i < round->n_stages; i++)
    stage_clear (&round->stages[i]);
  g_free (round->stages);
  g_free (round->person_id);
  g_free (round);
}

/* The id of the stage to decide next, or "filed". */
const char *
xs_round_get_stage (const XsRound *round)
{
  return xs_round_is_filed (round) ? XS_ROUND_FILED : round->stages[round->current].id;
}

gboolean
xs_round_is_filed (const XsRound *round)
{
  return round->current >= round->n_stages;
}

/* Whether any stage has passed: then changing an approved activity reopens the round. */
gboolean
xs_round_has_passes (const XsRound *round)
{
  for (guint i = 0; i < round->n_stages; i++)
    if (round->stages[i].decision == XS_ROUND_PASSED)
      return TRUE;
  return FALSE;
}

const char *
xs_round_decision_to_string (XsRoundDecision decision)
{
  switch (decision)
    {
    case XS_ROUND_PASSED:
      return "passed";
    case XS_ROUND_RETURNED:
      return "returned";
    case XS_ROUND_UNDECIDED:
    default:
      return NULL;
    }
}
