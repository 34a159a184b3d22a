/* test-roster.c — a CSV roster imports whole or not at all, every bad row reported by line,
 * column and reason; `xueshi-cli roster import` says the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "xs-test-util.h"

typedef struct
{
  char *dir;
  char *db;
  XsStore *store;
} Fixture;

static char *
roster_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "roster", name, NULL);
}

static void
put_unit (XsStore *store, const char *id, const char *name)
{
  g_autoptr (XsUnit) unit = xs_unit_new ();
  g_autoptr (GError) error = NULL;

  unit->id = g_strdup (id);
  unit->category = g_strdup ("provincial");
  unit->name = g_strdup (name);
  g_assert_true (xs_store_put_unit (store, unit, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("roster-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "x.db", NULL);
  f->store = (XsStore *)xs_sqlite_store_open (f->db, &error);
  g_assert_no_error (error);
  put_unit (f->store, "U1", "湖南省某某医院");
  put_unit (f->store, "U2", "湖南省某某大学");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_free (f->db);
  g_free (f->dir);
}

static guint
count_persons (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) persons = xs_store_list_persons (f->store, &error);

  g_assert_no_error (error);
  return persons->len;
}

static XsPerson *
get_person (Fixture *f, const char *id)
{
  g_autoptr (GError) error = NULL;
  XsPerson *person = xs_store_get_person (f->store, id, &error);

  g_assert_no_error (error);
  return person;
}

static void
import_ok (Fixture *f, const char *name, XsRosterImportFlags flags, XsRosterResult *result)
{
  g_autofree char *path = roster_path (name);
  g_autoptr (GError) error = NULL;

  g_assert_true (xs_roster_import (f->store, path, flags, result, &error));
  g_assert_no_error (error);
}

static void
import_fails (Fixture *f, const char *path, XsRosterError code, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  XsRosterResult result;

  g_assert_false (xs_roster_import (f->store, path, XS_ROSTER_IMPORT_DEFAULT, &result, &error));
  g_assert_error (error, XS_ROSTER_ERROR, (int)code);
  if (fragment != NULL && strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
  g_assert_cmpuint (result.added + result.updated, ==, 0);
  xs_roster_result_clear (&result);
  g_assert_cmpuint (count_persons (f), ==, 0);
}

static char *
write_temp (Fixture *f, const char *name, const char *contents, gssize len)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

/* Import ------------------------------------------------------------------------------------- */

static void
assert_good_roster (Fixture *f, const XsRosterResult *result)
{
  g_autoptr (XsPerson) p1 = get_person (f, "P001");
  g_autoptr (XsPerson) p2 = get_person (f, "P002");
  g_autoptr (XsPerson) p3 = get_person (f, "P003");

  g_assert_cmpuint (result->problems->len, ==, 0);
  g_assert_cmpuint (result->rows, ==, 3);
  g_assert_cmpuint (result->added, ==, 3);
  g_assert_cmpuint (result->skipped, ==, 0);
  /* The 序号 column is not read, and says so. */
  g_assert_cmpuint (result->warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result->warnings, 0), "序号"));
  g_assert_cmpuint (count_persons (f), ==, 3);

  g_assert_cmpstr (p1->name, ==, "张三");
  g_assert_cmpstr (p1->gender, ==, "male");
  g_assert_cmpstr (p1->id_number, ==, "430102198001010011");
  g_assert_cmpstr (p1->unit_id, ==, "U1");
  g_assert_cmpstr (p1->current_title, ==, "主治医师");
  g_assert_cmpstr (p1->applying_title, ==, "副主任医师");
  g_assert_cmpstr (p1->specialty, ==, "内科,心血管");
  g_assert_cmpuint (p1->span_from, ==, 0);

  /* A lowercase x is the check digit X. */
  g_assert_cmpstr (p2->gender, ==, "female");
  g_assert_cmpstr (p2->id_number, ==, "43010219830615100X");
  g_assert_cmpuint (p2->span_from, ==, 2022);
  g_assert_cmpuint (p2->span_to, ==, 2026);

  /* A span start alone: as long as the span in force (2021–2025, five years). Cells are
   * trimmed. Optional cells left empty stay unset. */
  g_assert_cmpstr (p3->unit_id, ==, "U2");
  g_assert_cmpstr (p3->specialty, ==, "外科");
  g_assert_null (p3->current_title);
  g_assert_cmpuint (p3->span_from, ==, 2022);
  g_assert_cmpuint (p3->span_to, ==, 2026);
}

