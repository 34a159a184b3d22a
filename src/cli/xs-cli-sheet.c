/* xs-cli-sheet.c — `xueshi-cli sheet PERSON-ID -o FILE.pdf`, `sheet --all -o FOLDER`,
 * `sheet --all --combined -o FILE.pdf`.
 *
 * A batch is all or nothing: every sheet is written under a temporary name first and the
 * files are renamed into place only when all of them rendered. Separate files are the core's
 * batch (xs-sheet-batch.c, shared with the application): a few threads, each with its own
 * renderer, the records read on the calling thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

typedef struct
{
  gboolean draft;
  char *operator_name;
  GDateTime *time;
} Options;

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

static void
show_progress (guint done, guint total, gpointer user_data)
{
  g_printerr (_ ("\rRendering sheets… %u/%u"), done, total);
}

/* Everyone's sheets: one file each in @output, a folder, or all in one PDF (@combined). */
static int
sheet_all (const XsCliGlobals *globals, XsRules *rules, const Options *options, const char *output,
           guint threads, gboolean combined)
{
  g_autoptr (XsStore) store = NULL;
  g_autoptr (GPtrArray) persons = NULL;
  g_autoptr (GPtrArray) ids = NULL;
  g_autoptr (GPtrArray) paths = NULL;
  XsSheetBatchOptions batch = {
    .operator_name = options->operator_name,
    .time = options->time,
    .draft = options->draft,
    .threads = threads,
    .progress = isatty (STDERR_FILENO) ? show_progress : NULL,
  };
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
  ids = g_ptr_array_new_full (persons->len, NULL);
  for (guint i = 0; i < persons->len; i++)
    g_ptr_array_add (ids, ((XsPerson *)g_ptr_array_index (persons, i))->id);

  if (combined)
    {
      gboolean ok = xs_sheet_batch_write_combined (store, rules, ids, output, &batch, NULL, &error);

      if (batch.progress != NULL)
        g_printerr ("\n");
      if (!ok)
        return xs_cli_fail (error);
      g_print ("%s\n", output);
      return XS_CLI_OK;
    }
  paths = xs_sheet_batch_write_folder (store, rules, ids, output, &batch, NULL, &error);
  if (batch.progress != NULL)
    g_printerr ("\n");
  if (paths == NULL)
    return xs_cli_fail (error);
  for (guint i = 0; i < paths->len; i++)
    g_print ("%s\n", (const char *)g_ptr_array_index (paths, i));
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
    status = sheet_all (globals, rules, &options, output, 1, TRUE);
  else
    status = sheet_all (globals, rules, &options, output, (guint)jobs, FALSE);
  g_date_time_unref (options.time);
  return status;
}
