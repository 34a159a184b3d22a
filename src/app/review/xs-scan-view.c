/* xs-scan-view.c — a scan on screen: fit width, fit page or a zoom; pan; view-only rotation.
 *
 * One widget that pans and zooms by itself (drag, scroll, Ctrl+scroll, pinch), so zooming
 * around the pointer is exact. The file is never touched: rotation is how it is drawn.
 * A drawing with no children, so it has no template.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <math.h>

#include "xs-scan-view.h"

#define MIN_ZOOM 0.05
#define MAX_ZOOM 8.0

struct _XsScanView
{
  GtkWidget parent_instance;

  GdkTexture *texture;
  double natural_scale; /* texture pixels per 100 % pixel */
  XsScanFit fit;
  double zoom;
  int rotation; /* 0, 90, 180, 270 */
  double x, y;  /* where the content's top-left corner is drawn */
  double drag_x, drag_y;
  double pinch_zoom;
};

G_DEFINE_FINAL_TYPE (XsScanView, xs_scan_view, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ZOOM,
  PROP_FIT,
  PROP_ROTATION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The content's size at 100 %, rotated. */
static void
natural_size (XsScanView *self, double *w, double *h)
{
  double tw = 0, th = 0;

  if (self->texture != NULL)
    {
      tw = gdk_texture_get_width (self->texture) / self->natural_scale;
      th = gdk_texture_get_height (self->texture) / self->natural_scale;
    }
  if (self->rotation % 180 == 0)
    {
      *w = tw;
      *h = th;
    }
  else
    {
      *w = th;
      *h = tw;
    }
}

static void
clamp_position (XsScanView *self)
{
  double nw, nh, dw, dh;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  natural_size (self, &nw, &nh);
  dw = nw * self->zoom;
  dh = nh * self->zoom;
  if (dw <= width)
    self->x = (width - dw) / 2;
  else
    self->x = CLAMP (self->x, width - dw, 0);
  if (dh <= height)
    self->y = (height - dh) / 2;
  else
    self->y = CLAMP (self->y, height - dh, 0);
}

static double
fitted_zoom (XsScanView *self)
{
  double nw, nh;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  natural_size (self, &nw, &nh);
  if (nw <= 0 || nh <= 0 || width <= 0 || height <= 0)
    return 1;
  if (self->fit == XS_SCAN_FIT_WIDTH)
    return CLAMP ((width - 24) / nw, MIN_ZOOM, MAX_ZOOM);
  return CLAMP (MIN ((width - 24) / nw, (height - 24) / nh), MIN_ZOOM, MAX_ZOOM);
}

static void
set_zoom_at (XsScanView *self, double zoom, double px, double py)
{
  double ux, uy;

  zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  /* Keep the content point under (px, py) where it is. */
  ux = (px - self->x) / self->zoom;
  uy = (py - self->y) / self->zoom;
  self->x = px - ux * zoom;
  self->y = py - uy * zoom;
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  clamp_position (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_begin_cb (GtkGestureDrag *gesture, double x, double y, XsScanView *self)
{
  self->drag_x = self->x;
  self->drag_y = self->y;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
}

static void
on_drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, XsScanView *self)
{
  self->x = self->drag_x + dx;
  self->y = self->drag_y + dy;
  clamp_position (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_drag_end_cb (GtkGestureDrag *gesture, double dx, double dy, XsScanView *self)
{
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
}

static gboolean
on_scroll_cb (GtkEventControllerScroll *controller, double dx, double dy, XsScanView *self)
{
  GdkModifierType state =
      gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  double px = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double py = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
  GdkEvent *event = gtk_event_controller_get_current_event (GTK_EVENT_CONTROLLER (controller));

  if (state & GDK_CONTROL_MASK)
    {
      if (event != NULL)
        gdk_event_get_position (event, &px, &py);
      /* Event positions are surface-relative; make them ours. */
      {
        GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
        double nx, ny, tx = 0, ty = 0;

        gtk_native_get_surface_transform (native, &nx, &ny);
        gtk_widget_translate_coordinates (GTK_WIDGET (native), GTK_WIDGET (self), px - nx, py - ny,
                                          &tx, &ty);
        px = tx;
        py = ty;
      }
      self->fit = XS_SCAN_FIT_NONE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
      set_zoom_at (self, self->zoom * pow (1.1, -dy), px, py);
      return TRUE;
    }
  self->x -= dx * 40;
  self->y -= dy * 40;
  clamp_position (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static void
on_zoom_begin_cb (GtkGesture *gesture, GdkEventSequence *sequence, XsScanView *self)
{
  self->pinch_zoom = self->zoom;
}

static void
on_zoom_scale_changed_cb (GtkGestureZoom *gesture, double scale, XsScanView *self)
{
  double cx, cy;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &cx, &cy))
    {
      cx = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      cy = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  self->fit = XS_SCAN_FIT_NONE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
  set_zoom_at (self, self->pinch_zoom * scale, cx, cy);
}

static void
xs_scan_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  XsScanView *self = XS_SCAN_VIEW (widget);

  if (self->fit != XS_SCAN_FIT_NONE)
    {
      double zoom = fitted_zoom (self);

      if (zoom != self->zoom)
        {
          self->zoom = zoom;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
        }
    }
  clamp_position (self);
}

static void
xs_scan_view_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                      int *natural, int *minimum_baseline, int *natural_baseline)
{
  *minimum = 120;
  *natural = 600;
}

static void
xs_scan_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  XsScanView *self = XS_SCAN_VIEW (widget);
  double nw, nh, tw, th;

  if (self->texture == NULL)
    return;
  natural_size (self, &nw, &nh);
  tw = gdk_texture_get_width (self->texture) / self->natural_scale;
  th = gdk_texture_get_height (self->texture) / self->natural_scale;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (widget),
                                                         gtk_widget_get_height (widget)));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (self->x + nw * self->zoom / 2,
                                                          self->y + nh * self->zoom / 2));
  gtk_snapshot_rotate (snapshot, self->rotation);
  gtk_snapshot_scale (snapshot, self->zoom, self->zoom);
  gtk_snapshot_append_texture (snapshot, self->texture,
                               &GRAPHENE_RECT_INIT (-tw / 2, -th / 2, tw, th));
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

