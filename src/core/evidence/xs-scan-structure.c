/* xs-scan-structure.c — a scan's structure walked before any decoder sees it.
 *
 * gdk-pixbuf and libtiff trust what a file says about itself; these checks read it first, from
 * the bytes alone: a PNG or JPEG that is cut off, a progressive JPEG's scan count, a TIFF's page
 * chain (loops, pages outside the file, pages, strips and tiles over the caps), and the pixel
 * count of every page. See HACKING.md, "What the decoders promise".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "xs-scan.h"
#include "xs-scan-structure.h"

gboolean
xs_scan_check_pixels (gint64 width, gint64 height, GError **error)
{
  if (width > 0 && height > 0 && width <= XS_SCAN_MAX_SURFACE_SIDE &&
      height <= XS_SCAN_MAX_SURFACE_SIDE && width * height <= XS_SCAN_MAX_PIXELS)
    return TRUE;
  g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS,
               _ ("The image would be %lld × %lld pixels, more than Xueshi opens (%lld "
                  "megapixels, at most %d on a side)"),
               (long long)width, (long long)height, (long long)(XS_SCAN_MAX_PIXELS / 1000000),
               XS_SCAN_MAX_SURFACE_SIDE);
  return FALSE;
}

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32)p[0] << 24) | ((guint32)p[1] << 16) | ((guint32)p[2] << 8) | p[3];
}

/* gdk-pixbuf shows a cut-off PNG or JPEG without a word, its missing part grey: so the file's
 * structure is walked first. A PNG's chunks must lead to IEND. */
gboolean
xs_scan_png_is_complete (const guint8 *data, gsize len)
{
  gsize pos = 8;

  while (pos + 12 <= len)
    {
      guint32 n = read_be32 (data + pos);

      if (memcmp (data + pos + 4, "IEND", 4) == 0)
        return TRUE;
      if (n > len - pos - 12)
        return FALSE;
      pos += 12 + (gsize)n;
    }
  return FALSE;
}

/* A JPEG's segments, and the entropy-coded data after each SOS, must lead to EOI. Its scans
 * (SOS segments) are counted on the way: a progressive JPEG is decoded once per scan. */
gboolean
xs_scan_jpeg_is_complete (const guint8 *data, gsize len, guint *n_scans)
{
  gsize pos = 2;

  while (pos + 2 <= len)
    {
      guint8 marker = data[pos + 1];
      gsize n;

      if (data[pos] != 0xff)
        return FALSE;
      if (marker == 0xff) /* fill byte */
        {
          pos++;
          continue;
        }
      if (marker == 0xd9) /* EOI */
        return TRUE;
      if (marker == 0x01 || (marker >= 0xd0 && marker <= 0xd7)) /* TEM, RSTn: no length */
        {
          pos += 2;
          continue;
        }
      if (pos + 4 > len)
        return FALSE;
      n = ((gsize)data[pos + 2] << 8) | data[pos + 3];
      if (n < 2 || n > len - pos - 2)
        return FALSE;
      pos += 2 + n;
      if (marker != 0xda) /* SOS */
        continue;
      (*n_scans)++;
      /* Entropy-coded data: an 0xFF in it is stuffed (FF 00) or a restart marker. */
      while (pos + 1 < len && !(data[pos] == 0xff && data[pos + 1] != 0x00 &&
                                !(data[pos + 1] >= 0xd0 && data[pos + 1] <= 0xd7)))
        pos++;
    }
  return FALSE;
}

static guint
read_u16 (const guint8 *p, gboolean le)
{
  return le ? p[0] | (guint)p[1] << 8 : (guint)p[0] << 8 | p[1];
}

static guint32
read_u32 (const guint8 *p, gboolean le)
{
  return le ? p[0] | (guint32)p[1] << 8 | (guint32)p[2] << 16 | (guint32)p[3] << 24 : read_be32 (p);
}

/* A TIFF's page directories (IFDs) are a chain libtiff follows: every page is counted before
 * any decoder sees the file, a chain that loops or leaves the file is damage, and each page's
 * size and strip or tile count is checked against the caps. */
gboolean
xs_scan_tiff_check (const guint8 *data, gsize len, GError **error)
{
  gboolean le = data[0] == 'I';
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  guint32 offset = len >= 8 ? read_u32 (data + 4, le) : 0;
  guint pages = 0;

  while (offset != 0)
    {
      guint n;
      gint64 width = 0, height = 0;

      if (++pages > XS_SCAN_MAX_PAGES)
        {
          g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS,
                       _ ("The TIFF image has more than %d pages; split it into smaller files"),
                       XS_SCAN_MAX_PAGES);
          return FALSE;
        }
      if (!g_hash_table_add (seen, GUINT_TO_POINTER (offset)))
        {
          g_set_error_literal (error, XS_SCAN_ERROR, XS_SCAN_ERROR_CORRUPT,
                               _ ("The TIFF image is damaged: its pages lead back to each other"));
          return FALSE;
        }
      if (offset < 8 || offset > len - 2 ||
          (gsize)read_u16 (data + offset, le) * 12 + 6 > len - offset)
        {
          g_set_error_literal (error, XS_SCAN_ERROR, XS_SCAN_ERROR_CORRUPT,
                               _ ("The TIFF image is damaged: a page lies outside the file"));
          return FALSE;
        }
      n = read_u16 (data + offset, le);
      for (guint i = 0; i < n; i++)
        {
          const guint8 *entry = data + offset + 2 + (gsize)i * 12;
          guint tag = read_u16 (entry, le);
          guint type = read_u16 (entry + 2, le);
          guint32 count = read_u32 (entry + 4, le);
          gint64 value = type == 3 ? read_u16 (entry + 8, le) : read_u32 (entry + 8, le);

          if (tag == 256)
            width = value;
          else if (tag == 257)
            height = value;
          else if ((tag == 273 || tag == 279 || tag == 324 || tag == 325) &&
                   count > XS_SCAN_MAX_STRIPS)
            {
              g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_MANY_PIXELS,
                           _ ("The TIFF image has %lld strips or tiles on one page, more than "
                              "Xueshi reads (%d)"),
                           (long long)count, XS_SCAN_MAX_STRIPS);
              return FALSE;
            }
        }
      if (!xs_scan_check_pixels (width, height, error))
        return FALSE;
      offset = read_u32 (data + offset + 2 + (gsize)n * 12, le);
    }
  return TRUE;
}
