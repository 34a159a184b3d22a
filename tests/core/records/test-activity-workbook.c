/* test-activity-workbook.c — the activity template has a sheet per form with its columns and
 * dropdowns from the rule file; a filled-in workbook adds its rows through the one writer, all
 * or nothing, each bad row named; `xueshi-cli template` and `activities import` say the same.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gsf/gsf.h>
#include <xlsxwriter.h>

#include "xs-activity-columns.h"
#include "xs-audit.h"
#include "xs-test-util.h"

static void
set_up (XsTestStore *f, gconstpointer data)
{
  xs_test_store_set_up (f);
  xs_test_import_text (f, "unit.xml",
                       "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
                       "<unit id=\"U1\" category=\"provincial\" name=\"湖南省某某医院\"/>\n"
                       "<person id=\"P001\" unit=\"U1\"><name>张三</name><gender>male</gender>"
                       "<id-number>430102198001010011</id-number></person>\n"
                       "</xueshi>\n");
}

static void
tear_down (XsTestStore *f, gconstpointer data)
{
  xs_test_store_tear_down (f);
}

static GPtrArray *
read_workbook (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (GBytes) bytes = NULL;
  GPtrArray *sheets;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  sheets = xs_xlsx_read (bytes, "t.xlsx", 10000, &error);
  g_assert_no_error (error);
  return sheets;
}

static const XsXlsxSheet *
find_sheet (GPtrArray *sheets, const char *name)
{
  for (guint i = 0; i < sheets->len; i++)
    if (g_str_equal (((XsXlsxSheet *)g_ptr_array_index (sheets, i))->name, name))
      return g_ptr_array_index (sheets, i);
  g_error ("no sheet “%s”", name);
}

/* The text of one part of a zip, read with libgsf. */
static char *
zip_part (const char *path, const char *const *names)
{
  g_autoptr (GError) error = NULL;
  GsfInput *file = gsf_input_stdio_new (path, &error);
  GsfInfile *zip;
  GsfInput *part;
  char *text;

  g_assert_no_error (error);
  zip = gsf_infile_zip_new (file, &error);
  g_assert_no_error (error);
  part = gsf_infile_child_by_aname (zip, (const char **)names);
  g_assert_nonnull (part);
  text = g_strndup ((const char *)gsf_input_read (part, gsf_input_size (part), NULL),
                    (gsize)gsf_input_size (part));
  g_object_unref (part);
  g_object_unref (zip);
  g_object_unref (file);
  return text;
}

