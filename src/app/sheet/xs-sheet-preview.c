/* xs-sheet-preview.c — the confirmation sheet as it will print; printing it.
 *
 * The core renders the sheet to PDF (Cairo and Pango, fonts embedded) in a worker thread;
 * poppler turns those same PDF pages into textures for the preview and draws them onto the
 * printer's Cairo context, so what is previewed, printed and exported is one document.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>
#include <poppler.h>

#include "xs-attach.h"
#include "xs-sheet-preview.h"
#include "xs-spinner.h"
#include "xs-transfer.h"

/* Preview pixels per PDF point: an A4 page 774 px wide, shown 1:1. */
#define PREVIEW_SCALE 1.3

struct _XsSheetPreview
{
  AdwWindow parent_instance;

  XsSession *session;
  char *person_id;
  GBytes *pdf;
  guint n_pages;
  GCancellable *cancellable;

  AdwWindowTitle *window_title;
  GtkToggleButton *draft_button;
  GtkWidget *pending_box;
  GtkLabel *pending_label;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkBox *pages_box;
};

G_DEFINE_FINAL_TYPE (XsSheetPreview, xs_sheet_preview, ADW_TYPE_WINDOW)

typedef struct
{
  char *person_id;
  char *operator_name;
  gboolean draft;
  gboolean with_pages; /* also rasterise the pages for the preview */
  XsSession *session;
} RenderRequest;

typedef struct
{
  GBytes *pdf;
  guint pending;
  gboolean unconfirmed; /* no stage of the round has passed: a draft whatever the button says */
  GPtrArray *pages;     /* GdkTexture */
} Rendered;

static void
render_request_free (RenderRequest *request)
{
  g_free (request->person_id);
  g_free (request->operator_name);
  g_clear_object (&request->session);
  g_free (request);
}

static void
rendered_free (Rendered *rendered)
{
  g_clear_pointer (&rendered->pdf, g_bytes_unref);
  g_clear_pointer (&rendered->pages, g_ptr_array_unref);
  g_free (rendered);
}

static GdkTexture *
rasterise (PopplerPage *page)
{
  double w, h;
  int width, height, stride;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr (GBytes) bytes = NULL;

  poppler_page_get_size (page, &w, &h);
  width = (int)(w * PREVIEW_SCALE + 0.5);
  height = (int)(h * PREVIEW_SCALE + 0.5);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, PREVIEW_SCALE, PREVIEW_SCALE);
  poppler_page_render (page, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize)stride * height);
  cairo_surface_destroy (surface);
  /* RGB24 keeps an unused alpha byte: B, G, R, x in memory on little-endian machines. */
  return gdk_memory_texture_new (width, height,
                                 G_BYTE_ORDER == G_LITTLE_ENDIAN
                                     ? GDK_MEMORY_B8G8R8A8_PREMULTIPLIED
                                     : GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
                                 bytes, stride);
}

static gboolean
render_work (gpointer data, GCancellable *cancellable, gpointer *out_result, GError **out_error)
{
  RenderRequest *request = data;
  g_autoptr (XsStore) store = NULL;
  g_autoptr (XsSheet) sheet = NULL;
  g_autoptr (XsSheetRenderer) renderer = NULL;
  GError *error = NULL;
  Rendered *rendered;

  store = xs_session_open_thread_store (request->session, &error);
  if (store != NULL)
    sheet = xs_sheet_new_from_store (store, xs_session_get_rules (request->session),
                                     request->person_id, &error);
  if (sheet != NULL)
    renderer = xs_sheet_renderer_new (&error);
  if (renderer == NULL)
    {
      g_propagate_error (out_error, error);
      return FALSE;
    }
  xs_sheet_renderer_set_operator (renderer, request->operator_name);
  xs_sheet_renderer_set_draft (renderer, request->draft);

  rendered = g_new0 (Rendered, 1);
  rendered->pending = xs_sheet_get_pending (sheet);
  rendered->unconfirmed = xs_sheet_is_draft (sheet);
  rendered->pdf = xs_sheet_renderer_render (renderer, sheet, &error);
  if (rendered->pdf != NULL && request->with_pages)
    {
      PopplerDocument *document = poppler_document_new_from_bytes (rendered->pdf, NULL, &error);

      rendered->pages = g_ptr_array_new_with_free_func (g_object_unref);
      for (int i = 0; document != NULL && i < poppler_document_get_n_pages (document); i++)
        {
          PopplerPage *page;

          if (g_cancellable_is_cancelled (cancellable))
            break;
          page = poppler_document_get_page (document, i);
          g_ptr_array_add (rendered->pages, rasterise (page));
          g_object_unref (page);
        }
      if (document == NULL)
        g_clear_pointer (&rendered->pdf, g_bytes_unref);
      g_clear_object (&document);
    }
  if (rendered->pdf == NULL)
    {
      rendered_free (rendered);
      g_propagate_error (out_error, error);
      return FALSE;
    }
  *out_result = rendered;
  return TRUE;
}

