/* xs-spinner.c — a spinner that draws itself.
 *
 * GtkSpinner shows the theme's "process-working-symbolic", which Adwaita ships only as SVG:
 * the first spinner on screen makes gdk-pixbuf load librsvg, 6.5 MB resident for the rest of
 * the session. This one draws a ring and a turning arc with Cairo in the text colour.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-spinner.h"

#define TURN_USEC (G_USEC_PER_SEC) /* one turn per second, like GtkSpinner */
#define DEFAULT_SIZE 16
#define TRACK_ALPHA 0.15
#define ARC_FRACTION 0.25 /* of the circle */

struct _XsSpinner
{
  GtkWidget parent_instance;

  gboolean spinning;
  guint tick_id;
  gint64 first_frame_time;
  double angle; /* radians, of the arc's start */
};

G_DEFINE_FINAL_TYPE (XsSpinner, xs_spinner, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SPINNING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
animations_enabled (GtkWidget *widget)
{
  gboolean enabled = TRUE;

  g_object_get (gtk_widget_get_settings (widget), "gtk-enable-animations", &enabled, NULL);
  return enabled;
}

static gboolean
tick_cb (GtkWidget *widget, GdkFrameClock *clock, gpointer user_data)
{
  XsSpinner *self = XS_SPINNER (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  if (self->first_frame_time == 0)
    self->first_frame_time = now;
  self->angle = 2 * G_PI * ((now - self->first_frame_time) % TURN_USEC) / (double)TURN_USEC;
  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

/* Turns only while it spins on screen: an unmapped spinner costs no frames. */
static void
update_ticking (XsSpinner *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean want = self->spinning && gtk_widget_get_mapped (widget) && animations_enabled (widget);

  if (want && self->tick_id == 0)
    {
      self->first_frame_time = 0;
      self->tick_id = gtk_widget_add_tick_callback (widget, tick_cb, NULL, NULL);
    }
  else if (!want && self->tick_id != 0)
    {
      gtk_widget_remove_tick_callback (widget, self->tick_id);
      self->tick_id = 0;
    }
}

static void
xs_spinner_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  XsSpinner *self = XS_SPINNER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double size = MIN (width, height);
  double line = MAX (1.5, size / 8.0);
  double radius = (size - line) / 2.0;
  GdkRGBA color;
  cairo_t *cr;

  if (!self->spinning || radius <= 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, line);

  cairo_arc (cr, width / 2.0, height / 2.0, radius, 0, 2 * G_PI);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * TRACK_ALPHA);
  cairo_stroke (cr);

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_arc (cr, width / 2.0, height / 2.0, radius, self->angle - G_PI / 2,
             self->angle - G_PI / 2 + 2 * G_PI * ARC_FRACTION);
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

static void
xs_spinner_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                    int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = *natural = DEFAULT_SIZE;
}

static void
xs_spinner_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (xs_spinner_parent_class)->map (widget);
  update_ticking (XS_SPINNER (widget));
}

static void
xs_spinner_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (xs_spinner_parent_class)->unmap (widget);
  update_ticking (XS_SPINNER (widget));
}

static void
xs_spinner_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsSpinner *self = XS_SPINNER (object);

  switch (prop_id)
    {
    case PROP_SPINNING:
      g_value_set_boolean (value, self->spinning);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_spinner_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  XsSpinner *self = XS_SPINNER (object);

  switch (prop_id)
    {
    case PROP_SPINNING:
      xs_spinner_set_spinning (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_spinner_class_init (XsSpinnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = xs_spinner_get_property;
  object_class->set_property = xs_spinner_set_property;
  widget_class->snapshot = xs_spinner_snapshot;
  widget_class->measure = xs_spinner_measure;
  widget_class->map = xs_spinner_map;
  widget_class->unmap = xs_spinner_unmap;

  properties[PROP_SPINNING] =
      g_param_spec_boolean ("spinning", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Not "spinner": the theme would attach its SVG icon and CSS animation to it. */
  gtk_widget_class_set_css_name (widget_class, "xs-spinner");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PROGRESS_BAR);
}

static void
xs_spinner_init (XsSpinner *self)
{
}

GtkWidget *
xs_spinner_new (void)
{
  return g_object_new (XS_TYPE_SPINNER, NULL);
}

gboolean
xs_spinner_get_spinning (XsSpinner *self)
{
  g_return_val_if_fail (XS_IS_SPINNER (self), FALSE);
  return self->spinning;
}

void
xs_spinner_set_spinning (XsSpinner *self, gboolean spinning)
{
  g_return_if_fail (XS_IS_SPINNER (self));
  spinning = !!spinning;
  if (self->spinning == spinning)
    return;
  self->spinning = spinning;
  gtk_accessible_update_state (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_STATE_BUSY, spinning, -1);
  update_ticking (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPINNING]);
}

/* The arc's angle in radians: it grows from frame to frame while the spinner turns. */
double
xs_spinner_get_angle (XsSpinner *self)
{
  g_return_val_if_fail (XS_IS_SPINNER (self), 0);
  return self->angle;
}
