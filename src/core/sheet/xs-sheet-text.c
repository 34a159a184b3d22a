/* xs-sheet-text.c — a sheet's texts: Pango layouts from the renderer's pool, their measures,
 * and the figures, names and times as printed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "xs-sheet-private.h"
#include "xs-tenths.h"

/* "30学时", "2.5 学时" are one word to a reader: a line may break before or after, never inside. */
static PangoAttrList *
keep_hours_together (const char *text)
{
  static const char unit[] = "学时";
  PangoAttrList *attrs = NULL;

  for (const char *p = strstr (text, unit); p != NULL; p = strstr (p + 1, unit))
    {
      const char *start = p;
      PangoAttribute *attr;

      while (start > text && start[-1] == ' ')
        start--;
      while (start > text && (g_ascii_isdigit (start[-1]) || start[-1] == '.'))
        start--;
      if (start < p && !g_ascii_isdigit (*start) && *start != '.')
        start = p; /* spaces without a figure before them stay breakable */
      if (attrs == NULL)
        attrs = pango_attr_list_new ();
      attr = pango_attr_allow_breaks_new (FALSE);
      attr->start_index = (guint)(start - text);
      attr->end_index = (guint)(p - text + strlen (unit));
      pango_attr_list_insert (attrs, attr);
    }
  return attrs;
}

PangoLayout *
xs_sheet_take_layout (Model *m, Style style, const char *text, double width, PangoAlignment align)
{
  XsSheetRenderer *self = m->self;
  const XsSheetLayout *l = self->layout;
  PangoLayout *layout;
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  if (self->free_layouts->len > 0)
    layout = g_ptr_array_steal_index_fast (self->free_layouts, self->free_layouts->len - 1);
  else
    layout = pango_layout_new (self->context);
  g_ptr_array_add (m->layouts, layout);

  pango_layout_set_font_description (layout, self->fonts[style]);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_height (layout, -(int)l->max_cell_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (layout, -1);
      pango_layout_set_height (layout, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
    }
  pango_layout_set_text (layout, valid, -1);
  {
    /* Set even when NULL: a layout from the pool may carry an earlier text's. */
    PangoAttrList *attrs = keep_hours_together (valid);

    pango_layout_set_attributes (layout, attrs);
    if (attrs != NULL)
      pango_attr_list_unref (attrs);
  }

  /* Never print a box for a missing glyph: a rare character in a name must be noticed. */
  if (m->error == NULL && pango_layout_get_unknown_glyphs_count (layout) > 0)
    g_set_error (&m->error, XS_SHEET_ERROR, XS_SHEET_ERROR_GLYPH,
                 _ ("Cannot print “%s”: no installed font has all of its characters"), valid);
  return layout;
}

/* Most cells' texts come back sheet after sheet (labels, headers, kinds, subjects, hours,
 * reasons): their layouts, shaped once, are kept for the next sheet. Shaping is a fifth of a
 * sheet's time. Bounded, so a long batch does not keep every name it printed. */
#define MAX_CELL_LAYOUTS 2048

PangoLayout *
xs_sheet_cell_layout (Model *m, Style style, const char *text, double width, PangoAlignment align)
{
  XsSheetRenderer *self = m->self;
  g_autofree char *key =
      g_strdup_printf ("%d\x1f%d\x1f%.3f\x1f%s", (int)style, (int)align, width, text);
  PangoLayout *layout = g_hash_table_lookup (self->cell_layouts, key);

  if (layout != NULL)
    return layout;
  layout = xs_sheet_take_layout (m, style, text, width, align);
  /* Only a layout with every glyph: a missing one must be reported for each sheet. */
  if (g_hash_table_size (self->cell_layouts) < MAX_CELL_LAYOUTS &&
      pango_layout_get_unknown_glyphs_count (layout) == 0)
    {
      g_ptr_array_steal_index_fast (m->layouts, m->layouts->len - 1);
      g_hash_table_insert (self->cell_layouts, g_steal_pointer (&key), layout);
    }
  return layout;
}

void
xs_sheet_give_back_layouts (Model *m)
{
  while (m->layouts->len > 0)
    {
      PangoLayout *layout = g_ptr_array_steal_index_fast (m->layouts, m->layouts->len - 1);
      pango_layout_set_text (layout, "", 0);
      g_ptr_array_add (m->self->free_layouts, layout);
    }
}

double
xs_sheet_text_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double)h / PANGO_SCALE;
}

double
xs_sheet_text_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double)w / PANGO_SCALE;
}

/* x of the decimal point (or of the end, for a whole number) within a one-line layout */
double
xs_sheet_decimal_x (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  const char *dot = strchr (text, '.');
  PangoRectangle pos;

  if (dot == NULL)
    return xs_sheet_text_width (layout);
  pango_layout_index_to_pos (layout, (int)(dot - text), &pos);
  return (double)pos.x / PANGO_SCALE;
}

char *
xs_sheet_format_tenths (gint64 tenths)
{
  return xs_tenths_format (tenths);
}

char *
xs_sheet_format_uint (guint value)
{
  return g_strdup_printf ("%u", value);
}

const char *
xs_sheet_or_blank (const char *text)
{
  return text != NULL ? text : "";
}

char *
xs_sheet_format_time (const XsSheetLayout *l, GDateTime *time)
{
  g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (time));
  g_autofree char *month = g_strdup_printf ("%d", g_date_time_get_month (time));
  g_autofree char *day = g_strdup_printf ("%d", g_date_time_get_day_of_month (time));
  g_autofree char *hour = g_strdup_printf ("%02d", g_date_time_get_hour (time));
  g_autofree char *minute = g_strdup_printf ("%02d", g_date_time_get_minute (time));

  return xs_sheet_layout_expand (l->time_format, "year", year, "month", month, "day", day, "hour",
                                 hour, "minute", minute, NULL);
}
