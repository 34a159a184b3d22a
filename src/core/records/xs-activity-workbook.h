/* xs-activity-workbook.h — activities brought in from the workbook the template made: one
 * sheet per form, one row per activity, every bad row reported, all or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-rules.h"
#include "xs-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *sheet;  /* the sheet's name */
  guint row;    /* the row Excel shows; 0 for the sheet as a whole */
  char *column; /* the column's header, or NULL for the whole row */
  char *reason; /* translated, one sentence */
} XsActivityRowProblem;

typedef struct
{
  guint rows;          /* activity rows read */
  GPtrArray *problems; /* XsActivityRowProblem, by sheet and row */
  GPtrArray *added;    /* XsActivityRowProblem too: each good row, @reason the new id */
} XsActivityWorkbookResult;

gboolean xs_activity_workbook_import (XsStore *store, XsRules *rules, const char *path,
                                      gboolean check_only, const char *actor,
                                      XsActivityWorkbookResult *result, GError **error);
char *xs_activity_row_problem_format (const XsActivityRowProblem *problem);
void xs_activity_workbook_result_clear (XsActivityWorkbookResult *result);

/* The template's sheets that hold no activities. */
const char *xs_activity_workbook_help_sheet (void);
const char *xs_activity_workbook_choices_sheet (void);

G_END_DECLS
