/* xs-attach.c — attaching scans to an activity: choose or drop files, say what they are.
 *
 * Shared by the person page (drop on a row, the row's menu) and the review window (its
 * evidence grid). The copy and hash run in a worker thread (xs_session_attach_evidence_async).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "xs-attach.h"

typedef struct
{
  GtkWidget *widget;
  XsSession *session;
  XsActivity *activity;
  char **paths;
  char *sha256;   /* retagging: the file */
  char *material; /* retagging: its material now */
  GtkDropDown *dropdown;
  GPtrArray *materials; /* char *, parallel to the drop-down */
  GPtrArray *dropdowns; /* GtkDropDown, one per path, when several are attached */
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->widget);
  g_clear_object (&request->session);
  g_clear_pointer (&request->activity, xs_activity_unref);
  g_strfreev (request->paths);
  g_free (request->sha256);
  g_free (request->material);
  g_clear_pointer (&request->materials, g_ptr_array_unref);
  g_clear_pointer (&request->dropdowns, g_ptr_array_unref);
  g_free (request);
}

static GtkWindow *
root_window (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
xs_show_toast (GtkWidget *widget, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  AdwToast *toast = adw_toast_new (message);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}

void
xs_show_error (GtkWidget *widget, const char *heading, const GError *error)
{
  AdwMessageDialog *dialog;

  dialog =
      ADW_MESSAGE_DIALOG (adw_message_dialog_new (root_window (widget), heading, error->message));
  adw_message_dialog_add_response (dialog, "close", _ ("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
has_material (GPtrArray *materials, const char *id)
{
  for (guint i = 0; i < materials->len; i++)
    if (g_str_equal (g_ptr_array_index (materials, i), id))
      return TRUE;
  return FALSE;
}

/**
 * xs_attach_dup_materials:
 *
 * Returns: (transfer full) (element-type utf8): the kind's materials, the still-missing ones
 *   first, "other" last
 */
GPtrArray *
xs_attach_dup_materials (XsRules *rules, const XsActivity *activity)
{
  const XsKind *kind = xs_rules_get_kind (rules, activity->kind);
  g_autoptr (XsEvidenceCheck) check = xs_evidence_check_activity (rules, activity);
  GPtrArray *materials = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; check->missing != NULL && i < check->missing->len; i++)
    {
      g_auto (GStrv) ids = g_strsplit (g_ptr_array_index (check->missing, i), "|", -1);

      for (guint k = 0; ids[k] != NULL; k++)
        if (!has_material (materials, ids[k]))
          g_ptr_array_add (materials, g_strdup (ids[k]));
    }
  for (guint b = 0; kind != NULL && kind->bundles != NULL && b < kind->bundles->len; b++)
    {
      const XsEvidenceBundle *bundle = g_ptr_array_index (kind->bundles, b);

      for (guint i = 0; i < bundle->items->len; i++)
        {
          const XsEvidenceItem *item = g_ptr_array_index (bundle->items, i);

          for (guint k = 0; item->materials[k] != NULL; k++)
            if (!has_material (materials, item->materials[k]))
              g_ptr_array_add (materials, g_strdup (item->materials[k]));
        }
    }
  if (!has_material (materials, "other") && xs_rules_get_material_name (rules, "other") != NULL)
    g_ptr_array_add (materials, g_strdup ("other"));
  return materials;
}

/* How many of the materials listed first are still missing. */
static guint
xs_attach_count_missing (XsRules *rules, const XsActivity *activity)
{
  g_autoptr (XsEvidenceCheck) check = xs_evidence_check_activity (rules, activity);

  return check->missing ? check->missing->len : 0;
}

static AdwMessageDialog *
material_dialog (Request *request, const char *heading, const char *body, const char *current)
{
  XsRules *rules = xs_session_get_rules (request->session);
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  AdwMessageDialog *dialog;

  request->materials = xs_attach_dup_materials (rules, request->activity);
  for (guint i = 0; i < request->materials->len; i++)
    gtk_string_list_append (
        names, xs_rules_get_material_name (rules, g_ptr_array_index (request->materials, i)));
  request->dropdown =
      GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL));
  for (guint i = 0; current != NULL && i < request->materials->len; i++)
    if (g_str_equal (g_ptr_array_index (request->materials, i), current))
      gtk_drop_down_set_selected (request->dropdown, i);

  dialog =
      ADW_MESSAGE_DIALOG (adw_message_dialog_new (root_window (request->widget), heading, body));
  adw_message_dialog_set_extra_child (dialog, GTK_WIDGET (request->dropdown));
  return dialog;
}

static void
attach_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GtkWidget) widget = user_data;
  g_autoptr (GError) error = NULL;
  guint n = xs_session_attach_evidence_finish (XS_SESSION (source), result, &error);
  g_autofree char *message = NULL;

  if (error != NULL)
    {
      xs_show_error (widget, _ ("Cannot Attach the Files"), error);
      return;
    }
  message = g_strdup_printf (ngettext ("%u file attached", "%u files attached", n), n);
  xs_show_toast (widget, message);
}

