/* xs-unit-report.h — every person's years and span verdict at once, from stored credits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-engine.h"
#include "xs-hours.h"
#include "xs-store.h"

G_BEGIN_DECLS

typedef struct
{
  XsPerson *person;
  guint span_from;
  guint span_to;
  gboolean passed;
  gboolean claimed_passed;
  guint pending; /* pending activities, any year */
  guint n_years;
  /* One per span year, in order, allocated with the summary: a city's 20,000 persons
   * held in GArrays cost 3.8 MB more (headers, and capacity rounded up to 512 bytes). */
  XsYearSummary years[];
} XsPersonSummary;

typedef struct
{
  GPtrArray *persons; /* XsPersonSummary, by person id */
} XsUnitReport;

XsUnitReport *xs_unit_report_new (XsStore *store, XsRules *rules, GError **error);
void xs_unit_report_free (XsUnitReport *report);
void xs_unit_report_update_person (XsUnitReport *report, guint index, const XsHoursReport *hours);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsUnitReport, xs_unit_report_free)

G_END_DECLS
