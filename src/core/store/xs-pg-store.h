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
char *xs_pg_store_dup_safe_uri (const char *uri);

/* A clerk's login (xs-pg-store-users.c). */
typedef struct
{
  char *login;
  char *role;   /* clerk, supervisor, bureau */
  char **units; /* the units it sees; empty for the bureau, which sees all */
} XsPgLogin;

void xs_pg_login_free (XsPgLogin *login);
gboolean xs_pg_store_add_login (XsPgStore *self, const char *login, const char *password,
                                const char *role, const char *const *units, GError **error);
GPtrArray *xs_pg_store_list_logins (XsPgStore *self, GError **error);
gboolean xs_pg_store_sees_everything (XsPgStore *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsPgLogin, xs_pg_login_free)

G_END_DECLS
