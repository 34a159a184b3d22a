/* test-unit-report.c — the unit-wide report agrees with `hours`, person by person, year by
 * year, and follows a change of rules.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "xs-test-util.h"
#include "xs-test-rules.h"

/* Activity templates; %u is a year in 2020..2026. */
static const char *const templates[] = {
  "kind=\"training\" subject=\"public\" start=\"%u-03-01\" end=\"%u-03-05\" days=\"4.5\"",
  "kind=\"training\" subject=\"professional\" start=\"%u-12-30\" end=\"%u-01-02\" days=\"3\"",
  "kind=\"online-course\" subject=\"public\" hours=\"12.5\" year=\"%u\"",
  "kind=\"paper\" role=\"first\" year=\"%u\"",
  "kind=\"paper\" role=\"other\" year=\"%u\"",
  "kind=\"invention-patent\" rank=\"2\" year=\"%u\"",
  "kind=\"utility-patent\" rank=\"5\" year=\"%u\"",
  "kind=\"research-project\" level=\"municipal\" role=\"host\" year=\"%u\"",
  "kind=\"aid-posting\" start=\"%u-10-01\" end=\"%u-04-30\" passed=\"true\"",
  "kind=\"aid-posting\" start=\"%u-07-01\" end=\"%u-03-31\" passed=\"true\"",
  "kind=\"overseas-exchange\" start=\"%u-09-01\" end=\"%u-08-31\" passed=\"true\"",
  "kind=\"certified-year\" year=\"%u\" public=\"30\" professional=\"55.5\"",
  "kind=\"expert-service\" mode=\"online\" hours=\"7.5\" year=\"%u\"",
  "kind=\"degree-course\" count=\"2\" year=\"%u\"",
};

static const char *const statuses[] = { "approved", "approved", "approved", "pending", "rejected" };

static char *
generate_unit (guint persons, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
                               "<unit id=\"U1\" category=\"municipal\" name=\"某某学校\"/>\n");
  guint serial = 0;

  for (guint p = 0; p < persons; p++)
    {
      guint n = (guint)g_rand_int_range (rand, 0, 25);
      guint certified_years = 0;

      g_string_append_printf (xml, "<person id=\"P%03u\" unit=\"U1\"%s>", p,
                              p % 7 == 3 ? " span-from=\"2022\" span-to=\"2026\"" : "");
      char id_number[XS_RESIDENT_ID_LENGTH + 1];

      xs_test_resident_id (p, id_number);
      g_string_append_printf (xml,
                              "<name>人员%u</name><gender>%s</gender>"
                              "<id-number>%s</id-number>\n",
                              p, p % 2 ? "female" : "male", id_number);
      /* A third of the unit has every year certified already, so some spans pass. */
      for (guint year = 2020; p % 3 == 0 && year <= 2026; year++)
        g_string_append_printf (xml,
                                "<activity id=\"A%u\" kind=\"certified-year\" year=\"%u\" "
                                "public=\"30\" professional=\"60\" status=\"approved\"/>\n",
                                serial++, year);
      for (guint i = 0; i < n; i++)
        {
          const char *t = templates[g_rand_int_range (rand, 0, G_N_ELEMENTS (templates))];

          guint year = (guint)g_rand_int_range (rand, 2020, 2027);
          g_autofree char *params = NULL;

          /* One certified year per person and year: those with every year have theirs. */
          if (strstr (t, "certified-year") != NULL)
            {
              if (p % 3 == 0 || (certified_years & (1u << (year - 2020))))
                continue;
              certified_years |= 1u << (year - 2020);
            }

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
          params = g_strdup_printf (t, year, year + 1);
#pragma GCC diagnostic pop
          /* Templates with one %u take the year once; the second is the following year. */
          g_string_append_printf (xml, "<activity id=\"A%u\" %s status=\"%s\"/>\n", serial++,
                                  params,
                                  statuses[g_rand_int_range (rand, 0, G_N_ELEMENTS (statuses))]);
        }
      g_string_append (xml, "</person>\n");
    }
  g_string_append (xml, "</xueshi>\n");
  return g_string_free (xml, FALSE);
}

