/* test-views-agree.c — every view of a person's years shows the same figures.
 *
 * Thousands of random persons (every kind, postings and exchanges over several years,
 * pending and rejected activities, certified years, span overrides) go into a database; the
 * hours report, the unit report's aggregate, a unit report updated person by person,
 * `hours --json`, `report --json` and the sheet's pending count must agree field by field.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>

#include "xs-test-util.h"

/* %1$u is a year, %2$u the next one. */
static const char *const templates[] = {
  "kind=\"training\" subject=\"public\" start=\"%1$u-03-01\" end=\"%1$u-03-05\" days=\"4.5\"",
  "kind=\"training\" subject=\"professional\" start=\"%1$u-12-30\" end=\"%2$u-01-02\" days=\"3\"",
  "kind=\"practice\" subject=\"professional\" start=\"%1$u-05-01\" end=\"%1$u-05-20\" days=\"8\"",
  "kind=\"academic-event\" subject=\"public\" start=\"%1$u-06-01\" end=\"%1$u-06-02\" days=\"1.5\"",
  "kind=\"online-course\" subject=\"public\" hours=\"12.5\" year=\"%1$u\"",
  "kind=\"online-course\" subject=\"professional\" hours=\"40\" year=\"%1$u\"",
  "kind=\"research-project\" level=\"provincial\" role=\"host\" year=\"%1$u\"",
  "kind=\"research-project\" level=\"municipal\" role=\"other\" year=\"%1$u\"",
  "kind=\"book\" role=\"first\" year=\"%1$u\"",
  "kind=\"paper\" role=\"first\" year=\"%1$u\"",
  "kind=\"paper\" role=\"other\" year=\"%1$u\"",
  "kind=\"invention-patent\" rank=\"1\" year=\"%1$u\"",
  "kind=\"utility-patent\" rank=\"5\" year=\"%1$u\"",
  "kind=\"award\" level=\"municipal\" grade=\"2\" year=\"%1$u\"",
  "kind=\"skills-contest\" level=\"national\" medal=\"bronze\" year=\"%1$u\"",
  "kind=\"expert-service\" mode=\"onsite\" days=\"2\" start=\"%1$u-04-01\" end=\"%1$u-04-02\"",
  "kind=\"expert-service\" mode=\"online\" hours=\"7.5\" year=\"%1$u\"",
  "kind=\"degree-course\" count=\"2\" year=\"%1$u\"",
  "kind=\"qualification-exam\" count=\"1\" year=\"%1$u\"",
  "kind=\"digital-skills-exam\" count=\"3\" year=\"%1$u\"",
  /* Deemed: half a year (one year), a year and more (every year touched), too short. */
  "kind=\"aid-posting\" start=\"%1$u-10-01\" end=\"%2$u-04-30\" passed=\"true\"",
  "kind=\"aid-posting\" start=\"%1$u-03-01\" end=\"%2$u-05-31\" passed=\"true\"",
  "kind=\"aid-posting\" start=\"%1$u-07-01\" end=\"%2$u-12-31\" passed=\"true\"",
  "kind=\"aid-posting\" start=\"%1$u-07-01\" end=\"%1$u-09-30\" passed=\"true\"",
  "kind=\"overseas-exchange\" start=\"%1$u-09-01\" end=\"%2$u-08-31\" passed=\"true\"",
  "kind=\"overseas-exchange\" start=\"%1$u-09-01\" end=\"%2$u-08-31\" passed=\"false\"",
};

static const char *const statuses[] = { "approved", "approved", "pending", "rejected" };

