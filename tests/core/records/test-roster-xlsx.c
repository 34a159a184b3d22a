/* test-roster-xlsx.c — a roster saved as an Excel workbook imports as its CSV does; an ID
 * number Excel turned into a number is refused naming its row; a hostile workbook changes
 * nothing.
 *
 * The good workbooks are written with libxlsxwriter, as Excel writes them; the hostile ones
 * with libgsf's zip writer, part by part.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gsf/gsf.h>
#include <xlsxwriter.h>

#include "xs-roster-csv.h"
#include "xs-test-util.h"
#include "xs-xlsx-read.h"

static const char header[] = "人员编号,姓名,性别,身份证号,单位编号,核认起始年度,核认截止年度";

static void
put_units (XsStore *store)
{
  static const char *const ids[] = { "U1", "U2" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr (XsUnit) unit = xs_unit_new ();
      g_autoptr (GError) error = NULL;

      unit->id = g_strdup (ids[i]);
      unit->category = g_strdup ("provincial");
      unit->name = g_strdup_printf ("湖南省某某单位%u", i + 1);
      g_assert_true (xs_store_put_unit (store, unit, &error));
      g_assert_no_error (error);
    }
}

static void
set_up (XsTestStore *f, gconstpointer data)
{
  xs_test_store_set_up (f);
  put_units (f->store);
}

static void
tear_down (XsTestStore *f, gconstpointer data)
{
  xs_test_store_tear_down (f);
}

static guint
count_persons (XsTestStore *f)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) persons = xs_store_list_persons (f->store, &error);

  g_assert_no_error (error);
  return persons->len;
}

/* Writes @rows (comma-separated; a cell starting with '#' as a number) into sheet @sheet of a
 * new workbook whose earlier sheets are empty. */
static char *
write_workbook (XsTestStore *f, const char *name, guint sheet, const char *const *rows)
{
  char *path = g_build_filename (f->dir, name, NULL);
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *worksheet = NULL;

  for (guint s = 0; s <= sheet; s++)
    {
      g_autofree char *title = g_strdup_printf ("工作表%u", s + 1);
      worksheet = workbook_add_worksheet (workbook, title);
    }
  for (guint r = 0; rows[r] != NULL; r++)
    {
      g_auto (GStrv) cells = g_strsplit (rows[r], ",", -1);

      for (guint c = 0; cells[c] != NULL; c++)
        if (cells[c][0] == '#')
          worksheet_write_number (worksheet, r, c, g_ascii_strtod (cells[c] + 1, NULL), NULL);
        else if (cells[c][0] != '\0')
          worksheet_write_string (worksheet, r, c, cells[c], NULL);
    }
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
  return path;
}

