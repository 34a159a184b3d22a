/* xs-scan-dialog.c — paper straight into an activity: pick the scanner, say what the paper
 * is, scan (with progress, cancellable), look at the first page, attach.
 *
 * The scanner list and the scan run on worker threads (libsane blocks); the pages become
 * one PDF in a private temporary folder, shown as a thumbnail before anything is attached,
 * and attached through the session like a chosen file. Closing the dialog cancels a scan
 * and leaves nothing behind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "xs-attach.h"
#include "xs-scan-dialog.h"
#include "xs-worker.h"

struct _XsScanDialog
{
  AdwWindow parent_instance;

  XsSession *session;
  XsActivity *activity;
  GPtrArray *materials; /* char *, parallel to the material row */
  GPtrArray *devices;   /* XsScannerDevice, parallel to the device row */
  GCancellable *cancellable;
  char *dir; /* the private folder of the scan */
  char *pdf; /* the scan, once done */
  guint pages;
  gboolean previewing;

  AdwComboRow *device_row;
  AdwComboRow *material_row;
  AdwComboRow *source_row;
  AdwComboRow *preset_row;
  GtkSwitch *straighten_switch;
  GtkLabel *status_label;
  GtkProgressBar *progress;
  GtkPicture *preview;
  GtkButton *preview_button;
  GtkButton *scan_button;
  GtkButton *attach_button;
};

G_DEFINE_FINAL_TYPE (XsScanDialog, xs_scan_dialog, ADW_TYPE_WINDOW)

/* The presets: resolution and mode; grey at 300 dpi first, the default. */
static const struct
{
  guint dpi;
  gboolean color;
} presets[] = { { 300, FALSE }, { 300, TRUE }, { 600, FALSE }, { 150, TRUE } };

static void
set_status (XsScanDialog *self, const char *text, gboolean error)
{
  gtk_label_set_label (self->status_label, text);
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
discard_scan (XsScanDialog *self)
{
  if (self->pdf != NULL)
    g_unlink (self->pdf);
  g_clear_pointer (&self->pdf, g_free);
  gtk_picture_set_paintable (self->preview, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attach_button), FALSE);
}

/* A preview looks at the flatbed: of the feeder it would take the first sheet. */
static void
update_preview_button (XsScanDialog *self)
{
  gboolean flatbed = adw_combo_row_get_selected (self->source_row) == XS_SCANNER_SOURCE_FLATBED;
  gboolean idle = !gtk_widget_get_visible (GTK_WIDGET (self->progress));

  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_button),
                            flatbed && idle && self->devices != NULL && self->devices->len > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->preview_button),
                               flatbed ? NULL : _ ("Only the flatbed can be previewed"));
}

/* ---------------------------------------------------------------- the scanners */

static gboolean
list_work (gpointer data, GCancellable *cancellable, gpointer *out_result, GError **error)
{
  GPtrArray *devices = xs_scanner_list (error);

  if (devices == NULL)
    return FALSE;
  *out_result = devices;
  return TRUE;
}

static void
list_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  XsScanDialog *self = XS_SCAN_DIALOG (source);
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkStringList) names = gtk_string_list_new (NULL);
  gpointer devices = NULL;

  if (!xs_worker_finish (result, &devices, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, error->message, TRUE);
      return;
    }
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  self->devices = devices;
  for (guint i = 0; i < self->devices->len; i++)
    {
      const XsScannerDevice *d = g_ptr_array_index (self->devices, i);
      g_autofree char *label =
          g_strdup_printf ("%s %s", d->vendor ? d->vendor : "", d->model ? d->model : d->name);

      gtk_string_list_append (names, g_strstrip (label));
    }
  adw_combo_row_set_model (self->device_row, G_LIST_MODEL (names));
  if (self->devices->len == 0)
    set_status (self,
                _ ("No scanner was found: check that it is switched on and connected (a network "
                   "scanner needs sane-airscan)"),
                TRUE);
  else
    set_status (self, _ ("Put the paper in and press Scan."), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scan_button), self->devices->len > 0);
  update_preview_button (self);
}

