/* xs-blob-store.c — evidence files kept unchanged, named by their SHA-256.
 *
 * A file's bytes (read once by the caller, and checked) are written to a temporary name inside
 * the store, hashed, synced, then renamed to evidence/<first two hex digits>/<sha256>, and the
 * folder synced. The same scan
 * stored twice is kept once. Files created since the last keep can be discarded, so a refused
 * import leaves the store as it was.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "xs-blob-store.h"

/* clang-format off */
G_DEFINE_QUARK (xs-blob-error-quark, xs_blob_error)
/* clang-format on */

struct _XsBlobStore
{
  char *dir;
  GPtrArray *created; /* paths stored since the last keep */
};

XsBlobStore *
xs_blob_store_new (GFile *dir)
{
  XsBlobStore *self = g_new0 (XsBlobStore, 1);

  self->dir = g_file_get_path (dir);
  self->created = g_ptr_array_new_with_free_func (g_free);
  return self;
}

void
xs_blob_store_free (XsBlobStore *self)
{
  if (self == NULL)
    return;
  g_free (self->dir);
  g_ptr_array_unref (self->created);
  g_free (self);
}

static gboolean
is_sha256 (const char *s)
{
  if (s == NULL || strlen (s) != 64)
    return FALSE;
  for (guint i = 0; i < 64; i++)
    if (!g_ascii_isxdigit (s[i]) || g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

/**
 * xs_blob_store_dup_path:
 *
 * Returns: (transfer full) (nullable): where the file of @sha256 is or would be kept
 */
char *
xs_blob_store_dup_path (XsBlobStore *self, const char *sha256)
{
  char prefix[3];

  if (!is_sha256 (sha256))
    return NULL;
  prefix[0] = sha256[0];
  prefix[1] = sha256[1];
  prefix[2] = '\0';
  return g_build_filename (self->dir, prefix, sha256, NULL);
}

static gboolean
sync_dir (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static gboolean
write_all (int fd, const guint8 *buf, gsize len)
{
  while (len > 0)
    {
      ssize_t n = write (fd, buf, len);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      buf += n;
      len -= (gsize)n;
    }
  return TRUE;
}

/* @format takes the path and the system's message, both as %s. */
static gboolean set_errno_error (GError **error, int code, const char *format, const char *path,
                                 int saved) G_GNUC_PRINTF (3, 0);

static gboolean
set_errno_error (GError **error, int code, const char *format, const char *path, int saved)
{
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_set_error (error, XS_BLOB_ERROR, code, format, path, g_strerror (saved));
#pragma GCC diagnostic pop
  return FALSE;
}

/* Writes @data to a new temporary file in the store while hashing it. */
static char *
write_temp (XsBlobStore *self, const guint8 *data, gsize len, char **out_sha256, GError **error)
{
  g_autofree char *tmp = g_build_filename (self->dir, ".incoming-XXXXXX", NULL);
  int out;

  out = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (out < 0)
    {
      set_errno_error (error, XS_BLOB_ERROR_WRITE, _ ("Cannot write to the evidence store %s: %s"),
                       self->dir, errno);
      return NULL;
    }
  if (!write_all (out, data, len) || fsync (out) != 0)
    {
      set_errno_error (error, XS_BLOB_ERROR_WRITE, _ ("Cannot write to the evidence store %s: %s"),
                       self->dir, errno);
      close (out);
      g_unlink (tmp);
      return NULL;
    }
  if (close (out) != 0)
    {
      set_errno_error (error, XS_BLOB_ERROR_WRITE, _ ("Cannot write to the evidence store %s: %s"),
                       self->dir, errno);
      g_unlink (tmp);
      return NULL;
    }
  *out_sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
  return g_steal_pointer (&tmp);
}

/**
 * xs_blob_store_put_bytes:
 * @bytes: the file's contents, as read once and checked by the caller (xs_evidence_read())
 * @name: the file's name in messages
 * @expected_sha256: (nullable): refuse the file unless it has this hash
 * @out_sha256: (out) (transfer full): its hash
 * @out_size: (out): its size in bytes
 * @out_created: (out) (optional): whether the store did not have it before
 *
 * Stores exactly the bytes that were checked: never the file read again by its name, which
 * may have been changed in between.
 */
gboolean
xs_blob_store_put_bytes (XsBlobStore *self, GBytes *bytes, const char *name,
                         const char *expected_sha256, char **out_sha256, gint64 *out_size,
                         gboolean *out_created, GError **error)
{
  g_autofree char *tmp = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *final = NULL;
  g_autofree char *final_dir = NULL;
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  gboolean created = FALSE;

  if (len > XS_BLOB_MAX_BYTES)
    {
      g_set_error (error, XS_BLOB_ERROR, XS_BLOB_ERROR_TOO_LARGE, _ ("%s is larger than %d MB"),
                   name, XS_BLOB_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    return set_errno_error (error, XS_BLOB_ERROR_WRITE,
                            _ ("Cannot create the evidence store %s: %s"), self->dir, errno);

  tmp = write_temp (self, data, len, &sha256, error);
  if (tmp == NULL)
    return FALSE;

  if (expected_sha256 != NULL && g_ascii_strcasecmp (expected_sha256, sha256) != 0)
    {
      g_unlink (tmp);
      g_set_error (error, XS_BLOB_ERROR, XS_BLOB_ERROR_CHECKSUM,
                   _ ("%s does not match its sha256 (the file has %s)"), name, sha256);
      return FALSE;
    }

  final = xs_blob_store_dup_path (self, sha256);
  final_dir = g_path_get_dirname (final);
  if (g_file_test (final, G_FILE_TEST_IS_REGULAR))
    g_unlink (tmp); /* already kept: the same scan is stored once */
  else
    {
      if (g_mkdir_with_parents (final_dir, 0700) != 0 || g_rename (tmp, final) != 0)
        {
          int saved = errno;
          g_unlink (tmp);
          return set_errno_error (error, XS_BLOB_ERROR_WRITE,
                                  _ ("Cannot write to the evidence store %s: %s"), self->dir,
                                  saved);
        }
      sync_dir (final_dir);
      g_ptr_array_add (self->created, g_steal_pointer (&final));
      created = TRUE;
    }

  *out_sha256 = g_steal_pointer (&sha256);
  *out_size = (gint64)len;
  if (out_created != NULL)
    *out_created = created;
  return TRUE;
}

/* The files stored since the last call are now referenced by committed records. */
void
xs_blob_store_keep_new (XsBlobStore *self)
{
  g_ptr_array_set_size (self->created, 0);
}

/* Removes the files stored since the last keep: their records were rolled back. */
void
xs_blob_store_discard_new (XsBlobStore *self)
{
  for (guint i = 0; i < self->created->len; i++)
    {
      const char *path = g_ptr_array_index (self->created, i);
      g_autofree char *dir = g_path_get_dirname (path);

      g_unlink (path);
      g_rmdir (dir); /* only succeeds when this file was the folder's first */
    }
  g_ptr_array_set_size (self->created, 0);
}
