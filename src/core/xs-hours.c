/* xs-hours.c — a person's hours over the verification span: per year, and the verdict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-hours.h"

static void
activity_result_free (XsActivityResult *result)
{
  xs_activity_unref (result->activity);
  xs_credit_free (result->credit);
  xs_evidence_check_free (result->evidence);
  g_free (result);
}

void
xs_hours_report_free (XsHoursReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->person, xs_person_unref);
  g_clear_pointer (&report->years, g_array_unref);
  g_clear_pointer (&report->activities, g_ptr_array_unref);
  g_free (report);
}

/* The person's own span when set (doctors applying for 副高), else the rule file's. */
void
xs_person_get_span (XsRules *rules, const XsPerson *person, guint *from, guint *to)
{
  /* span-override: "per-person" honours a person's own span, "none" ignores it. */
  if (person != NULL && person->span_from != 0 && person->span_to >= person->span_from &&
      g_strcmp0 (xs_rules_get_setting (rules, "span-override"), "none") != 0)
    {
      *from = person->span_from;
      *to = person->span_to;
    }
  else
    {
      *from = xs_rules_get_span_from (rules);
      *to = xs_rules_get_span_to (rules);
    }
}

static void
add_credit (XsYearFigures *figures, const XsCredit *credit)
{
  figures->public_tenths += credit->public_tenths;
  figures->professional_tenths += credit->professional_tenths;
}

static gboolean
credit_deems_year (const XsCredit *credit, guint year)
{
  for (guint i = 0; credit->deemed_years != NULL && i < credit->deemed_years->len; i++)
    if (g_array_index (credit->deemed_years, guint, i) == year)
      return TRUE;
  return FALSE;
}

/**
 * xs_year_figures_finish:
 *
 * Completes a year's sums: a deemed-complete year shows the minimums whatever else was
 * entered (section 4); then the total and whether the year is compliant.
 */
void
xs_year_figures_finish (XsRules *rules, XsYearFigures *f)
{
  if (f->deemed_complete)
    {
      f->public_tenths = xs_rules_get_min_public (rules);
      f->professional_tenths = xs_rules_get_min_professional (rules);
    }
  f->total_tenths = f->public_tenths + f->professional_tenths;
  f->compliant =
      f->deemed_complete || (f->public_tenths >= xs_rules_get_min_public (rules) &&
                             f->professional_tenths >= xs_rules_get_min_professional (rules) &&
                             f->total_tenths >= xs_rules_get_min_total (rules));
}

/**
 * xs_span_passes:
 * @years: (array length=n_years): the span's finished years
 * @confirmed: judge the confirmed figures, else the claimed ones
 *
 * Per-year mode: every year compliant. Cumulative mode: public and professional sums reach
 * the yearly minimums times the number of years.
 */
gboolean
xs_span_passes (XsRules *rules, const XsYearSummary *years, guint n_years, gboolean confirmed)
{
  XsSpanMode mode = xs_rules_get_span_mode (rules);
  gint64 pub = 0, pro = 0;
  guint n = n_years;

  for (guint i = 0; i < n; i++)
    {
      const XsYearSummary *y = &years[i];
      const XsYearFigures *f = confirmed ? &y->confirmed : &y->claimed;

      if (mode == XS_SPAN_PER_YEAR && !f->compliant)
        return FALSE;
      pub += f->public_tenths;
      pro += f->professional_tenths;
    }

  if (mode == XS_SPAN_CUMULATIVE)
    return pub >= xs_rules_get_min_public (rules) * n &&
           pro >= xs_rules_get_min_professional (rules) * n;
  return TRUE;
}

/**
 * xs_span_years_new:
 *
 * Returns: (transfer full) (element-type XsYearSummary): one zeroed summary per year of
 *   @from..@to
 */
GArray *
xs_span_years_new (guint from, guint to)
{
  GArray *years = g_array_new (FALSE, TRUE, sizeof (XsYearSummary));

  for (guint y = from; y <= to; y++)
    {
      XsYearSummary summary = { .year = y };
      g_array_append_val (years, summary);
    }
  return years;
}

/**
 * xs_hours_report_new:
 * @person: the person, or %NULL for a bare computation
 * @activities: (element-type XsActivity): the person's activities
 *
 * Returns: (transfer full): every activity's credit and evidence verdict, the span's years
 *   with confirmed and claimed figures, and the span verdict
 */
XsHoursReport *
xs_hours_report_new (XsRules *rules, XsPerson *person, GPtrArray *activities)
{
  XsHoursReport *report = g_new0 (XsHoursReport, 1);

  g_return_val_if_fail (XS_IS_RULES (rules), report);

  report->person = person ? xs_person_ref (person) : NULL;
  report->span_mode = xs_rules_get_span_mode (rules);
  xs_person_get_span (rules, person, &report->span_from, &report->span_to);
  report->years = xs_span_years_new (report->span_from, report->span_to);
  report->activities = g_ptr_array_new_with_free_func ((GDestroyNotify)activity_result_free);

  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      XsActivity *activity = g_ptr_array_index (activities, i);
      XsActivityResult *result = g_new0 (XsActivityResult, 1);

      result->activity = xs_activity_ref (activity);
      result->credit = xs_engine_compute (rules, activity);
      result->evidence = xs_evidence_check_activity (rules, activity);
      g_ptr_array_add (report->activities, result);

      if (activity->status == XS_STATUS_PENDING)
        report->pending++;
      if (activity->status == XS_STATUS_REJECTED)
        continue;

      for (guint k = 0; k < report->years->len; k++)
        {
          XsYearSummary *y = &g_array_index (report->years, XsYearSummary, k);
          gboolean deemed = credit_deems_year (result->credit, y->year);

          if (result->credit->year != y->year && !deemed)
            continue;

          if (activity->status == XS_STATUS_PENDING)
            y->pending++;
          add_credit (&y->claimed, result->credit);
          y->claimed.deemed_complete |= deemed;
          if (activity->status == XS_STATUS_APPROVED)
            {
              add_credit (&y->confirmed, result->credit);
              y->confirmed.deemed_complete |= deemed;
            }
        }
    }

  for (guint k = 0; k < report->years->len; k++)
    {
      XsYearSummary *y = &g_array_index (report->years, XsYearSummary, k);
      xs_year_figures_finish (rules, &y->confirmed);
      xs_year_figures_finish (rules, &y->claimed);
    }

  report->passed =
      xs_span_passes (rules, (const XsYearSummary *)report->years->data, report->years->len, TRUE);
  report->claimed_passed =
      xs_span_passes (rules, (const XsYearSummary *)report->years->data, report->years->len, FALSE);
  return report;
}

const XsYearSummary *
xs_hours_report_get_year (const XsHoursReport *report, guint year)
{
  for (guint k = 0; k < report->years->len; k++)
    {
      const XsYearSummary *y = &g_array_index (report->years, XsYearSummary, k);
      if (y->year == year)
        return y;
    }
  return NULL;
}
