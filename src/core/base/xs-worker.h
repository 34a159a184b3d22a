/* xs-worker.h — the one way to run work off the main thread.
 *
 * The work runs in GIO's thread pool; its result (or error) comes back through a
 * GAsyncReadyCallback on the thread-default main context of the caller, so widgets are only
 * touched on the main thread. Cancelling before the work starts, or while it runs, ends it
 * with G_IO_ERROR_CANCELLED (the work checks @cancellable where it can stop).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Runs in a worker thread. Returns FALSE with @error set on failure; on success may put a
 * result in @out_result (freed with the run's @result_free if nobody collects it). */
typedef gboolean (*XsWorkFunc) (gpointer data, GCancellable *cancellable, gpointer *out_result,
                                GError **error);

void xs_worker_run (gpointer source_object, GCancellable *cancellable, gpointer source_tag,
                    XsWorkFunc work, gpointer data, GDestroyNotify data_free,
                    GDestroyNotify result_free, GAsyncReadyCallback callback, gpointer user_data);
gboolean xs_worker_finish (GAsyncResult *result, gpointer *out_result, GError **error);
gpointer xs_worker_get_data (GAsyncResult *result);

G_END_DECLS
