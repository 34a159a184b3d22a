/* xs-records-copy.c — everything of one database into an empty one, of either kind: units,
 * persons, activities with their evidence files and reviews, the rounds' decisions, and the
 * audit chain entry for entry (so fsck verifies the copy's chain as it did the original's).
 *
 * One transaction: a copy that fails leaves the target as empty as it was. The credits are
 * computed again under the rules in force, as every writer computes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "xs-blob-store.h"
#include "xs-engine.h"
#include "xs-records-copy.h"
#include "xs-records.h"
#include "xs-year-accumulator.h"

#define CREDIT_STAMP_KEY "credits-rules-digest"

typedef struct
{
  XsStore *from;
  XsStore *to;
  XsRules *rules;
  XsBlobStore *blobs;       /* the target's */
  GHashTable *files_copied; /* sha256 → itself */
  XsCopyResult *result;
  GError *error;
} Copy;

static gboolean
note_entry (gint64 seq, const char *at, const XsAuditRecord *record, const char *prev_hash,
            const char *hash, gpointer has_entry)
{
  *(gboolean *)has_entry = TRUE;
  return FALSE;
}

static gboolean
target_is_empty (XsStore *to, GError **error)
{
  XsStoreCounts counts = { 0 };
  gboolean has_audit = FALSE;

  if (!xs_store_get_counts (to, &counts, error))
    return FALSE;
  /* An audit trail alone (every record deleted) still makes it someone's database. */
  if (counts.units + counts.persons + counts.activities + counts.evidence == 0 &&
      !xs_store_foreach_audit (to, NULL, note_entry, &has_audit, error))
    return FALSE;
  if (counts.units + counts.persons + counts.activities + counts.evidence == 0 && !has_audit)
    return TRUE;
  g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_CONFLICT,
               _ ("The target database is not empty: a copy goes only into a new database"));
  return FALSE;
}

/* The file of @e, read from the source (fetched there first when it keeps files elsewhere)
 * and put in the target's evidence folder under its checked hash. */
static gboolean
copy_file (Copy *copy, const XsEvidence *e, GError **error)
{
  g_autofree char *source = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr (GMappedFile) file = NULL;
  g_autoptr (GBytes) bytes = NULL;
  gint64 size = 0;

  if (g_hash_table_contains (copy->files_copied, e->sha256))
    return TRUE;
  if (!xs_store_fetch_evidence (copy->from, e->sha256, error))
    return FALSE;
  source = xs_records_dup_evidence_path (copy->from, e->sha256);
  file = source ? g_mapped_file_new (source, FALSE, error) : NULL;
  if (file == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND,
                     _ ("Evidence file %s is missing from the store; run xueshi-cli fsck"),
                     e->sha256);
      return FALSE;
    }
  bytes = g_mapped_file_get_bytes (file);
  if (!xs_blob_store_put_bytes (copy->blobs, bytes, e->file_name ? e->file_name : e->sha256,
                                e->sha256, &sha256, &size, NULL, error))
    return FALSE;
  g_hash_table_add (copy->files_copied, g_strdup (e->sha256));
  copy->result->evidence_files++;
  return TRUE;
}

static gboolean
copy_person (Copy *copy, const XsPerson *person, GError **error)
{
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GPtrArray) events = NULL;

  if (!xs_store_put_person (copy->to, person, error))
    return FALSE;
  activities = xs_store_list_activities (copy->from, person->id, error);
  if (activities == NULL)
    return FALSE;
  for (guint i = 0; i < activities->len; i++)
    {
      XsActivity *a = g_ptr_array_index (activities, i);
      g_autoptr (XsCredit) credit = xs_engine_compute (copy->rules, a);
      XsStoredCredit stored;

      for (guint k = 0; k < a->evidence->len; k++)
        if (!copy_file (copy, g_ptr_array_index (a->evidence, k), error))
          return FALSE;
      xs_stored_credit_from_credit (credit, &stored);
      if (!xs_store_add_activity (copy->to, a, &stored, error))
        return FALSE;
      copy->result->activities++;
    }
  events = xs_store_list_round_events (copy->from, person->id, 0, error);
  if (events == NULL)
    return FALSE;
  for (guint i = 0; i < events->len; i++)
    if (!xs_store_add_round_event (copy->to, g_ptr_array_index (events, i), error))
      return FALSE;
  copy->result->persons++;
  return TRUE;
}

static gboolean
copy_audit_entry (gint64 seq, const char *at, const XsAuditRecord *record, const char *prev_hash,
                  const char *hash, gpointer user_data)
{
  Copy *copy = user_data;

  if (!xs_store_copy_audit_entry (copy->to, seq, at, record, prev_hash, hash, &copy->error))
    return FALSE;
  copy->result->audit_entries++;
  return TRUE;
}

static gboolean
copy_all (Copy *copy, XsCopyProgressFunc progress, gpointer user_data, GError **error)
{
  g_autoptr (GPtrArray) units = NULL;
  g_autoptr (GPtrArray) persons = NULL;

  units = xs_store_list_units (copy->from, error);
  if (units == NULL)
    return FALSE;
  for (guint i = 0; i < units->len; i++)
    {
      if (!xs_store_put_unit (copy->to, g_ptr_array_index (units, i), error))
        return FALSE;
      copy->result->units++;
    }
  persons = xs_store_list_persons (copy->from, error);
  if (persons == NULL)
    return FALSE;
  for (guint i = 0; i < persons->len; i++)
    {
      if (!copy_person (copy, g_ptr_array_index (persons, i), error))
        return FALSE;
      if (progress != NULL)
        progress (i + 1, persons->len, user_data);
    }
  if (!xs_store_foreach_audit (copy->from, NULL, copy_audit_entry, copy, error))
    return FALSE;
  if (copy->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&copy->error));
      return FALSE;
    }
  return xs_store_set_meta (copy->to, CREDIT_STAMP_KEY, xs_rules_get_digest (copy->rules), error);
}

/**
 * xs_records_copy:
 * @to: an empty database (no records, no audit trail)
 * @rules: the rules the copied credits are computed with
 * @progress: (nullable): called after each person
 * @result: (out caller-allocates): what was copied
 *
 * Copies everything of @from into @to, in one transaction of @to.
 */
gboolean
xs_records_copy (XsStore *from, XsStore *to, XsRules *rules, XsCopyProgressFunc progress,
                 gpointer user_data, XsCopyResult *result, GError **error)
{
  g_autoptr (XsBlobStore) blobs = xs_blob_store_new (xs_store_get_evidence_dir (to));
  g_autoptr (GHashTable) files_copied =
      g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Copy copy = { from, to, rules, blobs, files_copied, result, NULL };

  memset (result, 0, sizeof *result);
  if (!xs_store_begin (to, error))
    return FALSE;
  if (!target_is_empty (to, error) || !copy_all (&copy, progress, user_data, error) ||
      !xs_store_commit (to, error))
    {
      xs_store_rollback (to);
      xs_blob_store_discard_new (blobs);
      memset (result, 0, sizeof *result);
      return FALSE;
    }
  xs_blob_store_keep_new (blobs);
  return TRUE;
}