static void
assert_figures_equal (const XsYearFigures *a, const XsYearFigures *b, const char *who, guint year)
{
  if (a->public_tenths != b->public_tenths || a->professional_tenths != b->professional_tenths ||
      a->total_tenths != b->total_tenths || a->compliant != b->compliant ||
      a->deemed_complete != b->deemed_complete)
    g_error ("%s %u: report %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT
             " %d %d, hours %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " %d %d",
             who, year, a->public_tenths, a->professional_tenths, a->compliant, a->deemed_complete,
             b->public_tenths, b->professional_tenths, b->compliant, b->deemed_complete);
}

/* Every person of the unit report equals their own hours report. */
static guint
assert_report_matches_hours (XsStore *store, XsRules *rules)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsUnitReport) report = xs_unit_report_new (store, rules, &error);
  guint passed = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < report->persons->len; i++)
    {
      const XsPersonSummary *s = g_ptr_array_index (report->persons, i);
      g_autoptr (GPtrArray) activities = xs_store_list_activities (store, s->person->id, &error);
      g_autoptr (XsHoursReport) hours = xs_hours_report_new (rules, s->person, activities);

      g_assert_cmpuint (s->span_from, ==, hours->span_from);
      g_assert_cmpuint (s->span_to, ==, hours->span_to);
      g_assert_cmpuint (s->n_years, ==, hours->years->len);
      for (guint k = 0; k < s->n_years; k++)
        {
          const XsYearSummary *a = &s->years[k];
          const XsYearSummary *b = &g_array_index (hours->years, XsYearSummary, k);

          g_assert_cmpuint (a->year, ==, b->year);
          assert_figures_equal (&a->confirmed, &b->confirmed, s->person->id, a->year);
          assert_figures_equal (&a->claimed, &b->claimed, s->person->id, a->year);
          g_assert_cmpuint (a->pending, ==, b->pending);
        }
      g_assert_cmpint (s->passed, ==, hours->passed);
      g_assert_cmpint (s->claimed_passed, ==, hours->claimed_passed);
      passed += s->passed;
    }
  return passed;
}

static XsStore *
import_generated (guint persons, XsRules *rules)
{
  g_autofree char *dir = g_dir_make_tmp ("unit-report-XXXXXX", NULL);
  g_autofree char *xml_path = g_build_filename (dir, "unit.xml", NULL);
  g_autofree char *db_path = g_build_filename (dir, "x.db", NULL);
  g_autofree char *xml = generate_unit (persons, 20260527);
  g_autoptr (GFile) file = g_file_new_for_path (xml_path);
  g_autoptr (GError) error = NULL;
  XsStore *store;
  XsImportResult result;

  g_file_set_contents (xml_path, xml, -1, &error);
  g_assert_no_error (error);
  store = (XsStore *)xs_sqlite_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_true (xs_import_file (store, rules, file, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  xs_import_result_clear (&result);
  return store;
}

static void
test_the_unit_report_agrees_with_hours_for_everyone (void)
{
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);
  g_autoptr (XsStore) store = import_generated (150, rules);
  guint updated = 99;
  guint passed;

  /* Import stamped the credits with these rules: nothing to recompute. */
  g_assert_true (xs_stored_credits_refresh (store, rules, &updated, NULL));
  g_assert_cmpuint (updated, ==, 0);

  passed = assert_report_matches_hours (store, rules);
  /* The mix has both outcomes, so the comparison covered both. */
  g_assert_cmpuint (passed, >, 0);
  g_assert_cmpuint (passed, <, 150);
}

static void
test_new_rules_recompute_stored_credits (void)
{
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);
  g_autoptr (XsRules) generous =
      xs_test_edited_rules ("unit=\"天\" hours=\"8\"", "unit=\"天\" hours=\"20\"");
  g_autoptr (XsStore) store = import_generated (120, rules);
  g_autoptr (GError) error = NULL;
  XsStoreCounts counts;
  guint updated = 0;
  guint passed_before, passed_after;

  passed_before = assert_report_matches_hours (store, rules);

  g_assert_true (xs_stored_credits_refresh (store, generous, &updated, &error));
  g_assert_no_error (error);
  g_assert_true (xs_store_get_counts (store, &counts, NULL));
  g_assert_cmpint (updated, ==, counts.activities);
  g_assert_true (xs_stored_credits_refresh (store, generous, &updated, &error));
  g_assert_cmpuint (updated, ==, 0);

  /* Stale credits (8 h a day) would disagree with hours (20 h a day) for every training. */
  passed_after = assert_report_matches_hours (store, generous);
  g_assert_cmpuint (passed_after, >=, passed_before);

  /* And back: the report refreshes by itself. */
  g_assert_cmpuint (assert_report_matches_hours (store, rules), ==, passed_before);
}