static void
test_utf8_with_bom_imports_whole (Fixture *f, gconstpointer data)
{
  XsRosterResult result;

  import_ok (f, "good-utf8-bom.csv", XS_ROSTER_IMPORT_DEFAULT, &result);
  g_assert_cmpstr (result.encoding, ==, "UTF-8");
  assert_good_roster (f, &result);
  xs_roster_result_clear (&result);
}

static void
test_gb18030_imports_the_same (Fixture *f, gconstpointer data)
{
  XsRosterResult result;

  import_ok (f, "good-gb18030.csv", XS_ROSTER_IMPORT_DEFAULT, &result);
  g_assert_cmpstr (result.encoding, ==, "GB18030");
  assert_good_roster (f, &result);
  xs_roster_result_clear (&result);
}

static void
test_english_headers_in_any_order (Fixture *f, gconstpointer data)
{
  XsRosterResult result;
  g_autoptr (XsPerson) p10 = NULL;
  g_autoptr (XsPerson) p11 = NULL;

  import_ok (f, "english-any-order.csv", XS_ROSTER_IMPORT_DEFAULT, &result);
  g_assert_cmpuint (result.added, ==, 2);
  g_assert_cmpuint (result.warnings->len, ==, 0);
  p10 = get_person (f, "P010");
  p11 = get_person (f, "P011");
  g_assert_cmpstr (p10->name, ==, "Zhao Liu");
  g_assert_cmpstr (p10->gender, ==, "female");
  g_assert_cmpstr (p10->unit_id, ==, "U1");
  g_assert_cmpuint (p10->span_from, ==, 2021);
  g_assert_cmpuint (p10->span_to, ==, 2025);
  g_assert_cmpstr (p11->gender, ==, "male");
  g_assert_cmpstr (p11->unit_id, ==, "U2");
  xs_roster_result_clear (&result);
}

/* tests/data/roster/README.md lists these. */
static const struct
{
  guint line;
  XsRosterColumn column;
  XsRosterProblemKind kind;
  const char *fragment;
} bad_rows[] = {
  { 2, XS_ROSTER_COLUMN_ID, XS_ROSTER_PROBLEM_DUPLICATE_ID, "line 9" },
  { 2, XS_ROSTER_COLUMN_ID_NUMBER, XS_ROSTER_PROBLEM_CHECK_DIGIT, "Check digit" },
  { 3, XS_ROSTER_COLUMN_ID_NUMBER, XS_ROSTER_PROBLEM_BIRTH_DATE, "1990-02-30" },
  { 4, XS_ROSTER_COLUMN_ID_NUMBER, XS_ROSTER_PROBLEM_DUPLICATE_ID_NUMBER, "line 8" },
  { 5, XS_ROSTER_COLUMN_NAME, XS_ROSTER_PROBLEM_MISSING, "name" },
  { 6, XS_ROSTER_COLUMN_UNIT, XS_ROSTER_PROBLEM_UNKNOWN_UNIT, "U9" },
  { 7, XS_ROSTER_COLUMN_GENDER, XS_ROSTER_PROBLEM_UNKNOWN_GENDER, "未知" },
  { 8, XS_ROSTER_COLUMN_ID_NUMBER, XS_ROSTER_PROBLEM_DUPLICATE_ID_NUMBER, "line 4" },
  { 9, XS_ROSTER_COLUMN_ID, XS_ROSTER_PROBLEM_DUPLICATE_ID, "line 2" },
  { 10, XS_ROSTER_COLUMN_SPAN_FROM, XS_ROSTER_PROBLEM_BAD_YEAR, "二〇二二" },
};