static void
find_scanners (XsScanDialog *self)
{
  set_status (self, _ ("Looking for scanners…"), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scan_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_button), FALSE);
  xs_worker_run (self, self->cancellable, find_scanners, list_work, NULL, NULL,
                 (GDestroyNotify)g_ptr_array_unref, list_done_cb, NULL);
}

/* ---------------------------------------------------------------- the scan */

typedef struct
{
  XsScanDialog *self; /* a reference: progress reaches it on the main thread */
  char *device;
  char *pdf;
  XsScannerOptions options;
} ScanData;

static void
scan_data_free (ScanData *data)
{
  g_object_unref (data->self);
  g_free (data->device);
  g_free (data->pdf);
  g_free (data);
}

typedef struct
{
  XsScanDialog *self;
  guint page;
  double fraction;
} Progress;

static gboolean
show_progress_cb (gpointer user_data)
{
  Progress *p = user_data;
  XsScanDialog *self = p->self;

  /* A page's last report may come after the scan is done: it no longer says anything. */
  if (self->cancellable != NULL && !g_cancellable_is_cancelled (self->cancellable) &&
      gtk_widget_get_visible (GTK_WIDGET (self->progress)))
    {
      g_autofree char *text = self->previewing
                                  ? g_strdup (_ ("Previewing…"))
                                  : g_strdup_printf (_ ("Scanning page %u…"), p->page + 1);

      gtk_progress_bar_set_fraction (self->progress, p->fraction);
      set_status (self, text, FALSE);
    }
  g_object_unref (self);
  g_free (p);
  return G_SOURCE_REMOVE;
}

/* On the scanning thread: handed to the main loop. */
static void
scan_progress (guint page, double fraction, gpointer user_data)
{
  Progress *p = g_new0 (Progress, 1);

  p->self = g_object_ref (user_data);
  p->page = page;
  p->fraction = fraction;
  g_idle_add (show_progress_cb, p);
}

typedef struct
{
  guint pages;
  GdkPixbuf *thumbnail;
} ScanResult;

static void
scan_result_free (ScanResult *r)
{
  g_clear_object (&r->thumbnail);
  g_free (r);
}

static gboolean
scan_work (gpointer work_data, GCancellable *cancellable, gpointer *out_result, GError **error)
{
  ScanData *data = work_data;
  ScanResult *result = g_new0 (ScanResult, 1);
  g_autoptr (XsScan) scan = NULL;

  result->pages = xs_scanner_scan_to_pdf (&data->options, data->pdf, scan_progress, data->self,
                                          cancellable, error);
  if (result->pages == 0)
    {
      scan_result_free (result);
      return FALSE;
    }
  /* The first page, to look at before it is attached. */
  scan = xs_scan_new_for_path (data->pdf, NULL);
  if (scan != NULL)
    result->thumbnail = xs_scan_render_thumbnail (scan, 360, NULL);
  *out_result = result;
  return TRUE;
}

static void
scan_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  XsScanDialog *self = XS_SCAN_DIALOG (source);
  ScanData *data = xs_worker_get_data (result);
  g_autoptr (GError) error = NULL;
  gpointer out = NULL;
  ScanResult *scanned;
  g_autofree char *text = NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->scan_button), TRUE);
  gtk_button_set_label (self->scan_button, _ ("_Scan"));
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  update_preview_button (self);
  if (!xs_worker_finish (result, &out, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, _ ("Scanning stopped; nothing was attached."), FALSE);
      else
        set_status (self, error->message, TRUE);
      return;
    }
  scanned = out;
  self->pdf = g_strdup (data->pdf);
  self->pages = scanned->pages;
  if (scanned->thumbnail != NULL)
    {
      g_autoptr (GdkTexture) texture = gdk_texture_new_for_pixbuf (scanned->thumbnail);

      gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
    }
  text =
      g_strdup_printf (ngettext ("%u page scanned: attach it, or scan again.",
                                 "%u pages scanned: attach them, or scan again.", scanned->pages),
                       scanned->pages);
  set_status (self, text, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->attach_button), TRUE);
  scan_result_free (scanned);
}

