/* test-engine.c — what one activity is worth: validation, credit, deemed-complete years and
 * the evidence verdict, checked against rules-2026.md sections 3–5 (not against the code).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "xs-core.h"
#include "xs-test-rules.h"

/* ---------------------------------------------------------------------------------------- */
/* Helpers                                                                                  */
/* ---------------------------------------------------------------------------------------- */

/* An approved activity; @params is "name=value name=value …". */
static XsActivity *
make_activity (const char *kind, const char *params)
{
  XsActivity *a = xs_activity_new ();
  g_auto (GStrv) pairs = g_strsplit (params ? params : "", " ", -1);

  a->id = g_strdup ("A1");
  a->kind = g_strdup (kind);
  a->status = XS_STATUS_APPROVED;
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq;

      if (*pairs[i] == '\0')
        continue;
      eq = strchr (pairs[i], '=');
      g_assert_nonnull (eq);
      *eq = '\0';
      xs_activity_set_param (a, pairs[i], eq + 1);
    }
  return a;
}

static void
assert_contains (const char *haystack, const char *needle)
{
  g_assert_nonnull (haystack);
  if (strstr (haystack, needle) == NULL)
    g_test_fail_printf ("“%s” does not contain “%s”", haystack, needle);
}

static void
assert_valid (XsRules *rules, const XsActivity *a)
{
  g_autoptr (GError) error = NULL;

  if (!xs_engine_validate (rules, a, &error))
    g_test_fail_printf ("a valid %s activity was refused: %s", a->kind,
                        error ? error->message : "(no message)");
}

/* ---------------------------------------------------------------------------------------- */
/* Section 3: hour credits, one row per rule                                                */
/* ---------------------------------------------------------------------------------------- */

typedef struct
{
  const char *path;
  const char *kind;
  const char *params;
  guint year;
  XsSubject subject;
  gint64 public_tenths;
  gint64 professional_tenths;
  const char *reason_part; /* the reason must contain this */
} CreditCase;

#define PUB XS_SUBJECT_PUBLIC
#define PRO XS_SUBJECT_PROFESSIONAL
#define BOTH XS_SUBJECT_BOTH

