/* xs-sheet-draw.c — one page of a sheet drawn with Cairo: its blocks, table lines, footer and,
 * for drafts, the watermark.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pango/pangocairo.h>

#include "xs-sheet-private.h"
#include "xs-table-lines.h"

static void
draw_text (cairo_t *cr, PangoLayout *layout, double x, double y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* @lines: where a table cell adds its edges, stroked later with its neighbours'; NULL for free
 * text */
static void
draw_cell (Model *m, cairo_t *cr, const Cell *c, double left, double top, double height,
           XsTableLines *lines)
{
  gboolean ruled = lines != NULL;
  const XsSheetLayout *l = m->self->layout;
  double x = left + c->x;

  if (c->shade && ruled)
    {
      cairo_set_source_rgb (cr, l->header_shade, l->header_shade, l->header_shade);
      cairo_rectangle (cr, x, top, c->w, height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (c->layout != NULL)
    {
      double th = xs_sheet_text_height (c->layout);
      double ty = c->top ? top + l->cell_pad_y : top + (height - th) / 2;
      double tx = x + l->cell_pad_x;

      if (c->align == ALIGN_DECIMAL)
        tx = x + c->anchor - xs_sheet_decimal_x (c->layout);
      draw_text (cr, c->layout, tx, ty);
    }
  if (c->bottom != NULL)
    {
      double bw = xs_sheet_text_width (c->bottom);
      double bh = xs_sheet_text_height (c->bottom);

      draw_text (cr, c->bottom, x + c->w - l->cell_pad_x * 2 - bw,
                 top + height - l->cell_pad_y - bh);
      if (c->bottom_left != NULL)
        draw_text (cr, c->bottom_left, x + l->cell_pad_x * 2, top + height - l->cell_pad_y - bh);
    }
  if (c->qr != NULL)
    {
      double side = xs_qr_get_width (c->qr) * l->qr_module;

      /* White quiet zone first, in case anything is ever drawn beneath. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, x + c->w - side - l->qr_margin * l->qr_module,
                       top - l->qr_margin * l->qr_module, side + 2 * l->qr_margin * l->qr_module,
                       side + 2 * l->qr_margin * l->qr_module);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      xs_qr_draw (c->qr, cr, x + c->w - side, top, l->qr_module);
    }
  if (ruled)
    xs_table_lines_add_box (lines, x, top, c->w, height);
}

static void
draw_frame (Model *m, cairo_t *cr, double top, double bottom)
{
  const XsSheetLayout *l = m->self->layout;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, l->frame_width);
  cairo_rectangle (cr, l->margin_left, top, xs_sheet_content_width (m), bottom - top);
  cairo_stroke (cr);
}

static void
draw_watermark (Model *m, cairo_t *cr)
{
  const XsSheetLayout *l = m->self->layout;
  PangoLayout *mark = xs_sheet_take_layout (m, STYLE_WATERMARK, l->watermark, -1, PANGO_ALIGN_LEFT);

  cairo_save (cr);
  cairo_translate (cr, l->page_width / 2, l->page_height / 2);
  cairo_rotate (cr, -l->watermark_angle * G_PI / 180.0);
  cairo_set_source_rgba (cr, l->watermark_grey, l->watermark_grey, l->watermark_grey,
                         l->watermark_alpha);
  draw_text (cr, mark, -xs_sheet_text_width (mark) / 2, -xs_sheet_text_height (mark) / 2);
  cairo_restore (cr);
}

/* Every page says whose sheet it is, which page, when, by whom and under which rules, so a
 * page that comes loose can be put back. */
static void
draw_footer (Model *m, cairo_t *cr, guint page)
{
  const XsSheetLayout *l = m->self->layout;
  XsSheetRenderer *self = m->self;
  double w = xs_sheet_content_width (m);
  g_autofree char *page_text = xs_sheet_format_uint (page);
  g_autofree char *pages_text = xs_sheet_format_uint (m->pages);
  g_autofree char *left = xs_sheet_layout_expand (l->footer_left, "serial", m->serial, "name",
                                                  xs_sheet_or_blank (m->sheet->person->name), NULL);
  g_autofree char *first = m->draft ? g_strconcat (l->draft_notice, left, NULL) : g_strdup (left);
  g_autofree char *right =
      xs_sheet_layout_expand (l->page_number, "page", page_text, "pages", pages_text, NULL);
  g_autofree char *time = xs_sheet_format_time (l, self->time);
  g_autofree char *generated = xs_sheet_layout_expand (l->generated, "time", time, NULL);
  g_autofree char *operator_line = xs_sheet_layout_expand (
      l->operator_label, "operator", xs_sheet_or_blank (self->operator_name), NULL);
  g_autofree char *rules =
      xs_sheet_layout_expand (l->rules_label, "title", xs_rules_get_title (m->sheet->rules),
                              "version", xs_rules_get_version (m->sheet->rules), NULL);
  g_autofree char *second = g_strdup_printf ("%s　%s　%s", generated, operator_line, rules);
  PangoLayout *rl = xs_sheet_take_layout (m, STYLE_FOOTER, right, -1, PANGO_ALIGN_RIGHT);
  PangoLayout *ll = xs_sheet_take_layout (m, STYLE_FOOTER, first, w - xs_sheet_text_width (rl) - 12,
                                          PANGO_ALIGN_LEFT);
  PangoLayout *sl = xs_sheet_take_layout (m, STYLE_FOOTER, second, w, PANGO_ALIGN_LEFT);
  double y;

  /* One line each, whatever the names: cut with an ellipsis rather than grow. */
  pango_layout_set_height (ll, -1);
  pango_layout_set_height (sl, -1);
  y = l->page_height - l->margin_bottom - xs_sheet_text_height (sl) - xs_sheet_text_height (ll);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, l->rule_width);
  cairo_move_to (cr, l->margin_left, y - 3);
  cairo_line_to (cr, l->page_width - l->margin_right, y - 3);
  cairo_stroke (cr);
  draw_text (cr, ll, l->margin_left, y);
  draw_text (cr, rl, l->page_width - l->margin_right - xs_sheet_text_width (rl), y);
  draw_text (cr, sl, l->margin_left, y + xs_sheet_text_height (ll));
}

/* A table's cell rules, then its frame over them. */
static void
finish_table (Model *m, cairo_t *cr, XsTableLines *lines, double top, double bottom)
{
  cairo_set_source_rgb (cr, 0, 0, 0);
  xs_table_lines_stroke (lines, cr, m->self->layout->rule_width);
  draw_frame (m, cr, top, bottom);
}

void
xs_sheet_draw_page (Model *m, cairo_t *cr, guint page)
{
  const XsSheetLayout *l = m->self->layout;
  g_autoptr (XsTableLines) lines = xs_table_lines_new ();
  guint table = 0;
  double table_top = 0, table_bottom = 0;

  cairo_save (cr);

  for (guint i = 0; i < m->placements->len; i++)
    {
      const Placement *p = &g_array_index (m->placements, Placement, i);
      const Block *b = p->block;

      if (p->page != page)
        continue;
      if (table != 0 && b->table != table)
        finish_table (m, cr, lines, table_top, table_bottom);
      if (b->table != 0 && b->table != table)
        table_top = p->y;
      table = b->table;
      table_bottom = p->y + b->height;

      for (guint k = 0; k < b->cells->len; k++)
        draw_cell (m, cr, &g_array_index (b->cells, Cell, k), l->margin_left, p->y, b->height,
                   b->table != 0 ? lines : NULL);
    }
  if (table != 0)
    finish_table (m, cr, lines, table_top, table_bottom);

  draw_footer (m, cr, page);
  /* Over everything, translucent: shaded cells cannot hide it. */
  if (m->draft)
    draw_watermark (m, cr);
  cairo_restore (cr);
}
