/* test-xlsx.c — the Excel report, read back from the .xlsx (a zip of XML) with unzip and
 * libxml2: figures as numbers, verdicts, what is missing, layout, and the file put in place.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "xs-core.h"

#define MAIN_NS "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

static const char exchange[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
    "  <unit id=\"U1\" category=\"provincial\" name=\"湖南省某某医院\"/>\n"
    "  <person id=\"P001\" unit=\"U1\">\n"
    "    <name>张三</name><gender>male</gender><id-number>11010519491231002X</id-number>\n"
    "    <activity id=\"A1\" kind=\"certified-year\" year=\"2021\" public=\"30\"\n"
    "              professional=\"60\" status=\"approved\"/>\n"
    "    <activity id=\"A2\" kind=\"online-course\" subject=\"public\" hours=\"12.5\"\n"
    "              year=\"2022\" status=\"approved\"/>\n"
    "    <activity id=\"A3\" kind=\"online-course\" subject=\"professional\" hours=\"12.3\"\n"
    "              year=\"2022\" status=\"pending\"/>\n"
    "    <activity id=\"A4\" kind=\"certified-year\" year=\"2023\" public=\"30\"\n"
    "              professional=\"60\" status=\"approved\"/>\n"
    "    <activity id=\"A5\" kind=\"aid-posting\" start=\"2024-01-01\" end=\"2024-09-30\"\n"
    "              passed=\"true\" status=\"approved\"/>\n"
    "    <activity id=\"A6\" kind=\"certified-year\" year=\"2025\" public=\"30\"\n"
    "              professional=\"60\" status=\"approved\"/>\n"
    "  </person>\n"
    "  <person id=\"P002\" unit=\"U1\">\n"
    "    <name>李四</name><gender>female</gender><id-number>430102198001010011</id-number>\n"
    "    <activity id=\"B1\" kind=\"certified-year\" year=\"2021\" public=\"30\"\n"
    "              professional=\"60\" status=\"approved\"/>\n"
    "    <activity id=\"B2\" kind=\"certified-year\" year=\"2022\" public=\"30\"\n"
    "              professional=\"60\" status=\"approved\"/>\n"
    "    <activity id=\"B3\" kind=\"certified-year\" year=\"2023\" public=\"30\"\n"
    "              professional=\"60\" status=\"approved\"/>\n"
    "    <activity id=\"B4\" kind=\"certified-year\" year=\"2024\" public=\"30\"\n"
    "              professional=\"60\" status=\"approved\"/>\n"
    "    <activity id=\"B5\" kind=\"certified-year\" year=\"2025\" public=\"35.5\"\n"
    "              professional=\"60\" status=\"approved\"/>\n"
    "  </person>\n"
    "</xueshi>\n";

typedef struct
{
  char *dir;
  char *db;
  XsStore *store;
  XsRules *rules;
} Fixture;

/* A worksheet read back: cell reference → text, and the style of each cell. */
typedef struct
{
  GHashTable *values; /* "B2" → text as written (numbers as in <v>) */
  GHashTable *types;  /* "B2" → "n" or "s" */
  GHashTable *styles; /* "B2" → style index, as text */
  xmlDoc *doc;
} Sheet;

static void
sheet_clear (Sheet *sheet)
{
  g_clear_pointer (&sheet->values, g_hash_table_unref);
  g_clear_pointer (&sheet->types, g_hash_table_unref);
  g_clear_pointer (&sheet->styles, g_hash_table_unref);
  g_clear_pointer (&sheet->doc, xmlFreeDoc);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sheet, sheet_clear)

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autoptr (GFile) file = NULL;
  XsImportResult result;

  f->dir = g_dir_make_tmp ("xlsx-XXXXXX", &error);
  g_assert_no_error (error);
  f->db = g_build_filename (f->dir, "x.db", NULL);
  f->store = (XsStore *)xs_sqlite_store_open (f->db, &error);
  g_assert_no_error (error);
  f->rules = xs_rules_get_default (&error);
  g_assert_no_error (error);

  xml = g_build_filename (f->dir, "unit.xml", NULL);
  g_file_set_contents (xml, exchange, -1, &error);
  g_assert_no_error (error);
  file = g_file_new_for_path (xml);
  g_assert_true (xs_import_file (f->store, f->rules, file, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  xs_import_result_clear (&result);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->rules);
  g_free (f->db);
  g_free (f->dir);
}

