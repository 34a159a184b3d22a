/* xs-sheet-batch.c — one confirmation sheet per person into a folder, several at once.
 *
 * The calling thread reads each person's records (SQLite connections are not shared) and
 * hands the sheet to a pool of renderers, a few sheets ahead at most, so a city's roster does
 * not sit in memory. Every file is written under a temporary name and synced; only when all
 * are written are they renamed into place, in roster order: all or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "xs-sheet-batch.h"
#include "xs-sheet.h"

#define MAX_THREADS 4
/* Sheets read ahead of the renderers, per thread: bounds memory on a city-sized roster. */
#define QUEUE_PER_THREAD 4

typedef struct
{
  XsSheet *sheet;
  XsPerson *person;
  char *path;
  gboolean pending; /* activities await review, not on the sheet */
  XsSheetPdf *pdf;  /* finished, not yet committed */
  GError *error;
} Job;

typedef struct
{
  GAsyncQueue *renderers; /* XsSheetRenderer, one per thread, taken while rendering */
  GAsyncQueue *slots;     /* tokens: how many more sheets may be queued */
  GMutex lock;
  guint done;
  guint total;
  gint failed;   /* atomic: a sheet could not be written, so the batch cannot succeed */
  char *staging; /* the hidden folder the unfinished files are written in */
  const XsSheetBatchOptions *options;
} Batch;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->sheet, xs_sheet_unref);
  g_clear_pointer (&job->person, xs_person_unref);
  g_clear_pointer (&job->pdf, xs_sheet_pdf_free);
  g_clear_error (&job->error);
  g_free (job->path);
  g_free (job);
}

/**
 * xs_sheet_batch_default_threads:
 *
 * One more than the processors: each file is synced to disk before it counts as written, and
 * a renderer waiting on the disk leaves its processor idle. 1,000 sheets on two processors:
 * 16.2 s with two renderers, 15.2 s with three.
 */
guint
xs_sheet_batch_default_threads (void)
{
  return MIN (g_get_num_processors () + 1, MAX_THREADS);
}

static void
render_job (gpointer data, gpointer user_data)
{
  Job *job = data;
  Batch *batch = user_data;
  XsSheetRenderer *renderer = g_async_queue_pop (batch->renderers);
  g_autoptr (XsSheetPdf) pdf = NULL;

  /* After a failure or a cancellation nothing will be kept: the rest is not worth rendering. */
  if (!g_cancellable_is_cancelled (batch->options->cancellable) &&
      !g_atomic_int_get (&batch->failed))
    {
      pdf = xs_sheet_pdf_new_staged (renderer, job->path, batch->staging, &job->error);
      if (pdf != NULL && xs_sheet_pdf_add (pdf, job->sheet, &job->error) &&
          xs_sheet_pdf_finish (pdf, &job->error))
        job->pdf = g_steal_pointer (&pdf);
      else
        g_atomic_int_set (&batch->failed, TRUE);
    }
  g_async_queue_push (batch->renderers, renderer);

  /* The sheet's records are not needed any more; let the reader load the next ones. */
  g_clear_pointer (&job->sheet, xs_sheet_unref);
  g_async_queue_push (batch->slots, GINT_TO_POINTER (1));

  g_mutex_lock (&batch->lock);
  batch->done++;
  if (batch->options->progress != NULL)
    batch->options->progress (batch->done, batch->total, batch->options->progress_data);
  g_mutex_unlock (&batch->lock);
}

/* The sheet's own file name; a namesake with the same ID tail gets the person id added. */
static char *
unique_path (GHashTable *used, const char *folder, XsSheet *sheet)
{
  g_autofree char *name = xs_sheet_dup_file_name (sheet);

  if (g_hash_table_contains (used, name))
    {
      g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".pdf"));
      g_autofree char *id = g_strdup (xs_sheet_get_person (sheet)->id);

      g_strdelimit (id, "/\\:*?\"<>|", '_');
      g_free (name);
      name = g_strdup_printf ("%s-%s.pdf", stem, id);
    }
  g_hash_table_add (used, g_strdup (name));
  return g_build_filename (folder, name, NULL);
}

static gboolean
make_folder (const char *folder, GError **error)
{
  if (g_mkdir_with_parents (folder, 0700) != 0 || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv != 0 ? errsv : ENOTDIR),
                   _ ("Cannot make the folder “%s”: %s"), display,
                   g_strerror (errsv != 0 ? errsv : ENOTDIR));
      return FALSE;
    }
  return TRUE;
}