static const CreditCase credit_cases[] = {
  /* training: 8 h a day, 4 h a half day, the dates' year, the chosen subject */
  { "/engine/training/half-a-day-counts-four-hours", "training",
    "subject=public start=2021-03-01 end=2021-03-01 days=0.5", 2021, PUB, 40, 0,
    "0.5 天 × 8 学时" },
  { "/engine/training/one-day-counts-eight-hours", "training",
    "subject=professional start=2021-05-10 end=2021-05-10 days=1", 2021, PRO, 0, 80,
    "1 天 × 8 学时" },
  { "/engine/training/two-and-a-half-days-count-twenty-hours", "training",
    "subject=public theme=1 start=2021-03-01 end=2021-03-03 days=2.5", 2021, PUB, 200, 0,
    "2.5 天 × 8 学时" },
  { "/engine/training/professional-subject-goes-to-professional", "training",
    "subject=professional start=2023-04-03 end=2023-04-05 days=2.5", 2023, PRO, 0, 200,
    "2.5 天 × 8 学时" },
  { "/engine/training/days-equal-to-the-calendar-days-are-accepted", "training",
    "subject=public start=2021-03-01 end=2021-03-02 days=2", 2021, PUB, 160, 0, "2 天 × 8 学时" },
  { "/engine/training/any-of-the-three-themes-is-accepted", "training",
    "subject=public theme=3 start=2024-06-01 end=2024-06-01 days=1", 2024, PUB, 80, 0,
    "1 天 × 8 学时" },
  { "/engine/training/course-over-new-year-counts-in-the-end-year", "training",
    "subject=public start=2021-12-30 end=2022-01-02 days=4", 2022, PUB, 320, 0, "4 天 × 8 学时" },

  /* practice */
  { "/engine/practice/one-and-a-half-days-public", "practice",
    "subject=public start=2022-05-09 end=2022-05-10 days=1.5", 2022, PUB, 120, 0,
    "1.5 天 × 8 学时" },
  { "/engine/practice/three-days-professional", "practice",
    "subject=professional start=2022-05-09 end=2022-05-11 days=3", 2022, PRO, 0, 240,
    "3 天 × 8 学时" },
  { "/engine/practice/over-new-year-counts-in-the-end-year", "practice",
    "subject=professional start=2022-12-31 end=2023-01-01 days=2", 2023, PRO, 0, 160,
    "2 天 × 8 学时" },

  /* academic-event */
  { "/engine/academic-event/half-a-day-public", "academic-event",
    "subject=public start=2023-09-15 end=2023-09-15 days=0.5", 2023, PUB, 40, 0,
    "0.5 天 × 8 学时" },
  { "/engine/academic-event/two-days-professional", "academic-event",
    "subject=professional start=2023-09-15 end=2023-09-16 days=2", 2023, PRO, 0, 160,
    "2 天 × 8 学时" },
  { "/engine/academic-event/over-new-year-counts-in-the-end-year", "academic-event",
    "subject=professional start=2021-12-30 end=2022-01-02 days=2.5", 2022, PRO, 0, 200,
    "2.5 天 × 8 学时" },

  /* online-course: the certified hours, the completion year */
  { "/engine/online-course/twelve-and-a-half-certified-hours-count-as-certified", "online-course",
    "subject=public hours=12.5 year=2023", 2023, PUB, 125, 0, "12.5 学时" },
  { "/engine/online-course/professional-hours-count-as-certified", "online-course",
    "subject=professional hours=40 year=2022", 2022, PRO, 0, 400, "40 学时" },
  { "/engine/online-course/year-comes-from-the-end-date-without-year", "online-course",
    "subject=professional hours=20 end=2024-01-05", 2024, PRO, 0, 200, "20 学时" },
  { "/engine/online-course/year-given-wins-over-the-end-date", "online-course",
    "subject=public hours=6.5 year=2023 end=2024-01-05", 2023, PUB, 65, 0, "6.5 学时" },

  /* research-project: the year concluded, professional */
  { "/engine/research-project/provincial-host-counts-60", "research-project",
    "level=provincial role=host year=2022", 2022, PRO, 0, 600, "60 学时" },
  { "/engine/research-project/provincial-main-contributor-counts-30", "research-project",
    "level=provincial role=main year=2022", 2022, PRO, 0, 300, "30 学时" },
  { "/engine/research-project/provincial-other-participant-counts-10", "research-project",
    "level=provincial role=other year=2022", 2022, PRO, 0, 100, "10 学时" },
  { "/engine/research-project/municipal-host-counts-30", "research-project",
    "level=municipal role=host year=2023", 2023, PRO, 0, 300, "30 学时" },
  { "/engine/research-project/municipal-main-contributor-counts-10", "research-project",
    "level=municipal role=main year=2023", 2023, PRO, 0, 100, "10 学时" },
  { "/engine/research-project/municipal-other-participant-counts-10", "research-project",
    "level=municipal role=other year=2023", 2023, PRO, 0, 100, "10 学时" },
  { "/engine/research-project/without-a-level-counts-nothing-and-says-so", "research-project",
    "role=host year=2024", 2024, PRO, 0, 0, "不折算" },
  { "/engine/research-project/year-comes-from-the-end-date-without-year", "research-project",
    "level=provincial role=host end=2025-06-30", 2025, PRO, 0, 600, "60 学时" },

  /* book */
  { "/engine/book/sole-author-counts-60", "book", "role=sole year=2022", 2022, PRO, 0, 600,
    "60 学时" },
  { "/engine/book/first-author-counts-60", "book", "role=first year=2022", 2022, PRO, 0, 600,
    "60 学时" },
  { "/engine/book/other-author-counts-30", "book", "role=other year=2021", 2021, PRO, 0, 300,
    "30 学时" },

  /* paper */
  { "/engine/paper/first-author-counts-30", "paper", "role=first year=2022", 2022, PRO, 0, 300,
    "30 学时" },
  { "/engine/paper/sole-author-counts-30", "paper", "role=sole year=2022", 2022, PRO, 0, 300,
    "30 学时" },
  { "/engine/paper/corresponding-author-counts-as-first", "paper", "role=corresponding year=2023",
    2023, PRO, 0, 300, "30 学时" },
  { "/engine/paper/other-author-counts-10", "paper", "role=other year=2023", 2023, PRO, 0, 100,
    "10 学时" },
  { "/engine/paper/year-comes-from-the-end-date-without-year", "paper", "role=first end=2024-11-20",
    2024, PRO, 0, 300, "30 学时" },

  /* invention-patent */
  { "/engine/invention-patent/rank-1-counts-60", "invention-patent", "rank=1 year=2022", 2022, PRO,
    0, 600, "60 学时" },
  { "/engine/invention-patent/rank-2-counts-30", "invention-patent", "rank=2 year=2022", 2022, PRO,
    0, 300, "30 学时" },
  { "/engine/invention-patent/rank-3-counts-30", "invention-patent", "rank=3 year=2022", 2022, PRO,
    0, 300, "30 学时" },
  { "/engine/invention-patent/rank-4-counts-10", "invention-patent", "rank=4 year=2022", 2022, PRO,
    0, 100, "10 学时" },
  { "/engine/invention-patent/rank-9-counts-10", "invention-patent", "rank=9 year=2022", 2022, PRO,
    0, 100, "10 学时" },

  /* utility-patent */
  { "/engine/utility-patent/rank-1-counts-30", "utility-patent", "rank=1 year=2023", 2023, PRO, 0,
    300, "30 学时" },
  { "/engine/utility-patent/rank-2-counts-10", "utility-patent", "rank=2 year=2023", 2023, PRO, 0,
    100, "10 学时" },
  { "/engine/utility-patent/rank-3-counts-10", "utility-patent", "rank=3 year=2023", 2023, PRO, 0,
    100, "10 学时" },
  { "/engine/utility-patent/rank-4-counts-nothing-and-says-it-is-not-counted", "utility-patent",
    "rank=4 year=2023", 2023, PRO, 0, 0, "不折算" },
  { "/engine/utility-patent/rank-7-counts-nothing-and-says-it-is-not-counted", "utility-patent",
    "rank=7 year=2023", 2023, PRO, 0, 0, "不折算" },

  /* award */
  { "/engine/award/provincial-first-grade-counts-60", "award", "level=provincial grade=1 year=2021",
    2021, PRO, 0, 600, "60 学时" },
  { "/engine/award/provincial-second-grade-counts-30", "award",
    "level=provincial grade=2 year=2021", 2021, PRO, 0, 300, "30 学时" },
  { "/engine/award/provincial-third-grade-counts-10", "award", "level=provincial grade=3 year=2021",
    2021, PRO, 0, 100, "10 学时" },
  { "/engine/award/municipal-first-grade-counts-30", "award", "level=municipal grade=1 year=2022",
    2022, PRO, 0, 300, "30 学时" },
  { "/engine/award/municipal-second-grade-counts-10", "award", "level=municipal grade=2 year=2022",
    2022, PRO, 0, 100, "10 学时" },
  { "/engine/award/municipal-third-grade-counts-5", "award", "level=municipal grade=3 year=2022",
    2022, PRO, 0, 50, "5 学时" },
  { "/engine/award/without-a-grade-counts-nothing-and-says-so", "award",
    "level=provincial year=2022", 2022, PRO, 0, 0, "不折算" },

  /* skills-contest */
  { "/engine/skills-contest/national-gold-counts-60", "skills-contest",
    "level=national medal=gold year=2024", 2024, PRO, 0, 600, "60 学时" },
  { "/engine/skills-contest/national-silver-counts-30", "skills-contest",
    "level=national medal=silver year=2024", 2024, PRO, 0, 300, "30 学时" },
  { "/engine/skills-contest/national-bronze-counts-10", "skills-contest",
    "level=national medal=bronze year=2024", 2024, PRO, 0, 100, "10 学时" },
  { "/engine/skills-contest/provincial-gold-counts-30", "skills-contest",
    "level=provincial medal=gold year=2025", 2025, PRO, 0, 300, "30 学时" },
  { "/engine/skills-contest/provincial-silver-counts-10", "skills-contest",
    "level=provincial medal=silver year=2025", 2025, PRO, 0, 100, "10 学时" },
  { "/engine/skills-contest/provincial-bronze-counts-5", "skills-contest",
    "level=provincial medal=bronze year=2025", 2025, PRO, 0, 50, "5 学时" },
  { "/engine/skills-contest/without-a-medal-counts-nothing-and-says-so", "skills-contest",
    "level=national year=2025", 2025, PRO, 0, 0, "不折算" },

  /* expert-service: professional (Interpretation) */
  { "/engine/expert-service/onsite-days-count-eight-hours-each", "expert-service",
    "mode=onsite days=2 year=2023", 2023, PRO, 0, 160, "2 天 × 8 学时" },
  { "/engine/expert-service/onsite-half-day-counts-four-hours", "expert-service",
    "mode=onsite days=0.5 start=2023-07-01 end=2023-07-01", 2023, PRO, 0, 40, "0.5 天 × 8 学时" },
  { "/engine/expert-service/online-counts-the-hours-served", "expert-service",
    "mode=online hours=3.5 year=2023", 2023, PRO, 0, 35, "3.5 学时" },

  /* count × 30, professional */
  { "/engine/degree-course/one-course-passed-counts-30", "degree-course", "count=1 year=2022", 2022,
    PRO, 0, 300, "× 30 学时" },
  { "/engine/degree-course/two-courses-passed-count-60", "degree-course", "count=2 year=2022", 2022,
    PRO, 0, 600, "2 门 × 30 学时" },
  { "/engine/qualification-exam/one-subject-passed-counts-30", "qualification-exam",
    "count=1 year=2023", 2023, PRO, 0, 300, "× 30 学时" },
  { "/engine/qualification-exam/three-subjects-passed-count-90", "qualification-exam",
    "count=3 year=2023", 2023, PRO, 0, 900, "3 门 × 30 学时" },
  { "/engine/digital-skills-exam/one-subject-passed-counts-30", "digital-skills-exam",
    "count=1 year=2024", 2024, PRO, 0, 300, "× 30 学时" },
  { "/engine/digital-skills-exam/two-subjects-passed-count-60", "digital-skills-exam",
    "count=2 year=2024", 2024, PRO, 0, 600, "2 科 × 30 学时" },

  /* certified-year: both subjects, as printed */
  { "/engine/certified-year/counts-both-subjects-as-printed", "certified-year",
    "year=2020 public=30 professional=60", 2020, BOTH, 300, 600, "公需 30 学时" },
  { "/engine/certified-year/keeps-tenths-as-printed", "certified-year",
    "year=2021 public=12.5 professional=70", 2021, BOTH, 125, 700, "专业 70 学时" },
  { "/engine/certified-year/counts-a-short-year-as-printed", "certified-year",
    "year=2022 public=0 professional=45.5", 2022, BOTH, 0, 455, "专业 45.5 学时" },
};

