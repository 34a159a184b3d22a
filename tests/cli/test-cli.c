/* test-cli.c — xueshi-cli keeps the contract of interfaces.md §2: exit codes, stdout, stderr.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "xs-test-util.h"

typedef struct
{
  char *dir;
  char *db;
} Fixture;

static void
write_file (const char *dir, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (parent, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static const char exchange[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
    "  <unit id=\"U1\" category=\"municipal\" name=\"株洲市某某中学\"/>\n"
    "  <person id=\"P001\" unit=\"U1\">\n"
    "    <name>张三</name><gender>male</gender><id-number>11010519491231002X</id-number>\n"
    "    <activity id=\"A1\" kind=\"training\" subject=\"public\" start=\"2021-03-01\"\n"
    "              end=\"2021-03-03\" days=\"2.5\" status=\"approved\">\n"
    "      <evidence material=\"notice\" file=\"scan.jpg\"/>\n"
    "    </activity>\n"
    "    <activity id=\"A2\" kind=\"online-course\" subject=\"professional\" hours=\"12.3\"\n"
    "              year=\"2022\" status=\"pending\"/>\n"
    "    <activity id=\"A3\" kind=\"paper\" role=\"first\" year=\"2019\" status=\"approved\"/>\n"
    "  </person>\n"
    "</xueshi>\n";

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("cli-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "x.db", NULL);
  write_file (f->dir, "unit.xml", exchange);
  {
    g_autoptr (GBytes) jpeg = xs_test_jpeg (1);
    g_autofree char *path = g_build_filename (f->dir, "scan.jpg", NULL);

    g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL),
                                        (gssize)g_bytes_get_size (jpeg), NULL));
  }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_free (f->dir);
  g_free (f->db);
}

static void
import_unit (Fixture *f)
{
  g_autofree char *xml = g_build_filename (f->dir, "unit.xml", NULL);
  g_auto (XsTestRun) run = { 0 };

  xs_test_run_cli (&run, f->db, "import", xml, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "3"));
}

static void
test_no_command_is_a_usage_error (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) run = { 0 };

  xs_test_run_cli (&run, f->db, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_cmpstr (run.out, ==, "");
}

static void
test_an_unknown_command_is_a_usage_error (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) run = { 0 };

  xs_test_run_cli (&run, f->db, "frobnicate", NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "frobnicate"));
}

static void
test_an_unknown_option_is_a_usage_error (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) run = { 0 };

  xs_test_run_cli (&run, f->db, "hours", "--yaml", "P001", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_hours_needs_a_person (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) run = { 0 };

  xs_test_run_cli (&run, f->db, "hours", NULL);
  g_assert_cmpint (run.status, ==, 2);
}

static void
test_an_unknown_person_fails_with_one_line (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) run = { 0 };

  import_unit (f);
  xs_test_run_cli (&run, f->db, "hours", "P404", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "P404"));
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);
}

static void
test_a_refused_import_fails_with_one_line_and_changes_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *bad = g_build_filename (f->dir, "bad.xml", NULL);
  g_auto (XsTestRun) run = { 0 };
  g_auto (XsTestRun) hours = { 0 };

  import_unit (f);
  write_file (f->dir, "bad.xml",
              "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM "
              "\"file:///etc/passwd\">]>\n<x>&e;</x>\n");
  xs_test_run_cli (&run, f->db, "import", bad, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "DOCTYPE"));
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);

  xs_test_run_cli (&hours, f->db, "hours", "P001", "--json", NULL);
  g_assert_cmpint (hours.status, ==, 0);
}

static void
test_hours_json_follows_the_contract (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) run = { 0 };
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonObject *root, *span, *year, *activity;
  JsonArray *years, *activities, *missing;

  import_unit (f);
  xs_test_run_cli (&run, f->db, "hours", "P001", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);

  /* Tenths are printed as one decimal, not as a binary fraction. */
  g_assert_nonnull (strstr (run.out, "12.3"));
  g_assert_null (strstr (run.out, "12.30000"));

  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "person"), ==, "P001");
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==, "张三");

  span = json_object_get_object_member (root, "span");
  g_assert_cmpint (json_object_get_int_member (span, "from"), ==, 2021);
  g_assert_cmpint (json_object_get_int_member (span, "to"), ==, 2025);
  g_assert_cmpstr (json_object_get_string_member (span, "mode"), ==, "per-year");
  g_assert_false (json_object_get_boolean_member (span, "passed"));

  years = json_object_get_array_member (root, "years");
  g_assert_cmpuint (json_array_get_length (years), ==, 5);
  year = json_array_get_object_element (years, 0);
  g_assert_cmpint (json_object_get_int_member (year, "year"), ==, 2021);
  g_assert_cmpfloat (json_object_get_double_member (year, "public"), ==, 20);
  g_assert_cmpfloat (json_object_get_double_member (year, "professional"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (year, "total"), ==, 20);
  g_assert_false (json_object_get_boolean_member (year, "compliant"));
  g_assert_false (json_object_get_boolean_member (year, "deemed_complete"));
  g_assert_cmpfloat (json_object_get_double_member (year, "claimed_public"), ==, 20);

  year = json_array_get_object_element (years, 1);
  g_assert_cmpint (json_object_get_int_member (year, "year"), ==, 2022);
  g_assert_cmpfloat (json_object_get_double_member (year, "professional"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (year, "claimed_professional"), ==, 12.3);
  g_assert_cmpfloat (json_object_get_double_member (year, "claimed_total"), ==, 12.3);

  year = json_array_get_object_element (years, 4);
  g_assert_cmpint (json_object_get_int_member (year, "year"), ==, 2025);
  g_assert_cmpfloat (json_object_get_double_member (year, "total"), ==, 0);

  activities = json_object_get_array_member (root, "activities");
  g_assert_cmpuint (json_array_get_length (activities), ==, 3);
  activity = json_array_get_object_element (activities, 0);
  g_assert_cmpstr (json_object_get_string_member (activity, "id"), ==, "A1");
  g_assert_cmpstr (json_object_get_string_member (activity, "kind"), ==, "training");
  g_assert_cmpint (json_object_get_int_member (activity, "year"), ==, 2021);
  g_assert_cmpstr (json_object_get_string_member (activity, "subject"), ==, "public");
  g_assert_cmpfloat (json_object_get_double_member (activity, "hours"), ==, 20);
  g_assert_cmpstr (json_object_get_string_member (activity, "status"), ==, "approved");
  g_assert_cmpstr (json_object_get_string_member (activity, "reason"), ==, "2.5 天 × 8 学时");
  g_assert_false (json_object_get_boolean_member (activity, "evidence_complete"));
  missing = json_object_get_array_member (activity, "missing");
  /* The notice alone is closest to bundle (b): notice-or-… plus the certificate. */
  g_assert_cmpuint (json_array_get_length (missing), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (missing, 0), ==, "certificate");

  /* Out of the span, still listed with its year. */
  activity = json_array_get_object_element (activities, 2);
  g_assert_cmpint (json_object_get_int_member (activity, "year"), ==, 2019);
}

static void
test_hours_text_is_for_people (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) run = { 0 };

  import_unit (f);
  xs_test_run_cli (&run, f->db, "hours", "P001", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "张三"));
  g_assert_nonnull (strstr (run.out, "2.5 天 × 8 学时"));
  g_assert_nonnull (strstr (run.out, "2025"));

  /* The online window (05-25 to 07-25) is shown as a warning only outside it. */
  {
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    int md = g_date_time_get_month (now) * 100 + g_date_time_get_day_of_month (now);
    gboolean outside = md < 525 || md > 725;

    g_assert_cmpint (strstr (run.out, "verification window is 5/25 to 7/25") != NULL, ==, outside);
  }
}