/* ---------------------------------------------------------------- the preview */

static gboolean
preview_work (gpointer work_data, GCancellable *cancellable, gpointer *out_result, GError **error)
{
  ScanData *data = work_data;
  GdkPixbuf *page =
      xs_scanner_preview (&data->options, scan_progress, data->self, cancellable, error);

  if (page == NULL)
    return FALSE;
  *out_result = page;
  return TRUE;
}

static void
preview_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  XsScanDialog *self = XS_SCAN_DIALOG (source);
  g_autoptr (GError) error = NULL;
  gpointer out = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scan_button), TRUE);
  self->previewing = FALSE;
  update_preview_button (self);
  if (!xs_worker_finish (result, &out, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, error->message, TRUE);
      return;
    }
  {
    g_autoptr (GdkPixbuf) page = out;
    g_autoptr (GdkTexture) texture = gdk_texture_new_for_pixbuf (page);

    gtk_picture_set_paintable (self->preview, GDK_PAINTABLE (texture));
  }
  set_status (self, _ ("This is a preview: check the paper lies straight, then press Scan."),
              FALSE);
}

static ScanData *
scan_data_new (XsScanDialog *self)
{
  guint device = adw_combo_row_get_selected (self->device_row);
  guint preset = adw_combo_row_get_selected (self->preset_row);
  ScanData *data;

  if (self->devices == NULL || device >= self->devices->len)
    return NULL;
  data = g_new0 (ScanData, 1);
  data->self = g_object_ref (self);
  data->device = g_strdup (((XsScannerDevice *)g_ptr_array_index (self->devices, device))->name);
  data->options.device = data->device;
  data->options.source = (XsScannerSource)adw_combo_row_get_selected (self->source_row);
  data->options.resolution = presets[MIN (preset, G_N_ELEMENTS (presets) - 1)].dpi;
  data->options.color = presets[MIN (preset, G_N_ELEMENTS (presets) - 1)].color;
  data->options.autocrop_deskew = gtk_switch_get_active (self->straighten_switch);
  return data;
}

static void
on_preview_clicked_cb (XsScanDialog *self)
{
  ScanData *data = scan_data_new (self);

  if (data == NULL)
    return;
  /* A preview is not the scan: what was scanned before is no longer what is shown. */
  discard_scan (self);
  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->scan_button), FALSE);
  set_status (self, _ ("Previewing…"), FALSE);
  self->previewing = TRUE;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  xs_worker_run (self, self->cancellable, on_preview_clicked_cb, preview_work, data,
                 (GDestroyNotify)scan_data_free, g_object_unref, preview_done_cb, NULL);
}

static void
start_scan (XsScanDialog *self)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "scan-%Y%m%d-%H%M%S.pdf");
  ScanData *data = scan_data_new (self);

  if (data == NULL)
    return;
  discard_scan (self);
  data->pdf = g_build_filename (self->dir, name, NULL);

  gtk_progress_bar_set_fraction (self->progress, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), TRUE);
  gtk_button_set_label (self->scan_button, _ ("_Stop"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_button), FALSE);
  set_status (self, _ ("Scanning page 1…"), FALSE);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  xs_worker_run (self, self->cancellable, start_scan, scan_work, data,
                 (GDestroyNotify)scan_data_free, (GDestroyNotify)scan_result_free, scan_done_cb,
                 NULL);
}

