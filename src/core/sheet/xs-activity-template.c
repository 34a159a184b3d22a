/* xs-activity-template.c — the workbook staff fill in with their activities: a sheet of
 * instructions, one sheet per form of the rule file with its columns (xs-activity-columns.c),
 * dropdowns for every choice, number and date checks, and a hidden sheet holding the choices
 * (a dropdown's list typed inline may not exceed 255 characters; the themes do).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <xlsxwriter.h>

#include "xs-activity-columns.h"
#include "xs-activity-template.h"
#include "xs-activity-workbook.h"
#include "xs-params.h"
#include "xs-xlsx-report.h"

/* Rows below the header that get the checks: more than one person's year ever needs. */
#define TEMPLATE_ROWS 2000

typedef struct
{
  lxw_workbook *workbook;
  lxw_worksheet *choices; /* hidden: one column per list */
  lxw_col_t next_list;
  lxw_format *header;
  lxw_format *date;
  lxw_format *text;
  lxw_error failed;
} Writer;

static void
check (Writer *w, lxw_error result)
{
  if (w->failed == LXW_NO_ERROR)
    w->failed = result;
}

/* "选项!$C$1:$C$4": the list's cells on the hidden sheet, written there first. */
static char *
add_list (Writer *w, char **labels)
{
  g_autofree char *quoted_sheet = NULL;
  char column[8];
  guint n = 0;

  for (; labels[n] != NULL; n++)
    check (w, worksheet_write_string (w->choices, (lxw_row_t)n, w->next_list, labels[n], NULL));
  lxw_col_to_name (column, w->next_list, TRUE);
  w->next_list++;
  quoted_sheet = g_strdup_printf ("'%s'", xs_activity_workbook_choices_sheet ());
  return g_strdup_printf ("=%s!$%s$1:$%s$%u", quoted_sheet, column, column, n);
}

static void
validate (Writer *w, lxw_worksheet *sheet, lxw_col_t col, const XsActivityColumn *column)
{
  lxw_data_validation validation = { 0 };
  g_autofree char *list = NULL;
  g_autofree char *title = NULL;
  const XsParamTypeInfo *info;

  if (column->choices != NULL)
    {
      list = add_list (w, column->choices);
      validation.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
      validation.value_formula = list;
      validation.error_title = (char *)_ ("Not one of the choices");
      validation.error_message = (char *)_ ("Choose a value from the list.");
    }
  else if (column->spec == NULL)
    return;
  else
    {
      info = xs_param_type_get_info (column->spec->type);
      switch (column->spec->type)
        {
        case XS_PARAM_DATE:
          {
            lxw_datetime min = { (int)info->min, 1, 1, 0, 0, 0 };
            lxw_datetime max = { (int)info->max, 12, 31, 0, 0, 0 };

            validation.validate = LXW_VALIDATION_TYPE_DATE;
            validation.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
            validation.minimum_datetime = min;
            validation.maximum_datetime = max;
            check (w, worksheet_set_column (sheet, col, col, 12, w->date));
          }
          break;
        case XS_PARAM_YEAR:
        case XS_PARAM_COUNT:
        case XS_PARAM_RANK:
          validation.validate = LXW_VALIDATION_TYPE_INTEGER;
          validation.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
          validation.minimum_number = (double)info->min;
          validation.maximum_number = (double)info->max;
          break;
        case XS_PARAM_HALF_DAYS:
        case XS_PARAM_HOURS:
          validation.validate = LXW_VALIDATION_TYPE_DECIMAL;
          validation.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
          validation.minimum_number = (double)info->min / 10;
          validation.maximum_number = (double)info->max / 10;
          break;
        default:
          return;
        }
      validation.error_title = (char *)_ ("Not a valid value");
      validation.error_message = (char *)xs_param_get_hint (column->spec);
    }
  /* Excel allows a title of 32 characters. */
  title = g_utf8_substring (column->header, 0, MIN (32, g_utf8_strlen (column->header, -1)));
  validation.input_title = title;
  if (column->spec != NULL && xs_param_get_hint (column->spec) != NULL)
    validation.input_message = (char *)xs_param_get_hint (column->spec);
  check (w, worksheet_data_validation_range (sheet, 1, col, TEMPLATE_ROWS, col, &validation));
}