static const char *
selected_material (Request *request, GtkDropDown *dropdown)
{
  return g_ptr_array_index (request->materials, gtk_drop_down_get_selected (dropdown));
}

static void
on_attach_response_cb (AdwMessageDialog *dialog, const char *response, Request *request)
{
  if (g_str_equal (response, "attach"))
    {
      guint n = g_strv_length (request->paths);
      g_autoptr (GPtrArray) materials = g_ptr_array_new ();

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (materials,
                         (gpointer)selected_material (
                             request, request->dropdowns ? g_ptr_array_index (request->dropdowns, i)
                                                         : request->dropdown));
      g_ptr_array_add (materials, NULL);
      xs_session_attach_evidence_async (request->session, request->activity,
                                        (const char *const *)request->paths,
                                        (const char *const *)materials->pdata, NULL, attach_done_cb,
                                        g_object_ref (request->widget));
    }
  request_free (request);
}

/* Several files: each its own material, the first still missing for the first file, the next
 * for the next, as a certificate and its attendance sheet usually come together. */
static void
add_file_rows (Request *request, AdwMessageDialog *dialog)
{
  XsRules *rules = xs_session_get_rules (request->session);
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  request->dropdowns = g_ptr_array_new ();
  for (guint i = 0; request->paths[i] != NULL; i++)
    {
      g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
      g_autofree char *name = g_path_get_basename (request->paths[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *dropdown;
      guint missing = xs_attach_count_missing (rules, request->activity);

      for (guint k = 0; k < request->materials->len; k++)
        gtk_string_list_append (
            names, xs_rules_get_material_name (rules, g_ptr_array_index (request->materials, k)));
      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      if (missing > 0)
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), MIN (i, missing - 1));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
      g_ptr_array_add (request->dropdowns, dropdown);
    }
  adw_message_dialog_set_extra_child (dialog, list);
}

/**
 * xs_attach_files:
 * @widget: where the files came from (toasts and dialogs go to its window)
 *
 * Asks which material the files are, suggesting the first one still missing, then attaches
 * them.
 */
void
xs_attach_files (GtkWidget *widget, XsSession *session, XsActivity *activity,
                 const char *const *paths)
{
  Request *request = g_new0 (Request, 1);
  g_autofree char *heading = NULL;
  AdwMessageDialog *dialog;
  guint n = g_strv_length ((char **)paths);

  request->widget = g_object_ref (widget);
  request->session = g_object_ref (session);
  request->activity = xs_activity_ref (activity);
  request->paths = g_strdupv ((char **)paths);

  heading = g_strdup_printf (ngettext ("Attach %u File", "Attach %u Files", n), n);
  dialog = material_dialog (request, heading,
                            n > 1 ? _ ("What is each? The materials still missing come first.")
                                  : _ ("What is it? The materials still missing come first."),
                            NULL);
  if (n > 1)
    add_file_rows (request, dialog);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "attach", _ ("_Attach"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "attach", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "attach");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_attach_response_cb), request);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  GtkWidget *widget;
  char *path;
} Scanned;

static void
scanned_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Scanned *scanned = user_data;
  g_autofree char *dir = g_path_get_dirname (scanned->path);

  attach_done_cb (source, result, scanned->widget);
  /* The store has its copy, or the attach failed: the scan's folder goes either way. */
  g_unlink (scanned->path);
  g_rmdir (dir);
  g_free (scanned->path);
  g_free (scanned);
}

/**
 * xs_attach_scanned_file:
 * @path: a scan in a folder of its own, which goes once the file is attached
 *
 * Attaches a scan as @material, no question asked (the scan dialog asked it).
 */
