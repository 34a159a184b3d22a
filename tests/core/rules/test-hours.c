/* test-hours.c — a person's hours over the span: the yearly requirement (rules-2026.md
 * section 1), the verification span (section 2), deemed-complete years (section 4) and the
 * confirmed / claimed figures of interfaces.md, checked against the documents, not the code.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "xs-core.h"
#include "xs-test-rules.h"

/* ---------------------------------------------------------------------------------------- */
/* Helpers                                                                                  */
/* ---------------------------------------------------------------------------------------- */

static XsRules *
cumulative_rules (void)
{
  g_autoptr (XsRules) rules = xs_test_edited_rules ("name=\"span-mode\" value=\"per-year\"",
                                                    "name=\"span-mode\" value=\"cumulative\"");

  g_assert_cmpint (xs_rules_get_span_mode (rules), ==, XS_SPAN_CUMULATIVE);
  return g_steal_pointer (&rules);
}

static guint activity_serial;

static XsActivity *
add_activity (GPtrArray *list, const char *kind, XsStatus status)
{
  XsActivity *a = xs_activity_new ();

  a->id = g_strdup_printf ("A%u", ++activity_serial);
  a->kind = g_strdup (kind);
  a->status = status;
  g_ptr_array_add (list, a);
  return a;
}

/* An online course of @hours ("12.5") in @subject, completed in @year. */
static XsActivity *
add_course (GPtrArray *list, XsStatus status, const char *subject, guint year, const char *hours)
{
  XsActivity *a = add_activity (list, "online-course", status);
  g_autofree char *y = g_strdup_printf ("%u", year);

  xs_activity_set_param (a, "subject", subject);
  xs_activity_set_param (a, "hours", hours);
  xs_activity_set_param (a, "year", y);
  return a;
}

/* A year's hours, approved, as one public and one professional course. */
static void
add_year (GPtrArray *list, guint year, const char *public_hours, const char *professional_hours)
{
  add_course (list, XS_STATUS_APPROVED, "public", year, public_hours);
  add_course (list, XS_STATUS_APPROVED, "professional", year, professional_hours);
}

static XsActivity *
add_posting (GPtrArray *list, const char *kind, XsStatus status, const char *start, const char *end,
             const char *passed)
{
  XsActivity *a = add_activity (list, kind, status);

  xs_activity_set_param (a, "start", start);
  xs_activity_set_param (a, "end", end);
  xs_activity_set_param (a, "passed", passed);
  return a;
}

static GPtrArray *
new_list (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)xs_activity_unref);
}

static void
assert_figures (const XsYearFigures *f, gint64 pub, gint64 pro, gboolean compliant, gboolean deemed)
{
  g_assert_cmpint (f->public_tenths, ==, pub);
  g_assert_cmpint (f->professional_tenths, ==, pro);
  g_assert_cmpint (f->total_tenths, ==, pub + pro);
  if (compliant)
    g_assert_true (f->compliant);
  else
    g_assert_false (f->compliant);
  if (deemed)
    g_assert_true (f->deemed_complete);
  else
    g_assert_false (f->deemed_complete);
}

static const XsYearSummary *
year_of (const XsHoursReport *report, guint year)
{
  const XsYearSummary *y = xs_hours_report_get_year (report, year);

  if (y == NULL)
    g_error ("the report has no year %u", year);
  return y;
}

static const XsActivityResult *
result_of (const XsHoursReport *report, const XsActivity *activity)
{
  for (guint i = 0; i < report->activities->len; i++)
    {
      const XsActivityResult *r = g_ptr_array_index (report->activities, i);
      if (r->activity == activity || g_strcmp0 (r->activity->id, activity->id) == 0)
        return r;
    }
  g_error ("activity %s is not listed", activity->id);
  return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* Section 1: the yearly requirement                                                        */
/* ---------------------------------------------------------------------------------------- */

static void
test_thirty_public_and_sixty_professional_is_compliant (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_year (list, 2022, "30", "60");
  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2022)->confirmed, 300, 600, TRUE, FALSE);
  assert_figures (&year_of (report, 2022)->claimed, 300, 600, TRUE, FALSE);
}

static void
test_twenty_nine_and_a_half_public_is_not_compliant (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_year (list, 2022, "29.5", "60");
  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2022)->confirmed, 295, 600, FALSE, FALSE);
  assert_figures (&year_of (report, 2022)->claimed, 295, 600, FALSE, FALSE);
}

