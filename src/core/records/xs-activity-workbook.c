/* xs-activity-workbook.c — activities from the template's workbook: each sheet a form (kind),
 * each row an activity of the person in its first column, added as pending through the one
 * writer. Every row is checked first — each cell under its parameter's own rules
 * (xs_param_parse()), then the activity as a whole (xs_engine_validate()) — and nothing is
 * written unless every row is good.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-activity-columns.h"
#include "xs-activity-workbook.h"
#include "xs-engine.h"
#include "xs-params.h"
#include "xs-records.h"
#include "xs-roster-csv.h"
#include "xs-text-check.h"
#include "xs-xlsx-read.h"

/* More activities than a city's staff report in a year is not one workbook. */
#define MAX_ROWS 200000

typedef struct
{
  XsStore *store;
  XsRules *rules;
  XsActivityWorkbookResult *result;
  GHashTable *ids;       /* ids given in this workbook */
  GHashTable *persons;   /* person id → TRUE (exists) or FALSE */
  GPtrArray *activities; /* XsActivity, in row order */
} Import;

const char *
xs_activity_workbook_help_sheet (void)
{
  return _ ("How to fill in");
}

const char *
xs_activity_workbook_choices_sheet (void)
{
  return _ ("Choices");
}

static void
problem_free (XsActivityRowProblem *problem)
{
  g_free (problem->sheet);
  g_free (problem->column);
  g_free (problem->reason);
  g_free (problem);
}

static void G_GNUC_PRINTF (5, 6) add_problem (GPtrArray *list, const char *sheet, guint row,
                                              const char *column, const char *format, ...)
{
  XsActivityRowProblem *problem = g_new0 (XsActivityRowProblem, 1);
  va_list args;

  problem->sheet = g_strdup (sheet);
  problem->row = row;
  problem->column = g_strdup (column);
  va_start (args, format);
  problem->reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (list, problem);
}

static gboolean
row_is_blank (const XsXlsxRow *row)
{
  for (guint k = 0; k < row->cells->len; k++)
    if (*(const char *)g_ptr_array_index (row->cells, k) != '\0')
      return FALSE;
  return TRUE;
}

static const XsKind *
kind_of_sheet (XsRules *rules, const char *name)
{
  GPtrArray *kinds = xs_rules_get_kinds (rules);

  for (guint i = 0; i < kinds->len; i++)
    {
      const XsKind *kind = g_ptr_array_index (kinds, i);
      g_autofree char *sheet_name = xs_activity_sheet_name (kind);

      if (g_str_equal (name, sheet_name) || g_str_equal (name, kind->id))
        return kind;
    }
  return NULL;
}

static gboolean
person_exists (Import *import, const char *id)
{
  gpointer known;

  if (!g_hash_table_lookup_extended (import->persons, id, NULL, &known))
    {
      g_autoptr (XsPerson) person = xs_store_get_person (import->store, id, NULL);

      known = GINT_TO_POINTER (person != NULL);
      g_hash_table_insert (import->persons, g_strdup (id), known);
    }
  return GPOINTER_TO_INT (known);
}

/* "P001-A7": the first number neither the store nor an earlier row has. */
static char *
new_id (Import *import, const char *person_id)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-A%u", person_id, n);
      g_autofree char *owner = NULL;

      if (g_hash_table_contains (import->ids, id))
        continue;
      owner = xs_store_dup_activity_owner (import->store, id, NULL);
      if (owner == NULL)
        {
          g_hash_table_add (import->ids, g_strdup (id));
          return g_steal_pointer (&id);
        }
    }
}

static char *
choices_in_words (const XsActivityColumn *column)
{
  return g_strjoinv ("、", column->choices);
}

