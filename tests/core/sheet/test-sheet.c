/* test-sheet.c — the confirmation sheet: read back with poppler, every figure and name on it.
 *
 * Sheets are rendered from records imported through an exchange file, then read back with
 * poppler-glib: the text of each page (whitespace removed, so wrapped lines still match), the
 * position of every character (nothing outside the margins), the fonts (embedded), and the
 * bytes (identical for the same data and time). The verification code is checked through the
 * core function and through `xueshi-cli verify`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <signal.h>
#include <sys/resource.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>

#include "xs-test-util.h"
#include "xs-qr.h"
#include "xs-sheet-layout.h"
#include "xs-table-lines.h"

#define ID_ZHANG "11010519491231002X"
#define ID_LI "430102198503140270"

typedef struct
{
  char *dir;
  char *db_path;
  XsStore *store;
  XsRules *rules;
  XsSheetRenderer *renderer;
  GDateTime *time;
} Fixture;

typedef struct
{
  PopplerDocument *doc;
  GPtrArray *pages;  /* char *: each page's text as poppler reads it, whitespace removed */
  GPtrArray *visual; /* char *: the same, line by line as printed, left to right */
} Pdf;

/* ------------------------------------------------------------------------------------------ */
/* Records                                                                                    */

static const char units[] =
    "  <unit id=\"U1\" category=\"provincial\" name=\"湖南省湘江人民医院\"\n"
    "        supervisor=\"湖南省卫生健康委员会\" region=\"长沙市\"/>\n"
    "  <unit id=\"U2\" category=\"municipal\" name=\"株洲市云峰中学\" region=\"株洲市\"/>\n"
    "  <unit id=\"U3\" category=\"other\" name=\"长沙某某建筑设计有限公司\"/>\n"
    "  <unit id=\"U4\" category=\"central\" name=\"中国某某集团湖南分公司\"/>\n";

/* A certified-year activity: the simplest way to give a year exact figures. */
static char *
certified (const char *id, guint year, const char *pub, const char *pro, const char *status)
{
  return g_strdup_printf (
      "    <activity id=\"%s\" kind=\"certified-year\" year=\"%u\" public=\"%s\"\n"
      "              professional=\"%s\" status=\"%s\">\n"
      "      <title>%u年度专业技术人员继续教育学时认定单</title>\n"
      "    </activity>\n",
      id, year, pub, pro, status, year);
}

static char *
person_xml (const char *id, const char *unit, const char *span, const char *name,
            const char *id_number, const char *activities)
{
  return g_strdup_printf ("  <person id=\"%s\" unit=\"%s\"%s>\n"
                          "    <name>%s</name>\n"
                          "    <gender>female</gender>\n"
                          "    <id-number>%s</id-number>\n"
                          "    <current-title>主治医师</current-title>\n"
                          "    <applying-title>副主任医师</applying-title>\n"
                          "    <specialty>心血管内科</specialty>\n"
                          "%s"
                          "  </person>\n",
                          id, unit, span, name, id_number, activities);
}

static void
import_persons (Fixture *f, const char *persons)
{
  g_autofree char *xml = g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                          "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
                                          "%s%s</xueshi>\n",
                                          units, persons);
  g_autofree char *path = g_build_filename (f->dir, "unit.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  XsImportResult result;

  g_file_set_contents (path, xml, -1, &error);
  g_assert_no_error (error);
  xs_import_file (f->store, f->rules, file, NULL, NULL, NULL, &result, &error);
  g_assert_no_error (error);
  xs_import_result_clear (&result);
}

/* Five compliant years for P001 on the given unit but @skip_year's (0: none), with the given
 * extra activities. */
static void
import_compliant_but (Fixture *f, const char *unit, guint skip_year, const char *extra)
{
  g_autoptr (GString) acts = g_string_new (NULL);
  g_autofree char *person = NULL;

  for (guint y = 2021; y <= 2025; y++)
    {
      g_autofree char *id = g_strdup_printf ("C%u", y);

      if (y == skip_year)
        continue;
      g_autofree char *a = certified (id, y, y == 2024 ? "32.5" : "32", "64", "approved");
      g_string_append (acts, a);
    }
  g_string_append (acts, extra != NULL ? extra : "");
  person = person_xml ("P001", unit, "", "张三", ID_ZHANG, acts->str);
  import_persons (f, person);
}

static void
import_compliant (Fixture *f, const char *unit, const char *extra)
{
  import_compliant_but (f, unit, 0, extra);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GTimeZone) zone = g_time_zone_new_offset (8 * 3600);

  f->dir = g_dir_make_tmp ("sheet-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "x.db", NULL);
  f->store = (XsStore *)xs_sqlite_store_open (f->db_path, &error);
  g_assert_no_error (error);
  f->rules = xs_rules_new_for_year (2026, &error);
  g_assert_no_error (error);
  f->renderer = xs_sheet_renderer_new (&error);
  g_assert_no_error (error);
  f->time = g_date_time_new (zone, 2026, 6, 10, 9, 30, 0);
  xs_sheet_renderer_set_time (f->renderer, f->time);
  xs_sheet_renderer_set_operator (f->renderer, "王五");
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->renderer);
  g_clear_object (&f->store);
  g_clear_object (&f->rules);
  g_clear_pointer (&f->time, g_date_time_unref);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading PDFs back                                                                          */

static char *
squeeze (const char *text)
{
  GString *s = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (!g_unichar_isspace (c) && c != 0x3000)
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}

static void
pdf_clear (Pdf *pdf)
{
  g_clear_object (&pdf->doc);
  g_clear_pointer (&pdf->pages, g_ptr_array_unref);
  g_clear_pointer (&pdf->visual, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Pdf, pdf_clear)

static void
assert_inside_margins (PopplerPage *page)
{
  const XsSheetLayout *l = xs_sheet_layout_get_default ();
  PopplerRectangle *rects = NULL;
  guint n = 0;

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n));
  for (guint i = 0; i < n; i++)
    {
      const PopplerRectangle *r = &rects[i];

      if (r->x2 - r->x1 <= 0.01)
        continue;
      g_assert_cmpfloat (r->x1, >=, l->margin_left - 1);
      g_assert_cmpfloat (r->x2, <=, l->page_width - l->margin_right + 1);
      g_assert_cmpfloat (r->y1, >=, l->margin_top - 1);
      g_assert_cmpfloat (r->y2, <=, l->page_height - l->margin_bottom + 2);
    }
  g_free (rects);
}

typedef struct
{
  gunichar c;
  double x;
  double y; /* centre */
} Glyph;

static int
compare_y (gconstpointer a, gconstpointer b)
{
  const Glyph *ga = a, *gb = b;
  return ga->y < gb->y ? -1 : ga->y > gb->y ? 1 : ga->x < gb->x ? -1 : ga->x > gb->x;
}

static int
compare_x (gconstpointer a, gconstpointer b)
{
  const Glyph *ga = a, *gb = b;
  return ga->x < gb->x ? -1 : ga->x > gb->x;
}

/* Poppler's reading order wanders between table cells; this reads the page as printed:
 * characters whose centres are within 3 pt of each other vertically make one line. */
static char *
visual_text (PopplerPage *page, const char *text)
{
  g_autoptr (GArray) glyphs = g_array_new (FALSE, FALSE, sizeof (Glyph));
  PopplerRectangle *rects = NULL;
  guint n = 0, i = 0;
  GString *out = g_string_new (NULL);

  g_assert_true (poppler_page_get_text_layout (page, &rects, &n));
  for (const char *p = text; *p != '\0' && i < n; p = g_utf8_next_char (p), i++)
    {
      Glyph g = { g_utf8_get_char (p), (rects[i].x1 + rects[i].x2) / 2,
                  (rects[i].y1 + rects[i].y2) / 2 };

      if (!g_unichar_isspace (g.c) && g.c != 0x3000)
        g_array_append_val (glyphs, g);
    }
  g_free (rects);
  g_array_sort (glyphs, compare_y);
  for (guint start = 0; start < glyphs->len;)
    {
      guint end = start + 1;

      while (end < glyphs->len &&
             g_array_index (glyphs, Glyph, end).y - g_array_index (glyphs, Glyph, start).y < 3)
        end++;
      qsort (&g_array_index (glyphs, Glyph, start), end - start, sizeof (Glyph), compare_x);
      for (guint k = start; k < end; k++)
        g_string_append_unichar (out, g_array_index (glyphs, Glyph, k).c);
      g_string_append_c (out, '\n');
      start = end;
    }
  return g_string_free (out, FALSE);
}

static void
pdf_load (Pdf *pdf, GBytes *bytes, gboolean check_margins)
{
  g_autoptr (GError) error = NULL;

  pdf->doc = poppler_document_new_from_bytes (bytes, NULL, &error);
  g_assert_no_error (error);
  pdf->pages = g_ptr_array_new_with_free_func (g_free);
  pdf->visual = g_ptr_array_new_with_free_func (g_free);
  for (int i = 0; i < poppler_document_get_n_pages (pdf->doc); i++)
    {
      PopplerPage *page = poppler_document_get_page (pdf->doc, i);
      g_autofree char *text = poppler_page_get_text (page);
      double w, h;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat (ABS (w - 595.276), <, 0.01); /* A4 portrait */
      g_assert_cmpfloat (ABS (h - 841.89), <, 0.01);
      if (check_margins)
        assert_inside_margins (page);
      g_ptr_array_add (pdf->pages, squeeze (text));
      g_ptr_array_add (pdf->visual, visual_text (page, text));
      g_object_unref (page);
    }
}

static void
pdf_load_file (Pdf *pdf, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GMappedFile) mapped = g_mapped_file_new (path, FALSE, &error);
  g_autoptr (GBytes) bytes = NULL;

  g_assert_no_error (error);
  bytes = g_mapped_file_get_bytes (mapped);
  pdf_load (pdf, bytes, TRUE);
}

#define page_text(pdf, i) ((const char *)g_ptr_array_index ((pdf)->pages, (i)))
#define page_lines(pdf, i) ((const char *)g_ptr_array_index ((pdf)->visual, (i)))

/* On the page: in poppler's reading order (a wrapped cell reads whole), or on one printed
 * line (a table row reads left to right). */
static gboolean
is_on_page (const Pdf *pdf, guint page, const char *expected)
{
  g_autofree char *want = squeeze (expected);

  g_assert_cmpuint (page, <, pdf->pages->len);
  return strstr (page_text (pdf, page), want) != NULL ||
         strstr (page_lines (pdf, page), want) != NULL;
}

