/* xs-pg-store-private.h — what the PostgreSQL store's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libpq-fe.h>

#include "xs-pg-store.h"

G_BEGIN_DECLS

struct _XsPgStore
{
  GObject parent_instance;

  char *uri;
  PGconn *conn;
  GFile *evidence_dir;    /* the local read cache of the evidence kept in the database */
  GHashTable *statements; /* SQL text (static) → its prepared statement's name */
  GHashTable *kept_blobs; /* sha256s known to be in the database: blobs are never removed,
                           * so only a rollback (of the transaction that kept one) forgets */
  guint next_statement;
  guint next_cursor;
};

/* The parameters of one statement, all sent as text: PostgreSQL types them by their use. */
#define XS_PG_MAX_PARAMS 24

typedef struct
{
  const char *values[XS_PG_MAX_PARAMS];
  char numbers[XS_PG_MAX_PARAMS][24];
  int n;
} XsPgParams;

void xs_pg_text (XsPgParams *p, const char *text);
void xs_pg_int (XsPgParams *p, gint64 value);
/* @value, or NULL when it is 0 (a year or a span that is not set). */
void xs_pg_int_or_null (XsPgParams *p, gint64 value);
/* Appends @value (NULL for SQL NULL) to @array, a PostgreSQL array literal under
 * construction ("{" at first): a list of rows goes to the server as one parameter. */
void xs_pg_array_add (GString *array, const char *value);
void xs_pg_array_end (GString *array);

/* Runs the statement for @sql (a string literal, prepared once per connection). Returns the
 * result, or NULL with @error set when it failed: @what says what was being done. */
PGresult *xs_pg_run (XsPgStore *self, const char *sql, const XsPgParams *p, const char *what,
                     GError **error);
/* The same, for a statement that returns no rows; sets *@changed to the rows it touched. */
gboolean xs_pg_do (XsPgStore *self, const char *sql, const XsPgParams *p, const char *what,
                   gint64 *changed, GError **error);

typedef gboolean (*XsPgRowFunc) (PGresult *result, int row, gpointer user_data);
/* Calls @func on each row in turn, a batch of rows in memory at a time; @func may run other
 * statements. @func returning FALSE stops early. */
gboolean xs_pg_foreach_row (XsPgStore *self, const char *sql, const XsPgParams *p, XsPgRowFunc func,
                            gpointer user_data, const char *what, GError **error);
gboolean xs_pg_exec (XsPgStore *self, const char *sql, GError **error);
gboolean xs_pg_set_error (XsPgStore *self, GError **error, PGresult *result, const char *what);

char *xs_pg_dup (PGresult *result, int row, int column);
const char *xs_pg_get (PGresult *result, int row, int column);
gint64 xs_pg_get_int (PGresult *result, int row, int column);

gboolean xs_pg_keep_blob (XsPgStore *self, const char *sha256, GError **error);

void xs_pg_store_records_init (XsStoreInterface *iface);
void xs_pg_store_reports_init (XsStoreInterface *iface);
void xs_pg_store_blobs_init (XsStoreInterface *iface);
void xs_pg_store_texts_init (XsStoreInterface *iface);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PGresult, PQclear)

G_END_DECLS