static void
test_credit (gconstpointer data)
{
  const CreditCase *row = data;
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (XsActivity) a = make_activity (row->kind, row->params);
  g_autoptr (XsCredit) credit = NULL;

  assert_valid (rules, a);
  credit = xs_engine_compute (rules, a);
  g_assert_nonnull (credit);
  g_assert_cmpuint (credit->year, ==, row->year);
  g_assert_cmpint (credit->subject, ==, row->subject);
  g_assert_cmpint (credit->public_tenths, ==, row->public_tenths);
  g_assert_cmpint (credit->professional_tenths, ==, row->professional_tenths);
  g_assert_cmpint (xs_credit_get_hours (credit), ==, row->public_tenths + row->professional_tenths);
  g_assert_false (xs_credit_is_deemed (credit));
  g_assert_nonnull (credit->reason);
  g_assert_cmpstr (credit->reason, !=, "");
  assert_contains (credit->reason, row->reason_part);
}

static void
test_training_reason_is_exactly_days_times_eight (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (XsActivity) a =
      make_activity ("training", "subject=public theme=1 start=2021-03-01 end=2021-03-03 days=2.5");
  g_autoptr (XsCredit) credit = xs_engine_compute (rules, a);

  g_assert_cmpint (credit->public_tenths, ==, 200);
  g_assert_cmpstr (credit->reason, ==, "2.5 天 × 8 学时");
}

static void
test_training_over_new_year_counts_in_start_year_when_set (void)
{
  g_autoptr (XsRules) rules =
      xs_test_edited_rules ("name=\"cross-year-placement\" value=\"end\"",
                            "name=\"cross-year-placement\" value=\"start\"");
  g_autoptr (XsActivity) a =
      make_activity ("training", "subject=public start=2021-12-30 end=2022-01-02 days=4");
  g_autoptr (XsCredit) credit = NULL;

  assert_valid (rules, a);
  credit = xs_engine_compute (rules, a);
  g_assert_cmpuint (credit->year, ==, 2021);
  g_assert_cmpint (credit->public_tenths, ==, 320);
}

static void
test_training_within_one_year_ignores_cross_year_setting (void)
{
  g_autoptr (XsRules) rules =
      xs_test_edited_rules ("name=\"cross-year-placement\" value=\"end\"",
                            "name=\"cross-year-placement\" value=\"start\"");
  g_autoptr (XsActivity) a =
      make_activity ("training", "subject=public start=2023-03-01 end=2023-03-02 days=2");
  g_autoptr (XsCredit) credit = xs_engine_compute (rules, a);

  g_assert_cmpuint (credit->year, ==, 2023);
}

static void
test_a_pending_activity_is_still_computed (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (XsActivity) a = make_activity ("paper", "role=first year=2022");
  g_autoptr (XsCredit) credit = NULL;

  a->status = XS_STATUS_PENDING;
  credit = xs_engine_compute (rules, a);
  g_assert_cmpint (credit->professional_tenths, ==, 300);
}

/* ---------------------------------------------------------------------------------------- */
/* Section 4: deemed-complete credits                                                       */
/* ---------------------------------------------------------------------------------------- */

typedef struct
{
  const char *path;
  const char *kind;
  const char *start;
  const char *end;
  const char *passed;
  guint years[5];          /* the deemed years, 0-terminated; none: no credit */
  const char *reason_part; /* the reason must contain this */
} DeemedCase;

