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

#define EXCHANGE_NS "urn:xueshi:exchange:1"
#define PROLOG_PEEK_BYTES (64 * 1024)

/* Longest text accepted in each field, in characters. */
#define MAX_SHORT_TEXT XS_RECORDS_MAX_SHORT_TEXT
#define MAX_LONG_TEXT XS_RECORDS_MAX_LONG_TEXT

/* The attributes of <activity> that are not kind parameters. */
static const char *const activity_own_attributes[] = { "id", "kind", "status", NULL };

typedef struct
{
  XsStore *store;
  XsRules *rules;
  XsBlobStore *blobs;
  xmlTextReader *reader;
  xmlRelaxNG *schema;
  const char *display_name;
  int base_fd; /* the XML file's folder, opened once: evidence is read below it (openat()) */
  GError *reader_error;

  GHashTable *units_seen;   /* unit ids declared in this file */
  GHashTable *persons_seen; /* person ids in this file */
  GHashTable *numbers_seen; /* resident ID → "P001 张三, line 12": its first person here */
  GHashTable *number_lines; /* resident ID → line of that person, for the database check */
  GHashTable *stored_files; /* relative evidence path → sha256 "\n" size */

  XsPerson *person; /* the person being read */
  gboolean person_flushed;
  XsPersonReplacement *replacement; /* the person being written, from their flush to their end */
  XsActivity *activity;             /* the activity being read */
  int activity_line;
  guint round_year;        /* the <round> being read; 0 outside one */
  GPtrArray *round_events; /* XsRoundEvent, its decisions so far */
  XsRoundEvent *decision;  /* the <decision> being read */

  XsImportResult *result;
  gboolean list_changes;
} Import;

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

static int
current_line (Import *import)
{
  xmlNode *node = xmlTextReaderCurrentNode (import->reader);
  long line = node != NULL ? xmlGetLineNo (node) : -1;

  /* The element being read's own line; the parser's is wherever it has read ahead to. */
  return line > 0 ? (int)line : xmlTextReaderGetParserLineNumber (import->reader);
}

static gboolean fail (Import *import, GError **error, int code, const char *format, ...)
    G_GNUC_PRINTF (4, 5);

static gboolean
fail (Import *import, GError **error, int code, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, XS_IMPORT_ERROR, code, _ ("%s, line %d: %s"), import->display_name,
               current_line (import), message);
  return FALSE;
}

static char *
attr (Import *import, const char *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (import->reader, (const xmlChar *)name);
  /* An optional attribute given empty reads as absent (the schema allows it). */
  char *copy = value && *value ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return copy;
}

/* The element's text, its pieces (split by comments or CDATA) joined in one linear pass:
 * xmlTextReaderReadString() joins them with repeated strcat. */
static gboolean
read_text (Import *import, glong max_chars, char **out, GError **error)
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
      return fail (import, error, XS_IMPORT_ERROR_INVALID,
                   _ ("the text of <%s> is longer than %ld characters"),
                   (const char *)xmlTextReaderConstLocalName (import->reader), max_chars);
    }
  g_free (*out);
  *out = stripped;
  return TRUE;
}

/* As the record writer refuses them: line breaks and control characters would forge a line
 * of `audit` or `evidence list`. */
static gboolean
check_single_line (Import *import, const char *value, GError **error)
{
  if (xs_text_is_single_line (value))
    return TRUE;
  return fail (import, error, XS_IMPORT_ERROR_INVALID,
               _ ("<%s> holds a line break, a tab or another control character"),
               (const char *)xmlTextReaderConstLocalName (import->reader));
}

static gboolean
check_attr_length (Import *import, const char *value, glong max_chars, GError **error)
{
  if (value != NULL && g_utf8_strlen (value, -1) > max_chars)
    return fail (import, error, XS_IMPORT_ERROR_INVALID,
                 _ ("an attribute of <%s> is longer than %ld characters"),
                 (const char *)xmlTextReaderConstLocalName (import->reader), max_chars);
  return TRUE;
}

