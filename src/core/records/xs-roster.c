/* xs-roster.c — bulk import of persons from a CSV roster, with a report of every bad row.
 *
 * Excel in China saves CSV as GB18030 ("CSV (逗号分隔)") or as UTF-8 with a BOM ("CSV UTF-8");
 * both are read. The whole file is checked before anything is written: either every row is
 * good and all are imported in one transaction, or the caller gets the list of bad rows (and,
 * when asked to, the good rows alone are imported, still in one transaction).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "xs-params.h"
#include "xs-records-persons.h"
#include "xs-roster-csv.h"
#include "xs-roster.h"
#include "xs-resident-id.h"
#include "xs-rules.h"
#include "xs-tenths.h"
#include "xs-xlsx-read.h"

/* clang-format off */
G_DEFINE_QUARK (xs-roster-error-quark, xs_roster_error)
/* clang-format on */

typedef struct
{
  XsRosterColumn column;
  const char *key;  /* English name, as in the exchange file */
  const char *name; /* Chinese name, as on the confirmation sheet */
  const char *alias;
  gboolean required;
} ColumnInfo;

static const ColumnInfo columns[XS_ROSTER_N_COLUMNS] = {
  { XS_ROSTER_COLUMN_ID, "id", "人员编号", "编号", TRUE },
  { XS_ROSTER_COLUMN_NAME, "name", "姓名", NULL, TRUE },
  { XS_ROSTER_COLUMN_GENDER, "gender", "性别", NULL, TRUE },
  { XS_ROSTER_COLUMN_ID_NUMBER, "id-number", "身份证号", "身份证号码", TRUE },
  { XS_ROSTER_COLUMN_UNIT, "unit", "单位编号", NULL, TRUE },
  { XS_ROSTER_COLUMN_CURRENT_TITLE, "current-title", "现专业技术职务", NULL, FALSE },
  { XS_ROSTER_COLUMN_APPLYING_TITLE, "applying-title", "申报职称", NULL, FALSE },
  { XS_ROSTER_COLUMN_SPECIALTY, "specialty", "专业", NULL, FALSE },
  { XS_ROSTER_COLUMN_SPAN_FROM, "span-from", "核认起始年度", NULL, FALSE },
  { XS_ROSTER_COLUMN_SPAN_TO, "span-to", "核认截止年度", NULL, FALSE },
};

/* One data row, checked: the person it would write, and the problems found. */
typedef struct
{
  guint line;
  XsPerson *person;
  gboolean bad;
} Candidate;

typedef struct
{
  XsStore *store;
  XsRosterResult *result;
  int index[XS_ROSTER_N_COLUMNS]; /* column → cell index in a row, or -1 */
  char *header[XS_ROSTER_N_COLUMNS];
  guint n_named;          /* cells the header names, known or not (rightmost named column + 1) */
  GHashTable *units;      /* unit id → GINT_TO_POINTER (known) */
  GHashTable *ids;        /* person id → Candidate (first row with it) */
  GHashTable *id_numbers; /* resident ID → Candidate (first row with it) */
  GHashTable *stored;     /* person id → stored resident ID, every person in the store */
  GHashTable *stored_numbers; /* resident ID → person id, every person in the store */
  XsRules *rules;             /* loaded when a row gives a span start without an end */
} Checker;

static void
problem_free (XsRosterProblem *problem)
{
  g_free (problem->column_name);
  g_free (problem->reason);
  g_free (problem);
}

static void
candidate_free (Candidate *candidate)
{
  g_clear_pointer (&candidate->person, xs_person_unref);
  g_free (candidate);
}

/* Reading ---------------------------------------------------------------------------------- */

static char *
normalize_header (const char *cell)
{
  GString *s = g_string_new (NULL);

  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '_' || *p == ' ')
        g_string_append_c (s, '-');
      else
        g_string_append_c (s, g_ascii_tolower (*p));
    }
  return g_string_free (s, FALSE);
}

static XsRosterColumn
column_for_header (const char *cell)
{
  g_autofree char *key = normalize_header (cell);

  for (guint i = 0; i < XS_ROSTER_N_COLUMNS; i++)
    if (g_str_equal (key, columns[i].key) || g_str_equal (cell, columns[i].name) ||
        g_strcmp0 (cell, columns[i].alias) == 0)
      return columns[i].column;
  return XS_ROSTER_COLUMN_NONE;
}

