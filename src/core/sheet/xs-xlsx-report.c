/* xs-xlsx-report.c — the unit report as an Excel workbook: the yearly figures and what is missing.
 *
 * Sheet 1 has one row per person and span year with the confirmed figures, as numbers, so the
 * clerk can filter and sum; sheet 2 lists, for each person whose span does not pass, what each
 * failing year lacks and which activities still await review. The column headers are the
 * Chinese terms of the confirmation sheet: the workbook is a document for Hunan's offices,
 * like the sheet, not a piece of the user interface.
 *
 * The workbook is written under a temporary name beside the target and renamed into place,
 * so an existing file is never left half-written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "xs-xlsx-report.h"
#include "xs-tenths.h"

/* clang-format off */
G_DEFINE_QUARK (xs-xlsx-error-quark, xs_xlsx_error)
/* clang-format on */

typedef struct
{
  const char *title;
  double width; /* in Excel's character units; a CJK character takes about two */
  gboolean number;
} Column;

static const Column summary_columns[] = {
  { "人员编号", 12, FALSE }, { "姓名", 10, FALSE }, { "单位", 30, FALSE },
  { "年度", 8, FALSE },      { "公需", 8, TRUE },   { "专业", 8, TRUE },
  { "合计", 8, TRUE },       { "达标", 10, FALSE }, { "待审核数", 10, FALSE },
};

static const Column missing_columns[] = {
  { "人员编号", 12, FALSE },   { "姓名", 10, FALSE }, { "单位", 30, FALSE },
  { "年度", 11, FALSE },       { "公需差", 8, TRUE }, { "专业差", 8, TRUE },
  { "合计差", 8, TRUE },       { "说明", 32, FALSE }, { "待审核数", 10, FALSE },
  { "待审核项目", 60, FALSE },
};

enum
{
  SUMMARY_ID,
  SUMMARY_NAME,
  SUMMARY_UNIT,
  SUMMARY_YEAR,
  SUMMARY_PUBLIC,
  SUMMARY_PROFESSIONAL,
  SUMMARY_TOTAL,
  SUMMARY_COMPLIANT,
  SUMMARY_PENDING,
};

enum
{
  MISSING_ID,
  MISSING_NAME,
  MISSING_UNIT,
  MISSING_YEAR,
  MISSING_PUBLIC,
  MISSING_PROFESSIONAL,
  MISSING_TOTAL,
  MISSING_TEXT,
  MISSING_PENDING,
  MISSING_ITEMS,
};

typedef struct
{
  XsStore *store;
  XsRules *rules;
  lxw_workbook *workbook;
  lxw_format *header;
  lxw_format *tenths;
  GHashTable *unit_names; /* unit id → name */
  lxw_error failed;       /* the first error of libxlsxwriter */
  GError *error;          /* the first error of ours */
} Writer;

/* Helpers ------------------------------------------------------------------------------------ */

static void
check (Writer *w, lxw_error result)
{
  if (result != LXW_NO_ERROR && w->failed == LXW_NO_ERROR)
    w->failed = result;
}

static void
put_string (Writer *w, lxw_worksheet *sheet, lxw_row_t row, lxw_col_t col, const char *text)
{
  if (text != NULL && *text != '\0')
    check (w, worksheet_write_string (sheet, row, col, text, NULL));
}

static void
put_tenths (Writer *w, lxw_worksheet *sheet, lxw_row_t row, lxw_col_t col, gint64 tenths)
{
  check (w, worksheet_write_number (sheet, row, col, (double)tenths / 10.0, w->tenths));
}

static void
put_uint (Writer *w, lxw_worksheet *sheet, lxw_row_t row, lxw_col_t col, guint value)
{
  check (w, worksheet_write_number (sheet, row, col, (double)value, NULL));
}