static void
assert_bad_rows (const XsRosterResult *result)
{
  g_assert_cmpuint (result->problems->len, ==, G_N_ELEMENTS (bad_rows));
  for (guint i = 0; i < G_N_ELEMENTS (bad_rows); i++)
    {
      const XsRosterProblem *p = g_ptr_array_index (result->problems, i);
      g_autofree char *line = xs_roster_problem_format (p);

      g_test_message ("%s", line);
      g_assert_cmpuint (p->line, ==, bad_rows[i].line);
      g_assert_cmpint (p->column, ==, bad_rows[i].column);
      g_assert_cmpint (p->kind, ==, bad_rows[i].kind);
      /* Named as the file's header names it. */
      g_assert_cmpstr (p->column_name, ==, xs_roster_column_get_name (bad_rows[i].column));
      if (strstr (p->reason, bad_rows[i].fragment) == NULL)
        g_error ("“%s” does not mention “%s”", line, bad_rows[i].fragment);
    }
}

static void
test_bad_rows_refuse_the_whole_file (Fixture *f, gconstpointer data)
{
  g_autofree char *path = roster_path ("bad-rows.csv");
  g_autoptr (GError) error = NULL;
  XsRosterResult result;

  g_assert_false (xs_roster_import (f->store, path, XS_ROSTER_IMPORT_DEFAULT, &result, &error));
  g_assert_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_BAD_ROWS);
  g_assert_nonnull (strstr (error->message, "9 of 10 rows"));
  assert_bad_rows (&result);
  g_assert_cmpuint (result.rows, ==, 10);
  g_assert_cmpuint (result.added, ==, 0);
  xs_roster_result_clear (&result);
  /* Not even the good row. */
  g_assert_cmpuint (count_persons (f), ==, 0);
}

static void
test_skip_bad_rows_imports_the_good_ones (Fixture *f, gconstpointer data)
{
  XsRosterResult result;
  g_autoptr (XsPerson) p110 = NULL;

  import_ok (f, "bad-rows.csv", XS_ROSTER_IMPORT_SKIP_BAD_ROWS, &result);
  assert_bad_rows (&result);
  g_assert_cmpuint (result.rows, ==, 10);
  g_assert_cmpuint (result.added, ==, 1);
  g_assert_cmpuint (result.skipped, ==, 9);
  xs_roster_result_clear (&result);
  g_assert_cmpuint (count_persons (f), ==, 1);
  p110 = get_person (f, "P110");
  g_assert_cmpstr (p110->name, ==, "陈十");
}

static void
test_check_only_writes_nothing (Fixture *f, gconstpointer data)
{
  XsRosterResult result;

  import_ok (f, "good-utf8-bom.csv", XS_ROSTER_IMPORT_CHECK_ONLY, &result);
  g_assert_cmpuint (result.added, ==, 3);
  xs_roster_result_clear (&result);
  g_assert_cmpuint (count_persons (f), ==, 0);
}

