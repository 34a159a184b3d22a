/* xs-hours-bar.c — hours against a minimum, drawn as a bar: confirmed solid, claimed light.
 *
 * A drawing with no children, so it has no template: its label is a property set from the
 * year card's template. The bar is drawn with Cairo inside the widget's snapshot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-core.h"
#include "xs-hours-bar.h"

#define BAR_HEIGHT 8
#define GAP 4

struct _XsHoursBar
{
  GtkWidget parent_instance;

  char *label;
  gint64 confirmed;
  gint64 claimed;
  gint64 target;
  gboolean deemed;
};

G_DEFINE_FINAL_TYPE (XsHoursBar, xs_hours_bar, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static GdkRGBA
named_color (GtkWidget *widget, const char *name, const GdkRGBA *fallback)
{
  GdkRGBA color;

  if (gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color))
    return color;
  return *fallback;
}
G_GNUC_END_IGNORE_DEPRECATIONS

static char *
dup_figures_text (XsHoursBar *self)
{
  char a[32], b[32], c[32];

  if (self->deemed)
    return g_strdup_printf ("%s / %s", xs_tenths_format_buf (self->target, a, sizeof a),
                            xs_tenths_format_buf (self->target, b, sizeof b));
  if (self->claimed != self->confirmed)
    /* TRANSLATORS: confirmed hours (claimed hours, pending included) / required hours */
    return g_strdup_printf (_ ("%s (%s) / %s"), xs_tenths_format_buf (self->confirmed, a, sizeof a),
                            xs_tenths_format_buf (self->claimed, b, sizeof b),
                            xs_tenths_format_buf (self->target, c, sizeof c));
  return g_strdup_printf ("%s / %s", xs_tenths_format_buf (self->confirmed, a, sizeof a),
                          xs_tenths_format_buf (self->target, b, sizeof b));
}

static void
update_accessible (XsHoursBar *self)
{
  g_autofree char *figures = dup_figures_text (self);
  g_autofree char *text = g_strdup_printf ("%s %s", self->label ? self->label : "", figures);

  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
xs_hours_bar_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                      int *natural, int *minimum_baseline, int *natural_baseline)
{
  g_autoptr (PangoLayout) layout = gtk_widget_create_pango_layout (widget, "公需 0 / 0");
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = width;
      *natural = width;
    }
  else
    *minimum = *natural = height + GAP + BAR_HEIGHT;
}

static void
rounded_rect (cairo_t *cr, double x, double y, double w, double h)
{
  double r = h / 2;

  if (w < h)
    r = w / 2;
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, G_PI / 2);
  cairo_arc (cr, x + r, y + r, r, G_PI / 2, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static void
xs_hours_bar_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  XsHoursBar *self = XS_HOURS_BAR (widget);
  static const GdkRGBA fallback_accent = { 0.21, 0.52, 0.89, 1 };
  static const GdkRGBA fallback_success = { 0.15, 0.64, 0.41, 1 };
  int width = gtk_widget_get_width (widget);
  int text_height;
  g_autoptr (PangoLayout) label = gtk_widget_create_pango_layout (widget, self->label);
  g_autofree char *figures_text = dup_figures_text (self);
  g_autoptr (PangoLayout) figures = gtk_widget_create_pango_layout (widget, figures_text);
  GdkRGBA fg, fill, light;
  gboolean met = self->deemed || self->confirmed >= self->target;
  gint64 scale;
  double bar_y;
  cairo_t *cr;
  int fw;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  fill = met ? named_color (widget, "success_color", &fallback_success)
             : named_color (widget, "accent_bg_color", &fallback_accent);
  light = fill;
  light.alpha = 0.35f;

  pango_layout_get_pixel_size (label, NULL, &text_height);
  gtk_snapshot_append_layout (snapshot, label, &fg);
  pango_layout_get_pixel_size (figures, &fw, NULL);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width - fw, 0));
  gtk_snapshot_append_layout (snapshot, figures, &fg);
  gtk_snapshot_restore (snapshot);

  bar_y = text_height + GAP;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, bar_y, width, BAR_HEIGHT));
  scale = MAX (MAX (self->target, self->claimed), MAX (self->confirmed, 1));

  /* The track, then claimed (pending included) lightly, then confirmed solidly. */
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.12);
  rounded_rect (cr, 0, bar_y, width, BAR_HEIGHT);
  cairo_fill (cr);
  if (self->deemed)
    {
      gdk_cairo_set_source_rgba (cr, &fill);
      rounded_rect (cr, 0, bar_y, width * (double)self->target / scale, BAR_HEIGHT);
      cairo_fill (cr);
    }
  else
    {
      if (self->claimed > self->confirmed)
        {
          gdk_cairo_set_source_rgba (cr, &light);
          rounded_rect (cr, 0, bar_y, width * (double)self->claimed / scale, BAR_HEIGHT);
          cairo_fill (cr);
        }
      if (self->confirmed > 0)
        {
          gdk_cairo_set_source_rgba (cr, &fill);
          rounded_rect (cr, 0, bar_y, MAX (BAR_HEIGHT, width * (double)self->confirmed / scale),
                        BAR_HEIGHT);
          cairo_fill (cr);
        }
    }
  /* The minimum, when the bar runs past it. */
  if (scale > self->target)
    {
      double x = floor (width * (double)self->target / scale) + 0.5;

      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.7);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x, bar_y - 2);
      cairo_line_to (cr, x, bar_y + BAR_HEIGHT + 2);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

