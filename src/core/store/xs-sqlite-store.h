/* xs-sqlite-store.h — the SQLite backend of XsStore.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-store.h"

G_BEGIN_DECLS

#define XS_TYPE_SQLITE_STORE (xs_sqlite_store_get_type ())
G_DECLARE_FINAL_TYPE (XsSqliteStore, xs_sqlite_store, XS, SQLITE_STORE, GObject)

XsSqliteStore *xs_sqlite_store_open (const char *path, GError **error);
XsSqliteStore *xs_sqlite_store_open_at_version (const char *path, int target, GError **error);
int xs_sqlite_store_get_schema_version (XsSqliteStore *self);
gboolean xs_sqlite_store_set_cache_size (XsSqliteStore *self, guint kib, GError **error);
int xs_sqlite_store_get_latest_schema_version (void);
const char *xs_sqlite_store_get_path (XsSqliteStore *self);

G_END_DECLS
