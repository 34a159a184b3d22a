/* xs-import-elements.c — the exchange file's elements as the reader meets them: units,
 * persons, activities with their evidence and reviews, rounds; each written through the one
 * writer once what it needs has been read.
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
#include "xs-scan-guard.h"
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

/* The attributes of <activity> that are not kind parameters. */
static const char *const activity_own_attributes[] = { "id", "kind", "status", NULL };

static gboolean
read_unit (Import *import, GError **error)
{
  g_autoptr (XsUnit) unit = xs_unit_new ();

  unit->id = xs_import_attr (import, "id");
  unit->category = xs_import_attr (import, "category");
  unit->name = xs_import_attr (import, "name");
  unit->supervisor = xs_import_attr (import, "supervisor");
  unit->region = xs_import_attr (import, "region");

  if (!xs_import_check_attr_length (import, unit->id, MAX_SHORT_TEXT, error) ||
      !xs_import_check_attr_length (import, unit->name, MAX_SHORT_TEXT, error) ||
      !xs_import_check_attr_length (import, unit->supervisor, MAX_SHORT_TEXT, error) ||
      !xs_import_check_attr_length (import, unit->region, MAX_SHORT_TEXT, error))
    return FALSE;

  if (!g_hash_table_add (import->units_seen, g_strdup (unit->id)))
    return xs_import_fail (import, error, XS_IMPORT_ERROR_DUPLICATE,
                           _ ("unit id “%s” is used twice"), unit->id);
  if (!xs_records_put_unit (import->store, unit, g_get_user_name (), error))
    return FALSE;
  import->result->units++;
  return TRUE;
}