static void
write_form (Writer *w, XsRules *rules, const XsKind *kind)
{
  g_autofree char *name = xs_activity_sheet_name (kind);
  g_autoptr (GPtrArray) columns = xs_activity_columns_new (rules, kind);
  lxw_worksheet *sheet = workbook_add_worksheet (w->workbook, name);

  if (sheet == NULL)
    {
      check (w, LXW_ERROR_SHEETNAME_ALREADY_USED);
      return;
    }
  for (guint c = 0; c < columns->len; c++)
    {
      const XsActivityColumn *column = g_ptr_array_index (columns, c);
      g_autofree char *header = column->required
                                    ? g_strconcat (column->header, _ (" (required)"), NULL)
                                    : g_strdup (column->header);

      /* Text, so that an ID or a leading zero stays as typed. */
      check (w, worksheet_set_column (sheet, (lxw_col_t)c, (lxw_col_t)c,
                                      column->role == XS_ACTIVITY_COLUMN_TITLE ? 36 : 16,
                                      column->spec == NULL ? w->text : NULL));
      check (w, worksheet_write_string (sheet, 0, (lxw_col_t)c, header, w->header));
      validate (w, sheet, (lxw_col_t)c, column);
    }
  worksheet_freeze_panes (sheet, 1, 1);
}

static void
write_help (Writer *w, XsRules *rules)
{
  lxw_worksheet *sheet = workbook_add_worksheet (w->workbook, xs_activity_workbook_help_sheet ());
  const char *lines[] = {
    xs_rules_get_title (rules),
    _ ("One sheet per form of continuing education; one row per activity."),
    _ ("The first column is the person's ID in Xueshi (人员编号); columns marked required "
       "must be filled in."),
    _ ("Choose from the dropdowns; type dates as 2024-03-01."),
    _ ("Keep the sheet names and the header rows. Bring the workbook in with "
       "“xueshi-cli activities import FILE.xlsx”: every row is checked first, and nothing is "
       "added while any row has a problem."),
    NULL,
  };

  check (w, worksheet_set_column (sheet, 0, 0, 100, NULL));
  for (guint i = 0; lines[i] != NULL; i++)
    check (w, worksheet_write_string (sheet, (lxw_row_t)i, 0, lines[i], i == 0 ? w->header : NULL));
}

/**
 * xs_activity_template_write:
 * @path: the workbook to write; an existing file there is kept unless @replace
 *
 * Returns: %TRUE when the template is in place at @path; else %FALSE with an %XS_XLSX_ERROR
 */
gboolean
xs_activity_template_write (XsRules *rules, const char *path, gboolean replace, GError **error)
{
  g_autofree char *tmp = NULL;
  GPtrArray *kinds = xs_rules_get_kinds (rules);
  Writer w = { 0 };
  lxw_error closed;

  g_return_val_if_fail (XS_IS_RULES (rules), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!replace && g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, XS_XLSX_ERROR, XS_XLSX_ERROR_WRITE,
                   _ ("“%s” exists already; choose another name, or --force to replace it"), path);
      return FALSE;
    }
  tmp = xs_xlsx_temp_beside (path, error);
  if (tmp == NULL)
    return FALSE;
  w.workbook = workbook_new (tmp);
  if (w.workbook == NULL)
    {
      g_unlink (tmp);
      g_set_error (error, XS_XLSX_ERROR, XS_XLSX_ERROR_WRITE, _ ("Cannot write “%s”"), path);
      return FALSE;
    }
  w.header = workbook_add_format (w.workbook);
  format_set_bold (w.header);
  format_set_bottom (w.header, LXW_BORDER_THIN);
  format_set_text_wrap (w.header);
  w.date = workbook_add_format (w.workbook);
  format_set_num_format (w.date, "yyyy-mm-dd");
  w.text = workbook_add_format (w.workbook);
  format_set_num_format (w.text, "@");

  write_help (&w, rules);
  /* Created before the forms so that their lists can point at it, hidden after. */
  w.choices = workbook_add_worksheet (w.workbook, xs_activity_workbook_choices_sheet ());
  for (guint i = 0; i < kinds->len; i++)
    write_form (&w, rules, g_ptr_array_index (kinds, i));
  worksheet_hide (w.choices);

  closed = workbook_close (w.workbook);
  if (w.failed == LXW_NO_ERROR)
    w.failed = closed;
  if (w.failed != LXW_NO_ERROR)
    {
      g_unlink (tmp);
      g_set_error (error, XS_XLSX_ERROR, XS_XLSX_ERROR_WRITE, _ ("Cannot write “%s”: %s"), path,
                   lxw_strerror (w.failed));
      return FALSE;
    }
  return xs_xlsx_put_in_place (tmp, path, error);
}
