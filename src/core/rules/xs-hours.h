/* xs-hours.h — a person's hours over the verification span: per year, and the verdict.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-activity.h"
#include "xs-engine.h"
#include "xs-evidence-check.h"
#include "xs-rules.h"
#include "xs-year-accumulator.h"

G_BEGIN_DECLS

typedef struct
{
  XsActivity *activity;
  XsCredit *credit;
  XsEvidenceCheck *evidence;
  /* An approved certified year of the same year gives that year its printed figures: this
   * activity is listed but not added (已由既往《学时认定单》认定). */
  gboolean replaced;
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
gboolean xs_hours_check_certified_year (XsRules *rules, GPtrArray *activities,
                                        const XsActivity *candidate, XsStatus status,
                                        GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsHoursReport, xs_hours_report_free)

char *xs_years_dup_shortfall (XsRules *rules, const XsYearSummary *years, guint n_years,
                              guint pending);

G_END_DECLS