static lxw_worksheet *
add_sheet (Writer *w, const char *name, const Column *cols, guint n_cols)
{
  lxw_worksheet *sheet = workbook_add_worksheet (w->workbook, name);

  if (sheet == NULL)
    {
      check (w, LXW_ERROR_MEMORY_MALLOC_FAILED);
      return NULL;
    }
  /* Set before the rows: with constant memory, a sheet's layout goes out ahead of its data. */
  worksheet_freeze_panes (sheet, 1, 0);
  for (guint i = 0; i < n_cols; i++)
    {
      check (w, worksheet_set_column (sheet, (lxw_col_t)i, (lxw_col_t)i, cols[i].width,
                                      cols[i].number ? w->tenths : NULL));
      check (w, worksheet_write_string (sheet, 0, (lxw_col_t)i, cols[i].title, w->header));
    }
  return sheet;
}

static const char *
unit_name (Writer *w, const char *unit_id)
{
  const char *name;
  g_autoptr (XsUnit) unit = NULL;

  if (unit_id == NULL)
    return "";
  name = g_hash_table_lookup (w->unit_names, unit_id);
  if (name != NULL)
    return name;
  unit = xs_store_get_unit (w->store, unit_id, NULL);
  name = unit != NULL && unit->name != NULL ? unit->name : unit_id;
  g_hash_table_insert (w->unit_names, g_strdup (unit_id), g_strdup (name));
  return g_hash_table_lookup (w->unit_names, unit_id);
}

static const char *
compliance_text (const XsYearFigures *f)
{
  if (f->deemed_complete)
    return "视同完成";
  return f->compliant ? "是" : "否";
}

static gint64
shortfall (gint64 minimum, gint64 value)
{
  return value < minimum ? minimum - value : 0;
}

/* “公需差 12 学时，专业差 60 学时” */
static char *
dup_shortfall_text (gint64 pub, gint64 pro, gint64 total)
{
  GString *s = g_string_new (NULL);
  char buf[32];

  if (pub > 0)
    g_string_append_printf (s, "公需差 %s 学时", xs_tenths_format_buf (pub, buf, sizeof buf));
  if (pro > 0)
    g_string_append_printf (s, "%s专业差 %s 学时", s->len ? "，" : "",
                            xs_tenths_format_buf (pro, buf, sizeof buf));
  /* The total can lack more than its parts when its minimum exceeds their sum. */
  if (total > pub + pro)
    g_string_append_printf (s, "%s合计差 %s 学时", s->len ? "，" : "",
                            xs_tenths_format_buf (total, buf, sizeof buf));
  return g_string_free (s, FALSE);
}

/* “A7 在线学习（专业 12.3 学时）；A9 援派（视同完成）” for the pending activities of @from..@to. */
static char *
dup_pending_items (Writer *w, const XsHoursReport *hours, guint from, guint to, guint *out_count)
{
  GString *s = g_string_new (NULL);
  char a[32], b[32];

  *out_count = 0;
  for (guint i = 0; hours != NULL && i < hours->activities->len; i++)
    {
      const XsActivityResult *r = g_ptr_array_index (hours->activities, i);
      const XsKind *kind;
      const XsCredit *c = r->credit;

      if (r->activity->status != XS_STATUS_PENDING || !xs_credit_touches_years (c, from, to))
        continue;
      kind = xs_rules_get_kind (w->rules, r->activity->kind);
      if (s->len > 0)
        g_string_append (s, "；");
      g_string_append_printf (s, "%s %s", r->activity->id, kind ? kind->name : r->activity->kind);
      if (xs_credit_is_deemed (c))
        g_string_append (s, "（视同完成）");
      else if (c->public_tenths > 0 && c->professional_tenths > 0)
        g_string_append_printf (s, "（公需 %s、专业 %s 学时）",
                                xs_tenths_format_buf (c->public_tenths, a, sizeof a),
                                xs_tenths_format_buf (c->professional_tenths, b, sizeof b));
      else if (c->public_tenths > 0)
        g_string_append_printf (s, "（公需 %s 学时）",
                                xs_tenths_format_buf (c->public_tenths, a, sizeof a));
      else if (c->professional_tenths > 0)
        g_string_append_printf (s, "（专业 %s 学时）",
                                xs_tenths_format_buf (c->professional_tenths, a, sizeof a));
      else
        g_string_append (s, "（0 学时）");
      if (!r->evidence->satisfied)
        g_string_append (s, "，材料不全");
      (*out_count)++;
    }
  return g_string_free (s, FALSE);
}

