/* xs-records-round.h — the verification round's decisions, through the one writer.
 *
 * Each decision is validated, stored and audited (round-pass, round-return, round-reopen) in
 * one transaction. The first stage does not pass a person whose confirmed span fails unless
 * an override reason is given; it is printed with the stage.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-records.h"
#include "xs-round.h"

G_BEGIN_DECLS

XsRound *xs_records_get_round (XsStore *store, XsRules *rules, const char *person_id,
                               GError **error);
gboolean xs_records_round_pass (XsStore *store, XsRules *rules, const char *person_id,
                                const char *reviewer, const char *opinion, const char *override,
                                GError **error);
gboolean xs_records_round_return (XsStore *store, XsRules *rules, const char *person_id,
                                  const char *reason, const char *reviewer, GError **error);
gboolean xs_records_merge_round (XsStore *store, const char *person_id, guint year,
                                 GPtrArray *incoming, const char *actor, const char *source,
                                 gboolean *out_conflict, GError **error);
gboolean xs_records_round_would_reopen (XsStore *store, XsRules *rules, const char *person_id);

G_END_DECLS
