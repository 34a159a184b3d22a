/* xs-export.c — writing an exchange file (interfaces.md §1) with its evidence folder.
 *
 * FILE.xml gets a folder FILE-evidence/ beside it holding each evidence file once, as
 * <sha256>/<original name>, so that importing the file back gives the same names and hashes.
 * Everything is written to temporary names, synced and renamed, the XML last: a crash leaves
 * no half-written exchange file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libxml/xmlwriter.h>

#include "xs-blob-store.h"
#include "xs-export.h"
#include "xs-xml.h"

#define EXCHANGE_NS "urn:xueshi:exchange:1"

typedef struct
{
  XsStore *store;
  XsBlobStore *blobs;
  xmlTextWriter *writer;
  char *folder;       /* absolute path of FILE-evidence */
  char *folder_name;  /* its name, for the relative paths */
  GHashTable *copied; /* sha256 set */
  XsExportResult *result;
} Export;

static gboolean
write_failed (GError **error, const char *path)
{
  int saved = errno;

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _ ("Cannot write %s: %s"), path,
               g_strerror (saved));
  return FALSE;
}

static gboolean
sync_path (const char *path)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

/* Evidence names come from our own database, but never let one climb out of its folder. */
static char *
safe_file_name (const char *name, const char *sha256)
{
  g_autofree char *base = name ? g_path_get_basename (name) : NULL;

  if (base == NULL || *base == '\0' || g_str_equal (base, ".") || g_str_equal (base, "..") ||
      g_str_equal (base, G_DIR_SEPARATOR_S) || strchr (base, '\\') != NULL)
    return g_strdup (sha256);
  return g_steal_pointer (&base);
}

/* Whether @path is a regular file whose SHA-256 is @sha256. */
static gboolean
has_content (const char *path, const char *sha256)
{
  g_autoptr (GMappedFile) mapped = NULL;
  g_autofree char *actual = NULL;
  GStatBuf st;

  if (g_lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
    return FALSE;
  mapped = g_mapped_file_new (path, FALSE, NULL);
  if (mapped == NULL)
    return FALSE;
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                        (const guchar *)g_mapped_file_get_contents (mapped),
                                        g_mapped_file_get_length (mapped));
  return g_str_equal (actual, sha256);
}