static gboolean
read_header (Checker *checker, const XsRosterRow *header, GError **error)
{
  g_autoptr (GString) missing = NULL;
  guint known = 0;

  for (guint i = 0; i < XS_ROSTER_N_COLUMNS; i++)
    checker->index[i] = -1;

  for (guint k = 0; k < header->cells->len; k++)
    {
      const char *cell = g_ptr_array_index (header->cells, k);
      XsRosterColumn column;

      if (*cell == '\0')
        continue;
      checker->n_named = k + 1;
      column = column_for_header (cell);
      if (column == XS_ROSTER_COLUMN_NONE)
        {
          g_ptr_array_add (checker->result->warnings,
                           g_strdup_printf (_ ("The column “%s” is not one Xueshi reads; it was "
                                               "left out"),
                                            cell));
          continue;
        }
      if (checker->index[column] >= 0)
        {
          g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_HEADER,
                       _ ("The header names the column “%s” twice"), cell);
          return FALSE;
        }
      checker->index[column] = (int)k;
      checker->header[column] = g_strdup (cell);
      known++;
    }

  if (known == 0)
    {
      g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_HEADER,
                   _ ("The first row must name the columns (人员编号, 姓名, 性别, 身份证号, "
                      "单位编号, … or id, name, gender, id-number, unit, …); it names none "
                      "of them"));
      return FALSE;
    }

  for (guint i = 0; i < XS_ROSTER_N_COLUMNS; i++)
    if (columns[i].required && checker->index[i] < 0)
      {
        if (missing == NULL)
          missing = g_string_new (NULL);
        else
          g_string_append (missing, ", ");
        g_string_append_printf (missing, "%s (%s)", columns[i].name, columns[i].key);
      }
  if (missing != NULL)
    {
      g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_HEADER,
                   _ ("The header has no column for %s"), missing->str);
      return FALSE;
    }
  return TRUE;
}

/* Checking rows ------------------------------------------------------------------------------ */

static void add_problem (Checker *checker, Candidate *candidate, XsRosterColumn column,
                         XsRosterProblemKind kind, const char *format, ...) G_GNUC_PRINTF (5, 6);

static void
add_problem (Checker *checker, Candidate *candidate, XsRosterColumn column,
             XsRosterProblemKind kind, const char *format, ...)
{
  XsRosterProblem *problem = g_new0 (XsRosterProblem, 1);
  va_list args;

  problem->line = candidate->line;
  problem->column = column;
  if (column != XS_ROSTER_COLUMN_NONE)
    problem->column_name =
        g_strdup (checker->header[column] != NULL ? checker->header[column] : columns[column].name);
  problem->kind = kind;
  va_start (args, format);
  problem->reason = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (checker->result->problems, problem);
  candidate->bad = TRUE;
}

static const char *
cell (const Checker *checker, const XsRosterRow *row, XsRosterColumn column)
{
  int k = checker->index[column];

  if (k < 0 || (guint)k >= row->cells->len)
    return "";
  return g_ptr_array_index (row->cells, k);
}