static gboolean
start_person (Import *import, GError **error)
{
  g_autofree char *span_from = xs_import_attr (import, "span-from");
  g_autofree char *span_to = xs_import_attr (import, "span-to");
  XsPerson *p = xs_person_new ();

  g_clear_pointer (&import->person, xs_person_unref);
  import->person = p;
  import->person_flushed = FALSE;
  p->id = xs_import_attr (import, "id");
  p->unit_id = xs_import_attr (import, "unit");

  if (!xs_import_check_attr_length (import, p->id, MAX_SHORT_TEXT, error))
    return FALSE;
  if ((span_from == NULL) != (span_to == NULL))
    return xs_import_fail (import, error, XS_IMPORT_ERROR_PERSON,
                           _ ("person %s: give both span-from and span-to, or neither"), p->id);
  if (span_from != NULL)
    {
      p->span_from = (guint)g_ascii_strtoull (span_from, NULL, 10);
      p->span_to = (guint)g_ascii_strtoull (span_to, NULL, 10);
      if (p->span_from > p->span_to)
        return xs_import_fail (import, error, XS_IMPORT_ERROR_PERSON,
                               _ ("person %s: the span %s–%s ends before it starts"), p->id,
                               span_from, span_to);
    }

  if (!g_hash_table_add (import->persons_seen, g_strdup (p->id)))
    return xs_import_fail (import, error, XS_IMPORT_ERROR_DUPLICATE,
                           _ ("person id “%s” is used twice"), p->id);

  if (!g_hash_table_contains (import->units_seen, p->unit_id))
    {
      g_autoptr (XsUnit) known = xs_store_get_unit (import->store, p->unit_id, NULL);
      if (known == NULL)
        return xs_import_fail (
            import, error, XS_IMPORT_ERROR_REFERENCE,
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
    return xs_import_fail (
        import, error, XS_IMPORT_ERROR_PERSON,
        _ ("person %s: a person needs a name, a gender and a resident ID number, in "
           "that order, before any activity"),
        p->id);

  if (!xs_resident_id_validate (p->id_number, &id_error))
    {
      /* interfaces.md: a wrong check digit is a warning; any other defect refuses the file. */
      if (!g_error_matches (id_error, XS_RESIDENT_ID_ERROR, XS_RESIDENT_ID_ERROR_CHECK_DIGIT))
        return xs_import_fail (import, error, XS_IMPORT_ERROR_PERSON,
                               _ ("person %s: resident ID %s: %s"), p->id, p->id_number,
                               id_error->message);
      g_ptr_array_add (import->result->warnings,
                       g_strdup_printf (_ ("%s, line %d: person %s (%s): resident ID %s: %s"),
                                        import->display_name, xs_import_current_line (import),
                                        p->id, p->name, p->id_number, id_error->message));
    }

  existing = xs_store_get_person (import->store, p->id, NULL);
  if (existing != NULL)
    import->result->persons_replaced++;
  /* The resident ID identifies a person: two persons with one are a mistake (the roster
   * refuses them too), whichever is right. */
  {
    const char *first = g_hash_table_lookup (import->numbers_seen, p->id_number);

    if (first != NULL)
      return xs_import_fail (
          import, error, XS_IMPORT_ERROR_DUPLICATE,
          _ ("person %s (%s) has the resident ID %s of person %s on line %d"), p->id, p->name,
          p->id_number, first,
          GPOINTER_TO_INT (g_hash_table_lookup (import->number_lines, p->id_number)));
    g_hash_table_insert (import->numbers_seen, g_strdup (p->id_number),
                         g_strdup_printf ("%s (%s)", p->id, p->name));
    g_hash_table_insert (import->number_lines, g_strdup (p->id_number),
                         GINT_TO_POINTER (xs_import_current_line (import)));
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
  return xs_import_read_text (import, MAX_SHORT_TEXT, field, error);
}

static gboolean
start_round (Import *import, GError **error)
{
  g_autofree char *year = xs_import_attr (import, "year");

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
  e->stage = xs_import_attr (import, "stage");
  e->decision = xs_import_attr (import, "decision");
  e->reviewer = xs_import_attr (import, "reviewer");
  e->date = xs_import_attr (import, "date");
  return xs_import_check_attr_length (import, e->stage, MAX_SHORT_TEXT, error) &&
         xs_import_check_attr_length (import, e->reviewer, MAX_SHORT_TEXT, error) &&
         xs_import_check_single_line (import, e->reviewer, error);
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
                         import->display_name, xs_import_current_line (import), import->person->id,
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
  import->activity_line = xs_import_current_line (import);

  a->id = xs_import_attr (import, "id");
  a->kind = xs_import_attr (import, "kind");
  a->person_id = g_strdup (import->person->id);
  if (!xs_import_check_attr_length (import, a->id, MAX_SHORT_TEXT, error))
    return FALSE;

  status = xs_import_attr (import, "status");
  if (status != NULL && !xs_status_from_string (status, &a->status))
    return xs_import_fail (import, error, XS_IMPORT_ERROR_INVALID, _ ("unknown status “%s”"),
                           status);

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
    return xs_import_fail (import, error, XS_IMPORT_ERROR_EVIDENCE,
                           _ ("evidence path “%s” must be relative to the file's folder"),
                           relative);

  parts = g_strsplit (relative, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return xs_import_fail (import, error, XS_IMPORT_ERROR_EVIDENCE,
                             _ ("evidence path “%s” leaves the file's folder (“..”)"), relative);
  return TRUE;
}

static gboolean
read_evidence (Import *import, GError **error)
{
  g_autofree char *material = xs_import_attr (import, "material");
  g_autofree char *file = xs_import_attr (import, "file");
  g_autofree char *expected = xs_import_attr (import, "sha256");
  g_autofree char *sha256 = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) blob_error = NULL;
  const char *known;
  gint64 size = 0;

  if (xs_rules_get_material_name (import->rules, material) == NULL)
    return xs_import_fail (import, error, XS_IMPORT_ERROR_INVALID, _ ("unknown material type “%s”"),
                           material);
  if (!xs_import_check_attr_length (import, file, MAX_LONG_TEXT, error) ||
      !xs_import_check_single_line (import, file, error))
    return FALSE;

  known = g_hash_table_lookup (import->stored_files, file);
  if (known != NULL)
    {
      /* The same file named twice in one import is read once. */
      sha256 = g_strndup (known, 64);
      size = g_ascii_strtoll (known + 65, NULL, 10);
      if (expected != NULL && g_ascii_strcasecmp (expected, sha256) != 0)
        return xs_import_fail (import, error, XS_IMPORT_ERROR_EVIDENCE,
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
        return xs_import_fail (import, error, XS_IMPORT_ERROR_EVIDENCE, "%s", blob_error->message);
      /* Only scans and PDFs, known by their first bytes; a file new to the store is then
       * decoded completely, as at attach (one already stored passed that when it came). */
      if (!xs_scan_sniff (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &type,
                          &blob_error))
        return xs_import_fail (import, error, XS_IMPORT_ERROR_EVIDENCE,
                               _ ("evidence file “%s”: %s"), file, blob_error->message);
      if (!xs_blob_store_put_bytes (import->blobs, bytes, file, expected, &sha256, &size, &created,
                                    &blob_error))
        {
          if (g_error_matches (blob_error, XS_BLOB_ERROR, XS_BLOB_ERROR_CHECKSUM))
            return xs_import_fail (import, error, XS_IMPORT_ERROR_EVIDENCE,
                                   _ ("evidence file “%s” does not match its sha256"), file);
          return xs_import_fail (import, error, XS_IMPORT_ERROR_EVIDENCE, "%s",
                                 blob_error->message);
        }
      if (created && !xs_scan_check_decodes_guarded (bytes, file, &blob_error))
        return xs_import_fail (import, error, XS_IMPORT_ERROR_EVIDENCE, "%s", blob_error->message);
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
  g_autofree char *reviewer = xs_import_attr (import, "reviewer");
  g_autofree char *date = xs_import_attr (import, "date");
  g_autofree char *decision_text = xs_import_attr (import, "decision");
  g_autofree char *reason = NULL;
  XsStatus decision;

  if (!xs_status_from_string (decision_text, &decision))
    return xs_import_fail (import, error, XS_IMPORT_ERROR_INVALID,
                           _ ("unknown review decision “%s”"), decision_text);
  if (!xs_import_check_attr_length (import, reviewer, MAX_SHORT_TEXT, error) ||
      !xs_import_check_single_line (import, reviewer, error))
    return FALSE;
  if (!xmlTextReaderIsEmptyElement (import->reader) &&
      (!xs_import_read_text (import, MAX_LONG_TEXT, &reason, error) ||
       !xs_import_check_single_line (import, reason, error)))
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
gboolean
xs_import_on_element_start (Import *import, const char *name, int depth, gboolean empty,
                            GError **error)
{
  if (depth == 0)
    {
      g_autofree char *version = xs_import_attr (import, "version");
      const char *ns = (const char *)xmlTextReaderConstNamespaceUri (import->reader);

      if (!g_str_equal (name, "xueshi") || g_strcmp0 (ns, EXCHANGE_NS) != 0)
        return xs_import_fail (
            import, error, XS_IMPORT_ERROR_INVALID,
            _ ("this is not a Xueshi exchange file (expected <xueshi xmlns=\"%s\">)"), EXCHANGE_NS);
      if (g_strcmp0 (version, "1") != 0)
        return xs_import_fail (import, error, XS_IMPORT_ERROR_INVALID,
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
        return xs_import_read_text (import, MAX_LONG_TEXT, &import->decision->opinion, error) &&
               xs_import_check_single_line (import, import->decision->opinion, error);
      if (g_str_equal (name, "override"))
        return xs_import_read_text (import, MAX_LONG_TEXT, &import->decision->override, error) &&
               xs_import_check_single_line (import, import->decision->override, error);
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
        return xs_import_read_text (import, MAX_LONG_TEXT, &import->activity->title, error);
      if (g_str_equal (name, "organizer"))
        return xs_import_read_text (import, MAX_SHORT_TEXT, &import->activity->organizer, error);
      if (g_str_equal (name, "evidence"))
        return read_evidence (import, error);
      if (g_str_equal (name, "review"))
        return read_review (import, error);
    }
  return TRUE;
}

gboolean
xs_import_on_element_end (Import *import, const char *name, int depth, GError **error)
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
void
xs_import_explain_invalid_element (Import *import, const char *name, int depth)
{
  g_autoptr (GError) better = NULL;

  if (depth == 0)
    xs_import_on_element_start (import, name, depth, FALSE, &better);
  else if (g_str_equal (name, "activity"))
    {
      g_autofree char *kind = xs_import_attr (import, "kind");
      g_autofree char *id = xs_import_attr (import, "id");
      g_autoptr (XsActivity) probe = NULL;
      g_autoptr (GError) engine_error = NULL;

      if (xs_rules_get_kind (import->rules, kind) == NULL)
        xs_import_fail (import, &better, XS_IMPORT_ERROR_INVALID,
                        _ ("activity %s: unknown kind “%s”"), id ? id : "?", kind ? kind : "");
      else if (import->person != NULL && start_activity (import, &better))
        {
          /* The engine names the parameter and what it expects. */
          probe = xs_activity_ref (import->activity);
          if (!xs_engine_validate (import->rules, probe, &engine_error))
            xs_import_fail (import, &better, XS_IMPORT_ERROR_INVALID, "%s", engine_error->message);
        }
    }
  else if (g_str_equal (name, "evidence"))
    {
      g_autofree char *material = xs_import_attr (import, "material");
      if (xs_rules_get_material_name (import->rules, material) == NULL)
        xs_import_fail (import, &better, XS_IMPORT_ERROR_INVALID, _ ("unknown material type “%s”"),
                        material ? material : "");
    }

  if (better != NULL)
    {
      g_clear_error (&import->reader_error);
      import->reader_error = g_steal_pointer (&better);
    }
}
