/* xs-thumbnail.c — thumbnails of scans, made off the calling thread and cached on disk.
 *
 * Evidence is addressed by its SHA-256 and never changes, so a thumbnail is cached under
 * `$XDG_CACHE_HOME/xueshi/thumbnails/<sha256>-<size>.png` for good. The cache is only a cache:
 * a cached file that does not load is made again, and a cache that cannot be written does
 * not fail the thumbnail.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <glib/gstdio.h>

#include "xs-scan.h"
#include "xs-thumbnail.h"
#include "xs-worker.h"

typedef struct
{
  char *path;
  char *sha256;
  int size;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_free (data->path);
  g_free (data->sha256);
  g_free (data);
}

static gboolean
is_sha256 (const char *s)
{
  gsize n = 0;

  for (; s[n] != '\0'; n++)
    if (!g_ascii_isxdigit (s[n]) || g_ascii_isupper (s[n]))
      return FALSE;
  return n == 64;
}

/* A cached thumbnail, read like any other scan: it is a file on disk like any other. */
static GdkPixbuf *
load_cached (const char *cache_path, int size)
{
  g_autoptr (XsScan) scan = NULL;
  g_autoptr (GdkPixbuf) pixbuf = NULL;

  if (!g_file_test (cache_path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  scan = xs_scan_new_for_path (cache_path, NULL);
  if (scan == NULL || xs_scan_get_scan_type (scan) != XS_SCAN_TYPE_PNG)
    return NULL;
  pixbuf = xs_scan_load_image (scan, NULL);
  if (pixbuf == NULL || gdk_pixbuf_get_width (pixbuf) > size ||
      gdk_pixbuf_get_height (pixbuf) > size)
    return NULL;
  return g_steal_pointer (&pixbuf);
}

static void
save_cached (const char *cache_path, GdkPixbuf *pixbuf)
{
  g_autofree char *dir = g_path_get_dirname (cache_path);
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  gsize len = 0;

  /* Written to a temporary name and renamed: a reader never sees half a file. */
  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      !gdk_pixbuf_save_to_buffer (pixbuf, &data, &len, "png", &error, NULL) ||
      !g_file_set_contents_full (cache_path, data, (gssize)len, G_FILE_SET_CONTENTS_CONSISTENT,
                                 0600, &error))
    g_debug ("Thumbnail not cached at %s: %s", cache_path,
             error != NULL ? error->message : g_strerror (errno));
}

static gboolean
load_work (gpointer work_data, GCancellable *cancellable, gpointer *out_result, GError **error)
{
  LoadData *data = work_data;

  *out_result = xs_thumbnail_load (data->path, data->sha256, data->size, cancellable, error);
  return *out_result != NULL;
}

/**
 * xs_thumbnail_dup_cache_path:
 * @sha256: the scan's SHA-256, 64 lowercase hex digits
 * @size: the thumbnail's side
 *
 * Returns: (transfer full): where the thumbnail is cached
 */
char *
xs_thumbnail_dup_cache_path (const char *sha256, int size)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (sha256 != NULL && is_sha256 (sha256), NULL);

  name = g_strdup_printf ("%s-%d.png", sha256, size);
  return g_build_filename (g_get_user_cache_dir (), "xueshi", "thumbnails", name, NULL);
}

/**
 * xs_thumbnail_load:
 * @path: the scan
 * @sha256: (nullable): its SHA-256 when known (as for evidence in the store), else it is
 *   computed from the file
 * @size: the side of the square the thumbnail fits in, %XS_THUMBNAIL_MIN_SIZE to
 *   %XS_THUMBNAIL_MAX_SIZE
 *
 * The first page of the scan, upright, fitted in @size × @size: from the cache when it is
 * there, else made and cached. Blocks: call it from a worker thread, or use
 * xs_thumbnail_load_async().
 *
 * Returns: (transfer full): the thumbnail, or %NULL with an %XS_SCAN_ERROR or
 *   %G_IO_ERROR_CANCELLED
 */
GdkPixbuf *
xs_thumbnail_load (const char *path, const char *sha256, int size, GCancellable *cancellable,
                   GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *computed = NULL;
  g_autofree char *cache_path = NULL;
  g_autoptr (XsScan) scan = NULL;
  g_autoptr (GdkPixbuf) pixbuf = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (sha256 == NULL || is_sha256 (sha256), NULL);
  g_return_val_if_fail (size >= XS_THUMBNAIL_MIN_SIZE && size <= XS_THUMBNAIL_MAX_SIZE, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (sha256 == NULL)
    {
      bytes = xs_scan_read_file (path, error);
      if (bytes == NULL)
        return NULL;
      sha256 = computed = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
    }

  cache_path = xs_thumbnail_dup_cache_path (sha256, size);
  pixbuf = load_cached (cache_path, size);
  if (pixbuf != NULL)
    return g_steal_pointer (&pixbuf);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  scan = bytes != NULL ? xs_scan_new_for_bytes (bytes, error) : xs_scan_new_for_path (path, error);
  if (scan == NULL)
    return NULL;
  pixbuf = xs_scan_render_thumbnail (scan, size, error);
  if (pixbuf == NULL)
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  save_cached (cache_path, pixbuf);
  return g_steal_pointer (&pixbuf);
}

/**
 * xs_thumbnail_load_async:
 * @sha256: (nullable): as for xs_thumbnail_load()
 * @callback: called on the thread-default main context of the caller
 *
 * xs_thumbnail_load() on a worker thread.
 */
void
xs_thumbnail_load_async (const char *path, const char *sha256, int size, GCancellable *cancellable,
                         GAsyncReadyCallback callback, gpointer user_data)
{
  LoadData *data;

  g_return_if_fail (path != NULL);
  g_return_if_fail (sha256 == NULL || is_sha256 (sha256));
  g_return_if_fail (size >= XS_THUMBNAIL_MIN_SIZE && size <= XS_THUMBNAIL_MAX_SIZE);

  data = g_new0 (LoadData, 1);
  data->path = g_strdup (path);
  data->sha256 = g_strdup (sha256);
  data->size = size;

  xs_worker_run (NULL, cancellable, xs_thumbnail_load_async, load_work, data,
                 (GDestroyNotify)load_data_free, g_object_unref, callback, user_data);
}

/**
 * xs_thumbnail_load_finish:
 *
 * Returns: (transfer full): the thumbnail, or %NULL with an %XS_SCAN_ERROR or
 *   %G_IO_ERROR_CANCELLED
 */
GdkPixbuf *
xs_thumbnail_load_finish (GAsyncResult *result, GError **error)
{
  GdkPixbuf *pixbuf = NULL;

  g_return_val_if_fail (g_async_result_is_tagged (result, xs_thumbnail_load_async), NULL);
  if (!xs_worker_finish (result, (gpointer *)&pixbuf, error))
    return NULL;
  return pixbuf;
}
