/* xs-sqlite-store-texts.c — the SQLite store's texts read from evidence files (xs-ocr), and
 * where a file or a certificate number is used.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "xs-sqlite-store-private.h"

static gboolean
store_put_evidence_text (XsStore *store, const char *sha256, const char *text, const char *fields,
                         const char *certificate_number, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);
  sqlite3_stmt *stmt = xs_sqlite_statement (
      self,
      "INSERT INTO evidence_text (sha256, text, fields, certificate_number, read_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (sha256) DO UPDATE SET text = ?2, fields = ?3, "
      "certificate_number = ?4, read_at = ?5",
      error);

  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, sha256);
  xs_sqlite_bind_text (stmt, 2, text);
  xs_sqlite_bind_text (stmt, 3, fields);
  xs_sqlite_bind_text (stmt, 4, certificate_number);
  xs_sqlite_bind_text (stmt, 5, at);
  return xs_sqlite_step_done (self, stmt, _ ("keeping the text read from a scan"), error);
}

static char *
store_dup_evidence_text (XsStore *store, const char *sha256, char **out_fields, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      xs_sqlite_statement (self, "SELECT text, fields FROM evidence_text WHERE sha256 = ?1", error);
  char *text = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  xs_sqlite_bind_text (stmt, 1, sha256);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      text = xs_sqlite_column_dup (stmt, 0);
      if (out_fields != NULL)
        *out_fields = xs_sqlite_column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("reading the text of a scan"));
  return text;
}

static GPtrArray *
store_list_evidence_uses (XsStore *store, const char *sha256, const char *certificate_number,
                          GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = xs_sqlite_statement (
      self,
      "SELECT DISTINCT a.id, a.person_id, e.sha256 FROM evidence e "
      "JOIN activities a ON a.rowid = e.activity "
      "WHERE e.sha256 = ?1 OR e.sha256 IN "
      "(SELECT sha256 FROM evidence_text WHERE certificate_number = ?2) ORDER BY a.id, e.sha256",
      error);
  GPtrArray *uses;
  int rc;

  if (stmt == NULL)
    return NULL;
  xs_sqlite_bind_text (stmt, 1, sha256);
  xs_sqlite_bind_text (stmt, 2, certificate_number);
  uses = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_evidence_use_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XsEvidenceUse *use = g_new0 (XsEvidenceUse, 1);

      use->activity_id = xs_sqlite_column_dup (stmt, 0);
      use->person_id = xs_sqlite_column_dup (stmt, 1);
      use->sha256 = xs_sqlite_column_dup (stmt, 2);
      g_ptr_array_add (uses, use);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (uses);
      xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("listing evidence files"));
      return NULL;
    }
  return uses;
}

static GPtrArray *
store_search_evidence_text (XsStore *store, const char *words, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  /* instr, not LIKE: the words are matched as they are, % and _ included. */
  sqlite3_stmt *stmt = xs_sqlite_statement (
      self,
      "SELECT DISTINCT a.person_id FROM evidence_text t JOIN evidence e ON e.sha256 = t.sha256 "
      "JOIN activities a ON a.rowid = e.activity WHERE instr (t.text, ?1) > 0 "
      "ORDER BY a.person_id",
      error);
  GPtrArray *persons;
  int rc;

  if (stmt == NULL)
    return NULL;
  xs_sqlite_bind_text (stmt, 1, words);
  persons = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (persons, xs_sqlite_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (persons);
      xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("searching the text of scans"));
      return NULL;
    }
  return persons;
}

static GPtrArray *
store_list_unread_evidence (XsStore *store, guint limit, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = xs_sqlite_statement (
      self,
      "SELECT DISTINCT e.sha256 FROM evidence e WHERE NOT EXISTS "
      "(SELECT 1 FROM evidence_text t WHERE t.sha256 = e.sha256) ORDER BY e.sha256 LIMIT ?1",
      error);
  GPtrArray *files;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, limit);
  files = g_ptr_array_new_with_free_func (g_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (files, xs_sqlite_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (files);
      xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED,
                           _ ("listing the scans not read yet"));
      return NULL;
    }
  return files;
}

void
xs_sqlite_store_texts_init (XsStoreInterface *iface)
{
  iface->put_evidence_text = store_put_evidence_text;
  iface->dup_evidence_text = store_dup_evidence_text;
  iface->list_evidence_uses = store_list_evidence_uses;
  iface->search_evidence_text = store_search_evidence_text;
  iface->list_unread_evidence = store_list_unread_evidence;
}