static void
test_reimport_updates_identity_and_keeps_activities (Fixture *f, gconstpointer data)
{
  g_autoptr (XsActivity) activity = xs_activity_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (XsPerson) p1 = NULL;
  g_autofree char *path = NULL;
  XsRosterResult result;

  import_ok (f, "good-utf8-bom.csv", XS_ROSTER_IMPORT_DEFAULT, &result);
  xs_roster_result_clear (&result);

  activity->id = g_strdup ("A1");
  activity->person_id = g_strdup ("P001");
  activity->kind = g_strdup ("paper");
  activity->status = XS_STATUS_APPROVED;
  xs_activity_set_param (activity, "role", "first");
  xs_activity_set_param (activity, "year", "2022");
  g_assert_true (xs_store_add_activity (f->store, activity, NULL, &error));
  g_assert_no_error (error);

  path = write_temp (f, "again.csv",
                     "人员编号,姓名,性别,身份证号,单位编号\n"
                     "P001,张三丰,男,430102198001010011,U2\n"
                     "P004,新人,女,430102199202290069,U1\n",
                     -1);
  g_assert_true (xs_roster_import (f->store, path, XS_ROSTER_IMPORT_DEFAULT, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.updated, ==, 1);
  g_assert_cmpuint (result.added, ==, 1);
  xs_roster_result_clear (&result);

  p1 = get_person (f, "P001");
  g_assert_cmpstr (p1->name, ==, "张三丰");
  g_assert_cmpstr (p1->unit_id, ==, "U2");
  activities = xs_store_list_activities (f->store, "P001", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (activities->len, ==, 1);
  g_assert_cmpuint (count_persons (f), ==, 4);
}

static void
test_a_resident_id_of_another_person_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  XsRosterResult result;
  const XsRosterProblem *p;

  import_ok (f, "good-utf8-bom.csv", XS_ROSTER_IMPORT_DEFAULT, &result);
  xs_roster_result_clear (&result);

  path = write_temp (f, "clash.csv",
                     "id,name,gender,id-number,unit\n"
                     "P009,某人,男,430102198001010011,U1\n",
                     -1);
  g_assert_false (xs_roster_import (f->store, path, XS_ROSTER_IMPORT_DEFAULT, &result, &error));
  g_assert_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_BAD_ROWS);
  g_assert_cmpuint (result.problems->len, ==, 1);
  p = g_ptr_array_index (result.problems, 0);
  g_assert_cmpint (p->kind, ==, XS_ROSTER_PROBLEM_DUPLICATE_ID_NUMBER);
  g_assert_cmpstr (p->column_name, ==, "id-number");
  g_assert_nonnull (strstr (p->reason, "P001"));
  xs_roster_result_clear (&result);
}

static void
test_line_numbers_count_multiline_cells (Fixture *f, gconstpointer data)
{
  g_autofree char *path = roster_path ("multiline.csv");
  g_autoptr (GError) error = NULL;
  XsRosterResult result;
  const XsRosterProblem *p;

  g_assert_false (xs_roster_import (f->store, path, XS_ROSTER_IMPORT_DEFAULT, &result, &error));
  g_assert_cmpuint (result.problems->len, ==, 2);
  p = g_ptr_array_index (result.problems, 0);
  g_assert_cmpuint (p->line, ==, 2);
  g_assert_cmpint (p->column, ==, XS_ROSTER_COLUMN_SPECIALTY);
  g_assert_cmpint (p->kind, ==, XS_ROSTER_PROBLEM_CONTROL_CHARACTER);
  /* Line 3 is the rest of line 2's quoted cell. */
  p = g_ptr_array_index (result.problems, 1);
  g_assert_cmpuint (p->line, ==, 5);
  g_assert_cmpint (p->column, ==, XS_ROSTER_COLUMN_NAME);
  xs_roster_result_clear (&result);
}

static void
test_an_overlong_cell_is_a_bad_row (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) csv = g_string_new ("id,name,gender,id-number,unit\nP1,");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  XsRosterResult result;
  const XsRosterProblem *p;

  for (int i = 0; i < XS_ROSTER_MAX_FIELD_CHARS + 1; i++)
    g_string_append (csv, "长");
  g_string_append (csv, ",男,430102198001010011,U1\n");
  path = write_temp (f, "long.csv", csv->str, (gssize)csv->len);
  g_assert_false (xs_roster_import (f->store, path, XS_ROSTER_IMPORT_DEFAULT, &result, &error));
  g_assert_cmpuint (result.problems->len, ==, 1);
  p = g_ptr_array_index (result.problems, 0);
  g_assert_cmpint (p->kind, ==, XS_ROSTER_PROBLEM_TOO_LONG);
  g_assert_nonnull (strstr (p->reason, "201"));
  xs_roster_result_clear (&result);
}