static void
assert_on_page (const Pdf *pdf, guint page, const char *expected)
{
  if (!is_on_page (pdf, page, expected))
    {
      g_test_message ("page %u:\n%s", page + 1, page_lines (pdf, page));
      g_error ("“%s” is not on page %u", expected, page + 1);
    }
}

static void
assert_not_on_page (const Pdf *pdf, guint page, const char *unexpected)
{
  g_assert_false (is_on_page (pdf, page, unexpected));
}

static gboolean
on_some_page (const Pdf *pdf, const char *expected)
{
  for (guint i = 0; i < pdf->pages->len; i++)
    if (is_on_page (pdf, i, expected))
      return TRUE;
  return FALSE;
}

/* The first stage of the person's round passed (with an override when the span fails), as
 * a unit does before it prints: until then every sheet is a draft (tested on its own). */
static void
pass_first_stage (Fixture *f, const char *person_id)
{
  g_autoptr (XsRound) round = xs_records_get_round (f->store, f->rules, person_id, NULL);
  g_autoptr (GError) error = NULL;

  g_assert_nonnull (round);
  if (xs_round_has_passes (round))
    return;
  if (!xs_records_round_pass (f->store, f->rules, person_id, "初审员", NULL, NULL, &error))
    {
      g_clear_error (&error);
      xs_records_round_pass (f->store, f->rules, person_id, "初审员", NULL, "单位研究同意", &error);
    }
  g_assert_no_error (error);
}

static XsSheet *
load_sheet_as_stored (Fixture *f, const char *person_id)
{
  g_autoptr (GError) error = NULL;
  XsSheet *sheet = xs_sheet_new_from_store (f->store, f->rules, person_id, &error);

  g_assert_no_error (error);
  return sheet;
}

static XsSheet *
load_sheet (Fixture *f, const char *person_id)
{
  g_autoptr (GError) error = NULL;
  XsSheet *sheet;

  pass_first_stage (f, person_id);
  sheet = xs_sheet_new_from_store (f->store, f->rules, person_id, &error);

  g_assert_no_error (error);
  return sheet;
}

static GBytes *
render (Fixture *f, XsSheet *sheet)
{
  g_autoptr (GError) error = NULL;
  GBytes *bytes = xs_sheet_renderer_render (f->renderer, sheet, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);

  /* To look at the sheets: XUESHI_SHEET_DUMP=/some/folder */
  if (g_getenv ("XUESHI_SHEET_DUMP") != NULL)
    {
      g_autofree char *name = g_strdelimit (
          g_strdup_printf ("%s-%s.pdf", g_test_get_path (), xs_sheet_get_person (sheet)->id), "/",
          '_');
      g_autofree char *path = g_build_filename (g_getenv ("XUESHI_SHEET_DUMP"), name, NULL);

      g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
    }
  return bytes;
}

static void
render_person (Fixture *f, const char *person_id, Pdf *pdf)
{
  g_autoptr (XsSheet) sheet = load_sheet (f, person_id);
  g_autoptr (GBytes) bytes = render (f, sheet);

  pdf_load (pdf, bytes, TRUE);
}

/* The row of the year table, as poppler reads it: cells left to right. */
static char *
year_row (guint year, const char *pub, const char *pro, const char *total, const char *state)
{
  return g_strdup_printf ("%u年%s%s%s%s", year, pub, pro, total, state);
}

static void
assert_footer (const Pdf *pdf)
{
  for (guint i = 0; i < pdf->pages->len; i++)
    {
      g_autofree char *footer = g_strdup_printf ("第%u页共%u页", i + 1, pdf->pages->len);
      assert_on_page (pdf, i, footer);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Content                                                                                    */

static void
test_all_years_compliant (Fixture *f, gconstpointer data)
{
  g_autoptr (XsSheet) sheet = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_auto (Pdf) pdf = { 0 };
  const XsChain *chain;

  import_compliant (
      f, "U1",
      "    <activity id=\"T1\" kind=\"training\" subject=\"public\" start=\"2022-03-01\"\n"
      "              end=\"2022-03-03\" days=\"2.5\" status=\"approved\">\n"
      "      <title>以高质量发展推进中国式现代化建设专题培训</title>\n"
      "    </activity>\n");
  sheet = load_sheet (f, "P001");
  bytes = render (f, sheet);
  pdf_load (&pdf, bytes, TRUE);

  g_assert_cmpuint (pdf.pages->len, ==, 2);
  assert_on_page (&pdf, 0, "湖南省专业技术人员继续教育学时认定单");
  assert_on_page (&pdf, 0, "编号：20260610-P001-");
  /* Identity */
  /* Identity: poppler reads the cells of a row in no fixed order, so one by one. */
  for (guint i = 0; i < 9; i++)
    {
      static const char *const expected[] = {
        "姓名",     "性别", "身份证号", "工作单位", "现专业技术职务（资格）",
        "申报职称", "专业", "核认跨度", "核认方式",
      };
      assert_on_page (&pdf, 0, expected[i]);
    }
  assert_on_page (&pdf, 0, "张三");
  assert_on_page (&pdf, 0, "女");
  assert_on_page (&pdf, 0, ID_ZHANG);
  assert_on_page (&pdf, 0, "湖南省湘江人民医院");
  assert_on_page (&pdf, 0, "主治医师");
  assert_on_page (&pdf, 0, "副主任医师");
  assert_on_page (&pdf, 0, "心血管内科");
  assert_on_page (&pdf, 0, "2021年至2025年（共5年）");
  assert_on_page (&pdf, 0, "逐年核认");
  /* Years and totals */
  assert_on_page (&pdf, 0, "年度公需科目学时专业科目学时合计是否达标");
  {
    g_autofree char *r1 = year_row (2021, "32", "64", "96", "达标");
    /* 2022 was certified by an earlier sheet: T1 is listed, not added again. */
    g_autofree char *r2 = year_row (2022, "32", "64", "96", "达标");
    g_autofree char *r4 = year_row (2024, "32.5", "64", "96.5", "达标");
    assert_on_page (&pdf, 0, r1);
    assert_on_page (&pdf, 0, r2);
    assert_on_page (&pdf, 0, r4);
  }
  assert_on_page (&pdf, 0, "合计160.5320480.55/5年达标");
  assert_on_page (&pdf, 0, "核认结论");
  assert_on_page (&pdf, 0, "符合");
  assert_not_on_page (&pdf, 0, "不符合");
  assert_on_page (&pdf, 0, "核认跨度内各年度继续教育学时均达到要求");
  assert_not_on_page (&pdf, 0, "待审核");
  assert_not_on_page (&pdf, 0, "草稿");
  /* Chain of a provincial unit */
  chain = xs_rules_get_chain (f->rules, "provincial");
  assert_on_page (&pdf, 0, chain->name);
  for (guint i = 0; chain->steps[i] != NULL; i++)
    assert_on_page (&pdf, 0, chain->steps[i]);
  assert_on_page (&pdf, 0, "（盖章）");
  assert_on_page (&pdf, 0, "日期：");
  /* Code, time, operator, rules */
  assert_on_page (&pdf, 0, xs_sheet_get_code (sheet));
  g_assert_true (g_str_has_prefix (xs_sheet_get_code (sheet), "XS1-P001-2021-2025-"));
  g_assert_cmpuint (strlen (xs_sheet_get_code (sheet)), ==, strlen ("XS1-P001-2021-2025-") + 16);
  assert_on_page (&pdf, 0, "生成时间：2026年6月10日09:30");
  assert_on_page (&pdf, 0, "操作员：王五");
  assert_on_page (&pdf, 0, xs_rules_get_version (f->rules));
  assert_footer (&pdf);

  /* Detail page */
  assert_on_page (&pdf, 1, "继续教育活动认定明细");
  assert_on_page (&pdf, 1, "序号形式名称日期科目学时认定理由");
  assert_on_page (&pdf, 1, "2022年度公需科目32学时专业科目64学时合计96学时达标");
  assert_on_page (&pdf, 1, "培训班、研修班、进修班");
  assert_on_page (&pdf, 1, "以高质量发展推进中国式现代化建设专题培训");
  assert_on_page (&pdf, 1, "2022.03.01至2022.03.03");
  assert_on_page (&pdf, 1, "2.5天×8学时；已由既往《学时认定单》认定，不再计入");
  assert_on_page (&pdf, 1, "2023年度专业技术人员继续教育学时认定单");
  assert_on_page (&pdf, 1, "既往《学时认定单》");
}

static void
test_failing_year (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) acts = g_string_new (NULL);
  g_autofree char *person = NULL;
  g_auto (Pdf) pdf = { 0 };

  for (guint y = 2021; y <= 2025; y++)
    {
      g_autofree char *id = g_strdup_printf ("C%u", y);
      g_autofree char *a =
          certified (id, y, y == 2023 ? "20" : "30", y == 2025 ? "59.5" : "60", "approved");
      g_string_append (acts, a);
    }
  person = person_xml ("P002", "U2", "", "李四", ID_LI, acts->str);
  import_persons (f, person);
  render_person (f, "P002", &pdf);

  {
    g_autofree char *r3 = year_row (2023, "20", "60", "80", "未达标");
    g_autofree char *r5 = year_row (2025, "30", "59.5", "89.5", "未达标");
    g_autofree char *r1 = year_row (2021, "30", "60", "90", "达标");
    assert_on_page (&pdf, 0, r3);
    assert_on_page (&pdf, 0, r5);
    assert_on_page (&pdf, 0, r1);
  }
  assert_on_page (&pdf, 0, "3/5年达标");
  assert_on_page (&pdf, 0, "不符合");
  assert_on_page (&pdf, 0, "2023年、2025年继续教育学时未达到要求");
  assert_on_page (&pdf, 1, "2023年度公需科目20学时专业科目60学时合计80学时未达标");
}

static void
test_deemed_years (Fixture *f, gconstpointer data)
{
  g_autofree char *person = NULL;
  g_auto (Pdf) pdf = { 0 };
  g_autofree char *c1 = certified ("C1", 2021, "32", "64", "approved");
  g_autofree char *c4 = certified ("C4", 2024, "32", "64", "approved");
  g_autofree char *c5 = certified ("C5", 2025, "32", "64", "approved");
  g_autofree char *acts = g_strconcat (
      c1, c4, c5,
      /* Seven months in Tibet in 2022: that year is deemed complete. */
      "    <activity id=\"D1\" kind=\"aid-posting\" start=\"2022-03-01\" end=\"2022-09-30\"\n"
      "              passed=\"true\" status=\"approved\">\n"
      "      <title>湖南省第九批援藏医疗队</title>\n"
      "    </activity>\n"
      /* Whatever else was entered in 2022 does not change the figures. */
      "    <activity id=\"D2\" kind=\"paper\" role=\"first\" year=\"2022\" status=\"approved\">\n"
      "      <title>高原地区高血压流行病学调查</title>\n"
      "    </activity>\n"
      /* A year abroad ending in 2023. */
      "    <activity id=\"D3\" kind=\"overseas-exchange\" start=\"2022-09-01\" end=\"2023-09-15\"\n"
      "              passed=\"true\" status=\"approved\">\n"
      "      <title>赴德国海德堡大学医院访问学者</title>\n"
      "    </activity>\n",
      NULL);

  person = person_xml ("P003", "U1", "", "王芳", ID_LI, acts);
  import_persons (f, person);
  render_person (f, "P003", &pdf);

  {
    g_autofree char *r2 = year_row (2022, "30", "60", "90", "视同完成");
    g_autofree char *r3 = year_row (2023, "30", "60", "90", "视同完成");
    assert_on_page (&pdf, 0, r2);
    assert_on_page (&pdf, 0, r3);
  }
  assert_not_on_page (&pdf, 0, "不符合");
  assert_on_page (&pdf, 1, "2022年度公需科目30学时专业科目60学时合计90学时视同完成");
  assert_on_page (&pdf, 1, "湖南省第九批援藏医疗队");
  assert_on_page (&pdf, 1, "高原地区高血压流行病学调查");
  assert_on_page (&pdf, 1, "赴德国海德堡大学医院访问学者");
  assert_on_page (&pdf, 1, "“三援”（援藏、援疆、援外）");
}

static void
test_span_override (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) acts = g_string_new (NULL);
  g_autofree char *person = NULL;
  g_autoptr (XsSheet) sheet = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_auto (Pdf) pdf = { 0 };

  for (guint y = 2018; y <= 2024; y++)
    {
      g_autofree char *id = g_strdup_printf ("C%u", y);
      g_autofree char *pub = g_strdup_printf ("%u", 30 + (y - 2018));
      g_autofree char *a = certified (id, y, pub, "60", "approved");
      g_string_append (acts, a);
    }
  person =
      person_xml ("P004", "U1", " span-from=\"2019\" span-to=\"2023\"", "赵六", ID_LI, acts->str);
  import_persons (f, person);
  sheet = load_sheet (f, "P004");
  bytes = render (f, sheet);
  pdf_load (&pdf, bytes, TRUE);

  g_assert_true (g_str_has_prefix (xs_sheet_get_code (sheet), "XS1-P004-2019-2023-"));
  assert_on_page (&pdf, 0, "2019年至2023年（共5年）");
  for (guint y = 2019; y <= 2023; y++)
    {
      g_autofree char *pub = g_strdup_printf ("%u", 30 + (y - 2018));
      g_autofree char *total = g_strdup_printf ("%u", 90 + (y - 2018));
      g_autofree char *row = year_row (y, pub, "60", total, "达标");
      assert_on_page (&pdf, 0, row);
    }
  assert_not_on_page (&pdf, 0, "2018年");
  assert_not_on_page (&pdf, 0, "2024年");
  assert_on_page (&pdf, 1, "另有2项已认定活动不在核认跨度内，未列入");
  assert_not_on_page (&pdf, 1, "2018年度专业技术人员继续教育学时认定单");
}