/* One cell into @activity; FALSE (and a problem) when it cannot be a value of its column. */
static gboolean
read_cell (Import *import, const char *sheet, const XsXlsxRow *row, guint k,
           const XsActivityColumn *column, XsActivity *activity)
{
  const char *cell = xs_xlsx_row_cell (row, k);
  g_autoptr (GError) error = NULL;
  char iso[11];
  const char *value;
  XsParamValue parsed;

  if (*cell == '\0')
    return TRUE;
  if (!xs_text_is_single_line (cell))
    {
      add_problem (import->result->problems, sheet, row->number, column->header,
                   _ ("a line break or control character is not allowed here"));
      return FALSE;
    }
  switch (column->role)
    {
    case XS_ACTIVITY_COLUMN_PERSON:
      activity->person_id = g_strdup (cell);
      return TRUE;
    case XS_ACTIVITY_COLUMN_TITLE:
      activity->title = g_strdup (cell);
      return TRUE;
    case XS_ACTIVITY_COLUMN_ORGANIZER:
      activity->organizer = g_strdup (cell);
      return TRUE;
    case XS_ACTIVITY_COLUMN_PARAM:
      break;
    }

  value = xs_activity_column_value (column, cell);
  if (value == NULL)
    {
      g_autofree char *words = choices_in_words (column);
      add_problem (import->result->problems, sheet, row->number, column->header,
                   _ ("“%s” is none of the choices: %s"), cell, words);
      return FALSE;
    }
  /* A date Excel recognised is stored as its day number. */
  if (column->spec->type == XS_PARAM_DATE && xs_xlsx_row_is_numeric (row, k))
    {
      GDate date;

      if (xs_xlsx_serial_to_date (cell, &date))
        {
          g_snprintf (iso, sizeof iso, "%04u-%02u-%02u", g_date_get_year (&date),
                      g_date_get_month (&date), g_date_get_day (&date));
          value = iso;
        }
    }
  if (!xs_param_parse (import->rules, column->spec, value, &parsed, &error))
    {
      add_problem (import->result->problems, sheet, row->number, column->header, "%s",
                   error->message);
      return FALSE;
    }
  xs_activity_set_param (activity, column->spec->name, value);
  return TRUE;
}

static void
read_row (Import *import, const char *sheet, const XsKind *kind, GPtrArray *columns, const int *at,
          const XsXlsxRow *row)
{
  g_autoptr (XsActivity) activity = xs_activity_new ();
  g_autoptr (GError) error = NULL;
  gboolean good = TRUE;

  activity->kind = g_strdup (kind->id);
  activity->status = XS_STATUS_PENDING;
  for (guint c = 0; c < columns->len; c++)
    if (at[c] >= 0)
      good &=
          read_cell (import, sheet, row, (guint)at[c], g_ptr_array_index (columns, c), activity);
  import->result->rows++;
  if (activity->person_id == NULL)
    {
      add_problem (import->result->problems, sheet, row->number, _ ("Person ID"),
                   _ ("empty; every activity needs the person's ID"));
      good = FALSE;
    }
  else if (!person_exists (import, activity->person_id))
    {
      add_problem (import->result->problems, sheet, row->number, _ ("Person ID"),
                   _ ("no person with the ID “%s” is in the database"), activity->person_id);
      good = FALSE;
    }
  /* The activity as a whole once each of its cells is good. */
  if (!good)
    return;
  if (!xs_engine_validate (import->rules, activity, &error))
    {
      add_problem (import->result->problems, sheet, row->number, NULL, "%s", error->message);
      return;
    }
  activity->id = new_id (import, activity->person_id);
  add_problem (import->result->added, sheet, row->number, NULL, "%s", activity->id);
  g_ptr_array_add (import->activities, g_steal_pointer (&activity));
}

