/* xs-sheet-pdf.c — XsSheetPdf: one PDF file of one sheet or many, written under a temporary
 * name and renamed into place only when complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "xs-sheet-private.h"

struct _XsSheetPdf
{
  XsSheetRenderer *renderer;
  cairo_surface_t *surface;
  cairo_t *cr;
  char *path;     /* where it goes; NULL in memory */
  char *tmp_path; /* where it is written */
  int fd;
  GByteArray *buffer; /* cairo writes in small pieces: gathered here, written 64 KiB at a time */
  GByteArray *bytes;  /* in memory */
  int write_errno;
  guint sheets;
  guint pages;
  gboolean finished;
  gboolean committed;
};

#define WRITE_BUFFER (64 * 1024)

static gboolean
flush_buffer (XsSheetPdf *pdf)
{
  const guint8 *data = pdf->buffer->data;
  gsize length = pdf->buffer->len;

  while (length > 0)
    {
      ssize_t n = write (pdf->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          pdf->write_errno = n < 0 ? errno : EIO;
          return FALSE;
        }
      data += n;
      length -= (gsize)n;
    }
  g_byte_array_set_size (pdf->buffer, 0);
  return TRUE;
}

static cairo_status_t
write_fd (void *closure, const unsigned char *data, unsigned int length)
{
  XsSheetPdf *pdf = closure;

  if (pdf->write_errno != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  g_byte_array_append (pdf->buffer, data, length);
  if (pdf->buffer->len >= WRITE_BUFFER && !flush_buffer (pdf))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
write_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  XsSheetPdf *pdf = closure;

  g_byte_array_append (pdf->bytes, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_failed (XsSheetPdf *pdf, int errsv, GError **error)
{
  g_autofree char *display = g_filename_display_name (pdf->path ? pdf->path : "");

  g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_WRITE, _ ("Cannot write “%s”: %s"), display,
               g_strerror (errsv));
  return FALSE;
}

static char *
iso_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

/* @staging: the folder of the temporary file; NULL: beside @path */
static XsSheetPdf *
pdf_new (XsSheetRenderer *renderer, const char *path, const char *staging, GError **error)
{
  const XsSheetLayout *l = renderer->layout;
  g_autoptr (XsSheetPdf) pdf = g_new0 (XsSheetPdf, 1);
  g_autofree char *date = iso_time (renderer->time);

  pdf->renderer = g_object_ref (renderer);
  pdf->fd = -1;
  if (path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *tmpl = g_strdup_printf (".%s.XXXXXX", base);

      pdf->path = g_strdup (path);
      pdf->tmp_path = g_build_filename (staging != NULL ? staging : dir, tmpl, NULL);
      pdf->fd = g_mkstemp_full (pdf->tmp_path, O_WRONLY | O_CLOEXEC, 0600);
      if (pdf->fd < 0)
        {
          int errsv = errno;
          g_clear_pointer (&pdf->tmp_path, g_free);
          write_failed (pdf, errsv, error);
          return NULL;
        }
      pdf->buffer = g_byte_array_sized_new (WRITE_BUFFER + 4096);
      pdf->surface =
          cairo_pdf_surface_create_for_stream (write_fd, pdf, l->page_width, l->page_height);
    }
  else
    {
      pdf->bytes = g_byte_array_new ();
      pdf->surface =
          cairo_pdf_surface_create_for_stream (write_bytes, pdf, l->page_width, l->page_height);
    }
  pdf->cr = cairo_create (pdf->surface);
  if (cairo_status (pdf->cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_RENDER, _ ("Cannot make a PDF: %s"),
                   cairo_status_to_string (cairo_status (pdf->cr)));
      return NULL;
    }

  /* The dates are the generation time, so the same data and time give the same bytes. */
  cairo_pdf_surface_restrict_to_version (pdf->surface, CAIRO_PDF_VERSION_1_5);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Xueshi " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_SUBJECT, l->pdf_subject);
  if (renderer->operator_name != NULL)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_AUTHOR,
                                    renderer->operator_name);
  return g_steal_pointer (&pdf);
}

/**
 * xs_sheet_pdf_new:
 * @renderer: the renderer; its time, operator and draft setting apply to the whole file
 * @path: the file to make; it appears only on xs_sheet_pdf_commit()
 *
 * Starts a PDF. It is written to a temporary file beside @path, so that a crash or an error
 * never leaves a partial PDF under the real name.
 *
 * Returns: (transfer full) (nullable): the PDF, or %NULL with %XS_SHEET_ERROR_WRITE
 */
XsSheetPdf *
xs_sheet_pdf_new (XsSheetRenderer *renderer, const char *path, GError **error)
{
  g_return_val_if_fail (XS_IS_SHEET_RENDERER (renderer), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return pdf_new (renderer, path, NULL, error);
}

/**
 * xs_sheet_pdf_new_staged:
 * @staging: a folder on the same file system as @path
 *
 * As xs_sheet_pdf_new(), the temporary file in @staging: a batch keeps all its unfinished
 * files in one folder of its own, which is all a crash can leave behind.
 */
XsSheetPdf *
xs_sheet_pdf_new_staged (XsSheetRenderer *renderer, const char *path, const char *staging,
                         GError **error)
{
  g_return_val_if_fail (XS_IS_SHEET_RENDERER (renderer), NULL);
  g_return_val_if_fail (path != NULL && staging != NULL, NULL);

  return pdf_new (renderer, path, staging, error);
}

/**
 * xs_sheet_pdf_add:
 * @sheet: a sheet to append; its pages are numbered on their own
 *
 * Returns: %TRUE, or %FALSE with an error (the PDF is then of no use)
 */
gboolean
xs_sheet_pdf_add (XsSheetPdf *pdf, XsSheet *sheet, GError **error)
{
  const XsSheetLayout *l;
  g_autoptr (Model) m = NULL;
  g_autofree char *title = NULL;
  cairo_status_t status;

  g_return_val_if_fail (pdf != NULL, FALSE);
  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (!pdf->finished, FALSE);

  l = pdf->renderer->layout;
  m = xs_sheet_model_new (pdf->renderer, sheet, error);
  if (m == NULL)
    return FALSE;

  {
    g_autofree char *name =
        g_strdup_printf ("%s（%s）", xs_sheet_or_blank (sheet->person->name), sheet->person->id);
    g_autofree char *link = g_strdup_printf ("page=%u", pdf->pages + 1);

    cairo_pdf_surface_add_outline (pdf->surface, CAIRO_PDF_OUTLINE_ROOT, name, link, 0);
  }
  for (guint page = 1; page <= m->pages; page++)
    {
      xs_sheet_draw_page (m, pdf->cr, page);
      cairo_show_page (pdf->cr);
    }
  pdf->pages += m->pages;
  pdf->sheets++;

  if (pdf->sheets == 1)
    title = xs_sheet_layout_expand (l->pdf_title, "name", xs_sheet_or_blank (sheet->person->name),
                                    NULL);
  else
    {
      g_autofree char *count = xs_sheet_format_uint (pdf->sheets);
      title = xs_sheet_layout_expand (l->pdf_title_combined, "count", count, NULL);
    }
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, title);

  status = cairo_status (pdf->cr);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (status == CAIRO_STATUS_WRITE_ERROR && pdf->write_errno != 0)
        return write_failed (pdf, pdf->write_errno, error);
      g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_RENDER, _ ("Cannot draw the sheet: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * xs_sheet_pdf_finish:
 *
 * Completes the PDF and flushes it to disk, still under its temporary name.
 *
 * Returns: %TRUE, or %FALSE with an error
 */
gboolean
xs_sheet_pdf_finish (XsSheetPdf *pdf, GError **error)
{
  cairo_status_t status;

  g_return_val_if_fail (pdf != NULL, FALSE);

  if (pdf->finished)
    return TRUE;
  pdf->finished = TRUE;

  g_clear_pointer (&pdf->cr, cairo_destroy);
  cairo_surface_finish (pdf->surface);
  status = cairo_surface_status (pdf->surface);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  if (pdf->fd >= 0 && pdf->write_errno == 0)
    flush_buffer (pdf);
  /* A batch keeps every finished file until it commits them all: 128 KiB each, otherwise. */
  if (pdf->fd >= 0)
    g_clear_pointer (&pdf->buffer, g_byte_array_unref);
  if (pdf->write_errno != 0)
    return write_failed (pdf, pdf->write_errno, error);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_RENDER, _ ("Cannot make a PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  if (pdf->fd >= 0)
    {
      int fd = pdf->fd;

      pdf->fd = -1;
      if (fsync (fd) != 0)
        {
          int errsv = errno;
          close (fd);
          return write_failed (pdf, errsv, error);
        }
      if (close (fd) != 0)
        return write_failed (pdf, errno, error);
    }
  return TRUE;
}

static void
sync_dir (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* The rename is durable once the folder is; failing that is no reason to fail. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * xs_sheet_pdf_commit:
 *
 * Finishes the PDF if needed and renames it to its real name, replacing any file there.
 *
 * Returns: %TRUE, or %FALSE with an error (the temporary file is removed on free)
 */
gboolean
xs_sheet_pdf_commit (XsSheetPdf *pdf, GError **error)
{
  g_return_val_if_fail (pdf != NULL, FALSE);
  g_return_val_if_fail (pdf->path != NULL, FALSE);

  if (pdf->committed)
    return TRUE;
  if (!xs_sheet_pdf_finish (pdf, error))
    return FALSE;
  if (g_rename (pdf->tmp_path, pdf->path) != 0)
    return write_failed (pdf, errno, error);
  pdf->committed = TRUE;
  sync_dir (pdf->path);
  return TRUE;
}

/**
 * xs_sheet_pdf_get_path:
 *
 * Returns: (transfer none): the file's real name
 */
const char *
xs_sheet_pdf_get_path (XsSheetPdf *pdf)
{
  return pdf->path;
}

/**
 * xs_sheet_pdf_get_pages:
 *
 * Returns: pages written so far, all sheets together
 */
guint
xs_sheet_pdf_get_pages (XsSheetPdf *pdf)
{
  return pdf->pages;
}

/**
 * xs_sheet_pdf_free:
 *
 * Frees the PDF. Unless committed, its temporary file is removed and nothing is left behind.
 */
void
xs_sheet_pdf_free (XsSheetPdf *pdf)
{
  if (pdf == NULL)
    return;
  g_clear_pointer (&pdf->cr, cairo_destroy);
  if (pdf->surface != NULL)
    {
      /* Finishing flushes into the temporary file, which goes next anyway. */
      cairo_surface_finish (pdf->surface);
      cairo_surface_destroy (pdf->surface);
    }
  if (pdf->fd >= 0)
    close (pdf->fd);
  if (pdf->tmp_path != NULL && !pdf->committed)
    g_unlink (pdf->tmp_path);
  if (pdf->bytes != NULL)
    g_byte_array_unref (pdf->bytes);
  if (pdf->buffer != NULL)
    g_byte_array_unref (pdf->buffer);
  g_object_unref (pdf->renderer);
  g_free (pdf->path);
  g_free (pdf->tmp_path);
  g_free (pdf);
}

/**
 * xs_sheet_renderer_render:
 *
 * Renders one sheet to a PDF in memory.
 *
 * Returns: (transfer full) (nullable): the PDF's bytes, or %NULL with an error
 */
GBytes *
xs_sheet_renderer_render (XsSheetRenderer *self, XsSheet *sheet, GError **error)
{
  g_autoptr (XsSheetPdf) pdf = NULL;

  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), NULL);
  g_return_val_if_fail (sheet != NULL, NULL);

  pdf = pdf_new (self, NULL, NULL, error);
  if (pdf == NULL || !xs_sheet_pdf_add (pdf, sheet, error) || !xs_sheet_pdf_finish (pdf, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf->bytes));
}
