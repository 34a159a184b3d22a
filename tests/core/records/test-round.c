/* test-round.c — the verification round: every chain of rules-2026.md section 6, the override
 * on a failing span, returns, reopening on a change, filing, and what `hours --json` and
 * `round --list` say.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "xs-test-util.h"

typedef XsTestStore Fixture;

/* P1 passes its span (every year certified); P2 has nothing; one unit per category. */
static const char document[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
    "  <unit id=\"UP\" category=\"provincial\" name=\"湖南省某某医院\"/>\n"
    "  <unit id=\"UM\" category=\"municipal\" name=\"株洲市某某中学\"/>\n"
    "  <unit id=\"UO\" category=\"other\" name=\"长沙某某设计有限公司\"/>\n"
    "  <unit id=\"UC\" category=\"central\" name=\"中国某某集团湖南分公司\"/>\n"
    "  <person id=\"P1\" unit=\"UP\"><name>张三</name><gender>male</gender>"
    "<id-number>11010519491231002X</id-number>\n"
    "    <activity id=\"C21\" kind=\"certified-year\" year=\"2021\" public=\"30\" "
    "professional=\"60\" status=\"approved\"/>\n"
    "    <activity id=\"C22\" kind=\"certified-year\" year=\"2022\" public=\"30\" "
    "professional=\"60\" status=\"approved\"/>\n"
    "    <activity id=\"C23\" kind=\"certified-year\" year=\"2023\" public=\"30\" "
    "professional=\"60\" status=\"approved\"/>\n"
    "    <activity id=\"C24\" kind=\"certified-year\" year=\"2024\" public=\"30\" "
    "professional=\"60\" status=\"approved\"/>\n"
    "    <activity id=\"C25\" kind=\"certified-year\" year=\"2025\" public=\"30\" "
    "professional=\"60\" status=\"approved\"/>\n"
    "  </person>\n"
    "  <person id=\"P2\" unit=\"UP\"><name>李四</name><gender>female</gender>"
    "<id-number>430102198001010011</id-number></person>\n"
    "</xueshi>\n";

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  xs_test_store_set_up (f);
  xs_test_import_text (f, "unit.xml", document);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  xs_test_store_tear_down (f);
}

static const char *
stage_of (Fixture *f, const char *person_id)
{
  static char buf[64];
  g_autoptr (GError) error = NULL;
  g_autoptr (XsRound) round = xs_records_get_round (f->store, f->rules, person_id, &error);

  g_assert_no_error (error);
  g_strlcpy (buf, xs_round_get_stage (round), sizeof buf);
  return buf;
}

static void
pass (Fixture *f, const char *person_id, const char *opinion)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (
      xs_records_round_pass (f->store, f->rules, person_id, "王五", opinion, NULL, &error));
  g_assert_no_error (error);
}

static void
move_to (Fixture *f, const char *person_id, const char *unit)
{
  g_autoptr (XsPerson) p = xs_store_get_person (f->store, person_id, NULL);
  g_autoptr (GError) error = NULL;

  g_free (p->unit_id);
  p->unit_id = g_strdup (unit);
  g_assert_true (xs_records_edit_person (f->store, p, "test", NULL, &error));
  g_assert_no_error (error);
}

/* Each category's chain, stage by stage, in the rule file's order, then filed. */
static void
test_every_chain_files_after_its_stages (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *unit;
    const char *stages[4];
  } chains[] = {
    { "UP", { "employer", "supervisor", "filing", NULL } },
    { "UM", { "employer", "filing", NULL } },
    { "UO", { "filing", NULL } },
    { "UC", { "employer", "filing", NULL } },
  };

  for (guint c = 0; c < G_N_ELEMENTS (chains); c++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("Q%u", c);
      g_autoptr (XsPerson) p = xs_store_get_person (f->store, "P1", NULL);
      g_autoptr (XsRound) round = NULL;
      guint n;

      /* A copy of P1 (span passing) in this unit. */
      g_free (p->id);
      p->id = g_strdup (id);
      g_free (p->unit_id);
      p->unit_id = g_strdup (chains[c].unit);
      {
        g_autofree char *first17 = g_strdup_printf ("11010519500101%03u", c + 1);

        g_free (p->id_number);
        p->id_number =
            g_strdup_printf ("%s%c", first17, xs_resident_id_compute_check_digit (first17));
      }
      g_assert_true (xs_records_add_person (f->store, p, "test", &error));
      g_assert_no_error (error);
      for (guint y = 2021; y <= 2025; y++)
        {
          g_autoptr (XsActivity) a = xs_activity_new ();
          g_autofree char *year = g_strdup_printf ("%u", y);

          a->id = g_strdup_printf ("%s-C%u", id, y);
          a->person_id = g_strdup (id);
          a->kind = g_strdup ("certified-year");
          a->status = XS_STATUS_APPROVED;
          xs_activity_set_param (a, "year", year);
          xs_activity_set_param (a, "public", "30");
          xs_activity_set_param (a, "professional", "60");
          g_assert_true (xs_records_save_activity (f->store, f->rules, a, "test", &error));
          g_assert_no_error (error);
        }

      n = g_strv_length ((char **)chains[c].stages);
      round = xs_records_get_round (f->store, f->rules, id, &error);
      g_assert_cmpuint (round->n_stages, ==, n);
      g_clear_pointer (&round, xs_round_free);
      for (guint s = 0; s < n; s++)
        {
          g_assert_cmpstr (stage_of (f, id), ==, chains[c].stages[s]);
          pass (f, id, "同意");
        }
      g_assert_cmpstr (stage_of (f, id), ==, XS_ROUND_FILED);

      /* Filed: nothing more to pass or return. */
      g_assert_false (xs_records_round_pass (f->store, f->rules, id, "王五", NULL, NULL, &error));
      g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_false (xs_records_round_return (f->store, f->rules, id, "晚了", "王五", &error));
      g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
    }
}