static void
read_sheet (Import *import, const XsXlsxSheet *sheet)
{
  const XsKind *kind = kind_of_sheet (import->rules, sheet->name);
  g_autoptr (GPtrArray) columns = NULL;
  g_autofree int *at = NULL;
  const XsXlsxRow *header = NULL;
  guint first = 0;

  for (; first < sheet->rows->len && header == NULL; first++)
    if (!row_is_blank (g_ptr_array_index (sheet->rows, first)))
      header = g_ptr_array_index (sheet->rows, first);
  if (header == NULL)
    return;
  if (kind == NULL)
    {
      if (!g_str_equal (sheet->name, xs_activity_workbook_help_sheet ()) &&
          !g_str_equal (sheet->name, xs_activity_workbook_choices_sheet ()))
        add_problem (import->result->problems, sheet->name, 0, NULL,
                     _ ("no form of activity is called “%s”; keep the template's sheet names"),
                     sheet->name);
      return;
    }

  columns = xs_activity_columns_new (import->rules, kind);
  at = g_new (int, columns->len);
  for (guint c = 0; c < columns->len; c++)
    at[c] = -1;
  for (guint k = 0; k < header->cells->len; k++)
    {
      const char *text = xs_xlsx_row_cell (header, k);
      gboolean known = *text == '\0';

      for (guint c = 0; c < columns->len && !known; c++)
        if (at[c] < 0 && xs_activity_column_matches (g_ptr_array_index (columns, c), text))
          {
            at[c] = (int)k;
            known = TRUE;
          }
      if (!known)
        add_problem (import->result->problems, sheet->name, header->number, text,
                     _ ("this form has no such column (or it is named twice)"));
    }
  if (at[0] < 0)
    {
      add_problem (import->result->problems, sheet->name, header->number, _ ("Person ID"),
                   _ ("the column is missing; keep the template's header row"));
      return;
    }
  for (guint r = first; r < sheet->rows->len; r++)
    if (!row_is_blank (g_ptr_array_index (sheet->rows, r)))
      read_row (import, sheet->name, kind, columns, at, g_ptr_array_index (sheet->rows, r));
}

/**
 * xs_activity_workbook_import:
 * @path: a workbook as `xueshi-cli template activities` writes it, filled in
 * @check_only: check every row, write nothing
 * @result: (out caller-allocates): rows read, their problems and the ids the good rows get;
 *   clear with xs_activity_workbook_result_clear() whatever the outcome
 *
 * Returns: %TRUE when every row was added (or, with @check_only, could be); with bad rows
 *   nothing is written and the error is %XS_RECORDS_ERROR_INVALID
 */
gboolean
xs_activity_workbook_import (XsStore *store, XsRules *rules, const char *path, gboolean check_only,
                             const char *actor, XsActivityWorkbookResult *result, GError **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) sheets = NULL;
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) persons = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) activities =
      g_ptr_array_new_with_free_func ((GDestroyNotify)xs_activity_unref);
  Import import = { store, rules, result, ids, persons, activities };

  memset (result, 0, sizeof *result);
  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)problem_free);
  result->added = g_ptr_array_new_with_free_func ((GDestroyNotify)problem_free);

  bytes = xs_roster_read_capped (path, error);
  if (bytes == NULL)
    return FALSE;
  sheets = xs_xlsx_read (bytes, name, MAX_ROWS, error);
  if (sheets == NULL)
    return FALSE;
  for (guint i = 0; i < sheets->len; i++)
    read_sheet (&import, g_ptr_array_index (sheets, i));

  if (result->problems->len > 0)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%u problem in “%s”; nothing was imported",
                                "%u problems in “%s”; nothing was imported", result->problems->len),
                   result->problems->len, name);
      g_ptr_array_set_size (result->added, 0);
      return FALSE;
    }
  if (activities->len == 0)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID,
                   _ ("“%s” has no activity rows below the template's headers"), name);
      return FALSE;
    }
  if (check_only)
    return TRUE;
  if (!xs_records_add_activities (store, rules, activities, actor, error))
    {
      g_ptr_array_set_size (result->added, 0);
      return FALSE;
    }
  return TRUE;
}

char *
xs_activity_row_problem_format (const XsActivityRowProblem *problem)
{
  if (problem->row == 0)
    return g_strdup_printf (_ ("Sheet “%s”: %s"), problem->sheet, problem->reason);
  if (problem->column == NULL)
    return g_strdup_printf (_ ("Sheet “%s”, row %u: %s"), problem->sheet, problem->row,
                            problem->reason);
  return g_strdup_printf (_ ("Sheet “%s”, row %u, %s: %s"), problem->sheet, problem->row,
                          problem->column, problem->reason);
}

void
xs_activity_workbook_result_clear (XsActivityWorkbookResult *result)
{
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->added, g_ptr_array_unref);
}
