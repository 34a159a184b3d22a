/* xs-pg-store.h — the PostgreSQL backend of XsStore: many clerks on one database.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-store.h"

G_BEGIN_DECLS

#define XS_TYPE_PG_STORE (xs_pg_store_get_type ())
G_DECLARE_FINAL_TYPE (XsPgStore, xs_pg_store, XS, PG_STORE, GObject)

XsPgStore *xs_pg_store_open (const char *uri, GError **error);
int xs_pg_store_get_schema_version (XsPgStore *self);
int xs_pg_store_get_latest_schema_version (void);
const char *xs_pg_store_get_uri (XsPgStore *self);

G_END_DECLS
