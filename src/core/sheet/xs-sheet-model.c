/* xs-sheet-model.c — one rendering of a sheet: its blocks of cells, built and paginated.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-sheet-private.h"

static void
block_free (Block *block)
{
  g_array_unref (block->cells);
  g_free (block);
}

Block *
xs_sheet_add_block (Model *m, guint table, gboolean in_flow)
{
  Block *block = g_new0 (Block, 1);

  block->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  block->table = table;
  g_ptr_array_add (m->blocks, block);
  if (in_flow)
    g_ptr_array_add (m->flow, block);
  return block;
}

double
xs_sheet_content_width (Model *m)
{
  const XsSheetLayout *l = m->self->layout;
  return l->page_width - l->margin_left - l->margin_right;
}

/* Column positions from fractions of the text width; the last column takes what is left so
 * the right rule meets the frame exactly. */
void
xs_sheet_columns (Model *m, const double *fractions, guint n, double *x, double *w)
{
  double total = xs_sheet_content_width (m);
  double at = 0;

  for (guint i = 0; i < n; i++)
    {
      x[i] = at;
      w[i] = i + 1 == n ? total - at : total * fractions[i];
      at += w[i];
    }
}

Cell *
xs_sheet_add_cell (Model *m, Block *block, double x, double w, Style style, const char *text,
                   Align align)
{
  const XsSheetLayout *l = m->self->layout;
  Cell cell = { .x = x, .w = w, .align = align };
  PangoAlignment pa = align == ALIGN_CENTER ? PANGO_ALIGN_CENTER
                      : align == ALIGN_END  ? PANGO_ALIGN_RIGHT
                                            : PANGO_ALIGN_LEFT;
  double inner = w - 2 * l->cell_pad_x;

  if (text != NULL)
    cell.layout = xs_sheet_cell_layout (m, style, text, align == ALIGN_DECIMAL ? -1 : inner, pa);
  g_array_append_val (block->cells, cell);
  return &g_array_index (block->cells, Cell, block->cells->len - 1);
}

/* A row's height: its tallest cell, and at least @min. */
void
xs_sheet_fit_height (Model *m, Block *block, double min)
{
  const XsSheetLayout *l = m->self->layout;
  double h = min;

  for (guint i = 0; i < block->cells->len; i++)
    {
      const Cell *c = &g_array_index (block->cells, Cell, i);
      double ch = 0;

      if (c->layout != NULL)
        ch += xs_sheet_text_height (c->layout);
      if (c->bottom != NULL)
        ch += xs_sheet_text_height (c->bottom) + l->cell_pad_y;
      if (c->qr != NULL)
        ch = MAX (ch, xs_qr_get_width (c->qr) * l->qr_module - 2 * l->cell_pad_y);
      h = MAX (h, ch + 2 * l->cell_pad_y);
    }
  block->height = h;
}

/* Lines up the decimal points of each figure column among the blocks from @first on, and
 * centres the column's widest figure in its cells. */
void
xs_sheet_align_figures (Model *m, guint first)
{
  g_autoptr (GArray) keys = g_array_new (FALSE, TRUE, sizeof (double) * 3); /* x, int, frac */

  for (guint i = first; i < m->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (m->blocks, i);

      for (guint k = 0; k < b->cells->len; k++)
        {
          Cell *c = &g_array_index (b->cells, Cell, k);
          double dx, *key = NULL;

          if (c->align != ALIGN_DECIMAL || c->layout == NULL)
            continue;
          dx = xs_sheet_decimal_x (c->layout);
          for (guint n = 0; n < keys->len && key == NULL; n++)
            if (((double *)keys->data)[n * 3] == c->x)
              key = (double *)keys->data + n * 3;
          if (key == NULL)
            {
              double fresh[3] = { c->x, 0, 0 };
              g_array_append_vals (keys, fresh, 1);
              key = (double *)keys->data + (keys->len - 1) * 3;
            }
          key[1] = MAX (key[1], dx);
          key[2] = MAX (key[2], xs_sheet_text_width (c->layout) - dx);
        }
    }

  for (guint i = first; i < m->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (m->blocks, i);

      for (guint k = 0; k < b->cells->len; k++)
        {
          Cell *c = &g_array_index (b->cells, Cell, k);

          if (c->align != ALIGN_DECIMAL)
            continue;
          for (guint n = 0; n < keys->len; n++)
            {
              const double *key = (const double *)keys->data + n * 3;
              if (key[0] == c->x)
                c->anchor = (c->w - key[1] - key[2]) / 2 + key[1];
            }
        }
    }
}

static char *
make_serial (XsSheetRenderer *self, XsSheet *sheet)
{
  g_autofree char *date = g_date_time_format (self->time, "%Y%m%d");

  return g_strdup_printf ("%s-%s-%.8s", date, sheet->person->id, sheet->digest);
}

void
xs_sheet_model_free (Model *m)
{
  if (m == NULL)
    return;
  xs_sheet_give_back_layouts (m);
  g_ptr_array_unref (m->layouts);
  g_ptr_array_unref (m->flow);
  g_ptr_array_unref (m->blocks);
  g_array_unref (m->placements);
  xs_qr_free (m->qr);
  g_free (m->serial);
  g_clear_error (&m->error);
  g_free (m);
}

Model *
xs_sheet_model_new (XsSheetRenderer *self, XsSheet *sheet, GError **error)
{
  g_autoptr (Model) m = g_new0 (Model, 1);

  m->self = self;
  m->sheet = sheet;
  m->serial = make_serial (self, sheet);
  m->draft = self->draft || xs_sheet_is_draft (sheet);
  m->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);
  m->flow = g_ptr_array_new ();
  m->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  m->layouts = g_ptr_array_new_with_free_func (g_object_unref);

  xs_sheet_build (m);
  if (m->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&m->error));
      return NULL;
    }
  xs_sheet_paginate (m);
  return g_steal_pointer (&m);
}