static const DeemedCase deemed_cases[] = {
  { "/engine/aid-posting/exactly-six-months-is-deemed",
    "aid-posting",
    "2022-03-01",
    "2022-08-31",
    "true",
    { 2022 },
    "视为完成" },
  { "/engine/aid-posting/one-day-short-of-six-months-earns-nothing",
    "aid-posting",
    "2022-03-01",
    "2022-08-30",
    "true",
    { 0 },
    "不满 6 个月" },
  { "/engine/aid-posting/seven-months-lands-in-the-year-with-most-days",
    "aid-posting",
    "2022-09-01",
    "2023-03-31",
    "true",
    { 2022 },
    "视为完成" },
  { "/engine/aid-posting/october-to-april-lands-in-the-later-year-with-more-days",
    "aid-posting",
    "2022-10-01",
    "2023-04-30",
    "true",
    { 2023 },
    "视为完成" },
  { "/engine/aid-posting/equal-days-in-both-years-lands-in-the-end-year",
    "aid-posting",
    "2022-10-01",
    "2023-04-02",
    "true",
    { 2023 },
    "视为完成" },
  { "/engine/aid-posting/eleven-months-is-still-one-majority-year",
    "aid-posting",
    "2022-03-01",
    "2023-01-31",
    "true",
    { 2022 },
    "视为完成" },
  { "/engine/aid-posting/exactly-twelve-months-counts-as-a-year-or-more",
    "aid-posting",
    "2022-03-01",
    "2023-02-28",
    "true",
    { 2022, 2023 },
    "视为完成" },
  { "/engine/aid-posting/over-a-year-deems-every-year-touched",
    "aid-posting",
    "2021-07-01",
    "2023-03-31",
    "true",
    { 2021, 2022, 2023 },
    "视为完成" },
  { "/engine/aid-posting/not-passed-earns-nothing",
    "aid-posting",
    "2021-07-01",
    "2023-03-31",
    "false",
    { 0 },
    "考核未合格" },
  { "/engine/aid-posting/six-months-not-passed-earns-nothing",
    "aid-posting",
    "2022-03-01",
    "2022-08-31",
    "false",
    { 0 },
    "考核未合格" },
  { "/engine/overseas-exchange/a-year-passed-is-deemed-in-the-end-year",
    "overseas-exchange",
    "2022-09-01",
    "2023-08-31",
    "true",
    { 2023 },
    "视为完成" },
  { "/engine/overseas-exchange/two-years-passed-is-deemed-in-the-end-year-only",
    "overseas-exchange",
    "2021-09-01",
    "2023-06-30",
    "true",
    { 2023 },
    "视为完成" },
  { "/engine/overseas-exchange/eleven-months-earns-nothing",
    "overseas-exchange",
    "2022-09-01",
    "2023-07-31",
    "true",
    { 0 },
    "不满 1 年" },
  { "/engine/overseas-exchange/one-day-short-of-a-year-earns-nothing",
    "overseas-exchange",
    "2022-09-01",
    "2023-08-30",
    "true",
    { 0 },
    "不满 1 年" },
  { "/engine/overseas-exchange/not-passed-earns-nothing",
    "overseas-exchange",
    "2021-09-01",
    "2023-06-30",
    "false",
    { 0 },
    "考核未合格" },
};

static void
assert_deemed_years (const XsCredit *credit, const guint *years)
{
  guint n = 0;

  while (n < 5 && years[n] != 0)
    n++;

  if (n == 0)
    {
      g_assert_false (xs_credit_is_deemed (credit));
      g_assert_true (credit->deemed_years == NULL || credit->deemed_years->len == 0);
      g_assert_cmpint (xs_credit_get_hours (credit), ==, 0);
      return;
    }

  g_assert_true (xs_credit_is_deemed (credit));
  g_assert_nonnull (credit->deemed_years);
  g_assert_cmpuint (credit->deemed_years->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (credit->deemed_years, guint, i), ==, years[i]);
  g_assert_cmpuint (credit->year, ==, years[0]);
}

static void
test_deemed (gconstpointer data)
{
  const DeemedCase *row = data;
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autofree char *params =
      g_strdup_printf ("start=%s end=%s passed=%s", row->start, row->end, row->passed);
  g_autoptr (XsActivity) a = make_activity (row->kind, params);
  g_autoptr (XsCredit) credit = NULL;

  assert_valid (rules, a);
  credit = xs_engine_compute (rules, a);
  assert_deemed_years (credit, row->years);
  g_assert_nonnull (credit->reason);
  g_assert_cmpstr (credit->reason, !=, "");
  assert_contains (credit->reason, row->reason_part);
}

static void
test_aid_posting_tie_lands_in_the_start_year_when_set (void)
{
  g_autoptr (XsRules) rules = xs_test_edited_rules ("name=\"deemed-majority-tie\" value=\"end\"",
                                                    "name=\"deemed-majority-tie\" value=\"start\"");
  g_autoptr (XsActivity) a =
      make_activity ("aid-posting", "start=2022-10-01 end=2023-04-02 passed=true");
  g_autoptr (XsCredit) credit = xs_engine_compute (rules, a);
  const guint tie[] = { 2022, 0 };

  assert_deemed_years (credit, tie);
}

static void
test_aid_posting_tie_setting_leaves_a_clear_majority_alone (void)
{
  g_autoptr (XsRules) rules = xs_test_edited_rules ("name=\"deemed-majority-tie\" value=\"end\"",
                                                    "name=\"deemed-majority-tie\" value=\"start\"");
  g_autoptr (XsActivity) a =
      make_activity ("aid-posting", "start=2022-10-01 end=2023-04-30 passed=true");
  g_autoptr (XsCredit) credit = xs_engine_compute (rules, a);
  const guint majority[] = { 2023, 0 };

  assert_deemed_years (credit, majority);
}

