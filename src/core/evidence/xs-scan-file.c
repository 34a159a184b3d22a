/* xs-scan-file.c — a scan's bytes read from a file, capped, and its type from its first bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "xs-scan.h"

/**
 * xs_scan_read_file:
 *
 * Reads a regular file of at most %XS_SCAN_MAX_BYTES, counting while reading (a file that
 * grows after it was measured is still refused).
 *
 * Returns: (transfer full): the contents, or %NULL with an %XS_SCAN_ERROR
 */
GBytes *
xs_scan_read_file (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GByteArray) data = NULL;
  g_autoptr (GError) local = NULL;
  g_autofree guint8 *buffer = NULL;
  gssize n;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local);
  if (info == NULL)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("Cannot read “%s”: %s"), path,
                   local->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("“%s” is not a regular file"),
                   path);
      return NULL;
    }
  if (g_file_info_get_size (info) > XS_SCAN_MAX_BYTES)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_LARGE,
                   _ ("“%s” is larger than %d MB; scan it at a lower resolution"), path,
                   XS_SCAN_MAX_BYTES / (1024 * 1024));
      return NULL;
    }

  stream = g_file_read (file, NULL, &local);
  if (stream == NULL)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("Cannot read “%s”: %s"), path,
                   local->message);
      return NULL;
    }
  data = g_byte_array_sized_new ((guint)g_file_info_get_size (info));
  buffer = g_malloc (256 * 1024);
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 256 * 1024, NULL, &local)) > 0)
    {
      if (data->len + (gsize)n > XS_SCAN_MAX_BYTES)
        {
          g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_LARGE,
                       _ ("“%s” is larger than %d MB; scan it at a lower resolution"), path,
                       XS_SCAN_MAX_BYTES / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (data, buffer, (guint)n);
    }
  if (n < 0)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("Cannot read “%s”: %s"), path,
                   local->message);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/**
 * xs_scan_sniff:
 * @data: (array length=length): the first bytes of a file (16 are enough)
 * @out_type: (out): the type the content says
 *
 * Recognises JPEG (`FF D8 FF`), PNG (`89 50 4E 47 0D 0A 1A 0A`), TIFF (`II*\0`, `MM\0*`) and
 * PDF (`%PDF-`) from their first bytes; a file's name plays no part.
 *
 * Returns: %TRUE for one of the four; else %XS_SCAN_ERROR_UNSUPPORTED
 */
gboolean
xs_scan_sniff (const guint8 *data, gsize length, XsScanType *out_type, GError **error)
{
  static const struct
  {
    const char *magic;
    gsize len;
    XsScanType type;
  } signatures[] = {
    { "\xff\xd8\xff", 3, XS_SCAN_TYPE_JPEG }, { "\x89PNG\r\n\x1a\n", 8, XS_SCAN_TYPE_PNG },
    { "II*\0", 4, XS_SCAN_TYPE_TIFF },        { "MM\0*", 4, XS_SCAN_TYPE_TIFF },
    { "%PDF-", 5, XS_SCAN_TYPE_PDF },
  };

  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (out_type != NULL, FALSE);

  *out_type = XS_SCAN_TYPE_UNKNOWN;
  for (guint i = 0; i < G_N_ELEMENTS (signatures); i++)
    if (length >= signatures[i].len && memcmp (data, signatures[i].magic, signatures[i].len) == 0)
      {
        *out_type = signatures[i].type;
        return TRUE;
      }
  if (length == 0)
    g_set_error_literal (error, XS_SCAN_ERROR, XS_SCAN_ERROR_UNSUPPORTED, _ ("The file is empty"));
  else
    g_set_error_literal (error, XS_SCAN_ERROR, XS_SCAN_ERROR_UNSUPPORTED,
                         _ ("The file is not a JPEG, PNG, TIFF or PDF scan, whatever its name "
                            "says; save the scan in one of those formats"));
  return FALSE;
}

/**
 * xs_scan_sniff_file:
 * @out_type: (out): the type the content says
 *
 * Like xs_scan_sniff() on the first bytes of @path; also refuses what is not a regular file
 * or is larger than %XS_SCAN_MAX_BYTES.
 */
gboolean
xs_scan_sniff_file (const char *path, XsScanType *out_type, GError **error)
{
  g_autoptr (GFile) file = NULL;
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GError) local = NULL;
  guint8 head[16];
  gsize n = 0;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (out_type != NULL, FALSE);

  *out_type = XS_SCAN_TYPE_UNKNOWN;
  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local);
  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("“%s” is not a regular file"),
                   path);
      return FALSE;
    }
  if (info != NULL && g_file_info_get_size (info) > XS_SCAN_MAX_BYTES)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_LARGE,
                   _ ("“%s” is larger than %d MB; scan it at a lower resolution"), path,
                   XS_SCAN_MAX_BYTES / (1024 * 1024));
      return FALSE;
    }
  if (info != NULL)
    stream = g_file_read (file, NULL, &local);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, NULL, &local))
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("Cannot read “%s”: %s"), path,
                   local->message);
      return FALSE;
    }
  return xs_scan_sniff (head, n, out_type, error);
}

/**
 * xs_scan_type_get_mime_type:
 *
 * Returns: (transfer none) (nullable): e.g. “image/jpeg”, or %NULL for %XS_SCAN_TYPE_UNKNOWN
 */
const char *
xs_scan_type_get_mime_type (XsScanType type)
{
  switch (type)
    {
    case XS_SCAN_TYPE_JPEG:
      return "image/jpeg";
    case XS_SCAN_TYPE_PNG:
      return "image/png";
    case XS_SCAN_TYPE_TIFF:
      return "image/tiff";
    case XS_SCAN_TYPE_PDF:
      return "application/pdf";
    case XS_SCAN_TYPE_UNKNOWN:
    default:
      return NULL;
    }
}
