/* xs-pg-store-reports.c — the PostgreSQL store's audit chain, meta values, integrity check
 * and the aggregates the unit report reads. The statements are SQLite's
 * (xs-sqlite-store-reports.c), in PostgreSQL's words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-audit.h"
#include "xs-pg-store-private.h"

/* The key of the advisory lock that makes the audit chain one chain ("audit" in ASCII). */
#define AUDIT_LOCK "478560449908"

static gboolean
insert_audit (XsPgStore *self, gint64 seq, const char *at, const XsAuditRecord *record,
              const char *prev_hash, const char *hash, GError **error)
{
  XsPgParams p = { 0 };

  xs_pg_int (&p, seq);
  xs_pg_text (&p, at);
  xs_pg_text (&p, record->actor);
  xs_pg_text (&p, record->action);
  xs_pg_text (&p, record->person_id);
  xs_pg_text (&p, record->target);
  xs_pg_text (&p, record->old_value);
  xs_pg_text (&p, record->new_value);
  xs_pg_text (&p, prev_hash);
  xs_pg_text (&p, hash);
  return xs_pg_do (self,
                   "INSERT INTO audit (seq, at, actor, action, person_id, target, old_value, "
                   "new_value, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                   &p, _ ("writing the audit trail"), NULL, error);
}

static gboolean
store_copy_audit_entry (XsStore *store, gint64 seq, const char *at, const XsAuditRecord *record,
                        const char *prev_hash, const char *hash, GError **error)
{
  return insert_audit (XS_PG_STORE (store), seq, at, record, prev_hash, hash, error);
}

static gboolean
store_append_audit (XsStore *store, const XsAuditRecord *record, GError **error)
{
  XsPgStore *self = XS_PG_STORE (store);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  g_autoptr (PGresult) last = NULL;
  gint64 seq = 1;

  /* Two clerks' writers would both read the same last entry and fork the chain: the lock,
   * held to the end of the transaction, makes them append one after the other. */
  if (!xs_pg_do (self, "SELECT pg_advisory_xact_lock (" AUDIT_LOCK ")", NULL,
                 _ ("writing the audit trail"), NULL, error))
    return FALSE;
  /* The tail may belong to a person this login does not see: the function reads past the
   * row-level security of xs_pg_store's schema 3. */
  last = xs_pg_run (self, "SELECT seq, hash FROM xs_audit_tail ()", NULL,
                    _ ("writing the audit trail"), error);
  if (last == NULL)
    return FALSE;
  if (PQntuples (last) > 0 && !PQgetisnull (last, 0, 0))
    {
      seq = xs_pg_get_int (last, 0, 0) + 1;
      prev_hash = xs_pg_dup (last, 0, 1);
    }
  if (prev_hash == NULL)
    prev_hash = g_strdup (XS_AUDIT_FIRST_HASH);

  hash = xs_audit_compute_hash (seq, at, record, prev_hash);
  return insert_audit (self, seq, at, record, prev_hash, hash, error);
}

typedef struct
{
  XsAuditRowFunc func;
  gpointer user_data;
} AuditWalk;

static gboolean
audit_row (PGresult *result, int row, gpointer user_data)
{
  AuditWalk *walk = user_data;
  XsAuditRecord record = {
    .actor = xs_pg_get (result, row, 2),
    .action = xs_pg_get (result, row, 3),
    .person_id = xs_pg_get (result, row, 4),
    .target = xs_pg_get (result, row, 5),
    .old_value = xs_pg_get (result, row, 6),
    .new_value = xs_pg_get (result, row, 7),
  };

  return walk->func (xs_pg_get_int (result, row, 0), xs_pg_get (result, row, 1), &record,
                     xs_pg_get (result, row, 8), xs_pg_get (result, row, 9), walk->user_data);
}

static gboolean
store_foreach_audit (XsStore *store, const char *person_id, XsAuditRowFunc func, gpointer user_data,
                     GError **error)
{
  AuditWalk walk = { func, user_data };
  XsPgParams p = { 0 };

  xs_pg_text (&p, person_id);
  return xs_pg_foreach_row (XS_PG_STORE (store),
                            "SELECT seq, at, actor, action, person_id, target, old_value, "
                            "new_value, prev_hash, hash FROM audit "
                            "WHERE $1::text IS NULL OR person_id = $1 ORDER BY seq",
                            &p, audit_row, &walk, _ ("reading the audit trail"), error);
}

static GHashTable *
store_dup_referenced_blobs (XsStore *store, GError **error)
{
  g_autoptr (PGresult) result = NULL;
  GHashTable *set;

  result = xs_pg_run (XS_PG_STORE (store), "SELECT DISTINCT sha256 FROM evidence", NULL,
                      _ ("listing evidence files"), error);
  if (result == NULL)
    return NULL;
  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (int row = 0; row < PQntuples (result); row++)
    g_hash_table_add (set, xs_pg_dup (result, row, 0));
  return set;
}

/* The server keeps its own files whole (and foreign keys hold by construction); what can go
 * wrong is a stored file whose chunks were edited or lost, which its checksum shows. */
static gboolean
store_check_integrity (XsStore *store, XsProblemFunc func, gpointer user_data, GError **error)
{
  g_autoptr (PGresult) result = NULL;

  result = xs_pg_run (XS_PG_STORE (store),
                      "SELECT b.sha256, coalesce (sum (length (c.data)), 0), b.size, "
                      "encode (sha256 (coalesce (string_agg (c.data, ''::bytea ORDER BY c.n), "
                      "''::bytea)), 'hex') FROM blobs b LEFT JOIN blob_chunks c "
                      "ON c.sha256 = b.sha256 GROUP BY b.sha256, b.size ORDER BY b.sha256",
                      NULL, _ ("checking the database"), error);
  if (result == NULL)
    return FALSE;
  for (int row = 0; row < PQntuples (result); row++)
    if (!g_str_equal (xs_pg_get (result, row, 0), xs_pg_get (result, row, 3)) ||
        xs_pg_get_int (result, row, 1) != xs_pg_get_int (result, row, 2))
      {
        g_autofree char *problem = g_strdup_printf (
            _ ("database: stored file %s was changed (its content now hashes to %s)"),
            xs_pg_get (result, row, 0), xs_pg_get (result, row, 3));
        func (problem, user_data);
      }
  return TRUE;
}

static gboolean
store_get_counts (XsStore *store, XsStoreCounts *counts, GError **error)
{
  g_autoptr (PGresult) result = NULL;

  result = xs_pg_run (XS_PG_STORE (store),
                      "SELECT (SELECT count (*) FROM units), (SELECT count (*) FROM persons), "
                      "(SELECT count (*) FROM activities), (SELECT count (*) FROM evidence)",
                      NULL, _ ("counting records"), error);
  if (result == NULL)
    return FALSE;
  counts->units = xs_pg_get_int (result, 0, 0);
  counts->persons = xs_pg_get_int (result, 0, 1);
  counts->activities = xs_pg_get_int (result, 0, 2);
  counts->evidence = xs_pg_get_int (result, 0, 3);
  return TRUE;
}

typedef struct
{
  XsYearTotalFunc func;
  gpointer user_data;
} TotalsWalk;

static gboolean
total_row (PGresult *result, int row, gpointer user_data)
{
  TotalsWalk *walk = user_data;
  XsYearTotal total = {
    .person_id = xs_pg_get (result, row, 0),
    .year = (guint)xs_pg_get_int (result, row, 1),
    .replaces_year = xs_pg_get_int (result, row, 3) != 0,
    .public_tenths = xs_pg_get_int (result, row, 4),
    .professional_tenths = xs_pg_get_int (result, row, 5),
    .activities = (guint)xs_pg_get_int (result, row, 6),
  };

  xs_status_from_string (xs_pg_get (result, row, 2), &total.status);
  return walk->func (&total, walk->user_data);
}

static gboolean
store_foreach_year_total (XsStore *store, XsYearTotalFunc func, gpointer user_data, GError **error)
{
  TotalsWalk walk = { func, user_data };

  return xs_pg_foreach_row (XS_PG_STORE (store),
                            "SELECT person_id, credit_year, status, credit_replaces, "
                            "sum (credit_public), sum (credit_professional), count (*) "
                            "FROM activities WHERE status != 'rejected' "
                            "AND credit_year IS NOT NULL AND deemed_from IS NULL "
                            "GROUP BY person_id, credit_year, status, credit_replaces "
                            /* SQLite's covering index hands the groups over in this order. */
                            "ORDER BY person_id, credit_year, status, credit_replaces",
                            NULL, total_row, &walk, _ ("summing hours"), error);
}

typedef struct
{
  XsDeemedFunc func;
  gpointer user_data;
} DeemedWalk;

static gboolean
deemed_row (PGresult *result, int row, gpointer user_data)
{
  DeemedWalk *walk = user_data;
  XsStatus status = XS_STATUS_PENDING;

  xs_status_from_string (xs_pg_get (result, row, 1), &status);
  return walk->func (xs_pg_get (result, row, 0), status, (guint)xs_pg_get_int (result, row, 2),
                     (guint)xs_pg_get_int (result, row, 3), walk->user_data);
}

static gboolean
store_foreach_deemed (XsStore *store, XsDeemedFunc func, gpointer user_data, GError **error)
{
  DeemedWalk walk = { func, user_data };

  return xs_pg_foreach_row (XS_PG_STORE (store),
                            "SELECT person_id, status, deemed_from, deemed_to FROM activities "
                            "WHERE deemed_from IS NOT NULL AND status != 'rejected'",
                            NULL, deemed_row, &walk, _ ("reading deemed years"), error);
}

typedef struct
{
  XsActivityFunc func;
  gpointer user_data;
} ActivityWalk;

static gboolean
activity_row (PGresult *result, int row, gpointer user_data)
{
  ActivityWalk *walk = user_data;
  g_autoptr (XsActivity) a = xs_activity_new ();

  a->id = xs_pg_dup (result, row, 0);
  a->person_id = xs_pg_dup (result, row, 1);
  a->kind = xs_pg_dup (result, row, 2);
  xs_status_from_string (xs_pg_get (result, row, 3), &a->status);
  xs_activity_set_params_string (a, xs_pg_get (result, row, 4));
  return walk->func (a, walk->user_data);
}

static gboolean
store_foreach_activity (XsStore *store, XsActivityFunc func, gpointer user_data, GError **error)
{
  ActivityWalk walk = { func, user_data };

  return xs_pg_foreach_row (XS_PG_STORE (store),
                            "SELECT id, person_id, kind, status, params FROM activities "
                            "ORDER BY seq",
                            NULL, activity_row, &walk, _ ("reading activities"), error);
}

static gboolean
store_update_credit (XsStore *store, const char *activity_id, const XsStoredCredit *credit,
                     GError **error)
{
  XsPgParams p = { 0 };

  xs_pg_text (&p, activity_id);
  xs_pg_int_or_null (&p, credit->year);
  xs_pg_int (&p, credit->public_tenths);
  xs_pg_int (&p, credit->professional_tenths);
  xs_pg_int_or_null (&p, credit->deemed_from);
  if (credit->deemed_from != 0)
    xs_pg_int (&p, credit->deemed_to);
  else
    xs_pg_text (&p, NULL);
  xs_pg_int (&p, credit->replaces_year);
  return xs_pg_do (XS_PG_STORE (store),
                   "UPDATE activities SET credit_year = $2, credit_public = $3, "
                   "credit_professional = $4, deemed_from = $5, deemed_to = $6, "
                   "credit_replaces = $7 WHERE id = $1",
                   &p, _ ("updating a credit"), NULL, error);
}

static char *
store_dup_meta (XsStore *store, const char *key, GError **error)
{
  g_autoptr (PGresult) result = NULL;
  XsPgParams p = { 0 };

  xs_pg_text (&p, key);
  result = xs_pg_run (XS_PG_STORE (store), "SELECT value FROM meta WHERE key = $1", &p,
                      _ ("reading a setting"), error);
  return result != NULL && PQntuples (result) > 0 ? xs_pg_dup (result, 0, 0) : NULL;
}

static gboolean
store_set_meta (XsStore *store, const char *key, const char *value, GError **error)
{
  XsPgParams p = { 0 };

  xs_pg_text (&p, key);
  xs_pg_text (&p, value);
  return xs_pg_do (XS_PG_STORE (store),
                   "INSERT INTO meta (key, value) VALUES ($1, $2) "
                   "ON CONFLICT (key) DO UPDATE SET value = $2",
                   &p, _ ("saving a setting"), NULL, error);
}

void
xs_pg_store_reports_init (XsStoreInterface *iface)
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
