/* xs-xlsx-read.c — the cells of an Excel workbook: libgsf for the zip container, libxml2's
 * streaming reader for the workbook, its relationships, the shared strings and each sheet.
 *
 * A workbook comes from anyone, so every part is capped once unpacked (a zip bomb stops at the
 * cap, whatever its header says), checked for the shapes libxml2 is slow on, and read without
 * a DOCTYPE, entities or the network. Only what a roster or a template needs is read: values,
 * not formulas, styles or comments.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>
#include <gsf/gsf.h>
#include <gsf/gsf-infile-impl.h>
#include <libxml/xmlreader.h>

#include "xs-xlsx-read.h"
#include "xs-xml-shape.h"
#include "xs-xml.h"

/* clang-format off */
G_DEFINE_QUARK (xs-xlsx-read-error-quark, xs_xlsx_read_error)
/* clang-format on */

/* More distinct strings than a full roster could hold is damage, not a roster. */
#define MAX_SHARED_STRINGS (4 * 1024 * 1024)

typedef struct
{
  const char *name; /* the workbook's file name, for messages */
  GsfInfile *zip;
  GPtrArray *shared; /* char * */
} Reader;

gboolean
xs_xlsx_looks_like (const guint8 *data, gsize len)
{
  return len >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
}

static void
row_free (XsXlsxRow *row)
{
  g_ptr_array_unref (row->cells);
  g_array_unref (row->numeric);
  g_free (row);
}

void
xs_xlsx_sheet_free (XsXlsxSheet *sheet)
{
  if (sheet == NULL)
    return;
  g_free (sheet->name);
  g_ptr_array_unref (sheet->rows);
  g_free (sheet);
}

const char *
xs_xlsx_row_cell (const XsXlsxRow *row, guint column)
{
  return column < row->cells->len ? g_ptr_array_index (row->cells, column) : "";
}

gboolean
xs_xlsx_row_is_numeric (const XsXlsxRow *row, guint column)
{
  return column < row->numeric->len && g_array_index (row->numeric, gboolean, column);
}

/* Excel's day number (1900 system: 1 is 1900-01-01, with its phantom 1900-02-29) as a date. */
gboolean
xs_xlsx_serial_to_date (const char *serial, GDate *out)
{
  char *end = NULL;
  double value = g_ascii_strtod (serial, &end);

  if (end == serial || *end != '\0' || value < 61 || value > 2958465 || value != (gint64)value)
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, 30, G_DATE_DECEMBER, 1899);
  g_date_add_days (out, (guint)value);
  return TRUE;
}

/* gsf_infile_child_by_aname() without its g_warning() on a damaged entry: the class's own
 * lookup, one component at a time, its error dropped (the caller says what is wrong). */
static GsfInput *
child_by_path (GsfInfile *zip, char **names)
{
  GsfInput *at = g_object_ref (GSF_INPUT (zip));

  for (guint i = 0; names[i] != NULL && at != NULL; i++)
    {
      g_autoptr (GError) ignored = NULL;
      GsfInput *child = NULL;

      if (GSF_IS_INFILE (at))
        child = GSF_INFILE_CLASS (G_OBJECT_GET_CLASS (at))
                    ->child_by_name (GSF_INFILE (at), names[i], &ignored);
      g_object_unref (at);
      at = child;
    }
  return at;
}

/* A part's bytes, stopping at the cap whatever the zip's header says its size is. */
static GByteArray *
read_capped (Reader *reader, GsfInput *input, const char *path, GError **error)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  guint8 chunk[64 * 1024];

  for (;;)
    {
      gsf_off_t left = gsf_input_remaining (input);
      gsize n = (gsize)MIN ((gsf_off_t)sizeof chunk, left);

      if (n == 0)
        return g_steal_pointer (&data);
      if (data->len + n > XS_XLSX_MAX_PART_BYTES)
        {
          g_set_error (error, XS_XLSX_READ_ERROR, XS_XLSX_READ_ERROR_TOO_LARGE,
                       _ ("“%s” is too large: its part %s unpacks to more than %u MB"),
                       reader->name, path, XS_XLSX_MAX_PART_BYTES / (1024 * 1024));
          return NULL;
        }
      if (gsf_input_read (input, n, chunk) == NULL)
        {
          g_set_error (error, XS_XLSX_READ_ERROR, XS_XLSX_READ_ERROR_DAMAGED,
                       _ ("“%s” is damaged: its part %s cannot be unpacked"), reader->name, path);
          return NULL;
        }
      g_byte_array_append (data, chunk, (guint)n);
    }
}