void
xs_attach_scanned_file (GtkWidget *widget, XsSession *session, XsActivity *activity,
                        const char *path, const char *material)
{
  const char *paths[] = { path, NULL };
  const char *materials[] = { material, NULL };
  Scanned *scanned = g_new0 (Scanned, 1);

  scanned->widget = g_object_ref (widget);
  scanned->path = g_strdup (path);
  xs_session_attach_evidence_async (session, activity, paths, materials, NULL, scanned_done_cb,
                                    scanned);
}

static void
on_chooser_response_cb (GtkNativeDialog *chooser, int response, Request *request)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr (GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr (GFile) file = g_list_model_get_item (files, i);
          char *path = g_file_get_path (file);

          if (path != NULL)
            g_ptr_array_add (paths, path);
        }
      g_ptr_array_add (paths, NULL);
      if (paths->len > 1)
        xs_attach_files (request->widget, request->session, request->activity,
                         (const char *const *)paths->pdata);
    }
  request_free (request);
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

void
xs_attach_choose_files (GtkWidget *widget, XsSession *session, XsActivity *activity)
{
  Request *request = g_new0 (Request, 1);
  GtkFileChooserNative *chooser;
  g_autoptr (GtkFileFilter) filter = gtk_file_filter_new ();

  request->widget = g_object_ref (widget);
  request->session = g_object_ref (session);
  request->activity = xs_activity_ref (activity);

  chooser = gtk_file_chooser_native_new (_ ("Attach Scans"), root_window (widget),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, _ ("_Attach"), NULL);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (filter, _ ("Scans and PDF files"));
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_filter_add_mime_type (filter, "image/tiff");
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response_cb), request);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
on_retag_response_cb (AdwMessageDialog *dialog, const char *response, Request *request)
{
  g_autoptr (GError) error = NULL;
  const char *material;

  if (g_str_equal (response, "change"))
    {
      material =
          g_ptr_array_index (request->materials, gtk_drop_down_get_selected (request->dropdown));
      if (!g_str_equal (material, request->material) &&
          !xs_session_retag_evidence (request->session, request->activity, request->sha256,
                                      request->material, material, &error))
        xs_show_error (request->widget, _ ("Cannot Change the Material"), error);
    }
  request_free (request);
}

void
xs_attach_retag (GtkWidget *widget, XsSession *session, XsActivity *activity, const char *sha256,
                 const char *material)
{
  Request *request = g_new0 (Request, 1);
  AdwMessageDialog *dialog;

  request->widget = g_object_ref (widget);
  request->session = g_object_ref (session);
  request->activity = xs_activity_ref (activity);
  request->sha256 = g_strdup (sha256);
  request->material = g_strdup (material);

  dialog =
      material_dialog (request, _ ("Change the Material"),
                       _ ("The file stays as it is; only what it counts as changes."), material);
  adw_message_dialog_add_responses (dialog, "cancel", _ ("_Cancel"), "change", _ ("C_hange"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "change", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "change");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (on_retag_response_cb), request);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Undo re-attaches the stored file itself: the store still has it, unchanged. */
static void
on_undo_remove_cb (AdwToast *toast, Request *request)
{
  g_autofree char *path =
      xs_records_dup_evidence_path (xs_session_get_store (request->session), request->sha256);
  const char *paths[] = { path, NULL };
  const char *materials[] = { request->material, NULL };

  if (path != NULL)
    xs_session_attach_evidence_async (request->session, request->activity, paths, materials, NULL,
                                      attach_done_cb, g_object_ref (request->widget));
}

void
xs_attach_remove (GtkWidget *widget, XsSession *session, XsActivity *activity, const char *sha256,
                  const char *material)
{
  g_autoptr (GError) error = NULL;
  GtkWidget *overlay;
  Request *request;
  AdwToast *toast;

  if (!xs_session_detach_evidence (session, activity, sha256, material, &error))
    {
      xs_show_error (widget, _ ("Cannot Remove the File"), error);
      return;
    }
  request = g_new0 (Request, 1);
  request->widget = g_object_ref (widget);
  request->session = g_object_ref (session);
  request->activity = xs_activity_ref (activity);
  request->sha256 = g_strdup (sha256);
  request->material = g_strdup (material);

  toast = adw_toast_new (_ ("File removed from the activity"));
  adw_toast_set_button_label (toast, _ ("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_remove_cb), request,
                         (GClosureNotify)(void (*) (void))request_free, 0);
  overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (g_object_ref_sink (toast));
}
