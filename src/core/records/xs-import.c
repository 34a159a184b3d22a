/* xs-import.c — reading an exchange file (interfaces.md §1) into the store, all or nothing.
 *
 * One pass with libxml2's streaming reader, validating against exchange-1.rng as it goes, so a
 * file of a million activities needs memory for one activity at a time. Everything happens in
 * one store transaction; evidence files go into the content-addressed store and are removed
 * again if the import is refused, so a refused file leaves database and store as they were.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <libxml/xmlreader.h>

#include "xs-audit.h"
#include "xs-blob-store.h"
#include "xs-evidence-open.h"
#include "xs-engine.h"
#include "xs-import-messages.h"
#include "xs-import-private.h"
#include "xs-import.h"
#include "xs-records-persons.h"
#include "xs-resident-id.h"
#include "xs-scan.h"
#include "xs-text-check.h"
#include "xs-records-round.h"
#include "xs-records.h"
#include "xs-xml-shape.h"
#include "xs-xml.h"

/* clang-format off */
G_DEFINE_QUARK (xs-import-error-quark, xs_import_error)
/* clang-format on */

#define PROLOG_PEEK_BYTES (64 * 1024)

/* The value of an attribute of the element the reader is on (errors come as it reads it). */
static char *
lookup_attribute (const char *name, gpointer user_data)
{
  Import *import = user_data;
  xmlChar *value = xmlTextReaderGetAttribute (import->reader, (const xmlChar *)name);
  char *copy = value ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return copy;
}

static void
on_reader_error (void *user_data, xmlError *xerr)
{
  Import *import = user_data;

  if (import->reader_error != NULL || xerr == NULL)
    return;

  if (xerr->domain == XML_FROM_RELAXNGV)
    {
      g_autofree char *explained =
          xerr->message ? xs_import_explain_schema_message (g_strstrip (xerr->message),
                                                            lookup_attribute, import)
                        : g_strdup (_ ("does not match the schema"));

      g_set_error (&import->reader_error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_INVALID,
                   _ ("%s, line %d: %s"), import->display_name, xerr->line, explained);
    }
  else
    {
      g_autoptr (GError) xml_error = NULL;

      xs_xml_set_error_from_libxml (&xml_error, xerr, import->display_name);
      g_set_error (&import->reader_error, XS_IMPORT_ERROR,
                   g_error_matches (xml_error, XS_XML_ERROR, XS_XML_ERROR_TOO_LARGE)
                       ? XS_IMPORT_ERROR_TOO_LARGE
                       : XS_IMPORT_ERROR_MALFORMED,
                   "%s", xml_error->message);
    }
}

int
xs_import_current_line (Import *import)
{
  xmlNode *node = xmlTextReaderCurrentNode (import->reader);
  long line = node != NULL ? xmlGetLineNo (node) : -1;

  /* The element being read's own line; the parser's is wherever it has read ahead to. */
  return line > 0 ? (int)line : xmlTextReaderGetParserLineNumber (import->reader);
}

gboolean
xs_import_fail (Import *import, GError **error, int code, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, XS_IMPORT_ERROR, code, _ ("%s, line %d: %s"), import->display_name,
               xs_import_current_line (import), message);
  return FALSE;
}

char *
xs_import_attr (Import *import, const char *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (import->reader, (const xmlChar *)name);
  /* An optional attribute given empty reads as absent (the schema allows it). */
  char *copy = value && *value ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return copy;
}

/* The element's text, its pieces (split by comments or CDATA) joined in one linear pass:
 * xmlTextReaderReadString() joins them with repeated strcat. */
gboolean
xs_import_read_text (Import *import, glong max_chars, char **out, GError **error)
{
  xmlNode *node = xmlTextReaderExpand (import->reader);
  g_autoptr (GString) text = g_string_new (NULL);
  char *stripped;

  for (xmlNode *child = node ? node->children : NULL; child != NULL; child = child->next)
    {
      if ((child->type != XML_TEXT_NODE && child->type != XML_CDATA_SECTION_NODE) ||
          child->content == NULL)
        continue;
      g_string_append (text, (const char *)child->content);
      /* Four bytes a character at most: past that it is too long whatever it says. */
      if (text->len > (gsize)max_chars * 4)
        break;
    }
  stripped = g_strstrip (g_strdup (text->str));
  if (g_utf8_strlen (stripped, -1) > max_chars)
    {
      g_free (stripped);
      return xs_import_fail (import, error, XS_IMPORT_ERROR_INVALID,
                             _ ("the text of <%s> is longer than %ld characters"),
                             (const char *)xmlTextReaderConstLocalName (import->reader), max_chars);
    }
  g_free (*out);
  *out = stripped;
  return TRUE;
}

