/* xs-pg-store-blobs.c — evidence files kept in the PostgreSQL database, and their local cache.
 *
 * Every clerk's PC reads the same files, so they live in the database: named by their
 * SHA-256, cut into chunks of a megabyte (a 64 MB scan is never one value to send or to
 * hold). The writers put a file into the local cache first (xs-blob-store.c, as for SQLite);
 * the store copies it into the database in the same transaction as the reference to it.
 * A read fetches it into the cache; its checksum is verified on every read, whichever copy
 * it comes from.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "xs-blob-store.h"
#include "xs-pg-store-private.h"

#define CHUNK_BYTES (1024 * 1024)

static char *
dup_cache_path (XsPgStore *self, const char *sha256)
{
  g_autoptr (XsBlobStore) cache = xs_blob_store_new (self->evidence_dir);

  return xs_blob_store_dup_path (cache, sha256);
}

/* The cached copy of @sha256, when it is there and whole. */
static GBytes *
read_cached (XsPgStore *self, const char *sha256)
{
  g_autofree char *path = dup_cache_path (self, sha256);
  g_autofree char *actual = NULL;
  g_autoptr (GMappedFile) file = NULL;
  GBytes *bytes;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  file = g_mapped_file_new (path, FALSE, NULL);
  if (file == NULL || g_mapped_file_get_length (file) > XS_BLOB_MAX_BYTES)
    return NULL;
  bytes = g_mapped_file_get_bytes (file);
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (!g_str_equal (actual, sha256))
    g_clear_pointer (&bytes, g_bytes_unref);
  return bytes;
}

static gboolean
insert_chunk (XsPgStore *self, const char *sha256, int n, const guint8 *data, gsize len,
              GError **error)
{
  char number[16];
  const char *values[3] = { sha256, number, (const char *)data };
  int lengths[3] = { 0, 0, (int)len };
  int formats[3] = { 0, 0, 1 };
  g_autoptr (PGresult) result = NULL;

  g_snprintf (number, sizeof number, "%d", n);
  result =
      PQexecParams (self->conn, "INSERT INTO blob_chunks (sha256, n, data) VALUES ($1, $2, $3)", 3,
                    NULL, values, lengths, formats, 0);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    return xs_pg_set_error (self, error, result, _ ("saving an evidence file"));
  return TRUE;
}

/**
 * xs_pg_keep_blob:
 *
 * Makes sure the database holds the file of @sha256, copying it from the local cache where
 * the writer put it. Runs inside the writer's transaction.
 */
gboolean
xs_pg_keep_blob (XsPgStore *self, const char *sha256, GError **error)
{
  g_autoptr (PGresult) known = NULL;
  g_autoptr (PGresult) claimed = NULL;
  g_autoptr (GBytes) bytes = NULL;
  XsPgParams p = { 0 };
  const guint8 *data;
  gsize len = 0;

  if (g_hash_table_contains (self->kept_blobs, sha256))
    return TRUE;
  xs_pg_text (&p, sha256);
  known = xs_pg_run (self, "SELECT 1 FROM blobs WHERE sha256 = $1", &p,
                     _ ("saving an evidence file"), error);
  if (known == NULL)
    return FALSE;
  if (PQntuples (known) > 0)
    {
      g_hash_table_add (self->kept_blobs, g_strdup (sha256));
      return TRUE;
    }

  bytes = read_cached (self, sha256);
  if (bytes == NULL)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND,
                   _ ("The evidence file %s is neither in the database nor in this computer's "
                      "evidence folder"),
                   sha256);
      return FALSE;
    }
  data = g_bytes_get_data (bytes, &len);
  xs_pg_int (&p, (gint64)len);
  /* Another clerk saving the same scan at the same moment waits here for the first, then
   * finds it kept: only one of them writes the chunks. */
  claimed = xs_pg_run (self,
                       "INSERT INTO blobs (sha256, size) VALUES ($1, $2) "
                       "ON CONFLICT (sha256) DO NOTHING RETURNING sha256",
                       &p, _ ("saving an evidence file"), error);
  if (claimed == NULL)
    return FALSE;
  if (PQntuples (claimed) > 0)
    for (gsize offset = 0, n = 0; offset < len || (len == 0 && n == 0); offset += CHUNK_BYTES, n++)
      if (!insert_chunk (self, sha256, (int)n, data + offset, MIN (CHUNK_BYTES, len - offset),
                         error))
        return FALSE;
  g_hash_table_add (self->kept_blobs, g_strdup (sha256));
  return TRUE;
}

static gboolean
write_cache_file (XsPgStore *self, const char *path, GBytes *bytes, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *tmp = g_build_filename (dir, ".fetching-XXXXXX", NULL);
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0 ||
      (fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600)) < 0)
    goto failed;
  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          close (fd);
          goto failed_unlink;
        }
      data += n;
      len -= (gsize)n;
    }
  if (fsync (fd) != 0 || close (fd) != 0 || g_rename (tmp, path) != 0)
    goto failed_unlink;
  return TRUE;

failed_unlink:
  g_unlink (tmp);
failed:
  {
    int saved = errno;

    g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_FAILED,
                 _ ("Cannot write to the evidence cache %s: %s"), dir, g_strerror (saved));
  }
  return FALSE;
}

/* Fetches the file of @sha256 into the local cache, unless a whole copy is there already. */
static gboolean
store_fetch_evidence (XsStore *store, const char *sha256, GError **error)
{
  XsPgStore *self = XS_PG_STORE (store);
  g_autofree char *path = dup_cache_path (self, sha256);
  g_autoptr (GBytes) cached = NULL;
  g_autoptr (PGresult) result = NULL;
  g_autoptr (GByteArray) data = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *actual = NULL;
  const char *values[1] = { sha256 };
  int formats[1] = { 0 };

  if (path == NULL)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND, _ ("“%s” is not a SHA-256"),
                   sha256);
      return FALSE;
    }
  cached = read_cached (self, sha256);
  if (cached != NULL)
    return TRUE;

  /* Asked for in binary: a bytea in text form is twice its size. */
  result = PQexecParams (self->conn, "SELECT data FROM blob_chunks WHERE sha256 = $1 ORDER BY n", 1,
                         NULL, values, NULL, formats, 1);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    return xs_pg_set_error (self, error, result, _ ("reading an evidence file"));
  if (PQntuples (result) == 0)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND,
                   _ ("The evidence file %s is not in the database"), sha256);
      return FALSE;
    }
  data = g_byte_array_new ();
  for (int row = 0; row < PQntuples (result); row++)
    {
      if (data->len + (gsize)PQgetlength (result, row, 0) > XS_BLOB_MAX_BYTES)
        break;
      g_byte_array_append (data, (const guint8 *)PQgetvalue (result, row, 0),
                           (guint)PQgetlength (result, row, 0));
    }
  bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (!g_str_equal (actual, sha256))
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_FAILED,
                   _ ("The evidence file %s in the database was changed (its content now hashes "
                      "to %s)"),
                   sha256, actual);
      return FALSE;
    }
  return write_cache_file (self, path, bytes, error);
}

void
xs_pg_store_blobs_init (XsStoreInterface *iface)
{
  iface->fetch_evidence = store_fetch_evidence;
}