static gboolean
has_control_characters (const char *s)
{
  for (const guchar *p = (const guchar *)s; *p != '\0'; p++)
    if (*p < 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* Well-formed cell text: short, on one line. An empty cell passes; required ones are checked
 * by the caller. */
static gboolean
check_text (Checker *checker, Candidate *candidate, const char *value, XsRosterColumn column)
{
  glong n = g_utf8_strlen (value, -1);

  if (n > XS_ROSTER_MAX_FIELD_CHARS)
    {
      add_problem (checker, candidate, column, XS_ROSTER_PROBLEM_TOO_LONG,
                   _ ("%ld characters is too long (at most %d)"), n, XS_ROSTER_MAX_FIELD_CHARS);
      return FALSE;
    }
  if (has_control_characters (value))
    {
      add_problem (checker, candidate, column, XS_ROSTER_PROBLEM_CONTROL_CHARACTER,
                   _ ("contains a line break or a control character"));
      return FALSE;
    }
  return TRUE;
}

static char *
dup_optional (const char *value)
{
  return *value != '\0' ? g_strdup (value) : NULL;
}

static gboolean
looks_like_scientific_notation (const char *s)
{
  g_autoptr (GRegex) regex = g_regex_new ("^[0-9](\\.[0-9]+)?[eE]\\+?[0-9]+$", 0, 0, NULL);

  return g_regex_match (regex, s, 0, NULL);
}

static void
check_id_number (Checker *checker, Candidate *candidate, const char *value)
{
  g_autofree char *number = g_strdup (value);
  g_autoptr (GError) local = NULL;
  gsize len = strlen (number);
  Candidate *first;
  const char *owner;

  /* Clerks often type a lowercase x; the check digit means the same. */
  if (len == XS_RESIDENT_ID_LENGTH && number[len - 1] == 'x')
    number[len - 1] = 'X';

  if (looks_like_scientific_notation (number))
    {
      add_problem (checker, candidate, XS_ROSTER_COLUMN_ID_NUMBER, XS_ROSTER_PROBLEM_ID_NUMBER,
                   _ ("“%s” is how Excel shows a long number; format the column as text and "
                      "enter the 18 characters again"),
                   number);
      return;
    }
  if (!xs_resident_id_validate (number, &local))
    {
      XsRosterProblemKind kind = XS_ROSTER_PROBLEM_ID_NUMBER;

      if (g_error_matches (local, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_CHECK_DIGIT))
        kind = XS_ROSTER_PROBLEM_CHECK_DIGIT;
      else if (g_error_matches (local, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_BIRTH_DATE))
        kind = XS_ROSTER_PROBLEM_BIRTH_DATE;
      add_problem (checker, candidate, XS_ROSTER_COLUMN_ID_NUMBER, kind, "%s", local->message);
      return;
    }

  first = g_hash_table_lookup (checker->id_numbers, number);
  if (first != NULL)
    {
      add_problem (checker, candidate, XS_ROSTER_COLUMN_ID_NUMBER,
                   XS_ROSTER_PROBLEM_DUPLICATE_ID_NUMBER, _ ("the same resident ID as line %u"),
                   first->line);
      add_problem (checker, first, XS_ROSTER_COLUMN_ID_NUMBER,
                   XS_ROSTER_PROBLEM_DUPLICATE_ID_NUMBER, _ ("the same resident ID as line %u"),
                   candidate->line);
    }
  else
    g_hash_table_insert (checker->id_numbers, g_strdup (number), candidate);

  /* Another person already in the database with this resident ID. */
  owner = g_hash_table_lookup (checker->stored_numbers, number);
  if (owner != NULL && g_strcmp0 (owner, candidate->person->id) != 0)
    add_problem (checker, candidate, XS_ROSTER_COLUMN_ID_NUMBER,
                 XS_ROSTER_PROBLEM_DUPLICATE_ID_NUMBER,
                 _ ("this resident ID already belongs to person “%s” in the database"), owner);

  candidate->person->id_number = g_steal_pointer (&number);
}

static gboolean
parse_year (Checker *checker, Candidate *candidate, XsRosterColumn column, const char *value,
            guint *out)
{
  guint64 year = 0;

  *out = 0;
  if (*value == '\0')
    return TRUE;
  if (!xs_uint_parse (value, XS_PARAM_MIN_YEAR, XS_PARAM_MAX_YEAR, &year))
    {
      add_problem (checker, candidate, column, XS_ROSTER_PROBLEM_BAD_YEAR,
                   _ ("“%s” is not a year from %d to %d"), value, XS_PARAM_MIN_YEAR,
                   XS_PARAM_MAX_YEAR);
      return FALSE;
    }
  *out = (guint)year;
  return TRUE;
}

static void
check_span (Checker *checker, Candidate *candidate, const XsRosterRow *row, GError **error)
{
  guint from, to;
  gboolean ok;

  ok = parse_year (checker, candidate, XS_ROSTER_COLUMN_SPAN_FROM,
                   cell (checker, row, XS_ROSTER_COLUMN_SPAN_FROM), &from);
  ok &= parse_year (checker, candidate, XS_ROSTER_COLUMN_SPAN_TO,
                    cell (checker, row, XS_ROSTER_COLUMN_SPAN_TO), &to);
  if (!ok || (from == 0 && to == 0))
    return;

  if (from == 0)
    {
      add_problem (checker, candidate, XS_ROSTER_COLUMN_SPAN_FROM, XS_ROSTER_PROBLEM_BAD_YEAR,
                   _ ("empty, but the span’s last year is given"));
      return;
    }
  if (to == 0)
    {
      /* A start alone: a span as long as the one in force. */
      if (checker->rules == NULL)
        checker->rules = xs_rules_get_default (error);
      if (checker->rules == NULL)
        return;
      to = from + (xs_rules_get_span_to (checker->rules) - xs_rules_get_span_from (checker->rules));
    }
  if (to < from)
    {
      add_problem (checker, candidate, XS_ROSTER_COLUMN_SPAN_TO, XS_ROSTER_PROBLEM_BAD_YEAR,
                   _ ("%u is before the span’s first year %u"), to, from);
      return;
    }
  /* A start alone late in the range would end past the last year anything can hold. */
  if (to > XS_PARAM_MAX_YEAR)
    {
      add_problem (checker, candidate, XS_ROSTER_COLUMN_SPAN_FROM, XS_ROSTER_PROBLEM_BAD_YEAR,
                   _ ("a span from %u would end in %u, after %d"), from, to, XS_PARAM_MAX_YEAR);
      return;
    }
  candidate->person->span_from = from;
  candidate->person->span_to = to;
}

static gboolean
unit_exists (Checker *checker, const char *unit_id, GError **error)
{
  gpointer known;
  g_autoptr (XsUnit) unit = NULL;
  g_autoptr (GError) local = NULL;

  if (g_hash_table_lookup_extended (checker->units, unit_id, NULL, &known))
    return GPOINTER_TO_INT (known);
  unit = xs_store_get_unit (checker->store, unit_id, &local);
  if (unit == NULL && !g_error_matches (local, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  g_hash_table_insert (checker->units, g_strdup (unit_id), GINT_TO_POINTER (unit != NULL));
  return unit != NULL;
}

static Candidate *
check_row (Checker *checker, const XsRosterRow *row, GError **error)
{
  g_autoptr (GError) local = NULL;
  Candidate *candidate = g_new0 (Candidate, 1);
  XsPerson *person = xs_person_new ();
  const char *value;

  candidate->line = row->line;
  candidate->person = person;

  for (guint k = checker->n_named; k < row->cells->len; k++)
    if (*(const char *)g_ptr_array_index (row->cells, k) != '\0')
      {
        add_problem (checker, candidate, XS_ROSTER_COLUMN_NONE, XS_ROSTER_PROBLEM_EXTRA_CELLS,
                     _ ("cell %u has a value but its column has no name"), k + 1);
        break;
      }

  /* Identity first: later checks refer to the person id. */
  value = cell (checker, row, XS_ROSTER_COLUMN_ID);
  if (*value == '\0')
    add_problem (checker, candidate, XS_ROSTER_COLUMN_ID, XS_ROSTER_PROBLEM_MISSING,
                 _ ("empty; every person needs an id"));
  else if (check_text (checker, candidate, value, XS_ROSTER_COLUMN_ID))
    {
      Candidate *first = g_hash_table_lookup (checker->ids, value);

      if (strpbrk (value, " \t") != NULL || strstr (value, "\xe3\x80\x80") != NULL)
        add_problem (checker, candidate, XS_ROSTER_COLUMN_ID, XS_ROSTER_PROBLEM_BAD_ID,
                     _ ("“%s” contains a space"), value);
      if (first != NULL)
        {
          add_problem (checker, candidate, XS_ROSTER_COLUMN_ID, XS_ROSTER_PROBLEM_DUPLICATE_ID,
                       _ ("“%s” is also on line %u"), value, first->line);
          add_problem (checker, first, XS_ROSTER_COLUMN_ID, XS_ROSTER_PROBLEM_DUPLICATE_ID,
                       _ ("“%s” is also on line %u"), value, candidate->line);
        }
      else
        g_hash_table_insert (checker->ids, g_strdup (value), candidate);
    }
  person->id = g_strdup (value);

  value = cell (checker, row, XS_ROSTER_COLUMN_NAME);
  if (*value == '\0')
    add_problem (checker, candidate, XS_ROSTER_COLUMN_NAME, XS_ROSTER_PROBLEM_MISSING,
                 _ ("empty; every person needs a name"));
  else if (check_text (checker, candidate, value, XS_ROSTER_COLUMN_NAME))
    person->name = g_strdup (value);

  value = cell (checker, row, XS_ROSTER_COLUMN_GENDER);
  if (g_str_equal (value, "男") || g_ascii_strcasecmp (value, "male") == 0)
    person->gender = g_strdup ("male");
  else if (g_str_equal (value, "女") || g_ascii_strcasecmp (value, "female") == 0)
    person->gender = g_strdup ("female");
  else if (*value == '\0')
    add_problem (checker, candidate, XS_ROSTER_COLUMN_GENDER, XS_ROSTER_PROBLEM_MISSING,
                 _ ("empty; write 男 or 女"));
  else if (check_text (checker, candidate, value, XS_ROSTER_COLUMN_GENDER))
    add_problem (checker, candidate, XS_ROSTER_COLUMN_GENDER, XS_ROSTER_PROBLEM_UNKNOWN_GENDER,
                 _ ("“%s” is not a gender; write 男 or 女 (male or female)"), value);

  value = cell (checker, row, XS_ROSTER_COLUMN_ID_NUMBER);
  if (*value == '\0')
    add_problem (checker, candidate, XS_ROSTER_COLUMN_ID_NUMBER, XS_ROSTER_PROBLEM_MISSING,
                 _ ("empty; every person needs a resident ID"));
  else if (row->numeric != NULL && checker->index[XS_ROSTER_COLUMN_ID_NUMBER] >= 0 &&
           (guint)checker->index[XS_ROSTER_COLUMN_ID_NUMBER] < row->numeric->len &&
           g_array_index (row->numeric, gboolean, checker->index[XS_ROSTER_COLUMN_ID_NUMBER]))
    /* Excel keeps 15 significant digits of a number: the last ones of the 18 are gone. */
    add_problem (checker, candidate, XS_ROSTER_COLUMN_ID_NUMBER, XS_ROSTER_PROBLEM_ID_NUMBER,
                 _ ("Excel stored this resident ID as a number and lost its last digits; "
                    "format the column as text and type the ID again"));
  else if (check_text (checker, candidate, value, XS_ROSTER_COLUMN_ID_NUMBER))
    check_id_number (checker, candidate, value);

  value = cell (checker, row, XS_ROSTER_COLUMN_UNIT);
  if (*value == '\0')
    add_problem (checker, candidate, XS_ROSTER_COLUMN_UNIT, XS_ROSTER_PROBLEM_MISSING,
                 _ ("empty; every person belongs to a unit"));
  else if (check_text (checker, candidate, value, XS_ROSTER_COLUMN_UNIT))
    {
      if (unit_exists (checker, value, &local))
        person->unit_id = g_strdup (value);
      else if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          candidate_free (candidate);
          return NULL;
        }
      else
        add_problem (checker, candidate, XS_ROSTER_COLUMN_UNIT, XS_ROSTER_PROBLEM_UNKNOWN_UNIT,
                     _ ("no unit “%s” in the database; import the unit first"), value);
    }

  value = cell (checker, row, XS_ROSTER_COLUMN_CURRENT_TITLE);
  if (check_text (checker, candidate, value, XS_ROSTER_COLUMN_CURRENT_TITLE))
    person->current_title = dup_optional (value);
  value = cell (checker, row, XS_ROSTER_COLUMN_APPLYING_TITLE);
  if (check_text (checker, candidate, value, XS_ROSTER_COLUMN_APPLYING_TITLE))
    person->applying_title = dup_optional (value);
  value = cell (checker, row, XS_ROSTER_COLUMN_SPECIALTY);
  if (check_text (checker, candidate, value, XS_ROSTER_COLUMN_SPECIALTY))
    person->specialty = dup_optional (value);

  check_span (checker, candidate, row, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      candidate_free (candidate);
      return NULL;
    }
  return candidate;
}

static gboolean
row_is_blank (const XsRosterRow *row)
{
  for (guint k = 0; k < row->cells->len; k++)
    if (*(const char *)g_ptr_array_index (row->cells, k) != '\0')
      return FALSE;
  return TRUE;
}

static gboolean
load_stored_persons (Checker *checker, GError **error)
{
  g_autoptr (GPtrArray) persons = xs_store_list_persons (checker->store, error);

  if (persons == NULL)
    return FALSE;
  for (guint i = 0; i < persons->len; i++)
    {
      const XsPerson *p = g_ptr_array_index (persons, i);

      g_hash_table_insert (checker->stored, g_strdup (p->id), g_strdup (p->id_number));
      if (p->id_number != NULL)
        g_hash_table_insert (checker->stored_numbers, g_strdup (p->id_number), g_strdup (p->id));
    }
  return TRUE;
}

static int
compare_problems (gconstpointer a, gconstpointer b)
{
  const XsRosterProblem *pa = *(XsRosterProblem *const *)a;
  const XsRosterProblem *pb = *(XsRosterProblem *const *)b;

  if (pa->line != pb->line)
    return pa->line < pb->line ? -1 : 1;
  return (int)pa->column - (int)pb->column;
}

/* Through the one writer, so every new or changed person is audited. */
static gboolean
write_persons (XsStore *store, GPtrArray *candidates, const char *source, GError **error)
{
  if (!xs_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = g_ptr_array_index (candidates, i);

      if (!candidate->bad && !xs_records_put_person (store, candidate->person, g_get_user_name (),
                                                     source, NULL, error))
        {
          xs_store_rollback (store);
          return FALSE;
        }
    }
  if (!xs_store_commit (store, error))
    {
      xs_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

static void
checker_clear (Checker *checker)
{
  for (guint i = 0; i < XS_ROSTER_N_COLUMNS; i++)
    g_free (checker->header[i]);
  g_clear_pointer (&checker->units, g_hash_table_unref);
  g_clear_pointer (&checker->ids, g_hash_table_unref);
  g_clear_pointer (&checker->id_numbers, g_hash_table_unref);
  g_clear_pointer (&checker->stored, g_hash_table_unref);
  g_clear_pointer (&checker->stored_numbers, g_hash_table_unref);
  g_clear_object (&checker->rules);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Checker, checker_clear)

/* Public API --------------------------------------------------------------------------------- */

/**
 * xs_roster_import:
 * @store: where the persons go; their units must be there already
 * @path: a CSV file, UTF-8 (with or without a BOM) or GB18030, or an Excel workbook (.xlsx,
 *   known by its content; its first sheet with anything in it), at most %XS_ROSTER_MAX_BYTES
 * @flags: %XS_ROSTER_IMPORT_SKIP_BAD_ROWS to import the good rows of a file with bad ones;
 *   %XS_ROSTER_IMPORT_CHECK_ONLY to check and count without writing
 * @result: (out caller-allocates): counts, every row problem and warnings; clear it with
 *   xs_roster_result_clear() whatever the outcome
 * @error: an %XS_ROSTER_ERROR, or the store's error
 *
 * Reads a roster whose first row names the columns (in Chinese or English, any order), checks
 * every row and writes its persons in one transaction: new ones are added, existing ones get
 * the file's identity fields and keep their activities. A person with a span start and no end
 * gets a span as long as the one of the rules in force.
 *
 * With bad rows and without %XS_ROSTER_IMPORT_SKIP_BAD_ROWS nothing is written and the error
 * is %XS_ROSTER_ERROR_BAD_ROWS; @result->problems says which rows, which columns and why.
 *
 * Returns: %TRUE when the rows were imported (or, with CHECK_ONLY, could be)
 */
gboolean
xs_roster_import (XsStore *store, const char *path, XsRosterImportFlags flags,
                  XsRosterResult *result, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *text = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) candidates = NULL;
  g_auto (Checker) checker = { 0 };
  g_autofree char *display_name = g_path_get_basename (path);
  gsize len = 0;
  const XsRosterRow *header = NULL;
  guint first_row;

  g_return_val_if_fail (XS_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify)problem_free);
  result->warnings = g_ptr_array_new_with_free_func (g_free);

  bytes = xs_roster_read_capped (path, error);
  if (bytes == NULL)
    return FALSE;
  if (xs_xlsx_looks_like (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes)))
    {
      result->encoding = "XLSX";
      rows = xs_roster_read_workbook (bytes, display_name, error);
    }
  else
    {
      text = xs_roster_decode_text (bytes, &result->encoding, &len, error);
      if (text == NULL)
        return FALSE;
      rows = xs_roster_parse_csv (text, len, error);
    }
  if (rows == NULL)
    return FALSE;

  for (first_row = 0; first_row < rows->len; first_row++)
    if (!row_is_blank (g_ptr_array_index (rows, first_row)))
      {
        header = g_ptr_array_index (rows, first_row);
        break;
      }
  if (header == NULL)
    {
      g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_HEADER,
                   _ ("“%s” is empty; a roster starts with a row naming its columns"), path);
      return FALSE;
    }

  checker.store = store;
  checker.result = result;
  checker.units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  checker.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  checker.id_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  checker.stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  checker.stored_numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (!read_header (&checker, header, error) || !load_stored_persons (&checker, error))
    return FALSE;

  candidates = g_ptr_array_new_with_free_func ((GDestroyNotify)candidate_free);
  for (guint i = first_row + 1; i < rows->len; i++)
    {
      const XsRosterRow *row = g_ptr_array_index (rows, i);
      Candidate *candidate;

      /* Excel writes rows of empty cells for blank rows inside the used range. */
      if (row_is_blank (row))
        continue;
      candidate = check_row (&checker, row, error);
      if (candidate == NULL)
        return FALSE;
      g_ptr_array_add (candidates, candidate);
    }
  g_ptr_array_sort (result->problems, compare_problems);

  result->rows = candidates->len;
  for (guint i = 0; i < candidates->len; i++)
    {
      const Candidate *candidate = g_ptr_array_index (candidates, i);

      if (candidate->bad)
        result->skipped++;
      else if (g_hash_table_contains (checker.stored, candidate->person->id))
        result->updated++;
      else
        result->added++;
    }

  if (result->problems->len > 0 && !(flags & XS_ROSTER_IMPORT_SKIP_BAD_ROWS))
    {
      g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_BAD_ROWS,
                   g_dngettext (GETTEXT_PACKAGE, "%u of %u rows has problems; nothing was imported",
                                "%u of %u rows have problems; nothing was imported",
                                result->skipped),
                   result->skipped, result->rows);
      result->added = result->updated = result->skipped = 0;
      return FALSE;
    }
  if (flags & XS_ROSTER_IMPORT_CHECK_ONLY)
    return TRUE;
  if (result->added + result->updated > 0 &&
      !write_persons (store, candidates, display_name, error))
    {
      result->added = result->updated = 0;
      return FALSE;
    }
  return TRUE;
}

