/* xs-roster.h — bulk import of persons from a CSV roster, with a report of every bad row.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xs-store.h"

G_BEGIN_DECLS

#define XS_ROSTER_ERROR (xs_roster_error_quark ())

/**
 * XsRosterError:
 * @XS_ROSTER_ERROR_READ: the file could not be read, or is not a regular file
 * @XS_ROSTER_ERROR_TOO_LARGE: the file is larger than %XS_ROSTER_MAX_BYTES
 * @XS_ROSTER_ERROR_ENCODING: the text is neither UTF-8 nor GB18030
 * @XS_ROSTER_ERROR_MALFORMED: the CSV syntax is broken (a stray quote, an unclosed field)
 * @XS_ROSTER_ERROR_HEADER: the first row does not name the needed columns, or names one twice
 * @XS_ROSTER_ERROR_BAD_ROWS: some rows have problems (listed in the result); nothing imported
 */
typedef enum
{
  XS_ROSTER_ERROR_READ,
  XS_ROSTER_ERROR_TOO_LARGE,
  XS_ROSTER_ERROR_ENCODING,
  XS_ROSTER_ERROR_MALFORMED,
  XS_ROSTER_ERROR_HEADER,
  XS_ROSTER_ERROR_BAD_ROWS,
} XsRosterError;

GQuark xs_roster_error_quark (void);

/* A roster of a city bureau's tens of thousands of staff is a few MB; this stops absurd input. */
#define XS_ROSTER_MAX_BYTES (20 * 1024 * 1024)
/* Longest cell, in characters: names, titles and specialties are short. */
#define XS_ROSTER_MAX_FIELD_CHARS 200
/* A city's staff is about 20,000: five times that is not a roster, and every row read costs
 * memory before the first is checked (a 10 MB file of a million one-letter rows took 1.3 GB). */
#define XS_ROSTER_MAX_ROWS 100000

typedef enum
{
  XS_ROSTER_IMPORT_DEFAULT = 0,
  XS_ROSTER_IMPORT_SKIP_BAD_ROWS = 1 << 0, /* import the good rows, report the bad ones */
  XS_ROSTER_IMPORT_CHECK_ONLY = 1 << 1,    /* check and count, write nothing */
} XsRosterImportFlags;

/* The columns a roster may have; the header names them in Chinese or English. */
typedef enum
{
  XS_ROSTER_COLUMN_NONE = -1, /* a problem of the whole row */
  XS_ROSTER_COLUMN_ID,
  XS_ROSTER_COLUMN_NAME,
  XS_ROSTER_COLUMN_GENDER,
  XS_ROSTER_COLUMN_ID_NUMBER,
  XS_ROSTER_COLUMN_UNIT,
  XS_ROSTER_COLUMN_CURRENT_TITLE,
  XS_ROSTER_COLUMN_APPLYING_TITLE,
  XS_ROSTER_COLUMN_SPECIALTY,
  XS_ROSTER_COLUMN_SPAN_FROM,
  XS_ROSTER_COLUMN_SPAN_TO,
  XS_ROSTER_N_COLUMNS,
} XsRosterColumn;

typedef enum
{
  XS_ROSTER_PROBLEM_MISSING,             /* a required cell is empty */
  XS_ROSTER_PROBLEM_TOO_LONG,            /* longer than XS_ROSTER_MAX_FIELD_CHARS */
  XS_ROSTER_PROBLEM_CONTROL_CHARACTER,   /* a line break or control character in a cell */
  XS_ROSTER_PROBLEM_BAD_ID,              /* a person id with spaces in it */
  XS_ROSTER_PROBLEM_DUPLICATE_ID,        /* the same person id on another row */
  XS_ROSTER_PROBLEM_ID_NUMBER,           /* length, characters or region of the resident ID */
  XS_ROSTER_PROBLEM_CHECK_DIGIT,         /* wrong resident ID check digit */
  XS_ROSTER_PROBLEM_BIRTH_DATE,          /* the resident ID's birth date does not exist */
  XS_ROSTER_PROBLEM_DUPLICATE_ID_NUMBER, /* the same resident ID on another row or person */
  XS_ROSTER_PROBLEM_UNKNOWN_UNIT,        /* no such unit in the database */
  XS_ROSTER_PROBLEM_UNKNOWN_GENDER,      /* not 男/女/male/female */
  XS_ROSTER_PROBLEM_BAD_YEAR,            /* not a year 1990–2100, or the span is backwards */
  XS_ROSTER_PROBLEM_EXTRA_CELLS,         /* values right of the last named column */
} XsRosterProblemKind;

typedef struct
{
  guint line;            /* line of the file where the row starts; the header is line 1 */
  XsRosterColumn column; /* XS_ROSTER_COLUMN_NONE for the whole row */
  char *column_name;     /* the column's header as written in the file, or NULL */
  XsRosterProblemKind kind;
  char *reason; /* translated, one sentence */
} XsRosterProblem;

typedef struct
{
  const char *encoding; /* "UTF-8" or "GB18030": what the CSV was read as; "XLSX" */
  guint rows;           /* data rows read; blank rows are not counted */
  guint added;          /* new persons (or that would be, with CHECK_ONLY) */
  guint updated;        /* persons already in the database, identity updated */
  guint skipped;        /* bad rows left out with SKIP_BAD_ROWS */
  GPtrArray *problems;  /* XsRosterProblem, by line */
  GPtrArray *warnings;  /* char *, e.g. a column that is not read */
} XsRosterResult;

gboolean xs_roster_import (XsStore *store, const char *path, XsRosterImportFlags flags,
                           XsRosterResult *result, GError **error);
void xs_roster_result_clear (XsRosterResult *result);

char *xs_roster_problem_format (const XsRosterProblem *problem);
const char *xs_roster_column_get_name (XsRosterColumn column);
const char *xs_roster_column_get_key (XsRosterColumn column);

G_END_DECLS