static void
test_rules_prints_the_table_from_the_file (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) run = { 0 };

  xs_test_run_cli (&run, NULL, "rules", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "公需科目 ≥ 30 学时"));
  g_assert_nonnull (strstr (run.out, "实用新型专利排名第四及以后"));
  g_assert_nonnull (strstr (run.out, "湖南工学院"));
  g_assert_nonnull (strstr (run.out, "cross-year-placement = end"));
}

static void
test_rules_for_a_year_without_a_file_fails (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) run = { 0 };

  xs_test_run_cli (&run, NULL, "rules", "--year", "2019", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "2019"));
  g_assert_cmpstr (run.out, ==, "");
}

/* `evidence read FILE --json`: interfaces.md's object, numbers as numbers, a confidence
 * for each field read and only for those, no database needed; a missing file is one line. */
static void
test_evidence_read_prints_the_fields (Fixture *f, gconstpointer data)
{
  g_autofree char *scan = g_build_filename (f->dir, "certificate.png", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "gone.png", NULL);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_auto (XsTestRun) run = { 0 };
  g_auto (XsTestRun) gone = { 0 };
  JsonObject *root, *fields, *confidence;
  g_autoptr (GList) keys = NULL;

  xs_test_write_certificate (scan);
  xs_test_run_cli (&run, NULL, "evidence", "read", scan, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  json_parser_load_from_data (parser, run.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "kind"), ==, "training");
  fields = json_object_get_object_member (root, "fields");
  confidence = json_object_get_object_member (root, "confidence");
  g_assert_cmpstr (json_object_get_string_member (fields, "name"), ==, "张三");
  g_assert_cmpstr (json_object_get_string_member (fields, "id_number"), ==, "430102199003071234");
  g_assert_cmpstr (json_object_get_string_member (fields, "certificate_number"), ==,
                   "HNU-2026-00123");
  g_assert_cmpstr (json_object_get_string_member (fields, "organizer"), ==, "湖南大学");
  g_assert_cmpstr (json_object_get_string_member (fields, "start"), ==, "2026-03-01");
  g_assert_cmpstr (json_object_get_string_member (fields, "end"), ==, "2026-03-03");
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (fields, "hours")), ==,
                   G_TYPE_INT64);
  g_assert_cmpint (json_object_get_int_member (fields, "hours"), ==, 24);
  g_assert_false (json_object_has_member (fields, "grade"));
  g_assert_false (json_object_has_member (fields, "rank"));
  keys = json_object_get_members (fields);
  for (GList *k = keys; k != NULL; k = k->next)
    {
      double c = json_object_get_double_member (confidence, k->data);

      g_assert_true (json_object_has_member (confidence, k->data));
      g_assert_cmpfloat (c, >, 0.0);
      g_assert_cmpfloat (c, <=, 1.0);
    }
  g_assert_cmpuint (json_object_get_size (confidence), ==, g_list_length (keys) + 1);
  g_assert_nonnull (strstr (json_object_get_string_member (root, "text"), "HNU-2026-00123"));

  xs_test_run_cli (&gone, NULL, "evidence", "read", missing, NULL);
  g_assert_cmpint (gone.status, ==, 1);
  g_assert_cmpstr (gone.out, ==, "");
  g_assert_nonnull (strstr (gone.err, "gone.png"));
}