static void
put_person_columns (Writer *w, lxw_worksheet *sheet, lxw_row_t row, const XsPerson *person)
{
  put_string (w, sheet, row, 0, person->id);
  put_string (w, sheet, row, 1, person->name);
  put_string (w, sheet, row, 2, unit_name (w, person->unit_id));
}

static gboolean
check_rows (Writer *w, guint64 rows)
{
  if (rows <= LXW_ROW_MAX) /* the header included */
    return TRUE;
  g_set_error (&w->error, XS_XLSX_ERROR, XS_XLSX_ERROR_TOO_LARGE,
               _ ("The report has %llu rows, more than an Excel worksheet holds (%u); export "
                  "one unit at a time"),
               (unsigned long long)rows, (guint)LXW_ROW_MAX - 1);
  return FALSE;
}

/* Sheets ------------------------------------------------------------------------------------- */

static void
write_summary (Writer *w, const XsUnitReport *report)
{
  lxw_worksheet *sheet = add_sheet (w, "学时汇总", summary_columns, G_N_ELEMENTS (summary_columns));
  lxw_row_t row = 1;
  guint64 n_rows = 1;

  for (guint i = 0; i < report->persons->len; i++)
    n_rows += ((const XsPersonSummary *)g_ptr_array_index (report->persons, i))->n_years;
  if (sheet == NULL || !check_rows (w, n_rows))
    return;

  for (guint i = 0; i < report->persons->len && w->failed == LXW_NO_ERROR; i++)
    {
      const XsPersonSummary *p = g_ptr_array_index (report->persons, i);

      for (guint k = 0; k < p->n_years; k++, row++)
        {
          const XsYearSummary *y = &p->years[k];

          put_person_columns (w, sheet, row, p->person);
          put_uint (w, sheet, row, SUMMARY_YEAR, y->year);
          put_tenths (w, sheet, row, SUMMARY_PUBLIC, y->confirmed.public_tenths);
          put_tenths (w, sheet, row, SUMMARY_PROFESSIONAL, y->confirmed.professional_tenths);
          put_tenths (w, sheet, row, SUMMARY_TOTAL, y->confirmed.total_tenths);
          put_string (w, sheet, row, SUMMARY_COMPLIANT, compliance_text (&y->confirmed));
          put_uint (w, sheet, row, SUMMARY_PENDING, y->pending);
        }
    }
  if (row > 1)
    check (w, worksheet_autofilter (sheet, 0, 0, row - 1, G_N_ELEMENTS (summary_columns) - 1));
}

static void
write_missing_row (Writer *w, lxw_worksheet *sheet, lxw_row_t row, const XsPerson *person,
                   guint year, const char *span, gint64 pub, gint64 pro, gint64 total,
                   const char *items, guint pending)
{
  g_autofree char *text = dup_shortfall_text (pub, pro, total);

  put_person_columns (w, sheet, row, person);
  if (span != NULL)
    put_string (w, sheet, row, MISSING_YEAR, span);
  else
    put_uint (w, sheet, row, MISSING_YEAR, year);
  put_tenths (w, sheet, row, MISSING_PUBLIC, pub);
  put_tenths (w, sheet, row, MISSING_PROFESSIONAL, pro);
  put_tenths (w, sheet, row, MISSING_TOTAL, total);
  put_string (w, sheet, row, MISSING_TEXT, text);
  put_uint (w, sheet, row, MISSING_PENDING, pending);
  put_string (w, sheet, row, MISSING_ITEMS, items);
}