static void
test_sixty_activities (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) acts = g_string_new (NULL);
  g_autofree char *person = NULL;
  g_auto (Pdf) pdf = { 0 };
  guint header_pages = 0;

  for (guint i = 0; i < 60; i++)
    {
      guint year = 2021 + i / 12;
      guint day = 1 + (i % 12) * 2;

      g_string_append_printf (acts,
                              "    <activity id=\"A%u\" kind=\"training\" subject=\"%s\"\n"
                              "              start=\"%u-%02u-%02u\" end=\"%u-%02u-%02u\" "
                              "days=\"1\" status=\"approved\">\n"
                              "      <title>第%u期专业技术人员能力提升培训班</title>\n"
                              "    </activity>\n",
                              i + 1, i % 3 == 0 ? "public" : "professional", year, 1 + i % 12, day,
                              year, 1 + i % 12, day, i + 1);
    }
  person = person_xml ("P005", "U2", "", "钱七", ID_LI, acts->str);
  import_persons (f, person);
  render_person (f, "P005", &pdf);

  g_assert_cmpuint (pdf.pages->len, >=, 4);
  for (guint i = 0; i < 60; i++)
    {
      g_autofree char *title = g_strdup_printf ("第%u期专业技术人员能力提升培训班", i + 1);
      g_assert_true (on_some_page (&pdf, title));
    }
  /* Every detail page repeats the table header; continued years say so. */
  for (guint p = 1; p < pdf.pages->len; p++)
    {
      assert_on_page (&pdf, p, "序号形式名称日期科目学时认定理由");
      header_pages++;
    }
  g_assert_cmpuint (header_pages, ==, pdf.pages->len - 1);
  g_assert_true (on_some_page (&pdf, "（续）"));
  /* 12 days a year: 4 public (32 h), 8 professional (64 h). */
  {
    g_autofree char *row = year_row (2021, "32", "64", "96", "达标");
    assert_on_page (&pdf, 0, row);
  }
  assert_on_page (&pdf, 0, "合计160320480");
  assert_footer (&pdf);
}

static void
test_long_names (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) unit = g_string_new (NULL);
  g_autoptr (GString) title = g_string_new (NULL);
  g_autofree char *person = NULL;
  g_autofree char *acts = NULL;
  g_auto (Pdf) pdf = { 0 };

  for (guint i = 0; i < 8; i++)
    g_string_append (unit, "湖南省某某市某某县人民医院医疗集团");
  for (guint i = 0; i < 6; i++)
    g_string_append (title, "基层医疗卫生机构慢性病综合防控能力建设");
  g_string_append (title, "Continuing-Medical-Education-Programme-With-A-Very-Long-Word");

  acts =
      g_strdup_printf ("    <activity id=\"L1\" kind=\"online-course\" subject=\"professional\"\n"
                       "              year=\"2022\" hours=\"12.5\" status=\"approved\">\n"
                       "      <title>%s</title>\n"
                       "    </activity>\n",
                       title->str);
  person = g_strdup_printf (
      "  <unit id=\"U9\" category=\"provincial\" name=\"%s\"/>\n"
      "  <person id=\"P006\" unit=\"U9\">\n"
      "    <name>欧阳娜娜</name>\n"
      "    <gender>female</gender>\n"
      "    <id-number>" ID_LI "</id-number>\n"
      "    <current-title>%s</current-title>\n"
      "    <applying-title>正高级工程师（建筑设计与城乡规划方向）</applying-title>\n"
      "    <specialty>建筑设计及其理论</specialty>\n"
      "%s"
      "  </person>\n",
      unit->str, "高级工程师（建筑与土木工程，兼注册一级建筑师、注册城乡规划师）", acts);
  import_persons (f, person);
  render_person (f, "P006", &pdf);

  /* Wrapped, but every character is there and inside the margins (checked on load). */
  assert_on_page (&pdf, 0, unit->str);
  assert_on_page (&pdf, 0, "高级工程师（建筑与土木工程，兼注册一级建筑师、注册城乡规划师）");
  assert_on_page (&pdf, 0, "正高级工程师（建筑设计与城乡规划方向）");
  g_assert_true (on_some_page (&pdf, title->str));
  g_assert_true (on_some_page (&pdf, "12.5"));
}

static GPtrArray *embedded_fonts (const Pdf *pdf);

static void
test_pending_is_shown_not_counted (Fixture *f, gconstpointer data)
{
  g_autofree char *pending =
      g_strdup ("    <activity id=\"X1\" kind=\"online-course\" subject=\"public\" hours=\"10\"\n"
                "              year=\"2023\" status=\"pending\"/>\n");
  g_autofree char *rejected = certified ("X2", 2022, "10", "10", "rejected");
  g_autofree char *extra = g_strconcat (pending, rejected, NULL);
  g_autoptr (XsSheet) sheet = NULL;
  g_auto (Pdf) pdf = { 0 };

  import_compliant (f, "U1", extra);
  sheet = load_sheet (f, "P001");
  g_assert_cmpuint (xs_sheet_get_pending (sheet), ==, 1);
  render_person (f, "P001", &pdf);

  assert_on_page (&pdf, 0, "另有1项活动待审核，未计入本单");
  /* Its figure in the bold line is set in the bold face, as are all figures: no third font. */
  {
    g_autoptr (GPtrArray) names = embedded_fonts (&pdf);

    for (guint i = 0; i < names->len; i++)
      if (strstr (g_ptr_array_index (names, i), "UMingCN") == NULL &&
          strstr (g_ptr_array_index (names, i), "WenQuanYiZenHei") == NULL)
        g_error ("a third font is embedded: %s", (char *)g_ptr_array_index (names, i));
  }
  {
    g_autofree char *row = year_row (2023, "32", "64", "96", "达标");
    assert_on_page (&pdf, 0, row);
  }
  /* Neither the pending nor the rejected activity is listed. */
  assert_on_page (&pdf, 1, "2023年度公需科目32学时专业科目64学时");
  g_assert_false (on_some_page (&pdf, "公需10学时"));
}

static void
test_draft (Fixture *f, gconstpointer data)
{
  g_autoptr (XsSheet) sheet = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_auto (Pdf) pdf = { 0 };

  import_compliant (f, "U1", NULL);
  sheet = load_sheet (f, "P001");
  xs_sheet_renderer_set_draft (f->renderer, TRUE);
  bytes = render (f, sheet);
  pdf_load (&pdf, bytes, FALSE);
  for (guint i = 0; i < pdf.pages->len; i++)
    assert_on_page (&pdf, i, "草稿");
}

static guint
count_in (const char *text, const char *part)
{
  guint n = 0;

  for (const char *p = strstr (text, part); p != NULL; p = strstr (p + 1, part))
    n++;
  return n;
}

/* Before the round's first stage passes a sheet certifies nothing: 草稿 on every page, boxes
 * empty. Each passed stage prints its opinion, reviewer and date (and an override); a return
 * makes it a draft again. */
