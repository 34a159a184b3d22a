/* xs-transfer.c — imports and exports: exchange files, CSV rosters, Excel reports, sheets.
 *
 * Each runs in a worker thread on a store connection of its own, with an XsTransferDialog
 * showing progress (polled from a lock-protected slot ten times a second) and a Cancel
 * button, then a summary and the refused rows. Imports tell the session to read everything
 * again when they are done.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-import.h"
#include "xs-roster.h"
#include "xs-transfer-dialog.h"
#include "xs-transfer.h"
#include "xs-xlsx-report.h"

typedef enum
{
  JOB_CHECK_EXCHANGE,
  JOB_IMPORT_EXCHANGE,
  JOB_CHECK_ROSTER,
  JOB_IMPORT_ROSTER,
  JOB_EXPORT_EXCHANGE,
  JOB_EXPORT_REPORT,
  JOB_EXPORT_SHEETS_COMBINED,
  JOB_EXPORT_SHEETS_SEPARATE,
} JobKind;

typedef struct
{
  JobKind kind;
  XsSession *session;
  XsTransferDialog *dialog;
  char *path;
  char **person_ids; /* sheets: NULL for everyone */
  char *operator_name;

  GMutex lock;
  double fraction;
  char *status;
  guint timer;

  /* Results, written by the thread, read after it returned. */
  char *summary;
  GPtrArray *problems;
  char *proceed_label;
  gboolean reload;
} Job;

static void run_job (Job *job);

static void
job_free (Job *job)
{
  g_clear_handle_id (&job->timer, g_source_remove);
  g_clear_object (&job->session);
  g_clear_object (&job->dialog);
  g_free (job->path);
  g_strfreev (job->person_ids);
  g_free (job->operator_name);
  g_mutex_clear (&job->lock);
  g_free (job->status);
  g_free (job->summary);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_free (job->proceed_label);
  g_free (job);
}

static Job *
job_new (JobKind kind, XsSession *session, XsTransferDialog *dialog, const char *path)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->session = g_object_ref (session);
  job->dialog = g_object_ref (dialog);
  job->path = g_strdup (path);
  job->fraction = -1;
  g_mutex_init (&job->lock);
  return job;
}

/* From the worker thread. */
static void
job_progress (Job *job, double fraction, char *status)
{
  g_mutex_lock (&job->lock);
  job->fraction = fraction;
  if (status != NULL)
    {
      g_free (job->status);
      job->status = status;
    }
  g_mutex_unlock (&job->lock);
}

static gboolean
poll_progress_cb (gpointer user_data)
{
  Job *job = user_data;
  g_autofree char *status = NULL;
  double fraction;

  g_mutex_lock (&job->lock);
  fraction = job->fraction;
  status = g_strdup (job->status);
  g_mutex_unlock (&job->lock);
  xs_transfer_dialog_set_progress (job->dialog, fraction, status);
  return G_SOURCE_CONTINUE;
}

static void
add_problem (Job *job, char *line)
{
  if (job->problems == NULL)
    job->problems = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (job->problems, line);
}

static void
on_import_progress (double fraction, guint activities, gpointer user_data)
{
  job_progress (user_data, fraction,
                g_strdup_printf (ngettext ("%u activity read", "%u activities read", activities),
                                 activities));
}

/* A dry run first: a file that would replace anyone's records waits for the clerk's word,
 * with what it changes listed person by person. */
