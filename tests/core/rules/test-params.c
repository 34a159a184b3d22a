/* test-params.c — the one parameter table: every type's limits accepted at the edge and
 * refused one past it, the engine saying what xs_param_parse() says, and an activity's
 * parameters parsed once however often they are read afterwards.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "xs-core.h"
#include "xs-test-rules.h"

/* "name=value …" into an activity of @kind. */
static XsActivity *
make_activity (const char *kind, const char *params)
{
  XsActivity *a = xs_activity_new ();
  g_auto (GStrv) pairs = g_strsplit (params, " ", -1);

  a->id = g_strdup ("A1");
  a->person_id = g_strdup ("P001");
  a->kind = g_strdup (kind);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      char *eq = strchr (pairs[i], '=');

      g_assert_nonnull (eq);
      *eq = '\0';
      xs_activity_set_param (a, pairs[i], eq + 1);
    }
  return a;
}

typedef struct
{
  const char *path;
  const char *kind;
  const char *params; /* the rest of a valid activity */
  const char *name;   /* the parameter at its limit */
  const char *value;
  gboolean accepted;
} Boundary;

#define TRAINING "subject=public start=2021-03-01 end=2021-03-01 days=1"
#define LONG_TRAINING "subject=public start=2021-01-01 end=2023-12-31"

/* Limits from the exchange format (data/schema/exchange-1.rng): what is accepted here can be
 * exported and imported again. */
static const Boundary boundaries[] = {
  { "/params/year/1990-is-accepted", "paper", "role=first", "year", "1990", TRUE },
  { "/params/year/1989-is-refused", "paper", "role=first", "year", "1989", FALSE },
  { "/params/year/2100-is-accepted", "paper", "role=first", "year", "2100", TRUE },
  { "/params/year/2101-is-refused", "paper", "role=first", "year", "2101", FALSE },
  { "/params/date/1990-01-01-is-accepted", "online-course", "subject=public hours=8", "end",
    "1990-01-01", TRUE },
  { "/params/date/1989-12-31-is-refused", "online-course", "subject=public hours=8", "end",
    "1989-12-31", FALSE },
  { "/params/date/2100-12-31-is-accepted", "online-course", "subject=public hours=8", "end",
    "2100-12-31", TRUE },
  { "/params/date/2101-01-01-is-refused", "online-course", "subject=public hours=8", "end",
    "2101-01-01", FALSE },
  { "/params/half-days/0.5-is-accepted", "training", LONG_TRAINING, "days", "0.5", TRUE },
  { "/params/half-days/0-is-refused", "training", LONG_TRAINING, "days", "0", FALSE },
  { "/params/half-days/999.5-is-accepted", "training", LONG_TRAINING, "days", "999.5", TRUE },
  { "/params/half-days/1000-is-refused", "training", LONG_TRAINING, "days", "1000", FALSE },
  { "/params/hours/0-is-accepted", "online-course", "subject=public year=2023", "hours", "0",
    TRUE },
  { "/params/hours/minus-0.1-is-refused", "online-course", "subject=public year=2023", "hours",
    "-0.1", FALSE },
  { "/params/hours/9999.9-is-accepted", "online-course", "subject=public year=2023", "hours",
    "9999.9", TRUE },
  { "/params/hours/10000-is-refused", "online-course", "subject=public year=2023", "hours", "10000",
    FALSE },
  { "/params/count/1-is-accepted", "qualification-exam", "year=2022", "count", "1", TRUE },
  { "/params/count/0-is-refused", "qualification-exam", "year=2022", "count", "0", FALSE },
  { "/params/count/999-is-accepted", "qualification-exam", "year=2022", "count", "999", TRUE },
  { "/params/count/1000-is-refused", "qualification-exam", "year=2022", "count", "1000", FALSE },
  { "/params/rank/1-is-accepted", "invention-patent", "year=2022", "rank", "1", TRUE },
  { "/params/rank/0-is-refused", "invention-patent", "year=2022", "rank", "0", FALSE },
  { "/params/rank/9999-is-accepted", "invention-patent", "year=2022", "rank", "9999", TRUE },
  { "/params/rank/10000-is-refused", "invention-patent", "year=2022", "rank", "10000", FALSE },
  { "/params/theme/1-is-accepted", "training", TRAINING, "theme", "1", TRUE },
  { "/params/theme/0-is-refused", "training", TRAINING, "theme", "0", FALSE },
  { "/params/theme/3-is-accepted", "training", TRAINING, "theme", "3", TRUE },
  { "/params/theme/4-is-refused", "training", TRAINING, "theme", "4", FALSE },
  { "/params/enum/grade-3-is-accepted", "award", "level=provincial year=2022", "grade", "3", TRUE },
  { "/params/enum/grade-4-is-refused", "award", "level=provincial year=2022", "grade", "4", FALSE },
  { "/params/boolean/false-is-accepted", "aid-posting", "start=2022-03-01 end=2022-09-30", "passed",
    "false", TRUE },
  { "/params/boolean/no-is-refused", "aid-posting", "start=2022-03-01 end=2022-09-30", "passed",
    "no", FALSE },
  { "/params/subject/professional-is-accepted", "online-course", "year=2023 hours=8", "subject",
    "professional", TRUE },
  { "/params/subject/both-is-refused", "online-course", "year=2023 hours=8", "subject", "both",
    FALSE },
};