/* @time: the batch's one generation time, so that every sheet of it carries the same */
static XsSheetRenderer *
make_renderer (const XsSheetBatchOptions *options, GDateTime *time, GError **error)
{
  XsSheetRenderer *renderer = xs_sheet_renderer_new (error);

  if (renderer == NULL)
    return NULL;
  xs_sheet_renderer_set_time (renderer, time);
  if (options->operator_name != NULL)
    xs_sheet_renderer_set_operator (renderer, options->operator_name);
  xs_sheet_renderer_set_draft (renderer, options->draft);
  return renderer;
}

/* Reads each person's sheet and queues it; stops at the first that cannot be read, or as
 * soon as one could not be written. */
static void
queue_sheets (XsStore *store, XsRules *rules, GPtrArray *person_ids, const char *folder,
              Batch *batch, GThreadPool *pool, GPtrArray *jobs, GError **error)
{
  g_autoptr (GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < person_ids->len; i++)
    {
      Job *job;

      g_async_queue_pop (batch->slots);
      if (g_cancellable_set_error_if_cancelled (batch->options->cancellable, error) ||
          g_atomic_int_get (&batch->failed))
        return;
      job = g_new0 (Job, 1);
      job->sheet = xs_sheet_new_from_store (store, rules, g_ptr_array_index (person_ids, i), error);
      if (job->sheet == NULL)
        {
          job_free (job);
          return;
        }
      job->person = xs_person_ref (xs_sheet_get_person (job->sheet));
      job->pending = xs_sheet_get_pending (job->sheet) > 0;
      job->path = unique_path (used, folder, job->sheet);
      g_ptr_array_add (jobs, job);
      g_thread_pool_push (pool, job, NULL);
    }
}

/* Renders every sheet into @batch's staging folder, then renames them all into @folder. */
static GPtrArray *
render_and_commit (XsStore *store, XsRules *rules, GPtrArray *person_ids, const char *folder,
                   Batch *batch, GPtrArray *renderers, guint *out_pending, GError **error)
{
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)job_free);
  g_autoptr (GPtrArray) paths = NULL;
  guint threads = renderers->len;
  GThreadPool *pool;
  GError *read_error = NULL;

  batch->renderers = g_async_queue_new ();
  batch->slots = g_async_queue_new ();
  g_mutex_init (&batch->lock);
  for (guint i = 0; i < renderers->len; i++)
    g_async_queue_push (batch->renderers, g_ptr_array_index (renderers, i));
  for (guint i = 0; i < threads * QUEUE_PER_THREAD; i++)
    g_async_queue_push (batch->slots, GINT_TO_POINTER (1));

  pool = g_thread_pool_new (render_job, batch, (int)threads, FALSE, NULL);
  queue_sheets (store, rules, person_ids, folder, batch, pool, jobs, &read_error);
  g_thread_pool_free (pool, FALSE, TRUE);
  g_async_queue_unref (batch->renderers);
  g_async_queue_unref (batch->slots);
  g_mutex_clear (&batch->lock);

  /* All or nothing: a failure (in roster order, among those rendered), and no file renamed
   * into place; the unfinished files go with the jobs. */
  if (read_error != NULL)
    {
      g_propagate_error (error, read_error);
      return NULL;
    }
  if (g_cancellable_set_error_if_cancelled (batch->options->cancellable, error))
    return NULL;
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      if (job->error != NULL)
        {
          g_prefix_error (&job->error, "%s (%s): ", job->person->name, job->person->id);
          g_propagate_error (error, g_steal_pointer (&job->error));
          return NULL;
        }
    }
  paths = g_ptr_array_new_with_free_func (g_free);
  *out_pending = 0;
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      if (!xs_sheet_pdf_commit (job->pdf, error))
        return NULL;
      g_ptr_array_add (paths, g_strdup (job->path));
      *out_pending += job->pending;
    }
  return g_steal_pointer (&paths);
}