static gboolean
read_unit (Import *import, GError **error)
{
  g_autoptr (XsUnit) unit = xs_unit_new ();

  unit->id = attr (import, "id");
  unit->category = attr (import, "category");
  unit->name = attr (import, "name");
  unit->supervisor = attr (import, "supervisor");
  unit->region = attr (import, "region");

  if (!check_attr_length (import, unit->id, MAX_SHORT_TEXT, error) ||
      !check_attr_length (import, unit->name, MAX_SHORT_TEXT, error) ||
      !check_attr_length (import, unit->supervisor, MAX_SHORT_TEXT, error) ||
      !check_attr_length (import, unit->region, MAX_SHORT_TEXT, error))
    return FALSE;

  if (!g_hash_table_add (import->units_seen, g_strdup (unit->id)))
    return fail (import, error, XS_IMPORT_ERROR_DUPLICATE, _ ("unit id “%s” is used twice"),
                 unit->id);
  if (!xs_records_put_unit (import->store, unit, g_get_user_name (), error))
    return FALSE;
  import->result->units++;
  return TRUE;
}

static gboolean
start_person (Import *import, GError **error)
{
  g_autofree char *span_from = attr (import, "span-from");
  g_autofree char *span_to = attr (import, "span-to");
  XsPerson *p = xs_person_new ();

  g_clear_pointer (&import->person, xs_person_unref);
  import->person = p;
  import->person_flushed = FALSE;
  p->id = attr (import, "id");
  p->unit_id = attr (import, "unit");

  if (!check_attr_length (import, p->id, MAX_SHORT_TEXT, error))
    return FALSE;
  if ((span_from == NULL) != (span_to == NULL))
    return fail (import, error, XS_IMPORT_ERROR_PERSON,
                 _ ("person %s: give both span-from and span-to, or neither"), p->id);
  if (span_from != NULL)
    {
      p->span_from = (guint)g_ascii_strtoull (span_from, NULL, 10);
      p->span_to = (guint)g_ascii_strtoull (span_to, NULL, 10);
      if (p->span_from > p->span_to)
        return fail (import, error, XS_IMPORT_ERROR_PERSON,
                     _ ("person %s: the span %s–%s ends before it starts"), p->id, span_from,
                     span_to);
    }

  if (!g_hash_table_add (import->persons_seen, g_strdup (p->id)))
    return fail (import, error, XS_IMPORT_ERROR_DUPLICATE, _ ("person id “%s” is used twice"),
                 p->id);

  if (!g_hash_table_contains (import->units_seen, p->unit_id))
    {
      g_autoptr (XsUnit) known = xs_store_get_unit (import->store, p->unit_id, NULL);
      if (known == NULL)
        return fail (import, error, XS_IMPORT_ERROR_REFERENCE,
                     _ ("person %s belongs to unit “%s”, which is neither in the file nor in the "
                        "database"),
                     p->id, p->unit_id);
    }
  return TRUE;
}

/* Writes the person once their identity elements have been read. */
static gboolean
flush_person (Import *import, GError **error)
{
  XsPerson *p = import->person;
  g_autoptr (GError) id_error = NULL;
  g_autoptr (XsPerson) existing = NULL;

  if (p == NULL || import->person_flushed)
    return TRUE;
  import->person_flushed = TRUE;

  /* Streaming: the person is acted on at its first activity or its end tag, before the
   * schema has seen the whole element, so what it requires is checked here again. */
  if (p->name == NULL || p->gender == NULL || p->id_number == NULL)
    return fail (import, error, XS_IMPORT_ERROR_PERSON,
                 _ ("person %s: a person needs a name, a gender and a resident ID number, in "
                    "that order, before any activity"),
                 p->id);

  if (!xs_resident_id_validate (p->id_number, &id_error))
    {
      /* interfaces.md: a wrong check digit is a warning; any other defect refuses the file. */
      if (!g_error_matches (id_error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_CHECK_DIGIT))
        return fail (import, error, XS_IMPORT_ERROR_PERSON, _ ("person %s: resident ID %s: %s"),
                     p->id, p->id_number, id_error->message);
      g_ptr_array_add (import->result->warnings,
                       g_strdup_printf (_ ("%s, line %d: person %s (%s): resident ID %s: %s"),
                                        import->display_name, current_line (import), p->id, p->name,
                                        p->id_number, id_error->message));
    }

  existing = xs_store_get_person (import->store, p->id, NULL);
  if (existing != NULL)
    import->result->persons_replaced++;
  /* The resident ID identifies a person: two persons with one are a mistake (the roster
   * refuses them too), whichever is right. */
  {
    const char *first = g_hash_table_lookup (import->numbers_seen, p->id_number);

    if (first != NULL)
      return fail (import, error, XS_IMPORT_ERROR_DUPLICATE,
                   _ ("person %s (%s) has the resident ID %s of person %s on line %d"), p->id,
                   p->name, p->id_number, first,
                   GPOINTER_TO_INT (g_hash_table_lookup (import->number_lines, p->id_number)));
    g_hash_table_insert (import->numbers_seen, g_strdup (p->id_number),
                         g_strdup_printf ("%s (%s)", p->id, p->name));
    g_hash_table_insert (import->number_lines, g_strdup (p->id_number),
                         GINT_TO_POINTER (current_line (import)));
  }

  import->replacement = xs_records_replace_person_begin (import->store, import->rules, p, error);
  if (import->replacement == NULL)
    return FALSE;
  import->result->persons++;
  return TRUE;
}