static void
test_the_template_has_a_sheet_per_form_with_dropdowns (XsTestStore *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "活动模板.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sheets = NULL;
  g_autoptr (GPtrArray) columns = NULL;
  GPtrArray *kinds = xs_rules_get_kinds (f->rules);
  const XsKind *training = xs_rules_get_kind (f->rules, "training");
  const XsXlsxSheet *sheet;
  const XsXlsxRow *header;
  g_autofree char *training_xml = NULL;
  g_autofree char *training_name = xs_activity_sheet_name (training);
  const char *const sheet3[] = { "xl", "worksheets", "sheet3.xml", NULL };
  struct stat st;

  g_assert_true (xs_activity_template_write (f->rules, path, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  sheets = read_workbook (path);
  /* The instructions, the hidden choices, then each form in the rule file's order. */
  g_assert_cmpuint (sheets->len, ==, kinds->len + 2);
  g_assert_cmpstr (((XsXlsxSheet *)g_ptr_array_index (sheets, 0))->name, ==,
                   xs_activity_workbook_help_sheet ());
  g_assert_cmpstr (((XsXlsxSheet *)g_ptr_array_index (sheets, 2))->name, ==, training_name);
  for (guint i = 0; i < kinds->len; i++)
    {
      g_autofree char *name = xs_activity_sheet_name (g_ptr_array_index (kinds, i));
      g_assert_cmpuint (g_utf8_strlen (name, -1), <=, XS_ACTIVITY_SHEET_NAME_CHARS);
      (void)find_sheet (sheets, name);
    }

  sheet = find_sheet (sheets, training_name);
  header = g_ptr_array_index (sheet->rows, 0);
  columns = xs_activity_columns_new (f->rules, training);
  g_assert_cmpuint (header->cells->len, ==, columns->len);
  g_assert_cmpuint (columns->len, ==, 3 + training->params->len);
  for (guint c = 0; c < columns->len; c++)
    g_assert_true (
        xs_activity_column_matches (g_ptr_array_index (columns, c), xs_xlsx_row_cell (header, c)));

  /* The subject's dropdown lists the rule file's names, kept on the choices sheet. */
  sheet = find_sheet (sheets, xs_activity_workbook_choices_sheet ());
  g_assert_cmpstr (xs_xlsx_row_cell (g_ptr_array_index (sheet->rows, 0), 0), ==,
                   xs_rules_get_subject_name (f->rules, XS_SUBJECT_PUBLIC));
  training_xml = zip_part (path, sheet3);
  g_assert_nonnull (strstr (training_xml, "type=\"list\""));
  g_assert_nonnull (strstr (training_xml, "type=\"date\""));
  g_assert_nonnull (strstr (training_xml, "type=\"decimal\""));

  /* Written again over the same name: refused unless asked. */
  g_assert_false (xs_activity_template_write (f->rules, path, FALSE, &error));
  g_assert_error (error, XS_XLSX_ERROR, XS_XLSX_ERROR_WRITE);
  g_clear_error (&error);
  g_assert_true (xs_activity_template_write (f->rules, path, TRUE, &error));
  g_assert_no_error (error);
}

/* A workbook as staff return it: the template's headers, the given rows ("|"-separated; a
 * cell "@2024-03-01" as an Excel date, "#2.5" as a number). */
static char *
write_filled (XsTestStore *f, const char *kind_id, const char *const *rows)
{
  const XsKind *kind = xs_rules_get_kind (f->rules, kind_id);
  g_autoptr (GPtrArray) columns = xs_activity_columns_new (f->rules, kind);
  g_autofree char *name = xs_activity_sheet_name (kind);
  char *path = g_build_filename (f->dir, "filled.xlsx", NULL);
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, name);
  lxw_format *date = workbook_add_format (workbook);

  format_set_num_format (date, "yyyy-mm-dd");
  for (guint c = 0; c < columns->len; c++)
    worksheet_write_string (sheet, 0, (lxw_col_t)c,
                            ((XsActivityColumn *)g_ptr_array_index (columns, c))->header, NULL);
  for (guint r = 0; rows[r] != NULL; r++)
    {
      g_auto (GStrv) cells = g_strsplit (rows[r], "|", -1);

      for (guint c = 0; cells[c] != NULL; c++)
        if (cells[c][0] == '@')
          {
            lxw_datetime when = { 0 };
            sscanf (cells[c] + 1, "%d-%d-%d", &when.year, &when.month, &when.day);
            worksheet_write_datetime (sheet, r + 1, c, &when, date);
          }
        else if (cells[c][0] == '#')
          worksheet_write_number (sheet, r + 1, c, g_ascii_strtod (cells[c] + 1, NULL), NULL);
        else if (cells[c][0] != '\0')
          worksheet_write_string (sheet, r + 1, c, cells[c], NULL);
    }
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
  return path;
}

static guint
count_activities (XsTestStore *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) activities = xs_store_list_activities (f->store, "P001", &error);

  g_assert_no_error (error);
  return activities->len;
}