static void
start_render (XsSession *session, const char *person_id, gboolean draft, gboolean with_pages,
              GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  RenderRequest *request = g_new0 (RenderRequest, 1);
  const char *operator_name = xs_session_get_operator_name (session);

  request->session = g_object_ref (session);
  request->person_id = g_strdup (person_id);
  request->operator_name =
      *operator_name ? g_strdup (operator_name) : xs_session_dup_actor (session);
  request->draft = draft;
  request->with_pages = with_pages;
  xs_worker_run (NULL, cancellable, xs_sheet_render_async, render_work, request,
                 (GDestroyNotify)render_request_free, (GDestroyNotify)rendered_free, callback,
                 user_data);
}

/**
 * xs_sheet_render_async:
 *
 * Renders the person's sheet to PDF in a worker thread.
 */
void
xs_sheet_render_async (XsSession *session, const char *person_id, gboolean draft,
                       GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data)
{
  start_render (session, person_id, draft, FALSE, cancellable, callback, user_data);
}

/**
 * xs_sheet_render_finish:
 * @out_pending: (out) (optional): activities awaiting review, which the sheet leaves out
 *
 * Returns: (transfer full): the PDF
 */
GBytes *
xs_sheet_render_finish (GAsyncResult *result, guint *out_pending, GError **error)
{
  Rendered *rendered = NULL;
  GBytes *pdf;

  if (!xs_worker_finish (result, (gpointer *)&rendered, error))
    return NULL;
  if (out_pending != NULL)
    *out_pending = rendered->pending;
  pdf = g_steal_pointer (&rendered->pdf);
  rendered_free (rendered);
  return pdf;
}

static void
on_draw_page_cb (GtkPrintOperation *operation, GtkPrintContext *context, int page_nr,
                 PopplerDocument *document)
{
  PopplerPage *page = poppler_document_get_page (document, page_nr);

  if (page == NULL)
    return;
  poppler_page_render_for_printing (page, gtk_print_context_get_cairo_context (context));
  g_object_unref (page);
}

static void
on_print_done_cb (GtkPrintOperation *operation, GtkPrintOperationResult result, GtkWindow *parent)
{
  g_autoptr (GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      gtk_print_operation_get_error (operation, &error);
      if (parent != NULL && error != NULL)
        xs_show_error (GTK_WIDGET (parent), _ ("Cannot Print"), error);
    }
  g_object_unref (operation);
}

/**
 * xs_sheet_print_pdf:
 *
 * Prints the sheet's PDF pages at their size (A4) through the print dialog.
 */