/* As the record writer refuses them: line breaks and control characters would forge a line
 * of `audit` or `evidence list`. */
gboolean
xs_import_check_single_line (Import *import, const char *value, GError **error)
{
  if (xs_text_is_single_line (value))
    return TRUE;
  return xs_import_fail (import, error, XS_IMPORT_ERROR_INVALID,
                         _ ("<%s> holds a line break, a tab or another control character"),
                         (const char *)xmlTextReaderConstLocalName (import->reader));
}

gboolean
xs_import_check_attr_length (Import *import, const char *value, glong max_chars, GError **error)
{
  if (value != NULL && g_utf8_strlen (value, -1) > max_chars)
    return xs_import_fail (import, error, XS_IMPORT_ERROR_INVALID,
                           _ ("an attribute of <%s> is longer than %ld characters"),
                           (const char *)xmlTextReaderConstLocalName (import->reader), max_chars);
  return TRUE;
}

/* A resident ID in the file that belonged, before the import, to a person the file does not
 * bring: two persons would share it. */
static gboolean
check_numbers_against (Import *import, GPtrArray *before, GError **error)
{
  for (guint i = 0; i < before->len; i++)
    {
      const XsPerson *stored = g_ptr_array_index (before, i);
      const char *here =
          stored->id_number ? g_hash_table_lookup (import->numbers_seen, stored->id_number) : NULL;

      if (here == NULL || g_hash_table_contains (import->persons_seen, stored->id))
        continue;
      g_set_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_DUPLICATE,
                   _ ("%s, line %d: person %s has the resident ID %s of person %s (%s) in the "
                      "database"),
                   import->display_name,
                   GPOINTER_TO_INT (g_hash_table_lookup (import->number_lines, stored->id_number)),
                   here, stored->id_number, stored->id, stored->name);
      return FALSE;
    }
  return TRUE;
}

/* Before libxml2 sees it: no start tag it would take quadratic time over (interfaces.md's
 * elements have at most a dozen attributes), and few comments. */
static gboolean
check_shape (GFile *file, const char *display_name, GCancellable *cancellable, GError **error)
{
  static const XsXmlShapeLimits limits = {
    .max_attributes = 64,
    .max_tag_bytes = 256 * 1024,
    .max_comments = 10000,
  };
  g_autoptr (GFileInputStream) stream = g_file_read (file, cancellable, error);
  g_autoptr (GError) local_error = NULL;

  if (stream == NULL)
    return FALSE;
  if (xs_xml_check_shape (G_INPUT_STREAM (stream), display_name, &limits, cancellable,
                          &local_error))
    return TRUE;
  g_set_error_literal (error, XS_IMPORT_ERROR,
                       g_error_matches (local_error, XS_XML_ERROR, XS_XML_ERROR_TOO_LARGE)
                           ? XS_IMPORT_ERROR_TOO_LARGE
                           : XS_IMPORT_ERROR_READ,
                       local_error->message);
  return FALSE;
}

