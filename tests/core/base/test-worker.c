/* test-worker.c — xs_worker_run(): off the main thread, back on it, cancellable, nothing leaked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-core.h"

typedef struct
{
  GThread *main_thread;
  GThread *work_thread;
  gint freed;
  gboolean done;
  gboolean ok;
  char *result;
  GError *error;
} Run;

static gboolean
double_it (gpointer data, GCancellable *cancellable, gpointer *out_result, GError **error)
{
  Run *run = g_object_get_data (G_OBJECT (cancellable), "run");

  run->work_thread = g_thread_self ();
  *out_result = g_strdup_printf ("%s%s", (char *)g_object_get_data (G_OBJECT (cancellable), "text"),
                                 (char *)g_object_get_data (G_OBJECT (cancellable), "text"));
  return TRUE;
}

static gboolean
wait_then_stop (gpointer data, GCancellable *cancellable, gpointer *out_result, GError **error)
{
  while (!g_cancellable_is_cancelled (cancellable))
    g_usleep (1000);
  *out_result = g_strdup ("late");
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static void
count_free (gpointer data)
{
  g_atomic_int_inc ((gint *)data);
}

static void
on_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  g_assert_true (g_thread_self () == run->main_thread);
  run->ok = xs_worker_finish (result, (gpointer *)&run->result, &run->error);
  run->done = TRUE;
}

static void
test_result_comes_back_on_the_main_thread (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Run run = { g_thread_self () };

  g_object_set_data (G_OBJECT (cancellable), "run", &run);
  g_object_set_data (G_OBJECT (cancellable), "text", "学时");
  xs_worker_run (NULL, cancellable, test_result_comes_back_on_the_main_thread, double_it,
                 &run.freed, count_free, g_free, on_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (run.ok);
  g_assert_no_error (run.error);
  g_assert_cmpstr (run.result, ==, "学时学时");
  g_assert_true (run.work_thread != run.main_thread);
  g_free (run.result);
  while (g_atomic_int_get (&run.freed) == 0)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (run.freed, ==, 1);
}

static void
test_cancelling_ends_with_cancelled (void)
{
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Run run = { g_thread_self () };

  xs_worker_run (NULL, cancellable, test_cancelling_ends_with_cancelled, wait_then_stop, &run.freed,
                 count_free, g_free, on_done, &run);
  g_cancellable_cancel (cancellable);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (run.ok);
  g_assert_null (run.result);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/worker/result-comes-back-on-the-main-thread",
                   test_result_comes_back_on_the_main_thread);
  g_test_add_func ("/worker/cancelling-ends-with-cancelled", test_cancelling_ends_with_cancelled);
  return g_test_run ();
}