/* Refusals of the whole file ----------------------------------------------------------------- */

static void
test_what_is_not_text_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *binary = roster_path ("not-text.csv");
  g_autofree char *utf16 = roster_path ("utf16.csv");

  import_fails (f, binary, XS_ROSTER_ERROR_ENCODING, "neither UTF-8 nor GB18030");
  import_fails (f, utf16, XS_ROSTER_ERROR_ENCODING, "UTF-16");
}

static void
test_header_problems_are_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *missing = roster_path ("missing-column.csv");
  g_autofree char *twice = roster_path ("duplicate-column.csv");
  g_autofree char *none = write_temp (f, "title.csv", "某某医院职工名册\n张三,男\n", -1);
  g_autofree char *empty = write_temp (f, "empty.csv", "\n,,,\n", -1);

  import_fails (f, missing, XS_ROSTER_ERROR_HEADER, "身份证号 (id-number)");
  import_fails (f, twice, XS_ROSTER_ERROR_HEADER, "姓名");
  import_fails (f, none, XS_ROSTER_ERROR_HEADER, "first row");
  import_fails (f, empty, XS_ROSTER_ERROR_HEADER, "empty");
  {
    /* A 0-byte file crashed the import: it failed without an error. */
    g_autofree char *nothing = write_temp (f, "nothing.csv", "", 0);
    g_autofree char *bom = write_temp (f, "bom.csv", "\xef\xbb\xbf", -1);

    import_fails (f, nothing, XS_ROSTER_ERROR_HEADER, "empty");
    import_fails (f, bom, XS_ROSTER_ERROR_HEADER, "empty");
  }
}

static void
test_broken_csv_is_refused_with_its_line (Fixture *f, gconstpointer data)
{
  g_autofree char *stray = roster_path ("stray-quote.csv");
  g_autofree char *open = write_temp (f, "open.csv", "id,name\nP1,\"never closed\nP2,x\n", -1);

  import_fails (f, stray, XS_ROSTER_ERROR_MALFORMED, "Line 3");
  import_fails (f, open, XS_ROSTER_ERROR_MALFORMED, "after line 1");
}

static void
test_an_oversized_file_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "huge.csv", NULL);
  int fd = g_open (path, O_WRONLY | O_CREAT, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t)XS_ROSTER_MAX_BYTES + 1), ==, 0);
  g_close (fd, NULL);
  import_fails (f, path, XS_ROSTER_ERROR_TOO_LARGE, "20 MB");
  import_fails (f, f->dir, XS_ROSTER_ERROR_READ, "regular file");
}

/* The command line --------------------------------------------------------------------------- */

static void
test_cli_lists_every_bad_row_and_refuses (Fixture *f, gconstpointer data)
{
  g_autofree char *path = roster_path ("bad-rows.csv");
  const char *args[] = { "roster", "import", path, NULL };
  g_auto (XsTestRun) run = { 0 };
  g_auto (GStrv) lines = NULL;

  g_clear_object (&f->store);
  xs_test_run_cliv (&run, f->db, args, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  lines = g_strsplit (run.err, "\n", -1);
  /* One line per problem, the verdict last, then the final newline. */
  g_assert_cmpuint (g_strv_length (lines), ==, G_N_ELEMENTS (bad_rows) + 2);
  g_assert_true (g_str_has_prefix (lines[0], "Line 2, 人员编号: "));
  g_assert_true (g_str_has_prefix (lines[2], "Line 3, 身份证号: Birth date"));
  g_assert_true (g_str_has_prefix (lines[G_N_ELEMENTS (bad_rows)], "xueshi-cli: "));
  g_assert_nonnull (strstr (lines[G_N_ELEMENTS (bad_rows)], "nothing was imported"));
}

static void
test_cli_skip_bad_rows_imports_the_rest (Fixture *f, gconstpointer data)
{
  g_autofree char *path = roster_path ("bad-rows.csv");
  const char *args[] = { "roster", "import", path, "--skip-bad-rows", NULL };
  const char *report[] = { "report", NULL };
  g_auto (XsTestRun) run = { 0 };
  g_auto (XsTestRun) listed = { 0 };

  g_clear_object (&f->store);
  xs_test_run_cliv (&run, f->db, args, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "1 persons added"));
  g_assert_nonnull (strstr (run.out, "9 rows skipped"));
  g_assert_nonnull (strstr (run.err, "skipped: Line 10, 核认起始年度: "));

  xs_test_run_cliv (&listed, f->db, report, NULL);
  g_assert_cmpint (listed.status, ==, 0);
  g_assert_nonnull (strstr (listed.out, "P110\t陈十"));
  g_assert_null (strstr (listed.out, "P101"));
}