static void
test_exactly_a_year_is_the_shorter_band_when_edges_are_upper_inclusive (void)
{
  g_autoptr (XsRules) rules =
      xs_test_edited_rules ("name=\"deemed-band-edges\" value=\"lower-inclusive\"",
                            "name=\"deemed-band-edges\" value=\"upper-inclusive\"");
  g_autoptr (XsActivity) year =
      make_activity ("aid-posting", "start=2022-03-01 end=2023-02-28 passed=true");
  g_autoptr (XsActivity) six =
      make_activity ("aid-posting", "start=2022-03-01 end=2022-08-31 passed=true");
  g_autoptr (XsCredit) year_credit = xs_engine_compute (rules, year);
  g_autoptr (XsCredit) six_credit = xs_engine_compute (rules, six);
  const guint majority[] = { 2022, 0 };

  /* 12 whole months: in (6, 12], so only the majority year, not every year touched. */
  assert_deemed_years (year_credit, majority);
  /* Exactly 6 months is no longer "6 months or more". */
  g_assert_false (xs_credit_is_deemed (six_credit));
}

static void
test_overseas_exchange_lands_in_the_start_year_when_set (void)
{
  g_autoptr (XsRules) rules =
      xs_test_edited_rules ("name=\"overseas-exchange-year\" value=\"end\"",
                            "name=\"overseas-exchange-year\" value=\"start\"");
  g_autoptr (XsActivity) a =
      make_activity ("overseas-exchange", "start=2022-09-01 end=2023-08-31 passed=true");
  g_autoptr (XsCredit) credit = xs_engine_compute (rules, a);
  const guint start[] = { 2022, 0 };

  assert_deemed_years (credit, start);
}

/* ---------------------------------------------------------------------------------------- */
/* Validation: what is refused                                                              */
/* ---------------------------------------------------------------------------------------- */

#define ANY_CODE (-1)

typedef struct
{
  const char *path;
  const char *kind;
  const char *params;
  int code; /* an XsEngineError, or ANY_CODE */
} RefusalCase;

static const RefusalCase refusal_cases[] = {
  { "/engine/validate/unknown-kind-is-refused", "seminar", "year=2022",
    XS_ENGINE_ERROR_UNKNOWN_KIND },
  { "/engine/validate/days-on-a-paper-is-refused", "paper", "role=first year=2022 days=1",
    XS_ENGINE_ERROR_UNKNOWN_PARAM },
  { "/engine/validate/medal-on-an-award-is-refused", "award",
    "level=provincial grade=1 medal=gold year=2022", XS_ENGINE_ERROR_UNKNOWN_PARAM },
  { "/engine/validate/paper-without-role-is-refused", "paper", "year=2022",
    XS_ENGINE_ERROR_MISSING_PARAM },
  { "/engine/validate/paper-without-any-year-is-refused", "paper", "role=first",
    XS_ENGINE_ERROR_MISSING_PARAM },
  { "/engine/validate/training-without-days-is-refused", "training",
    "subject=public start=2021-03-01 end=2021-03-02", XS_ENGINE_ERROR_MISSING_PARAM },
  { "/engine/validate/training-without-subject-is-refused", "training",
    "start=2021-03-01 end=2021-03-02 days=1", XS_ENGINE_ERROR_MISSING_PARAM },
  { "/engine/validate/training-without-end-is-refused", "training",
    "subject=public start=2021-03-01 days=1", XS_ENGINE_ERROR_MISSING_PARAM },
  { "/engine/validate/aid-posting-without-passed-is-refused", "aid-posting",
    "start=2022-03-01 end=2022-09-30", XS_ENGINE_ERROR_MISSING_PARAM },
  { "/engine/validate/certified-year-without-professional-is-refused", "certified-year",
    "year=2021 public=30", XS_ENGINE_ERROR_MISSING_PARAM },
  { "/engine/validate/degree-course-without-count-is-refused", "degree-course", "year=2022",
    XS_ENGINE_ERROR_MISSING_PARAM },
  { "/engine/validate/days-not-in-half-day-steps-are-refused", "training",
    "subject=public start=2021-03-01 end=2021-03-03 days=2.3", XS_ENGINE_ERROR_BAD_VALUE },
  { "/engine/validate/zero-days-are-refused", "training",
    "subject=public start=2021-03-01 end=2021-03-03 days=0", ANY_CODE },
  { "/engine/validate/more-days-than-the-dates-hold-are-refused", "training",
    "subject=public start=2021-03-01 end=2021-03-02 days=2.5", ANY_CODE },
  { "/engine/validate/more-practice-days-than-the-dates-hold-are-refused", "practice",
    "subject=public start=2021-03-01 end=2021-03-01 days=2", ANY_CODE },
  { "/engine/validate/more-event-days-than-the-dates-hold-are-refused", "academic-event",
    "subject=public start=2021-03-01 end=2021-03-03 days=3.5", ANY_CODE },
  { "/engine/validate/end-before-start-is-refused", "training",
    "subject=public start=2021-03-03 end=2021-03-01 days=1", XS_ENGINE_ERROR_DATES },
  { "/engine/validate/aid-posting-ending-before-it-starts-is-refused", "aid-posting",
    "start=2022-09-30 end=2022-03-01 passed=true", XS_ENGINE_ERROR_DATES },
  { "/engine/validate/a-malformed-date-is-refused", "training",
    "subject=public start=2021-02-30 end=2021-03-01 days=1", XS_ENGINE_ERROR_BAD_VALUE },
  { "/engine/validate/theme-on-a-professional-activity-is-refused", "training",
    "subject=professional theme=1 start=2021-03-01 end=2021-03-01 days=1", ANY_CODE },
  { "/engine/validate/theme-4-is-refused", "training",
    "subject=public theme=4 start=2021-03-01 end=2021-03-01 days=1", ANY_CODE },
  { "/engine/validate/subject-other-than-public-or-professional-is-refused", "training",
    "subject=both start=2021-03-01 end=2021-03-01 days=1", XS_ENGINE_ERROR_BAD_VALUE },
  { "/engine/validate/hours-with-two-decimals-are-refused", "online-course",
    "subject=public hours=12.55 year=2023", XS_ENGINE_ERROR_BAD_VALUE },
  { "/engine/validate/expert-service-onsite-without-days-is-refused", "expert-service",
    "mode=onsite year=2023", XS_ENGINE_ERROR_MISSING_PARAM },
  /* Every kind counted by the day has its days within its dates, expert service too. */
  { "/engine/validate/more-onsite-service-days-than-the-dates-hold-are-refused", "expert-service",
    "mode=onsite days=2.5 start=2023-04-01 end=2023-04-02", XS_ENGINE_ERROR_DATES },
  { "/engine/validate/expert-service-online-without-hours-is-refused", "expert-service",
    "mode=online year=2023", XS_ENGINE_ERROR_MISSING_PARAM },
  { "/engine/validate/expert-service-unknown-mode-is-refused", "expert-service",
    "mode=remote hours=3 year=2023", XS_ENGINE_ERROR_BAD_VALUE },
  { "/engine/validate/research-role-outside-the-list-is-refused", "research-project",
    "level=provincial role=leader year=2022", XS_ENGINE_ERROR_BAD_VALUE },
  { "/engine/validate/book-corresponding-author-is-refused", "book", "role=corresponding year=2022",
    XS_ENGINE_ERROR_BAD_VALUE },
  { "/engine/validate/patent-rank-0-is-refused", "utility-patent", "rank=0 year=2022",
    XS_ENGINE_ERROR_BAD_VALUE },
  { "/engine/validate/award-grade-4-is-refused", "award", "level=provincial grade=4 year=2022",
    XS_ENGINE_ERROR_BAD_VALUE },
  { "/engine/validate/contest-level-municipal-is-refused", "skills-contest",
    "level=municipal medal=gold year=2022", XS_ENGINE_ERROR_BAD_VALUE },
  { "/engine/validate/passed-other-than-true-or-false-is-refused", "aid-posting",
    "start=2022-03-01 end=2022-09-30 passed=yes", XS_ENGINE_ERROR_BAD_VALUE },
  { "/engine/validate/count-0-is-refused", "qualification-exam", "count=0 year=2022",
    XS_ENGINE_ERROR_BAD_VALUE },
};