static void
on_scan_clicked_cb (XsScanDialog *self)
{
  /* The same button stops a scan under way. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->progress)))
    {
      g_cancellable_cancel (self->cancellable);
      return;
    }
  start_scan (self);
}

static void
on_attach_clicked_cb (XsScanDialog *self)
{
  guint material = adw_combo_row_get_selected (self->material_row);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  if (self->pdf == NULL || material >= self->materials->len || parent == NULL)
    return;
  /* The scan and its folder are the attach's now: it removes them when the store has its
   * copy. */
  xs_attach_scanned_file (GTK_WIDGET (parent), self->session, self->activity, self->pdf,
                          g_ptr_array_index (self->materials, material));
  g_clear_pointer (&self->pdf, g_free);
  g_clear_pointer (&self->dir, g_free);
  gtk_window_close (GTK_WINDOW (self));
}

/* ---------------------------------------------------------------- the dialog */

static GtkWidget *
combo_row (const char *title, const char *const *labels)
{
  AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
  g_autoptr (GtkStringList) list = gtk_string_list_new (labels);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (row, G_LIST_MODEL (list));
  return GTK_WIDGET (row);
}

static void
build (XsScanDialog *self)
{
  XsRules *rules = xs_session_get_rules (self->session);
  const char *sources[] = { _ ("Flatbed"), _ ("Document feeder"), _ ("Feeder, both sides"), NULL };
  const char *preset_names[] = { _ ("300 dpi, grey"), _ ("300 dpi, colour"), _ ("600 dpi, grey"),
                                 _ ("150 dpi, colour"), NULL };
  g_autoptr (GtkStringList) material_names = gtk_string_list_new (NULL);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *straighten = adw_action_row_new ();
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *preview_frame = gtk_frame_new (NULL);

  gtk_window_set_title (GTK_WINDOW (self), _ ("Scan Paper"));
  gtk_window_set_default_size (GTK_WINDOW (self), 480, 580);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);

  self->device_row = ADW_COMBO_ROW (combo_row (_ ("Scanner"), NULL));
  self->materials = xs_attach_dup_materials (rules, self->activity);
  for (guint i = 0; i < self->materials->len; i++)
    gtk_string_list_append (
        material_names, xs_rules_get_material_name (rules, g_ptr_array_index (self->materials, i)));
  self->material_row = ADW_COMBO_ROW (combo_row (_ ("The paper is"), NULL));
  adw_combo_row_set_model (self->material_row, G_LIST_MODEL (material_names));
  self->source_row = ADW_COMBO_ROW (combo_row (_ ("Source"), sources));
  self->preset_row = ADW_COMBO_ROW (combo_row (_ ("Quality"), preset_names));
  self->straighten_switch = GTK_SWITCH (gtk_switch_new ());
  gtk_switch_set_active (self->straighten_switch, TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->straighten_switch), GTK_ALIGN_CENTER);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (straighten), _ ("Trim and straighten pages"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (straighten), GTK_WIDGET (self->straighten_switch));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (straighten),
                                         GTK_WIDGET (self->straighten_switch));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->material_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->device_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->source_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->preset_row));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), straighten);

  self->status_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->status_label, TRUE);
  gtk_label_set_xalign (self->status_label, 0);
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->progress), FALSE);
  self->preview = GTK_PICTURE (gtk_picture_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->preview), -1, 120);
  gtk_widget_set_vexpand (preview_frame, TRUE);
  gtk_frame_set_child (GTK_FRAME (preview_frame), GTK_WIDGET (self->preview));
  self->preview_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_Preview")));
  gtk_widget_set_sensitive (GTK_WIDGET (self->preview_button), FALSE);
  g_signal_connect_swapped (self->preview_button, "clicked", G_CALLBACK (on_preview_clicked_cb),
                            self);
  g_signal_connect_swapped (self->source_row, "notify::selected",
                            G_CALLBACK (update_preview_button), self);
  self->scan_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_Scan")));
  self->attach_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_ ("_Attach")));
  gtk_widget_add_css_class (GTK_WIDGET (self->attach_button), "suggested-action");
  gtk_widget_set_sensitive (GTK_WIDGET (self->attach_button), FALSE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->scan_button), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->attach_button), TRUE);
  g_signal_connect_swapped (self->scan_button, "clicked", G_CALLBACK (on_scan_clicked_cb), self);
  g_signal_connect_swapped (self->attach_button, "clicked", G_CALLBACK (on_attach_clicked_cb),
                            self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->preview_button));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->scan_button));
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (self->attach_button));

  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_vexpand (box, TRUE);
  gtk_box_append (GTK_BOX (box), group);
  gtk_box_append (GTK_BOX (box), preview_frame);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->status_label));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress));
  gtk_box_append (GTK_BOX (box), buttons);

  gtk_box_append (GTK_BOX (content), header);
  gtk_box_append (GTK_BOX (content), box);
  adw_window_set_content (ADW_WINDOW (self), content);
}