static gboolean
check_exchange (Job *job, XsStore *store, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (job->path);
  XsImportResult result = { 0 };
  guint counts[3] = { 0 };

  if (!xs_import_file_full (store, xs_session_get_rules (job->session), file, XS_IMPORT_DRY_RUN,
                            on_import_progress, job, cancellable, &result, error))
    {
      xs_import_result_clear (&result);
      return FALSE;
    }
  for (guint i = 0; i < result.changes->len; i++)
    counts[((XsPersonDiff *)g_ptr_array_index (result.changes, i))->change]++;
  if (counts[XS_PERSON_REPLACED] == 0)
    {
      /* Nothing anyone did is undone: import now. */
      xs_import_result_clear (&result);
      job->kind = JOB_IMPORT_EXCHANGE;
      return TRUE;
    }

  for (guint i = 0; i < result.changes->len; i++)
    {
      const XsPersonDiff *diff = g_ptr_array_index (result.changes, i);

      if (diff->change == XS_PERSON_REPLACED)
        add_problem (job, xs_person_diff_format (diff));
    }
  job->summary = g_strdup_printf (
      ngettext ("This file replaces the records of %u person shown below (%u added, %u "
                "unchanged). Nothing is imported yet.",
                "This file replaces the records of %u persons shown below (%u added, %u "
                "unchanged). Nothing is imported yet.",
                counts[XS_PERSON_REPLACED]),
      counts[XS_PERSON_REPLACED], counts[XS_PERSON_ADDED], counts[XS_PERSON_UNCHANGED]);
  job->proceed_label = g_strdup_printf (
      ngettext ("_Replace %u Person", "_Replace %u Persons", counts[XS_PERSON_REPLACED]),
      counts[XS_PERSON_REPLACED]);
  xs_import_result_clear (&result);
  return TRUE;
}

static gboolean
import_exchange (Job *job, XsStore *store, GCancellable *cancellable, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (job->path);
  XsImportResult result = { 0 };

  if (job->kind == JOB_CHECK_EXCHANGE)
    {
      if (!check_exchange (job, store, cancellable, error))
        return FALSE;
      if (job->kind == JOB_CHECK_EXCHANGE)
        return TRUE;
    }
  if (!xs_import_file (store, xs_session_get_rules (job->session), file, on_import_progress, job,
                       cancellable, &result, error))
    {
      xs_import_result_clear (&result);
      return FALSE;
    }
  job->reload = TRUE;
  job->summary = g_strdup_printf (_ ("Imported %u units, %u persons (%u replaced), %u activities "
                                     "and %u evidence references (%u new files)."),
                                  result.units, result.persons, result.persons_replaced,
                                  result.activities, result.evidence, result.evidence_files);
  for (guint i = 0; result.warnings != NULL && i < result.warnings->len; i++)
    add_problem (job, g_strdup (g_ptr_array_index (result.warnings, i)));
  xs_import_result_clear (&result);
  return TRUE;
}

static void
collect_roster_problems (Job *job, const XsRosterResult *result)
{
  for (guint i = 0; result->problems != NULL && i < result->problems->len; i++)
    add_problem (job, xs_roster_problem_format (g_ptr_array_index (result->problems, i)));
  for (guint i = 0; result->warnings != NULL && i < result->warnings->len; i++)
    add_problem (job, g_strdup (g_ptr_array_index (result->warnings, i)));
}