static void
test_fifty_nine_and_a_half_professional_is_not_compliant (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_year (list, 2022, "30", "59.5");
  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2022)->confirmed, 300, 595, FALSE, FALSE);
}

static void
test_excess_professional_does_not_make_up_missing_public (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_year (list, 2023, "20", "120");
  report = xs_hours_report_new (rules, NULL, list);
  /* 140 h in all, well over 90, yet public is short. */
  assert_figures (&year_of (report, 2023)->confirmed, 200, 1200, FALSE, FALSE);
}

static void
test_excess_public_does_not_make_up_missing_professional (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_year (list, 2023, "100", "50");
  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2023)->confirmed, 1000, 500, FALSE, FALSE);
}

static void
test_the_total_is_reported (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;
  const XsYearSummary *y;

  add_year (list, 2024, "12.5", "45");
  add_course (list, XS_STATUS_APPROVED, "public", 2024, "3");
  report = xs_hours_report_new (rules, NULL, list);
  y = year_of (report, 2024);
  g_assert_cmpint (y->confirmed.total_tenths, ==, 605);
  assert_figures (&y->confirmed, 155, 450, FALSE, FALSE);
}

static void
test_several_activities_of_a_year_add_up (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;
  XsActivity *a;

  /* 2.5 days public training + 0.5 day public academic event = 24 h public */
  a = add_activity (list, "training", XS_STATUS_APPROVED);
  xs_activity_set_param (a, "subject", "public");
  xs_activity_set_param (a, "start", "2021-03-01");
  xs_activity_set_param (a, "end", "2021-03-03");
  xs_activity_set_param (a, "days", "2.5");
  a = add_activity (list, "academic-event", XS_STATUS_APPROVED);
  xs_activity_set_param (a, "subject", "public");
  xs_activity_set_param (a, "start", "2021-05-01");
  xs_activity_set_param (a, "end", "2021-05-01");
  xs_activity_set_param (a, "days", "0.5");
  /* 6 h public online, a first-author paper and a provincial host project = 30 + 90 */
  add_course (list, XS_STATUS_APPROVED, "public", 2021, "6");
  a = add_activity (list, "paper", XS_STATUS_APPROVED);
  xs_activity_set_param (a, "role", "first");
  xs_activity_set_param (a, "year", "2021");
  a = add_activity (list, "research-project", XS_STATUS_APPROVED);
  xs_activity_set_param (a, "level", "provincial");
  xs_activity_set_param (a, "role", "host");
  xs_activity_set_param (a, "year", "2021");

  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2021)->confirmed, 300, 900, TRUE, FALSE);
}

static void
test_training_over_new_year_counts_in_the_end_year (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;
  XsActivity *a;

  a = add_activity (list, "training", XS_STATUS_APPROVED);
  xs_activity_set_param (a, "subject", "public");
  xs_activity_set_param (a, "start", "2021-12-30");
  xs_activity_set_param (a, "end", "2022-01-02");
  xs_activity_set_param (a, "days", "4");

  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2021)->confirmed, 0, 0, FALSE, FALSE);
  assert_figures (&year_of (report, 2022)->confirmed, 320, 0, FALSE, FALSE);
}

static void
test_certified_year_counts_both_subjects_in_its_year (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;
  XsActivity *a;

  a = add_activity (list, "certified-year", XS_STATUS_APPROVED);
  xs_activity_set_param (a, "year", "2021");
  xs_activity_set_param (a, "public", "32");
  xs_activity_set_param (a, "professional", "64.5");

  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2021)->confirmed, 320, 645, TRUE, FALSE);
}

/* ---------------------------------------------------------------------------------------- */
/* Section 4 in the report: deemed-complete years                                           */
/* ---------------------------------------------------------------------------------------- */

static void
test_deemed_year_shows_the_minimums_whatever_else_was_entered (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;
  XsActivity *posting, *course, *paper;
  const XsYearSummary *y;

  posting =
      add_posting (list, "aid-posting", XS_STATUS_APPROVED, "2022-03-01", "2022-08-31", "true");
  course = add_course (list, XS_STATUS_APPROVED, "public", 2022, "100");
  paper = add_activity (list, "paper", XS_STATUS_APPROVED);
  xs_activity_set_param (paper, "role", "first");
  xs_activity_set_param (paper, "year", "2022");

  report = xs_hours_report_new (rules, NULL, list);
  y = year_of (report, 2022);
  assert_figures (&y->confirmed, 300, 600, TRUE, TRUE);
  assert_figures (&y->claimed, 300, 600, TRUE, TRUE);
  g_assert_cmpint (y->confirmed.total_tenths, ==, 900);

  /* the other activities are still listed, with their own credit */
  g_assert_cmpuint (report->activities->len, ==, 3);
  g_assert_true (xs_credit_is_deemed (result_of (report, posting)->credit));
  g_assert_cmpuint (result_of (report, course)->credit->year, ==, 2022);
  g_assert_cmpint (result_of (report, course)->credit->public_tenths, ==, 1000);
  g_assert_cmpuint (result_of (report, paper)->credit->year, ==, 2022);
  g_assert_cmpint (result_of (report, paper)->credit->professional_tenths, ==, 300);
}