void
xs_sheet_print_pdf (GtkWindow *parent, GBytes *pdf, const char *job_name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  PopplerDocument *document = poppler_document_new_from_bytes (pdf, NULL, &error);
  GtkPrintOperation *operation;

  if (document == NULL)
    {
      if (parent != NULL)
        xs_show_error (GTK_WIDGET (parent), _ ("Cannot Print"), error);
      return;
    }
  operation = gtk_print_operation_new ();
  gtk_page_setup_set_paper_size (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_n_pages (operation, poppler_document_get_n_pages (document));
  gtk_print_operation_set_use_full_page (operation, TRUE);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_embed_page_setup (operation, FALSE);
  g_signal_connect_data (operation, "draw-page", G_CALLBACK (on_draw_page_cb), document,
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  g_signal_connect_data (operation, "done", G_CALLBACK (on_print_done_cb),
                         parent ? g_object_ref (parent) : NULL,
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent,
                               &error) == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      if (parent != NULL)
        xs_show_error (GTK_WIDGET (parent), _ ("Cannot Print"), error);
      g_object_unref (operation);
    }
}

typedef struct
{
  GtkWindow *parent;
  char *person_id;
} PrintRequest;

static void
print_rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  PrintRequest *request = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) pdf = xs_sheet_render_finish (result, NULL, &error);

  if (pdf == NULL)
    xs_show_error (GTK_WIDGET (request->parent), _ ("Cannot Make the Sheet"), error);
  else
    xs_sheet_print_pdf (request->parent, pdf, request->person_id);
  g_object_unref (request->parent);
  g_free (request->person_id);
  g_free (request);
}

/* Renders the person's sheet off the main thread, then opens the print dialog. */
void
xs_sheet_print (GtkWindow *parent, XsSession *session, const char *person_id)
{
  PrintRequest *request = g_new0 (PrintRequest, 1);

  request->parent = g_object_ref (parent);
  request->person_id = g_strdup (person_id);
  xs_sheet_render_async (session, person_id, FALSE, NULL, print_rendered_cb, request);
}

static void
preview_rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (XsSheetPreview) self = user_data;
  g_autoptr (GError) error = NULL;
  Rendered *rendered = NULL;
  GtkWidget *child;

  if (!xs_worker_finish (result, (gpointer *)&rendered, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.print", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.export", FALSE);
      return;
    }

  g_clear_pointer (&self->pdf, g_bytes_unref);
  self->pdf = g_bytes_ref (rendered->pdf);
  self->n_pages = rendered->pages->len;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->pages_box))) != NULL)
    gtk_box_remove (self->pages_box, child);
  for (guint i = 0; i < rendered->pages->len; i++)
    {
      GtkWidget *picture = gtk_picture_new_for_paintable (g_ptr_array_index (rendered->pages, i));

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), FALSE);
      gtk_widget_set_halign (picture, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (picture, "sheet-page");
      gtk_box_append (self->pages_box, picture);
    }
  {
    g_autoptr (GString) notice = g_string_new (NULL);

    if (rendered->unconfirmed)
      g_string_append (notice, _ ("No stage of the verification round has passed yet: the "
                                  "sheet is a draft until the first review passes."));
    if (rendered->pending > 0)
      {
        if (notice->len > 0)
          g_string_append_c (notice, '\n');
        g_string_append_printf (notice,
                                ngettext ("%u activity awaits review and is not on the sheet.",
                                          "%u activities await review and are not on the sheet.",
                                          rendered->pending),
                                rendered->pending);
      }
    gtk_label_set_label (self->pending_label, notice->str);
    gtk_widget_set_visible (self->pending_box, notice->len > 0);
  }
  /* The button cannot make an unconfirmed sheet final: say so instead of ignoring a click. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->draft_button), !rendered->unconfirmed);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->draft_button),
                               rendered->unconfirmed
                                   ? _ ("A draft until the first stage of the round passes")
                                   : _ ("Print “草稿” across every page"));
  gtk_stack_set_visible_child_name (self->stack, "pages");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.print", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.export", TRUE);
  rendered_free (rendered);
}

static void
refresh (XsSheetPreview *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->pdf == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.print", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sheet.export", FALSE);
  start_render (self->session, self->person_id, gtk_toggle_button_get_active (self->draft_button),
                TRUE, self->cancellable, preview_rendered_cb, g_object_ref (self));
}

static void
on_draft_button_toggled_cb (XsSheetPreview *self)
{
  refresh (self);
}

static void
print_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsSheetPreview *self = XS_SHEET_PREVIEW (widget);

  if (self->pdf != NULL)
    xs_sheet_print_pdf (GTK_WINDOW (self), self->pdf, self->person_id);
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsSheetPreview *self = XS_SHEET_PREVIEW (widget);
  const char *ids[] = { self->person_id, NULL };

  xs_transfer_export_sheets (GTK_WINDOW (self), self->session, ids);
}

static void
on_session_person_changed_cb (XsSheetPreview *self, const char *person_id)
{
  if (g_strcmp0 (person_id, self->person_id) == 0)
    refresh (self);
}

static void
xs_sheet_preview_dispose (GObject *object)
{
  XsSheetPreview *self = XS_SHEET_PREVIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_SHEET_PREVIEW);
  g_clear_object (&self->session);
  g_clear_pointer (&self->pdf, g_bytes_unref);
  G_OBJECT_CLASS (xs_sheet_preview_parent_class)->dispose (object);
}

static void
xs_sheet_preview_finalize (GObject *object)
{
  XsSheetPreview *self = XS_SHEET_PREVIEW (object);

  g_free (self->person_id);
  G_OBJECT_CLASS (xs_sheet_preview_parent_class)->finalize (object);
}

static void
xs_sheet_preview_class_init (XsSheetPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_sheet_preview_dispose;
  object_class->finalize = xs_sheet_preview_finalize;

  g_type_ensure (XS_TYPE_SPINNER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-sheet-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, XsSheetPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, XsSheetPreview, draft_button);
  gtk_widget_class_bind_template_child (widget_class, XsSheetPreview, pending_box);
  gtk_widget_class_bind_template_child (widget_class, XsSheetPreview, pending_label);
  gtk_widget_class_bind_template_child (widget_class, XsSheetPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, XsSheetPreview, error_page);
  gtk_widget_class_bind_template_child (widget_class, XsSheetPreview, pages_box);
  gtk_widget_class_bind_template_callback (widget_class, on_draft_button_toggled_cb);

  gtk_widget_class_install_action (widget_class, "sheet.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "sheet.export", NULL, export_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "sheet.print",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "sheet.export",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
xs_sheet_preview_init (XsSheetPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * xs_sheet_preview_new:
 *
 * Returns: (transfer full): the preview, rendering at once
 */