/* Checks first: with bad rows nothing is written until the clerk agrees to import the rest. */
static gboolean
roster (Job *job, XsStore *store, GError **error)
{
  /* The check counts the good rows too: it would skip the bad ones, and writes nothing. */
  XsRosterImportFlags flags = job->kind == JOB_CHECK_ROSTER
                                  ? XS_ROSTER_IMPORT_CHECK_ONLY | XS_ROSTER_IMPORT_SKIP_BAD_ROWS
                                  : XS_ROSTER_IMPORT_SKIP_BAD_ROWS;
  XsRosterResult result = { 0 };
  g_autoptr (GError) local_error = NULL;
  gboolean ok;

  job_progress (job, -1, g_strdup (_ ("Checking every row…")));
  ok = xs_roster_import (store, job->path, flags, &result, &local_error);
  g_return_val_if_fail (ok || local_error != NULL, FALSE);
  if (!ok && !g_error_matches (local_error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_BAD_ROWS))
    {
      xs_roster_result_clear (&result);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (job->kind == JOB_CHECK_ROSTER && result.problems->len == 0)
    {
      /* Nothing to ask about: import now. */
      xs_roster_result_clear (&result);
      job->kind = JOB_IMPORT_ROSTER;
      return roster (job, store, error);
    }

  collect_roster_problems (job, &result);
  if (job->kind == JOB_CHECK_ROSTER)
    {
      job->summary = g_strdup_printf (
          ngettext ("%u of %u rows have problems and would be left out; nothing is imported yet.",
                    "%u of %u rows have problems and would be left out; nothing is imported yet.",
                    result.rows),
          result.skipped, result.rows);
      if (result.added + result.updated > 0)
        job->proceed_label =
            g_strdup_printf (ngettext ("_Import the %u Good Row", "_Import the %u Good Rows",
                                       result.added + result.updated),
                             result.added + result.updated);
    }
  else
    {
      job->reload = TRUE;
      job->summary = g_strdup_printf (_ ("%u persons added, %u updated, %u rows left out (read "
                                         "as %s)."),
                                      result.added, result.updated, result.skipped,
                                      result.encoding ? result.encoding : "UTF-8");
    }
  xs_roster_result_clear (&result);
  return TRUE;
}

static gboolean
export_exchange (Job *job, XsStore *store, GError **error)
{
  XsExportResult result = { 0 };

  job_progress (job, -1, g_strdup (_ ("Writing the exchange file and its evidence…")));
  if (!xs_export_file (store, job->path, NULL, &result, error))
    return FALSE;
  job->summary = g_strdup_printf (_ ("Exported %u units, %u persons, %u activities and %u "
                                     "evidence files to %s."),
                                  result.units, result.persons, result.activities,
                                  result.evidence_files, job->path);
  return TRUE;
}

static gboolean
export_report (Job *job, XsStore *store, GError **error)
{
  XsRules *rules = xs_session_get_rules (job->session);
  g_autoptr (XsUnitReport) report = NULL;

  job_progress (job, -1, g_strdup (_ ("Adding up every person's years…")));
  report = xs_unit_report_new (store, rules, error);
  if (report == NULL)
    return FALSE;
  job_progress (job, -1, g_strdup (_ ("Writing the workbook…")));
  if (!xs_xlsx_report_write (report, store, rules, job->path, error))
    return FALSE;
  job->summary =
      g_strdup_printf (ngettext ("The report lists %u person: %s",
                                 "The report lists %u persons: %s", report->persons->len),
                       report->persons->len, job->path);
  return TRUE;
}

static void
batch_progress_cb (guint done, guint total, gpointer user_data)
{
  job_progress (user_data, (double)done / total,
                g_strdup_printf (_ ("Sheet %u of %u"), MIN (done + 1, total), total));
}

/* Every sheet in one PDF, one after the other. */

static gboolean
export_sheets (Job *job, XsStore *store, GCancellable *cancellable, GError **error)
{
  XsRules *rules = xs_session_get_rules (job->session);
  g_autoptr (GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  guint pending = 0;

  if (job->person_ids != NULL)
    for (guint i = 0; job->person_ids[i] != NULL; i++)
      g_ptr_array_add (ids, g_strdup (job->person_ids[i]));
  else
    {
      g_autoptr (GPtrArray) persons = xs_store_list_persons (store, error);

      if (persons == NULL)
        return FALSE;
      for (guint i = 0; i < persons->len; i++)
        g_ptr_array_add (ids, g_strdup (((XsPerson *)g_ptr_array_index (persons, i))->id));
    }
  {
    /* The core's batches: one PDF, or a file each (namesakes kept apart), all or nothing. */
    XsSheetBatchOptions options = {
      .operator_name = job->operator_name,
      .progress = batch_progress_cb,
      .progress_data = job,
      .cancellable = cancellable,
    };

    job_progress (job, 0, g_strdup_printf (_ ("Sheet %u of %u"), MIN (1, ids->len), ids->len));
    if (job->kind == JOB_EXPORT_SHEETS_COMBINED)
      {
        if (!xs_sheet_batch_write_combined (store, rules, ids, job->path, &options, &pending,
                                            error))
          return FALSE;
      }
    else
      {
        g_autoptr (GPtrArray) paths =
            xs_sheet_batch_write_folder (store, rules, ids, job->path, &options, &pending, error);

        if (paths == NULL)
          return FALSE;
      }
  }
  job->summary =
      g_strdup_printf (ngettext ("%u sheet written to %s.", "%u sheets written to %s.", ids->len),
                       ids->len, job->path);
  if (pending > 0)
    add_problem (job, g_strdup_printf (ngettext ("%u person has activities awaiting review; "
                                                 "they are not on the sheet.",
                                                 "%u persons have activities awaiting review; "
                                                 "they are not on their sheets.",
                                                 pending),
                                       pending));
  return TRUE;
}

static gboolean
job_work (gpointer data, GCancellable *cancellable, gpointer *out_result, GError **error)
{
  Job *job = data;
  g_autoptr (XsStore) store = NULL;
  gboolean ok = FALSE;

  store = xs_session_open_thread_store (job->session, error);
  if (store != NULL)
    switch (job->kind)
      {
      case JOB_CHECK_EXCHANGE:
      case JOB_IMPORT_EXCHANGE:
        ok = import_exchange (job, store, cancellable, error);
        break;
      case JOB_CHECK_ROSTER:
      case JOB_IMPORT_ROSTER:
        ok = roster (job, store, error);
        break;
      case JOB_EXPORT_EXCHANGE:
        ok = export_exchange (job, store, error);
        break;
      case JOB_EXPORT_REPORT:
        ok = export_report (job, store, error);
        break;
      case JOB_EXPORT_SHEETS_COMBINED:
      case JOB_EXPORT_SHEETS_SEPARATE:
        ok = export_sheets (job, store, cancellable, error);
        break;
      default:
        g_assert_not_reached ();
      }
  return ok;
}

static void
on_proceed_cb (XsTransferDialog *dialog, Job *job)
{
  gboolean exchange = job->kind == JOB_CHECK_EXCHANGE;

  g_signal_handlers_disconnect_by_func (dialog, on_proceed_cb, job);
  job->kind = exchange ? JOB_IMPORT_EXCHANGE : JOB_IMPORT_ROSTER;
  g_clear_pointer (&job->summary, g_free);
  g_clear_pointer (&job->problems, g_ptr_array_unref);
  g_clear_pointer (&job->proceed_label, g_free);
  xs_transfer_dialog_restart (dialog, exchange ? _ ("Importing the exchange file…")
                                               : _ ("Importing the good rows…"));
  run_job (job);
}

/* What the dialog is called once the job is over. */
static const char *
finished_title (const Job *job, gboolean ok)
{
  static const char *const done[] = {
    N_ ("Exchange File Checked"), N_ ("Exchange File Imported"), N_ ("Roster Checked"),
    N_ ("Roster Imported"),       N_ ("Exchange File Exported"), N_ ("Excel Report Exported"),
    N_ ("Sheets Exported"),       N_ ("Sheets Exported"),
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (done) == JOB_EXPORT_SHEETS_SEPARATE + 1);

  if (ok)
    return _ (done[job->kind]);
  return job->kind <= JOB_IMPORT_ROSTER ? _ ("Import Failed") : _ ("Export Failed");
}

static void
job_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Job *job = user_data;
  g_autoptr (GError) error = NULL;
  gboolean ok;

  g_clear_handle_id (&job->timer, g_source_remove);
  ok = xs_worker_finish (result, NULL, &error);
  xs_transfer_dialog_set_title (job->dialog, finished_title (job, ok));
  if (!ok)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_error_matches (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_CANCELLED))
        {
          xs_transfer_dialog_show_result (job->dialog, _ ("Cancelled; nothing was changed."), NULL,
                                          NULL);
          gtk_window_close (GTK_WINDOW (job->dialog));
        }
      else
        xs_transfer_dialog_show_result (job->dialog, error->message, job->problems, NULL);
      job_free (job);
      return;
    }
  if (job->reload)
    xs_session_records_reloaded (job->session);
  xs_transfer_dialog_show_result (job->dialog, job->summary, job->problems, job->proceed_label);
  if (job->proceed_label != NULL)
    {
      /* The job lives on until the clerk goes on or closes the window. */
      g_signal_connect (job->dialog, "proceed", G_CALLBACK (on_proceed_cb), job);
      g_signal_connect_swapped (job->dialog, "destroy", G_CALLBACK (job_free), job);
      return;
    }
  job_free (job);
}

