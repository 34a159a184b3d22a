/* xs-sheet-renderer.c — XsSheetRenderer: fonts found and checked once, the time, operator and
 * draft setting, and pages counted or drawn for printing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "xs-sheet-private.h"

G_DEFINE_FINAL_TYPE (XsSheetRenderer, xs_sheet_renderer, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TIME,
  PROP_OPERATOR,
  PROP_DRAFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Characters every sheet prints; the font must have them all. */
static const char cjk_probe[] = "湖南省专业技术人员继续教育学时认定单姓名性别";

static PangoFontDescription *
font (const char *family, gboolean bold, double size)
{
  PangoFontDescription *desc = pango_font_description_from_string (family);

  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  return desc;
}

static gboolean
font_covers (PangoFont *f, const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!pango_font_has_char (f, g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Whether the layout's heading family itself is installed and prints Chinese, rather than
 * fontconfig's nearest substitute for it. */
static gboolean
heading_family_installed (XsSheetRenderer *self)
{
  g_autoptr (PangoFontDescription) desc = font (self->layout->heading_family, FALSE, 10.0);
  g_autoptr (PangoFont) f = pango_font_map_load_font (self->font_map, self->context, desc);
  g_autoptr (PangoFontDescription) found = NULL;

  if (f == NULL || !font_covers (f, cjk_probe))
    return FALSE;
  found = pango_font_describe (f);
  return g_ascii_strcasecmp (pango_font_description_get_family (found),
                             self->layout->heading_family) == 0;
}

/* Finds the font each family list resolves to and checks that it really has Chinese: a
 * missing CJK font would otherwise fall back to a Latin one and print boxes. */
static gboolean
check_font (XsSheetRenderer *self, Style style, char **family, GError **error)
{
  g_autoptr (PangoFont) f =
      pango_font_map_load_font (self->font_map, self->context, self->fonts[style]);
  g_autoptr (PangoFontDescription) found = NULL;

  if (f == NULL || !font_covers (f, cjk_probe))
    {
      g_autofree char *wanted = pango_font_description_to_string (self->fonts[style]);

      g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_FONT,
                   _ ("No font for Chinese text: none of “%s” is installed with Chinese "
                      "characters (install fonts-arphic-uming and "
                      "fonts-wqy-zenhei, or fonts-noto-cjk)"),
                   wanted);
      return FALSE;
    }
  found = pango_font_describe (f);
  if (family != NULL)
    *family = g_strdup (pango_font_description_get_family (found));
  return TRUE;
}

static void
xs_sheet_renderer_finalize (GObject *object)
{
  XsSheetRenderer *self = XS_SHEET_RENDERER (object);

  for (guint i = 0; i < N_STYLES; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_pointer (&self->free_layouts, g_ptr_array_unref);
  g_clear_pointer (&self->cell_layouts, g_hash_table_unref);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->operator_name);
  g_free (self->family);

  G_OBJECT_CLASS (xs_sheet_renderer_parent_class)->finalize (object);
}

static void
xs_sheet_renderer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsSheetRenderer *self = XS_SHEET_RENDERER (object);

  switch (prop_id)
    {
    case PROP_TIME:
      g_value_set_boxed (value, xs_sheet_renderer_get_time (self));
      break;
    case PROP_OPERATOR:
      g_value_set_string (value, xs_sheet_renderer_get_operator (self));
      break;
    case PROP_DRAFT:
      g_value_set_boolean (value, xs_sheet_renderer_get_draft (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_sheet_renderer_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  XsSheetRenderer *self = XS_SHEET_RENDERER (object);

  switch (prop_id)
    {
    case PROP_TIME:
      xs_sheet_renderer_set_time (self, g_value_get_boxed (value));
      break;
    case PROP_OPERATOR:
      xs_sheet_renderer_set_operator (self, g_value_get_string (value));
      break;
    case PROP_DRAFT:
      xs_sheet_renderer_set_draft (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_sheet_renderer_class_init (XsSheetRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = xs_sheet_renderer_finalize;
  object_class->get_property = xs_sheet_renderer_get_property;
  object_class->set_property = xs_sheet_renderer_set_property;

  properties[PROP_TIME] =
      g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATOR] =
      g_param_spec_string ("operator", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFT] =
      g_param_spec_boolean ("draft", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xs_sheet_renderer_init (XsSheetRenderer *self)
{
  const XsSheetLayout *l = xs_sheet_layout_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();
  const char *heading = l->serif_family;
  gboolean heading_bold = TRUE;

  self->layout = l;
  self->free_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  self->cell_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  /* A font map of its own: renderers on different threads share nothing of Pango's. */
  self->font_map = pango_cairo_font_map_new ();
  pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (self->font_map), 72.0);
  self->context = pango_font_map_create_context (self->font_map);
  pango_context_set_language (self->context, pango_language_from_string ("zh-cn"));
  pango_context_set_base_dir (self->context, PANGO_DIRECTION_LTR);
  /* PDF is vector output: no hinting, no rounding, so metrics are the font's own and the
   * same on every machine. */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->context, 72.0);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  self->fonts[STYLE_BODY] = font (l->serif_family, FALSE, l->body_size);
  self->fonts[STYLE_FIGURE] = font (l->figure_family, FALSE, l->body_size);
  self->fonts[STYLE_SMALL] = font (l->serif_family, FALSE, l->small_size);
  self->fonts[STYLE_SMALL_FIGURE] = font (l->figure_family, FALSE, l->small_size);
  self->fonts[STYLE_FOOTER] = font (l->serif_family, FALSE, l->footer_size);
  if (heading_family_installed (self))
    {
      heading = l->heading_family;
      heading_bold = FALSE;
    }
  self->fonts[STYLE_TITLE] = font (heading, heading_bold, l->title_size);
  self->fonts[STYLE_HEADING] = font (heading, heading_bold, l->heading_size);
  self->fonts[STYLE_LABEL] = font (heading, heading_bold, l->body_size);
  self->fonts[STYLE_FIGURE_BOLD] = font (heading, heading_bold, l->body_size);
  self->fonts[STYLE_VERDICT] = font (heading, heading_bold, l->verdict_size);
  self->fonts[STYLE_SMALL_BOLD] = font (heading, heading_bold, l->small_size);
  self->fonts[STYLE_WATERMARK] = font (heading, heading_bold, l->watermark_size);
}

/**
 * xs_sheet_renderer_new:
 *
 * Makes a renderer: finds the fonts and checks they can print Chinese. One renderer renders
 * any number of sheets, one at a time; use one per thread.
 *
 * Returns: (transfer full) (nullable): the renderer, or %NULL with %XS_SHEET_ERROR_FONT
 *   or %XS_SHEET_ERROR_TIME
 */
XsSheetRenderer *
xs_sheet_renderer_new (GError **error)
{
  g_autoptr (XsSheetRenderer) self = g_object_new (XS_TYPE_SHEET_RENDERER, NULL);

  if (!check_font (self, STYLE_BODY, &self->family, error) ||
      !check_font (self, STYLE_LABEL, NULL, error) || !check_font (self, STYLE_FIGURE, NULL, error))
    return NULL;
  self->time = xs_sheet_dup_generation_time (error);
  if (self->time == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * xs_sheet_renderer_get_time:
 *
 * Returns: (transfer none): the generation time printed on sheets
 */
GDateTime *
xs_sheet_renderer_get_time (XsSheetRenderer *self)
{
  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), NULL);
  return self->time;
}

/**
 * xs_sheet_renderer_set_time:
 * @time: the generation time; shown in Asia/Shanghai whatever its zone
 */
void
xs_sheet_renderer_set_time (XsSheetRenderer *self, GDateTime *time)
{
  g_autoptr (GTimeZone) zone = NULL;
  GDateTime *local;

  g_return_if_fail (XS_IS_SHEET_RENDERER (self));
  g_return_if_fail (time != NULL);

  if (self->time != NULL && g_date_time_equal (self->time, time))
    return;
  zone = g_time_zone_new_identifier ("Asia/Shanghai");
  if (zone == NULL)
    zone = g_time_zone_new_offset (8 * 3600);
  local = g_date_time_to_timezone (time, zone);
  g_clear_pointer (&self->time, g_date_time_unref);
  self->time = local;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

/**
 * xs_sheet_renderer_get_operator:
 *
 * Returns: (transfer none) (nullable): who is named as the operator on the sheets
 */
const char *
xs_sheet_renderer_get_operator (XsSheetRenderer *self)
{
  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), NULL);
  return self->operator_name;
}

/**
 * xs_sheet_renderer_set_operator:
 * @operator_name: (nullable): who prints the sheets
 */
void
xs_sheet_renderer_set_operator (XsSheetRenderer *self, const char *operator_name)
{
  g_return_if_fail (XS_IS_SHEET_RENDERER (self));

  if (g_strcmp0 (self->operator_name, operator_name) == 0)
    return;
  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
}

/**
 * xs_sheet_renderer_get_draft:
 *
 * Returns: whether sheets are marked 草稿 (draft)
 */
gboolean
xs_sheet_renderer_get_draft (XsSheetRenderer *self)
{
  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), FALSE);
  return self->draft;
}

/**
 * xs_sheet_renderer_set_draft:
 * @draft: whether to print 草稿 across every page
 */
void
xs_sheet_renderer_set_draft (XsSheetRenderer *self, gboolean draft)
{
  g_return_if_fail (XS_IS_SHEET_RENDERER (self));

  draft = !!draft;
  if (self->draft == draft)
    return;
  self->draft = draft;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
}

/**
 * xs_sheet_renderer_get_font_family:
 *
 * Returns: (transfer none): the family the sheet's text is set in, as found on this system
 */
const char *
xs_sheet_renderer_get_font_family (XsSheetRenderer *self)
{
  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), NULL);
  return self->family;
}