/* Refuses a DOCTYPE before the parser ever sees the file (see xs_xml_check_prolog). */
static gboolean
check_file_start (Import *import, const char *path, GError **error)
{
  g_autofree char *head = g_malloc (PROLOG_PEEK_BYTES);
  g_autoptr (GError) xml_error = NULL;
  ssize_t n = 0;
  int fd = open (path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_READ, _ ("Cannot open %s: %s"),
                   import->display_name, g_strerror (saved));
      return FALSE;
    }
  do
    n = read (fd, head, PROLOG_PEEK_BYTES);
  while (n < 0 && errno == EINTR);
  close (fd);
  if (n < 0)
    {
      int saved = errno;
      g_set_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_READ, _ ("Cannot read %s: %s"),
                   import->display_name, g_strerror (saved));
      return FALSE;
    }

  if (!xs_xml_check_prolog (head, (gsize)n, &xml_error))
    {
      g_set_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_MALFORMED, "%s: %s",
                   import->display_name, xml_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run (Import *import, const char *path, goffset size, XsImportProgress progress, gpointer user_data,
     GCancellable *cancellable, GError **error)
{
  int ret;
  guint reported = 0;

  import->reader = xmlReaderForFile (path, "UTF-8", XS_XML_PARSE_OPTIONS);
  if (import->reader == NULL)
    {
      g_set_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_READ, _ ("Cannot read %s"),
                   import->display_name);
      return FALSE;
    }
  xmlTextReaderSetStructuredErrorHandler (import->reader, on_reader_error, import);
  if (xmlTextReaderRelaxNGSetSchema (import->reader, import->schema) != 0)
    {
      g_set_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_READ,
                   "Cannot attach the exchange schema");
      return FALSE;
    }

  while ((ret = xmlTextReaderRead (import->reader)) == 1)
    {
      int type = xmlTextReaderNodeType (import->reader);
      int depth = xmlTextReaderDepth (import->reader);
      const char *name = (const char *)xmlTextReaderConstLocalName (import->reader);

      if (import->reader_error != NULL)
        {
          if (type == XML_READER_TYPE_ELEMENT)
            xs_import_explain_invalid_element (import, name, depth);
          break;
        }

      if (depth > XS_XML_MAX_DEPTH)
        return xs_import_fail (import, error, XS_IMPORT_ERROR_MALFORMED,
                               _ ("elements are nested too deeply"));

      if (type == XML_READER_TYPE_DOCUMENT_TYPE)
        return xs_import_fail (import, error, XS_IMPORT_ERROR_MALFORMED,
                               _ ("a document type declaration (DOCTYPE) is not allowed"));
      if (type == XML_READER_TYPE_ENTITY_REFERENCE)
        return xs_import_fail (import, error, XS_IMPORT_ERROR_MALFORMED,
                               _ ("entity references are not allowed"));

      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (!xs_import_on_element_start (
                  import, name, depth, xmlTextReaderIsEmptyElement (import->reader) == 1, error))
            return FALSE;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (!xs_import_on_element_end (import, name, depth, error))
            return FALSE;
        }

      if (import->result->activities >= reported + 1000)
        {
          reported = import->result->activities;
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;
          if (progress != NULL && size > 0)
            progress ((double)xmlTextReaderByteConsumed (import->reader) / (double)size, reported,
                      user_data);
        }
    }

  if (import->reader_error == NULL && ret != 0)
    g_set_error (&import->reader_error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_MALFORMED,
                 _ ("%s, line %d: not well-formed XML"), import->display_name,
                 xs_import_current_line (import));
  if (import->reader_error == NULL && xmlTextReaderIsValid (import->reader) != 1)
    g_set_error (&import->reader_error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_INVALID,
                 _ ("%s does not match the exchange schema"), import->display_name);
  if (import->reader_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&import->reader_error));
      return FALSE;
    }

  if (progress != NULL)
    progress (1.0, import->result->activities, user_data);
  return TRUE;
}

/**
 * xs_import_file:
 * @store: where the records go
 * @rules: the rules that check and credit each activity
 * @file: the exchange file; evidence paths are relative to its folder
 * @progress: (nullable): called now and then
 * @result: (out caller-allocates): what was imported; clear with xs_import_result_clear()
 *
 * Imports everything in one transaction, or nothing: on any error the database and the
 * evidence store are as they were.
 */
gboolean
xs_import_file (XsStore *store, XsRules *rules, GFile *file, XsImportProgress progress,
                gpointer user_data, GCancellable *cancellable, XsImportResult *result,
                GError **error)
{
  return xs_import_file_full (store, rules, file, 0, progress, user_data, cancellable, result,
                              error);
}

/**
 * xs_import_file_full:
 * @flags: with %XS_IMPORT_DRY_RUN, everything is checked and @result filled (what would
 *   change, person by person, in @result->changes) but nothing is kept
 */