static void
test_round_on_the_chain (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today =
      g_strdup_printf ("日期：%d年%d月%d日", g_date_time_get_year (now),
                       g_date_time_get_month (now), g_date_time_get_day_of_month (now));

  import_compliant_but (f, "U1", 2023, NULL); /* a failing span: the pass needs an override */
  {
    g_autoptr (XsSheet) sheet = load_sheet_as_stored (f, "P001");
    g_autoptr (GBytes) bytes = render (f, sheet);
    g_auto (Pdf) pdf = { 0 };

    g_assert_true (xs_sheet_is_draft (sheet));
    pdf_load (&pdf, bytes, FALSE);
    for (guint i = 0; i < pdf.pages->len; i++)
      assert_on_page (&pdf, i, "【草稿，不作认定依据】");
    g_assert_cmpuint (count_in (page_text (&pdf, 0), "经办人：初审员"), ==, 0);
  }

  g_assert_true (xs_records_round_pass (f->store, f->rules, "P001", "初审员", "经核，学时属实。",
                                        "2023年因援派中断，单位同意", &error));
  g_assert_no_error (error);
  {
    g_autoptr (XsSheet) sheet = load_sheet_as_stored (f, "P001");
    g_autoptr (GBytes) bytes = render (f, sheet);
    g_auto (Pdf) pdf = { 0 };

    g_assert_false (xs_sheet_is_draft (sheet));
    pdf_load (&pdf, bytes, TRUE);
    for (guint i = 0; i < pdf.pages->len; i++)
      assert_not_on_page (&pdf, i, "草稿");
    assert_on_page (&pdf, 0, "用人单位初审意见经核，学时属实。");
    assert_on_page (&pdf, 0, "（核认跨度未达标准予通过：2023年因援派中断，单位同意）");
    assert_on_page (&pdf, 0, "经办人：初审员");
    assert_on_page (&pdf, 0, today);
    /* The later stages still wait: their boxes stay blank, a seal each. */
    g_assert_cmpuint (count_in (page_text (&pdf, 0), "（盖章）"), ==, 3);
    g_assert_cmpuint (count_in (page_text (&pdf, 0), "日期："), ==, 3);
    g_assert_cmpuint (count_in (page_text (&pdf, 0), today), ==, 1);
  }

  g_assert_true (
      xs_records_round_pass (f->store, f->rules, "P001", "复审员", "同意。", NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr (XsSheet) sheet = load_sheet_as_stored (f, "P001");
    g_autoptr (GBytes) bytes = render (f, sheet);
    g_auto (Pdf) pdf = { 0 };

    pdf_load (&pdf, bytes, TRUE);
    assert_on_page (&pdf, 0, "主管单位复审意见同意。");
    assert_on_page (&pdf, 0, "经办人：复审员");
    g_assert_cmpuint (count_in (page_text (&pdf, 0), today), ==, 2);
  }

  g_assert_true (
      xs_records_round_return (f->store, f->rules, "P001", "补充2023年证明", "复审员", &error));
  g_assert_no_error (error);
  {
    g_autoptr (XsSheet) sheet = load_sheet_as_stored (f, "P001");

    g_assert_true (xs_sheet_is_draft (sheet));
  }
}

static void
test_chain (Fixture *f, gconstpointer data)
{
  const char *unit = data;
  const char *category = g_str_equal (unit, "U1")   ? "provincial"
                         : g_str_equal (unit, "U2") ? "municipal"
                         : g_str_equal (unit, "U3") ? "other"
                                                    : "central";
  const XsChain *chain = xs_rules_get_chain (f->rules, category);
  g_auto (Pdf) pdf = { 0 };
  g_autofree char *caption = NULL;

  g_assert_nonnull (chain);
  import_compliant (f, unit, NULL);
  render_person (f, "P001", &pdf);

  caption = g_strdup_printf ("审核与备案（%s）", chain->name);
  assert_on_page (&pdf, 0, caption);
  for (guint i = 0; chain->steps[i] != NULL; i++)
    assert_on_page (&pdf, 0, chain->steps[i]);
  /* One seal and date line per step. */
  {
    const char *text = page_text (&pdf, 0);
    guint seals = 0;

    for (const char *p = strstr (text, "（盖章）"); p != NULL; p = strstr (p + 1, "（盖章）"))
      seals++;
    g_assert_cmpuint (seals, ==, g_strv_length (chain->steps));
  }
}

/* ------------------------------------------------------------------------------------------ */
/* The PDF itself                                                                             */

/* The names of the PDF's fonts, each checked to be an embedded subset. */
static GPtrArray *
embedded_fonts (const Pdf *pdf)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  PopplerFontInfo *info = poppler_font_info_new (pdf->doc);
  PopplerFontsIter *iter = NULL;

  while (poppler_font_info_scan (info, 10, &iter))
    {
      if (iter == NULL)
        continue;
      do
        {
          g_test_message ("font %s embedded %d", poppler_fonts_iter_get_name (iter),
                          poppler_fonts_iter_is_embedded (iter));
          g_assert_true (poppler_fonts_iter_is_embedded (iter));
          g_assert_true (poppler_fonts_iter_is_subset (iter));
          g_ptr_array_add (names, g_strdup (poppler_fonts_iter_get_name (iter)));
        }
      while (poppler_fonts_iter_next (iter));
      poppler_fonts_iter_free (iter);
      iter = NULL;
    }
  g_object_unref (info);
  return names;
}

static gboolean
has_font (GPtrArray *names, const char *part)
{
  for (guint i = 0; i < names->len; i++)
    if (strstr (g_ptr_array_index (names, i), part) != NULL)
      return TRUE;
  return FALSE;
}

/* Renders P001's sheet; returns its fonts' names. */
static GPtrArray *
render_fonts (Fixture *f, GBytes **bytes, Pdf *pdf)
{
  g_autoptr (XsSheet) sheet = NULL;

  import_compliant (f, "U1", NULL);
  sheet = load_sheet (f, "P001");
  *bytes = render (f, sheet);
  pdf_load (pdf, *bytes, TRUE);
  return embedded_fonts (pdf);
}

/* The fonts build-aux/install-deps.sh installs: TrueType outlines, so each PDF carries small
 * subsets; AR PL UMing for the text, WenQuanYi Zen Hei (黑体) for titles and labels. */
static void
test_fonts_embedded (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) bytes = NULL;
  g_auto (Pdf) pdf = { 0 };
  g_autoptr (GPtrArray) names = render_fonts (f, &bytes, &pdf);

  g_assert_true (has_font (names, "UMingCN"));
  g_assert_true (has_font (names, "WenQuanYiZenHei"));
  g_assert_false (has_font (names, "CJK"));
  g_assert_cmpstr (xs_sheet_renderer_get_font_family (f->renderer), ==, "AR PL UMing CN");
  /* A CFF subset of Noto Serif CJK alone was ~500 KB. */
  g_assert_cmpuint (g_bytes_get_size (bytes), <, 200 * 1024);
}

/* With only Noto CJK installed, the sheet is set in Noto Serif CJK, its bold face standing in
 * for the missing 黑体. */
static void
test_fonts_noto_only (Fixture *f, gconstpointer data)
{
  const char *noto = "/usr/share/fonts/opentype/noto";

  if (g_test_subprocess ())
    {
      g_autoptr (GBytes) bytes = NULL;
      g_auto (Pdf) pdf = { 0 };
      g_autoptr (GPtrArray) names = render_fonts (f, &bytes, &pdf);

      g_assert_true (has_font (names, "NotoSerifCJK"));
      g_assert_true (has_font (names, "Bold"));
      g_assert_false (has_font (names, "UMing"));
      g_assert_false (has_font (names, "WenQuanYi"));
      g_assert_nonnull (strstr (xs_sheet_renderer_get_font_family (f->renderer), "Noto Serif CJK"));
      assert_on_page (&pdf, 0, "湖南省专业技术人员继续教育学时认定单");
      return;
    }

  if (!g_file_test (noto, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("fonts-noto-cjk is not installed");
      return;
    }
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *conf = g_build_filename (f->dir, "fonts.conf", NULL);
    g_autofree char *cache = g_build_filename (f->dir, "font-cache", NULL);
    g_autofree char *xml =
        g_strdup_printf ("<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
                         "<fontconfig><dir>%s</dir><cachedir>/var/cache/fontconfig</cachedir>"
                         "<cachedir>%s</cachedir></fontconfig>\n",
                         noto, cache);
    g_autofree char *saved = g_strdup (g_getenv ("FONTCONFIG_FILE"));

    g_file_set_contents (conf, xml, -1, &error);
    g_assert_no_error (error);
    /* The child reads it when its fixture makes the renderer; this process has read its own. */
    g_setenv ("FONTCONFIG_FILE", conf, TRUE);
    g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
    if (saved != NULL)
      g_setenv ("FONTCONFIG_FILE", saved, TRUE);
    else
      g_unsetenv ("FONTCONFIG_FILE");
    g_test_trap_assert_passed ();
  }
}

static void
test_byte_identical (Fixture *f, gconstpointer data)
{
  g_autoptr (XsSheet) a = NULL;
  g_autoptr (XsSheet) b = NULL;
  g_autoptr (GBytes) first = NULL;
  g_autoptr (GBytes) other = NULL;
  g_autoptr (GBytes) again = NULL;
  g_autoptr (GBytes) fresh = NULL;
  g_autoptr (XsSheetRenderer) renderer = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) later = NULL;
  g_autoptr (GBytes) at_later = NULL;
  g_auto (Pdf) pdf = { 0 };
  GDateTime *created;
  g_autoptr (GString) acts = g_string_new (NULL);
  g_autofree char *person = NULL;

  import_compliant (f, "U1", NULL);
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (acts,
                            "    <activity id=\"B%u\" kind=\"paper\" role=\"other\" year=\"%u\" "
                            "status=\"approved\"><title>论文第%u篇</title></activity>\n",
                            i, 2021 + i % 5, i);
  person = person_xml ("P007", "U3", "", "孙八", ID_LI, acts->str);
  import_persons (f, person);

  a = load_sheet (f, "P001");
  b = load_sheet (f, "P007");
  /* A, then B, then A again with the same renderer; then A with a new renderer. */
  first = render (f, a);
  other = render (f, b);
  again = render (f, a);
  g_assert_true (g_bytes_equal (first, again));
  g_assert_false (g_bytes_equal (first, other));

  renderer = xs_sheet_renderer_new (&error);
  g_assert_no_error (error);
  xs_sheet_renderer_set_time (renderer, f->time);
  xs_sheet_renderer_set_operator (renderer, "王五");
  fresh = xs_sheet_renderer_render (renderer, a, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (first, fresh));

  /* The PDF's dates are the generation time, nothing else. */
  pdf_load (&pdf, first, FALSE);
  created = poppler_document_get_creation_date_time (pdf.doc);
  g_assert_nonnull (created);
  g_assert_cmpint (g_date_time_to_unix (created), ==, g_date_time_to_unix (f->time));
  g_date_time_unref (created);
  created = poppler_document_get_modification_date_time (pdf.doc);
  g_assert_cmpint (g_date_time_to_unix (created), ==, g_date_time_to_unix (f->time));
  g_date_time_unref (created);

  later = g_date_time_add_minutes (f->time, 1);
  xs_sheet_renderer_set_time (renderer, later);
  at_later = xs_sheet_renderer_render (renderer, a, &error);
  g_assert_no_error (error);
  g_assert_false (g_bytes_equal (first, at_later));
}

