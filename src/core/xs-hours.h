/* xs-hours.h — a person's hours over the verification span: per year, and the verdict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-activity.h"
#include "xs-engine.h"
#include "xs-evidence-check.h"
#include "xs-rules.h"

G_BEGIN_DECLS

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

typedef struct
{
  XsActivity *activity;
  XsCredit *credit;
  XsEvidenceCheck *evidence;
} XsActivityResult;

typedef struct
{
  XsPerson *person;
  guint span_from;
  guint span_to;
  XsSpanMode span_mode;
  gboolean passed;         /* on confirmed figures */
  gboolean claimed_passed; /* on claimed figures */
  GArray *years;           /* XsYearSummary, one per span year, in order */
  GPtrArray *activities;   /* XsActivityResult, every activity, in the order given */
  guint pending;           /* pending activities anywhere */
} XsHoursReport;

XsHoursReport *xs_hours_report_new (XsRules *rules, XsPerson *person, GPtrArray *activities);
void xs_hours_report_free (XsHoursReport *report);
const XsYearSummary *xs_hours_report_get_year (const XsHoursReport *report, guint year);

void xs_person_get_span (XsRules *rules, const XsPerson *person, guint *from, guint *to);
GArray *xs_span_years_new (guint from, guint to);
void xs_year_figures_finish (XsRules *rules, XsYearFigures *figures);
gboolean xs_span_passes (XsRules *rules, const XsYearSummary *years, guint n_years,
                         gboolean confirmed);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsHoursReport, xs_hours_report_free)

G_END_DECLS