/* A person changes (here: a span of their own, three years instead of five): their summary is
 * replaced by their hours report, and nobody else's moves. */
static void
test_update_person_replaces_one_summary (void)
{
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);
  g_autoptr (XsStore) store = import_generated (12, rules);
  g_autoptr (GError) error = NULL;
  g_autoptr (XsUnitReport) report = xs_unit_report_new (store, rules, &error);
  const XsPersonSummary *before = g_ptr_array_index (report->persons, 1);
  const XsPersonSummary *neighbour = g_ptr_array_index (report->persons, 2);
  const XsPersonSummary *after;
  g_autoptr (XsPerson) person = xs_person_new ();
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (XsHoursReport) hours = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (before->n_years, ==, 5);
  person->id = g_strdup (before->person->id);
  person->unit_id = g_strdup (before->person->unit_id);
  person->name = g_strdup ("改名");
  person->span_from = 2023;
  person->span_to = 2025;
  activities = xs_store_list_activities (store, person->id, &error);
  g_assert_no_error (error);
  hours = xs_hours_report_new (rules, person, activities);

  xs_unit_report_update_person (report, 1, hours);
  after = g_ptr_array_index (report->persons, 1);
  g_assert_true (after->person == person);
  g_assert_cmpuint (after->span_from, ==, 2023);
  g_assert_cmpuint (after->span_to, ==, 2025);
  g_assert_cmpuint (after->n_years, ==, 3);
  for (guint k = 0; k < 3; k++)
    {
      const XsYearSummary *b = &g_array_index (hours->years, XsYearSummary, k);

      g_assert_cmpuint (after->years[k].year, ==, 2023 + k);
      assert_figures_equal (&after->years[k].confirmed, &b->confirmed, person->id, b->year);
      assert_figures_equal (&after->years[k].claimed, &b->claimed, person->id, b->year);
      g_assert_cmpuint (after->years[k].pending, ==, b->pending);
    }
  g_assert_cmpint (after->passed, ==, hours->passed);
  g_assert_cmpint (after->claimed_passed, ==, hours->claimed_passed);
  g_assert_cmpuint (after->pending, ==, hours->pending);
  g_assert_true (g_ptr_array_index (report->persons, 2) == neighbour);
  g_assert_cmpuint (report->persons->len, ==, 12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();

  g_test_add_func ("/unit-report/agrees-with-hours-for-everyone",
                   test_the_unit_report_agrees_with_hours_for_everyone);
  g_test_add_func ("/unit-report/update-person-replaces-one-summary",
                   test_update_person_replaces_one_summary);
  g_test_add_func ("/unit-report/new-rules-recompute-stored-credits",
                   test_new_rules_recompute_stored_credits);
  return g_test_run ();
}