static void
xs_hours_bar_finalize (GObject *object)
{
  XsHoursBar *self = XS_HOURS_BAR (object);

  g_free (self->label);
  G_OBJECT_CLASS (xs_hours_bar_parent_class)->finalize (object);
}

static void
xs_hours_bar_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsHoursBar *self = XS_HOURS_BAR (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      g_value_set_string (value, xs_hours_bar_get_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_hours_bar_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  XsHoursBar *self = XS_HOURS_BAR (object);

  switch (prop_id)
    {
    case PROP_LABEL:
      xs_hours_bar_set_label (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_hours_bar_class_init (XsHoursBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = xs_hours_bar_finalize;
  object_class->get_property = xs_hours_bar_get_property;
  object_class->set_property = xs_hours_bar_set_property;
  widget_class->measure = xs_hours_bar_measure;
  widget_class->snapshot = xs_hours_bar_snapshot;

  properties[PROP_LABEL] =
      g_param_spec_string ("label", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "hoursbar");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_METER);
}

static void
xs_hours_bar_init (XsHoursBar *self)
{
  self->label = g_strdup ("");
}

void
xs_hours_bar_set_figures (XsHoursBar *self, gint64 confirmed_tenths, gint64 claimed_tenths,
                          gint64 target_tenths, gboolean deemed)
{
  g_return_if_fail (XS_IS_HOURS_BAR (self));

  self->confirmed = confirmed_tenths;
  self->claimed = claimed_tenths;
  self->target = target_tenths;
  self->deemed = deemed;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
xs_hours_bar_get_confirmed (XsHoursBar *self)
{
  g_return_val_if_fail (XS_IS_HOURS_BAR (self), 0);
  return self->confirmed;
}

gint64
xs_hours_bar_get_claimed (XsHoursBar *self)
{
  g_return_val_if_fail (XS_IS_HOURS_BAR (self), 0);
  return self->claimed;
}

gint64
xs_hours_bar_get_target (XsHoursBar *self)
{
  g_return_val_if_fail (XS_IS_HOURS_BAR (self), 0);
  return self->target;
}

const char *
xs_hours_bar_get_label (XsHoursBar *self)
{
  g_return_val_if_fail (XS_IS_HOURS_BAR (self), NULL);
  return self->label;
}

void
xs_hours_bar_set_label (XsHoursBar *self, const char *label)
{
  g_return_if_fail (XS_IS_HOURS_BAR (self));

  if (g_strcmp0 (self->label, label) == 0)
    return;
  g_free (self->label);
  self->label = g_strdup (label ? label : "");
  update_accessible (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}