/* One part, unpacked up to the cap; NULL without an error when @optional and absent. */
static GBytes *
read_part (Reader *reader, const char *path, gboolean optional, GError **error)
{
  g_auto (GStrv) names = g_strsplit (path, "/", -1);
  g_autoptr (GByteArray) data = NULL;
  GsfInput *input;

  for (guint i = 0; names[i] != NULL; i++)
    if (names[i][0] == '\0' || g_str_equal (names[i], "..") || g_str_equal (names[i], "."))
      {
        g_set_error (error, XS_XLSX_READ_ERROR, XS_XLSX_READ_ERROR_DAMAGED,
                     _ ("“%s” is damaged: it names a part “%s” outside the workbook"), reader->name,
                     path);
        return NULL;
      }
  input = child_by_path (reader->zip, names);
  if (input == NULL)
    {
      if (!optional)
        g_set_error (error, XS_XLSX_READ_ERROR, XS_XLSX_READ_ERROR_NOT_A_WORKBOOK,
                     _ ("“%s” is not an Excel workbook (.xlsx): it has no %s"), reader->name, path);
      return NULL;
    }
  data = read_capped (reader, input, path, error);
  g_object_unref (input);
  if (data == NULL)
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* FALSE, passing @failure on, when a loop stopped on one; TRUE when it ran to the end. */
static gboolean
propagate (GError **error, GError **failure)
{
  if (*failure == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (failure));
  return FALSE;
}

static gboolean
set_damaged (Reader *reader, const char *part, GError **error)
{
  g_set_error (error, XS_XLSX_READ_ERROR, XS_XLSX_READ_ERROR_DAMAGED,
               _ ("“%s” is damaged: its part %s is not readable XML"), reader->name, part);
  return FALSE;
}

/* A reader over @bytes once the shape check passed; NULL with an error otherwise. */
static xmlTextReader *
open_xml (Reader *reader, GBytes *bytes, const char *part, GError **error)
{
  static const XsXmlShapeLimits limits = {
    .max_attributes = 64,
    .max_tag_bytes = 64 * 1024,
    .max_comments = 1000,
  };
  g_autoptr (GInputStream) stream = g_memory_input_stream_new_from_bytes (bytes);
  g_autofree char *label = g_strdup_printf ("%s (%s)", reader->name, part);
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);
  xmlTextReader *xml;

  if (!xs_xml_check_prolog (data, len, error) ||
      !xs_xml_check_shape (stream, label, &limits, NULL, error))
    return NULL;
  xml = xmlReaderForMemory (data, (int)len, part, NULL, XS_XML_PARSE_OPTIONS);
  if (xml == NULL)
    set_damaged (reader, part, error);
  return xml;
}

/* A part the workbook must have, read and opened; @bytes holds what the reader reads. */
static xmlTextReader *
open_part (Reader *reader, const char *part, GBytes **bytes, GError **error)
{
  *bytes = read_part (reader, part, FALSE, error);
  return *bytes != NULL ? open_xml (reader, *bytes, part, error) : NULL;
}