static void
test_a_failing_span_needs_an_override (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsRound) round = NULL;

  g_assert_false (xs_records_round_pass (f->store, f->rules, "P2", "王五", "同意", NULL, &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NEEDS_REASON);
  g_assert_nonnull (strstr (error->message, "李四"));
  g_clear_error (&error);
  g_assert_cmpstr (stage_of (f, "P2"), ==, "employer");

  g_assert_true (xs_records_round_pass (f->store, f->rules, "P2", "王五", "同意上报",
                                        "2024年援藏，学时另行认定", &error));
  g_assert_no_error (error);
  round = xs_records_get_round (f->store, f->rules, "P2", NULL);
  g_assert_cmpstr (xs_round_get_stage (round), ==, "supervisor");
  g_assert_cmpstr (round->stages[0].override, ==, "2024年援藏，学时另行认定");
  g_assert_cmpstr (round->stages[0].opinion, ==, "同意上报");
  g_assert_cmpstr (round->stages[0].reviewer, ==, "王五");
  /* Later stages do not look at the span. */
  g_assert_true (xs_records_round_pass (f->store, f->rules, "P2", "赵六", NULL, NULL, &error));
  g_assert_no_error (error);
}

static void
test_a_return_goes_back_to_the_first_stage (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsRound) round = NULL;

  pass (f, "P1", "同意");
  g_assert_cmpstr (stage_of (f, "P1"), ==, "supervisor");
  g_assert_false (xs_records_round_return (f->store, f->rules, "P1", "", "赵六", &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NEEDS_REASON);
  g_clear_error (&error);
  g_assert_false (xs_records_round_return (f->store, f->rules, "P1", "材料\n不全", "赵六", &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (
      xs_records_round_return (f->store, f->rules, "P1", "2023年证书不清晰", "赵六", &error));
  g_assert_no_error (error);

  round = xs_records_get_round (f->store, f->rules, "P1", NULL);
  g_assert_cmpstr (xs_round_get_stage (round), ==, "employer");
  g_assert_cmpint (round->stages[0].decision, ==, XS_ROUND_UNDECIDED);
  g_assert_cmpint (round->stages[1].decision, ==, XS_ROUND_RETURNED);
  g_assert_cmpstr (round->stages[1].opinion, ==, "2023年证书不清晰");
  g_clear_pointer (&round, xs_round_free);

  /* Passed again from the start: the return is answered. */
  pass (f, "P1", "已补正");
  pass (f, "P1", "同意");
  round = xs_records_get_round (f->store, f->rules, "P1", NULL);
  g_assert_cmpstr (xs_round_get_stage (round), ==, "filing");
  g_assert_cmpint (round->stages[1].decision, ==, XS_ROUND_PASSED);

  /* Each decision is in the audit trail. */
  {
    g_autoptr (GPtrArray) entries = xs_audit_list (f->store, "P1", NULL);
    guint passes = 0, returns = 0;

    for (guint i = 0; i < entries->len; i++)
      {
        XsAuditEntry *e = g_ptr_array_index (entries, i);
        passes += g_str_equal (e->action, "round-pass");
        returns += g_str_equal (e->action, "round-return");
      }
    g_assert_cmpuint (passes, ==, 3);
    g_assert_cmpuint (returns, ==, 1);
  }
}

static XsActivity *
get_activity (Fixture *f, const char *id)
{
  return xs_store_get_activity (f->store, id, NULL);
}

static void
test_changing_an_approved_activity_reopens (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsActivity) a = NULL;
  g_autoptr (XsRound) round = NULL;

  /* Nothing passed yet: a change reopens nothing. */
  a = get_activity (f, "C21");
  xs_activity_set_param (a, "public", "31");
  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "test", &error));
  g_assert_no_error (error);
  g_assert_false (xs_records_round_would_reopen (f->store, f->rules, "P1"));
  g_clear_pointer (&a, xs_activity_unref);
  /* Back to pending by the change; approved again (its paper seen: no scan needed here). */
  g_assert_true (xs_records_review (f->store, f->rules, "C21", XS_STATUS_APPROVED, NULL, "原件已核",
                                    "王五", &error));
  g_assert_no_error (error);

  pass (f, "P1", "同意");
  pass (f, "P1", "同意");
  g_assert_true (xs_records_round_would_reopen (f->store, f->rules, "P1"));

  /* An approved activity's change (here its title) starts the round over. */
  a = get_activity (f, "C22");
  g_free (a->title);
  a->title = g_strdup ("2022年度认定单（更正）");
  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "test", &error));
  g_assert_no_error (error);
  round = xs_records_get_round (f->store, f->rules, "P1", NULL);
  g_assert_true (round->reopened);
  g_assert_cmpstr (xs_round_get_stage (round), ==, "employer");
  g_assert_cmpint (round->stages[0].decision, ==, XS_ROUND_UNDECIDED);
  g_clear_pointer (&round, xs_round_free);

  /* Rejecting an approved activity, and deleting one, reopen too. */
  pass (f, "P1", "同意");
  g_assert_true (xs_records_review (f->store, f->rules, "C23", XS_STATUS_REJECTED, "复印件", NULL,
                                    "王五", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stage_of (f, "P1"), ==, "employer");
  g_assert_true (xs_records_round_pass (f->store, f->rules, "P1", "王五", NULL, "已说明", &error));
  g_assert_no_error (error);
  g_assert_true (xs_records_delete_activity (f->store, f->rules, "C24", "test", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stage_of (f, "P1"), ==, "employer");
}

static void
test_the_cli_shows_and_decides (Fixture *f, gconstpointer data)
{
  g_autofree char *out = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *round;
  JsonArray *stages;

  if (g_getenv ("XUESHI_CLI") == NULL)
    {
      g_test_skip ("XUESHI_CLI is not set");
      return;
    }
  g_clear_object (&f->store);
  g_assert_cmpint (xs_test_store_cli (f, &out, NULL, "round", "P1", "--pass", "--reviewer", "王五",
                                      "--opinion", "情况属实，同意", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "at 主管单位复审意见 (supervisor)"));
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (
      xs_test_store_cli (f, &out, NULL, "round", "P2", "--pass", "--reviewer", "王五", NULL), ==,
      1);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (xs_test_store_cli (f, &out, NULL, "round", "P2", "--pass", NULL), !=, 0);
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (xs_test_store_cli (f, &out, NULL, "hours", "P1", "--json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  round =
      json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "round");
  g_assert_cmpstr (json_object_get_string_member (round, "stage"), ==, "supervisor");
  stages = json_object_get_array_member (round, "stages");
  g_assert_cmpuint (json_array_get_length (stages), ==, 3);
  {
    JsonObject *first = json_array_get_object_element (stages, 0);
    JsonObject *second = json_array_get_object_element (stages, 1);

    g_assert_cmpstr (json_object_get_string_member (first, "id"), ==, "employer");
    g_assert_cmpstr (json_object_get_string_member (first, "name"), ==, "用人单位初审意见");
    g_assert_cmpstr (json_object_get_string_member (first, "decision"), ==, "passed");
    g_assert_cmpstr (json_object_get_string_member (first, "reviewer"), ==, "王五");
    g_assert_cmpstr (json_object_get_string_member (first, "opinion"), ==, "情况属实，同意");
    g_assert_nonnull (json_object_get_string_member (first, "date"));
    g_assert_true (json_object_get_null_member (second, "decision"));
    g_assert_true (json_object_get_null_member (second, "reviewer"));
  }
  g_clear_pointer (&out, g_free);

  g_assert_cmpint (xs_test_store_cli (f, &out, NULL, "round", "--list", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "P1\t张三\tUP\tsupervisor\nP2\t李四\tUP\temployer\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (
      xs_test_store_cli (f, &out, NULL, "round", "--list", "--stage", "employer", NULL), ==, 0);
  g_assert_cmpstr (out, ==, "P2\t李四\tUP\temployer\n");
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (xs_test_store_cli (f, &out, NULL, "round", "P1", "--return", "缺证书",
                                      "--reviewer", "赵六", NULL),
                   ==, 0);
  g_assert_nonnull (strstr (out, "returned by 赵六"));
}

static void
test_a_move_to_another_category_follows_its_chain (Fixture *f, gconstpointer data)
{
  g_assert_cmpstr (stage_of (f, "P1"), ==, "employer");
  move_to (f, "P1", "UO");
  g_assert_cmpstr (stage_of (f, "P1"), ==, "filing");
  pass (f, "P1", NULL);
  g_assert_cmpstr (stage_of (f, "P1"), ==, XS_ROUND_FILED);
}

static void
export_to (XsStore *store, const char *path)
{
  g_autoptr (GError) error = NULL;
  XsExportResult result;

  g_assert_true (xs_export_file (store, path, NULL, &result, &error));
  g_assert_no_error (error);
}

static void
import_from (XsStore *store, XsRules *rules, const char *path, guint *out_warnings)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  XsImportResult result;

  g_assert_true (xs_import_file (store, rules, file, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  if (out_warnings != NULL)
    *out_warnings = result.warnings->len;
  xs_import_result_clear (&result);
}

/* The unit exports, the supervisor imports and passes, exports back, the unit imports the
 * decision; an older file never takes a later stage back, and a conflict is shown. */
static void
test_the_round_travels_in_the_exchange_file (Fixture *unit, gconstpointer data)
{
  XsTestStore supervisor_store = { 0 };
  XsTestStore *supervisor = &supervisor_store;
  g_autofree char *to_supervisor = g_build_filename (unit->dir, "to-supervisor.xml", NULL);
  g_autofree char *back = g_build_filename (unit->dir, "back.xml", NULL);
  g_autofree char *later = g_build_filename (unit->dir, "later.xml", NULL);
  g_autoptr (GError) error = NULL;
  guint warnings = 99;

  xs_test_store_set_up (supervisor);
  pass (unit, "P1", "同意上报");
  export_to (unit->store, to_supervisor);

  import_from (supervisor->store, supervisor->rules, to_supervisor, &warnings);
  g_assert_cmpuint (warnings, ==, 0);
  g_assert_cmpstr (stage_of (supervisor, "P1"), ==, "supervisor");
  g_assert_true (xs_records_round_pass (supervisor->store, supervisor->rules, "P1", "主管处",
                                        "复审同意", NULL, &error));
  g_assert_no_error (error);
  export_to (supervisor->store, back);

  import_from (unit->store, unit->rules, back, &warnings);
  g_assert_cmpuint (warnings, ==, 0);
  {
    g_autoptr (XsRound) round = xs_records_get_round (unit->store, unit->rules, "P1", NULL);

    g_assert_cmpstr (xs_round_get_stage (round), ==, "filing");
    g_assert_cmpstr (round->stages[1].reviewer, ==, "主管处");
    g_assert_cmpstr (round->stages[1].opinion, ==, "复审同意");
  }

  /* The unit files; the supervisor's older file, imported again, changes nothing. */
  pass (unit, "P1", NULL);
  g_assert_cmpstr (stage_of (unit, "P1"), ==, XS_ROUND_FILED);
  import_from (unit->store, unit->rules, back, &warnings);
  g_assert_cmpuint (warnings, ==, 0);
  g_assert_cmpstr (stage_of (unit, "P1"), ==, XS_ROUND_FILED);

  /* Both sides decide differently after the same start: shown, not guessed. */
  g_assert_true (xs_records_round_return (supervisor->store, supervisor->rules, "P1", "材料不全",
                                          "主管处", &error));
  g_assert_no_error (error);
  export_to (supervisor->store, later);
  import_from (unit->store, unit->rules, later, &warnings);
  g_assert_cmpuint (warnings, ==, 1);
  g_assert_cmpstr (stage_of (unit, "P1"), ==, XS_ROUND_FILED);

  xs_test_store_tear_down (supervisor);
}

int
main (int argc, char **argv)
{
  xs_core_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func)                                                                            \
  g_test_add ("/round/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("every-chain-files-after-its-stages", test_every_chain_files_after_its_stages);
  ADD ("a-failing-span-needs-an-override", test_a_failing_span_needs_an_override);
  ADD ("a-return-goes-back-to-the-first-stage", test_a_return_goes_back_to_the_first_stage);
  ADD ("changing-an-approved-activity-reopens", test_changing_an_approved_activity_reopens);
  ADD ("the-cli-shows-and-decides", test_the_cli_shows_and_decides);
  ADD ("the-round-travels-in-the-exchange-file", test_the_round_travels_in_the_exchange_file);
  ADD ("a-move-follows-the-new-chain", test_a_move_to_another_category_follows_its_chain);
  return g_test_run ();
}
