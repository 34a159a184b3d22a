/* xs-pg-listen.h — hears other clerks' changes to a shared database (LISTEN/NOTIFY).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _XsPgListener XsPgListener;

XsPgListener *xs_pg_listener_new (const char *uri, GError **error);
void xs_pg_listener_free (XsPgListener *listener);
int xs_pg_listener_get_fd (XsPgListener *listener);
GPtrArray *xs_pg_listener_take_changes (XsPgListener *listener, gboolean *out_everything,
                                        GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsPgListener, xs_pg_listener_free)

G_END_DECLS
