/* xs-table-lines.c — the lines between a sheet's cells, stroked together.
 *
 * A sheet has some 500 ruled cells. Stroking each cell's rectangle as it is drawn costs cairo's
 * PDF surface one operation per cell (recorded, analysed, replayed, its colour set again after
 * each text): a quarter of the time of a batch of sheets. Here the cells' edges are collected,
 * shared and collinear edges merged into one line each, and the lot stroked at once, with square
 * caps so that corners close as a rectangle's would. The lines land above the cells' shading,
 * which no longer covers half of a shared edge.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "xs-table-lines.h"

/* Edges of neighbouring cells computed along different sums meet within this, in points. */
#define SAME 0.01

struct _XsTableLines
{
  GArray *segments; /* XsLineSegment */
};

XsTableLines *
xs_table_lines_new (void)
{
  XsTableLines *lines = g_new0 (XsTableLines, 1);

  lines->segments = g_array_new (FALSE, FALSE, sizeof (XsLineSegment));
  return lines;
}

void
xs_table_lines_free (XsTableLines *lines)
{
  if (lines == NULL)
    return;
  g_array_unref (lines->segments);
  g_free (lines);
}

static void
add (XsTableLines *lines, double x0, double y0, double x1, double y1)
{
  XsLineSegment s = { x0, y0, x1, y1 };

  g_array_append_val (lines->segments, s);
}

/* The four edges of a cell. */
void
xs_table_lines_add_box (XsTableLines *lines, double x, double y, double width, double height)
{
  add (lines, x, y, x + width, y);
  add (lines, x, y + height, x + width, y + height);
  add (lines, x, y, x, y + height);
  add (lines, x + width, y, x + width, y + height);
}

static gboolean
is_horizontal (const XsLineSegment *s)
{
  return fabs (s->y1 - s->y0) < SAME;
}

/* Horizontal lines first, by row then from the left; then vertical ones, by column then from
 * the top: a line's continuation follows it. */
static int
compare_segments (gconstpointer a, gconstpointer b)
{
  const XsLineSegment *s = a, *t = b;
  gboolean sh = is_horizontal (s), th = is_horizontal (t);
  double s_line = sh ? s->y0 : s->x0, t_line = th ? t->y0 : t->x0;
  double s_from = sh ? s->x0 : s->y0, t_from = th ? t->x0 : t->y0;

  if (sh != th)
    return sh ? -1 : 1;
  if (fabs (s_line - t_line) >= SAME)
    return s_line < t_line ? -1 : 1;
  if (s_from != t_from)
    return s_from < t_from ? -1 : 1;
  return 0;
}

/**
 * xs_table_lines_take_merged:
 *
 * Returns: (transfer full) (element-type XsLineSegment): the edges added since the last call,
 *   each line once: shared edges kept once, edges that continue each other joined
 */
GArray *
xs_table_lines_take_merged (XsTableLines *lines)
{
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (XsLineSegment));
  GArray *segments = lines->segments;

  g_array_sort (segments, compare_segments);
  for (guint i = 0; i < segments->len; i++)
    {
      const XsLineSegment *s = &g_array_index (segments, XsLineSegment, i);
      XsLineSegment *last =
          merged->len > 0 ? &g_array_index (merged, XsLineSegment, merged->len - 1) : NULL;
      gboolean h = is_horizontal (s);

      if (last != NULL && h == is_horizontal (last) &&
          (h ? fabs (s->y0 - last->y0) < SAME && s->x0 <= last->x1 + SAME
             : fabs (s->x0 - last->x0) < SAME && s->y0 <= last->y1 + SAME))
        {
          if (h)
            last->x1 = MAX (last->x1, s->x1);
          else
            last->y1 = MAX (last->y1, s->y1);
          continue;
        }
      g_array_append_val (merged, *s);
    }
  g_array_set_size (segments, 0);
  return merged;
}

/* Strokes every edge added since the last call in the current source, as one path. */
void
xs_table_lines_stroke (XsTableLines *lines, cairo_t *cr, double line_width)
{
  g_autoptr (GArray) merged = xs_table_lines_take_merged (lines);

  if (merged->len == 0)
    return;
  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i < merged->len; i++)
    {
      const XsLineSegment *s = &g_array_index (merged, XsLineSegment, i);

      cairo_move_to (cr, s->x0, s->y0);
      cairo_line_to (cr, s->x1, s->y1);
    }
  cairo_set_line_width (cr, line_width);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_SQUARE);
  cairo_stroke (cr);
  cairo_restore (cr);
}