static void
test_filled_rows_are_added_pending_and_credited (XsTestStore *f, gconstpointer data)
{
  const char *const rows[] = {
    /* person | name | organiser | subject | theme | start | end | days | unified platform */
    "P001|专题培训|湖南大学|公需科目||@2024-03-01|@2024-03-03|#2.5|",
    "P001|专业研修||专业科目||2024-05-06|2024-05-06|1|Yes",
    NULL,
  };
  g_autofree char *path = write_filled (f, "training", rows);
  g_autoptr (GError) error = NULL;
  g_autoptr (XsActivity) first = NULL;
  g_autoptr (XsActivity) second = NULL;
  g_autoptr (GPtrArray) audit = NULL;
  XsActivityWorkbookResult result;

  g_assert_true (
      xs_activity_workbook_import (f->store, f->rules, path, FALSE, "王会计", &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.rows, ==, 2);
  g_assert_cmpuint (result.added->len, ==, 2);
  g_assert_cmpuint (((XsActivityRowProblem *)g_ptr_array_index (result.added, 1))->row, ==, 3);
  xs_activity_workbook_result_clear (&result);

  first = xs_store_get_activity (f->store, "P001-A1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first->kind, ==, "training");
  g_assert_cmpint (first->status, ==, XS_STATUS_PENDING);
  g_assert_cmpstr (first->title, ==, "专题培训");
  g_assert_cmpstr (first->organizer, ==, "湖南大学");
  g_assert_cmpstr (xs_activity_get_param (first, "subject"), ==, "public");
  /* The Excel date (a day number) and the typed one read alike. */
  g_assert_cmpstr (xs_activity_get_param (first, "start"), ==, "2024-03-01");
  g_assert_cmpstr (xs_activity_get_param (first, "end"), ==, "2024-03-03");
  g_assert_cmpstr (xs_activity_get_param (first, "days"), ==, "2.5");
  second = xs_store_get_activity (f->store, "P001-A2", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (xs_activity_get_param (second, "subject"), ==, "professional");
  g_assert_cmpstr (xs_activity_get_param (second, "start"), ==, "2024-05-06");
  g_assert_cmpstr (xs_activity_get_param (second, "unified-platform"), ==, "true");

  /* Credited as the engine says: 2.5 days of training are 20 hours. */
  {
    g_autoptr (XsCredit) credit = xs_engine_compute (f->rules, first);
    g_assert_cmpint (credit->public_tenths, ==, 200);
  }
  /* Each one audited as a creation by the one writer, naming who. */
  audit = xs_audit_list (f->store, "P001", &error);
  g_assert_no_error (error);
  {
    guint created = 0;
    for (guint i = 0; i < audit->len; i++)
      {
        XsAuditEntry *entry = g_ptr_array_index (audit, i);
        if (g_str_equal (entry->action, "create") && g_str_equal (entry->actor, "王会计"))
          created++;
      }
    g_assert_cmpuint (created, ==, 2);
  }
}

static void
test_bad_rows_add_nothing_and_are_each_named (XsTestStore *f, gconstpointer data)
{
  const char *const rows[] = {
    "P001|好的一行||公需科目||2024-03-01|2024-03-03|2||",
    "P001|不在选项里||公需||2024-03-01|2024-03-03|2||",
    "P999|没有这个人||公需科目||2024-03-01|2024-03-01|1||",
    "P001|天数超出日期||公需科目||2024-03-01|2024-03-01|3||",
    "P001|日期写错||公需科目||2024-02-30|2024-03-01|1||",
    NULL,
  };
  g_autofree char *path = write_filled (f, "training", rows);
  g_autoptr (GError) error = NULL;
  XsActivityWorkbookResult result;
  guint before = count_activities (f);
  guint expected_rows[] = { 3, 4, 5, 6 };

  g_assert_false (
      xs_activity_workbook_import (f->store, f->rules, path, FALSE, "王会计", &result, &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
  g_assert_cmpuint (result.problems->len, ==, G_N_ELEMENTS (expected_rows));
  for (guint i = 0; i < G_N_ELEMENTS (expected_rows); i++)
    {
      const XsActivityRowProblem *problem = g_ptr_array_index (result.problems, i);
      g_autofree char *line = xs_activity_row_problem_format (problem);

      g_assert_cmpuint (problem->row, ==, expected_rows[i]);
      g_assert_nonnull (strstr (line, "培训班"));
    }
  g_assert_nonnull (strstr (
      ((XsActivityRowProblem *)g_ptr_array_index (result.problems, 0))->reason, "公需科目"));
  g_assert_nonnull (
      strstr (((XsActivityRowProblem *)g_ptr_array_index (result.problems, 1))->reason, "P999"));
  g_assert_cmpuint (result.added->len, ==, 0);
  xs_activity_workbook_result_clear (&result);
  g_assert_cmpuint (count_activities (f), ==, before);
}

static void
test_the_cli_writes_and_imports (XsTestStore *f, gconstpointer data)
{
  g_autofree char *template = g_build_filename (f->dir, "模板.xlsx", NULL);
  const char *const rows[] = { "P001|专题培训||公需科目||2024-03-01|2024-03-03|2||", NULL };
  g_autofree char *filled = write_filled (f, "training", rows);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!xs_test_have_cli ())
    {
      g_test_skip ("XUESHI_CLI is not set");
      return;
    }
  g_assert_cmpint (
      xs_test_store_cli (f, &out, &err, "template", "activities", "-o", template, NULL), ==, 0);
  g_assert_true (g_file_test (template, G_FILE_TEST_EXISTS));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (
      xs_test_store_cli (f, &out, &err, "template", "activities", "-o", template, NULL), ==, 1);
  g_assert_nonnull (strstr (err, "--force"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (
      xs_test_store_cli (f, &out, &err, "activities", "import", "--check", filled, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "would add"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (xs_test_store_cli (f, &out, &err, "activities", "import", filled, NULL), ==, 0);
  g_assert_nonnull (strstr (out, "row 2: P001-A1"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (xs_test_store_cli (f, &out, &err, "hours", "P001", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "P001-A1"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();

#define ADD(path, func)                                                                            \
  g_test_add ("/activity-workbook/" path, XsTestStore, NULL, set_up, func, tear_down)

  ADD ("template-has-a-sheet-per-form-with-dropdowns",
       test_the_template_has_a_sheet_per_form_with_dropdowns);
  ADD ("filled-rows-are-added-pending-and-credited",
       test_filled_rows_are_added_pending_and_credited);
  ADD ("bad-rows-add-nothing-and-are-each-named", test_bad_rows_add_nothing_and_are_each_named);
  ADD ("cli-writes-and-imports", test_the_cli_writes_and_imports);
  return g_test_run ();
}