/* One row per failing year (per-year spans) or one for the span (cumulative spans). */
static void
write_missing (Writer *w, const XsUnitReport *report)
{
  lxw_worksheet *sheet =
      add_sheet (w, "未达标明细", missing_columns, G_N_ELEMENTS (missing_columns));
  gint64 min_pub = xs_rules_get_min_public (w->rules);
  gint64 min_pro = xs_rules_get_min_professional (w->rules);
  gint64 min_total = xs_rules_get_min_total (w->rules);
  gboolean cumulative = xs_rules_get_span_mode (w->rules) == XS_SPAN_CUMULATIVE;
  lxw_row_t row = 1;

  for (guint i = 0;
       sheet != NULL && i < report->persons->len && w->failed == LXW_NO_ERROR && w->error == NULL;
       i++)
    {
      const XsPersonSummary *p = g_ptr_array_index (report->persons, i);
      g_autoptr (GPtrArray) activities = NULL;
      g_autoptr (XsHoursReport) hours = NULL;

      if (p->passed)
        continue;
      /* Only the people who fall short: their activities say which ones await review. */
      activities = xs_store_list_activities (w->store, p->person->id, &w->error);
      if (activities == NULL)
        return;
      hours = xs_hours_report_new (w->rules, p->person, activities);

      if (cumulative)
        {
          gint64 pub = 0, pro = 0;
          guint n = p->n_years, pending = 0;
          g_autofree char *years = g_strdup_printf ("%u–%u", p->span_from, p->span_to);
          g_autofree char *items = NULL;

          xs_span_totals (p->years, n, TRUE, &pub, &pro);
          items = dup_pending_items (w, hours, p->span_from, p->span_to, &pending);
          if (!check_rows (w, (guint64)row + 1))
            return;
          write_missing_row (w, sheet, row++, p->person, 0, years, shortfall (min_pub * n, pub),
                             shortfall (min_pro * n, pro), shortfall (min_total * n, pub + pro),
                             items, pending);
          continue;
        }

      for (guint k = 0; k < p->n_years; k++)
        {
          const XsYearSummary *y = &p->years[k];
          const XsYearFigures *f = &y->confirmed;
          g_autofree char *items = NULL;
          guint pending = 0;

          if (f->compliant)
            continue;
          if (!check_rows (w, (guint64)row + 1))
            return;
          items = dup_pending_items (w, hours, y->year, y->year, &pending);
          write_missing_row (w, sheet, row++, p->person, y->year, NULL,
                             shortfall (min_pub, f->public_tenths),
                             shortfall (min_pro, f->professional_tenths),
                             shortfall (min_total, f->total_tenths), items, pending);
        }
    }
  if (sheet != NULL && row > 1)
    check (w, worksheet_autofilter (sheet, 0, 0, row - 1, G_N_ELEMENTS (missing_columns) - 1));
}

static gboolean
sync_file (const char *path, GError **error)
{
  int fd = g_open (path, O_RDONLY, 0);
  int saved;

  if (fd >= 0 && fsync (fd) == 0)
    return g_close (fd, error);
  saved = errno;
  if (fd >= 0)
    g_close (fd, NULL);
  g_set_error (error, XS_XLSX_ERROR, XS_XLSX_ERROR_WRITE, _ ("Cannot write “%s”: %s"), path,
               g_strerror (saved));
  return FALSE;
}

/**
 * xs_xlsx_temp_beside:
 *
 * Returns: (transfer full): an empty file of mode 0600 beside @path (a workbook carries
 *   resident IDs), for libxlsxwriter to write before xs_xlsx_put_in_place(); NULL with an error
 */
char *
xs_xlsx_temp_beside (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s%c.%s.XXXXXX", dir, G_DIR_SEPARATOR, base);
  int fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, XS_XLSX_ERROR, XS_XLSX_ERROR_WRITE, _ ("Cannot write in “%s”: %s"), dir,
                   g_strerror (saved));
      return NULL;
    }
  g_close (fd, NULL);
  return g_steal_pointer (&tmp);
}