/**
 * xs_roster_result_clear:
 *
 * Frees what xs_roster_import() put in @result; safe on a zeroed or cleared result.
 */
void
xs_roster_result_clear (XsRosterResult *result)
{
  g_clear_pointer (&result->problems, g_ptr_array_unref);
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
}

/**
 * xs_roster_problem_format:
 *
 * Returns: (transfer full): one line for a person, e.g. “第 3 行，身份证号：…” in Chinese
 */
char *
xs_roster_problem_format (const XsRosterProblem *problem)
{
  if (problem->column_name == NULL)
    /* Translators: a bad row of a roster file; %u is its line, %s the reason */
    return g_strdup_printf (_ ("Line %u: %s"), problem->line, problem->reason);
  /* Translators: a bad cell of a roster file: line, column header, reason */
  return g_strdup_printf (_ ("Line %u, %s: %s"), problem->line, problem->column_name,
                          problem->reason);
}

/**
 * xs_roster_column_get_name:
 *
 * Returns: (transfer none): the column's Chinese header, e.g. “身份证号”
 */
const char *
xs_roster_column_get_name (XsRosterColumn column)
{
  g_return_val_if_fail (column >= 0 && column < XS_ROSTER_N_COLUMNS, NULL);
  return columns[column].name;
}

/**
 * xs_roster_column_get_key:
 *
 * Returns: (transfer none): the column's English header, e.g. “id-number”
 */
const char *
xs_roster_column_get_key (XsRosterColumn column)
{
  g_return_val_if_fail (column >= 0 && column < XS_ROSTER_N_COLUMNS, NULL);
  return columns[column].key;
}
