/* xs-year-accumulator.c — the one definition of what a person's credits make of their years.
 *
 * A credit is added with its review status and the number of activities it stands for: one
 * from the hours report, or a whole aggregate row from the store (the sum of many credits
 * of one year, status and role), so the unit report's SQL and a person's own report reach
 * the same figures by construction. The rules, in order (rules-2026.md sections 1, 3, 4):
 *
 *  - rejected activities count nowhere; claimed figures count every other one, confirmed
 *    figures only approved ones;
 *  - a pending activity is pending in every span year it counts in (its credit year, or each
 *    of its deemed years);
 *  - a certified year (既往《学时认定单》) under certified-year-combination "replace" gives its
 *    year the printed figures instead of the year's other activities;
 *  - a deemed-complete year shows the minimums, whatever else was entered;
 *  - then the total and compliance per year, and the span verdict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-year-accumulator.h"

enum
{
  CONFIRMED,
  CLAIMED,
};

/* A year's certified-sheet figures, kept apart until the end: only persons who have a
 * certified year need them, so they are allocated on the first one. */
typedef struct
{
  gint64 public_tenths[2];
  gint64 professional_tenths[2];
  guint count[2];
} CertifiedYear;

struct _XsYearAccumulator
{
  XsRules *rules;
  XsYearSummary *years;
  guint n_years;
  guint pending;            /* pending activities anywhere, in the span or not */
  CertifiedYear *certified; /* n_years of them, or NULL */
};

/**
 * xs_stored_credit_from_credit:
 *
 * What of @credit the year figures read; the store keeps exactly this beside the activity.
 */
void
xs_stored_credit_from_credit (const XsCredit *credit, XsStoredCredit *out)
{
  out->year = credit->year;
  out->public_tenths = credit->public_tenths;
  out->professional_tenths = credit->professional_tenths;
  out->deemed_from = 0;
  out->deemed_to = 0;
  out->replaces_year = credit->replaces_year;
  if (xs_credit_is_deemed (credit))
    {
      /* Deemed years are contiguous: one year, or every year a posting touches. */
      out->deemed_from = g_array_index (credit->deemed_years, guint, 0);
      out->deemed_to = g_array_index (credit->deemed_years, guint, credit->deemed_years->len - 1);
    }
}

static gboolean
stored_counts_in (const XsStoredCredit *credit, guint year)
{
  if (credit->deemed_from != 0)
    return year >= credit->deemed_from && year <= credit->deemed_to;
  return credit->year != 0 && credit->year == year;
}

/**
 * xs_credit_counts_in_year:
 *
 * Whether @credit adds to @year: its credit year, or one of its deemed years.
 */
gboolean
xs_credit_counts_in_year (const XsCredit *credit, guint year)
{
  XsStoredCredit stored;

  xs_stored_credit_from_credit (credit, &stored);
  return stored_counts_in (&stored, year);
}

/**
 * xs_credit_touches_years:
 *
 * Whether @credit adds to any year of @from..@to.
 */
gboolean
xs_credit_touches_years (const XsCredit *credit, guint from, guint to)
{
  XsStoredCredit stored;

  xs_stored_credit_from_credit (credit, &stored);
  if (stored.deemed_from != 0)
    return stored.deemed_from <= to && stored.deemed_to >= from;
  return stored.year != 0 && stored.year >= from && stored.year <= to;
}

/**
 * xs_year_accumulator_new:
 * @years: (array length=n_years): the span's years, each with its year set, in order, and
 *   zero figures; filled in by the accumulator and xs_year_accumulator_finish()
 *
 * Returns: (transfer full): an accumulator writing into @years, which must outlive it
 */
XsYearAccumulator *
xs_year_accumulator_new (XsRules *rules, XsYearSummary *years, guint n_years)
{
  XsYearAccumulator *acc = g_new0 (XsYearAccumulator, 1);

  acc->rules = rules;
  acc->years = years;
  acc->n_years = n_years;
  return acc;
}

void
xs_year_accumulator_free (XsYearAccumulator *acc)
{
  if (acc == NULL)
    return;
  g_free (acc->certified);
  g_free (acc);
}

static void
add_figures (XsYearFigures *f, const XsStoredCredit *credit)
{
  f->public_tenths += credit->public_tenths;
  f->professional_tenths += credit->professional_tenths;
}

/**
 * xs_year_accumulator_add:
 * @status: the review status of the activities
 * @credit: their credit, or the sum of their credits (same year, deemed years and role)
 * @activities: how many activities @credit stands for
 */