static void
test_boundary (gconstpointer data)
{
  const Boundary *row = data;
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (XsActivity) a = make_activity (row->kind, row->params);
  const XsParamSpec *spec = xs_kind_get_param (xs_rules_get_kind (rules, row->kind), row->name);
  g_autoptr (GError) engine_error = NULL;
  g_autoptr (GError) param_error = NULL;
  g_autofree char *expected = NULL;
  XsParamValue value;

  g_assert_nonnull (spec);
  xs_activity_set_param (a, row->name, row->value);

  g_assert_cmpint (xs_param_parse (rules, spec, row->value, &value, &param_error), ==,
                   row->accepted);
  g_assert_cmpint (xs_engine_validate (rules, a, &engine_error), ==, row->accepted);
  if (row->accepted)
    {
      g_assert_no_error (param_error);
      g_assert_no_error (engine_error);
      return;
    }

  /* The engine says what the field check says, about this activity. */
  g_assert_error (engine_error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_BAD_VALUE);
  g_assert_error (param_error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_BAD_VALUE);
  expected = g_strdup_printf ("Activity A1: %s", param_error->message);
  g_assert_cmpstr (engine_error->message, ==, expected);
  g_assert_nonnull (strstr (param_error->message, row->value));
  g_assert_nonnull (strstr (param_error->message, xs_param_get_label (row->name)));
}

/* The limits in the messages are the table's: a clerk is told the range that is enforced. */
static void
test_messages_name_the_limits (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  const XsKind *paper = xs_rules_get_kind (rules, "paper");
  const XsKind *training = xs_rules_get_kind (rules, "training");
  const XsKind *exam = xs_rules_get_kind (rules, "qualification-exam");
  g_autoptr (GError) year_error = NULL;
  g_autoptr (GError) days_error = NULL;
  g_autoptr (GError) count_error = NULL;
  XsParamValue value;

  g_assert_false (
      xs_param_parse (rules, xs_kind_get_param (paper, "year"), "2101", &value, &year_error));
  g_assert_nonnull (strstr (year_error->message, "1990"));
  g_assert_nonnull (strstr (year_error->message, "2100"));
  g_assert_false (
      xs_param_parse (rules, xs_kind_get_param (training, "days"), "1000", &value, &days_error));
  g_assert_nonnull (strstr (days_error->message, "999.5"));
  g_assert_false (
      xs_param_parse (rules, xs_kind_get_param (exam, "count"), "1000", &value, &count_error));
  g_assert_nonnull (strstr (count_error->message, "999"));
}

static void
test_parse_gives_typed_values (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  const XsKind *training = xs_rules_get_kind (rules, "training");
  const XsKind *research = xs_rules_get_kind (rules, "research-project");
  XsParamValue value;

  g_assert_true (
      xs_param_parse (rules, xs_kind_get_param (training, "start"), "2024-02-29", &value, NULL));
  g_assert_cmpint (value.type, ==, XS_PARAM_DATE);
  g_assert_cmpuint (g_date_get_year (&value.date), ==, 2024);
  g_assert_cmpuint (g_date_get_month (&value.date), ==, 2);
  g_assert_cmpuint (g_date_get_day (&value.date), ==, 29);
  g_assert_true (xs_param_parse (rules, xs_kind_get_param (training, "days"), "2.5", &value, NULL));
  g_assert_cmpint (value.tenths, ==, 25);
  g_assert_true (
      xs_param_parse (rules, xs_kind_get_param (research, "role"), "main", &value, NULL));
  g_assert_cmpstr (xs_kind_get_param (research, "role")->values[value.number], ==, "main");
}

