/* xs-worker.c — the one way to run work off the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-worker.h"

typedef struct
{
  XsWorkFunc work;
  gpointer data;
  GDestroyNotify data_free;
  GDestroyNotify result_free;
} Work;

static void
work_free (Work *work)
{
  if (work->data_free != NULL)
    work->data_free (work->data);
  g_free (work);
}

static void
run_in_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  Work *work = task_data;
  gpointer result = NULL;
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !work->work (work->data, cancellable, &result, &error))
    {
      if (result != NULL && work->result_free != NULL)
        work->result_free (result);
      if (error == NULL) /* a work that forgot to say why */
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, "failed");
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, result, work->result_free);
}

/**
 * xs_worker_run:
 * @source_object: (nullable): passed to @callback
 * @work: what runs in the worker thread, with @data
 * @data_free: (nullable): frees @data once the run is over, on whichever thread drops it last
 * @result_free: (nullable): frees a result nobody collected
 *
 * @callback runs on the caller's thread-default main context; call xs_worker_finish() there.
 */
void
xs_worker_run (gpointer source_object, GCancellable *cancellable, gpointer source_tag,
               XsWorkFunc work, gpointer data, GDestroyNotify data_free, GDestroyNotify result_free,
               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr (GTask) task = g_task_new (source_object, cancellable, callback, user_data);
  Work *w = g_new0 (Work, 1);

  w->work = work;
  w->data = data;
  w->data_free = data_free;
  w->result_free = result_free;
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, w, (GDestroyNotify)work_free);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * xs_worker_finish:
 * @out_result: (out) (optional) (transfer full): the work's result
 *
 * Returns: %FALSE with @error set when the work failed or was cancelled
 */
gboolean
xs_worker_finish (GAsyncResult *result, gpointer *out_result, GError **error)
{
  GTask *task = G_TASK (result);
  Work *work = g_task_get_task_data (task);
  gpointer value;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  if (out_result != NULL)
    *out_result = NULL;
  value = g_task_propagate_pointer (task, error);
  if (g_task_had_error (task))
    return FALSE;
  if (out_result != NULL)
    *out_result = value;
  else if (value != NULL && work->result_free != NULL)
    work->result_free (value);
  return TRUE;
}

/* The @data the run was given, for the callback. */
gpointer
xs_worker_get_data (GAsyncResult *result)
{
  Work *work = g_task_get_task_data (G_TASK (result));
  return work->data;
}