static gboolean
copy_evidence (Export *export, const XsEvidence *e, char **out_relative, GError **error)
{
  g_autofree char *name = safe_file_name (e->file_name, e->sha256);
  g_autofree char *dir = g_build_filename (export->folder, e->sha256, NULL);
  g_autofree char *target = g_build_filename (dir, name, NULL);
  g_autofree char *tmp = NULL;
  g_autofree char *source = xs_blob_store_dup_path (export->blobs, e->sha256);
  g_autoptr (GFile) from = NULL;
  g_autoptr (GFile) to = NULL;

  *out_relative = g_build_filename (export->folder_name, e->sha256, name, NULL);
  /* One scan attached under two names is written under each: the file says both. */
  if (g_hash_table_contains (export->copied, *out_relative))
    return TRUE;
  /* A folder left by an earlier export is not trusted: a file there is kept only when it is
   * the very scan. */
  if (has_content (target, e->sha256))
    {
      g_hash_table_add (export->copied, g_strdup (*out_relative));
      return TRUE;
    }

  if (source != NULL && !xs_store_fetch_evidence (export->store, e->sha256, error))
    return FALSE;
  if (source == NULL || !g_file_test (source, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _ ("Evidence file %s (%s) is missing from the store; run xueshi-cli fsck"),
                   e->sha256, e->file_name ? e->file_name : "");
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return write_failed (error, dir);

  tmp = g_strconcat (target, ".part", NULL);
  from = g_file_new_for_path (source);
  to = g_file_new_for_path (tmp);
  if (!g_file_copy (from, to, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return FALSE;
  /* Scans carry resident ID numbers: readable by their owner only, as the database is. */
  if (g_chmod (tmp, 0600) != 0 || !sync_path (tmp) || g_rename (tmp, target) != 0)
    {
      g_unlink (tmp);
      return write_failed (error, target);
    }
  g_hash_table_add (export->copied, g_strdup (*out_relative));
  export->result->evidence_files++;
  return TRUE;
}

static void
attr (xmlTextWriter *w, const char *name, const char *value)
{
  if (value != NULL)
    xmlTextWriterWriteAttribute (w, (const xmlChar *)name, (const xmlChar *)value);
}

static void
element (xmlTextWriter *w, const char *name, const char *text)
{
  if (text != NULL)
    xmlTextWriterWriteElement (w, (const xmlChar *)name, (const xmlChar *)text);
}

static gboolean
write_activity (Export *export, const XsActivity *a, GError **error)
{
  xmlTextWriter *w = export->writer;

  xmlTextWriterStartElement (w, (const xmlChar *)"activity");
  attr (w, "id", a->id);
  attr (w, "kind", a->kind);
  for (guint i = 0; i + 1 < a->params->len; i += 2)
    attr (w, g_ptr_array_index (a->params, i), g_ptr_array_index (a->params, i + 1));
  attr (w, "status", xs_status_to_string (a->status));
  element (w, "title", a->title);
  element (w, "organizer", a->organizer);

  for (guint i = 0; i < a->evidence->len; i++)
    {
      const XsEvidence *e = g_ptr_array_index (a->evidence, i);
      g_autofree char *relative = NULL;

      if (!copy_evidence (export, e, &relative, error))
        return FALSE;
      xmlTextWriterStartElement (w, (const xmlChar *)"evidence");
      attr (w, "material", e->material);
      attr (w, "file", relative);
      attr (w, "sha256", e->sha256);
      xmlTextWriterEndElement (w);
    }
  for (guint i = 0; i < a->reviews->len; i++)
    {
      const XsReview *r = g_ptr_array_index (a->reviews, i);

      xmlTextWriterStartElement (w, (const xmlChar *)"review");
      attr (w, "reviewer", r->reviewer);
      attr (w, "date", r->date);
      attr (w, "decision", xs_status_to_string (r->decision));
      if (r->reason != NULL && *r->reason != '\0')
        xmlTextWriterWriteString (w, (const xmlChar *)r->reason);
      xmlTextWriterEndElement (w);
    }
  xmlTextWriterEndElement (w);
  export->result->activities++;
  return TRUE;
}

/* Each year's round decisions, in order: the supervisor's come back to the unit this way. */
static gboolean
write_rounds (Export *export, const XsPerson *p, GError **error)
{
  xmlTextWriter *w = export->writer;
  g_autoptr (GPtrArray) events = xs_store_list_round_events (export->store, p->id, 0, error);
  guint year = 0;

  if (events == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    {
      const XsRoundEvent *e = g_ptr_array_index (events, i);

      if (e->year != year)
        {
          if (year != 0)
            xmlTextWriterEndElement (w);
          year = e->year;
          xmlTextWriterStartElement (w, (const xmlChar *)"round");
          xmlTextWriterWriteFormatAttribute (w, (const xmlChar *)"year", "%u", year);
        }
      xmlTextWriterStartElement (w, (const xmlChar *)"decision");
      attr (w, "stage", e->stage);
      attr (w, "decision", e->decision);
      attr (w, "reviewer", e->reviewer);
      attr (w, "date", e->date);
      element (w, "opinion", e->opinion);
      element (w, "override", e->override);
      xmlTextWriterEndElement (w);
    }
  if (year != 0)
    xmlTextWriterEndElement (w);
  return TRUE;
}

static gboolean
write_person (Export *export, const XsPerson *p, GError **error)
{
  xmlTextWriter *w = export->writer;
  g_autoptr (GPtrArray) activities = xs_store_list_activities (export->store, p->id, error);

  if (activities == NULL)
    return FALSE;

  xmlTextWriterStartElement (w, (const xmlChar *)"person");
  attr (w, "id", p->id);
  attr (w, "unit", p->unit_id);
  if (p->span_from != 0)
    {
      xmlTextWriterWriteFormatAttribute (w, (const xmlChar *)"span-from", "%u", p->span_from);
      xmlTextWriterWriteFormatAttribute (w, (const xmlChar *)"span-to", "%u", p->span_to);
    }
  element (w, "name", p->name);
  element (w, "gender", p->gender);
  element (w, "id-number", p->id_number);
  element (w, "current-title", p->current_title);
  element (w, "applying-title", p->applying_title);
  element (w, "specialty", p->specialty);
  for (guint i = 0; i < activities->len; i++)
    if (!write_activity (export, g_ptr_array_index (activities, i), error))
      return FALSE;
  if (!write_rounds (export, p, error))
    return FALSE;
  xmlTextWriterEndElement (w);
  export->result->persons++;
  return TRUE;
}

static int
compare_persons (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 ((*(XsPerson *const *)a)->id, (*(XsPerson *const *)b)->id);
}

static gboolean
write_document (Export *export, GPtrArray *persons, GError **error)
{
  xmlTextWriter *w = export->writer;
  g_autoptr (GHashTable) units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, (const xmlChar *)"  ");
  xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElementNS (w, NULL, (const xmlChar *)"xueshi", (const xmlChar *)EXCHANGE_NS);
  attr (w, "version", "1");

  for (guint i = 0; i < persons->len; i++)
    {
      const XsPerson *p = g_ptr_array_index (persons, i);
      g_autoptr (XsUnit) unit = NULL;

      if (!g_hash_table_add (units, g_strdup (p->unit_id)))
        continue;
      unit = xs_store_get_unit (export->store, p->unit_id, error);
      if (unit == NULL)
        return FALSE;
      xmlTextWriterStartElement (w, (const xmlChar *)"unit");
      attr (w, "id", unit->id);
      attr (w, "category", unit->category);
      attr (w, "name", unit->name);
      attr (w, "supervisor", unit->supervisor);
      attr (w, "region", unit->region);
      xmlTextWriterEndElement (w);
      export->result->units++;
    }

  for (guint i = 0; i < persons->len; i++)
    if (!write_person (export, g_ptr_array_index (persons, i), error))
      return FALSE;

  xmlTextWriterEndElement (w);
  if (xmlTextWriterEndDocument (w) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _ ("Cannot write the exchange file"));
      return FALSE;
    }
  return TRUE;
}

/**
 * xs_export_file:
 * @path: the exchange file to write
 * @person_ids: (nullable) (array zero-terminated=1): only these persons, or everyone
 * @result: (out caller-allocates): counts
 */
gboolean
xs_export_file (XsStore *store, const char *path, const char *const *person_ids,
                XsExportResult *result, GError **error)
{
  g_autoptr (GPtrArray) persons = NULL;
  g_autoptr (XsBlobStore) blobs = xs_blob_store_new (xs_store_get_evidence_dir (store));
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *stem = NULL;
  g_autofree char *dir = g_path_get_dirname (absolute);
  g_autofree char *tmp = NULL;
  Export export = { 0 };
  gboolean ok;
  int fd;

  memset (result, 0, sizeof *result);
  xs_xml_init ();

  if (person_ids != NULL && person_ids[0] != NULL)
    {
      persons = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_person_unref);
      for (guint i = 0; person_ids[i] != NULL; i++)
        {
          XsPerson *p = xs_store_get_person (store, person_ids[i], error);
          if (p == NULL)
            return FALSE;
          g_ptr_array_add (persons, p);
        }
      g_ptr_array_sort (persons, compare_persons);
    }
  else
    {
      persons = xs_store_list_persons (store, error);
      if (persons == NULL)
        return FALSE;
    }

  stem = g_path_get_basename (absolute);
  if (g_str_has_suffix (stem, ".xml"))
    stem[strlen (stem) - 4] = '\0';
  export.folder_name = g_strconcat (stem, "-evidence", NULL);
  export.folder = g_build_filename (dir, export.folder_name, NULL);
  export.store = store;
  export.blobs = blobs;
  export.copied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  export.result = result;

  tmp = g_strconcat (absolute, ".XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    ok = write_failed (error, absolute);
  else
    {
      close (fd);
      export.writer = xmlNewTextWriterFilename (tmp, 0);
      ok = export.writer != NULL && write_document (&export, persons, error);
      g_clear_pointer (&export.writer, xmlFreeTextWriter);
      if (ok && (!sync_path (tmp) || g_rename (tmp, absolute) != 0))
        ok = write_failed (error, absolute);
      if (!ok)
        g_unlink (tmp);
    }

  g_hash_table_unref (export.copied);
  g_free (export.folder);
  g_free (export.folder_name);
  return ok;
}