/* Validation and every credit after it read the values parsed once. */
static void
test_values_are_parsed_once (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (XsActivity) a =
      make_activity ("training", "subject=public start=2021-12-30 end=2022-01-02 days=2.5");
  g_autoptr (XsCredit) first = NULL;
  g_autoptr (XsCredit) second = NULL;
  g_autoptr (XsCredit) changed = NULL;
  guint before = xs_param_get_parse_count ();

  g_assert_true (xs_engine_validate (rules, a, NULL));
  first = xs_engine_compute (rules, a);
  second = xs_engine_compute (rules, a);
  g_assert_true (xs_engine_validate (rules, a, NULL));
  /* Four parameters, four parses: not one per read. */
  g_assert_cmpuint (xs_param_get_parse_count () - before, ==, 4);
  g_assert_cmpint (xs_credit_get_hours (first), ==, 200);
  g_assert_cmpuint (first->year, ==, 2022);
  g_assert_cmpint (xs_credit_get_hours (second), ==, 200);

  /* A change drops the parsed values: the credit follows the new one. */
  xs_activity_set_param (a, "days", "3");
  changed = xs_engine_compute (rules, a);
  g_assert_cmpint (xs_credit_get_hours (changed), ==, 240);
}

/* Another rule file (another digest) never reads values parsed under the first. */
static void
test_values_follow_the_rule_file (void)
{
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (XsRules) other =
      xs_test_edited_rules ("<theme id=\"3\"", "<theme id=\"4\""); /* theme 3 is gone */
  g_autoptr (XsActivity) a = make_activity ("training", TRAINING " theme=3");
  g_autoptr (GError) error = NULL;

  g_assert_true (xs_engine_validate (rules, a, NULL));
  g_assert_false (xs_engine_validate (other, a, &error));
  g_assert_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_BAD_VALUE);
  g_assert_true (xs_engine_validate (rules, a, NULL));
}

/* One save through xs-records: each value parsed once, from validation to the stored credit. */
static void
test_a_save_parses_each_value_once (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("params-XXXXXX", &error);
  g_autofree char *db_path = g_build_filename (dir, "x.db", NULL);
  g_autoptr (XsStore) store = (XsStore *)xs_sqlite_store_open (db_path, &error);
  g_autoptr (XsRules) rules = xs_test_shipped_rules ();
  g_autoptr (XsUnit) unit = xs_unit_new ();
  g_autoptr (XsPerson) person = xs_person_new ();
  g_autoptr (XsActivity) a =
      make_activity ("training", "subject=public start=2021-03-01 end=2021-03-03 days=2.5");
  guint before;

  g_assert_no_error (error);
  unit->id = g_strdup ("U1");
  unit->category = g_strdup ("provincial");
  unit->name = g_strdup ("湖南省某某医院");
  person->id = g_strdup ("P001");
  person->unit_id = g_strdup ("U1");
  person->name = g_strdup ("张三");
  person->gender = g_strdup ("male");
  person->id_number = g_strdup ("11010519491231002X");
  g_assert_true (xs_store_begin (store, &error));
  g_assert_true (xs_store_put_unit (store, unit, &error));
  g_assert_true (xs_store_put_person (store, person, &error));
  g_assert_true (xs_store_commit (store, &error));

  before = xs_param_get_parse_count ();
  g_assert_true (xs_records_save_activity (store, rules, a, "test", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (xs_param_get_parse_count () - before, ==, 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();

  for (guint i = 0; i < G_N_ELEMENTS (boundaries); i++)
    g_test_add_data_func (boundaries[i].path, &boundaries[i], test_boundary);
  g_test_add_func ("/params/messages-name-the-limits", test_messages_name_the_limits);
  g_test_add_func ("/params/parse-gives-typed-values", test_parse_gives_typed_values);
  g_test_add_func ("/params/typed/parsed-once-for-validation-and-credit",
                   test_values_are_parsed_once);
  g_test_add_func ("/params/typed/another-rule-file-parses-again",
                   test_values_follow_the_rule_file);
  g_test_add_func ("/params/typed/a-save-parses-each-value-once",
                   test_a_save_parses_each_value_once);
  return g_test_run ();
}
