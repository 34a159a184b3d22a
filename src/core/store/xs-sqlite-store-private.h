/* xs-sqlite-store-private.h — what the SQLite store's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <sqlite3.h>

#include "xs-db-lock.h"
#include "xs-sqlite-store.h"

G_BEGIN_DECLS

struct _XsSqliteStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  XsDbLock *lock; /* see xs-db-lock.c: what keeps two programs on one file safe */
  GFile *evidence_dir;
  GHashTable *statements; /* SQL text (static) → sqlite3_stmt */
};

gboolean xs_sqlite_set_error (XsSqliteStore *self, GError **error, int code, const char *what);
gboolean xs_sqlite_exec (XsSqliteStore *self, const char *sql, GError **error);
/* The cached statement for @sql, reset and unbound. @sql must be a string literal. */
sqlite3_stmt *xs_sqlite_statement (XsSqliteStore *self, const char *sql, GError **error);
void xs_sqlite_bind_text (sqlite3_stmt *stmt, int i, const char *text);
char *xs_sqlite_column_dup (sqlite3_stmt *stmt, int i);
gboolean xs_sqlite_step_done (XsSqliteStore *self, sqlite3_stmt *stmt, const char *what,
                              GError **error);
gboolean xs_sqlite_changed_one_row (XsSqliteStore *self, const char *what, const char *id,
                                    GError **error);

void xs_sqlite_store_records_init (XsStoreInterface *iface);
void xs_sqlite_store_reports_init (XsStoreInterface *iface);
void xs_sqlite_store_texts_init (XsStoreInterface *iface);

G_END_DECLS
