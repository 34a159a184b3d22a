/* xs-table-lines.h — the lines between a sheet's cells, stroked together.
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
} XsLineSegment;

typedef struct _XsTableLines XsTableLines;

XsTableLines *xs_table_lines_new (void);
void xs_table_lines_free (XsTableLines *lines);
void xs_table_lines_add_box (XsTableLines *lines, double x, double y, double width, double height);
GArray *xs_table_lines_take_merged (XsTableLines *lines);
void xs_table_lines_stroke (XsTableLines *lines, cairo_t *cr, double line_width);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsTableLines, xs_table_lines_free)

G_END_DECLS