static void
test_deemed_year_with_nothing_else_shows_the_minimums (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_posting (list, "aid-posting", XS_STATUS_APPROVED, "2022-09-01", "2023-03-31", "true");
  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2022)->confirmed, 300, 600, TRUE, TRUE);
  /* the minority year of a majority posting is not deemed */
  assert_figures (&year_of (report, 2023)->confirmed, 0, 0, FALSE, FALSE);
}

static void
test_long_posting_deems_every_year_it_touches (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_posting (list, "aid-posting", XS_STATUS_APPROVED, "2021-07-01", "2023-03-31", "true");
  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2021)->confirmed, 300, 600, TRUE, TRUE);
  assert_figures (&year_of (report, 2022)->confirmed, 300, 600, TRUE, TRUE);
  assert_figures (&year_of (report, 2023)->confirmed, 300, 600, TRUE, TRUE);
  assert_figures (&year_of (report, 2024)->confirmed, 0, 0, FALSE, FALSE);
}

static void
test_short_posting_deems_nothing (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_posting (list, "aid-posting", XS_STATUS_APPROVED, "2022-03-01", "2022-08-30", "true");
  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2022)->confirmed, 0, 0, FALSE, FALSE);
  assert_figures (&year_of (report, 2022)->claimed, 0, 0, FALSE, FALSE);
}

static void
test_failed_posting_deems_nothing (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_posting (list, "aid-posting", XS_STATUS_APPROVED, "2021-07-01", "2023-03-31", "false");
  report = xs_hours_report_new (rules, NULL, list);
  for (guint y = 2021; y <= 2025; y++)
    assert_figures (&year_of (report, y)->confirmed, 0, 0, FALSE, FALSE);
}

static void
test_overseas_exchange_deems_its_end_year (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_posting (list, "overseas-exchange", XS_STATUS_APPROVED, "2022-09-01", "2023-08-31", "true");
  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2022)->confirmed, 0, 0, FALSE, FALSE);
  assert_figures (&year_of (report, 2023)->confirmed, 300, 600, TRUE, TRUE);
}

static void
test_pending_posting_is_claimed_deemed_but_not_confirmed (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;
  const XsYearSummary *y;

  add_posting (list, "aid-posting", XS_STATUS_PENDING, "2022-03-01", "2022-08-31", "true");
  add_course (list, XS_STATUS_APPROVED, "public", 2022, "10");
  report = xs_hours_report_new (rules, NULL, list);
  y = year_of (report, 2022);
  assert_figures (&y->claimed, 300, 600, TRUE, TRUE);
  assert_figures (&y->confirmed, 100, 0, FALSE, FALSE);
  g_assert_cmpuint (y->pending, ==, 1);
  g_assert_cmpuint (report->pending, ==, 1);
}

static void
test_rejected_posting_deems_nothing (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_posting (list, "aid-posting", XS_STATUS_REJECTED, "2022-03-01", "2022-08-31", "true");
  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2022)->claimed, 0, 0, FALSE, FALSE);
  assert_figures (&year_of (report, 2022)->confirmed, 0, 0, FALSE, FALSE);
  g_assert_cmpuint (report->activities->len, ==, 1);
}

/* ---------------------------------------------------------------------------------------- */
/* Confirmed and claimed figures (interfaces.md)                                            */
/* ---------------------------------------------------------------------------------------- */

static void
test_pending_counts_in_claimed_but_not_confirmed (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;
  XsActivity *paper;
  const XsYearSummary *y;

  add_course (list, XS_STATUS_APPROVED, "public", 2023, "30");
  add_course (list, XS_STATUS_APPROVED, "professional", 2023, "40");
  paper = add_activity (list, "paper", XS_STATUS_PENDING);
  xs_activity_set_param (paper, "role", "first");
  xs_activity_set_param (paper, "year", "2023");

  report = xs_hours_report_new (rules, NULL, list);
  y = year_of (report, 2023);
  assert_figures (&y->confirmed, 300, 400, FALSE, FALSE);
  assert_figures (&y->claimed, 300, 700, TRUE, FALSE);
  g_assert_cmpuint (y->pending, ==, 1);
  g_assert_cmpuint (report->pending, ==, 1);
}