static void
test_cli_usage_errors (Fixture *f, gconstpointer data)
{
  const char *no_sub[] = { "roster", NULL };
  const char *no_file[] = { "roster", "import", NULL };
  const char *wrong[] = { "roster", "export", NULL };
  const char *const *cases[] = { no_sub, no_file, wrong };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto (XsTestRun) run = { 0 };

      xs_test_run_cliv (&run, f->db, cases[i], NULL);
      g_assert_cmpint (run.status, ==, 2);
    }
}

/* A million tiny rows would cost gigabytes before any is checked: refused early. */
static void
test_too_many_rows_are_refused_early (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "many.csv", NULL);
  g_autoptr (GString) csv = g_string_new ("id,unit,name,gender,id-number\n");
  g_autoptr (GError) error = NULL;
  XsRosterResult result;

  for (guint i = 0; i <= XS_ROSTER_MAX_ROWS; i++)
    g_string_append (csv, "a\n");
  g_assert_true (g_file_set_contents (path, csv->str, (gssize)csv->len, NULL));
  g_assert_false (xs_roster_import (f->store, path, 0, &result, &error));
  g_assert_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "100000"));
  xs_roster_result_clear (&result);
  g_assert_cmpuint (count_persons (f), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();

#define ADD(path, func)                                                                            \
  g_test_add ("/roster/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("utf8-with-bom-imports-whole", test_utf8_with_bom_imports_whole);
  ADD ("gb18030-imports-the-same", test_gb18030_imports_the_same);
  ADD ("english-headers-in-any-order", test_english_headers_in_any_order);
  ADD ("bad-rows-refuse-the-whole-file", test_bad_rows_refuse_the_whole_file);
  ADD ("skip-bad-rows-imports-the-good-ones", test_skip_bad_rows_imports_the_good_ones);
  ADD ("check-only-writes-nothing", test_check_only_writes_nothing);
  ADD ("reimport-updates-identity-and-keeps-activities",
       test_reimport_updates_identity_and_keeps_activities);
  ADD ("a-resident-id-of-another-person-is-refused",
       test_a_resident_id_of_another_person_is_refused);
  ADD ("line-numbers-count-multiline-cells", test_line_numbers_count_multiline_cells);
  ADD ("an-overlong-cell-is-a-bad-row", test_an_overlong_cell_is_a_bad_row);
  ADD ("refused/what-is-not-text", test_what_is_not_text_is_refused);
  ADD ("refused/header-problems", test_header_problems_are_refused);
  ADD ("refused/broken-csv-with-its-line", test_broken_csv_is_refused_with_its_line);
  ADD ("refused/an-oversized-file", test_an_oversized_file_is_refused);
  ADD ("cli/lists-every-bad-row-and-refuses", test_cli_lists_every_bad_row_and_refuses);
  ADD ("cli/skip-bad-rows-imports-the-rest", test_cli_skip_bad_rows_imports_the_rest);
  ADD ("cli/usage-errors", test_cli_usage_errors);

  g_test_add ("/roster/too-many-rows-are-refused-early", Fixture, NULL, fixture_set_up,
              test_too_many_rows_are_refused_early, fixture_tear_down);
  return g_test_run ();
}
