/* xs-unit-report.c — every person's years and span verdict at once, from stored credits.
 *
 * Each activity's credit is stored beside it when it is written, stamped with the digest of
 * the rule file that computed it, so a report over a city's million activities is one
 * aggregate query. When the rules in force differ from the stamp, the credits are
 * recomputed first, so the report never disagrees with `hours`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "xs-unit-report.h"

#define CREDIT_STAMP_KEY "credits-rules-digest"

static XsPersonSummary *
person_summary_new (XsPerson *person, guint span_from, guint span_to)
{
  guint n = span_to >= span_from ? span_to - span_from + 1 : 0;
  XsPersonSummary *summary = g_malloc0 (sizeof (XsPersonSummary) + n * sizeof (XsYearSummary));

  summary->person = xs_person_ref (person);
  summary->span_from = span_from;
  summary->span_to = span_to;
  summary->n_years = n;
  for (guint k = 0; k < n; k++)
    summary->years[k].year = span_from + k;
  return summary;
}

static void
person_summary_free (XsPersonSummary *summary)
{
  xs_person_unref (summary->person);
  g_free (summary);
}

void
xs_unit_report_free (XsUnitReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->persons);
  g_free (report);
}

/* What of a credit is stored with the activity for the unit-wide aggregate. */
void
xs_stored_credit_from_credit (const XsCredit *credit, XsStoredCredit *out)
{
  out->year = credit->year;
  out->public_tenths = credit->public_tenths;
  out->professional_tenths = credit->professional_tenths;
  out->deemed_from = 0;
  out->deemed_to = 0;
  if (xs_credit_is_deemed (credit))
    {
      /* Deemed years are contiguous: one year, or every year a posting touches. */
      out->deemed_from = g_array_index (credit->deemed_years, guint, 0);
      out->deemed_to = g_array_index (credit->deemed_years, guint, credit->deemed_years->len - 1);
    }
}

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

typedef struct
{
  XsRules *rules;
  GHashTable *by_id; /* person id → XsPersonSummary (borrowed) */
} Collect;

static XsYearSummary *
summary_year (XsPersonSummary *summary, guint year)
{
  if (year < summary->span_from || year > summary->span_to)
    return NULL;
  return &summary->years[year - summary->span_from];
}

static gboolean
collect_total (const XsYearTotal *total, gpointer user_data)
{
  Collect *collect = user_data;
  XsPersonSummary *summary = g_hash_table_lookup (collect->by_id, total->person_id);
  XsYearSummary *y;

  if (summary == NULL)
    return TRUE;
  if (total->status == XS_STATUS_PENDING)
    summary->pending += total->activities;

  y = summary_year (summary, total->year);
  if (y == NULL)
    return TRUE;
  y->claimed.public_tenths += total->public_tenths;
  y->claimed.professional_tenths += total->professional_tenths;
  if (total->status == XS_STATUS_APPROVED)
    {
      y->confirmed.public_tenths += total->public_tenths;
      y->confirmed.professional_tenths += total->professional_tenths;
    }
  else if (total->status == XS_STATUS_PENDING)
    y->pending += total->activities;
  return TRUE;
}

static gboolean
collect_deemed (const char *person_id, XsStatus status, guint from, guint to, gpointer user_data)
{
  Collect *collect = user_data;
  XsPersonSummary *summary = g_hash_table_lookup (collect->by_id, person_id);

  for (guint year = from; summary != NULL && year <= to; year++)
    {
      XsYearSummary *y = summary_year (summary, year);

      if (y == NULL)
        continue;
      y->claimed.deemed_complete = TRUE;
      if (status == XS_STATUS_APPROVED)
        y->confirmed.deemed_complete = TRUE;
    }
  return TRUE;
}

/**
 * xs_unit_report_new:
 *
 * Returns: (transfer full): every person's span years (confirmed and claimed figures) and
 *   verdict, agreeing with xs_hours_report_new() person by person
 */
XsUnitReport *
xs_unit_report_new (XsStore *store, XsRules *rules, GError **error)
{
  g_autoptr (GPtrArray) persons = NULL;
  g_autoptr (GHashTable) by_id = NULL;
  XsUnitReport *report;
  Collect collect;

  if (!xs_stored_credits_refresh (store, rules, NULL, error))
    return NULL;
  persons = xs_store_list_persons (store, error);
  if (persons == NULL)
    return NULL;

  report = g_new0 (XsUnitReport, 1);
  report->persons = g_ptr_array_new_full (persons->len, (GDestroyNotify)person_summary_free);
  by_id = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < persons->len; i++)
    {
      XsPerson *person = g_ptr_array_index (persons, i);
      XsPersonSummary *summary;
      guint from, to;

      xs_person_get_span (rules, person, &from, &to);
      summary = person_summary_new (person, from, to);
      g_ptr_array_add (report->persons, summary);
      g_hash_table_insert (by_id, summary->person->id, summary);
    }

  collect.rules = rules;
  collect.by_id = by_id;
  if (!xs_store_foreach_year_total (store, collect_total, &collect, error) ||
      !xs_store_foreach_deemed (store, collect_deemed, &collect, error))
    {
      xs_unit_report_free (report);
      return NULL;
    }

  for (guint i = 0; i < report->persons->len; i++)
    {
      XsPersonSummary *summary = g_ptr_array_index (report->persons, i);

      for (guint k = 0; k < summary->n_years; k++)
        {
          xs_year_figures_finish (rules, &summary->years[k].confirmed);
          xs_year_figures_finish (rules, &summary->years[k].claimed);
        }
      summary->passed = xs_span_passes (rules, summary->years, summary->n_years, TRUE);
      summary->claimed_passed = xs_span_passes (rules, summary->years, summary->n_years, FALSE);
    }
  return report;
}

/**
 * xs_unit_report_update_person:
 * @index: the person's place in @report->persons
 * @hours: the person's figures computed again from their activities
 *
 * Replaces one person's summary after a change: the same figures the unit report gives.
 */
void
xs_unit_report_update_person (XsUnitReport *report, guint index, const XsHoursReport *hours)
{
  XsPersonSummary *summary;

  g_return_if_fail (index < report->persons->len);
  g_return_if_fail (hours->person != NULL);
  g_return_if_fail (hours->span_to >= hours->span_from &&
                    hours->span_to - hours->span_from + 1 == hours->years->len);

  summary = person_summary_new (hours->person, hours->span_from, hours->span_to);
  memcpy (summary->years, hours->years->data, hours->years->len * sizeof (XsYearSummary));
  summary->passed = hours->passed;
  summary->claimed_passed = hours->claimed_passed;
  summary->pending = hours->pending;

  person_summary_free (g_ptr_array_index (report->persons, index));
  g_ptr_array_index (report->persons, index) = summary;
}