gboolean
xs_import_file_full (XsStore *store, XsRules *rules, GFile *file, XsImportFlags flags,
                     XsImportProgress progress, gpointer user_data, GCancellable *cancellable,
                     XsImportResult *result, GError **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *display_name = NULL;
  xmlRelaxNG *schema;
  g_autoptr (XsBlobStore) blobs = NULL;
  g_autoptr (GFileInfo) info = NULL;
  Import import = { 0 };
  gboolean ok = FALSE;
  char *real_dir;

  g_return_val_if_fail (XS_IS_STORE (store), FALSE);
  g_return_val_if_fail (XS_IS_RULES (rules), FALSE);
  g_return_val_if_fail (result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  result->warnings = g_ptr_array_new_with_free_func (g_free);
  result->changes = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_person_diff_free);

  xs_xml_init ();
  path = g_file_get_path (file);
  display_name = g_file_get_basename (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return FALSE;
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_READ, _ ("%s is not a regular file"),
                   display_name);
      return FALSE;
    }
  if (g_file_info_get_size (info) > XS_IMPORT_MAX_BYTES)
    {
      g_set_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_TOO_LARGE,
                   _ ("%s is too large (%lld bytes; at most %lld are accepted)"), display_name,
                   (long long)g_file_info_get_size (info), (long long)XS_IMPORT_MAX_BYTES);
      return FALSE;
    }

  schema = xs_xml_get_schema ("/io/github/xueshi/core/schema/exchange-1.rng", error);
  if (schema == NULL)
    return FALSE;

  dir = g_path_get_dirname (path);
  real_dir = realpath (dir, NULL);
  if (real_dir == NULL)
    {
      int saved = errno;
      g_set_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_READ, _ ("Cannot open folder %s: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }

  import.base_fd = open (real_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (import.base_fd < 0)
    {
      int saved = errno;
      g_set_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_READ, _ ("Cannot open folder %s: %s"),
                   dir, g_strerror (saved));
      free (real_dir);
      return FALSE;
    }

  blobs = xs_blob_store_new (xs_store_get_evidence_dir (store));
  import.store = store;
  import.rules = rules;
  import.blobs = blobs;
  import.schema = schema;
  import.display_name = display_name;
  free (real_dir);
  import.units_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.persons_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.numbers_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import.number_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  import.stored_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  import.result = result;
  import.list_changes = (flags & (XS_IMPORT_DRY_RUN | XS_IMPORT_LIST_CHANGES)) != 0;

  if (check_file_start (&import, path, error) &&
      check_shape (file, display_name, cancellable, error) && xs_store_begin (store, error))
    {
      g_autoptr (GPtrArray) before = xs_store_list_persons (store, error);

      ok = before != NULL &&
           run (&import, path, g_file_info_get_size (info), progress, user_data, cancellable,
                error) &&
           check_numbers_against (&import, before, error);
      if (ok)
        ok = xs_stored_credits_stamp_if_unset (store, rules, error);
      if (ok)
        {
          g_autofree char *summary = g_strdup_printf (
              "units=%u persons=%u replaced=%u activities=%u evidence=%u", result->units,
              result->persons, result->persons_replaced, result->activities, result->evidence);
          ok = xs_records_note_import (store, g_get_user_name (), display_name, summary, error);
        }
      if (ok && !(flags & XS_IMPORT_DRY_RUN))
        ok = xs_store_commit (store, error);
      if (!ok || (flags & XS_IMPORT_DRY_RUN))
        xs_store_rollback (store);
    }

  if (ok && !(flags & XS_IMPORT_DRY_RUN))
    xs_blob_store_keep_new (blobs);
  else if (ok)
    xs_blob_store_discard_new (blobs);
  else
    {
      xs_blob_store_discard_new (blobs);
      /* Counts of a refused import would mislead; warnings are kept for the message. */
      result->units = result->persons = result->persons_replaced = 0;
      result->activities = result->evidence = result->evidence_files = 0;
      g_ptr_array_set_size (result->changes, 0);
    }

  g_clear_pointer (&import.reader, xmlFreeTextReader);
  g_clear_pointer (&import.person, xs_person_unref);
  g_clear_pointer (&import.replacement, xs_records_replace_person_free);
  g_clear_pointer (&import.activity, xs_activity_unref);
  g_clear_pointer (&import.round_events, g_ptr_array_unref);
  g_clear_pointer (&import.decision, xs_round_event_free);
  g_clear_pointer (&import.units_seen, g_hash_table_unref);
  g_clear_pointer (&import.persons_seen, g_hash_table_unref);
  g_clear_pointer (&import.numbers_seen, g_hash_table_unref);
  g_clear_pointer (&import.number_lines, g_hash_table_unref);
  g_clear_pointer (&import.stored_files, g_hash_table_unref);
  g_clear_error (&import.reader_error);
  close (import.base_fd);
  return ok;
}

void
xs_import_result_clear (XsImportResult *result)
{
  g_clear_pointer (&result->warnings, g_ptr_array_unref);
  g_clear_pointer (&result->changes, g_ptr_array_unref);
}