static void
test_a_workbook_imports_as_its_csv (XsTestStore *f, gconstpointer data)
{
  const char *const rows[] = {
    header,
    "P001,张三,男,430102198001010011,U1,,",
    /* Years typed as numbers, as Excel stores them. */
    "P002,李四,女,43010219830615100X,U2,#2022,#2026",
    NULL,
  };
  g_autofree char *path = write_workbook (f, "名册.xlsx", 1, rows);
  g_autoptr (GError) error = NULL;
  g_autoptr (XsPerson) p2 = NULL;
  XsRosterResult result;

  g_assert_true (xs_roster_import (f->store, path, XS_ROSTER_IMPORT_DEFAULT, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (result.encoding, ==, "XLSX");
  g_assert_cmpuint (result.added, ==, 2);
  xs_roster_result_clear (&result);

  p2 = xs_store_get_person (f->store, "P002", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (p2->name, ==, "李四");
  g_assert_cmpstr (p2->gender, ==, "female");
  g_assert_cmpstr (p2->unit_id, ==, "U2");
  g_assert_cmpstr (p2->id_number, ==, "43010219830615100X");
  g_assert_cmpuint (p2->span_from, ==, 2022);
  g_assert_cmpuint (p2->span_to, ==, 2026);
}

static void
test_an_id_stored_as_a_number_is_refused_naming_its_row (XsTestStore *f, gconstpointer data)
{
  const char *const rows[] = {
    header,
    "P001,张三,男,430102198001010011,U1,,",
    /* An ID without a letter, typed into a General cell: Excel keeps 15 digits of it. */
    "P002,王五,男,#430203199007150038,U1,,",
    NULL,
  };
  g_autofree char *path = write_workbook (f, "名册.xlsx", 0, rows);
  g_autoptr (GError) error = NULL;
  const XsRosterProblem *problem;
  XsRosterResult result;

  g_assert_false (xs_roster_import (f->store, path, XS_ROSTER_IMPORT_DEFAULT, &result, &error));
  g_assert_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_BAD_ROWS);
  g_assert_cmpuint (result.problems->len, ==, 1);
  problem = g_ptr_array_index (result.problems, 0);
  g_assert_cmpuint (problem->line, ==, 3); /* Excel's row 3 */
  g_assert_cmpint (problem->column, ==, XS_ROSTER_COLUMN_ID_NUMBER);
  g_assert_nonnull (strstr (problem->reason, "Excel stored this resident ID as a number"));
  xs_roster_result_clear (&result);
  g_assert_cmpuint (count_persons (f), ==, 0);
}

/* A zip holding the given parts (name, contents; NULL-terminated pairs). */
static char *
write_zip (XsTestStore *f, const char *name, const char *const *parts)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  GsfOutput *sink = gsf_output_stdio_new (path, &error);
  GsfOutfile *zip;

  g_assert_no_error (error);
  zip = gsf_outfile_zip_new (sink, &error);
  g_assert_no_error (error);
  for (guint i = 0; parts[i] != NULL; i += 2)
    {
      g_auto (GStrv) names = g_strsplit (parts[i], "/", -1);
      GsfOutfile *dir = g_object_ref (zip);
      GsfOutput *member;

      for (guint k = 0; names[k + 1] != NULL; k++)
        {
          GsfOutfile *child = GSF_OUTFILE (gsf_outfile_new_child (dir, names[k], TRUE));
          g_object_unref (dir);
          dir = child;
        }
      member = gsf_outfile_new_child (dir, names[g_strv_length (names) - 1], FALSE);
      g_assert_true (
          gsf_output_write (member, strlen (parts[i + 1]), (const guint8 *)parts[i + 1]));
      gsf_output_close (member);
      g_object_unref (member);
      gsf_output_close (GSF_OUTPUT (dir));
      g_object_unref (dir);
    }
  gsf_output_close (GSF_OUTPUT (zip));
  g_object_unref (zip);
  g_object_unref (sink);
  return path;
}

#define WORKBOOK                                                                                   \
  "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "                 \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"               \
  "<sheets><sheet name=\"名册\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define RELS                                                                                       \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"         \
  "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>"

/* Takes @path. */
static void
assert_refused (XsTestStore *f, char *path, const char *fragment)
{
  g_autofree char *owned = path;
  g_autoptr (GError) error = NULL;
  XsRosterResult result;

  g_assert_false (xs_roster_import (f->store, path, XS_ROSTER_IMPORT_DEFAULT, &result, &error));
  g_assert_nonnull (error);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
  xs_roster_result_clear (&result);
  g_assert_cmpuint (count_persons (f), ==, 0);
}

static void
test_hostile_workbooks_are_refused (XsTestStore *f, gconstpointer data)
{
  const char *const doctype[] = {
    "xl/workbook.xml",
    WORKBOOK,
    "xl/_rels/workbook.xml.rels",
    RELS,
    "xl/worksheets/sheet1.xml",
    "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
    "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>&e;</t></is></c></row>"
    "</sheetData></worksheet>",
    NULL,
  };
  const char *const missing_string[] = {
    "xl/workbook.xml",
    WORKBOOK,
    "xl/_rels/workbook.xml.rels",
    RELS,
    "xl/worksheets/sheet1.xml",
    "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>7</v></c></row></sheetData>"
    "</worksheet>",
    NULL,
  };
  const char *const outside[] = {
    "xl/workbook.xml",
    WORKBOOK,
    "xl/_rels/workbook.xml.rels",
    "<Relationships><Relationship Id=\"rId1\" Target=\"../../etc/passwd\"/></Relationships>",
    NULL,
  };
  const char *const no_workbook[] = { "word/document.xml", "<document/>", NULL };
  g_autofree char *long_cell = g_strnfill (XS_XLSX_MAX_CELL_CHARS + 1, 'x');
  g_autofree char *long_sheet = g_strdup_printf (
      "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>%s</t></is></c></row>"
      "</sheetData></worksheet>",
      long_cell);
  const char *const too_long[] = {
    "xl/workbook.xml", WORKBOOK, "xl/_rels/workbook.xml.rels", RELS, "xl/worksheets/sheet1.xml",
    long_sheet,        NULL,
  };
  char *damaged;

  assert_refused (f, write_zip (f, "doctype.xlsx", doctype), "DOCTYPE");
  assert_refused (f, write_zip (f, "missing.xlsx", missing_string), "names a text");
  assert_refused (f, write_zip (f, "outside.xlsx", outside), "outside the workbook");
  assert_refused (f, write_zip (f, "word.xlsx", no_workbook), "not an Excel workbook");
  assert_refused (f, write_zip (f, "long.xlsx", too_long), "32767");

  /* A good workbook whose every part but the first has its local header overwritten: libgsf
   * warns (g_warning, fatal in a test) besides its error; the clerk sees only ours. */
  {
    const char *const rows[] = { header, "P001,张三,男,430102198001010011,U1,,", NULL };
    g_autofree char *good = write_workbook (f, "good.xlsx", 0, rows);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_true (g_file_get_contents (good, &contents, &length, NULL));
    for (gsize i = 4; i + 4 <= length; i++)
      if (memcmp (contents + i, "PK\003\004", 4) == 0)
        memcpy (contents + i, "JUNK", 4);
    damaged = g_build_filename (f->dir, "headers.xlsx", NULL);
    g_assert_true (g_file_set_contents (damaged, contents, (gssize)length, NULL));
    assert_refused (f, damaged, "headers.xlsx");
  }

  /* A zip's signature and nothing after it. */
  damaged = g_build_filename (f->dir, "truncated.xlsx", NULL);
  g_assert_true (g_file_set_contents (damaged, "PK\003\004\024\000", 6, NULL));
  assert_refused (f, damaged, "zip container is damaged");
}

static void
test_serial_days_read_as_dates (void)
{
  GDate date;

  g_assert_true (xs_xlsx_serial_to_date ("45352", &date)); /* what Excel stores for 2024-03-01 */
  g_assert_cmpint (g_date_get_year (&date), ==, 2024);
  g_assert_cmpint (g_date_get_month (&date), ==, 3);
  g_assert_cmpint (g_date_get_day (&date), ==, 1);
  g_assert_true (xs_xlsx_serial_to_date ("61", &date)); /* 1900-03-01, after Excel's 02-29 */
  g_assert_cmpint (g_date_get_month (&date), ==, 3);
  g_assert_false (xs_xlsx_serial_to_date ("45352.5", &date));
  g_assert_false (xs_xlsx_serial_to_date ("2024-03-01", &date));
  g_assert_false (xs_xlsx_serial_to_date ("0", &date));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();

#define ADD(path, func)                                                                            \
  g_test_add ("/roster-xlsx/" path, XsTestStore, NULL, set_up, func, tear_down)

  ADD ("imports-as-its-csv", test_a_workbook_imports_as_its_csv);
  ADD ("an-id-stored-as-a-number-is-refused-naming-its-row",
       test_an_id_stored_as_a_number_is_refused_naming_its_row);
  ADD ("hostile-workbooks-are-refused", test_hostile_workbooks_are_refused);
  g_test_add_func ("/roster-xlsx/serial-days-read-as-dates", test_serial_days_read_as_dates);
  return g_test_run ();
}