/* Synced, then renamed over @path; on failure @tmp is removed. */
gboolean
xs_xlsx_put_in_place (const char *tmp, const char *path, GError **error)
{
  if (sync_file (tmp, error))
    {
      if (g_rename (tmp, path) == 0)
        return TRUE;
      int saved = errno;
      g_set_error (error, XS_XLSX_ERROR, XS_XLSX_ERROR_WRITE, _ ("Cannot write “%s”: %s"), path,
                   g_strerror (saved));
    }
  g_unlink (tmp);
  return FALSE;
}

/* Public API --------------------------------------------------------------------------------- */

/**
 * xs_xlsx_report_write:
 * @report: the unit report to write, from xs_unit_report_new()
 * @store: the store @report came from: unit names, and the activities of those who fall short
 * @rules: the rules @report was computed with
 * @path: the workbook to write (replaced when it exists)
 * @error: an %XS_XLSX_ERROR, or the store's error
 *
 * Writes the “学时汇总” sheet (one row per person and year: 人员编号, 姓名, 单位, 年度, 公需,
 * 专业, 合计, 达标, 待审核数; hours as numbers with one decimal) and the “未达标明细” sheet (what
 * each person whose span does not pass lacks in each failing year, and the activities awaiting
 * review in it). Headers are bold and frozen.
 *
 * Returns: %TRUE when the workbook is in place at @path
 */
gboolean
xs_xlsx_report_write (const XsUnitReport *report, XsStore *store, XsRules *rules, const char *path,
                      GError **error)
{
  g_autofree char *tmp = NULL;
  g_autoptr (GHashTable) unit_names = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_TRUE };
  lxw_doc_properties properties = { .title = (char *)"继续教育学时汇总",
                                    .comments = (char *)"Xueshi " PACKAGE_VERSION };
  Writer w = { 0 };
  lxw_error closed;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (XS_IS_STORE (store), FALSE);
  g_return_val_if_fail (XS_IS_RULES (rules), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  tmp = xs_xlsx_temp_beside (path, error);
  if (tmp == NULL)
    return FALSE;

  unit_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  w.store = store;
  w.rules = rules;
  w.unit_names = unit_names;
  /* Constant memory: rows go to disk as they are written, so a city's report stays small. */
  w.workbook = workbook_new_opt (tmp, &options);
  if (w.workbook == NULL)
    {
      g_unlink (tmp);
      g_set_error (error, XS_XLSX_ERROR, XS_XLSX_ERROR_WRITE, _ ("Cannot write “%s”"), path);
      return FALSE;
    }
  check (&w, workbook_set_properties (w.workbook, &properties));
  w.header = workbook_add_format (w.workbook);
  format_set_bold (w.header);
  format_set_bottom (w.header, LXW_BORDER_THIN);
  w.tenths = workbook_add_format (w.workbook);
  format_set_num_format (w.tenths, "0.0");

  write_summary (&w, report);
  if (w.error == NULL && w.failed == LXW_NO_ERROR)
    write_missing (&w, report);

  /* Closing writes the file; it also frees the workbook whatever happened before. */
  closed = workbook_close (w.workbook);
  if (w.error == NULL && w.failed == LXW_NO_ERROR && closed != LXW_NO_ERROR)
    w.failed = closed;

  if (w.error == NULL && w.failed != LXW_NO_ERROR)
    g_set_error (&w.error, XS_XLSX_ERROR, XS_XLSX_ERROR_WRITE, _ ("Cannot write “%s”: %s"), path,
                 lxw_strerror (w.failed));
  if (w.error == NULL)
    return xs_xlsx_put_in_place (tmp, path, error);
  g_unlink (tmp);
  g_propagate_error (error, w.error);
  return FALSE;
}