static void
run_job (Job *job)
{
  g_signal_handlers_disconnect_matched (job->dialog, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, job);
  job->timer = g_timeout_add (100, poll_progress_cb, job);
  /* The job outlives the run (a checked roster waits for the clerk): not freed here. */
  xs_worker_run (NULL, xs_transfer_dialog_get_cancellable (job->dialog), run_job, job_work, job,
                 NULL, NULL, job_done_cb, job);
}

static void
start (GtkWindow *parent, XsSession *session, JobKind kind, const char *path,
       const char *const *person_ids)
{
  static const char *const titles[] = {
    N_ ("Importing an Exchange File"), N_ ("Importing an Exchange File"),
    N_ ("Importing a Roster"),         N_ ("Importing a Roster"),
    N_ ("Exporting an Exchange File"), N_ ("Exporting the Excel Report"),
    N_ ("Exporting Sheets"),           N_ ("Exporting Sheets"),
  };
  XsTransferDialog *dialog = xs_transfer_dialog_new (parent, _ (titles[kind]));
  const char *operator_name = xs_session_get_operator_name (session);
  Job *job = job_new (kind, session, dialog, path);

  job->person_ids = person_ids ? g_strdupv ((char **)person_ids) : NULL;
  job->operator_name = *operator_name ? g_strdup (operator_name) : xs_session_dup_actor (session);
  gtk_window_present (GTK_WINDOW (dialog));
  run_job (job);
}