/* The person's end: their audit entry says what the file changed. */
static gboolean
finish_person (Import *import, GError **error)
{
  g_autoptr (XsPersonReplacement) replacement = g_steal_pointer (&import->replacement);

  if (replacement == NULL)
    return TRUE;
  XsPersonDiff *diff = NULL;

  if (!xs_records_replace_person_finish (replacement, g_get_user_name (), import->display_name,
                                         import->list_changes ? &diff : NULL, error))
    return FALSE;
  if (diff != NULL)
    g_ptr_array_add (import->result->changes, diff);
  return TRUE;
}

static gboolean
read_person_field (Import *import, const char *name, GError **error)
{
  XsPerson *p = import->person;
  char **field = NULL;

  if (g_str_equal (name, "name"))
    field = &p->name;
  else if (g_str_equal (name, "gender"))
    field = &p->gender;
  else if (g_str_equal (name, "id-number"))
    field = &p->id_number;
  else if (g_str_equal (name, "current-title"))
    field = &p->current_title;
  else if (g_str_equal (name, "applying-title"))
    field = &p->applying_title;
  else if (g_str_equal (name, "specialty"))
    field = &p->specialty;

  if (field == NULL)
    return TRUE; /* the schema refuses anything else */
  return read_text (import, MAX_SHORT_TEXT, field, error);
}

static gboolean
start_round (Import *import, GError **error)
{
  g_autofree char *year = attr (import, "year");

  import->round_year = (guint)g_ascii_strtoull (year ? year : "0", NULL, 10);
  g_clear_pointer (&import->round_events, g_ptr_array_unref);
  import->round_events = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_round_event_free);
  return TRUE;
}

static gboolean
start_decision (Import *import, GError **error)
{
  XsRoundEvent *e = g_new0 (XsRoundEvent, 1);

  g_clear_pointer (&import->decision, xs_round_event_free);
  import->decision = e;
  e->stage = attr (import, "stage");
  e->decision = attr (import, "decision");
  e->reviewer = attr (import, "reviewer");
  e->date = attr (import, "date");
  return check_attr_length (import, e->stage, MAX_SHORT_TEXT, error) &&
         check_attr_length (import, e->reviewer, MAX_SHORT_TEXT, error) &&
         check_single_line (import, e->reviewer, error);
}

static void
finish_decision (Import *import)
{
  if (import->decision != NULL && import->round_events != NULL)
    g_ptr_array_add (import->round_events, g_steal_pointer (&import->decision));
}

/* The file's decisions join the database's where they continue them; a conflict is shown as
 * a warning, and the database's kept. */
static gboolean
finish_round (Import *import, GError **error)
{
  gboolean conflict = FALSE;

  if (import->round_events == NULL || import->person == NULL)
    return TRUE;
  if (!xs_records_merge_round (import->store, import->person->id, import->round_year,
                               import->round_events, g_get_user_name (), import->display_name,
                               &conflict, error))
    return FALSE;
  if (conflict)
    g_ptr_array_add (
        import->result->warnings,
        g_strdup_printf (_ ("%s, line %d: person %s (%s): the %u round's decisions here and in "
                            "the file differ; this database's are kept (see xueshi-cli round %s)"),
                         import->display_name, current_line (import), import->person->id,
                         import->person->name, import->round_year, import->person->id));
  g_clear_pointer (&import->round_events, g_ptr_array_unref);
  import->round_year = 0;
  return TRUE;
}