/* `evidence read-all`: the files not read yet, at most --limit, counted in words on stdout
 * and progress on stderr; a bad limit is refused (that what is read is kept and not read
 * again is test-evidence-checks' unread-files-are-read). */
static void
test_evidence_read_all (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) import = { 0 };
  g_auto (XsTestRun) first = { 0 };
  g_auto (XsTestRun) second = { 0 };
  g_auto (XsTestRun) bad = { 0 };
  g_autofree char *sample =
      g_build_filename (g_getenv ("XUESHI_SOURCE_DIR"), "data", "sample", "sample.xml", NULL);

  xs_test_run_cli (&import, f->db, "import", sample, NULL);
  g_assert_cmpint (import.status, ==, 0);
  xs_test_run_cli (&first, f->db, "evidence", "read-all", "--limit", "2", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_cmpstr (first.out, ==, "2 files read, 0 could not be read\n");
  g_assert_nonnull (strstr (first.err, "Reading scans: 2 of 2"));
  xs_test_run_cli (&second, f->db, "evidence", "read-all", "--limit", "1", NULL);
  g_assert_cmpstr (second.out, ==, "1 file read, 0 could not be read\n");
  xs_test_run_cli (&bad, f->db, "evidence", "read-all", "--limit", "-1", NULL);
  g_assert_cmpint (bad.status, !=, 0);
  g_assert_cmpstr (bad.out, ==, "");
}