typedef struct
{
  GtkWindow *parent;
  XsSession *session;
  JobKind kind;
  char **person_ids;
} Choice;

static void
choice_free (Choice *choice)
{
  g_clear_object (&choice->parent);
  g_clear_object (&choice->session);
  g_strfreev (choice->person_ids);
  g_free (choice);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser, int response, Choice *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        start (choice->parent, choice->session, choice->kind, path,
               (const char *const *)choice->person_ids);
    }
  choice_free (choice);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose (GtkWindow *parent, XsSession *session, JobKind kind, GtkFileChooserAction action,
        const char *title, const char *accept, const char *pattern, const char *pattern_name,
        const char *suggested_name, const char *const *person_ids)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent, action, accept, NULL);
  Choice *choice = g_new0 (Choice, 1);

  choice->parent = g_object_ref (parent);
  choice->session = g_object_ref (session);
  choice->kind = kind;
  choice->person_ids = person_ids ? g_strdupv ((char **)person_ids) : NULL;
  if (pattern != NULL)
    {
      g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

      g_auto (GStrv) patterns = g_strsplit (pattern, " ", -1);

      gtk_file_filter_set_name (filter, pattern_name);
      for (guint i = 0; patterns[i] != NULL; i++)
        gtk_file_filter_add_pattern (filter, patterns[i]);
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }
  if (suggested_name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), suggested_name);
  {
    /* Start in the clerk's documents, never in the folder that holds the database (which may
     * be the working folder): a chooser listing it opens and closes its files. */
    const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
    g_autoptr (GFile) folder = g_file_new_for_path (documents ? documents : g_get_home_dir ());

    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  }
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

void
xs_transfer_import_exchange (GtkWindow *parent, XsSession *session)
{
  choose (parent, session, JOB_CHECK_EXCHANGE, GTK_FILE_CHOOSER_ACTION_OPEN,
          _ ("Import an Exchange File"), _ ("_Import"), "*.xml", _ ("Exchange files (XML)"), NULL,
          NULL);
}

void
xs_transfer_import_roster (GtkWindow *parent, XsSession *session)
{
  choose (parent, session, JOB_CHECK_ROSTER, GTK_FILE_CHOOSER_ACTION_OPEN, _ ("Import a Roster"),
          _ ("Check and _Import"), "*.csv *.xlsx", _ ("Rosters (CSV or Excel)"), NULL, NULL);
}

