/* xs-sheet-paginate.c — the blocks placed on pages, a table's header repeated when it continues.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-sheet-private.h"

static double
body_top (const XsSheetLayout *l)
{
  return l->margin_top;
}

static double
body_bottom (const XsSheetLayout *l)
{
  /* Room for the footer's two lines and its rule. */
  return l->page_height - l->margin_bottom - l->footer_size * 4.5;
}

static void
place (Model *m, Block *block, guint page, double y)
{
  Placement p = { block, page, y };
  g_array_append_val (m->placements, p);
}

void
xs_sheet_paginate (Model *m)
{
  const XsSheetLayout *l = m->self->layout;
  guint page = 1, last;
  double y = body_top (l);
  gboolean at_top = TRUE;

  for (guint i = 0; i < m->flow->len; i++)
    {
      Block *block = g_ptr_array_index (m->flow, i);
      double need = block->height;

      if (block->page_break_before && !at_top)
        {
          page++;
          y = body_top (l);
          at_top = TRUE;
        }
      if (!at_top)
        y += block->space_before;

      /* A heading or a header row never ends a page alone. */
      last = i;
      for (guint k = i; k + 1 < m->flow->len; k++)
        {
          Block *b = g_ptr_array_index (m->flow, k);
          Block *next = g_ptr_array_index (m->flow, k + 1);

          if (!b->keep_with_next || next->page_break_before)
            break;
          need += next->space_before + next->height;
          last = k + 1;
        }

      /* Signature boxes give up some of their room rather than leave the page. */
      if (y + need > body_bottom (l) && !at_top)
        {
          double slack = 0, over = y + need - body_bottom (l);

          for (guint k = i; k <= last; k++)
            {
              Block *b = g_ptr_array_index (m->flow, k);
              if (b->min_height > 0)
                slack += b->height - b->min_height;
            }
          if (slack >= over)
            for (guint k = i; k <= last && over > 0; k++)
              {
                Block *b = g_ptr_array_index (m->flow, k);
                double give = b->min_height > 0 ? MIN (b->height - b->min_height, over) : 0;

                b->height -= give;
                over -= give;
                need -= give;
              }
        }
      if (y + need > body_bottom (l) && !at_top)
        {
          page++;
          y = body_top (l);
          for (guint r = 0; r < G_N_ELEMENTS (block->repeat); r++)
            if (block->repeat[r] != NULL)
              {
                place (m, block->repeat[r], page, y);
                y += block->repeat[r]->height;
              }
        }
      place (m, block, page, y);
      y += block->height;
      at_top = FALSE;
    }
  m->pages = page;
}
