/* xs-hours-bar.c — hours against a minimum, drawn as a bar: confirmed solid, claimed light.
 *
 * A drawing with no children, so it has no template: its label is a property set from the
 * year card's template. The bar is drawn with Cairo inside the widget's snapshot. Its two texts
 * are laid out once, when they change, not at every measure and frame.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-core.h"
#include "xs-hours-bar.h"

#define BAR_HEIGHT 8
#define GAP 4       /* between the texts and the bar */
#define TEXT_GAP 12 /* between the label and the figures */

struct _XsHoursBar
{
  GtkWidget parent_instance;

  char *label;
  gint64 confirmed;
  gint64 claimed;
  gint64 target;
  gboolean deemed;

  PangoLayout *label_layout;
  PangoLayout *figures_layout;
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

static char *
dup_text (XsHoursBar *self)
{
  g_autofree char *figures = dup_figures_text (self);

  return g_strdup_printf ("%s %s", self->label ? self->label : "", figures);
}

/* The figures' text and the accessible label from the figures. */
static void
update_figures (XsHoursBar *self)
{
  g_autofree char *figures = dup_figures_text (self);
  g_autofree char *text = dup_text (self);

  pango_layout_set_text (self->figures_layout, figures, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The tooltip is made when asked for: setting one asks the X server where the pointer is. */
static gboolean
xs_hours_bar_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard_tooltip,
                            GtkTooltip *tooltip)
{
  g_autofree char *text = dup_text (XS_HOURS_BAR (widget));

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static int
text_height (XsHoursBar *self)
{
  int label_height, figures_height;

  pango_layout_get_pixel_size (self->label_layout, NULL, &label_height);
  pango_layout_get_pixel_size (self->figures_layout, NULL, &figures_height);
  return MAX (label_height, figures_height);
}

static void
xs_hours_bar_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                      int *natural, int *minimum_baseline, int *natural_baseline)
{
  XsHoursBar *self = XS_HOURS_BAR (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int label_width, figures_width;

      /* Both texts side by side, so that they never overlap. */
      pango_layout_get_pixel_size (self->label_layout, &label_width, NULL);
      pango_layout_get_pixel_size (self->figures_layout, &figures_width, NULL);
      *minimum = *natural = label_width + TEXT_GAP + figures_width;
    }
  else
    *minimum = *natural = text_height (self) + GAP + BAR_HEIGHT;
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

  gtk_snapshot_append_layout (snapshot, self->label_layout, &fg);
  pango_layout_get_pixel_size (self->figures_layout, &fw, NULL);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width - fw, 0));
  gtk_snapshot_append_layout (snapshot, self->figures_layout, &fg);
  gtk_snapshot_restore (snapshot);

  bar_y = text_height (self) + GAP;
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
xs_hours_bar_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  XsHoursBar *self = XS_HOURS_BAR (widget);

  GTK_WIDGET_CLASS (xs_hours_bar_parent_class)->css_changed (widget, change);
  /* The font may have changed with the style. */
  pango_layout_context_changed (self->label_layout);
  pango_layout_context_changed (self->figures_layout);
  gtk_widget_queue_resize (widget);
}

static void
xs_hours_bar_finalize (GObject *object)
{
  XsHoursBar *self = XS_HOURS_BAR (object);

  g_clear_object (&self->label_layout);
  g_clear_object (&self->figures_layout);
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
  widget_class->css_changed = xs_hours_bar_css_changed;
  widget_class->query_tooltip = xs_hours_bar_query_tooltip;

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
  self->label_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "");
  self->figures_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  update_figures (self);
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
  update_figures (self);
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
  pango_layout_set_text (self->label_layout, self->label, -1);
  update_figures (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}