/* Steps to the next node; FALSE at the end (with @error unset) or on damage (set). */
static gboolean
next_node (Reader *reader, xmlTextReader *xml, const char *part, GError **error)
{
  int ret = xmlTextReaderRead (xml);

  if (ret < 0)
    return set_damaged (reader, part, error);
  if (ret == 1 && xmlTextReaderNodeType (xml) == XML_READER_TYPE_DOCUMENT_TYPE)
    {
      g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_DOCTYPE,
                   _ ("“%s” is refused: its part %s declares a DOCTYPE"), reader->name, part);
      return FALSE;
    }
  if (ret == 1 && xmlTextReaderDepth (xml) > XS_XML_MAX_DEPTH)
    {
      g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_TOO_DEEP,
                   _ ("“%s” is refused: its part %s nests too deep"), reader->name, part);
      return FALSE;
    }
  return ret == 1;
}

static gboolean
is_element (xmlTextReader *xml, const char *local_name)
{
  return xmlTextReaderNodeType (xml) == XML_READER_TYPE_ELEMENT &&
         g_strcmp0 ((const char *)xmlTextReaderConstLocalName (xml), local_name) == 0;
}

static gboolean
is_end (xmlTextReader *xml, const char *local_name)
{
  return xmlTextReaderNodeType (xml) == XML_READER_TYPE_END_ELEMENT &&
         g_strcmp0 ((const char *)xmlTextReaderConstLocalName (xml), local_name) == 0;
}

