/* xs-round.h — where a person's verification round stands (初审 → 复审 → 备案).
 *
 * A round per person and year of verification; its stages are the rule file's chain for the
 * unit's category (rules-2026.md section 6). The store keeps each decision in order and the
 * round is worked out from them: a pass moves to the next stage; a return (with its reason)
 * sends the round back to the first stage, whose earlier passes no longer count; a reopen
 * (an approved activity changed after a stage passed) starts it over. Passing the last
 * stage files the round.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-rules.h"
#include "xs-store.h"

G_BEGIN_DECLS

#define XS_ROUND_FILED "filed"

typedef enum
{
  XS_ROUND_UNDECIDED,
  XS_ROUND_PASSED,
  XS_ROUND_RETURNED,
} XsRoundDecision;

typedef struct
{
  const char *id;   /* the step's role, e.g. employer */
  const char *name; /* the printed title, e.g. 用人单位初审意见 */
  XsRoundDecision decision;
  char *reviewer;
  char *date;
  char *opinion;  /* a pass's opinion, a return's reason */
  char *override; /* why a failing span passed the first stage */
} XsRoundStage;

typedef struct
{
  char *person_id;
  guint year;
  guint current; /* the stage to decide next; n_stages once filed */
  gboolean reopened;
  guint n_stages;
  XsRoundStage *stages;
} XsRound;

XsRound *xs_round_new (XsRules *rules, const char *category, const char *person_id,
                       GPtrArray *events);
void xs_round_free (XsRound *round);
const char *xs_round_get_stage (const XsRound *round);
gboolean xs_round_is_filed (const XsRound *round);
gboolean xs_round_has_passes (const XsRound *round);
const char *xs_round_decision_to_string (XsRoundDecision decision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsRound, xs_round_free)

G_END_DECLS
