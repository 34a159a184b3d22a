/* xs-scan-page.c — one page of a scan decoded off the main thread, as a texture.
 *
 * The core decodes (EXIF orientation, pixel caps; a PDF page rendered by poppler) in a worker
 * (xs-worker): a newer request cancels an older one, whose result is then dropped.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-scan.h"
#include "xs-scan-page.h"
#include "xs-worker.h"

/* PDF pages are rendered at twice their size in points: sharp up to 200 %. */
#define PDF_SCALE 2.0

typedef struct
{
  char *path;
  guint page;
} Request;

static void
request_free (Request *request)
{
  g_free (request->path);
  g_free (request);
}

void
xs_scan_page_free (XsScanPage *page)
{
  if (page == NULL)
    return;
  g_clear_object (&page->texture);
  g_free (page);
}

static GdkTexture *
texture_from_surface (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr (GBytes) bytes = NULL;

  cairo_surface_flush (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize)stride * height);
  /* Cairo's ARGB32 is premultiplied native-endian: B, G, R, A in memory here. */
  return gdk_memory_texture_new (width, height,
                                 G_BYTE_ORDER == G_LITTLE_ENDIAN
                                     ? GDK_MEMORY_B8G8R8A8_PREMULTIPLIED
                                     : GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
                                 bytes, stride);
}

static gboolean
load_work (gpointer data, GCancellable *cancellable, gpointer *out_result, GError **error)
{
  Request *request = data;
  g_autoptr (XsScan) scan = xs_scan_new_for_path (request->path, error);
  g_autoptr (XsScanPage) loaded = NULL;

  if (scan == NULL)
    return FALSE;
  loaded = g_new0 (XsScanPage, 1);
  loaded->n_pages = xs_scan_get_n_pages (scan);
  if (xs_scan_get_scan_type (scan) == XS_SCAN_TYPE_PDF)
    {
      cairo_surface_t *surface =
          xs_scan_render_page (scan, MIN (request->page, loaded->n_pages - 1), PDF_SCALE, error);

      if (surface == NULL)
        return FALSE;
      loaded->texture = texture_from_surface (surface);
      cairo_surface_destroy (surface);
      loaded->natural_scale = PDF_SCALE;
    }
  else
    {
      g_autoptr (GdkPixbuf) pixbuf = xs_scan_load_image (scan, error);

      if (pixbuf == NULL)
        return FALSE;
      loaded->texture = gdk_texture_new_for_pixbuf (pixbuf);
      loaded->natural_scale = 1;
    }
  *out_result = g_steal_pointer (&loaded);
  return TRUE;
}

/**
 * xs_scan_page_load_async:
 * @path: the scan in the evidence store
 * @page: which page (a PDF's; clamped to its last)
 *
 * Decodes the page in a worker; @callback runs on the caller's main context.
 */
void
xs_scan_page_load_async (gpointer source_object, const char *path, guint page,
                         GCancellable *cancellable, GAsyncReadyCallback callback,
                         gpointer user_data)
{
  Request *request = g_new0 (Request, 1);

  request->path = g_strdup (path);
  request->page = page;
  xs_worker_run (source_object, cancellable, xs_scan_page_load_async, load_work, request,
                 (GDestroyNotify)request_free, (GDestroyNotify)xs_scan_page_free, callback,
                 user_data);
}

/**
 * xs_scan_page_load_finish:
 *
 * Returns: (transfer full) (nullable): the page, or %NULL with the core's error (or
 *   %G_IO_ERROR_CANCELLED)
 */
XsScanPage *
xs_scan_page_load_finish (GAsyncResult *result, GError **error)
{
  gpointer page = NULL;

  if (!xs_worker_finish (result, &page, error))
    return NULL;
  return page;
}