static gboolean
is_text (xmlTextReader *xml)
{
  int type = xmlTextReaderNodeType (xml);

  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

static char *
attribute (xmlTextReader *xml, const char *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (xml, (const xmlChar *)name);
  char *copy = value != NULL ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return copy;
}

/* An attribute in the relationships namespace (r:id), whatever its prefix. */
static char *
relationship_id (xmlTextReader *xml)
{
  xmlChar *value = xmlTextReaderGetAttributeNs (
      xml, (const xmlChar *)"id",
      (const xmlChar *)"http://schemas.openxmlformats.org/officeDocument/2006/relationships");
  char *copy = value != NULL ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return copy;
}

static gboolean
append_text (Reader *reader, GString *text, xmlTextReader *xml, GError **error)
{
  const char *value = (const char *)xmlTextReaderConstValue (xml);

  if (value != NULL)
    g_string_append (text, value);
  if (g_utf8_strlen (text->str, (gssize)text->len) > XS_XLSX_MAX_CELL_CHARS)
    {
      g_set_error (error, XS_XLSX_READ_ERROR, XS_XLSX_READ_ERROR_TOO_LARGE,
                   _ ("“%s” is refused: a cell holds more than %d characters"), reader->name,
                   XS_XLSX_MAX_CELL_CHARS);
      return FALSE;
    }
  return TRUE;
}

/* xl/sharedStrings.xml: each <si> is one string, its <t> runs joined; <rPh> (phonetic
 * guides) are not part of the text. */
static gboolean
read_shared_strings (Reader *reader, GError **error)
{
  static const char part[] = "xl/sharedStrings.xml";
  g_autoptr (GError) local = NULL;
  g_autoptr (GBytes) bytes = read_part (reader, part, TRUE, &local);
  g_autoptr (GString) text = NULL;
  g_autoptr (GError) failure = NULL;
  xmlTextReader *xml;
  gboolean in_t = FALSE, in_phonetic = FALSE;

  reader->shared = g_ptr_array_new_with_free_func (g_free);
  if (bytes == NULL)
    {
      if (local == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  xml = open_xml (reader, bytes, part, error);
  if (xml == NULL)
    return FALSE;
  while (next_node (reader, xml, part, &failure))
    {
      if (is_element (xml, "si"))
        {
          if (reader->shared->len >= MAX_SHARED_STRINGS)
            {
              g_set_error (&failure, XS_XLSX_READ_ERROR, XS_XLSX_READ_ERROR_TOO_LARGE,
                           _ ("“%s” is refused: it holds more than %d distinct texts"),
                           reader->name, MAX_SHARED_STRINGS);
              break;
            }
          text = g_string_new (NULL);
          if (xmlTextReaderIsEmptyElement (xml))
            g_ptr_array_add (reader->shared, g_string_free (g_steal_pointer (&text), FALSE));
        }
      else if (is_end (xml, "si") && text != NULL)
        g_ptr_array_add (reader->shared, g_string_free (g_steal_pointer (&text), FALSE));
      else if (is_element (xml, "rPh"))
        in_phonetic = !xmlTextReaderIsEmptyElement (xml);
      else if (is_end (xml, "rPh"))
        in_phonetic = FALSE;
      else if (is_element (xml, "t"))
        in_t = !xmlTextReaderIsEmptyElement (xml);
      else if (is_end (xml, "t"))
        in_t = FALSE;
      else if (in_t && !in_phonetic && text != NULL && is_text (xml) &&
               !append_text (reader, text, xml, &failure))
        break;
    }
  xmlFreeTextReader (xml);
  return propagate (error, &failure);
}

/* "B7" → column 1; -1 when it is not a cell reference within the cap. */
static int
column_of (const char *reference)
{
  int column = 0;
  const char *p = reference;

  for (; *p >= 'A' && *p <= 'Z'; p++)
    {
      column = column * 26 + (*p - 'A' + 1);
      if (column > XS_XLSX_MAX_COLUMNS)
        return -1;
    }
  return p == reference ? -1 : column - 1;
}

typedef struct
{
  char *type;     /* the cell's t attribute, NULL for a number */
  GString *value; /* <v> or the inline string's <t> runs */
  int column;
} Cell;

static gboolean
store_cell (Reader *reader, XsXlsxRow *row, Cell *cell, GError **error)
{
  g_autofree char *text = NULL;
  gboolean numeric = FALSE;

  if (cell->type != NULL && g_str_equal (cell->type, "s"))
    {
      guint64 index;

      if (!g_ascii_string_to_unsigned (cell->value->str, 10, 0, G_MAXUINT, &index, NULL) ||
          index >= reader->shared->len)
        {
          g_set_error (error, XS_XLSX_READ_ERROR, XS_XLSX_READ_ERROR_DAMAGED,
                       _ ("“%s” is damaged: row %u names a text that is not in the workbook"),
                       reader->name, row->number);
          return FALSE;
        }
      text = g_strdup (g_ptr_array_index (reader->shared, index));
    }
  else if (cell->type != NULL && g_str_equal (cell->type, "b"))
    text = g_strdup (g_str_equal (cell->value->str, "1") ? "TRUE" : "FALSE");
  else if (cell->type != NULL && g_str_equal (cell->type, "e"))
    text = g_strdup ("");
  else
    {
      /* Numbers (no t, or t="n"), dates (t="d"), formula strings (t="str"), inline strings. */
      numeric = cell->type == NULL || g_str_equal (cell->type, "n");
      text = g_strdup (cell->value->str);
    }
  g_strstrip (text);

  while (row->cells->len <= (guint)cell->column)
    {
      gboolean no = FALSE;

      g_ptr_array_add (row->cells, g_strdup (""));
      g_array_append_val (row->numeric, no);
    }
  g_free (g_ptr_array_index (row->cells, cell->column));
  g_ptr_array_index (row->cells, cell->column) = g_steal_pointer (&text);
  g_array_index (row->numeric, gboolean, cell->column) = numeric;
  return TRUE;
}

static gboolean
too_many_rows (Reader *reader, guint max_rows, GError **error)
{
  g_set_error (error, XS_XLSX_READ_ERROR, XS_XLSX_READ_ERROR_TOO_LARGE,
               _ ("“%s” is refused: a sheet has more than %u rows"), reader->name, max_rows);
  return FALSE;
}

/* One worksheet's <sheetData>: rows of cells, by their r references where given. */
static gboolean
read_sheet (Reader *reader, const char *part, guint max_rows, GPtrArray *rows, GError **error)
{
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) failure = NULL;
  xmlTextReader *xml = open_part (reader, part, &bytes, error);
  XsXlsxRow *row = NULL;
  Cell cell = { 0 };
  guint last_number = 0;
  int next_column = 0;
  gboolean in_value = FALSE;

  if (xml == NULL)
    return FALSE;
  while (next_node (reader, xml, part, &failure))
    {
      if (is_element (xml, "row"))
        {
          g_autofree char *r = attribute (xml, "r");
          guint64 number = last_number + 1;

          if (r != NULL && (!g_ascii_string_to_unsigned (r, 10, 1, 1048576, &number, NULL) ||
                            number <= last_number))
            {
              set_damaged (reader, part, &failure);
              break;
            }
          if (rows->len >= max_rows)
            {
              too_many_rows (reader, max_rows, &failure);
              break;
            }
          last_number = (guint)number;
          next_column = 0;
          row = g_new0 (XsXlsxRow, 1);
          row->number = last_number;
          row->cells = g_ptr_array_new_with_free_func (g_free);
          row->numeric = g_array_new (FALSE, FALSE, sizeof (gboolean));
          g_ptr_array_add (rows, row);
          if (xmlTextReaderIsEmptyElement (xml))
            row = NULL;
        }
      else if (is_end (xml, "row"))
        row = NULL;
      else if (row != NULL && is_element (xml, "c"))
        {
          g_autofree char *r = attribute (xml, "r");

          g_clear_pointer (&cell.type, g_free);
          cell.type = attribute (xml, "t");
          cell.column = r != NULL ? column_of (r) : next_column;
          if (cell.column < 0 || cell.column >= XS_XLSX_MAX_COLUMNS)
            {
              g_set_error (&failure, XS_XLSX_READ_ERROR, XS_XLSX_READ_ERROR_TOO_LARGE,
                           _ ("“%s” is refused: row %u has more than %d columns"), reader->name,
                           row->number, XS_XLSX_MAX_COLUMNS);
              break;
            }
          next_column = cell.column + 1;
          if (cell.value == NULL)
            cell.value = g_string_new (NULL);
          g_string_truncate (cell.value, 0);
          if (xmlTextReaderIsEmptyElement (xml))
            g_clear_pointer (&cell.type, g_free);
        }
      else if (row != NULL && is_end (xml, "c") && cell.value != NULL)
        {
          if (!store_cell (reader, row, &cell, &failure))
            break;
          g_clear_pointer (&cell.type, g_free);
        }
      else if (is_element (xml, "v") || is_element (xml, "t"))
        in_value = !xmlTextReaderIsEmptyElement (xml);
      else if (is_end (xml, "v") || is_end (xml, "t"))
        in_value = FALSE;
      else if (in_value && row != NULL && cell.value != NULL && is_text (xml) &&
               !append_text (reader, cell.value, xml, &failure))
        break;
    }
  xmlFreeTextReader (xml);
  g_free (cell.type);
  if (cell.value != NULL)
    g_string_free (cell.value, TRUE);
  return propagate (error, &failure);
}

/* xl/_rels/workbook.xml.rels: relationship id → part, relative to xl/. */
static GHashTable *
read_relationships (Reader *reader, GError **error)
{
  static const char part[] = "xl/_rels/workbook.xml.rels";
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GHashTable) targets = NULL;
  g_autoptr (GError) failure = NULL;
  xmlTextReader *xml = open_part (reader, part, &bytes, error);

  if (xml == NULL)
    return NULL;
  targets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  while (next_node (reader, xml, part, &failure))
    if (is_element (xml, "Relationship"))
      {
        g_autofree char *id = attribute (xml, "Id");
        g_autofree char *target = attribute (xml, "Target");

        if (id == NULL || target == NULL)
          continue;
        /* "worksheets/sheet1.xml", or absolute from the package root: "/xl/worksheets/…". */
        g_hash_table_replace (targets, g_steal_pointer (&id),
                              target[0] == '/' ? g_strdup (target + 1)
                                               : g_strconcat ("xl/", target, NULL));
      }
  xmlFreeTextReader (xml);
  if (!propagate (error, &failure))
    return NULL;
  return g_steal_pointer (&targets);
}

/* xl/workbook.xml: the sheets in tab order, each with its part. */
static gboolean
read_workbook (Reader *reader, guint max_rows, GPtrArray *sheets, GError **error)
{
  static const char part[] = "xl/workbook.xml";
  g_autoptr (GHashTable) targets = read_relationships (reader, error);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) failure = NULL;
  xmlTextReader *xml;

  if (targets == NULL)
    return FALSE;
  xml = open_part (reader, part, &bytes, error);
  if (xml == NULL)
    return FALSE;
  while (next_node (reader, xml, part, &failure))
    if (is_element (xml, "sheet"))
      {
        g_autofree char *name = attribute (xml, "name");
        g_autofree char *id = relationship_id (xml);
        const char *target = id != NULL ? g_hash_table_lookup (targets, id) : NULL;

        if (name == NULL || target == NULL || names->len >= 256)
          {
            set_damaged (reader, part, &failure);
            break;
          }
        g_ptr_array_add (names, g_steal_pointer (&name));
        g_ptr_array_add (parts, g_strdup (target));
      }
  xmlFreeTextReader (xml);
  if (!propagate (error, &failure))
    return FALSE;
  if (names->len == 0)
    {
      g_set_error (error, XS_XLSX_READ_ERROR, XS_XLSX_READ_ERROR_NOT_A_WORKBOOK,
                   _ ("“%s” has no worksheet"), reader->name);
      return FALSE;
    }
  for (guint i = 0; i < names->len; i++)
    {
      XsXlsxSheet *sheet = g_new0 (XsXlsxSheet, 1);

      sheet->name = g_strdup (g_ptr_array_index (names, i));
      sheet->rows = g_ptr_array_new_with_free_func ((GDestroyNotify)row_free);
      g_ptr_array_add (sheets, sheet);
      if (!read_sheet (reader, g_ptr_array_index (parts, i), max_rows, sheet->rows, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * xs_xlsx_read:
 * @bytes: the whole file
 * @name: its name, for messages
 * @max_rows: most rows a sheet may have
 *
 * Returns: (transfer full): the sheets (XsXlsxSheet) in tab order, their cells as text (a
 *   number as Excel wrote it, a shared or inline string as typed, a boolean TRUE or FALSE,
 *   an error value empty); NULL with an %XS_XLSX_READ_ERROR or %XS_XML_ERROR naming @name
 */
GPtrArray *
xs_xlsx_read (GBytes *bytes, const char *name, guint max_rows, GError **error)
{
  GsfInput *input;
  g_autoptr (GPtrArray) sheets = NULL;
  g_autoptr (GError) zip_error = NULL;
  Reader reader = { .name = name };
  gsize len;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  gboolean ok;

  g_return_val_if_fail (bytes != NULL && name != NULL, NULL);

  xs_xml_init ();
  if (!xs_xlsx_looks_like (data, len))
    {
      g_set_error (error, XS_XLSX_READ_ERROR, XS_XLSX_READ_ERROR_NOT_A_WORKBOOK,
                   _ ("“%s” is not an Excel workbook (.xlsx)"), name);
      return NULL;
    }
  input = gsf_input_memory_new (data, (gsf_off_t)len, FALSE);
  reader.zip = gsf_infile_zip_new (input, &zip_error);
  if (reader.zip == NULL)
    {
      g_object_unref (input);
      g_set_error (error, XS_XLSX_READ_ERROR, XS_XLSX_READ_ERROR_NOT_A_WORKBOOK,
                   _ ("“%s” is not an Excel workbook (.xlsx): its zip container is damaged"), name);
      return NULL;
    }
  sheets = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_xlsx_sheet_free);
  ok = read_shared_strings (&reader, error) && read_workbook (&reader, max_rows, sheets, error);
  g_clear_pointer (&reader.shared, g_ptr_array_unref);
  g_clear_object (&reader.zip);
  g_object_unref (input);
  return ok ? g_steal_pointer (&sheets) : NULL;
}
