/* xs-activity-prefill.c — a new activity's fields proposed from a scan: its text read off
 * the main thread (xs-ocr), the kind and fields it gives put in the editor, each marked as
 * read from the scan until the clerk changes it or saves.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-activity-prefill.h"
#include "xs-attach.h"
#include "xs-param-row.h"
#include "xs-worker.h"

typedef struct
{
  char *path;
  XsRules *rules;
} ReadData;

static void
read_data_free (ReadData *data)
{
  g_free (data->path);
  g_clear_object (&data->rules);
  g_free (data);
}

static gboolean
read_work (gpointer work_data, GCancellable *cancellable, gpointer *out_result, GError **error)
{
  ReadData *data = work_data;
  g_autoptr (XsOcrText) text = xs_ocr_read_file (data->path, cancellable, error);
  g_autoptr (GPtrArray) names = NULL;

  if (text == NULL)
    return FALSE;
  names = xs_evidence_known_organizers (data->rules, NULL);
  *out_result = xs_ocr_fields_extract (text, (const char *const *)names->pdata);
  return TRUE;
}

/* The scan's fields as the kind's parameters: a training's days from its dates. */
static void
apply (XsActivityEditor *editor, const XsOcrFields *f)
{
  static const struct
  {
    XsOcrField field;
    const char *param;
  } map[] = {
    { XS_OCR_FIELD_START, "start" }, { XS_OCR_FIELD_END, "end" },
    { XS_OCR_FIELD_HOURS, "hours" }, { XS_OCR_FIELD_YEAR, "year" },
    { XS_OCR_FIELD_GRADE, "grade" }, { XS_OCR_FIELD_RANK, "rank" },
  };
  guint filled = 0;

  if (f->kind != NULL && xs_activity_editor_select_kind (editor, f->kind))
    filled++;
  if (f->values[XS_OCR_FIELD_ORGANIZER] != NULL &&
      xs_activity_editor_set_field (editor, "organizer", f->values[XS_OCR_FIELD_ORGANIZER]))
    filled++;
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    if (f->values[map[i].field] != NULL &&
        xs_activity_editor_set_scanned_field (editor, map[i].param, f->values[map[i].field]))
      filled++;
  if (f->values[XS_OCR_FIELD_START] != NULL && f->values[XS_OCR_FIELD_END] != NULL)
    {
      GDate start, end;

      if (xs_date_parse (f->values[XS_OCR_FIELD_START], &start) &&
          xs_date_parse (f->values[XS_OCR_FIELD_END], &end) && g_date_compare (&start, &end) <= 0)
        {
          g_autofree char *days = g_strdup_printf ("%u", xs_date_inclusive_days (&start, &end));

          if (xs_activity_editor_set_scanned_field (editor, "days", days))
            filled++;
        }
    }
  if (filled == 0)
    xs_show_toast (GTK_WIDGET (editor), _ ("Nothing the form asks for was read from the scan"));
  else
    xs_show_toast (GTK_WIDGET (editor), _ ("Fields read from the scan are marked: check each"));
}

static void
read_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  XsActivityEditor *editor = XS_ACTIVITY_EDITOR (source);
  g_autoptr (GError) error = NULL;
  gpointer fields = NULL;

  if (!xs_worker_finish (result, &fields, &error))
    {
      /* Cancelled: the editor was closed, or another scan is being read. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      xs_activity_editor_set_busy (editor, FALSE);
      xs_show_error (GTK_WIDGET (editor), _ ("Cannot Read the Scan"), error);
      return;
    }
  xs_activity_editor_set_busy (editor, FALSE);
  apply (editor, fields);
  xs_ocr_fields_free (fields);
}

/**
 * xs_activity_prefill_from_file:
 *
 * Reads @path (slow: a worker thread) and fills @editor from it.
 */
void
xs_activity_prefill_from_file (XsActivityEditor *editor, XsRules *rules, const char *path,
                               GCancellable *cancellable)
{
  ReadData *data = g_new0 (ReadData, 1);

  data->path = g_strdup (path);
  data->rules = g_object_ref (rules);
  xs_activity_editor_set_busy (editor, TRUE);
  xs_worker_run (editor, cancellable, xs_activity_prefill_from_file, read_work, data,
                 (GDestroyNotify)read_data_free, (GDestroyNotify)xs_ocr_fields_free, read_done_cb,
                 NULL);
}