/**
 * xs_sheet_renderer_count_pages:
 *
 * Returns: the sheet's page count, or 0 with an error (e.g. %XS_SHEET_ERROR_GLYPH)
 */
guint
xs_sheet_renderer_count_pages (XsSheetRenderer *self, XsSheet *sheet, GError **error)
{
  g_autoptr (Model) m = NULL;

  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), 0);
  g_return_val_if_fail (sheet != NULL, 0);

  m = xs_sheet_model_new (self, sheet, error);
  return m != NULL ? m->pages : 0;
}

/**
 * xs_sheet_renderer_draw_page:
 * @cr: a cairo context whose user space is PDF points on an A4 page (e.g. a print context)
 * @page: 1-based
 *
 * Draws one page, for printing or a preview.
 *
 * Returns: %TRUE, or %FALSE with an error
 */
gboolean
xs_sheet_renderer_draw_page (XsSheetRenderer *self, XsSheet *sheet, cairo_t *cr, guint page,
                             GError **error)
{
  g_autoptr (Model) m = NULL;

  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), FALSE);
  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  m = xs_sheet_model_new (self, sheet, error);
  if (m == NULL)
    return FALSE;
  if (page < 1 || page > m->pages)
    {
      g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_RENDER,
                   _ ("The sheet has %u pages, not a page %u"), m->pages, page);
      return FALSE;
    }
  xs_sheet_draw_page (m, cr, page);
  return TRUE;
}