#define ADD(path, func)                                                                            \
  g_test_add ("/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

/* Runs `import FILE` in Chinese (the build's translations) and returns stderr. */
static char *
import_in_chinese (Fixture *f, const char *file)
{
  g_autofree char *mo = g_build_filename (g_getenv ("XUESHI_TEST_LOCALEDIR"), "zh_CN",
                                          "LC_MESSAGES", "xueshi.mo", NULL);
  g_auto (GStrv) envp = g_get_environ ();
  const char *args[] = { "import", file, NULL };
  g_auto (XsTestRun) run = { 0 };

  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
  envp = g_environ_setenv (envp, "LANGUAGE", "zh_CN", TRUE);
  envp = g_environ_setenv (envp, "LANG", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "LC_ALL", "C.UTF-8", TRUE);
  envp = g_environ_setenv (envp, "XUESHI_LOCALEDIR", g_getenv ("XUESHI_TEST_LOCALEDIR"), TRUE);
  xs_test_run_cliv (&run, f->db, args, (const char *const *)envp);
  g_assert_cmpint (run.status, ==, 1);
  return g_steal_pointer (&run.err);
}

/* The schema's refusals in the clerk's words: the line, the element, the attribute, what is
 * allowed; and an empty optional attribute reads as absent. */
static void
test_schema_errors_are_explained_in_chinese (Fixture *f, gconstpointer data)
{
  g_autofree char *bad_attribute = g_build_filename (f->dir, "attribute.xml", NULL);
  g_autofree char *bad_value = g_build_filename (f->dir, "value.xml", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.xml", NULL);
  g_autofree char *err = NULL;
  g_auto (XsTestRun) run = { 0 };

  write_file (f->dir, "attribute.xml",
              "<?xml version=\"1.0\"?>\n<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
              "<unit id=\"U1\" category=\"provincial\" name=\"某医院\" boss=\"王\"/>\n</xueshi>\n");
  err = import_in_chinese (f, bad_attribute);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "第 3 行"));
  g_assert_nonnull (strstr (err, "<unit>"));
  g_assert_nonnull (strstr (err, "boss"));
  g_assert_nonnull (strstr (err, "supervisor")); /* what it does take */
  g_assert_nonnull (strstr (err, "不接受属性"));
  g_assert_null (strstr (err, "Invalid attribute"));
  g_clear_pointer (&err, g_free);

  write_file (f->dir, "value.xml",
              "<?xml version=\"1.0\"?>\n<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
              "<unit id=\"U1\" category=\"provincial\" name=\"某医院\"/>\n"
              "<person id=\"P1\" unit=\"U1\" span-from=\"20x1\" span-to=\"2025\"><name>甲</name>"
              "<gender>male</gender><id-number>11010519491231002X</id-number></person>\n"
              "</xueshi>\n");
  err = import_in_chinese (f, bad_value);
  g_test_message ("%s", err);
  g_assert_nonnull (strstr (err, "第 4 行"));
  g_assert_nonnull (strstr (err, "span-from=\"20x1\""));
  g_assert_nonnull (strstr (err, "1990"));
  g_assert_nonnull (strstr (err, "取值不允许"));

  write_file (f->dir, "empty.xml",
              "<?xml version=\"1.0\"?>\n<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
              "<unit id=\"U1\" category=\"provincial\" name=\"某医院\" supervisor=\"\"/>\n"
              "<person id=\"P1\" unit=\"U1\" span-from=\"\" span-to=\"\"><name>甲</name>"
              "<gender>male</gender><id-number>11010519491231002X</id-number></person>\n"
              "</xueshi>\n");
  xs_test_run_cli (&run, f->db, "import", empty, NULL);
  g_assert_cmpint (run.status, ==, 0);
  xs_test_run_clear (&run);
  xs_test_run_cli (&run, f->db, "hours", "P1", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"from\" : 2021")); /* the rule file's span */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD ("no-command-is-a-usage-error", test_no_command_is_a_usage_error);
  ADD ("unknown-command-is-a-usage-error", test_an_unknown_command_is_a_usage_error);
  ADD ("unknown-option-is-a-usage-error", test_an_unknown_option_is_a_usage_error);
  ADD ("hours-needs-a-person", test_hours_needs_a_person);
  ADD ("unknown-person-fails-with-one-line", test_an_unknown_person_fails_with_one_line);
  ADD ("refused-import-fails-with-one-line-and-changes-nothing",
       test_a_refused_import_fails_with_one_line_and_changes_nothing);
  ADD ("hours-json-follows-the-contract", test_hours_json_follows_the_contract);
  ADD ("schema-errors-are-explained-in-chinese", test_schema_errors_are_explained_in_chinese);
  ADD ("hours-text-is-for-people", test_hours_text_is_for_people);
  ADD ("rules-prints-the-table-from-the-file", test_rules_prints_the_table_from_the_file);
  ADD ("rules-for-a-year-without-a-file-fails", test_rules_for_a_year_without_a_file_fails);
  ADD ("evidence-read-prints-the-fields", test_evidence_read_prints_the_fields);
  ADD ("evidence-read-all", test_evidence_read_all);

  return g_test_run ();
}