void
xs_year_accumulator_add (XsYearAccumulator *acc, XsStatus status, const XsStoredCredit *credit,
                         guint activities)
{
  if (status == XS_STATUS_REJECTED)
    return;
  if (status == XS_STATUS_PENDING && (credit->year != 0 || credit->deemed_from != 0))
    acc->pending += activities;

  for (guint k = 0; k < acc->n_years; k++)
    {
      XsYearSummary *y = &acc->years[k];
      gboolean deemed = credit->deemed_from != 0;

      if (!stored_counts_in (credit, y->year))
        continue;
      if (status == XS_STATUS_PENDING)
        y->pending += activities;

      if (deemed)
        {
          y->claimed.deemed_complete = TRUE;
          if (status == XS_STATUS_APPROVED)
            y->confirmed.deemed_complete = TRUE;
          continue;
        }

      if (credit->replaces_year)
        {
          CertifiedYear *c;

          if (acc->certified == NULL)
            acc->certified = g_new0 (CertifiedYear, acc->n_years);
          c = &acc->certified[k];
          for (guint v = CONFIRMED; v <= CLAIMED; v++)
            {
              if (v == CONFIRMED && status != XS_STATUS_APPROVED)
                continue;
              c->public_tenths[v] += credit->public_tenths;
              c->professional_tenths[v] += credit->professional_tenths;
              c->count[v] += activities;
            }
          continue;
        }

      add_figures (&y->claimed, credit);
      if (status == XS_STATUS_APPROVED)
        add_figures (&y->confirmed, credit);
    }
}

/* A deemed-complete year shows the minimums (section 4); then the total and compliance. */
static void
finish_figures (XsRules *rules, XsYearFigures *f)
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
 * xs_year_accumulator_finish:
 * @out_passed: (out) (optional): whether the span passes on confirmed figures
 * @out_claimed_passed: (out) (optional): whether it passes on claimed figures
 * @out_pending: (out) (optional): pending activities anywhere, in the span or not
 *
 * Completes the years. Call once, after every credit was added.
 */
void
xs_year_accumulator_finish (XsYearAccumulator *acc, gboolean *out_passed,
                            gboolean *out_claimed_passed, guint *out_pending)
{
  for (guint k = 0; k < acc->n_years; k++)
    {
      XsYearSummary *y = &acc->years[k];
      XsYearFigures *figures[2] = { &y->confirmed, &y->claimed };

      for (guint v = CONFIRMED; v <= CLAIMED; v++)
        {
          const CertifiedYear *c = acc->certified ? &acc->certified[k] : NULL;

          if (c != NULL && c->count[v] > 0)
            {
              figures[v]->public_tenths = c->public_tenths[v];
              figures[v]->professional_tenths = c->professional_tenths[v];
            }
          finish_figures (acc->rules, figures[v]);
        }
    }

  if (out_passed != NULL)
    *out_passed = xs_span_passes (acc->rules, acc->years, acc->n_years, TRUE);
  if (out_claimed_passed != NULL)
    *out_claimed_passed = xs_span_passes (acc->rules, acc->years, acc->n_years, FALSE);
  if (out_pending != NULL)
    *out_pending = acc->pending;
}

/**
 * xs_span_totals:
 * @years: (array length=n_years): finished years
 *
 * The span's public and professional sums, deemed years counted at the minimums.
 */
void
xs_span_totals (const XsYearSummary *years, guint n_years, gboolean confirmed, gint64 *out_public,
                gint64 *out_professional)
{
  gint64 pub = 0, pro = 0;

  for (guint i = 0; i < n_years; i++)
    {
      const XsYearFigures *f = confirmed ? &years[i].confirmed : &years[i].claimed;

      pub += f->public_tenths;
      pro += f->professional_tenths;
    }
  *out_public = pub;
  *out_professional = pro;
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
  gint64 pub, pro;

  if (xs_rules_get_span_mode (rules) == XS_SPAN_PER_YEAR)
    {
      for (guint i = 0; i < n_years; i++)
        if (!(confirmed ? years[i].confirmed : years[i].claimed).compliant)
          return FALSE;
      return TRUE;
    }

  xs_span_totals (years, n_years, confirmed, &pub, &pro);
  return pub >= xs_rules_get_min_public (rules) * n_years &&
         pro >= xs_rules_get_min_professional (rules) * n_years;
}