static char *
unzip_member_full (const char *xlsx, const char *member, gboolean optional)
{
  const char *argv[] = { "unzip", "-p", xlsx, member, NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (optional && !g_spawn_check_wait_status (status, NULL))
    {
      g_free (out);
      return NULL;
    }
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

static char *
unzip_member (const char *xlsx, const char *member)
{
  return unzip_member_full (xlsx, member, FALSE);
}

static xmlDoc *
parse (const char *text)
{
  xmlDoc *doc = xmlReadMemory (text, (int)strlen (text), NULL, "UTF-8", XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

static gboolean
is (xmlNode *node, const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_str_equal ((const char *)node->name, name) &&
         node->ns != NULL && g_str_equal ((const char *)node->ns->href, MAIN_NS);
}

static xmlNode *
child (xmlNode *node, const char *name)
{
  for (xmlNode *c = node != NULL ? node->children : NULL; c != NULL; c = c->next)
    if (is (c, name))
      return c;
  return NULL;
}

/* g_assert_nonnull() returns when assertions are non-fatal, so at -O3 the compiler sees the
 * dereference after it; g_error() never returns. */
static xmlNode *
require (xmlNode *node, const char *what)
{
  if (node == NULL)
    g_error ("the workbook has no %s", what);
  return node;
}

static char *
text_of (xmlNode *node)
{
  xmlChar *s = xmlNodeGetContent (node);
  char *copy = g_strdup ((const char *)s);

  xmlFree (s);
  return copy;
}

static char *
prop (xmlNode *node, const char *name)
{
  xmlChar *s = xmlGetProp (node, (const xmlChar *)name);
  char *copy = g_strdup ((const char *)s);

  xmlFree (s);
  return copy;
}

/* Shared strings or inline strings: the report may use either. */
static void
read_sheet (Sheet *sheet, const char *xlsx, guint index)
{
  g_autofree char *member = g_strdup_printf ("xl/worksheets/sheet%u.xml", index);
  g_autofree char *text = unzip_member (xlsx, member);
  g_autofree char *shared_text = unzip_member_full (xlsx, "xl/sharedStrings.xml", TRUE);
  g_autoptr (GPtrArray) shared = g_ptr_array_new_with_free_func (g_free);
  xmlNode *data;

  if (shared_text != NULL && *shared_text != '\0')
    {
      xmlDoc *doc = parse (shared_text);
      for (xmlNode *si = xmlDocGetRootElement (doc)->children; si != NULL; si = si->next)
        if (is (si, "si"))
          g_ptr_array_add (shared, text_of (si));
      xmlFreeDoc (doc);
    }

  sheet->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sheet->styles = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sheet->doc = parse (text);
  data = require (child (xmlDocGetRootElement (sheet->doc), "sheetData"), "sheetData");
  for (xmlNode *row = data->children; row != NULL; row = row->next)
    for (xmlNode *c = is (row, "row") ? row->children : NULL; c != NULL; c = c->next)
      {
        g_autofree char *ref = prop (c, "r");
        g_autofree char *type = prop (c, "t");
        char *value;

        if (!is (c, "c"))
          continue;
        if (g_strcmp0 (type, "inlineStr") == 0)
          value = text_of (child (c, "is"));
        else if (g_strcmp0 (type, "s") == 0)
          {
            g_autofree char *v = text_of (child (c, "v"));
            guint64 i = g_ascii_strtoull (v, NULL, 10);
            g_assert_cmpuint (i, <, shared->len);
            value = g_strdup (g_ptr_array_index (shared, i));
          }
        else
          value = child (c, "v") ? text_of (child (c, "v")) : g_strdup ("");
        g_hash_table_insert (sheet->types, g_strdup (ref),
                             (gpointer)(type == NULL || g_str_equal (type, "n") ? "n" : "s"));
        g_hash_table_insert (sheet->styles, g_strdup (ref), prop (c, "s"));
        g_hash_table_insert (sheet->values, g_strdup (ref), value);
      }
}

static void
assert_cell (Sheet *sheet, const char *ref, const char *type, const char *value)
{
  const char *got = g_hash_table_lookup (sheet->values, ref);

  if (g_strcmp0 (got, value) != 0)
    g_error ("cell %s is “%s”, expected “%s”", ref, got ? got : "(none)", value);
  g_assert_cmpstr (g_hash_table_lookup (sheet->types, ref), ==, type);
}

static void
assert_row (Sheet *sheet, guint row, const char *const *cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *ref = g_strdup_printf ("%c%u", 'A' + i, row);
      const char *cell = cells[i];

      /* "#12.5" is the number 12.5; anything else a string; "" no cell at all. */
      if (*cell == '\0')
        g_assert_false (g_hash_table_contains (sheet->values, ref));
      else if (*cell == '#')
        assert_cell (sheet, ref, "n", cell + 1);
      else
        assert_cell (sheet, ref, "s", cell);
    }
}

static char *
write_report (Fixture *f, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsUnitReport) report = xs_unit_report_new (f->store, f->rules, &error);
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_no_error (error);
  g_assert_true (xs_xlsx_report_write (report, f->store, f->rules, path, &error));
  g_assert_no_error (error);
  {
    /* The workbook carries full resident ID numbers: owner only, as the database is. */
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  }
  return path;
}

static void
test_the_summary_has_every_person_and_year (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_report (f, "report.xlsx");
  g_auto (Sheet) sheet = { 0 };
  const char *const header[] = { "人员编号", "姓名", "单位", "年度",     "公需",
                                 "专业",     "合计", "达标", "待审核数", NULL };
  const char *const rows[][10] = {
    { "P001", "张三", "湖南省某某医院", "#2021", "#30", "#60", "#90", "是", "#0", NULL },
    { "P001", "张三", "湖南省某某医院", "#2022", "#12.5", "#0", "#12.5", "否", "#1", NULL },
    { "P001", "张三", "湖南省某某医院", "#2023", "#30", "#60", "#90", "是", "#0", NULL },
    { "P001", "张三", "湖南省某某医院", "#2024", "#30", "#60", "#90", "视同完成", "#0", NULL },
    { "P001", "张三", "湖南省某某医院", "#2025", "#30", "#60", "#90", "是", "#0", NULL },
    { "P002", "李四", "湖南省某某医院", "#2021", "#30", "#60", "#90", "是", "#0", NULL },
    { "P002", "李四", "湖南省某某医院", "#2022", "#30", "#60", "#90", "是", "#0", NULL },
    { "P002", "李四", "湖南省某某医院", "#2023", "#30", "#60", "#90", "是", "#0", NULL },
    { "P002", "李四", "湖南省某某医院", "#2024", "#30", "#60", "#90", "是", "#0", NULL },
    { "P002", "李四", "湖南省某某医院", "#2025", "#35.5", "#60", "#95.5", "是", "#0", NULL },
  };

  read_sheet (&sheet, path, 1);
  assert_row (&sheet, 1, header);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    assert_row (&sheet, i + 2, rows[i]);
  g_assert_false (g_hash_table_contains (sheet.values, "A12"));
}

static void
test_the_second_sheet_says_what_is_missing (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_report (f, "report.xlsx");
  g_auto (Sheet) sheet = { 0 };
  const char *const header[] = { "人员编号", "姓名", "单位",     "年度",       "公需差", "专业差",
                                 "合计差",   "说明", "待审核数", "待审核项目", NULL };
  const char *const row[] = { "P001",  "张三", "湖南省某某医院", "#2022",
                              "#17.5", "#60",  "#77.5",          "公需差 17.5 学时，专业差 60 学时",
                              "#1",    NULL };
  const char *items;

  read_sheet (&sheet, path, 2);
  assert_row (&sheet, 1, header);
  /* Only P001, only 2022: P002 passes, and P001's other years are met or deemed. */
  assert_row (&sheet, 2, row);
  items = g_hash_table_lookup (sheet.values, "J2");
  g_assert_nonnull (items);
  g_assert_true (g_str_has_prefix (items, "A3 "));
  g_assert_nonnull (strstr (items, "专业 12.3 学时"));
  g_assert_nonnull (strstr (items, "材料不全"));
  g_assert_false (g_hash_table_contains (sheet.values, "A3"));
}

/* The style index of @ref → its font is bold / its number format. */
static void
assert_styles (const char *xlsx, Sheet *sheet)
{
  g_autofree char *text = unzip_member (xlsx, "xl/styles.xml");
  xmlDoc *doc = parse (text);
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autoptr (GPtrArray) fonts = g_ptr_array_new ();
  g_autoptr (GPtrArray) xfs = g_ptr_array_new ();
  g_autoptr (GHashTable) formats = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  xmlNode *xf;
  g_autofree char *font_id = NULL;
  g_autofree char *format_id = NULL;

  for (xmlNode *n = require (child (root, "fonts"), "fonts")->children; n != NULL; n = n->next)
    if (is (n, "font"))
      g_ptr_array_add (fonts, n);
  for (xmlNode *n = require (child (root, "cellXfs"), "cellXfs")->children; n != NULL; n = n->next)
    if (is (n, "xf"))
      g_ptr_array_add (xfs, n);
  for (xmlNode *n = child (root, "numFmts") ? child (root, "numFmts")->children : NULL; n != NULL;
       n = n->next)
    if (is (n, "numFmt"))
      g_hash_table_insert (formats, prop (n, "numFmtId"), prop (n, "formatCode"));

  /* The header is bold. */
  xf = g_ptr_array_index (xfs,
                          g_ascii_strtoull (g_hash_table_lookup (sheet->styles, "A1"), NULL, 10));
  font_id = prop (xf, "fontId");
  g_assert_nonnull (child (g_ptr_array_index (fonts, g_ascii_strtoull (font_id, NULL, 10)), "b"));

  /* Hours show one decimal. */
  xf = g_ptr_array_index (xfs,
                          g_ascii_strtoull (g_hash_table_lookup (sheet->styles, "E2"), NULL, 10));
  format_id = prop (xf, "numFmtId");
  g_assert_cmpstr (g_hash_table_lookup (formats, format_id), ==, "0.0");
  xmlFreeDoc (doc);
}

static void
test_the_layout_is_for_reading (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_report (f, "report.xlsx");
  g_autofree char *workbook = unzip_member (path, "xl/workbook.xml");
  g_auto (Sheet) sheet = { 0 };
  xmlNode *root, *pane, *cols;
  g_autofree char *state = NULL;
  g_autofree char *split = NULL;
  guint n_cols = 0;

  g_assert_nonnull (strstr (workbook, "name=\"学时汇总\""));
  g_assert_nonnull (strstr (workbook, "name=\"未达标明细\""));

  read_sheet (&sheet, path, 1);
  assert_styles (path, &sheet);

  /* The header row is frozen. */
  root = xmlDocGetRootElement (sheet.doc);
  pane = child (child (child (root, "sheetViews"), "sheetView"), "pane");
  g_assert_nonnull (pane);
  state = prop (pane, "state");
  split = prop (pane, "ySplit");
  g_assert_cmpstr (state, ==, "frozen");
  g_assert_cmpstr (split, ==, "1");

  /* Every column has its width. */
  cols = require (child (root, "cols"), "cols");
  for (xmlNode *c = cols->children; c != NULL; c = c->next)
    if (is (c, "col"))
      {
        g_autofree char *custom = prop (c, "customWidth");
        g_assert_cmpstr (custom, ==, "1");
        n_cols++;
      }
  g_assert_cmpuint (n_cols, ==, 9);
}

static void
test_an_existing_file_is_replaced_whole (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "report.xlsx", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = NULL;
  g_autofree char *again = NULL;
  const char *name;
  guint n = 0;

  g_file_set_contents (path, "old contents", -1, &error);
  g_assert_no_error (error);
  again = write_report (f, "report.xlsx");
  g_assert_cmpstr (again, ==, path);
  {
    g_autofree char *head = unzip_member (path, "xl/workbook.xml");
    g_assert_nonnull (strstr (head, "学时汇总"));
  }

  /* No temporary file left beside it. */
  dir = g_dir_open (f->dir, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_false (g_str_has_prefix (name, ".report.xlsx."));
      n++;
    }
  g_assert_cmpuint (n, >=, 3); /* x.db, unit.xml, report.xlsx (and the WAL files) */
}

static void
test_an_unwritable_place_is_a_clear_error (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsUnitReport) report = xs_unit_report_new (f->store, f->rules, &error);
  g_autofree char *path = g_build_filename (f->dir, "no", "such", "report.xlsx", NULL);

  g_assert_false (xs_xlsx_report_write (report, f->store, f->rules, path, &error));
  g_assert_error (error, XS_XLSX_ERROR, XS_XLSX_ERROR_WRITE);
  g_assert_nonnull (strstr (error->message, "such"));
}

static void
test_the_cli_writes_the_workbook (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "cli.xlsx", NULL);
  g_autofree char *bad = g_build_filename (f->dir, "no", "cli.xlsx", NULL);
  const char *argv[] = { g_getenv ("XUESHI_CLI"), "--db", f->db, "report", "--xlsx", path, NULL };
  const char *bad_argv[] = {
    g_getenv ("XUESHI_CLI"), "--db", f->db, "report", "--xlsx", bad, NULL
  };
  const char *both_argv[] = {
    g_getenv ("XUESHI_CLI"), "--db", f->db, "report", "--json", "--xlsx", path, NULL
  };
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;
  g_auto (Sheet) sheet = { 0 };

  g_clear_object (&f->store);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  g_assert_cmpstr (err, ==, "");
  read_sheet (&sheet, path, 1);
  assert_cell (&sheet, "E3", "n", "12.5");

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_spawn_sync (NULL, (char **)bad_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, 1);
  g_assert_true (g_str_has_prefix (err, "xueshi-cli: "));
  g_assert_cmpuint (strlen (strchr (err, '\n')), ==, 1); /* one line */

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_spawn_sync (NULL, (char **)both_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
}

int
main (int argc, char **argv)
{
  g_autofree char *unzip = NULL;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();

  unzip = g_find_program_in_path ("unzip");
  if (unzip == NULL)
    {
      g_test_skip ("unzip is needed to read the workbooks back");
      return g_test_run ();
    }

#define ADD(path, func)                                                                            \
  g_test_add ("/xlsx/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("summary-has-every-person-and-year", test_the_summary_has_every_person_and_year);
  ADD ("second-sheet-says-what-is-missing", test_the_second_sheet_says_what_is_missing);
  ADD ("layout-is-for-reading", test_the_layout_is_for_reading);
  ADD ("an-existing-file-is-replaced-whole", test_an_existing_file_is_replaced_whole);
  ADD ("an-unwritable-place-is-a-clear-error", test_an_unwritable_place_is_a_clear_error);
  ADD ("cli-writes-the-workbook", test_the_cli_writes_the_workbook);

  return g_test_run ();
}
