/* xs-compliance-chart.c — per year of the span, the share of staff who meet the minimums.
 *
 * One stacked column per year: met (green), met once what awaits review is approved (amber),
 * short (red). Drawn with Cairo in the snapshot; a drawing, so no template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "xs-compliance-chart.h"

struct _XsComplianceChart
{
  GtkWidget parent_instance;

  GArray *years; /* XsYearStats */
};

G_DEFINE_FINAL_TYPE (XsComplianceChart, xs_compliance_chart, GTK_TYPE_WIDGET)

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static GdkRGBA
named_color (GtkWidget *widget, const char *name, double r, double g, double b)
{
  GdkRGBA color = { r, g, b, 1 };

  gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color);
  return color;
}

static GdkRGBA
foreground (GtkWidget *widget)
{
  GdkRGBA color;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  return color;
}
G_GNUC_END_IGNORE_DEPRECATIONS

static void
xs_compliance_chart_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                             int *minimum, int *natural, int *minimum_baseline,
                             int *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 600;
    }
  else
    *minimum = *natural = 220;
}

static void
show_centered (cairo_t *cr, PangoLayout *layout, double cx, double y)
{
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, cx - w / 2.0, y);
  pango_cairo_show_layout (cr, layout);
}

static void
xs_compliance_chart_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  XsComplianceChart *self = XS_COMPLIANCE_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA fg = foreground (widget);
  GdkRGBA colors[3];
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, NULL);
  int text_h;
  double top, bottom, slot;
  cairo_t *cr;

  if (self->years == NULL || self->years->len == 0)
    return;

  colors[0] = named_color (widget, "success_color", 0.15, 0.64, 0.41);
  colors[1] = named_color (widget, "warning_color", 0.61, 0.43, 0);
  colors[2] = named_color (widget, "error_color", 0.75, 0.11, 0.16);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  pango_layout_set_text (layout, "100%", -1);
  pango_layout_get_pixel_size (layout, NULL, &text_h);
  top = text_h + 6;
  bottom = height - text_h - 6;
  slot = (double)width / self->years->len;

  for (guint i = 0; i < self->years->len; i++)
    {
      const XsYearStats *y = &g_array_index (self->years, XsYearStats, i);
      guint parts[3] = { y->compliant, y->with_pending, y->short_of };
      guint total = y->compliant + y->with_pending + y->short_of;
      double bar_w = MIN (slot * 0.55, 72);
      double x = slot * i + (slot - bar_w) / 2;
      double y0 = bottom;
      g_autofree char *year = g_strdup_printf ("%u", y->year);
      g_autofree char *share = NULL;

      /* The track. */
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.08);
      cairo_rectangle (cr, x, top, bar_w, bottom - top);
      cairo_fill (cr);

      for (guint k = 0; total > 0 && k < 3; k++)
        {
          double h = (bottom - top) * parts[k] / total;

          gdk_cairo_set_source_rgba (cr, &colors[k]);
          cairo_rectangle (cr, x, y0 - h, bar_w, h);
          cairo_fill (cr);
          y0 -= h;
        }

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha);
      pango_layout_set_text (layout, year, -1);
      show_centered (cr, layout, x + bar_w / 2, bottom + 4);
      share = total > 0 ? g_strdup_printf ("%u%%", (guint)(100.0 * y->compliant / total + 0.5))
                        : g_strdup ("—");
      pango_layout_set_text (layout, share, -1);
      show_centered (cr, layout, x + bar_w / 2, 0);
    }
  cairo_destroy (cr);
}

static void
xs_compliance_chart_finalize (GObject *object)
{
  XsComplianceChart *self = XS_COMPLIANCE_CHART (object);

  g_clear_pointer (&self->years, g_array_unref);
  G_OBJECT_CLASS (xs_compliance_chart_parent_class)->finalize (object);
}

static void
xs_compliance_chart_class_init (XsComplianceChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = xs_compliance_chart_finalize;
  widget_class->measure = xs_compliance_chart_measure;
  widget_class->snapshot = xs_compliance_chart_snapshot;
  gtk_widget_class_set_css_name (widget_class, "compliancechart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
xs_compliance_chart_init (XsComplianceChart *self)
{
}

/**
 * xs_compliance_chart_set_stats:
 * @years: (element-type XsYearStats): copied
 */
void
xs_compliance_chart_set_stats (XsComplianceChart *self, GArray *years)
{
  g_autoptr (GString) text = g_string_new (NULL);

  g_return_if_fail (XS_IS_COMPLIANCE_CHART (self));

  g_clear_pointer (&self->years, g_array_unref);
  self->years = years ? g_array_copy (years) : NULL;
  for (guint i = 0; self->years && i < self->years->len; i++)
    {
      const XsYearStats *y = &g_array_index (self->years, XsYearStats, i);

      /* A year nobody is counted in (no records, or not read yet) has nothing to say. */
      if (y->compliant + y->with_pending + y->short_of == 0)
        continue;
      g_string_append_printf (text, _ ("%u: %u met, %u once reviewed, %u short\n"), y->year,
                              y->compliant, y->with_pending, y->short_of);
    }
  if (text->len > 0 && text->str[text->len - 1] == '\n')
    g_string_truncate (text, text->len - 1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text->len ? text->str : NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  text->str, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
