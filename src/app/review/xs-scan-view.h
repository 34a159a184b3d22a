/* xs-scan-view.h — a scan on screen: fit width, fit page or a zoom; pan; view-only rotation.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum
{
  XS_SCAN_FIT_WIDTH,
  XS_SCAN_FIT_PAGE,
  XS_SCAN_FIT_NONE, /* the zoom as set */
} XsScanFit;

#define XS_TYPE_SCAN_VIEW (xs_scan_view_get_type ())
G_DECLARE_FINAL_TYPE (XsScanView, xs_scan_view, XS, SCAN_VIEW, GtkWidget)

GtkWidget *xs_scan_view_new (void);
void xs_scan_view_set_texture (XsScanView *self, GdkTexture *texture, double natural_scale);
GdkTexture *xs_scan_view_get_texture (XsScanView *self);
void xs_scan_view_set_fit (XsScanView *self, XsScanFit fit);
XsScanFit xs_scan_view_get_fit (XsScanView *self);
double xs_scan_view_get_zoom (XsScanView *self);
void xs_scan_view_set_zoom (XsScanView *self, double zoom);
void xs_scan_view_zoom_by (XsScanView *self, double factor);
int xs_scan_view_get_rotation (XsScanView *self);
void xs_scan_view_rotate (XsScanView *self, int degrees);

G_END_DECLS
