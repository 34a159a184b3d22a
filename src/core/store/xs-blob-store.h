/* xs-blob-store.h — evidence files kept unchanged, named by their SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define XS_BLOB_ERROR (xs_blob_error_quark ())

typedef enum
{
  XS_BLOB_ERROR_READ,
  XS_BLOB_ERROR_WRITE,
  XS_BLOB_ERROR_TOO_LARGE,
  XS_BLOB_ERROR_CHECKSUM,
  XS_BLOB_ERROR_NOT_REGULAR,
} XsBlobError;

GQuark xs_blob_error_quark (void);

/* Largest evidence file accepted: a many-page scan at 300 dpi stays well below. */
#define XS_BLOB_MAX_BYTES (64 * 1024 * 1024)

typedef struct _XsBlobStore XsBlobStore;

XsBlobStore *xs_blob_store_new (GFile *dir);
void xs_blob_store_free (XsBlobStore *self);

gboolean xs_blob_store_put_bytes (XsBlobStore *self, GBytes *bytes, const char *name,
                                  const char *expected_sha256, char **out_sha256, gint64 *out_size,
                                  gboolean *out_created, GError **error);
char *xs_blob_store_dup_path (XsBlobStore *self, const char *sha256);

void xs_blob_store_keep_new (XsBlobStore *self);
void xs_blob_store_discard_new (XsBlobStore *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsBlobStore, xs_blob_store_free)

G_END_DECLS
