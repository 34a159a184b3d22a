/* xs-db-lock.h — the lock every program on a database holds, that close() cannot drop.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _XsDbLock XsDbLock;

XsDbLock *xs_db_lock_open (const char *db_path, GError **error);
gboolean xs_db_lock_begin_write (XsDbLock *lock, guint timeout_ms, GError **error);
void xs_db_lock_end_write (XsDbLock *lock);
gboolean xs_db_lock_try_alone (XsDbLock *lock);
void xs_db_lock_free (XsDbLock *lock);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsDbLock, xs_db_lock_free)

G_END_DECLS