static gboolean
start_activity (Import *import, GError **error)
{
  XsActivity *a = xs_activity_new ();
  g_autofree char *status = NULL;

  g_clear_pointer (&import->activity, xs_activity_unref);
  import->activity = a;
  import->activity_line = current_line (import);

  a->id = attr (import, "id");
  a->kind = attr (import, "kind");
  a->person_id = g_strdup (import->person->id);
  if (!check_attr_length (import, a->id, MAX_SHORT_TEXT, error))
    return FALSE;

  status = attr (import, "status");
  if (status != NULL && !xs_status_from_string (status, &a->status))
    return fail (import, error, XS_IMPORT_ERROR_INVALID, _ ("unknown status “%s”"), status);

  /* Every other attribute is a parameter of the kind; the engine checks them against it. */
  while (xmlTextReaderMoveToNextAttribute (import->reader) == 1)
    {
      const char *name = (const char *)xmlTextReaderConstLocalName (import->reader);
      const char *value = (const char *)xmlTextReaderConstValue (import->reader);

      if (xmlTextReaderIsNamespaceDecl (import->reader) == 1 ||
          g_strv_contains (activity_own_attributes, name) || value == NULL || *value == '\0')
        continue;
      xs_activity_set_param (a, name, value);
    }
  xmlTextReaderMoveToElement (import->reader);
  return TRUE;
}

/* The path must be relative and stay inside the folder; xs_evidence_read() then opens it
 * below the folder's descriptor without following any link, so what is checked is read from
 * the same descriptor that is copied (a link swapped in after a check cannot be imported). */
static gboolean
check_evidence_path (Import *import, const char *relative, GError **error)
{
  g_auto (GStrv) parts = NULL;

  if (relative == NULL || *relative == '\0' || g_path_is_absolute (relative) ||
      strchr (relative, '\\') != NULL)
    return fail (import, error, XS_IMPORT_ERROR_EVIDENCE,
                 _ ("evidence path “%s” must be relative to the file's folder"), relative);

  parts = g_strsplit (relative, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return fail (import, error, XS_IMPORT_ERROR_EVIDENCE,
                   _ ("evidence path “%s” leaves the file's folder (“..”)"), relative);
  return TRUE;
}

static gboolean
read_evidence (Import *import, GError **error)
{
  g_autofree char *material = attr (import, "material");
  g_autofree char *file = attr (import, "file");
  g_autofree char *expected = attr (import, "sha256");
  g_autofree char *sha256 = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) blob_error = NULL;
  const char *known;
  gint64 size = 0;

  if (xs_rules_get_material_name (import->rules, material) == NULL)
    return fail (import, error, XS_IMPORT_ERROR_INVALID, _ ("unknown material type “%s”"),
                 material);
  if (!check_attr_length (import, file, MAX_LONG_TEXT, error) ||
      !check_single_line (import, file, error))
    return FALSE;

  known = g_hash_table_lookup (import->stored_files, file);
  if (known != NULL)
    {
      /* The same file named twice in one import is read once. */
      sha256 = g_strndup (known, 64);
      size = g_ascii_strtoll (known + 65, NULL, 10);
      if (expected != NULL && g_ascii_strcasecmp (expected, sha256) != 0)
        return fail (import, error, XS_IMPORT_ERROR_EVIDENCE,
                     _ ("evidence file “%s” does not match its sha256"), file);
    }
  else
    {
      gboolean created = FALSE;
      XsScanType type;

      if (!check_evidence_path (import, file, error))
        return FALSE;
      bytes = xs_evidence_read (import->base_fd, file, file, &blob_error);
      if (bytes == NULL)
        return fail (import, error, XS_IMPORT_ERROR_EVIDENCE, "%s", blob_error->message);
      /* Only scans and PDFs, known by their first bytes (decoding every file of a city's
       * import would cost too much; the viewer decodes with its own caps). */
      if (!xs_scan_sniff (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &type,
                          &blob_error))
        return fail (import, error, XS_IMPORT_ERROR_EVIDENCE, _ ("evidence file “%s”: %s"), file,
                     blob_error->message);
      if (!xs_blob_store_put_bytes (import->blobs, bytes, file, expected, &sha256, &size, &created,
                                    &blob_error))
        {
          if (g_error_matches (blob_error, XS_BLOB_ERROR, XS_BLOB_ERROR_CHECKSUM))
            return fail (import, error, XS_IMPORT_ERROR_EVIDENCE,
                         _ ("evidence file “%s” does not match its sha256"), file);
          return fail (import, error, XS_IMPORT_ERROR_EVIDENCE, "%s", blob_error->message);
        }
      if (created)
        import->result->evidence_files++;
      g_hash_table_insert (import->stored_files, g_strdup (file),
                           g_strdup_printf ("%s\n%" G_GINT64_FORMAT, sha256, size));
    }

  {
    g_autofree char *base = g_path_get_basename (file);
    xs_activity_add_evidence (import->activity, material, sha256, base, size);
  }
  import->result->evidence++;
  return TRUE;
}

