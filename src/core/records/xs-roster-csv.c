/* xs-roster-csv.c — reading a roster file: capped, its encoding found, its rows parsed by
 * libcsv with the line each starts on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <csv.h>
#include <glib/gi18n-lib.h>

#include "xs-roster-csv.h"
#include "xs-xlsx-read.h"

/* More columns than this in one row is not a roster. */
#define MAX_COLUMNS 256

typedef struct
{
  struct csv_parser csv;
  guint cur_line;    /* the line being fed to the parser */
  guint record_line; /* where the current record started, 0 before its first field */
  guint last_end;    /* the line the last complete record ended on */
  GPtrArray *cells;  /* of the current record */
  GPtrArray *rows;   /* XsRosterRow, every record, the header first */
  gboolean too_many_columns;
} Reader;

void
xs_roster_row_free (XsRosterRow *row)
{
  g_ptr_array_unref (row->cells);
  g_clear_pointer (&row->numeric, g_array_unref);
  g_free (row);
}

/* An Excel roster: the first sheet that has anything in it, each row numbered as Excel shows
 * it, so that a problem names the row the clerk sees. */
GPtrArray *
xs_roster_read_workbook (GBytes *bytes, const char *name, GError **error)
{
  /* Excel writes formatted empty rows too; room for them beside the data rows. */
  g_autoptr (GPtrArray) sheets = xs_xlsx_read (bytes, name, 2 * XS_ROSTER_MAX_ROWS, error);
  g_autoptr (GPtrArray) rows = NULL;
  XsXlsxSheet *chosen = NULL;

  if (sheets == NULL)
    return NULL;
  for (guint i = 0; i < sheets->len && chosen == NULL; i++)
    {
      XsXlsxSheet *sheet = g_ptr_array_index (sheets, i);

      for (guint r = 0; r < sheet->rows->len && chosen == NULL; r++)
        if (((XsXlsxRow *)g_ptr_array_index (sheet->rows, r))->cells->len > 0)
          chosen = sheet;
    }
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_roster_row_free);
  for (guint r = 0; chosen != NULL && r < chosen->rows->len; r++)
    {
      XsXlsxRow *from = g_ptr_array_index (chosen->rows, r);
      XsRosterRow *row = g_new0 (XsRosterRow, 1);

      row->line = from->number;
      row->cells = g_ptr_array_ref (from->cells);
      row->numeric = g_array_ref (from->numeric);
      g_ptr_array_add (rows, row);
    }
  return g_steal_pointer (&rows);
}