static void
xs_scan_view_dispose (GObject *object)
{
  XsScanView *self = XS_SCAN_VIEW (object);

  g_clear_object (&self->texture);
  G_OBJECT_CLASS (xs_scan_view_parent_class)->dispose (object);
}

static void
xs_scan_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsScanView *self = XS_SCAN_VIEW (object);

  switch (prop_id)
    {
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_FIT:
      g_value_set_int (value, self->fit);
      break;
    case PROP_ROTATION:
      g_value_set_int (value, self->rotation);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_scan_view_class_init (XsScanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_scan_view_dispose;
  object_class->get_property = xs_scan_view_get_property;
  widget_class->measure = xs_scan_view_measure;
  widget_class->size_allocate = xs_scan_view_size_allocate;
  widget_class->snapshot = xs_scan_view_snapshot;

  properties[PROP_ZOOM] =
      g_param_spec_double ("zoom", NULL, NULL, MIN_ZOOM, MAX_ZOOM, 1,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIT] =
      g_param_spec_int ("fit", NULL, NULL, XS_SCAN_FIT_WIDTH, XS_SCAN_FIT_NONE, XS_SCAN_FIT_PAGE,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROTATION] =
      g_param_spec_int ("rotation", NULL, NULL, 0, 270, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "scanview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
xs_scan_view_init (XsScanView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *zoom = gtk_gesture_zoom_new ();
  GtkEventController *scroll =
      gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  self->natural_scale = 1;
  self->zoom = 1;
  self->fit = XS_SCAN_FIT_PAGE;
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grab");
  gtk_widget_add_css_class (GTK_WIDGET (self), "scan-view");

  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  g_signal_connect (zoom, "begin", G_CALLBACK (on_zoom_begin_cb), self);
  g_signal_connect (zoom, "scale-changed", G_CALLBACK (on_zoom_scale_changed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (zoom));
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);
}

GtkWidget *
xs_scan_view_new (void)
{
  return g_object_new (XS_TYPE_SCAN_VIEW, NULL);
}

/**
 * xs_scan_view_set_texture:
 * @texture: (nullable): the page
 * @natural_scale: texture pixels per screen pixel at 100 % (2 for a PDF page rendered at
 *   twice its size in points)
 *
 * Shows a new page from its top, keeping the fit mode; the rotation is reset.
 */
void
xs_scan_view_set_texture (XsScanView *self, GdkTexture *texture, double natural_scale)
{
  g_return_if_fail (XS_IS_SCAN_VIEW (self));

  g_set_object (&self->texture, texture);
  self->natural_scale = natural_scale > 0 ? natural_scale : 1;
  if (self->rotation != 0)
    {
      self->rotation = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATION]);
    }
  if (self->fit != XS_SCAN_FIT_NONE)
    self->zoom = fitted_zoom (self);
  self->x = 0;
  self->y = 0;
  clamp_position (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * xs_scan_view_get_texture:
 *
 * Returns: (transfer none) (nullable): the page shown
 */
GdkTexture *
xs_scan_view_get_texture (XsScanView *self)
{
  g_return_val_if_fail (XS_IS_SCAN_VIEW (self), NULL);
  return self->texture;
}

void
xs_scan_view_set_fit (XsScanView *self, XsScanFit fit)
{
  g_return_if_fail (XS_IS_SCAN_VIEW (self));

  self->fit = fit;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
  if (fit != XS_SCAN_FIT_NONE)
    {
      self->x = self->y = 0;
      set_zoom_at (self, fitted_zoom (self), 0, 0);
    }
}

XsScanFit
xs_scan_view_get_fit (XsScanView *self)
{
  g_return_val_if_fail (XS_IS_SCAN_VIEW (self), XS_SCAN_FIT_PAGE);
  return self->fit;
}

double
xs_scan_view_get_zoom (XsScanView *self)
{
  g_return_val_if_fail (XS_IS_SCAN_VIEW (self), 1);
  return self->zoom;
}

/* Sets the zoom around the middle of the view; 1 is 100 %. */
void
xs_scan_view_set_zoom (XsScanView *self, double zoom)
{
  g_return_if_fail (XS_IS_SCAN_VIEW (self));

  self->fit = XS_SCAN_FIT_NONE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
  set_zoom_at (self, zoom, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
               gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
xs_scan_view_zoom_by (XsScanView *self, double factor)
{
  xs_scan_view_set_zoom (self, self->zoom * factor);
}

int
xs_scan_view_get_rotation (XsScanView *self)
{
  g_return_val_if_fail (XS_IS_SCAN_VIEW (self), 0);
  return self->rotation;
}

/* Turns the view by a multiple of 90°; the file is not changed. */
void
xs_scan_view_rotate (XsScanView *self, int degrees)
{
  g_return_if_fail (XS_IS_SCAN_VIEW (self));

  self->rotation = (((self->rotation + degrees) % 360) + 360) % 360;
  if (self->fit != XS_SCAN_FIT_NONE)
    self->zoom = fitted_zoom (self);
  self->x = self->y = 0;
  clamp_position (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