static void
test_generation_time (void)
{
  g_autoptr (GDateTime) t = NULL;
  g_autoptr (GError) error = NULL;

  if (g_test_subprocess ())
    {
      g_setenv ("SOURCE_DATE_EPOCH", "1781058600", TRUE); /* 2026-06-10 02:30 UTC */
      t = xs_sheet_dup_generation_time (&error);
      g_assert_no_error (error);
      g_assert_cmpint (g_date_time_get_hour (t), ==, 10);
      g_assert_cmpint (g_date_time_get_minute (t), ==, 30);
      g_assert_cmpint (g_date_time_get_utc_offset (t) / G_TIME_SPAN_HOUR, ==, 8);

      g_setenv ("SOURCE_DATE_EPOCH", "yesterday", TRUE);
      g_clear_pointer (&t, g_date_time_unref);
      t = xs_sheet_dup_generation_time (&error);
      g_assert_null (t);
      g_assert_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_TIME);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_no_chinese_font (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (XsSheetRenderer) renderer = NULL;
      g_autofree char *dir = g_dir_make_tmp ("fonts-XXXXXX", &error);
      g_autofree char *conf = g_build_filename (dir, "fonts.conf", NULL);
      g_autofree char *xml =
          g_strdup_printf ("<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
                           "<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n",
                           dir, dir);

      g_assert_no_error (error);
      g_file_set_contents (conf, xml, -1, &error);
      g_assert_no_error (error);
      /* Before anything has read the font configuration in this process. */
      g_setenv ("FONTCONFIG_FILE", conf, TRUE);

      renderer = xs_sheet_renderer_new (&error);
      g_assert_null (renderer);
      g_assert_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_FONT);
      g_assert_nonnull (strstr (error->message, "fonts-arphic-uming"));
      g_unlink (conf);
      g_rmdir (dir);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_missing_glyph_is_an_error (Fixture *f, gconstpointer data)
{
  g_autoptr (XsSheet) sheet = NULL;
  g_autoptr (XsUnit) unit = xs_unit_new ();
  g_autoptr (XsPerson) person = xs_person_new ();
  g_autoptr (GPtrArray) activities = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  unit->id = g_strdup ("U1");
  unit->category = g_strdup ("provincial");
  unit->name = g_strdup ("湖南省湘江人民医院");
  person->id = g_strdup ("P008");
  person->unit_id = g_strdup ("U1");
  /* A private-use character: no font has it, and a box must never be printed instead. */
  person->name = g_strdup ("张\xf3\xb0\x80\x81");
  person->gender = g_strdup ("male");
  person->id_number = g_strdup (ID_ZHANG);

  sheet = xs_sheet_new (f->rules, unit, person, activities);
  bytes = xs_sheet_renderer_render (f->renderer, sheet, &error);
  g_assert_null (bytes);
  g_assert_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_GLYPH);

  /* Again with the same renderer, which keeps cells' layouts from sheet to sheet: still. */
  g_clear_error (&error);
  bytes = xs_sheet_renderer_render (f->renderer, sheet, &error);
  g_assert_null (bytes);
  g_assert_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_GLYPH);
}

/* The footnote wraps, but never inside "30学时": a line neither ends in "学" before "时" nor
 * in a figure before "学时". */
static void
test_hours_stay_on_one_line (Fixture *f, gconstpointer data)
{
  g_auto (Pdf) pdf = { 0 };

  import_compliant (f, "U1", NULL);
  render_person (f, "P001", &pdf);
  for (guint i = 0; i < pdf.visual->len; i++)
    {
      const char *text = g_ptr_array_index (pdf.visual, i);
      g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

      g_assert_nonnull (strstr (text, "学时"));
      for (guint k = 0; lines[k] != NULL && lines[k + 1] != NULL; k++)
        {
          gboolean split_unit =
              g_str_has_suffix (lines[k], "学") && g_str_has_prefix (lines[k + 1], "时");
          gboolean split_figure = lines[k][0] != '\0' &&
                                  g_ascii_isdigit (lines[k][strlen (lines[k]) - 1]) &&
                                  g_str_has_prefix (lines[k + 1], "学时");
          if (split_unit || split_figure)
            g_error ("a line break inside the hours: “%s” / “%s”", lines[k], lines[k + 1]);
        }
    }
}

/* In every box of the chain, two boxes or three, 日期 starts where 经办人 does. */
static void
test_signature_rows_align (Fixture *f, gconstpointer data)
{
  const char *unit = data;
  g_auto (Pdf) pdf = { 0 };
  PopplerPage *page;
  g_autofree char *text = NULL;
  PopplerRectangle *rects = NULL;
  g_autoptr (GArray) signers = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) dates = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = 0, i = 0;

  import_compliant (f, unit, NULL);
  render_person (f, "P001", &pdf);
  page = poppler_document_get_page (pdf.doc, 0);
  text = poppler_page_get_text (page);
  g_assert_true (poppler_page_get_text_layout (page, &rects, &n));
  for (const char *p = text; *p != '\0' && i < n; p = g_utf8_next_char (p), i++)
    {
      if (g_str_has_prefix (p, "经办人"))
        g_array_append_val (signers, rects[i].x1);
      else if (g_str_has_prefix (p, "日期"))
        g_array_append_val (dates, rects[i].x1);
    }
  g_free (rects);
  g_object_unref (page);
  g_assert_cmpuint (signers->len, >=, 2);
  g_assert_cmpuint (dates->len, ==, signers->len);
  for (guint k = 0; k < signers->len; k++)
    {
      gboolean found = FALSE;

      for (guint j = 0; j < dates->len; j++)
        found |= ABS (g_array_index (dates, double, j) - g_array_index (signers, double, k)) < 0.5;
      if (!found)
        g_error ("no 日期 starts at x = %.1f, where a 经办人 does",
                 g_array_index (signers, double, k));
    }
}

static void
test_file_name (Fixture *f, gconstpointer data)
{
  g_autoptr (XsSheet) sheet = NULL;
  g_autofree char *name = NULL;
  g_autoptr (XsUnit) unit = xs_unit_new ();
  g_autoptr (XsPerson) person = xs_person_new ();
  g_autoptr (XsSheet) odd = NULL;
  g_autofree char *odd_name = NULL;

  import_compliant (f, "U1", NULL);
  sheet = load_sheet (f, "P001");
  name = xs_sheet_dup_file_name (sheet);
  g_assert_cmpstr (name, ==, "张三-002X.pdf");
  /* The application's one-sheet export names it as the batch does. */
  {
    g_autofree char *for_person = xs_sheet_file_name_for_person (xs_sheet_get_person (sheet));
    g_assert_cmpstr (for_person, ==, name);
  }

  unit->id = g_strdup ("U1");
  unit->category = g_strdup ("other");
  person->id = g_strdup ("P/9");
  person->unit_id = g_strdup ("U1");
  person->name = g_strdup ("../李/四");
  odd = xs_sheet_new (f->rules, unit, person, NULL);
  odd_name = xs_sheet_dup_file_name (odd);
  g_assert_cmpstr (odd_name, ==, "_._李_四-P_9.pdf");

  /* 谢 is U+8C22 and 贺 U+8D3A: their low bytes are '"' and ':', which must not matter. */
  {
    g_autoptr (XsSheet) xie = NULL;
    g_autofree char *xie_name = NULL;

    g_free (person->name);
    person->name = g_strdup ("谢强贺伟");
    person->id_number = g_strdup (ID_LI);
    xie = xs_sheet_new (f->rules, unit, person, NULL);
    xie_name = xs_sheet_dup_file_name (xie);
    g_assert_cmpstr (xie_name, ==, "谢强贺伟-0270.pdf");
  }
}