static void
test_refusal (gconstpointer data)
{
  const RefusalCase *row = data;
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (XsActivity) a = make_activity (row->kind, row->params);
  g_autoptr (GError) error = NULL;
  gboolean ok;

  ok = xs_engine_validate (rules, a, &error);
  g_assert_false (ok);
  g_assert_nonnull (error);
  if (row->code == ANY_CODE)
    g_assert_true (error->domain == XS_ENGINE_ERROR);
  else
    g_assert_error (error, XS_ENGINE_ERROR, row->code);
  g_assert_nonnull (error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static void
test_unknown_kind_computes_nothing_with_a_reason (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (XsActivity) a = make_activity ("seminar", "year=2022");
  g_autoptr (XsCredit) credit = xs_engine_compute (rules, a);

  g_assert_cmpint (xs_credit_get_hours (credit), ==, 0);
  g_assert_false (xs_credit_is_deemed (credit));
  g_assert_nonnull (credit->reason);
  g_assert_cmpstr (credit->reason, !=, "");
}

static void
test_unified_platform_is_accepted_on_training (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (XsActivity) a = make_activity (
      "training", "subject=public start=2024-03-01 end=2024-03-01 days=1 unified-platform=true");
  g_autoptr (XsCredit) credit = NULL;

  assert_valid (rules, a);
  credit = xs_engine_compute (rules, a);
  g_assert_cmpint (credit->public_tenths, ==, 80);
}

/* ---------------------------------------------------------------------------------------- */
/* Section 5: evidence                                                                      */
/* ---------------------------------------------------------------------------------------- */

typedef struct
{
  const char *path;
  const char *kind;
  const char *present; /* material types attached, space-separated */
  gboolean satisfied;
  guint n_missing;
  const char *missing; /* exact list, items joined by ", "; NULL: only n_missing is checked */
} EvidenceCase;

static const EvidenceCase evidence_cases[] = {
  /* 1. training */
  { "/engine/evidence/training/nothing-attached-asks-for-the-shorter-bundle", "training", "", FALSE,
    2, "notice|sign-in|schedule|agenda, certificate" },
  { "/engine/evidence/training/notice-agenda-and-sign-in-are-complete", "training",
    "notice agenda sign-in", TRUE, 0, "" },
  { "/engine/evidence/training/notice-schedule-and-sign-in-are-complete", "training",
    "notice schedule sign-in", TRUE, 0, "" },
  { "/engine/evidence/training/sign-in-and-certificate-are-complete", "training",
    "sign-in certificate", TRUE, 0, "" },
  { "/engine/evidence/training/agenda-and-certificate-are-complete", "training",
    "agenda certificate", TRUE, 0, "" },
  { "/engine/evidence/training/certificate-alone-needs-one-of-four", "training", "certificate",
    FALSE, 1, "notice|sign-in|schedule|agenda" },
  { "/engine/evidence/training/notice-alone-is-not-enough", "training", "notice", FALSE, 1, NULL },
  { "/engine/evidence/training/unrelated-material-does-not-count", "training",
    "transcript patent-certificate", FALSE, 2, "notice|sign-in|schedule|agenda, certificate" },

  /* 2. practice */
  { "/engine/evidence/practice/notice-and-dispatch-notice-are-complete", "practice",
    "notice dispatch-notice", TRUE, 0, "" },
  { "/engine/evidence/practice/registration-form-and-activity-log-are-complete", "practice",
    "registration-form activity-log", TRUE, 0, "" },
  { "/engine/evidence/practice/notice-and-activity-log-are-complete", "practice",
    "notice activity-log", TRUE, 0, "" },
  { "/engine/evidence/practice/registration-form-alone-needs-the-log", "practice",
    "registration-form", FALSE, 1, "activity-log" },
  { "/engine/evidence/practice/dispatch-notice-alone-needs-the-notice", "practice",
    "dispatch-notice", FALSE, 1, "notice" },
  { "/engine/evidence/practice/nothing-attached-is-not-enough", "practice", "", FALSE, 2, NULL },

  /* 3. online-course */
  { "/engine/evidence/online-course/course-content-and-certificate-are-complete", "online-course",
    "course-content certificate", TRUE, 0, "" },
  { "/engine/evidence/online-course/course-hours-and-certificate-are-complete", "online-course",
    "course-hours certificate", TRUE, 0, "" },
  { "/engine/evidence/online-course/certificate-alone-needs-hours-or-content", "online-course",
    "certificate", FALSE, 1, "course-hours|course-content" },
  { "/engine/evidence/online-course/content-alone-needs-the-certificate", "online-course",
    "course-content", FALSE, 1, "certificate" },

  /* 4. academic-event */
  { "/engine/evidence/academic-event/invitation-receipt-and-notes-are-complete", "academic-event",
    "invitation attendance-receipt study-notes", TRUE, 0, "" },
  { "/engine/evidence/academic-event/notice-receipt-and-notes-are-complete", "academic-event",
    "notice attendance-receipt study-notes", TRUE, 0, "" },
  { "/engine/evidence/academic-event/an-email-receipt-alone-is-complete", "academic-event",
    "email-receipt", TRUE, 0, "" },
  { "/engine/evidence/academic-event/a-participant-list-alone-is-complete", "academic-event",
    "participant-list", TRUE, 0, "" },
  { "/engine/evidence/academic-event/a-reimbursement-record-alone-is-complete", "academic-event",
    "reimbursement", TRUE, 0, "" },
  { "/engine/evidence/academic-event/invitation-and-receipt-without-notes-need-the-notes",
    "academic-event", "invitation attendance-receipt", FALSE, 1, "study-notes" },
  { "/engine/evidence/academic-event/nothing-attached-is-not-enough", "academic-event", "", FALSE,
    1, NULL },

  /* 5. research-project */
  { "/engine/evidence/research-project/conclusion-certificate-is-complete", "research-project",
    "conclusion-certificate", TRUE, 0, "" },
  { "/engine/evidence/research-project/nothing-attached-needs-the-conclusion-certificate",
    "research-project", "", FALSE, 1, "conclusion-certificate" },

  /* 6. book and paper */
  { "/engine/evidence/book/cover-copyright-page-and-contents-are-complete", "book",
    "book-cover copyright-page contents", TRUE, 0, "" },
  { "/engine/evidence/book/without-the-copyright-page-needs-it", "book", "book-cover contents",
    FALSE, 1, "copyright-page" },
  { "/engine/evidence/book/cover-alone-needs-the-other-two", "book", "book-cover", FALSE, 2,
    "copyright-page, contents" },
  { "/engine/evidence/paper/cover-serial-number-and-contents-are-complete", "paper",
    "journal-cover serial-number contents", TRUE, 0, "" },
  { "/engine/evidence/paper/without-the-serial-number-needs-it", "paper", "journal-cover contents",
    FALSE, 1, "serial-number" },
  { "/engine/evidence/paper/nothing-attached-needs-all-three", "paper", "", FALSE, 3,
    "journal-cover, serial-number, contents" },

  /* 7. patents */
  { "/engine/evidence/invention-patent/patent-certificate-is-complete", "invention-patent",
    "patent-certificate", TRUE, 0, "" },
  { "/engine/evidence/invention-patent/nothing-attached-needs-the-certificate", "invention-patent",
    "", FALSE, 1, "patent-certificate" },
  { "/engine/evidence/utility-patent/patent-certificate-is-complete", "utility-patent",
    "patent-certificate", TRUE, 0, "" },
  { "/engine/evidence/utility-patent/an-award-certificate-is-not-a-patent-certificate",
    "utility-patent", "award-certificate", FALSE, 1, "patent-certificate" },

  /* 8. award (and skills-contest, which shows a certificate the same way) */
  { "/engine/evidence/award/award-certificate-is-complete", "award", "award-certificate", TRUE, 0,
    "" },
  { "/engine/evidence/award/nothing-attached-needs-the-certificate", "award", "", FALSE, 1,
    "award-certificate" },
  { "/engine/evidence/skills-contest/award-certificate-is-complete", "skills-contest",
    "award-certificate", TRUE, 0, "" },
  { "/engine/evidence/skills-contest/nothing-attached-is-not-enough", "skills-contest", "", FALSE,
    1, NULL },

  /* 9. aid-posting and expert-service */
  { "/engine/evidence/aid-posting/dispatch-notice-and-assessment-form-are-complete", "aid-posting",
    "dispatch-notice assessment-form", TRUE, 0, "" },
  { "/engine/evidence/aid-posting/dispatch-notice-and-other-papers-are-complete", "aid-posting",
    "dispatch-notice other", TRUE, 0, "" },
  { "/engine/evidence/aid-posting/dispatch-notice-alone-needs-the-assessment", "aid-posting",
    "dispatch-notice", FALSE, 1, "assessment-form|other" },
  { "/engine/evidence/aid-posting/assessment-form-alone-needs-the-dispatch-notice", "aid-posting",
    "assessment-form", FALSE, 1, "dispatch-notice" },
  { "/engine/evidence/expert-service/dispatch-notice-and-assessment-form-are-complete",
    "expert-service", "dispatch-notice assessment-form", TRUE, 0, "" },
  { "/engine/evidence/expert-service/nothing-attached-needs-both", "expert-service", "", FALSE, 2,
    "dispatch-notice, assessment-form|other" },

  /* 10. degree-course, qualification-exam, digital-skills-exam */
  { "/engine/evidence/degree-course/transcript-is-complete", "degree-course", "transcript", TRUE, 0,
    "" },
  { "/engine/evidence/degree-course/a-score-report-is-not-a-transcript", "degree-course",
    "score-report", FALSE, 1, "transcript" },
  { "/engine/evidence/qualification-exam/score-report-is-complete", "qualification-exam",
    "score-report", TRUE, 0, "" },
  { "/engine/evidence/qualification-exam/a-transcript-is-not-a-score-report", "qualification-exam",
    "transcript", FALSE, 1, "score-report" },
  { "/engine/evidence/digital-skills-exam/pass-certificate-is-complete", "digital-skills-exam",
    "pass-certificate", TRUE, 0, "" },
  { "/engine/evidence/digital-skills-exam/nothing-attached-needs-the-pass-certificate",
    "digital-skills-exam", "", FALSE, 1, "pass-certificate" },

  /* 11. overseas-exchange: invitation + receipt (or study material, or the host's certificate) */
  { "/engine/evidence/overseas-exchange/invitation-and-host-certificate-are-complete",
    "overseas-exchange", "invitation host-certificate", TRUE, 0, "" },
  { "/engine/evidence/overseas-exchange/invitation-and-study-material-are-complete",
    "overseas-exchange", "invitation study-material", TRUE, 0, "" },
  { "/engine/evidence/overseas-exchange/invitation-and-receipt-are-complete", "overseas-exchange",
    "invitation attendance-receipt", TRUE, 0, "" },
  { "/engine/evidence/overseas-exchange/host-certificate-alone-needs-the-invitation",
    "overseas-exchange", "host-certificate", FALSE, 1, "invitation" },
  { "/engine/evidence/overseas-exchange/nothing-attached-needs-two-items", "overseas-exchange", "",
    FALSE, 2, NULL },

  /* certified-year */
  { "/engine/evidence/certified-year/the-certified-sheet-is-complete", "certified-year",
    "certified-sheet", TRUE, 0, "" },
  { "/engine/evidence/certified-year/nothing-attached-needs-the-sheet", "certified-year", "", FALSE,
    1, "certified-sheet" },
};

static void
test_evidence (gconstpointer data)
{
  const EvidenceCase *row = data;
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (XsActivity) a = make_activity (row->kind, "");
  g_auto (GStrv) materials = g_strsplit (row->present, " ", -1);
  g_autoptr (XsEvidenceCheck) check = NULL;

  for (guint i = 0; materials[i] != NULL; i++)
    if (*materials[i] != '\0')
      {
        g_autofree char *file = g_strdup_printf ("%s.jpg", materials[i]);
        xs_activity_add_evidence (a, materials[i], "0123456789abcdef", file, 1);
      }

  check = xs_evidence_check_activity (rules, a);
  g_assert_nonnull (check);
  g_assert_nonnull (check->missing);
  if (row->satisfied != check->satisfied)
    {
      g_autoptr (GString) got = g_string_new (NULL);
      for (guint i = 0; i < check->missing->len; i++)
        g_string_append_printf (got, "%s“%s”", i ? ", " : "",
                                (char *)g_ptr_array_index (check->missing, i));
      g_test_fail_printf ("%s with [%s]: expected %s, got %s (missing: %s)", row->kind,
                          row->present, row->satisfied ? "satisfied" : "unsatisfied",
                          check->satisfied ? "satisfied" : "unsatisfied", got->str);
      return;
    }
  g_assert_cmpuint (check->missing->len, ==, row->n_missing);

  if (row->missing != NULL)
    {
      g_auto (GStrv) expected =
          *row->missing ? g_strsplit (row->missing, ", ", -1) : g_new0 (char *, 1);

      g_assert_cmpuint (g_strv_length (expected), ==, check->missing->len);
      for (guint i = 0; expected[i] != NULL; i++)
        g_assert_cmpstr (g_ptr_array_index (check->missing, i), ==, expected[i]);
    }
}

static void
test_overseas_exchange_invitation_alone_names_the_alternatives (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (XsActivity) a = make_activity ("overseas-exchange", "");
  g_autoptr (XsEvidenceCheck) check = NULL;
  const char *item;

  xs_activity_add_evidence (a, "invitation", "0123456789abcdef", "invitation.pdf", 1);
  check = xs_evidence_check_activity (rules, a);
  g_assert_false (check->satisfied);
  g_assert_cmpuint (check->missing->len, ==, 1);
  item = g_ptr_array_index (check->missing, 0);
  assert_contains (item, "study-material");
  assert_contains (item, "host-certificate");
}

/* ---------------------------------------------------------------------------------------- */

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (credit_cases); i++)
    g_test_add_data_func (credit_cases[i].path, &credit_cases[i], test_credit);
  g_test_add_func ("/engine/training/reason-for-two-and-a-half-days-is-exactly-days-times-eight",
                   test_training_reason_is_exactly_days_times_eight);
  g_test_add_func (
      "/engine/training/over-new-year-counts-in-the-start-year-when-the-rule-file-says",
      test_training_over_new_year_counts_in_start_year_when_set);
  g_test_add_func ("/engine/training/within-one-year-is-unaffected-by-the-cross-year-setting",
                   test_training_within_one_year_ignores_cross_year_setting);
  g_test_add_func ("/engine/training/unified-platform-mark-is-accepted",
                   test_unified_platform_is_accepted_on_training);
  g_test_add_func ("/engine/compute/a-pending-activity-is-still-computed",
                   test_a_pending_activity_is_still_computed);

  for (guint i = 0; i < G_N_ELEMENTS (deemed_cases); i++)
    g_test_add_data_func (deemed_cases[i].path, &deemed_cases[i], test_deemed);
  g_test_add_func ("/engine/aid-posting/equal-days-land-in-the-start-year-when-the-rule-file-says",
                   test_aid_posting_tie_lands_in_the_start_year_when_set);
  g_test_add_func ("/engine/aid-posting/tie-setting-leaves-a-clear-majority-alone",
                   test_aid_posting_tie_setting_leaves_a_clear_majority_alone);
  g_test_add_func ("/engine/aid-posting/band-edges-setting-moves-the-boundaries",
                   test_exactly_a_year_is_the_shorter_band_when_edges_are_upper_inclusive);
  g_test_add_func ("/engine/overseas-exchange/lands-in-the-start-year-when-the-rule-file-says",
                   test_overseas_exchange_lands_in_the_start_year_when_set);

  for (guint i = 0; i < G_N_ELEMENTS (refusal_cases); i++)
    g_test_add_data_func (refusal_cases[i].path, &refusal_cases[i], test_refusal);
  g_test_add_func ("/engine/compute/unknown-kind-earns-nothing-with-a-reason",
                   test_unknown_kind_computes_nothing_with_a_reason);

  for (guint i = 0; i < G_N_ELEMENTS (evidence_cases); i++)
    g_test_add_data_func (evidence_cases[i].path, &evidence_cases[i], test_evidence);
  g_test_add_func ("/engine/evidence/overseas-exchange/invitation-alone-names-the-alternatives",
                   test_overseas_exchange_invitation_alone_names_the_alternatives);

  return g_test_run ();
}