void
xs_transfer_export_exchange (GtkWindow *parent, XsSession *session)
{
  choose (parent, session, JOB_EXPORT_EXCHANGE, GTK_FILE_CHOOSER_ACTION_SAVE,
          _ ("Export an Exchange File"), _ ("_Export"), "*.xml", _ ("Exchange files (XML)"),
          "xueshi-exchange.xml", NULL);
}

void
xs_transfer_export_report (GtkWindow *parent, XsSession *session)
{
  choose (parent, session, JOB_EXPORT_REPORT, GTK_FILE_CHOOSER_ACTION_SAVE,
          _ ("Export the Excel Report"), _ ("_Export"), "*.xlsx", _ ("Excel workbooks"),
          "继续教育学时汇总.xlsx", NULL);
}

static void
on_sheets_layout_response_cb (AdwMessageDialog *dialog, const char *response, Choice *choice)
{
  if (g_str_equal (response, "combined"))
    choose (choice->parent, choice->session, JOB_EXPORT_SHEETS_COMBINED,
            GTK_FILE_CHOOSER_ACTION_SAVE, _ ("Export All Sheets"), _ ("_Export"), "*.pdf",
            _ ("PDF files"), "学时认定单.pdf", NULL);
  else if (g_str_equal (response, "separate"))
    choose (choice->parent, choice->session, JOB_EXPORT_SHEETS_SEPARATE,
            GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _ ("Choose a Folder for the Sheets"),
            _ ("_Export"), NULL, NULL, NULL, NULL);
  choice_free (choice);
}

/**
 * xs_transfer_export_sheets:
 * @person_ids: (nullable): the persons, or %NULL for everyone (asks: one file or one each)
 */
void
xs_transfer_export_sheets (GtkWindow *parent, XsSession *session, const char *const *person_ids)
{
  AdwMessageDialog *dialog;
  Choice *choice;

  if (person_ids != NULL && person_ids[0] != NULL && person_ids[1] == NULL)
    {
      g_autoptr (XsPerson) person =
          xs_store_get_person (xs_session_get_store (session), person_ids[0], NULL);
      /* The name the batch gives the same sheet: 张三-0270.pdf. */
      g_autofree char *name = person != NULL ? xs_sheet_file_name_for_person (person)
                                             : g_strdup_printf ("%s.pdf", person_ids[0]);

      choose (parent, session, JOB_EXPORT_SHEETS_COMBINED, GTK_FILE_CHOOSER_ACTION_SAVE,
              _ ("Export the Sheet"), _ ("_Export"), "*.pdf", _ ("PDF files"), name, person_ids);
      return;
    }
  choice = g_new0 (Choice, 1);
  choice->parent = g_object_ref (parent);
  choice->session = g_object_ref (session);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (
      parent, _ ("Export Every Person's Sheet"),
      _ ("One PDF file with every sheet, or one file per person in a folder?")));
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "separate",
                                    _ ("_Separate Files"), "combined", _ ("_One File"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "combined", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "combined");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_sheets_layout_response_cb), choice);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * xs_transfer_run_file:
 * @what: "import-exchange", "import-roster", "export-exchange", "export-report",
 *   "export-sheets" (one PDF) or "export-sheet-files" (a folder of PDFs)
 *
 * Runs a transfer on a file without asking for it (tests, and a file dropped on the window).
 */
void
xs_transfer_run_file (GtkWindow *parent, XsSession *session, const char *what, const char *path)
{
  static const struct
  {
    const char *name;
    JobKind kind;
  } kinds[] = {
    { "import-exchange", JOB_CHECK_EXCHANGE },
    { "import-roster", JOB_CHECK_ROSTER },
    { "export-exchange", JOB_EXPORT_EXCHANGE },
    { "export-report", JOB_EXPORT_REPORT },
    { "export-sheets", JOB_EXPORT_SHEETS_COMBINED },
    { "export-sheet-files", JOB_EXPORT_SHEETS_SEPARATE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_str_equal (kinds[i].name, what))
      {
        start (parent, session, kinds[i].kind, path, NULL);
        return;
      }
  g_return_if_reached ();
}
