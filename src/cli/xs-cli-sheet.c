/* xs-cli-sheet.c — `xueshi-cli sheet PERSON-ID -o FILE.pdf`, `sheet --all -o FOLDER`,
 * `sheet --all --combined -o FILE.pdf`.
 *
 * A batch is all or nothing: every sheet is written under a temporary name first and the
 * files are renamed into place only when all of them rendered. Separate files render on a
 * few threads, each with its own renderer; the records are read on the main thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "xs-cli-private.h"

#define MAX_THREADS 4
/* Sheets read ahead of the renderers, per thread: bounds memory on a city-sized roster. */
#define QUEUE_PER_THREAD 4

typedef struct
{
  gboolean draft;
  char *operator_name;
  GDateTime *time;
} Options;

typedef struct
{
  XsSheet *sheet;
  char *path;
  XsSheetPdf *pdf; /* finished, not yet committed */
  GError *error;
} Job;

typedef struct
{
  GAsyncQueue *renderers; /* XsSheetRenderer, one per thread, taken while rendering */
  GAsyncQueue *slots;     /* tokens: how many more sheets may be queued */
  GMutex lock;
  guint done;
  guint total;
  gboolean progress;
} Batch;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->sheet, xs_sheet_unref);
  g_clear_pointer (&job->pdf, xs_sheet_pdf_free);
  g_clear_error (&job->error);
  g_free (job->path);
  g_free (job);
}

static const char *
default_operator (void)
{
  const char *real = g_get_real_name ();

  if (real != NULL && *real != '\0' && !g_str_equal (real, "Unknown"))
    return real;
  return g_get_user_name ();
}

static XsSheetRenderer *
make_renderer (const Options *options, GError **error)
{
  XsSheetRenderer *renderer = xs_sheet_renderer_new (error);

  if (renderer == NULL)
    return NULL;
  xs_sheet_renderer_set_time (renderer, options->time);
  xs_sheet_renderer_set_operator (renderer, options->operator_name);
  xs_sheet_renderer_set_draft (renderer, options->draft);
  return renderer;
}

static void
show_progress (Batch *batch, guint done)
{
  if (!batch->progress)
    return;
  g_mutex_lock (&batch->lock);
  g_printerr (_ ("\rRendering sheets… %u/%u"), done, batch->total);
  g_mutex_unlock (&batch->lock);
}

static void
warn_pending (XsSheet *sheet)
{
  guint pending = xs_sheet_get_pending (sheet);
  XsPerson *person = xs_sheet_get_person (sheet);

  if (pending > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "warning: %s (%s): %u activity awaits review and is not on the "
                             "sheet\n",
                             "warning: %s (%s): %u activities await review and are not on the "
                             "sheet\n",
                             pending),
                person->name, person->id, pending);
}

static int
sheet_one (const XsCliGlobals *globals, XsRules *rules, const Options *options,
           const char *person_id, const char *output)
{
  g_autoptr (XsStore) store = NULL;
  g_autoptr (XsSheet) sheet = NULL;
  g_autoptr (XsSheetRenderer) renderer = NULL;
  g_autoptr (XsSheetPdf) pdf = NULL;
  GError *error = NULL;

  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);
  sheet = xs_sheet_new_from_store (store, rules, person_id, &error);
  if (sheet == NULL)
    return xs_cli_fail (error);
  renderer = make_renderer (options, &error);
  if (renderer == NULL)
    return xs_cli_fail (error);

  pdf = xs_sheet_pdf_new (renderer, output, &error);
  if (pdf == NULL || !xs_sheet_pdf_add (pdf, sheet, &error) || !xs_sheet_pdf_commit (pdf, &error))
    return xs_cli_fail (error);

  warn_pending (sheet);
  g_print ("%s\n", output);
  return XS_CLI_OK;
}