/**
 * xs_sheet_batch_write_folder:
 * @person_ids: (element-type utf8): whose sheets, in this order
 * @folder: made if missing
 * @out_pending_persons: (out) (optional): how many of them have activities awaiting review,
 *   which are not on their sheets
 *
 * The unfinished files are kept in a hidden folder of the batch's own inside @folder
 * (`.xueshi-sheets-XXXXXX`), removed at the end: a crash leaves that one folder, not
 * thousands of hidden files among the clerk's.
 *
 * Returns: (transfer full) (element-type filename): the files written, in the order of
 *   @person_ids; %NULL with @error and no file written (but for a rename failing in the
 *   last step, which leaves the files before it in place)
 */
GPtrArray *
xs_sheet_batch_write_folder (XsStore *store, XsRules *rules, GPtrArray *person_ids,
                             const char *folder, const XsSheetBatchOptions *options,
                             guint *out_pending_persons, GError **error)
{
  g_autoptr (GPtrArray) renderers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GDateTime) time = NULL;
  g_autofree char *staging = NULL;
  GPtrArray *paths;
  Batch batch = { 0 };
  guint threads = options->threads > 0 ? options->threads : xs_sheet_batch_default_threads ();
  guint pending = 0;

  if (options->time != NULL)
    time = g_date_time_ref (options->time);
  else
    time = xs_sheet_dup_generation_time (error);
  if (time == NULL || !make_folder (folder, error))
    return NULL;
  threads = CLAMP (threads, 1, MAX (person_ids->len, 1));
  for (guint i = 0; i < threads; i++)
    {
      XsSheetRenderer *renderer = make_renderer (options, time, error);

      if (renderer == NULL)
        return NULL;
      g_ptr_array_add (renderers, renderer);
    }
  staging = g_build_filename (folder, ".xueshi-sheets-XXXXXX", NULL);
  if (g_mkdtemp_full (staging, 0700) == NULL)
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errsv),
                   _ ("Cannot write in the folder “%s”: %s"), display, g_strerror (errsv));
      return NULL;
    }

  batch.total = person_ids->len;
  batch.options = options;
  batch.staging = staging;
  paths = render_and_commit (store, rules, person_ids, folder, &batch, renderers, &pending, error);
  /* Empty now: committed files were renamed out, the others removed with their jobs. */
  g_rmdir (staging);
  if (paths != NULL && out_pending_persons != NULL)
    *out_pending_persons = pending;
  return paths;
}

/**
 * xs_sheet_batch_write_combined:
 * @person_ids: (element-type utf8): whose sheets, in this order
 * @path: the one PDF file they all go into (written to a temporary name, synced, renamed;
 *   readable by its owner only)
 * @out_pending_persons: (out) (optional): how many sheets leave activities out, pending
 *
 * Every person's sheet, one after the other, in one PDF: the CLI's `sheet --all --combined`
 * and the application's export both come here. Cancelling leaves no file.
 */
gboolean
xs_sheet_batch_write_combined (XsStore *store, XsRules *rules, GPtrArray *person_ids,
                               const char *path, const XsSheetBatchOptions *options,
                               guint *out_pending_persons, GError **error)
{
  g_autoptr (GDateTime) time = options->time ? g_date_time_ref (options->time) : NULL;
  g_autoptr (XsSheetRenderer) renderer = NULL;
  g_autoptr (XsSheetPdf) pdf = NULL;
  guint pending = 0;

  if (time == NULL && (time = xs_sheet_dup_generation_time (error)) == NULL)
    return FALSE;
  renderer = make_renderer (options, time, error);
  if (renderer == NULL)
    return FALSE;
  pdf = xs_sheet_pdf_new (renderer, path, error);
  if (pdf == NULL)
    return FALSE;
  for (guint i = 0; i < person_ids->len; i++)
    {
      g_autoptr (XsSheet) sheet = NULL;

      if (g_cancellable_set_error_if_cancelled (options->cancellable, error))
        return FALSE; /* the PDF, freed uncommitted, leaves no file */
      sheet = xs_sheet_new_from_store (store, rules, g_ptr_array_index (person_ids, i), error);
      if (sheet == NULL || !xs_sheet_pdf_add (pdf, sheet, error))
        return FALSE;
      pending += xs_sheet_get_pending (sheet) > 0;
      if (options->progress != NULL)
        options->progress (i + 1, person_ids->len, options->progress_data);
    }
  if (!xs_sheet_pdf_commit (pdf, error))
    return FALSE;
  if (out_pending_persons != NULL)
    *out_pending_persons = pending;
  return TRUE;
}