GBytes *
xs_roster_read_capped (const char *path, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GByteArray) data = g_byte_array_new ();
  g_autoptr (GError) local = NULL;
  guint8 buffer[64 * 1024];
  gssize n;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local);
  if (info == NULL)
    {
      g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_READ, _ ("Cannot read “%s”: %s"), path,
                   local->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_READ, _ ("“%s” is not a regular file"),
                   path);
      return NULL;
    }

  stream = g_file_read (file, NULL, &local);
  if (stream == NULL)
    {
      g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_READ, _ ("Cannot read “%s”: %s"), path,
                   local->message);
      return NULL;
    }
  /* Counted while reading, so a file that grows after the check is still capped. */
  while ((n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, sizeof buffer, NULL, &local)) >
         0)
    {
      if (data->len + (gsize)n > XS_ROSTER_MAX_BYTES)
        {
          g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_TOO_LARGE,
                       _ ("“%s” is larger than %d MB; a roster is much smaller"), path,
                       XS_ROSTER_MAX_BYTES / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (data, buffer, (guint)n);
    }
  if (n < 0)
    {
      g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_READ, _ ("Cannot read “%s”: %s"), path,
                   local->message);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* UTF-8 (a BOM dropped) when the bytes are valid UTF-8, else GB18030, else refused. */
char *
xs_roster_decode_text (GBytes *bytes, const char **out_encoding, gsize *out_len, GError **error)
{
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);
  g_autofree char *converted = NULL;
  gsize written = 0;

  /* An empty file has no data pointer at all; g_strndup (NULL, 0) would return NULL and the
   * caller would take it for a failure without an error. It is empty text. */
  if (data == NULL || len == 0)
    {
      *out_encoding = "UTF-8";
      *out_len = 0;
      return g_strdup ("");
    }

  if (len >= 2 &&
      ((data[0] == '\xff' && data[1] == '\xfe') || (data[0] == '\xfe' && data[1] == '\xff')))
    {
      g_set_error_literal (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_ENCODING,
                           _ ("The file is UTF-16 text (Excel’s “Unicode text”); save it as "
                              "“CSV UTF-8” or “CSV (comma delimited)” instead"));
      return NULL;
    }

  if (g_utf8_validate_len (data, len, NULL))
    {
      if (len >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
        {
          data += 3;
          len -= 3;
        }
      *out_encoding = "UTF-8";
      *out_len = len;
      return g_strndup (data, len);
    }

  converted = g_convert (data, (gssize)len, "UTF-8", "GB18030", NULL, &written, NULL);
  if (converted == NULL || memchr (converted, '\0', written) != NULL)
    {
      g_set_error_literal (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_ENCODING,
                           _ ("The file is neither UTF-8 nor GB18030 text; save it from Excel "
                              "as “CSV UTF-8” or “CSV (comma delimited)”"));
      return NULL;
    }
  *out_encoding = "GB18030";
  /* GB18030 can encode a BOM too (84 31 95 33). */
  if (written >= 3 && memcmp (converted, "\xef\xbb\xbf", 3) == 0)
    {
      memmove (converted, converted + 3, written - 3 + 1);
      written -= 3;
    }
  *out_len = written;
  return g_steal_pointer (&converted);
}

/* Spaces, tabs and the ideographic space U+3000 around a cell are not part of it. */
static char *
dup_trimmed (const char *s, gsize len)
{
  const char *start = s;
  const char *end = s + len;

  for (;;)
    {
      if (start < end && (*start == ' ' || *start == '\t'))
        start++;
      else if (end - start >= 3 && memcmp (start, "\xe3\x80\x80", 3) == 0)
        start += 3;
      else
        break;
    }
  for (;;)
    {
      if (end > start && (end[-1] == ' ' || end[-1] == '\t'))
        end--;
      else if (end - start >= 3 && memcmp (end - 3, "\xe3\x80\x80", 3) == 0)
        end -= 3;
      else
        break;
    }
  return g_strndup (start, (gsize)(end - start));
}

static guint
count_line_breaks (const char *s, gsize len)
{
  guint n = 0;

  for (gsize i = 0; i < len; i++)
    if (s[i] == '\n' || (s[i] == '\r' && (i + 1 == len || s[i + 1] != '\n')))
      n++;
  return n;
}

static void
on_field (void *field, size_t len, void *user_data)
{
  Reader *reader = user_data;
  const char *s = field != NULL ? field : "";

  if (reader->record_line == 0)
    reader->record_line = reader->cur_line - count_line_breaks (s, len);
  if (reader->cells->len >= MAX_COLUMNS)
    {
      reader->too_many_columns = TRUE;
      return;
    }
  g_ptr_array_add (reader->cells, dup_trimmed (s, len));
}

static void
on_record (int terminator, void *user_data)
{
  Reader *reader = user_data;
  XsRosterRow *row = g_new0 (XsRosterRow, 1);

  row->line = reader->record_line != 0 ? reader->record_line : reader->cur_line;
  row->cells = g_steal_pointer (&reader->cells);
  g_ptr_array_add (reader->rows, row);
  reader->cells = g_ptr_array_new_with_free_func (g_free);
  reader->record_line = 0;
  reader->last_end = reader->cur_line;
}

/* Fed one line at a time, so every record knows the line it starts on. */
GPtrArray *
xs_roster_parse_csv (const char *text, gsize len, GError **error)
{
  Reader reader = { 0 };
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_roster_row_free);
  gsize pos = 0;
  gboolean ok = TRUE;
  gboolean at_end = FALSE;

  if (csv_init (&reader.csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
    g_error ("csv_init failed");
  reader.cells = g_ptr_array_new_with_free_func (g_free);
  reader.rows = rows;
  reader.cur_line = 1;

  while (pos < len && ok)
    {
      gsize end = pos;

      while (end < len && text[end] != '\n' && text[end] != '\r')
        end++;
      if (end < len && text[end] == '\r' && end + 1 < len && text[end + 1] == '\n')
        end++;
      if (end < len)
        end++;

      if (csv_parse (&reader.csv, text + pos, end - pos, on_field, on_record, &reader) != end - pos)
        ok = FALSE;
      else if (rows->len > XS_ROSTER_MAX_ROWS)
        {
          g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_TOO_LARGE,
                       _ ("Line %u: more than %d rows; a roster holds one unit's or a city's "
                          "staff"),
                       reader.cur_line, XS_ROSTER_MAX_ROWS);
          csv_free (&reader.csv);
          g_ptr_array_unref (reader.cells);
          return NULL;
        }
      else if (reader.too_many_columns)
        {
          g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_MALFORMED,
                       _ ("Line %u has more than %d cells; this is not a roster"), reader.cur_line,
                       MAX_COLUMNS);
          csv_free (&reader.csv);
          g_ptr_array_unref (reader.cells);
          return NULL;
        }
      else
        {
          pos = end;
          reader.cur_line++;
        }
    }
  if (ok)
    {
      /* The last line may have no line break; fini ends its record. */
      if (reader.cur_line > 1)
        reader.cur_line--;
      at_end = TRUE;
      ok = csv_fini (&reader.csv, on_field, on_record, &reader) == 0;
    }

  if (!ok)
    {
      if (csv_error (&reader.csv) == CSV_ENOMEM || csv_error (&reader.csv) == CSV_ETOOBIG)
        g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_MALFORMED,
                     _ ("Line %u: a cell is too large"), reader.cur_line);
      else if (at_end)
        g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_MALFORMED,
                     _ ("A quoted cell after line %u is never closed; the file is not valid CSV"),
                     reader.last_end);
      else
        g_set_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_MALFORMED,
                     _ ("Line %u: a quotation mark is out of place; the file is not valid CSV"),
                     reader.cur_line);
    }
  csv_free (&reader.csv);
  g_ptr_array_unref (reader.cells);
  return ok ? g_steal_pointer (&rows) : NULL;
}

/* The header --------------------------------------------------------------------------------- */
