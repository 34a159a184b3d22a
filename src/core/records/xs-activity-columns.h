/* xs-activity-columns.h — the columns of the activity workbook: one sheet per form (kind),
 * written by the template (xs-activity-template.c) and read back by the import
 * (xs-activity-workbook.c), so both agree on every sheet name, header and choice.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-rules.h"

G_BEGIN_DECLS

typedef enum
{
  XS_ACTIVITY_COLUMN_PERSON,    /* 人员编号 */
  XS_ACTIVITY_COLUMN_TITLE,     /* the activity's name */
  XS_ACTIVITY_COLUMN_ORGANIZER, /* 主办单位 */
  XS_ACTIVITY_COLUMN_PARAM,     /* one of the kind's parameters */
} XsActivityColumnRole;

typedef struct
{
  XsActivityColumnRole role;
  const XsParamSpec *spec; /* XS_ACTIVITY_COLUMN_PARAM only */
  char *header;            /* as the template writes it */
  char **choices;          /* what a dropdown offers (labels), or NULL */
  char **choice_values;    /* the value each choice stands for */
  gboolean required;
} XsActivityColumn;

/* Excel's limit on a sheet's name, in characters. */
#define XS_ACTIVITY_SHEET_NAME_CHARS 31

char *xs_activity_sheet_name (const XsKind *kind);
GPtrArray *xs_activity_columns_new (XsRules *rules, const XsKind *kind);
gboolean xs_activity_column_matches (const XsActivityColumn *column, const char *header);
const char *xs_activity_column_value (const XsActivityColumn *column, const char *cell);

G_END_DECLS
