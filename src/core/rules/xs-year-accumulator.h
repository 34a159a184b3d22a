/* xs-year-accumulator.h — the one definition of what a person's credits make of their years.
 *
 * Every view of a person's hours (the hours report, the unit report's aggregate, the sheet,
 * the Excel report, JSON) adds credits to years through here, so they cannot disagree.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-activity.h"
#include "xs-engine.h"
#include "xs-rules.h"

G_BEGIN_DECLS

/* What the year figures need of one credit; also what the store keeps beside an activity, so
 * that a unit-wide report is one aggregate query that sums these same values. */
typedef struct
{
  guint year; /* the year it counts in; 0 when unknown (counts nowhere) */
  gint64 public_tenths;
  gint64 professional_tenths;
  guint deemed_from; /* deemed-complete years from..to, or 0 */
  guint deemed_to;
  gboolean replaces_year; /* a certified year under certified-year-combination "replace" */
} XsStoredCredit;

typedef struct
{
  gint64 public_tenths;
  gint64 professional_tenths;
  gint64 total_tenths;
  gboolean compliant;
  gboolean deemed_complete;
} XsYearFigures;

typedef struct
{
  guint year;
  guint pending;           /* pending activities counted in this year */
  XsYearFigures confirmed; /* approved activities only */
  XsYearFigures claimed;   /* every activity not rejected */
} XsYearSummary;           /* 72 bytes: the two guints share one 8-byte slot */

typedef struct _XsYearAccumulator XsYearAccumulator;

void xs_stored_credit_from_credit (const XsCredit *credit, XsStoredCredit *out);
gboolean xs_credit_counts_in_year (const XsCredit *credit, guint year);
gboolean xs_credit_touches_years (const XsCredit *credit, guint from, guint to);

XsYearAccumulator *xs_year_accumulator_new (XsRules *rules, XsYearSummary *years, guint n_years);
void xs_year_accumulator_add (XsYearAccumulator *acc, XsStatus status, const XsStoredCredit *credit,
                              guint activities);
void xs_year_accumulator_finish (XsYearAccumulator *acc, gboolean *out_passed,
                                 gboolean *out_claimed_passed, guint *out_pending);
void xs_year_accumulator_free (XsYearAccumulator *acc);

void xs_span_totals (const XsYearSummary *years, guint n_years, gboolean confirmed,
                     gint64 *out_public, gint64 *out_professional);
gboolean xs_span_passes (XsRules *rules, const XsYearSummary *years, guint n_years,
                         gboolean confirmed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsYearAccumulator, xs_year_accumulator_free)

G_END_DECLS