static gboolean
read_review (Import *import, GError **error)
{
  g_autofree char *reviewer = attr (import, "reviewer");
  g_autofree char *date = attr (import, "date");
  g_autofree char *decision_text = attr (import, "decision");
  g_autofree char *reason = NULL;
  XsStatus decision;

  if (!xs_status_from_string (decision_text, &decision))
    return fail (import, error, XS_IMPORT_ERROR_INVALID, _ ("unknown review decision “%s”"),
                 decision_text);
  if (!check_attr_length (import, reviewer, MAX_SHORT_TEXT, error) ||
      !check_single_line (import, reviewer, error))
    return FALSE;
  if (!xmlTextReaderIsEmptyElement (import->reader) &&
      (!read_text (import, MAX_LONG_TEXT, &reason, error) ||
       !check_single_line (import, reason, error)))
    return FALSE;
  xs_activity_add_review (import->activity, reviewer, date, decision, reason ? reason : "");
  return TRUE;
}

static gboolean
finish_activity (Import *import, GError **error)
{
  XsActivity *a = import->activity;
  g_autoptr (GError) store_error = NULL;

  if (!xs_records_replace_person_add (import->replacement, a, &store_error))
    {
      g_autofree char *owner = NULL;

      if (g_error_matches (store_error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID))
        {
          g_set_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_ACTIVITY, _ ("%s, line %d: %s"),
                       import->display_name, import->activity_line, store_error->message);
          return FALSE;
        }
      if (!g_error_matches (store_error, XS_STORE_ERROR, XS_STORE_ERROR_CONFLICT))
        {
          g_propagate_error (error, g_steal_pointer (&store_error));
          return FALSE;
        }
      owner = xs_store_dup_activity_owner (import->store, a->id, NULL);
      if (owner != NULL && !g_hash_table_contains (import->persons_seen, owner))
        g_set_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_DUPLICATE,
                     _ ("%s, line %d: activity id “%s” already belongs to person %s in the "
                        "database"),
                     import->display_name, import->activity_line, a->id, owner);
      else
        g_set_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_DUPLICATE,
                     _ ("%s, line %d: activity id “%s” is used twice"), import->display_name,
                     import->activity_line, a->id);
      return FALSE;
    }

  import->result->activities++;
  g_clear_pointer (&import->activity, xs_activity_unref);
  return TRUE;
}

/* Handles one element start; @empty when it closes at once (<x/>, no end event follows). */
static gboolean
on_element_start (Import *import, const char *name, int depth, gboolean empty, GError **error)
{
  if (depth == 0)
    {
      g_autofree char *version = attr (import, "version");
      const char *ns = (const char *)xmlTextReaderConstNamespaceUri (import->reader);

      if (!g_str_equal (name, "xueshi") || g_strcmp0 (ns, EXCHANGE_NS) != 0)
        return fail (import, error, XS_IMPORT_ERROR_INVALID,
                     _ ("this is not a Xueshi exchange file (expected <xueshi xmlns=\"%s\">)"),
                     EXCHANGE_NS);
      if (g_strcmp0 (version, "1") != 0)
        return fail (import, error, XS_IMPORT_ERROR_INVALID,
                     _ ("exchange file version “%s” is not supported (this program reads "
                        "version 1)"),
                     version ? version : "");
      return TRUE;
    }

  if (depth == 1 && g_str_equal (name, "unit"))
    return read_unit (import, error);
  if (depth == 1 && g_str_equal (name, "person"))
    {
      if (!start_person (import, error))
        return FALSE;
      return empty ? flush_person (import, error) && finish_person (import, error) : TRUE;
    }
  if (depth == 2 && import->person != NULL && g_str_equal (name, "round"))
    return flush_person (import, error) && start_round (import, error) &&
           (!empty || finish_round (import, error));
  if (depth == 3 && import->round_events != NULL && g_str_equal (name, "decision"))
    {
      if (!start_decision (import, error))
        return FALSE;
      if (empty)
        finish_decision (import);
      return TRUE;
    }
  if (depth == 4 && import->decision != NULL)
    {
      if (g_str_equal (name, "opinion"))
        return read_text (import, MAX_LONG_TEXT, &import->decision->opinion, error) &&
               check_single_line (import, import->decision->opinion, error);
      if (g_str_equal (name, "override"))
        return read_text (import, MAX_LONG_TEXT, &import->decision->override, error) &&
               check_single_line (import, import->decision->override, error);
      return TRUE;
    }
  if (depth == 2 && import->person != NULL && !g_str_equal (name, "activity"))
    return read_person_field (import, name, error);
  if (depth == 2 && g_str_equal (name, "activity") && import->person != NULL)
    {
      if (!flush_person (import, error) || !start_activity (import, error))
        return FALSE;
      return empty ? finish_activity (import, error) : TRUE;
    }
  if (depth == 3 && import->activity != NULL)
    {
      if (g_str_equal (name, "title"))
        return read_text (import, MAX_LONG_TEXT, &import->activity->title, error);
      if (g_str_equal (name, "organizer"))
        return read_text (import, MAX_SHORT_TEXT, &import->activity->organizer, error);
      if (g_str_equal (name, "evidence"))
        return read_evidence (import, error);
      if (g_str_equal (name, "review"))
        return read_review (import, error);
    }
  return TRUE;
}