XsSheetPreview *
xs_sheet_preview_new (XsSession *session, const char *person_id)
{
  XsSheetPreview *self = g_object_new (XS_TYPE_SHEET_PREVIEW, NULL);
  g_autoptr (XsPerson) person =
      xs_store_get_person (xs_session_get_store (session), person_id, NULL);

  self->session = g_object_ref (session);
  self->person_id = g_strdup (person_id);
  adw_window_title_set_subtitle (self->window_title, person ? person->name : person_id);
  g_signal_connect_object (session, "person-changed", G_CALLBACK (on_session_person_changed_cb),
                           self, G_CONNECT_SWAPPED);
  refresh (self);
  return self;
}

guint
xs_sheet_preview_get_n_pages (XsSheetPreview *self)
{
  g_return_val_if_fail (XS_IS_SHEET_PREVIEW (self), 0);
  return self->n_pages;
}

/**
 * xs_sheet_preview_get_pdf:
 *
 * Returns: (transfer none) (nullable): the PDF shown, once rendered
 */
GBytes *
xs_sheet_preview_get_pdf (XsSheetPreview *self)
{
  g_return_val_if_fail (XS_IS_SHEET_PREVIEW (self), NULL);
  return self->pdf;
}

/**
 * xs_sheet_preview_get_notice:
 *
 * Returns: (nullable): what the bar above the pages says (a draft before the first review,
 *   activities left out), or %NULL when it is hidden
 */
const char *
xs_sheet_preview_get_notice (XsSheetPreview *self)
{
  g_return_val_if_fail (XS_IS_SHEET_PREVIEW (self), NULL);
  if (!gtk_widget_get_visible (self->pending_box))
    return NULL;
  return gtk_label_get_label (self->pending_label);
}

/**
 * xs_sheet_preview_get_draft_chosen_freely:
 *
 * Returns: whether the 草稿 button may be used: not while the round has no passed stage
 */
gboolean
xs_sheet_preview_get_draft_chosen_freely (XsSheetPreview *self)
{
  g_return_val_if_fail (XS_IS_SHEET_PREVIEW (self), FALSE);
  return gtk_widget_get_sensitive (GTK_WIDGET (self->draft_button));
}
