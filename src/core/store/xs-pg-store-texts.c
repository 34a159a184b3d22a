/* xs-pg-store-texts.c — the PostgreSQL store's texts read from evidence files, as
 * xs-sqlite-store-texts.c; row-level security shows a login only the texts of files it sees.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-pg-store-private.h"

static gboolean
store_put_evidence_text (XsStore *store, const char *sha256, const char *text, const char *fields,
                         const char *certificate_number, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format_iso8601 (now);
  XsPgParams p = { 0 };

  xs_pg_text (&p, sha256);
  xs_pg_text (&p, text);
  xs_pg_text (&p, fields);
  xs_pg_text (&p, certificate_number);
  xs_pg_text (&p, at);
  return xs_pg_do (XS_PG_STORE (store),
                   "INSERT INTO evidence_text (sha256, text, fields, certificate_number, read_at) "
                   "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO UPDATE SET text = $2, "
                   "fields = $3, certificate_number = $4, read_at = $5",
                   &p, _ ("keeping the text read from a scan"), NULL, error);
}

static char *
store_dup_evidence_text (XsStore *store, const char *sha256, char **out_fields, GError **error)
{
  g_autoptr (PGresult) result = NULL;
  XsPgParams p = { 0 };

  xs_pg_text (&p, sha256);
  result =
      xs_pg_run (XS_PG_STORE (store), "SELECT text, fields FROM evidence_text WHERE sha256 = $1",
                 &p, _ ("reading the text of a scan"), error);
  if (result == NULL || PQntuples (result) == 0)
    return NULL;
  if (out_fields != NULL)
    *out_fields = xs_pg_dup (result, 0, 1);
  return xs_pg_dup (result, 0, 0);
}

static GPtrArray *
store_list_evidence_uses (XsStore *store, const char *sha256, const char *certificate_number,
                          GError **error)
{
  g_autoptr (PGresult) result = NULL;
  XsPgParams p = { 0 };
  GPtrArray *uses;

  xs_pg_text (&p, sha256);
  xs_pg_text (&p, certificate_number);
  result = xs_pg_run (XS_PG_STORE (store),
                      "SELECT DISTINCT a.id, a.person_id, e.sha256 FROM evidence e "
                      "JOIN activities a ON a.seq = e.activity "
                      "WHERE e.sha256 = $1 OR e.sha256 IN "
                      "(SELECT sha256 FROM evidence_text WHERE certificate_number = $2) "
                      "ORDER BY a.id, e.sha256",
                      &p, _ ("listing evidence files"), error);
  if (result == NULL)
    return NULL;
  uses = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_evidence_use_free);
  for (int row = 0; row < PQntuples (result); row++)
    {
      XsEvidenceUse *use = g_new0 (XsEvidenceUse, 1);

      use->activity_id = xs_pg_dup (result, row, 0);
      use->person_id = xs_pg_dup (result, row, 1);
      use->sha256 = xs_pg_dup (result, row, 2);
      g_ptr_array_add (uses, use);
    }
  return uses;
}

static GPtrArray *
store_search_evidence_text (XsStore *store, const char *words, GError **error)
{
  g_autoptr (PGresult) result = NULL;
  XsPgParams p = { 0 };
  GPtrArray *persons;

  xs_pg_text (&p, words);
  /* strpos, not LIKE: the words are matched as they are, % and _ included. */
  result =
      xs_pg_run (XS_PG_STORE (store),
                 "SELECT DISTINCT a.person_id FROM evidence_text t "
                 "JOIN evidence e ON e.sha256 = t.sha256 JOIN activities a ON a.seq = e.activity "
                 "WHERE strpos (t.text, $1) > 0 ORDER BY a.person_id",
                 &p, _ ("searching the text of scans"), error);
  if (result == NULL)
    return NULL;
  persons = g_ptr_array_new_with_free_func (g_free);
  for (int row = 0; row < PQntuples (result); row++)
    g_ptr_array_add (persons, xs_pg_dup (result, row, 0));
  return persons;
}

static GPtrArray *
store_list_unread_evidence (XsStore *store, guint limit, GError **error)
{
  g_autoptr (PGresult) result = NULL;
  XsPgParams p = { 0 };
  GPtrArray *files;

  xs_pg_int (&p, limit);
  /* Row security: a login lists the files of the units it sees. */
  result = xs_pg_run (XS_PG_STORE (store),
                      "SELECT DISTINCT e.sha256 FROM evidence e WHERE NOT EXISTS "
                      "(SELECT 1 FROM evidence_text t WHERE t.sha256 = e.sha256) "
                      "ORDER BY e.sha256 LIMIT $1",
                      &p, _ ("listing the scans not read yet"), error);
  if (result == NULL)
    return NULL;
  files = g_ptr_array_new_with_free_func (g_free);
  for (int row = 0; row < PQntuples (result); row++)
    g_ptr_array_add (files, xs_pg_dup (result, row, 0));
  return files;
}

void
xs_pg_store_texts_init (XsStoreInterface *iface)
{
  iface->put_evidence_text = store_put_evidence_text;
  iface->dup_evidence_text = store_dup_evidence_text;
  iface->list_evidence_uses = store_list_evidence_uses;
  iface->search_evidence_text = store_search_evidence_text;
  iface->list_unread_evidence = store_list_unread_evidence;
}