static void
test_rejected_counts_in_neither (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;
  XsActivity *rejected;
  const XsYearSummary *y;

  add_year (list, 2023, "30", "60");
  rejected = add_course (list, XS_STATUS_REJECTED, "public", 2023, "50");
  add_course (list, XS_STATUS_REJECTED, "professional", 2024, "70");

  report = xs_hours_report_new (rules, NULL, list);
  y = year_of (report, 2023);
  assert_figures (&y->confirmed, 300, 600, TRUE, FALSE);
  assert_figures (&y->claimed, 300, 600, TRUE, FALSE);
  g_assert_cmpuint (y->pending, ==, 0);
  assert_figures (&year_of (report, 2024)->confirmed, 0, 0, FALSE, FALSE);
  assert_figures (&year_of (report, 2024)->claimed, 0, 0, FALSE, FALSE);
  /* still listed, with what it would have been worth */
  g_assert_cmpuint (report->activities->len, ==, 4);
  g_assert_cmpuint (result_of (report, rejected)->credit->year, ==, 2023);
  g_assert_cmpuint (report->pending, ==, 0);
}

static void
test_every_activity_is_listed_in_the_order_given (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_course (list, XS_STATUS_PENDING, "public", 2025, "1");
  add_course (list, XS_STATUS_REJECTED, "public", 2021, "2");
  add_course (list, XS_STATUS_APPROVED, "public", 2019, "3");
  add_course (list, XS_STATUS_APPROVED, "public", 2023, "4");

  report = xs_hours_report_new (rules, NULL, list);
  g_assert_cmpuint (report->activities->len, ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      const XsActivityResult *r = g_ptr_array_index (report->activities, i);
      g_assert_cmpstr (r->activity->id, ==, ((XsActivity *)g_ptr_array_index (list, i))->id);
      g_assert_nonnull (r->credit);
      g_assert_nonnull (r->evidence);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Section 2: the span                                                                      */
/* ---------------------------------------------------------------------------------------- */

static void
test_a_span_with_one_failing_year_fails (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_year (list, 2021, "30", "60");
  add_year (list, 2022, "30", "60");
  add_year (list, 2023, "30", "60");
  add_year (list, 2024, "29.5", "90");
  add_year (list, 2025, "30", "60");

  report = xs_hours_report_new (rules, NULL, list);
  g_assert_cmpint (report->span_mode, ==, XS_SPAN_PER_YEAR);
  g_assert_false (year_of (report, 2024)->confirmed.compliant);
  g_assert_false (report->passed);
  g_assert_false (report->claimed_passed);
}

static void
test_a_span_where_every_year_is_compliant_passes (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_year (list, 2021, "30", "60");
  add_year (list, 2022, "31", "61");
  add_posting (list, "aid-posting", XS_STATUS_APPROVED, "2023-01-01", "2023-06-30", "true");
  add_year (list, 2024, "30", "60");
  add_year (list, 2025, "45", "75.5");

  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2023)->confirmed, 300, 600, TRUE, TRUE);
  g_assert_true (report->passed);
  g_assert_true (report->claimed_passed);
}

static void
test_a_span_passing_only_on_pending_activities_is_claimed_not_confirmed (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_year (list, 2021, "30", "60");
  add_year (list, 2022, "30", "60");
  add_year (list, 2023, "30", "60");
  add_year (list, 2024, "30", "60");
  add_course (list, XS_STATUS_APPROVED, "public", 2025, "30");
  add_course (list, XS_STATUS_PENDING, "professional", 2025, "60");

  report = xs_hours_report_new (rules, NULL, list);
  g_assert_false (report->passed);
  g_assert_true (report->claimed_passed);
  g_assert_cmpuint (year_of (report, 2025)->pending, ==, 1);
}

