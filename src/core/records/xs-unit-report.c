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

#include "xs-records.h"
#include "xs-unit-report.h"

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

/* Each person's accumulator while the aggregate rows come in. */
typedef struct
{
  XsPersonSummary *summary; /* borrowed */
  XsYearAccumulator *acc;
} Collecting;

typedef struct
{
  GHashTable *by_id; /* person id → Collecting */
} Collect;

static void
collecting_free (Collecting *c)
{
  xs_year_accumulator_free (c->acc);
  g_free (c);
}

static gboolean
collect_total (const XsYearTotal *total, gpointer user_data)
{
  Collect *collect = user_data;
  Collecting *c = g_hash_table_lookup (collect->by_id, total->person_id);
  XsStoredCredit credit = {
    .year = total->year,
    .public_tenths = total->public_tenths,
    .professional_tenths = total->professional_tenths,
    .replaces_year = total->replaces_year,
  };

  if (c != NULL)
    xs_year_accumulator_add (c->acc, total->status, &credit, total->activities);
  return TRUE;
}

static gboolean
collect_deemed (const char *person_id, XsStatus status, guint from, guint to, gpointer user_data)
{
  Collect *collect = user_data;
  Collecting *c = g_hash_table_lookup (collect->by_id, person_id);
  XsStoredCredit credit = { .year = from, .deemed_from = from, .deemed_to = to };

  if (c != NULL)
    xs_year_accumulator_add (c->acc, status, &credit, 1);
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
  by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)collecting_free);

  for (guint i = 0; i < persons->len; i++)
    {
      XsPerson *person = g_ptr_array_index (persons, i);
      Collecting *c = g_new0 (Collecting, 1);
      guint from, to;

      xs_person_get_span (rules, person, &from, &to);
      c->summary = person_summary_new (person, from, to);
      c->acc = xs_year_accumulator_new (rules, c->summary->years, c->summary->n_years);
      g_ptr_array_add (report->persons, c->summary);
      g_hash_table_insert (by_id, c->summary->person->id, c);
    }

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
      Collecting *c = g_hash_table_lookup (by_id, summary->person->id);

      xs_year_accumulator_finish (c->acc, &summary->passed, &summary->claimed_passed,
                                  &summary->pending);
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
