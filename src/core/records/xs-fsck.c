/* xs-fsck.c — checks every evidence reference and hash, the database and the audit chain.
 *
 * It reports and never repairs: a clerk who is told what is wrong decides what to do. Files
 * left by interrupted writes and stored files nothing refers to any more are counted, not
 * reported as problems — an interrupted import or attachment leaves exactly those, and the
 * records are still whole. `xs_blob_collect_garbage()` removes them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "xs-audit.h"
#include "xs-blob-store.h"
#include "xs-fsck.h"
#include "xs-pg-store.h"

static gboolean
add_problem (const char *problem, gpointer user_data)
{
  XsFsckReport *report = user_data;

  g_ptr_array_add (report->problems, g_strdup (problem));
  return TRUE;
}

static char *
hash_file (const char *path, GError **error)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) in = g_file_read (file, NULL, error);
  guint8 buf[64 * 1024];
  gssize n;

  if (in == NULL)
    return NULL;
  while ((n = g_input_stream_read (G_INPUT_STREAM (in), buf, sizeof buf, NULL, error)) > 0)
    g_checksum_update (sum, buf, n);
  if (n < 0)
    return NULL;
  return g_strdup (g_checksum_get_string (sum));
}

typedef void (*BlobFunc) (const char *path, const char *name, gpointer user_data);

/* Calls @func for every file in the store's two-level layout, temporary files included. */
static void
walk_store (const char *root, BlobFunc func, gpointer user_data)
{
  g_autoptr (GDir) dir = g_dir_open (root, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (root, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_autoptr (GDir) sub = g_dir_open (path, 0, NULL);
          const char *leaf;

          while (sub != NULL && (leaf = g_dir_read_name (sub)) != NULL)
            {
              g_autofree char *leaf_path = g_build_filename (path, leaf, NULL);
              func (leaf_path, leaf, user_data);
            }
        }
      else
        func (path, name, user_data);
    }
}

typedef struct
{
  GHashTable *referenced;
  XsFsckReport *report;
  GPtrArray *removable; /* for garbage collection */
} Walk;

static void
count_unreferenced (const char *path, const char *name, gpointer user_data)
{
  Walk *walk = user_data;

  if (g_str_has_prefix (name, ".incoming-"))
    {
      walk->report->leftover_temps++;
      if (walk->removable)
        g_ptr_array_add (walk->removable, g_strdup (path));
    }
  else if (!g_hash_table_contains (walk->referenced, name))
    {
      walk->report->orphan_files++;
      if (walk->removable)
        g_ptr_array_add (walk->removable, g_strdup (path));
    }
}

/**
 * xs_fsck_run:
 * @report: (out caller-allocates): what was found; clear with xs_fsck_report_clear()
 *
 * Returns: %FALSE only when the check itself could not run; problems found are in @report
 */
gboolean
xs_fsck_run (XsStore *store, XsFsckReport *report, GError **error)
{
  g_autoptr (XsBlobStore) blobs = xs_blob_store_new (xs_store_get_evidence_dir (store));
  g_autoptr (GHashTable) referenced = NULL;
  g_autofree char *root = g_file_get_path (xs_store_get_evidence_dir (store));
  g_autoptr (GPtrArray) entries = NULL;
  GHashTableIter iter;
  gpointer key;
  gint64 bad_seq = 0;
  Walk walk;

  memset (report, 0, sizeof *report);
  report->problems = g_ptr_array_new_with_free_func (g_free);

  if (!xs_store_check_integrity (store, add_problem, report, error))
    return FALSE;

  referenced = xs_store_dup_referenced_blobs (store, error);
  if (referenced == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, referenced);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_autofree char *path = xs_blob_store_dup_path (blobs, key);
      g_autofree char *actual = NULL;
      g_autoptr (GError) read_error = NULL;

      report->files_checked++;
      /* A shared database's file is checked as fetched from it (and so cached). */
      if (path != NULL && !xs_store_fetch_evidence (store, key, &read_error))
        {
          g_ptr_array_add (report->problems,
                           g_strdup_printf (_ ("evidence: %s"), read_error->message));
          continue;
        }
      if (path == NULL)
        {
          g_ptr_array_add (report->problems,
                           g_strdup_printf (_ ("evidence: “%s” is not a SHA-256"), (char *)key));
          continue;
        }
      actual = hash_file (path, &read_error);
      if (actual == NULL)
        g_ptr_array_add (report->problems,
                         g_strdup_printf (_ ("evidence: file %s is missing or unreadable (%s)"),
                                          (char *)key, read_error->message));
      else if (!g_str_equal (actual, key))
        g_ptr_array_add (report->problems,
                         g_strdup_printf (_ ("evidence: file %s was changed (its content now "
                                             "hashes to %s)"),
                                          (char *)key, actual));
    }

  walk.referenced = referenced;
  walk.report = report;
  walk.removable = NULL;
  walk_store (root, count_unreferenced, &walk);

  if (XS_IS_PG_STORE (store) && !xs_pg_store_sees_everything (XS_PG_STORE (store)))
    report->audit_not_verified = TRUE;
  else if (!xs_audit_verify (store, &bad_seq, error))
    {
      if (error != NULL && *error != NULL)
        return FALSE;
      g_ptr_array_add (report->problems,
                       g_strdup_printf (_ ("audit trail: entry %lld was changed, removed or "
                                           "inserted afterwards"),
                                        (long long)bad_seq));
    }
  if (report->audit_not_verified)
    return TRUE;
  entries = xs_audit_list (store, NULL, error);
  if (entries == NULL)
    return FALSE;
  report->audit_entries = entries->len;
  return TRUE;
}

void
xs_fsck_report_clear (XsFsckReport *report)
{
  g_clear_pointer (&report->problems, g_ptr_array_unref);
}

/**
 * xs_blob_collect_garbage:
 * @out_removed: (out) (optional): how many files were removed
 *
 * Removes stored files no evidence reference names and leftovers of interrupted writes.
 */
gboolean
xs_blob_collect_garbage (XsStore *store, guint *out_removed, GError **error)
{
  g_autoptr (GHashTable) referenced = NULL;
  g_autofree char *root = g_file_get_path (xs_store_get_evidence_dir (store));
  g_autoptr (GPtrArray) removable = g_ptr_array_new_with_free_func (g_free);
  XsFsckReport counts = { 0 };
  guint removed = 0;
  Walk walk;

  /* Every writer stores its files inside its transaction, under the writer's lock: holding
   * that lock here, no file being added (an import's, an attachment's) can be taken for
   * garbage, and none is referenced by a transaction that has not committed. */
  if (!xs_store_begin (store, error))
    return FALSE;
  referenced = xs_store_dup_referenced_blobs (store, error);
  if (referenced == NULL)
    {
      xs_store_rollback (store);
      return FALSE;
    }
  walk.referenced = referenced;
  walk.report = &counts;
  walk.removable = removable;
  walk_store (root, count_unreferenced, &walk);

  for (guint i = 0; i < removable->len; i++)
    if (g_unlink (g_ptr_array_index (removable, i)) == 0)
      removed++;
  xs_store_rollback (store); /* nothing was written: the transaction only held the lock */
  if (out_removed != NULL)
    *out_removed = removed;
  return TRUE;
}
