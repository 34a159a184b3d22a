/* xs-thumbnail.h — thumbnails of scans, made off the calling thread and cached on disk.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define XS_THUMBNAIL_MIN_SIZE 16
#define XS_THUMBNAIL_MAX_SIZE 1024

char *xs_thumbnail_dup_cache_path (const char *sha256, int size);

GdkPixbuf *xs_thumbnail_load (const char *path, const char *sha256, int size,
                              GCancellable *cancellable, GError **error);
void xs_thumbnail_load_async (const char *path, const char *sha256, int size,
                              GCancellable *cancellable, GAsyncReadyCallback callback,
                              gpointer user_data);
GdkPixbuf *xs_thumbnail_load_finish (GAsyncResult *result, GError **error);

G_END_DECLS
