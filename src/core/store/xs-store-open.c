/* xs-store-open.c — which backend a database argument names: a path is a SQLite file, a
 * postgresql:// URI a shared PostgreSQL database; anything else that looks like a URI is
 * refused, never taken for a folder's name.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "xs-pg-store.h"
#include "xs-sqlite-store.h"

/* "postgresql://…" and "postgres://…" are libpq's two spellings. */
static gboolean
is_postgresql (const char *scheme)
{
  return g_ascii_strcasecmp (scheme, "postgresql") == 0 ||
         g_ascii_strcasecmp (scheme, "postgres") == 0;
}

/**
 * xs_store_location_is_shared:
 *
 * Returns: whether @location names a PostgreSQL database rather than a file
 */
gboolean
xs_store_location_is_shared (const char *location)
{
  const char *scheme = g_uri_peek_scheme (location);

  return scheme != NULL && is_postgresql (scheme);
}

/**
 * xs_store_open:
 * @location: a SQLite file's path, a file:// URI, or a postgresql:// URI
 *
 * Returns: (transfer full): the open store, migrated to the latest schema
 */
XsStore *
xs_store_open (const char *location, GError **error)
{
  const char *scheme = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (location != NULL, NULL);

  scheme = g_uri_peek_scheme (location);
  if (scheme != NULL && is_postgresql (scheme))
    return (XsStore *)xs_pg_store_open (location, error);
  if (scheme != NULL && g_str_equal (scheme, "file"))
    {
      path = g_filename_from_uri (location, NULL, error);
      if (path == NULL)
        return NULL;
      return (XsStore *)xs_sqlite_store_open (path, error);
    }
  /* A scheme followed by "//" is a URI, whatever the scheme; a file named "a:b.db" is not. */
  if (scheme != NULL && g_str_has_prefix (location + strlen (scheme), "://"))
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_OPEN,
                   _ ("“%s:” is not a kind of database Xueshi knows: give a file's path or a "
                      "postgresql:// address"),
                   scheme);
      return NULL;
    }
  return (XsStore *)xs_sqlite_store_open (location, error);
}
