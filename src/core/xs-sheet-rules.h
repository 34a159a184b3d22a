/* xs-sheet-rules.h — the lines between a sheet's cells, stroked together.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct
{
  double x0, y0, x1, y1; /* x0 <= x1, y0 <= y1; horizontal or vertical */
} XsRuleSegment;

typedef struct _XsSheetRules XsSheetRules;

XsSheetRules *xs_sheet_rules_new (void);
void xs_sheet_rules_free (XsSheetRules *rules);
void xs_sheet_rules_add_box (XsSheetRules *rules, double x, double y, double width, double height);
GArray *xs_sheet_rules_take_merged (XsSheetRules *rules);
void xs_sheet_rules_stroke (XsSheetRules *rules, cairo_t *cr, double line_width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsSheetRules, xs_sheet_rules_free)

G_END_DECLS