static guint
count_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
test_written_atomically (Fixture *f, gconstpointer data)
{
  g_autoptr (XsSheet) sheet = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *path = g_build_filename (out, "sheet.pdf", NULL);
  XsSheetPdf *pdf;
  g_auto (Pdf) read = { 0 };

  import_compliant (f, "U1", NULL);
  sheet = load_sheet (f, "P001");
  g_mkdir (out, 0700);

  /* Abandoned: nothing left behind. */
  pdf = xs_sheet_pdf_new (f->renderer, path, &error);
  g_assert_no_error (error);
  g_assert_true (xs_sheet_pdf_add (pdf, sheet, &error));
  g_assert_cmpuint (count_files (out), ==, 1); /* the temporary file */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  xs_sheet_pdf_free (pdf);
  g_assert_cmpuint (count_files (out), ==, 0);

  /* Finished but not committed: still not there under its name. */
  pdf = xs_sheet_pdf_new (f->renderer, path, &error);
  g_assert_true (xs_sheet_pdf_add (pdf, sheet, &error));
  g_assert_true (xs_sheet_pdf_finish (pdf, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (xs_sheet_pdf_commit (pdf, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (xs_sheet_pdf_get_pages (pdf), ==, 2);
  xs_sheet_pdf_free (pdf);
  g_assert_cmpuint (count_files (out), ==, 1);
  pdf_load_file (&read, path);
  assert_on_page (&read, 0, "张三");

  /* A folder that is not there. */
  {
    g_autofree char *bad = g_build_filename (f->dir, "missing", "sheet.pdf", NULL);
    g_autoptr (GError) write_error = NULL;

    g_assert_null (xs_sheet_pdf_new (f->renderer, bad, &write_error));
    g_assert_error (write_error, XS_SHEET_ERROR, XS_SHEET_ERROR_WRITE);
  }
}

/* For printing: pages drawn one at a time on any cairo context, e.g. a print context. */
static void
test_draw_page (Fixture *f, gconstpointer data)
{
  const XsSheetLayout *l = xs_sheet_layout_get_default ();
  g_autoptr (XsSheet) sheet = NULL;
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  guint dark = 0;
  int stride;
  const guint8 *pixels;

  import_compliant (f, "U1", NULL);
  sheet = load_sheet (f, "P001");
  g_assert_cmpuint (xs_sheet_renderer_count_pages (f->renderer, sheet, &error), ==, 2);
  g_assert_no_error (error);

  surface =
      cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int)l->page_width, (int)l->page_height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  g_assert_true (xs_sheet_renderer_draw_page (f->renderer, sheet, cr, 2, &error));
  g_assert_no_error (error);
  g_assert_false (xs_sheet_renderer_draw_page (f->renderer, sheet, cr, 3, &error));
  g_assert_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_RENDER);
  cairo_destroy (cr);

  cairo_surface_flush (surface);
  pixels = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < cairo_image_surface_get_height (surface); y++)
    for (int x = 0; x < cairo_image_surface_get_width (surface); x++)
      if ((((const guint32 *)(pixels + y * stride))[x] & 0xff) < 0x80)
        dark++;
  g_assert_cmpuint (dark, >, 1000); /* rules and text were drawn */
  cairo_surface_destroy (surface);
}

/* ------------------------------------------------------------------------------------------ */
/* The code                                                                                   */

static void
test_code_verifies (Fixture *f, gconstpointer data)
{
  g_autoptr (XsSheet) sheet = NULL;
  g_autoptr (XsHoursReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *lower = NULL;
  const char *code;
  gsize len;

  import_compliant (f, "U1", NULL);
  sheet = load_sheet (f, "P001");
  code = xs_sheet_get_code (sheet);

  report = xs_sheet_code_verify (f->store, f->rules, code, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpstr (report->person->name, ==, "张三");
  g_clear_pointer (&report, xs_hours_report_free);

  /* Typed in lower case, with blanks around: still the same code. */
  lower = g_strdup_printf ("  %s\n", code);
  len = strlen (lower);
  for (gsize i = len - 17; i < len; i++)
    lower[i] = g_ascii_tolower (lower[i]);
  report = xs_sheet_code_verify (f->store, f->rules, lower, &error);
  g_assert_no_error (error);
  g_clear_pointer (&report, xs_hours_report_free);

  /* One digit changed. */
  changed = g_strdup (code);
  len = strlen (changed);
  changed[len - 1] = changed[len - 1] == '0' ? '1' : '0';
  report = xs_sheet_code_verify (f->store, f->rules, changed, &error);
  g_assert_null (report);
  g_assert_error (error, XS_SHEET_CODE_ERROR, XS_SHEET_CODE_ERROR_MISMATCH);
  g_clear_error (&error);

  /* Unknown person, wrong span, malformed. */
  report = xs_sheet_code_verify (f->store, f->rules, "XS1-P999-2021-2025-0123456789ABCDEF", &error);
  g_assert_error (error, XS_SHEET_CODE_ERROR, XS_SHEET_CODE_ERROR_UNKNOWN_PERSON);
  g_clear_error (&error);
  report = xs_sheet_code_verify (f->store, f->rules, "XS1-P001-2020-2024-0123456789ABCDEF", &error);
  g_assert_error (error, XS_SHEET_CODE_ERROR, XS_SHEET_CODE_ERROR_MISMATCH);
  g_clear_error (&error);
  for (guint i = 0; i < 6; i++)
    {
      static const char *const bad[] = {
        "",
        "XS1-P001",
        "XS2-P001-2021-2025-0123456789ABCDEF",
        "XS1-P001-2021-2025-0123456789ABCDEG",
        "XS1-P001-2025-2021-0123456789ABCDEF",
        "XS1--2021-2025-0123456789ABCDEF",
      };
      report = xs_sheet_code_verify (f->store, f->rules, bad[i], &error);
      g_assert_null (report);
      g_assert_error (error, XS_SHEET_CODE_ERROR, XS_SHEET_CODE_ERROR_MALFORMED);
      g_clear_error (&error);
    }

  /* The records change: 2023 was certified with other figures, and the old code no longer
   * fits. */
  {
    g_autofree char *other = certified ("X1", 2023, "42", "64", "approved");
    import_compliant_but (f, "U1", 2023, other);
  }
  report = xs_sheet_code_verify (f->store, f->rules, code, &error);
  g_assert_null (report);
  g_assert_error (error, XS_SHEET_CODE_ERROR, XS_SHEET_CODE_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "张三"));
}

static void
test_code_covers_every_fact (Fixture *f, gconstpointer data)
{
  g_autoptr (XsSheet) sheet = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (XsHoursReport) report = NULL;
  g_autofree char *base = NULL;
  g_autofree char *id = NULL;
  g_autofree char *digest = NULL;
  guint span_from, span_to;
  XsPerson *person;

  import_compliant (f, "U1", NULL);
  sheet = load_sheet (f, "P001");
  person = xs_sheet_get_person (sheet);
  activities = xs_store_list_activities (f->store, "P001", &error);
  g_assert_no_error (error);

  report = xs_hours_report_new (f->rules, person, activities);
  base = xs_sheet_code_compute (f->rules, report);
  g_assert_cmpstr (base, ==, xs_sheet_get_code (sheet));

#define CHANGED_BY(stmt)                                                                           \
  do                                                                                               \
    {                                                                                              \
      g_autofree char *code = NULL;                                                                \
      stmt;                                                                                        \
      code = xs_sheet_code_compute (f->rules, report);                                             \
      g_assert_cmpstr (code, !=, base);                                                            \
      g_clear_pointer (&report, xs_hours_report_free);                                             \
      report = xs_hours_report_new (f->rules, person, activities);                                 \
    }                                                                                              \
  while (0)

  {
    g_autofree char *name = g_strdup (person->name);
    g_autofree char *number = g_strdup (person->id_number);
    g_autofree char *unit = g_strdup (person->unit_id);

    CHANGED_BY (g_free (report->person->name); report->person->name = g_strdup ("张叁"));
    g_free (person->name);
    person->name = g_strdup (name);
    CHANGED_BY (g_free (report->person->id_number); report->person->id_number = g_strdup (ID_LI));
    g_free (person->id_number);
    person->id_number = g_strdup (number);
    CHANGED_BY (g_free (report->person->unit_id); report->person->unit_id = g_strdup ("U2"));
    g_free (person->unit_id);
    person->unit_id = g_strdup (unit);
  }
  CHANGED_BY (g_array_index (report->years, XsYearSummary, 2).confirmed.public_tenths += 1);
  CHANGED_BY (g_array_index (report->years, XsYearSummary, 4).confirmed.professional_tenths -= 5);
  CHANGED_BY (g_array_index (report->years, XsYearSummary, 0).confirmed.compliant = FALSE);
  CHANGED_BY (g_array_index (report->years, XsYearSummary, 1).confirmed.deemed_complete = TRUE);
  CHANGED_BY (report->passed = FALSE);
#undef CHANGED_BY

  /* Ids with dashes survive the round trip. */
  g_assert_true (xs_sheet_code_parse ("XS1-A-B-7-2021-2025-0123456789abcdef", &id, &span_from,
                                      &span_to, &digest, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, "A-B-7");
  g_assert_cmpuint (span_from, ==, 2021);
  g_assert_cmpuint (span_to, ==, 2025);
  g_assert_cmpstr (digest, ==, "0123456789ABCDEF");

  /* The rule version is part of it too. */
  {
    g_autofree char *text = xs_sheet_code_dup_canonical_text (f->rules, report);
    g_autofree char *line =
        g_strdup_printf ("rules-version %zu:%s\n", strlen (xs_rules_get_version (f->rules)),
                         xs_rules_get_version (f->rules));
    g_assert_nonnull (strstr (text, line));
  }
}

static void
test_qr_matrix (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsQr) qr = xs_qr_new ("XS1-P001-2021-2025-0123456789ABCDEF", &error);
  guint w;

  g_assert_no_error (error);
  /* 35 upper-case letters, digits and dashes fit version 2 (25 modules) at level M. */
  w = xs_qr_get_width (qr);
  g_assert_cmpuint (w, ==, 25);
  /* The three finder patterns: a dark 7×7 ring, a light ring, a dark 3×3 core. */
  for (guint corner = 0; corner < 3; corner++)
    {
      guint ox = corner == 1 ? w - 7 : 0, oy = corner == 2 ? w - 7 : 0;

      for (guint y = 0; y < 7; y++)
        for (guint x = 0; x < 7; x++)
          {
            gboolean ring = x == 0 || y == 0 || x == 6 || y == 6;
            gboolean core = x >= 2 && x <= 4 && y >= 2 && y <= 4;

            g_assert_cmpint (xs_qr_get_module (qr, ox + x, oy + y), ==, ring || core);
          }
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The command line                                                                           */

typedef XsTestRun Run;

/* xueshi-cli with a fixed SOURCE_DATE_EPOCH, so the same records give the same bytes. */
static void
run_cli (Run *run, const char *db, ...)
{
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_auto (GStrv) envp =
      g_environ_setenv (g_get_environ (), "SOURCE_DATE_EPOCH", "1781058600", TRUE);
  const char *arg;
  va_list ap;

  va_start (ap, db);
  while ((arg = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, (gpointer)arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  xs_test_run_cliv (run, db, (const char *const *)args->pdata, (const char *const *)envp);
}

static GBytes *
read_bytes (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

static void
test_cli_sheet_and_verify (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "p001.pdf", NULL);
  g_autofree char *out2 = g_build_filename (f->dir, "p001-again.pdf", NULL);
  g_autoptr (GBytes) a = NULL;
  g_autoptr (GBytes) b = NULL;
  g_auto (Pdf) pdf = { 0 };
  g_autofree char *changed = NULL;
  g_autofree char *code = NULL;
  g_auto (XsTestRun) run = { 0 };

  if (g_getenv ("XUESHI_CLI") == NULL)
    {
      g_test_skip ("XUESHI_CLI is not set");
      return;
    }
  {
    g_autofree char *pending =
        g_strdup ("    <activity id=\"X1\" kind=\"online-course\" subject=\"public\" hours=\"10\"\n"
                  "              year=\"2023\" status=\"pending\"/>\n");
    import_compliant (f, "U1", pending);
  }
  g_clear_object (&f->store); /* the CLI opens the database itself */

  run_cli (&run, f->db_path, "sheet", "P001", "-o", out, "--operator", "赵敏", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, out));
  g_assert_nonnull (strstr (run.err, "await"));
  xs_test_run_clear (&run);
  run_cli (&run, f->db_path, "sheet", "P001", "-o", out2, "--operator", "赵敏", NULL);
  g_assert_cmpint (run.status, ==, 0);
  xs_test_run_clear (&run);

  /* Same data, same SOURCE_DATE_EPOCH: the same bytes. */
  a = read_bytes (out);
  b = read_bytes (out2);
  g_assert_true (g_bytes_equal (a, b));
  pdf_load (&pdf, a, TRUE);
  assert_on_page (&pdf, 0, "操作员：赵敏");
  assert_on_page (&pdf, 0, "生成时间：2026年6月10日10:30");
  assert_on_page (&pdf, 0, "另有1项活动待审核，未计入本单");

  /* The code printed on the sheet verifies. */
  {
    const char *text = page_text (&pdf, 0);
    const char *at = strstr (text, "验证码：");

    g_assert_nonnull (at);
    at += strlen ("验证码：");
    code = g_strndup (at, strlen ("XS1-P001-2021-2025-") + 16);
  }
  run_cli (&run, f->db_path, "verify", code, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "张三"));
  g_assert_nonnull (strstr (run.out, "matches"));
  g_assert_cmpstr (run.err, ==, "");
  xs_test_run_clear (&run);

  changed = g_strdup (code);
  changed[strlen (changed) - 2] = changed[strlen (changed) - 2] == 'A' ? 'B' : 'A';
  run_cli (&run, f->db_path, "verify", changed, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_nonnull (strstr (run.err, "does not match"));
  g_assert_cmpuint (strchr (run.err, '\n') - run.err + 1, ==, strlen (run.err)); /* one line */
  xs_test_run_clear (&run);

  run_cli (&run, f->db_path, "verify", "XS1-P404-2021-2025-0123456789ABCDEF", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "P404"));
  xs_test_run_clear (&run);

  run_cli (&run, f->db_path, "verify", "not-a-code", NULL);
  g_assert_cmpint (run.status, ==, 2);
  xs_test_run_clear (&run);

  /* Usage errors. */
  run_cli (&run, f->db_path, "sheet", "P001", NULL);
  g_assert_cmpint (run.status, ==, 2);
  xs_test_run_clear (&run);
  run_cli (&run, f->db_path, "sheet", "P001", "--all", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 2);
  xs_test_run_clear (&run);
  run_cli (&run, f->db_path, "sheet", "P001", "--combined", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 2);
  xs_test_run_clear (&run);
  run_cli (&run, f->db_path, "sheet", "P404", "-o", out, NULL);
  g_assert_cmpint (run.status, ==, 1);
  xs_test_run_clear (&run);

  /* Draft. */
  run_cli (&run, f->db_path, "sheet", "P001", "-o", out, "--draft", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_auto (Pdf) draft = { 0 };
    g_autoptr (GBytes) bytes = read_bytes (out);

    pdf_load (&draft, bytes, FALSE);
    for (guint i = 0; i < draft.pages->len; i++)
      assert_on_page (&draft, i, "草稿");
  }
}

static void
test_cli_all (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) persons = g_string_new (NULL);
  g_autofree char *folder = g_build_filename (f->dir, "sheets", NULL);
  g_autofree char *combined = g_build_filename (f->dir, "all.pdf", NULL);
  g_autofree char *single = g_build_filename (f->dir, "single.pdf", NULL);
  g_auto (XsTestRun) run = { 0 };
  guint pages = 0;

  if (g_getenv ("XUESHI_CLI") == NULL)
    {
      g_test_skip ("XUESHI_CLI is not set");
      return;
    }
  for (guint i = 1; i <= 6; i++)
    {
      g_autofree char *id = g_strdup_printf ("P%03u", i);
      g_autofree char *aid = g_strdup_printf ("%s-C1", id);
      g_autofree char *a = certified (aid, 2022, "30", "60", "approved");
      char number[XS_RESIDENT_ID_LENGTH + 1];
      g_autofree char *p = NULL;

      /* Namesakes with the same ID tail: told apart by their person id. */
      xs_test_resident_id_ending (i, i <= 2 ? "002X" : "0270", number);
      p = person_xml (id, i % 2 ? "U1" : "U2", "", i <= 2 ? "张三" : "李四", number, a);
      g_string_append (persons, p);
    }
  import_persons (f, persons->str);
  g_clear_object (&f->store);

  run_cli (&run, f->db_path, "sheet", "--all", "-o", folder, "--jobs", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpuint (count_files (folder), ==, 6); /* and no temporary files */
  {
    g_autofree char *a = g_build_filename (folder, "张三-002X.pdf", NULL);
    g_autofree char *b = g_build_filename (folder, "张三-002X-P002.pdf", NULL);
    g_autofree char *c = g_build_filename (folder, "李四-0270-P004.pdf", NULL);
    g_assert_true (g_file_test (a, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (b, G_FILE_TEST_IS_REGULAR));
    g_assert_true (g_file_test (c, G_FILE_TEST_IS_REGULAR));
    g_assert_nonnull (strstr (run.out, a));

    /* A sheet of the batch is the same as the one printed alone. */
    xs_test_run_clear (&run);
    run_cli (&run, f->db_path, "sheet", "P002", "-o", single, NULL);
    g_assert_cmpint (run.status, ==, 0);
    {
      g_autoptr (GBytes) from_batch = read_bytes (b);
      g_autoptr (GBytes) alone = read_bytes (single);
      g_assert_true (g_bytes_equal (from_batch, alone));
    }
  }
  xs_test_run_clear (&run);

  run_cli (&run, f->db_path, "sheet", "--all", "--combined", "-o", combined, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_auto (Pdf) pdf = { 0 };
    g_autoptr (GBytes) bytes = read_bytes (combined);
    guint starts = 0;

    pdf_load (&pdf, bytes, TRUE);
    pages = pdf.pages->len;
    g_assert_cmpuint (pages, ==, 12);
    for (guint i = 0; i < pages; i++)
      if (strstr (page_text (&pdf, i), "湖南省专业技术人员继续教育学时认定单") != NULL)
        starts++;
    g_assert_cmpuint (starts, ==, 6);
    assert_on_page (&pdf, 0, "第1页共2页");
    assert_on_page (&pdf, 11, "第2页共2页");
  }
}

typedef struct
{
  guint calls;
  guint last_done;
  guint total;
  GMutex lock;        /* the batch calls from its threads, one at a time; checked anyway */
  const char *folder; /* when set: while rendering, it holds only the batch's staging folder */
} Progress;

static void
count_progress (guint done, guint total, gpointer user_data)
{
  Progress *p = user_data;

  g_assert_true (g_mutex_trylock (&p->lock));
  if (p->folder != NULL)
    {
      g_autoptr (GDir) dir = g_dir_open (p->folder, 0, NULL);
      const char *name = g_dir_read_name (dir);

      g_assert_nonnull (name);
      g_assert_true (g_str_has_prefix (name, ".xueshi-sheets-"));
      g_assert_null (g_dir_read_name (dir));
    }
  p->calls++;
  p->last_done = MAX (p->last_done, done);
  p->total = total;
  g_mutex_unlock (&p->lock);
}

/* The folder batch the CLI and the application share: every sheet, progress to the end, the
 * pending count, unfinished files kept in one hidden folder of the batch's own (gone at the
 * end: count_files counts folders too); a person who cannot be read, or a cancellation, leaves
 * no file at all. */
static void
test_batch_all_or_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) persons = g_string_new (NULL);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *folder = g_build_filename (f->dir, "sheets", NULL);
  g_autofree char *failed = g_build_filename (f->dir, "failed", NULL);
  g_autofree char *cancelled = g_build_filename (f->dir, "cancelled", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GPtrArray) paths = NULL;
  g_autoptr (GError) error = NULL;
  Progress progress = { 0 };
  XsSheetBatchOptions options = {
    .time = f->time, .threads = 3, .progress = count_progress, .progress_data = &progress
  };
  guint pending = 99;

  for (guint i = 1; i <= 5; i++)
    {
      g_autofree char *id = g_strdup_printf ("P%03u", i);
      g_autofree char *aid = g_strdup_printf ("%s-C1", id);
      g_autofree char *a = certified (aid, 2022, "30", "60", i == 3 ? "pending" : "approved");
      char number[XS_RESIDENT_ID_LENGTH + 1];
      g_autofree char *p = NULL;

      xs_test_resident_id_ending (i, "002X", number);
      p = person_xml (id, "U1", "", "张三", number, a);

      g_string_append (persons, p);
      g_ptr_array_add (ids, g_steal_pointer (&id));
    }
  import_persons (f, persons->str);
  g_mutex_init (&progress.lock);
  progress.folder = folder;

  {
    /* Sheets carry full resident ID numbers: owner only, whatever the umask. */
    mode_t old_mask = umask (0);
    GStatBuf st;

    paths =
        xs_sheet_batch_write_folder (f->store, f->rules, ids, folder, &options, &pending, &error);
    umask (old_mask);
    g_assert_no_error (error);
    g_assert_cmpint (g_stat (folder, &st), ==, 0);
    g_assert_cmpuint (st.st_mode & 0777, ==, 0700);
    g_assert_cmpint (g_stat (g_ptr_array_index (paths, 0), &st), ==, 0);
    g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  }
  g_assert_cmpuint (paths->len, ==, 5);
  g_assert_cmpuint (count_files (folder), ==, 5);
  g_assert_true (g_str_has_suffix (g_ptr_array_index (paths, 0), "张三-002X.pdf"));
  g_assert_true (g_str_has_suffix (g_ptr_array_index (paths, 4), "张三-002X-P005.pdf"));
  g_assert_cmpuint (progress.calls, ==, 5);
  g_assert_cmpuint (progress.last_done, ==, 5);
  g_assert_cmpuint (progress.total, ==, 5);
  g_assert_cmpuint (pending, ==, 1);
  g_clear_pointer (&paths, g_ptr_array_unref);
  progress.folder = NULL;

  /* Someone not in the records, after four who are: nothing written. */
  g_ptr_array_insert (ids, 4, g_strdup ("P404"));
  paths = xs_sheet_batch_write_folder (f->store, f->rules, ids, failed, &options, NULL, &error);
  g_assert_null (paths);
  g_assert_nonnull (error);
  g_assert_cmpuint (count_files (failed), ==, 0);
  g_clear_error (&error);

  /* Cancelled before it starts: nothing written, and it says so. */
  g_ptr_array_remove_index (ids, 4);
  g_cancellable_cancel (cancellable);
  options.cancellable = cancellable;
  paths = xs_sheet_batch_write_folder (f->store, f->rules, ids, cancelled, &options, NULL, &error);
  g_assert_null (paths);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_files (cancelled), ==, 0);
  g_mutex_clear (&progress.lock);
}

/* Everyone in one PDF, through the core's batch the CLI and the application share: every
 * sheet's pages in order, owner-only, and nothing left behind when it fails or is cancelled. */
static void
test_batch_combined_pdf (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) persons = g_string_new (NULL);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *combined = g_build_filename (f->dir, "all.pdf", NULL);
  g_autofree char *failed = g_build_filename (f->dir, "failed.pdf", NULL);
  g_autofree char *cancelled = g_build_filename (f->dir, "cancelled.pdf", NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  PopplerDocument *document = NULL;
  g_autofree char *uri = NULL;
  XsSheetBatchOptions options = { .time = f->time };
  guint pending = 99, expected_pages = 0;
  GStatBuf st;

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *id = g_strdup_printf ("P%03u", i);
      g_autofree char *aid = g_strdup_printf ("%s-C1", id);
      g_autofree char *a = certified (aid, 2022, "30", "60", i == 2 ? "pending" : "approved");
      char number[XS_RESIDENT_ID_LENGTH + 1];
      g_autofree char *p = NULL;

      xs_test_resident_id (i, number);
      p = person_xml (id, "U1", "", "张三", number, a);
      g_string_append (persons, p);
      g_ptr_array_add (ids, g_steal_pointer (&id));
    }
  import_persons (f, persons->str);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (XsSheet) sheet = load_sheet (f, g_ptr_array_index (ids, i));
      expected_pages += xs_sheet_renderer_count_pages (f->renderer, sheet, &error);
      g_assert_no_error (error);
    }

  g_assert_true (xs_sheet_batch_write_combined (f->store, f->rules, ids, combined, &options,
                                                &pending, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pending, ==, 1);
  g_assert_cmpint (g_stat (combined, &st), ==, 0);
  g_assert_cmpuint (st.st_mode & 0777, ==, 0600);
  uri = g_filename_to_uri (combined, NULL, NULL);
  document = poppler_document_new_from_file (uri, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (document), ==, (int)expected_pages);
  g_object_unref (document);

  /* Someone not in the records: no file. */
  g_ptr_array_add (ids, g_strdup ("P404"));
  g_assert_false (
      xs_sheet_batch_write_combined (f->store, f->rules, ids, failed, &options, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (g_file_test (failed, G_FILE_TEST_EXISTS));

  /* Cancelled: no file, and it says so. */
  g_ptr_array_remove_index (ids, ids->len - 1);
  g_cancellable_cancel (cancellable);
  options.cancellable = cancellable;
  g_assert_false (
      xs_sheet_batch_write_combined (f->store, f->rules, ids, cancelled, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (cancelled, G_FILE_TEST_EXISTS));
}

/* A file that cannot be written (here: over a 4 KB file size limit) fails the batch at once:
 * the reader stops, what is queued is not rendered, and no file is left. */
static void
test_batch_stops_at_a_write_failure (Fixture *f, gconstpointer data)
{
  if (g_test_subprocess ())
    {
      g_autoptr (GString) persons = g_string_new (NULL);
      g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *folder = g_build_filename (f->dir, "sheets", NULL);
      g_autoptr (GPtrArray) paths = NULL;
      g_autoptr (GError) error = NULL;
      Progress progress = { 0 };
      XsSheetBatchOptions options = {
        .time = f->time, .threads = 1, .progress = count_progress, .progress_data = &progress
      };
      struct rlimit limit = { 4096, 4096 };

      for (guint i = 1; i <= 12; i++)
        {
          g_autofree char *id = g_strdup_printf ("P%03u", i);
          g_autofree char *aid = g_strdup_printf ("%s-C1", id);
          g_autofree char *a = certified (aid, 2022, "30", "60", "approved");
          char number[XS_RESIDENT_ID_LENGTH + 1];
          g_autofree char *p = NULL;

          xs_test_resident_id_ending (i, "002X", number);
          p = person_xml (id, "U1", "", "张三", number, a);

          g_string_append (persons, p);
          g_ptr_array_add (ids, g_steal_pointer (&id));
        }
      import_persons (f, persons->str);
      g_mutex_init (&progress.lock);
      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limit), ==, 0);

      paths = xs_sheet_batch_write_folder (f->store, f->rules, ids, folder, &options, NULL, &error);
      g_assert_null (paths);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "P001"));
      g_assert_cmpuint (progress.calls, <, 12);
      g_assert_cmpuint (count_files (folder), ==, 0);
      g_mutex_clear (&progress.lock);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
assert_segment (GArray *merged, guint i, double x0, double y0, double x1, double y1)
{
  const XsLineSegment *s = &g_array_index (merged, XsLineSegment, i);

  g_assert_cmpfloat_with_epsilon (s->x0, x0, 0.001);
  g_assert_cmpfloat_with_epsilon (s->y0, y0, 0.001);
  g_assert_cmpfloat_with_epsilon (s->x1, x1, 0.001);
  g_assert_cmpfloat_with_epsilon (s->y1, y1, 0.001);
}

/* Two rows of two cells: each line between them is drawn once and whole. Edges that meet
 * after different sums (10 and 3.3 + 6.7) still join; a gap does not. */
static void
test_table_lines_merge_shared_edges (void)
{
  g_autoptr (XsTableLines) lines = xs_table_lines_new ();
  g_autoptr (GArray) merged = NULL;
  g_autoptr (GArray) again = NULL;

  xs_table_lines_add_box (lines, 0, 0, 10, 5);
  xs_table_lines_add_box (lines, 3.3 + 6.7, 0, 10, 5);
  xs_table_lines_add_box (lines, 0, 5, 10, 5);
  xs_table_lines_add_box (lines, 10, 5, 10, 5);
  xs_table_lines_add_box (lines, 30, 0, 5, 5); /* apart, 10 pt to the right */
  merged = xs_table_lines_take_merged (lines);

  g_assert_cmpuint (merged->len, ==, 3 + 2 + 3 + 2);
  /* Horizontal, by row: the two cells' tops one line, the lone cell's its own. */
  assert_segment (merged, 0, 0, 0, 20, 0);
  assert_segment (merged, 1, 30, 0, 35, 0);
  assert_segment (merged, 2, 0, 5, 20, 5);
  assert_segment (merged, 3, 30, 5, 35, 5);
  assert_segment (merged, 4, 0, 10, 20, 10);
  /* Vertical, by column: each through both rows. */
  assert_segment (merged, 5, 0, 0, 0, 10);
  assert_segment (merged, 6, 10, 0, 10, 10);
  assert_segment (merged, 7, 20, 0, 20, 10);
  assert_segment (merged, 8, 30, 0, 30, 5);
  assert_segment (merged, 9, 35, 0, 35, 5);

  /* Taken: the next table starts empty. */
  again = xs_table_lines_take_merged (lines);
  g_assert_cmpuint (again->len, ==, 0);
}

int
main (int argc, char **argv)
{
  /* Messages about Chinese text stay readable in the test log. */
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sheet/content/all-years-compliant", test_all_years_compliant);
  ADD ("/sheet/content/failing-year-fails-the-span", test_failing_year);
  ADD ("/sheet/content/deemed-years-show-30-60-90", test_deemed_years);
  ADD ("/sheet/content/span-override-sets-the-years", test_span_override);
  ADD ("/sheet/content/sixty-activities-continue-over-pages", test_sixty_activities);
  ADD ("/sheet/content/long-names-wrap-inside-the-margins", test_long_names);
  ADD ("/sheet/content/pending-is-shown-not-counted", test_pending_is_shown_not_counted);
  ADD ("/sheet/content/draft-is-marked-on-every-page", test_draft);
  g_test_add ("/sheet/chain/provincial", Fixture, "U1", fixture_set_up, test_chain,
              fixture_tear_down);
  g_test_add ("/sheet/chain/municipal", Fixture, "U2", fixture_set_up, test_chain,
              fixture_tear_down);
  g_test_add ("/sheet/chain/other", Fixture, "U3", fixture_set_up, test_chain, fixture_tear_down);
  g_test_add ("/sheet/chain/central", Fixture, "U4", fixture_set_up, test_chain, fixture_tear_down);
  ADD ("/sheet/pdf/fonts-are-embedded", test_fonts_embedded);
  ADD ("/sheet/pdf/noto-only-still-prints", test_fonts_noto_only);
  ADD ("/sheet/pdf/same-data-same-bytes", test_byte_identical);
  ADD ("/sheet/pdf/missing-glyph-is-an-error", test_missing_glyph_is_an_error);
  ADD ("/sheet/pdf/file-name-is-name-and-id-tail", test_file_name);
  ADD ("/sheet/pdf/hours-stay-on-one-line", test_hours_stay_on_one_line);
  g_test_add ("/sheet/chain/signature-rows-align/provincial", Fixture, "U1", fixture_set_up,
              test_signature_rows_align, fixture_tear_down);
  g_test_add ("/sheet/chain/signature-rows-align/municipal", Fixture, "U2", fixture_set_up,
              test_signature_rows_align, fixture_tear_down);
  ADD ("/sheet/pdf/written-atomically", test_written_atomically);
  ADD ("/sheet/pdf/pages-draw-one-at-a-time", test_draw_page);
  g_test_add ("/sheet/chain/round-printed-draft-before-first-pass", Fixture, NULL, fixture_set_up,
              test_round_on_the_chain, fixture_tear_down);
  g_test_add_func ("/sheet/pdf/source-date-epoch-is-the-time", test_generation_time);
  g_test_add_func ("/sheet/pdf/no-chinese-font-is-an-error", test_no_chinese_font);
  ADD ("/sheet/code/verifies-and-refuses", test_code_verifies);
  ADD ("/sheet/code/covers-every-fact", test_code_covers_every_fact);
  g_test_add_func ("/sheet/code/qr-has-version-2-finder-patterns", test_qr_matrix);
  g_test_add_func ("/sheet/table-lines/shared-edges-drawn-once",
                   test_table_lines_merge_shared_edges);
  ADD ("/sheet/cli/sheet-and-verify", test_cli_sheet_and_verify);
  ADD ("/sheet/cli/all-and-combined", test_cli_all);
  ADD ("/sheet/batch/all-or-nothing", test_batch_all_or_nothing);
  ADD ("/sheet/batch/combined-pdf", test_batch_combined_pdf);
  ADD ("/sheet/batch/stops-at-a-write-failure", test_batch_stops_at_a_write_failure);
#undef ADD

  return g_test_run ();
}
