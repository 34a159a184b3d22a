/* xs-hours.c — a person's hours over the verification span: per year, and the verdict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-hours.h"
#include "xs-tenths.h"

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

static gboolean
is_certified_year (XsRules *rules, const XsActivity *activity)
{
  const XsKind *kind = xs_rules_get_kind (rules, activity->kind);

  return kind != NULL && kind->subject_rule == XS_SUBJECT_RULE_AS_PRINTED;
}

/**
 * xs_hours_check_certified_year:
 * @activities: (element-type XsActivity): the person's activities as stored
 * @candidate: an activity about to be saved or sent back to review (its stored version, if
 *   any, is in @activities and is not counted against it)
 * @status: the status @candidate is to have
 *
 * An earlier sheet certifies a whole year, so a person has at most one certified year per
 * year that is not rejected (rules-2026.md section 3).
 *
 * Returns: %FALSE, with an error naming the first one, when @candidate would be a second
 */
gboolean
xs_hours_check_certified_year (XsRules *rules, GPtrArray *activities, const XsActivity *candidate,
                               XsStatus status, GError **error)
{
  g_autoptr (XsCredit) credit = NULL;

  if (status == XS_STATUS_REJECTED || !is_certified_year (rules, candidate))
    return TRUE;
  credit = xs_engine_compute (rules, candidate);

  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      const XsActivity *other = g_ptr_array_index (activities, i);
      g_autoptr (XsCredit) other_credit = NULL;

      if (g_strcmp0 (other->id, candidate->id) == 0 || other->status == XS_STATUS_REJECTED ||
          !is_certified_year (rules, other))
        continue;
      other_credit = xs_engine_compute (rules, other);
      if (other_credit->year == credit->year)
        {
          g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_BAD_VALUE,
                       _ ("The year %u already has a certified year sheet (activity %s); a "
                          "person has one per year"),
                       credit->year, other->id);
          return FALSE;
        }
    }
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

/* Activities of a year that an approved certified year gives its printed figures are listed
 * but not added (rules-2026.md section 3; the accumulator leaves them out of the figures). */
static void
mark_replaced (GPtrArray *results)
{
  g_autoptr (GArray) certified = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < results->len; i++)
    {
      const XsActivityResult *r = g_ptr_array_index (results, i);

      if (r->credit->replaces_year && r->activity->status == XS_STATUS_APPROVED)
        g_array_append_val (certified, r->credit->year);
    }
  for (guint i = 0; certified->len > 0 && i < results->len; i++)
    {
      XsActivityResult *r = g_ptr_array_index (results, i);

      if (r->credit->replaces_year || xs_credit_is_deemed (r->credit))
        continue;
      for (guint k = 0; k < certified->len && !r->replaced; k++)
        r->replaced = g_array_index (certified, guint, k) == r->credit->year;
    }
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
  g_autoptr (XsYearAccumulator) acc = NULL;

  g_return_val_if_fail (XS_IS_RULES (rules), report);

  report->person = person ? xs_person_ref (person) : NULL;
  report->span_mode = xs_rules_get_span_mode (rules);
  xs_person_get_span (rules, person, &report->span_from, &report->span_to);
  report->years = xs_span_years_new (report->span_from, report->span_to);
  report->activities = g_ptr_array_new_with_free_func ((GDestroyNotify)activity_result_free);

  acc = xs_year_accumulator_new (rules, (XsYearSummary *)report->years->data, report->years->len);
  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      XsActivity *activity = g_ptr_array_index (activities, i);
      XsActivityResult *result = g_new0 (XsActivityResult, 1);
      XsStoredCredit stored;

      result->activity = xs_activity_ref (activity);
      result->credit = xs_engine_compute (rules, activity);
      result->evidence = xs_evidence_check_activity (rules, activity);
      g_ptr_array_add (report->activities, result);

      xs_stored_credit_from_credit (result->credit, &stored);
      xs_year_accumulator_add (acc, activity->status, &stored, 1);
    }
  xs_year_accumulator_finish (acc, &report->passed, &report->claimed_passed, &report->pending);

  mark_replaced (report->activities);
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

/**
 * xs_years_dup_shortfall:
 * @years: a span's years, as the accumulator left them
 *
 * What the confirmed hours lack, for a clerk: per year (or over the span, when it counts
 * cumulatively), each subject's missing hours; and how many activities await review.
 *
 * Returns: (transfer full): e.g. "2023 年：公需科目差 6 学时；专业科目差 12 学时 · 2 项待审核",
 *   or an empty string when nothing is short
 */
char *
xs_years_dup_shortfall (XsRules *rules, const XsYearSummary *years, guint n_years, guint pending)
{
  GString *text = g_string_new (NULL);
  gint64 min_public = xs_rules_get_min_public (rules);
  gint64 min_professional = xs_rules_get_min_professional (rules);
  char a[32], b[32];

  if (xs_rules_get_span_mode (rules) == XS_SPAN_CUMULATIVE)
    {
      gint64 pub = 0, pro = 0;
      gint64 short_pub, short_pro;

      xs_span_totals (years, n_years, TRUE, &pub, &pro);
      short_pub = MAX (0, min_public * (gint64)n_years - pub);
      short_pro = MAX (0, min_professional * (gint64)n_years - pro);
      if (short_pub > 0 || short_pro > 0)
        g_string_append_printf (text,
                                _ ("over the span: public subjects %s h short, professional "
                                   "subjects %s h short"),
                                xs_tenths_format_buf (short_pub, a, sizeof a),
                                xs_tenths_format_buf (short_pro, b, sizeof b));
    }
  else
    for (guint i = 0; i < n_years; i++)
      {
        const XsYearFigures *f = &years[i].confirmed;
        gint64 short_pub, short_pro;

        if (f->compliant || f->deemed_complete)
          continue;
        short_pub = MAX (0, min_public - f->public_tenths);
        short_pro = MAX (0, min_professional - f->professional_tenths);
        if (text->len > 0)
          g_string_append (text, _ ("; "));
        if (short_pub > 0 && short_pro > 0)
          g_string_append_printf (text, _ ("%u: public %s h and professional %s h short"),
                                  years[i].year, xs_tenths_format_buf (short_pub, a, sizeof a),
                                  xs_tenths_format_buf (short_pro, b, sizeof b));
        else if (short_pub > 0)
          g_string_append_printf (text, _ ("%u: public %s h short"), years[i].year,
                                  xs_tenths_format_buf (short_pub, a, sizeof a));
        else
          g_string_append_printf (text, _ ("%u: professional %s h short"), years[i].year,
                                  xs_tenths_format_buf (short_pro, b, sizeof b));
      }
  if (pending > 0)
    {
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append_printf (text,
                              g_dngettext (GETTEXT_PACKAGE, "%u activity awaits review",
                                           "%u activities await review", pending),
                              pending);
    }
  return g_string_free (text, FALSE);
}
