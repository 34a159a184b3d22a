/* xs-scan-page.h — one page of a scan decoded off the main thread, as a texture.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct
{
  GdkTexture *texture;
  guint n_pages;        /* of the whole scan */
  double natural_scale; /* texture pixels per point (PDF) or per image pixel */
} XsScanPage;

void xs_scan_page_load_async (gpointer source_object, const char *path, guint page,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data);
XsScanPage *xs_scan_page_load_finish (GAsyncResult *result, GError **error);
void xs_scan_page_free (XsScanPage *page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsScanPage, xs_scan_page_free)

G_END_DECLS