static void
test_activities_outside_the_span_are_listed_but_not_counted (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;
  XsActivity *early, *late;

  early = add_activity (list, "paper", XS_STATUS_APPROVED);
  xs_activity_set_param (early, "role", "first");
  xs_activity_set_param (early, "year", "2019");
  late = add_course (list, XS_STATUS_APPROVED, "public", 2026, "30");

  report = xs_hours_report_new (rules, NULL, list);
  g_assert_cmpuint (report->activities->len, ==, 2);
  g_assert_cmpuint (result_of (report, early)->credit->year, ==, 2019);
  g_assert_cmpint (result_of (report, early)->credit->professional_tenths, ==, 300);
  g_assert_cmpuint (result_of (report, late)->credit->year, ==, 2026);
  g_assert_null (xs_hours_report_get_year (report, 2019));
  g_assert_null (xs_hours_report_get_year (report, 2026));
  g_assert_cmpuint (report->years->len, ==, 5);
  for (guint i = 0; i < report->years->len; i++)
    {
      const XsYearSummary *y = &g_array_index (report->years, XsYearSummary, i);
      assert_figures (&y->confirmed, 0, 0, FALSE, FALSE);
      assert_figures (&y->claimed, 0, 0, FALSE, FALSE);
    }
  g_assert_false (report->passed);
}

static void
test_years_without_activity_are_present_with_zeros (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_year (list, 2023, "30", "60");
  report = xs_hours_report_new (rules, NULL, list);

  g_assert_cmpuint (report->span_from, ==, 2021);
  g_assert_cmpuint (report->span_to, ==, 2025);
  g_assert_cmpuint (report->years->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      const XsYearSummary *y = &g_array_index (report->years, XsYearSummary, i);

      g_assert_cmpuint (y->year, ==, 2021 + i);
      if (y->year == 2023)
        {
          assert_figures (&y->confirmed, 300, 600, TRUE, FALSE);
          continue;
        }
      assert_figures (&y->confirmed, 0, 0, FALSE, FALSE);
      assert_figures (&y->claimed, 0, 0, FALSE, FALSE);
      g_assert_cmpuint (y->pending, ==, 0);
    }
  g_assert_false (report->passed);
}

static void
test_no_activities_at_all_gives_five_empty_years (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = xs_hours_report_new (rules, NULL, list);

  g_assert_cmpuint (report->years->len, ==, 5);
  g_assert_cmpuint (report->activities->len, ==, 0);
  g_assert_cmpuint (report->pending, ==, 0);
  g_assert_false (report->passed);
  g_assert_false (report->claimed_passed);
}

static void
test_person_span_override_gives_its_years_in_order (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsPerson) person = xs_person_new ();
  g_autoptr (XsHoursReport) report = NULL;
  guint from = 0, to = 0;

  person->id = g_strdup ("P001");
  person->span_from = 2022;
  person->span_to = 2026;
  add_year (list, 2021, "30", "60");
  add_year (list, 2026, "30", "60");

  xs_person_get_span (rules, person, &from, &to);
  g_assert_cmpuint (from, ==, 2022);
  g_assert_cmpuint (to, ==, 2026);

  report = xs_hours_report_new (rules, person, list);
  g_assert_cmpuint (report->span_from, ==, 2022);
  g_assert_cmpuint (report->span_to, ==, 2026);
  g_assert_cmpuint (report->years->len, ==, 5);
  for (guint i = 0; i < 5; i++)
    g_assert_cmpuint (g_array_index (report->years, XsYearSummary, i).year, ==, 2022 + i);
  g_assert_null (xs_hours_report_get_year (report, 2021));
  assert_figures (&year_of (report, 2026)->confirmed, 300, 600, TRUE, FALSE);
  g_assert_cmpuint (report->activities->len, ==, 4);
}

static void
test_span_override_can_be_switched_off_in_the_rule_file (void)
{
  g_autoptr (XsRules) rules = xs_test_edited_rules ("name=\"span-override\" value=\"per-person\"",
                                                    "name=\"span-override\" value=\"none\"");
  g_autoptr (XsPerson) person = xs_person_new ();
  guint from = 0, to = 0;

  person->id = g_strdup ("P001");
  person->span_from = 2022;
  person->span_to = 2026;
  xs_person_get_span (rules, person, &from, &to);
  g_assert_cmpuint (from, ==, 2021);
  g_assert_cmpuint (to, ==, 2025);
}

static void
test_person_without_override_gets_the_rule_file_span (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (XsPerson) person = xs_person_new ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;
  guint from = 0, to = 0;

  person->id = g_strdup ("P002");
  xs_person_get_span (rules, person, &from, &to);
  g_assert_cmpuint (from, ==, 2021);
  g_assert_cmpuint (to, ==, 2025);
  xs_person_get_span (rules, NULL, &from, &to);
  g_assert_cmpuint (from, ==, 2021);
  g_assert_cmpuint (to, ==, 2025);

  report = xs_hours_report_new (rules, person, list);
  g_assert_cmpuint (report->span_from, ==, 2021);
  g_assert_cmpuint (report->span_to, ==, 2025);
  g_assert_cmpuint (g_array_index (report->years, XsYearSummary, 0).year, ==, 2021);
  g_assert_cmpuint (g_array_index (report->years, XsYearSummary, 4).year, ==, 2025);
}