static int
sheet_combined (const XsCliGlobals *globals, XsRules *rules, const Options *options,
                const char *output)
{
  g_autoptr (XsStore) store = NULL;
  g_autoptr (GPtrArray) persons = NULL;
  g_autoptr (XsSheetRenderer) renderer = NULL;
  g_autoptr (XsSheetPdf) pdf = NULL;
  gboolean progress = isatty (STDERR_FILENO);
  GError *error = NULL;

  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);
  persons = xs_store_list_persons (store, &error);
  if (persons == NULL)
    return xs_cli_fail (error);
  if (persons->len == 0)
    {
      g_printerr (_ ("xueshi-cli: there is nobody in the records to print a sheet for\n"));
      return XS_CLI_FAILED;
    }
  renderer = make_renderer (options, &error);
  if (renderer == NULL)
    return xs_cli_fail (error);
  pdf = xs_sheet_pdf_new (renderer, output, &error);
  if (pdf == NULL)
    return xs_cli_fail (error);

  for (guint i = 0; i < persons->len; i++)
    {
      XsPerson *person = g_ptr_array_index (persons, i);
      g_autoptr (XsSheet) sheet = xs_sheet_new_from_store (store, rules, person->id, &error);

      if (sheet == NULL || !xs_sheet_pdf_add (pdf, sheet, &error))
        {
          if (progress)
            g_printerr ("\n");
          return xs_cli_fail (error);
        }
      if (progress)
        g_printerr (_ ("\rRendering sheets… %u/%u"), i + 1, persons->len);
    }
  if (progress)
    g_printerr ("\n");
  if (!xs_sheet_pdf_commit (pdf, &error))
    return xs_cli_fail (error);

  g_print ("%s\n", output);
  return XS_CLI_OK;
}

static void
render_job (gpointer data, gpointer user_data)
{
  Job *job = data;
  Batch *batch = user_data;
  XsSheetRenderer *renderer = g_async_queue_pop (batch->renderers);
  g_autoptr (XsSheetPdf) pdf = xs_sheet_pdf_new (renderer, job->path, &job->error);
  guint done;

  if (pdf != NULL && xs_sheet_pdf_add (pdf, job->sheet, &job->error) &&
      xs_sheet_pdf_finish (pdf, &job->error))
    job->pdf = g_steal_pointer (&pdf);
  g_async_queue_push (batch->renderers, renderer);

  /* The sheet's records are not needed any more; let the reader load the next ones. */
  g_clear_pointer (&job->sheet, xs_sheet_unref);
  g_async_queue_push (batch->slots, GINT_TO_POINTER (1));

  g_mutex_lock (&batch->lock);
  done = ++batch->done;
  g_mutex_unlock (&batch->lock);
  show_progress (batch, done);
}

static char *
unique_path (GHashTable *used, const char *folder, XsSheet *sheet)
{
  g_autofree char *name = xs_sheet_dup_file_name (sheet);

  /* Namesakes with the same ID tail: the person id tells them apart. */
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

/* One more than the processors: each file is synced to disk before it counts as written,
 * and a renderer waiting on the disk leaves its processor idle. 1,000 sheets on two
 * processors: 16.2 s with two renderers, 15.2 s with three. */
static guint
default_threads (void)
{
  return MIN (g_get_num_processors () + 1, MAX_THREADS);
}

static int
sheet_all (const XsCliGlobals *globals, XsRules *rules, const Options *options, const char *folder,
           guint threads)
{
  g_autoptr (XsStore) store = NULL;
  g_autoptr (GPtrArray) persons = NULL;
  g_autoptr (GPtrArray) jobs = g_ptr_array_new_with_free_func ((GDestroyNotify)job_free);
  g_autoptr (GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) renderers = g_ptr_array_new_with_free_func (g_object_unref);
  GThreadPool *pool;
  Batch batch = { 0 };
  GError *error = NULL;
  GError *read_error = NULL;

  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);
  persons = xs_store_list_persons (store, &error);
  if (persons == NULL)
    return xs_cli_fail (error);
  if (persons->len == 0)
    {
      g_printerr (_ ("xueshi-cli: there is nobody in the records to print a sheet for\n"));
      return XS_CLI_FAILED;
    }
  if (g_mkdir_with_parents (folder, 0777) != 0 || !g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      int errsv = errno;
      g_autofree char *display = g_filename_display_name (folder);

      g_printerr (_ ("xueshi-cli: cannot make the folder “%s”: %s\n"), display,
                  g_strerror (errsv != 0 ? errsv : ENOTDIR));
      return XS_CLI_FAILED;
    }

  threads = CLAMP (threads, 1, persons->len);
  batch.renderers = g_async_queue_new ();
  batch.slots = g_async_queue_new ();
  batch.total = persons->len;
  batch.progress = isatty (STDERR_FILENO);
  g_mutex_init (&batch.lock);
  for (guint i = 0; i < threads; i++)
    {
      XsSheetRenderer *renderer = make_renderer (options, &error);

      if (renderer == NULL)
        {
          g_async_queue_unref (batch.renderers);
          g_async_queue_unref (batch.slots);
          g_mutex_clear (&batch.lock);
          return xs_cli_fail (error);
        }
      g_ptr_array_add (renderers, renderer);
      g_async_queue_push (batch.renderers, renderer);
    }
  for (guint i = 0; i < threads * QUEUE_PER_THREAD; i++)
    g_async_queue_push (batch.slots, GINT_TO_POINTER (1));

  pool = g_thread_pool_new (render_job, &batch, (int)threads, FALSE, NULL);
  for (guint i = 0; i < persons->len && read_error == NULL; i++)
    {
      XsPerson *person = g_ptr_array_index (persons, i);
      Job *job;

      g_async_queue_pop (batch.slots);
      job = g_new0 (Job, 1);
      job->sheet = xs_sheet_new_from_store (store, rules, person->id, &read_error);
      if (job->sheet == NULL)
        {
          job_free (job);
          break;
        }
      job->path = unique_path (used, folder, job->sheet);
      g_ptr_array_add (jobs, job);
      g_thread_pool_push (pool, job, NULL);
    }
  g_thread_pool_free (pool, FALSE, TRUE);
  if (batch.progress)
    g_printerr ("\n");
  g_async_queue_unref (batch.renderers);
  g_async_queue_unref (batch.slots);
  g_mutex_clear (&batch.lock);

  /* All or nothing: the first failure, in roster order, and no file renamed into place. */
  if (read_error != NULL)
    return xs_cli_fail (read_error);
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      if (job->error != NULL)
        {
          XsPerson *person = g_ptr_array_index (persons, i);

          g_prefix_error (&job->error, "%s (%s): ", person->name, person->id);
          return xs_cli_fail (g_steal_pointer (&job->error));
        }
    }
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);

      if (!xs_sheet_pdf_commit (job->pdf, &error))
        return xs_cli_fail (error);
    }
  for (guint i = 0; i < jobs->len; i++)
    {
      Job *job = g_ptr_array_index (jobs, i);
      g_print ("%s\n", job->path);
    }
  return XS_CLI_OK;
}

