/* xs-records-credits.c — the stored credits kept current with the rules in force.
 *
 * Each activity's credit is stored beside it when it is written, stamped with the digest of
 * the rule file that computed it. When the rules in force differ from the stamp, every
 * credit is recomputed in one transaction; this is derived data, but it is written here,
 * with the records, so that only the one writer changes the database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-engine.h"
#include "xs-records.h"
#include "xs-unit-report.h"
#include "xs-year-accumulator.h"

#define CREDIT_STAMP_KEY "credits-rules-digest"

typedef struct
{
  XsStore *store;
  XsRules *rules;
  guint updated;
  GError *error;
} Refresh;

static gboolean
refresh_one (XsActivity *activity, gpointer user_data)
{
  Refresh *refresh = user_data;
  g_autoptr (XsCredit) credit = xs_engine_compute (refresh->rules, activity);
  XsStoredCredit stored;

  xs_stored_credit_from_credit (credit, &stored);
  if (!xs_store_update_credit (refresh->store, activity->id, &stored, &refresh->error))
    return FALSE;
  refresh->updated++;
  return TRUE;
}

/**
 * xs_stored_credits_refresh:
 * @out_updated: (out) (optional): how many activities were recomputed (0 when current)
 *
 * Recomputes every stored credit when they were computed under other rules than @rules.
 */
gboolean
xs_stored_credits_refresh (XsStore *store, XsRules *rules, guint *out_updated, GError **error)
{
  g_autofree char *stamp = NULL;
  Refresh refresh = { store, rules, 0, NULL };

  stamp = xs_store_dup_meta (store, CREDIT_STAMP_KEY, error);
  if (out_updated != NULL)
    *out_updated = 0;
  if (g_strcmp0 (stamp, xs_rules_get_digest (rules)) == 0)
    return TRUE;

  if (!xs_store_begin (store, error))
    return FALSE;
  if (!xs_store_foreach_activity (store, refresh_one, &refresh, error) || refresh.error != NULL ||
      !xs_store_set_meta (store, CREDIT_STAMP_KEY, xs_rules_get_digest (rules), error) ||
      !xs_store_commit (store, error))
    {
      if (refresh.error != NULL)
        g_propagate_error (error, refresh.error);
      xs_store_rollback (store);
      return FALSE;
    }
  if (out_updated != NULL)
    *out_updated = refresh.updated;
  return TRUE;
}

/**
 * xs_stored_credits_stamp_if_unset:
 *
 * After writing credits computed with @rules into a store that has none stamped yet (a new
 * database), records that they are current. A store stamped with other rules keeps its
 * stamp, so its older credits are still recomputed before the next report.
 */
gboolean
xs_stored_credits_stamp_if_unset (XsStore *store, XsRules *rules, GError **error)
{
  g_autofree char *stamp = xs_store_dup_meta (store, CREDIT_STAMP_KEY, error);

  if (stamp != NULL)
    return TRUE;
  return xs_store_set_meta (store, CREDIT_STAMP_KEY, xs_rules_get_digest (rules), error);
}