static char *
generate (guint persons, guint32 seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
                               "<unit id=\"U1\" category=\"municipal\" name=\"某某学校\"/>\n");
  guint serial = 0;

  for (guint p = 0; p < persons; p++)
    {
      guint n = (guint)g_rand_int_range (rand, 0, 20);
      guint span_from = (guint)g_rand_int_range (rand, 2018, 2024);
      g_autofree char *span =
          g_rand_int_range (rand, 0, 5) == 0
              ? g_strdup_printf (" span-from=\"%u\" span-to=\"%u\"", span_from,
                                 span_from + (guint)g_rand_int_range (rand, 0, 6))
              : g_strdup ("");

      char id_number[XS_RESIDENT_ID_LENGTH + 1];

      xs_test_resident_id (p, id_number);
      g_string_append_printf (xml, "<person id=\"P%05u\" unit=\"U1\"%s>", p, span);
      g_string_append_printf (xml,
                              "<name>人员%u</name><gender>%s</gender>"
                              "<id-number>%s</id-number>\n",
                              p, p % 2 ? "female" : "male", id_number);
      /* Certified years: at most one per year that is not rejected, a rejected one beside. */
      for (guint year = 2019; year <= 2027; year++)
        {
          guint roll = (guint)g_rand_int_range (rand, 0, 6);

          /* Every tenth person has every year certified, so some spans pass. */
          if (p % 10 == 0)
            {
              g_string_append_printf (xml,
                                      "<activity id=\"A%u\" kind=\"certified-year\" "
                                      "year=\"%u\" public=\"30\" professional=\"60\" "
                                      "status=\"approved\"/>\n",
                                      serial++, year);
              continue;
            }

          if (roll >= 3)
            continue;
          g_string_append_printf (xml,
                                  "<activity id=\"A%u\" kind=\"certified-year\" year=\"%u\" "
                                  "public=\"%u\" professional=\"%u\" status=\"%s\"/>\n",
                                  serial++, year, 25 + roll * 3, 55 + roll * 4, statuses[roll]);
          if (roll == 2)
            g_string_append_printf (xml,
                                    "<activity id=\"A%u\" kind=\"certified-year\" year=\"%u\" "
                                    "public=\"30\" professional=\"60\" status=\"rejected\"/>\n",
                                    serial++, year);
        }
      for (guint i = 0; i < n; i++)
        {
          const char *t = templates[g_rand_int_range (rand, 0, G_N_ELEMENTS (templates))];
          guint year = (guint)g_rand_int_range (rand, 2018, 2027);
          g_autofree char *params = NULL;

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
          params = g_strdup_printf (t, year, year + 1);
#pragma GCC diagnostic pop
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
assert_figures (const XsYearFigures *a, const XsYearFigures *b, const char *view, const char *who,
                guint year)
{
  if (a->public_tenths != b->public_tenths || a->professional_tenths != b->professional_tenths ||
      a->total_tenths != b->total_tenths || a->compliant != b->compliant ||
      a->deemed_complete != b->deemed_complete)
    g_error ("%s, %s %u: %lld/%lld/%lld %d %d, hours %lld/%lld/%lld %d %d", view, who, year,
             (long long)a->public_tenths, (long long)a->professional_tenths,
             (long long)a->total_tenths, a->compliant, a->deemed_complete,
             (long long)b->public_tenths, (long long)b->professional_tenths,
             (long long)b->total_tenths, b->compliant, b->deemed_complete);
}

static void
assert_summary (const XsPersonSummary *s, const XsHoursReport *h, const char *view)
{
  g_assert_cmpuint (s->span_from, ==, h->span_from);
  g_assert_cmpuint (s->span_to, ==, h->span_to);
  g_assert_cmpuint (s->n_years, ==, h->years->len);
  for (guint k = 0; k < s->n_years; k++)
    {
      const XsYearSummary *a = &s->years[k];
      const XsYearSummary *b = &g_array_index (h->years, XsYearSummary, k);

      g_assert_cmpuint (a->year, ==, b->year);
      assert_figures (&a->confirmed, &b->confirmed, view, s->person->id, a->year);
      assert_figures (&a->claimed, &b->claimed, view, s->person->id, a->year);
      if (a->pending != b->pending)
        g_error ("%s, %s %u: pending %u, hours %u", view, s->person->id, a->year, a->pending,
                 b->pending);
    }
  g_assert_cmpint (s->passed, ==, h->passed);
  g_assert_cmpint (s->claimed_passed, ==, h->claimed_passed);
  g_assert_cmpuint (s->pending, ==, h->pending);
}

static gint64
json_tenths (JsonObject *o, const char *member)
{
  return (gint64)(json_object_get_double_member (o, member) * 10 + 0.5);
}

/* A year of `hours --json` or `report --json` against the hours report's own. */
static void
assert_json_year (JsonObject *o, const XsYearSummary *y, const char *view, const char *who)
{
  XsYearFigures confirmed = {
    .public_tenths = json_tenths (o, "public"),
    .professional_tenths = json_tenths (o, "professional"),
    .total_tenths = json_tenths (o, "total"),
    .compliant = json_object_get_boolean_member (o, "compliant"),
    .deemed_complete = json_object_get_boolean_member (o, "deemed_complete"),
  };

  g_assert_cmpuint (json_object_get_int_member (o, "year"), ==, y->year);
  assert_figures (&confirmed, &y->confirmed, view, who, y->year);
  g_assert_cmpint (json_tenths (o, "claimed_public"), ==, y->claimed.public_tenths);
  g_assert_cmpint (json_tenths (o, "claimed_professional"), ==, y->claimed.professional_tenths);
  g_assert_cmpint (json_tenths (o, "claimed_total"), ==, y->claimed.total_tenths);
  g_assert_cmpint (json_object_get_int_member (o, "pending"), ==, y->pending);
}

/* As printed: hours with a tenth are written as numbers only when serialised. */
static JsonNode *
printed (JsonNode *node)
{
  g_autoptr (JsonNode) owned = node;
  g_autofree char *text = xs_json_to_string (owned, FALSE);
  g_autoptr (GError) error = NULL;
  JsonNode *parsed = json_from_string (text, &error);

  g_assert_no_error (error);
  return parsed;
}

static void
assert_hours_json (const XsHoursReport *h)
{
  g_autoptr (JsonNode) node = printed (xs_json_hours_report (h));
  JsonObject *root = json_node_get_object (node);
  JsonObject *span = json_object_get_object_member (root, "span");
  JsonArray *years = json_object_get_array_member (root, "years");

  g_assert_cmpint (json_object_get_boolean_member (span, "passed"), ==, h->passed);
  g_assert_cmpuint (json_array_get_length (years), ==, h->years->len);
  for (guint k = 0; k < h->years->len; k++)
    assert_json_year (json_array_get_object_element (years, k),
                      &g_array_index (h->years, XsYearSummary, k), "hours --json", h->person->id);
}

/* The sheet counts the pending activities that would count in the span. */
static void
assert_sheet_pending (XsRules *rules, XsUnit *unit, XsPerson *person, GPtrArray *activities,
                      const XsHoursReport *h)
{
  g_autoptr (XsSheet) sheet = xs_sheet_new (rules, unit, person, activities);
  guint expected = 0;

  for (guint i = 0; i < h->activities->len; i++)
    {
      const XsActivityResult *r = g_ptr_array_index (h->activities, i);
      gboolean touches = FALSE;

      for (guint k = 0; k < h->years->len; k++)
        touches |=
            xs_credit_counts_in_year (r->credit, g_array_index (h->years, XsYearSummary, k).year);
      expected += r->activity->status == XS_STATUS_PENDING && touches;
    }
  g_assert_cmpuint (xs_sheet_get_pending (sheet), ==, expected);
}

static void
test_every_view_agrees (void)
{
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);
  g_autofree char *dir = g_dir_make_tmp ("views-agree-XXXXXX", NULL);
  g_autofree char *xml_path = g_build_filename (dir, "unit.xml", NULL);
  g_autofree char *db_path = g_build_filename (dir, "x.db", NULL);
  /* The sanitizer run is some 40 times slower: fewer persons there, the same mix. */
  guint persons = g_getenv ("ASAN_OPTIONS") != NULL ? 250 : 2000;
  g_autofree char *xml = generate (persons, g_test_rand_int ());
  g_autoptr (GFile) file = g_file_new_for_path (xml_path);
  g_autoptr (GError) error = NULL;
  g_autoptr (XsStore) store = NULL;
  g_autoptr (XsUnitReport) report = NULL;
  g_autoptr (XsUnitReport) updated = NULL;
  g_autoptr (JsonNode) report_json = NULL;
  g_autoptr (XsUnit) unit = NULL;
  JsonArray *json_persons;
  XsImportResult result;
  guint replaced = 0, deemed_pending = 0, passed = 0;

  g_file_set_contents (xml_path, xml, -1, &error);
  g_assert_no_error (error);
  store = (XsStore *)xs_sqlite_store_open (db_path, &error);
  g_assert_no_error (error);
  xs_import_file (store, rules, file, NULL, NULL, NULL, &result, &error);
  g_assert_no_error (error);
  xs_import_result_clear (&result);

  report = xs_unit_report_new (store, rules, &error);
  g_assert_no_error (error);
  updated = xs_unit_report_new (store, rules, &error);
  g_assert_no_error (error);
  report_json = printed (xs_json_unit_report (report, rules));
  json_persons = json_object_get_array_member (json_node_get_object (report_json), "persons");
  g_assert_cmpuint (json_array_get_length (json_persons), ==, report->persons->len);
  unit = xs_store_get_unit (store, "U1", &error);
  g_assert_no_error (error);

  for (guint i = 0; i < report->persons->len; i++)
    {
      const XsPersonSummary *s = g_ptr_array_index (report->persons, i);
      g_autoptr (GPtrArray) activities = xs_store_list_activities (store, s->person->id, &error);
      g_autoptr (XsHoursReport) h = NULL;
      JsonObject *jp = json_array_get_object_element (json_persons, i);
      JsonArray *jyears = json_object_get_array_member (jp, "years");

      g_assert_no_error (error);
      h = xs_hours_report_new (rules, s->person, activities);
      assert_summary (s, h, "unit report");
      xs_unit_report_update_person (updated, i, h);
      assert_summary (g_ptr_array_index (updated->persons, i), h, "updated unit report");
      assert_hours_json (h);
      g_assert_cmpstr (json_object_get_string_member (jp, "person"), ==, s->person->id);
      g_assert_cmpuint (json_array_get_length (jyears), ==, h->years->len);
      for (guint k = 0; k < h->years->len; k++)
        assert_json_year (json_array_get_object_element (jyears, k),
                          &g_array_index (h->years, XsYearSummary, k), "report --json",
                          s->person->id);
      if (i % 10 == 0)
        assert_sheet_pending (rules, unit, s->person, activities, h);

      for (guint k = 0; k < h->activities->len; k++)
        {
          const XsActivityResult *r = g_ptr_array_index (h->activities, k);

          replaced += r->replaced;
          deemed_pending += r->activity->status == XS_STATUS_PENDING &&
                            xs_credit_is_deemed (r->credit) && r->credit->deemed_years->len > 1;
        }
      passed += h->passed;
    }
  /* The mix covered what it is for. */
  g_assert_cmpuint (replaced, >, 0);
  g_assert_cmpuint (deemed_pending, >, 0);
  g_assert_cmpuint (passed, >, 0);
  g_assert_cmpuint (passed, <, report->persons->len);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();
  g_test_add_func ("/views/every-view-agrees", test_every_view_agrees);
  return g_test_run ();
}