int
xs_cli_sheet (const XsCliGlobals *globals, int argc, char **argv)
{
  gboolean all = FALSE, combined = FALSE, draft = FALSE;
  g_autofree char *output = NULL;
  g_autofree char *operator_name = NULL;
  int jobs = 0;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_ ("The PDF to write; with --all, the folder for one PDF per person"), N_ ("PATH") },
    { "all", 0, 0, G_OPTION_ARG_NONE, &all, N_ ("Everybody in the records"), NULL },
    { "combined", 0, 0, G_OPTION_ARG_NONE, &combined,
      N_ ("With --all: one PDF holding every sheet"), NULL },
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, N_ ("Print 草稿 (draft) across every page"), NULL },
    { "operator", 0, 0, G_OPTION_ARG_STRING, &operator_name,
      N_ ("Operator named on the sheet (default: your name)"), N_ ("NAME") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs,
      N_ ("Sheets rendered at once with --all (default: processors + 1, at most 4)"), N_ ("N") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (
      _ ("PERSON-ID -o FILE.pdf | --all -o FOLDER | --all --combined -o FILE.pdf — render "
         "confirmation sheets"));
  g_autoptr (XsRules) rules = NULL;
  Options options = { 0 };
  GError *error = NULL;
  int status = XS_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (output == NULL || *output == '\0')
    return xs_cli_usage (context,
                         _ ("sheet needs -o: the PDF (or, with --all, the folder) to write"));
  if (all && argc != 1)
    return xs_cli_usage (context, _ ("sheet --all takes no person id"));
  if (!all && argc != 2)
    return xs_cli_usage (context, _ ("sheet takes one person id, or --all"));
  if (combined && !all)
    return xs_cli_usage (context, _ ("--combined goes with --all"));
  if (jobs < 0 || jobs > 64)
    return xs_cli_usage (context, _ ("--jobs takes a number from 1 to 64"));

  rules = xs_rules_get_default (&error);
  if (rules == NULL)
    return xs_cli_fail (error);
  options.time = xs_sheet_dup_generation_time (&error);
  if (options.time == NULL)
    return xs_cli_fail (error);
  options.draft = draft;
  options.operator_name = operator_name != NULL ? operator_name : (char *)default_operator ();

  if (!all)
    status = sheet_one (globals, rules, &options, argv[1], output);
  else if (combined)
    status = sheet_combined (globals, rules, &options, output);
  else
    status =
        sheet_all (globals, rules, &options, output, jobs > 0 ? (guint)jobs : default_threads ());
  g_date_time_unref (options.time);
  return status;
}
