/* xs-test-pdf.h — real PDFs for tests that need evidence poppler can open.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo-pdf.h>
#include <glib.h>

/* Writes a one-page A4 PDF to @path. @note makes files distinct; @noise_pixels adds an
 * incompressible image of that many pixels, to make a large file. */
static inline void
xs_test_write_pdf (const char *path, const char *note, int noise_pixels)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (surface);

  cairo_move_to (cr, 72, 72);
  cairo_show_text (cr, note);
  if (noise_pixels > 0)
    {
      int side = (int)g_test_rand_int_range (0, 1) + 1;
      cairo_surface_t *noise;
      guint32 *data;
      GRand *rand = g_rand_new_with_seed (g_str_hash (note));

      while (side * side < noise_pixels)
        side++;
      noise = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
      cairo_surface_flush (noise);
      data = (guint32 *)cairo_image_surface_get_data (noise);
      for (int i = 0; i < side * (cairo_image_surface_get_stride (noise) / 4); i++)
        data[i] = g_rand_int (rand);
      cairo_surface_mark_dirty (noise);
      cairo_set_source_surface (cr, noise, 72, 100);
      cairo_paint (cr);
      cairo_surface_destroy (noise);
      g_rand_free (rand);
    }
  cairo_show_page (cr);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static inline char *
xs_test_pdf_bytes (const char *dir, const char *note, gsize *out_len)
{
  g_autofree char *path = g_build_filename (dir, "pdf-bytes.tmp", NULL);
  char *contents = NULL;

  xs_test_write_pdf (path, note, 0);
  g_assert_true (g_file_get_contents (path, &contents, out_len, NULL));
  g_unlink (path);
  return contents;
}
