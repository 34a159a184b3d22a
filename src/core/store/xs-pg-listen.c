/* xs-pg-listen.c — hears other clerks' changes to a shared database (LISTEN/NOTIFY).
 *
 * A connection of its own that only listens: the schema's triggers (migration 3 → 4 in
 * xs-pg-store.c) name the person whose records changed when the change commits, and the
 * application reads them again. The caller watches the socket (g_unix_fd_add) and calls
 * xs_pg_listener_take_changes() when it is readable.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <libpq-fe.h>

#include "xs-pg-listen.h"
#include "xs-store.h"

struct _XsPgListener
{
  PGconn *conn;
};

void
xs_pg_listener_free (XsPgListener *listener)
{
  if (listener == NULL)
    return;
  if (listener->conn != NULL)
    PQfinish (listener->conn);
  g_free (listener);
}

static gboolean
set_error (XsPgListener *listener, GError **error)
{
  g_autofree char *message = g_strdup (PQerrorMessage (listener->conn));

  g_strchomp (message);
  g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_OPEN,
               _ ("Cannot hear other clerks' changes: %s"), message);
  return FALSE;
}

/**
 * xs_pg_listener_new:
 * @uri: the database, as xs_store_open() takes it
 *
 * Returns: (transfer full): a listener, or %NULL when the server cannot be reached
 */
XsPgListener *
xs_pg_listener_new (const char *uri, GError **error)
{
  g_autoptr (XsPgListener) listener = g_new0 (XsPgListener, 1);
  PGresult *result;
  gboolean ok;

  listener->conn = PQconnectdb (uri);
  if (PQstatus (listener->conn) != CONNECTION_OK)
    {
      set_error (listener, error);
      return NULL;
    }
  result = PQexec (listener->conn, "LISTEN xueshi_changes");
  ok = PQresultStatus (result) == PGRES_COMMAND_OK;
  PQclear (result);
  if (!ok || PQsetnonblocking (listener->conn, 1) != 0)
    {
      set_error (listener, error);
      return NULL;
    }
  return g_steal_pointer (&listener);
}

int
xs_pg_listener_get_fd (XsPgListener *listener)
{
  return PQsocket (listener->conn);
}

/**
 * xs_pg_listener_take_changes:
 * @out_everything: (out): set when a change concerns every person (a unit changed)
 *
 * Reads what has arrived, without waiting.
 *
 * Returns: (transfer full) (element-type utf8): the persons whose records changed, each
 *   once; %NULL when the connection broke (the caller listens again later)
 */
GPtrArray *
xs_pg_listener_take_changes (XsPgListener *listener, gboolean *out_everything, GError **error)
{
  g_autoptr (GPtrArray) persons = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  PGnotify *notify;

  *out_everything = FALSE;
  if (!PQconsumeInput (listener->conn) || PQstatus (listener->conn) != CONNECTION_OK)
    {
      set_error (listener, error);
      return NULL;
    }
  while ((notify = PQnotifies (listener->conn)) != NULL)
    {
      const char *person = notify->extra;

      if (person == NULL || *person == '\0')
        *out_everything = TRUE;
      else if (!g_hash_table_contains (seen, person))
        {
          char *copy = g_strdup (person);

          g_ptr_array_add (persons, copy);
          g_hash_table_add (seen, copy);
        }
      PQfreemem (notify);
    }
  return g_steal_pointer (&persons);
}