/* ---------------------------------------------------------------------------------------- */
/* Rule-file settings: span-mode cumulative                                                 */
/* ---------------------------------------------------------------------------------------- */

/* 2021 public 20, 2022 public 40, the rest 30; professional 60 every year. */
static void
add_uneven_public_span (GPtrArray *list)
{
  add_year (list, 2021, "20", "60");
  add_year (list, 2022, "40", "60");
  add_year (list, 2023, "30", "60");
  add_year (list, 2024, "30", "60");
  add_year (list, 2025, "30", "60");
}

static void
test_uneven_span_fails_per_year (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_uneven_public_span (list);
  report = xs_hours_report_new (rules, NULL, list);
  g_assert_false (year_of (report, 2021)->confirmed.compliant);
  g_assert_false (report->passed);
  g_assert_false (report->claimed_passed);
}

static void
test_uneven_span_passes_cumulatively (void)
{
  g_autoptr (XsRules) rules = cumulative_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_uneven_public_span (list);
  report = xs_hours_report_new (rules, NULL, list);
  g_assert_cmpint (report->span_mode, ==, XS_SPAN_CUMULATIVE);
  /* the year itself still shows as short; only the span verdict sums */
  g_assert_false (year_of (report, 2021)->confirmed.compliant);
  g_assert_true (report->passed);
  g_assert_true (report->claimed_passed);
}

static void
test_cumulative_span_short_by_half_an_hour_fails (void)
{
  g_autoptr (XsRules) rules = cumulative_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  /* public 20 + 39.5 + 30 × 3 = 149.5 < 150 */
  add_year (list, 2021, "20", "60");
  add_year (list, 2022, "39.5", "60");
  add_year (list, 2023, "30", "60");
  add_year (list, 2024, "30", "60");
  add_year (list, 2025, "30", "60");
  report = xs_hours_report_new (rules, NULL, list);
  g_assert_false (report->passed);
}

static void
test_cumulative_public_excess_does_not_make_up_professional (void)
{
  g_autoptr (XsRules) rules = cumulative_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  /* public 100 × 5 = 500 ≫ 150; professional 59.5 + 60 × 4 = 299.5 < 300 */
  add_year (list, 2021, "100", "59.5");
  add_year (list, 2022, "100", "60");
  add_year (list, 2023, "100", "60");
  add_year (list, 2024, "100", "60");
  add_year (list, 2025, "100", "60");
  report = xs_hours_report_new (rules, NULL, list);
  g_assert_false (report->passed);
}

static void
test_cumulative_span_counts_a_deemed_year_as_the_minimums (void)
{
  g_autoptr (XsRules) rules = cumulative_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_posting (list, "aid-posting", XS_STATUS_APPROVED, "2021-03-01", "2021-08-31", "true");
  add_course (list, XS_STATUS_APPROVED, "public", 2021, "5");
  add_year (list, 2022, "30", "60");
  add_year (list, 2023, "30", "60");
  add_year (list, 2024, "30", "60");
  add_year (list, 2025, "30", "60");
  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2021)->confirmed, 300, 600, TRUE, TRUE);
  g_assert_true (report->passed);
}

static void
test_cumulative_span_pending_counts_only_as_claimed (void)
{
  g_autoptr (XsRules) rules = cumulative_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_year (list, 2021, "20", "60");
  add_year (list, 2022, "30", "60");
  add_year (list, 2023, "30", "60");
  add_year (list, 2024, "30", "60");
  add_year (list, 2025, "30", "60");
  add_course (list, XS_STATUS_PENDING, "public", 2022, "10");
  report = xs_hours_report_new (rules, NULL, list);
  g_assert_false (report->passed);
  g_assert_true (report->claimed_passed);
}

/* ---------------------------------------------------------------------------------------- */
/* Rule-file settings in the report: cross-year placement and majority tie                  */
/* ---------------------------------------------------------------------------------------- */