static gboolean
on_element_end (Import *import, const char *name, int depth, GError **error)
{
  if (depth == 2 && g_str_equal (name, "activity") && import->activity != NULL)
    return finish_activity (import, error);
  if (depth == 3 && g_str_equal (name, "decision"))
    {
      finish_decision (import);
      return TRUE;
    }
  if (depth == 2 && g_str_equal (name, "round"))
    return finish_round (import, error);
  if (depth == 1 && g_str_equal (name, "person"))
    {
      gboolean ok = flush_person (import, error) && finish_person (import, error);
      g_clear_pointer (&import->person, xs_person_unref);
      return ok;
    }
  return TRUE;
}

/* The schema's messages say which element failed, not why ("failed to validate attributes").
 * For the mistakes people make, replace them with one that names the value. */
static void
explain_invalid_element (Import *import, const char *name, int depth)
{
  g_autoptr (GError) better = NULL;

  if (depth == 0)
    on_element_start (import, name, depth, FALSE, &better);
  else if (g_str_equal (name, "activity"))
    {
      g_autofree char *kind = attr (import, "kind");
      g_autofree char *id = attr (import, "id");
      g_autoptr (XsActivity) probe = NULL;
      g_autoptr (GError) engine_error = NULL;

      if (xs_rules_get_kind (import->rules, kind) == NULL)
        fail (import, &better, XS_IMPORT_ERROR_INVALID, _ ("activity %s: unknown kind “%s”"),
              id ? id : "?", kind ? kind : "");
      else if (import->person != NULL && start_activity (import, &better))
        {
          /* The engine names the parameter and what it expects. */
          probe = xs_activity_ref (import->activity);
          if (!xs_engine_validate (import->rules, probe, &engine_error))
            fail (import, &better, XS_IMPORT_ERROR_INVALID, "%s", engine_error->message);
        }
    }
  else if (g_str_equal (name, "evidence"))
    {
      g_autofree char *material = attr (import, "material");
      if (xs_rules_get_material_name (import->rules, material) == NULL)
        fail (import, &better, XS_IMPORT_ERROR_INVALID, _ ("unknown material type “%s”"),
              material ? material : "");
    }

  if (better != NULL)
    {
      g_clear_error (&import->reader_error);
      import->reader_error = g_steal_pointer (&better);
    }
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
            explain_invalid_element (import, name, depth);
          break;
        }

      if (depth > XS_XML_MAX_DEPTH)
        return fail (import, error, XS_IMPORT_ERROR_MALFORMED,
                     _ ("elements are nested too deeply"));

      if (type == XML_READER_TYPE_DOCUMENT_TYPE)
        return fail (import, error, XS_IMPORT_ERROR_MALFORMED,
                     _ ("a document type declaration (DOCTYPE) is not allowed"));
      if (type == XML_READER_TYPE_ENTITY_REFERENCE)
        return fail (import, error, XS_IMPORT_ERROR_MALFORMED,
                     _ ("entity references are not allowed"));

      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (!on_element_start (import, name, depth,
                                 xmlTextReaderIsEmptyElement (import->reader) == 1, error))
            return FALSE;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (!on_element_end (import, name, depth, error))
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
                 current_line (import));
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