/**
 * xs_scan_dialog_new:
 *
 * Returns: (transfer floating): a dialog scanning into @activity, transient for @parent
 */
XsScanDialog *
xs_scan_dialog_new (GtkWindow *parent, XsSession *session, const XsActivity *activity)
{
  XsScanDialog *self = g_object_new (XS_TYPE_SCAN_DIALOG, "transient-for", parent, NULL);
  g_autoptr (GError) error = NULL;

  self->session = g_object_ref (session);
  self->activity = xs_activity_ref ((XsActivity *)activity);
  self->dir = g_dir_make_tmp ("xueshi-scan-XXXXXX", &error);
  build (self);
  if (self->dir == NULL)
    {
      set_status (self, error->message, TRUE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->scan_button), FALSE);
      return self;
    }
  self->cancellable = g_cancellable_new ();
  find_scanners (self);
  return self;
}

/* For tests: press Scan, Attach; the state shown. */
void
xs_scan_dialog_scan (XsScanDialog *self)
{
  on_scan_clicked_cb (self);
}

void
xs_scan_dialog_preview (XsScanDialog *self)
{
  on_preview_clicked_cb (self);
}

gboolean
xs_scan_dialog_has_preview (XsScanDialog *self)
{
  return gtk_picture_get_paintable (self->preview) != NULL;
}

gboolean
xs_scan_dialog_is_busy (XsScanDialog *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->progress));
}

void
xs_scan_dialog_attach (XsScanDialog *self)
{
  on_attach_clicked_cb (self);
}

gboolean
xs_scan_dialog_is_ready (XsScanDialog *self)
{
  return gtk_widget_get_sensitive (GTK_WIDGET (self->attach_button));
}

gboolean
xs_scan_dialog_has_scanners (XsScanDialog *self)
{
  return self->devices != NULL && self->devices->len > 0;
}

const char *
xs_scan_dialog_get_status (XsScanDialog *self)
{
  return gtk_label_get_label (self->status_label);
}

void
xs_scan_dialog_set_source (XsScanDialog *self, XsScannerSource source)
{
  adw_combo_row_set_selected (self->source_row, source);
}

static void
xs_scan_dialog_dispose (GObject *object)
{
  XsScanDialog *self = XS_SCAN_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (xs_scan_dialog_parent_class)->dispose (object);
}

static void
xs_scan_dialog_finalize (GObject *object)
{
  XsScanDialog *self = XS_SCAN_DIALOG (object);

  /* A scan not attached goes with the dialog. */
  if (self->pdf != NULL)
    g_unlink (self->pdf);
  g_free (self->pdf);
  if (self->dir != NULL)
    g_rmdir (self->dir);
  g_free (self->dir);
  g_clear_object (&self->session);
  g_clear_pointer (&self->activity, xs_activity_unref);
  g_clear_pointer (&self->materials, g_ptr_array_unref);
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  G_OBJECT_CLASS (xs_scan_dialog_parent_class)->finalize (object);
}

static void
xs_scan_dialog_class_init (XsScanDialogClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = xs_scan_dialog_dispose;
  G_OBJECT_CLASS (klass)->finalize = xs_scan_dialog_finalize;
}

static void
xs_scan_dialog_init (XsScanDialog *self)
{
}