static void
test_new_year_training_lands_in_the_start_year_when_set (void)
{
  g_autoptr (XsRules) rules =
      xs_test_edited_rules ("name=\"cross-year-placement\" value=\"end\"",
                            "name=\"cross-year-placement\" value=\"start\"");
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;
  XsActivity *a;

  a = add_activity (list, "training", XS_STATUS_APPROVED);
  xs_activity_set_param (a, "subject", "public");
  xs_activity_set_param (a, "start", "2021-12-30");
  xs_activity_set_param (a, "end", "2022-01-02");
  xs_activity_set_param (a, "days", "4");

  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2021)->confirmed, 320, 0, FALSE, FALSE);
  assert_figures (&year_of (report, 2022)->confirmed, 0, 0, FALSE, FALSE);
}

static void
test_tied_posting_lands_in_the_end_year_by_default (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  /* 2022-10-01..12-31 = 92 days; 2023-01-01..04-02 = 92 days */
  add_posting (list, "aid-posting", XS_STATUS_APPROVED, "2022-10-01", "2023-04-02", "true");
  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2022)->confirmed, 0, 0, FALSE, FALSE);
  assert_figures (&year_of (report, 2023)->confirmed, 300, 600, TRUE, TRUE);
}

static void
test_tied_posting_lands_in_the_start_year_when_set (void)
{
  g_autoptr (XsRules) rules = xs_test_edited_rules ("name=\"deemed-majority-tie\" value=\"end\"",
                                                    "name=\"deemed-majority-tie\" value=\"start\"");
  g_autoptr (GPtrArray) list = new_list ();
  g_autoptr (XsHoursReport) report = NULL;

  add_posting (list, "aid-posting", XS_STATUS_APPROVED, "2022-10-01", "2023-04-02", "true");
  report = xs_hours_report_new (rules, NULL, list);
  assert_figures (&year_of (report, 2022)->confirmed, 300, 600, TRUE, TRUE);
  assert_figures (&year_of (report, 2023)->confirmed, 0, 0, FALSE, FALSE);
}

