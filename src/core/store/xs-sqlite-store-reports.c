/* xs-sqlite-store-reports.c — the SQLite store's audit chain, meta values, integrity check
 * and the aggregates the unit report reads.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "xs-audit.h"
#include "xs-sqlite-store-private.h"

static gboolean
insert_audit (XsSqliteStore *self, gint64 seq, const char *at, const XsAuditRecord *record,
              const char *prev_hash, const char *hash, GError **error)
{
  sqlite3_stmt *stmt = xs_sqlite_statement (
      self,
      "INSERT INTO audit (seq, at, actor, action, person_id, target, old_value, "
      "new_value, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
      error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  xs_sqlite_bind_text (stmt, 2, at);
  xs_sqlite_bind_text (stmt, 3, record->actor);
  xs_sqlite_bind_text (stmt, 4, record->action);
  xs_sqlite_bind_text (stmt, 5, record->person_id);
  xs_sqlite_bind_text (stmt, 6, record->target);
  xs_sqlite_bind_text (stmt, 7, record->old_value);
  xs_sqlite_bind_text (stmt, 8, record->new_value);
  xs_sqlite_bind_text (stmt, 9, prev_hash);
  xs_sqlite_bind_text (stmt, 10, hash);
  return xs_sqlite_step_done (self, stmt, _ ("writing the audit trail"), error);
}

static gboolean
store_copy_audit_entry (XsStore *store, gint64 seq, const char *at, const XsAuditRecord *record,
                        const char *prev_hash, const char *hash, GError **error)
{
  return insert_audit (XS_SQLITE_STORE (store), seq, at, record, prev_hash, hash, error);
}

static gboolean
store_append_audit (XsStore *store, const XsAuditRecord *record, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  gint64 seq = 1;
  sqlite3_stmt *stmt;

  stmt = xs_sqlite_statement (self, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0) + 1;
      prev_hash = xs_sqlite_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (prev_hash == NULL)
    prev_hash = g_strdup (XS_AUDIT_FIRST_HASH);

  hash = xs_audit_compute_hash (seq, at, record, prev_hash);
  return insert_audit (self, seq, at, record, prev_hash, hash, error);
}

static gboolean
store_foreach_audit (XsStore *store, const char *person_id, XsAuditRowFunc func, gpointer user_data,
                     GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  int rc;

  stmt = xs_sqlite_statement (
      self,
      "SELECT seq, at, actor, action, person_id, target, old_value, new_value, "
      "prev_hash, hash FROM audit WHERE ?1 IS NULL OR person_id = ?1 ORDER BY seq",
      error);
  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XsAuditRecord record = {
        .actor = (const char *)sqlite3_column_text (stmt, 2),
        .action = (const char *)sqlite3_column_text (stmt, 3),
        .person_id = (const char *)sqlite3_column_text (stmt, 4),
        .target = (const char *)sqlite3_column_text (stmt, 5),
        .old_value = (const char *)sqlite3_column_text (stmt, 6),
        .new_value = (const char *)sqlite3_column_text (stmt, 7),
      };

      if (!func (sqlite3_column_int64 (stmt, 0), (const char *)sqlite3_column_text (stmt, 1),
                 &record, (const char *)sqlite3_column_text (stmt, 8),
                 (const char *)sqlite3_column_text (stmt, 9), user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("reading the audit trail"));
  return TRUE;
}

static GHashTable *
store_dup_referenced_blobs (XsStore *store, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = xs_sqlite_statement (self, "SELECT DISTINCT sha256 FROM evidence", error);
  GHashTable *set;
  int rc;

  if (stmt == NULL)
    return NULL;
  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set, xs_sqlite_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_hash_table_unref (set);
      xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("listing evidence files"));
      return NULL;
    }
  return set;
}

static gboolean
store_check_integrity (XsStore *store, XsProblemFunc func, gpointer user_data, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  int rc;

  stmt = xs_sqlite_statement (self, "PRAGMA integrity_check", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *row = (const char *)sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (row, "ok") != 0)
        {
          g_autofree char *problem = g_strdup_printf (_ ("database: %s"), row);
          func (problem, user_data);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("checking the database"));

  stmt = xs_sqlite_statement (self, "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *problem =
          g_strdup_printf (_ ("database: row %lld of %s refers to a missing row of %s"),
                           (long long)sqlite3_column_int64 (stmt, 1), sqlite3_column_text (stmt, 0),
                           sqlite3_column_text (stmt, 2));
      func (problem, user_data);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("checking the database"));
  return TRUE;
}

static gint64
count_rows (XsSqliteStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = xs_sqlite_statement (self, sql, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("counting records"));
  sqlite3_reset (stmt);
  return n;
}

static gboolean
store_get_counts (XsStore *store, XsStoreCounts *counts, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);

  counts->units = count_rows (self, "SELECT count(*) FROM units", error);
  if (counts->units < 0)
    return FALSE;
  counts->persons = count_rows (self, "SELECT count(*) FROM persons", error);
  if (counts->persons < 0)
    return FALSE;
  counts->activities = count_rows (self, "SELECT count(*) FROM activities", error);
  if (counts->activities < 0)
    return FALSE;
  counts->evidence = count_rows (self, "SELECT count(*) FROM evidence", error);
  return counts->evidence >= 0;
}

static gboolean
store_foreach_year_total (XsStore *store, XsYearTotalFunc func, gpointer user_data, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  int rc;

  stmt = xs_sqlite_statement (
      self,
      "SELECT person_id, credit_year, status, credit_replaces, sum (credit_public), "
      "sum (credit_professional), count (*) FROM activities "
      "WHERE status != 'rejected' AND credit_year IS NOT NULL "
      "AND deemed_from IS NULL "
      "GROUP BY person_id, credit_year, status, credit_replaces",
      error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XsYearTotal total = {
        .person_id = (const char *)sqlite3_column_text (stmt, 0),
        .year = (guint)sqlite3_column_int (stmt, 1),
        .replaces_year = sqlite3_column_int (stmt, 3) != 0,
        .public_tenths = sqlite3_column_int64 (stmt, 4),
        .professional_tenths = sqlite3_column_int64 (stmt, 5),
        .activities = (guint)sqlite3_column_int (stmt, 6),
      };

      xs_status_from_string ((const char *)sqlite3_column_text (stmt, 2), &total.status);
      if (!func (&total, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("summing hours"));
  return TRUE;
}

static gboolean
store_foreach_deemed (XsStore *store, XsDeemedFunc func, gpointer user_data, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  int rc;

  stmt = xs_sqlite_statement (self,
                              "SELECT person_id, status, deemed_from, deemed_to FROM activities "
                              "WHERE deemed_from IS NOT NULL AND status != 'rejected'",
                              error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XsStatus status = XS_STATUS_PENDING;

      xs_status_from_string ((const char *)sqlite3_column_text (stmt, 1), &status);
      if (!func ((const char *)sqlite3_column_text (stmt, 0), status,
                 (guint)sqlite3_column_int (stmt, 2), (guint)sqlite3_column_int (stmt, 3),
                 user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("reading deemed years"));
  return TRUE;
}

static gboolean
store_foreach_activity (XsStore *store, XsActivityFunc func, gpointer user_data, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  int rc;

  stmt = xs_sqlite_statement (
      self, "SELECT id, person_id, kind, status, params FROM activities ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (XsActivity) a = xs_activity_new ();

      a->id = xs_sqlite_column_dup (stmt, 0);
      a->person_id = xs_sqlite_column_dup (stmt, 1);
      a->kind = xs_sqlite_column_dup (stmt, 2);
      xs_status_from_string ((const char *)sqlite3_column_text (stmt, 3), &a->status);
      xs_activity_set_params_string (a, (const char *)sqlite3_column_text (stmt, 4));
      if (!func (a, user_data))
        {
          rc = SQLITE_DONE;
          break;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("reading activities"));
  return TRUE;
}

static gboolean
store_update_credit (XsStore *store, const char *activity_id, const XsStoredCredit *credit,
                     GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      xs_sqlite_statement (self,
                           "UPDATE activities SET credit_year = ?2, credit_public = ?3, "
                           "credit_professional = ?4, deemed_from = ?5, deemed_to = ?6, "
                           "credit_replaces = ?7 WHERE id = ?1",
                           error);

  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, activity_id);
  if (credit->year != 0)
    sqlite3_bind_int (stmt, 2, (int)credit->year);
  sqlite3_bind_int64 (stmt, 3, credit->public_tenths);
  sqlite3_bind_int64 (stmt, 4, credit->professional_tenths);
  if (credit->deemed_from != 0)
    {
      sqlite3_bind_int (stmt, 5, (int)credit->deemed_from);
      sqlite3_bind_int (stmt, 6, (int)credit->deemed_to);
    }
  sqlite3_bind_int (stmt, 7, credit->replaces_year);
  return xs_sqlite_step_done (self, stmt, _ ("updating a credit"), error);
}

static char *
store_dup_meta (XsStore *store, const char *key, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = xs_sqlite_statement (self, "SELECT value FROM meta WHERE key = ?1", error);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  xs_sqlite_bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = xs_sqlite_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
store_set_meta (XsStore *store, const char *key, const char *value, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = xs_sqlite_statement (
      self,
      "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
      error);

  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, key);
  xs_sqlite_bind_text (stmt, 2, value);
  return xs_sqlite_step_done (self, stmt, _ ("saving a setting"), error);
}

void
xs_sqlite_store_reports_init (XsStoreInterface *iface)
{
  iface->get_counts = store_get_counts;
  iface->foreach_year_total = store_foreach_year_total;
  iface->foreach_deemed = store_foreach_deemed;
  iface->foreach_activity = store_foreach_activity;
  iface->update_credit = store_update_credit;
  iface->dup_meta = store_dup_meta;
  iface->set_meta = store_set_meta;
  iface->append_audit = store_append_audit;
  iface->copy_audit_entry = store_copy_audit_entry;
  iface->foreach_audit = store_foreach_audit;
  iface->dup_referenced_blobs = store_dup_referenced_blobs;
  iface->check_integrity = store_check_integrity;
}