/* What a person lacks, in words: only years not met, each subject's missing hours. */
static void
test_shortfall_names_what_is_missing (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  XsYearSummary years[3] = { 0 };
  g_autofree char *text = NULL;
  g_autofree char *none = NULL;

  years[0].year = 2021; /* met */
  years[0].confirmed.compliant = TRUE;
  years[1].year = 2022; /* public 24 of 30, professional met */
  years[1].confirmed.public_tenths = xs_rules_get_min_public (rules) - 60;
  years[1].confirmed.professional_tenths = xs_rules_get_min_professional (rules);
  years[2].year = 2023; /* both short, by 0.5 and all */
  years[2].confirmed.public_tenths = xs_rules_get_min_public (rules) - 5;
  text = xs_years_dup_shortfall (rules, years, 3, 2);
  g_test_message ("%s", text);
  g_assert_null (strstr (text, "2021"));
  g_assert_nonnull (strstr (text, "2022: public 6 h short"));
  g_assert_nonnull (strstr (text, "2023: public 0.5 h and professional"));
  g_assert_nonnull (strstr (text, "2 activities await review"));

  years[1].confirmed.compliant = years[2].confirmed.deemed_complete = TRUE;
  none = xs_years_dup_shortfall (rules, years, 3, 0);
  g_assert_cmpstr (none, ==, "");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/hours/year/thirty-public-and-sixty-professional-is-compliant",
                   test_thirty_public_and_sixty_professional_is_compliant);
  g_test_add_func ("/hours/year/twenty-nine-and-a-half-public-is-not-compliant",
                   test_twenty_nine_and_a_half_public_is_not_compliant);
  g_test_add_func ("/hours/year/fifty-nine-and-a-half-professional-is-not-compliant",
                   test_fifty_nine_and_a_half_professional_is_not_compliant);
  g_test_add_func ("/hours/year/excess-professional-does-not-make-up-missing-public",
                   test_excess_professional_does_not_make_up_missing_public);
  g_test_add_func ("/hours/year/excess-public-does-not-make-up-missing-professional",
                   test_excess_public_does_not_make_up_missing_professional);
  g_test_add_func ("/hours/year/the-total-is-reported", test_the_total_is_reported);
  g_test_add_func ("/hours/year/several-activities-of-a-year-add-up",
                   test_several_activities_of_a_year_add_up);
  g_test_add_func ("/hours/year/training-over-new-year-counts-in-the-end-year",
                   test_training_over_new_year_counts_in_the_end_year);
  g_test_add_func ("/hours/year/certified-year-counts-both-subjects-in-its-year",
                   test_certified_year_counts_both_subjects_in_its_year);

  g_test_add_func ("/hours/deemed/year-shows-30-60-90-whatever-else-was-entered",
                   test_deemed_year_shows_the_minimums_whatever_else_was_entered);
  g_test_add_func ("/hours/deemed/year-with-nothing-else-shows-30-60-90",
                   test_deemed_year_with_nothing_else_shows_the_minimums);
  g_test_add_func ("/hours/deemed/long-posting-deems-every-year-it-touches",
                   test_long_posting_deems_every_year_it_touches);
  g_test_add_func ("/hours/deemed/short-posting-deems-nothing", test_short_posting_deems_nothing);
  g_test_add_func ("/hours/deemed/failed-posting-deems-nothing", test_failed_posting_deems_nothing);
  g_test_add_func ("/hours/deemed/overseas-exchange-deems-its-end-year",
                   test_overseas_exchange_deems_its_end_year);
  g_test_add_func ("/hours/deemed/pending-posting-is-claimed-deemed-but-not-confirmed",
                   test_pending_posting_is_claimed_deemed_but_not_confirmed);
  g_test_add_func ("/hours/deemed/rejected-posting-deems-nothing",
                   test_rejected_posting_deems_nothing);
  g_test_add_func ("/hours/deemed/tied-posting-lands-in-the-end-year",
                   test_tied_posting_lands_in_the_end_year_by_default);
  g_test_add_func ("/hours/deemed/tied-posting-lands-in-the-start-year-when-the-rule-file-says",
                   test_tied_posting_lands_in_the_start_year_when_set);

  g_test_add_func ("/hours/status/pending-counts-in-claimed-but-not-confirmed",
                   test_pending_counts_in_claimed_but_not_confirmed);
  g_test_add_func ("/hours/status/rejected-counts-in-neither", test_rejected_counts_in_neither);
  g_test_add_func ("/hours/status/every-activity-is-listed-in-the-order-given",
                   test_every_activity_is_listed_in_the_order_given);

  g_test_add_func ("/hours/span/one-failing-year-fails-the-span",
                   test_a_span_with_one_failing_year_fails);
  g_test_add_func ("/hours/span/every-year-compliant-passes",
                   test_a_span_where_every_year_is_compliant_passes);
  g_test_add_func ("/hours/span/passing-only-on-pending-is-claimed-not-confirmed",
                   test_a_span_passing_only_on_pending_activities_is_claimed_not_confirmed);
  g_test_add_func ("/hours/span/activities-outside-are-listed-but-not-counted",
                   test_activities_outside_the_span_are_listed_but_not_counted);
  g_test_add_func ("/hours/span/years-without-activity-are-present-with-zeros",
                   test_years_without_activity_are_present_with_zeros);
  g_test_add_func ("/hours/span/no-activities-gives-five-empty-years",
                   test_no_activities_at_all_gives_five_empty_years);
  g_test_add_func ("/hours/span/person-override-2022-2026-gives-those-years-in-order",
                   test_person_span_override_gives_its_years_in_order);
  g_test_add_func ("/hours/span/override-can-be-switched-off-in-the-rule-file",
                   test_span_override_can_be_switched_off_in_the_rule_file);
  g_test_add_func ("/hours/span/person-without-override-gets-2021-2025",
                   test_person_without_override_gets_the_rule_file_span);

  g_test_add_func ("/hours/span/uneven-public-fails-per-year", test_uneven_span_fails_per_year);
  g_test_add_func ("/hours/cumulative/uneven-public-passes-when-the-sum-is-enough",
                   test_uneven_span_passes_cumulatively);
  g_test_add_func ("/hours/cumulative/half-an-hour-short-fails",
                   test_cumulative_span_short_by_half_an_hour_fails);
  g_test_add_func ("/hours/cumulative/public-excess-does-not-make-up-professional",
                   test_cumulative_public_excess_does_not_make_up_professional);
  g_test_add_func ("/hours/cumulative/deemed-year-counts-as-the-minimums",
                   test_cumulative_span_counts_a_deemed_year_as_the_minimums);
  g_test_add_func ("/hours/cumulative/pending-counts-only-as-claimed",
                   test_cumulative_span_pending_counts_only_as_claimed);

  g_test_add_func ("/hours/settings/new-year-training-lands-in-the-start-year-when-set",
                   test_new_year_training_lands_in_the_start_year_when_set);

  g_test_add_func ("/hours/shortfall-names-what-is-missing", test_shortfall_names_what_is_missing);
  return g_test_run ();
}
