/* xs-sqlite-store-records.c — the SQLite store's records: units, persons, activities with
 * their evidence and reviews, and the verification round's decisions.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "xs-audit.h"
#include "xs-sqlite-store-private.h"

static gboolean
store_put_unit (XsStore *store, const XsUnit *unit, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      xs_sqlite_statement (self,
                           "INSERT INTO units (id, category, name, supervisor, region) "
                           "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET "
                           "category = ?2, name = ?3, supervisor = ?4, region = ?5",
                           error);
  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, unit->id);
  xs_sqlite_bind_text (stmt, 2, unit->category);
  xs_sqlite_bind_text (stmt, 3, unit->name);
  xs_sqlite_bind_text (stmt, 4, unit->supervisor);
  xs_sqlite_bind_text (stmt, 5, unit->region);
  return xs_sqlite_step_done (self, stmt, _ ("saving a unit"), error);
}

static gboolean
store_put_person (XsStore *store, const XsPerson *p, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt;

  stmt = xs_sqlite_statement (
      self,
      "INSERT INTO persons (id, unit_id, name, gender, id_number, current_title, "
      "applying_title, specialty, span_from, span_to) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (id) DO UPDATE "
      "SET unit_id = ?2, name = ?3, gender = ?4, id_number = ?5, current_title = ?6, "
      "applying_title = ?7, specialty = ?8, span_from = ?9, span_to = ?10 "
      "WHERE ?11 IS NULL OR persons.version = ?11",
      error);
  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, p->id);
  xs_sqlite_bind_text (stmt, 2, p->unit_id);
  xs_sqlite_bind_text (stmt, 3, p->name);
  xs_sqlite_bind_text (stmt, 4, p->gender);
  xs_sqlite_bind_text (stmt, 5, p->id_number);
  xs_sqlite_bind_text (stmt, 6, p->current_title);
  xs_sqlite_bind_text (stmt, 7, p->applying_title);
  xs_sqlite_bind_text (stmt, 8, p->specialty);
  if (p->span_from != 0)
    {
      sqlite3_bind_int (stmt, 9, (int)p->span_from);
      sqlite3_bind_int (stmt, 10, (int)p->span_to);
    }
  if (p->version != 0)
    sqlite3_bind_int64 (stmt, 11, p->version);
  if (!xs_sqlite_step_done (self, stmt, _ ("saving a person"), error))
    return FALSE;
  if (p->version != 0 && sqlite3_changes (self->db) == 0)
    return xs_store_set_stale_error (error, p->id);
  return TRUE;
}

static gboolean
store_replace_person (XsStore *store, const XsPerson *p, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt;

  /* Activities go with the person (ON DELETE CASCADE), evidence and reviews with them. */
  stmt = xs_sqlite_statement (self, "DELETE FROM activities WHERE person_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, p->id);
  if (!xs_sqlite_step_done (self, stmt, _ ("replacing a person"), error))
    return FALSE;
  return store_put_person (store, p, error);
}

static gboolean
store_add_activity (XsStore *store, const XsActivity *a, const XsStoredCredit *credit,
                    GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  g_autofree char *params = xs_activity_dup_params_string (a);
  sqlite3_int64 rowid;

  stmt =
      xs_sqlite_statement (self,
                           "INSERT INTO activities (id, person_id, kind, status, title, organizer, "
                           "params, credit_year, credit_public, credit_professional, deemed_from, "
                           "deemed_to, credit_replaces) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                           error);
  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, a->id);
  xs_sqlite_bind_text (stmt, 2, a->person_id);
  xs_sqlite_bind_text (stmt, 3, a->kind);
  xs_sqlite_bind_text (stmt, 4, xs_status_to_string (a->status));
  xs_sqlite_bind_text (stmt, 5, a->title);
  xs_sqlite_bind_text (stmt, 6, a->organizer);
  xs_sqlite_bind_text (stmt, 7, params);
  if (credit != NULL && credit->year != 0)
    sqlite3_bind_int (stmt, 8, (int)credit->year);
  sqlite3_bind_int64 (stmt, 9, credit ? credit->public_tenths : 0);
  sqlite3_bind_int64 (stmt, 10, credit ? credit->professional_tenths : 0);
  if (credit != NULL && credit->deemed_from != 0)
    {
      sqlite3_bind_int (stmt, 11, (int)credit->deemed_from);
      sqlite3_bind_int (stmt, 12, (int)credit->deemed_to);
    }
  sqlite3_bind_int (stmt, 13, credit != NULL && credit->replaces_year);
  if (!xs_sqlite_step_done (self, stmt, _ ("saving an activity"), error))
    return FALSE;
  rowid = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; i < a->evidence->len; i++)
    {
      const XsEvidence *e = g_ptr_array_index (a->evidence, i);

      stmt =
          xs_sqlite_statement (self,
                               "INSERT INTO evidence (activity, material, sha256, file_name, size) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      xs_sqlite_bind_text (stmt, 2, e->material);
      xs_sqlite_bind_text (stmt, 3, e->sha256);
      xs_sqlite_bind_text (stmt, 4, e->file_name);
      sqlite3_bind_int64 (stmt, 5, e->size);
      if (!xs_sqlite_step_done (self, stmt, _ ("saving an evidence reference"), error))
        return FALSE;
    }

  for (guint i = 0; i < a->reviews->len; i++)
    {
      const XsReview *r = g_ptr_array_index (a->reviews, i);

      stmt =
          xs_sqlite_statement (self,
                               "INSERT INTO reviews (activity, reviewer, date, decision, reason) "
                               "VALUES (?1, ?2, ?3, ?4, ?5)",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      xs_sqlite_bind_text (stmt, 2, r->reviewer);
      xs_sqlite_bind_text (stmt, 3, r->date);
      xs_sqlite_bind_text (stmt, 4, xs_status_to_string (r->decision));
      xs_sqlite_bind_text (stmt, 5, r->reason ? r->reason : "");
      if (!xs_sqlite_step_done (self, stmt, _ ("saving a review"), error))
        return FALSE;
    }
  return TRUE;
}

static char *
store_dup_activity_owner (XsStore *store, const char *activity_id, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      xs_sqlite_statement (self, "SELECT person_id FROM activities WHERE id = ?1", error);
  char *owner = NULL;

  if (stmt == NULL)
    return NULL;
  xs_sqlite_bind_text (stmt, 1, activity_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    owner = xs_sqlite_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return owner;
}

static XsUnit *
store_get_unit (XsStore *store, const char *id, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = xs_sqlite_statement (
      self, "SELECT id, category, name, supervisor, region FROM units WHERE id = ?1", error);
  XsUnit *unit = NULL;

  if (stmt == NULL)
    return NULL;
  xs_sqlite_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      unit = xs_unit_new ();
      unit->id = xs_sqlite_column_dup (stmt, 0);
      unit->category = xs_sqlite_column_dup (stmt, 1);
      unit->name = xs_sqlite_column_dup (stmt, 2);
      unit->supervisor = xs_sqlite_column_dup (stmt, 3);
      unit->region = xs_sqlite_column_dup (stmt, 4);
    }
  else
    g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND, _ ("No unit with id “%s”"), id);
  sqlite3_reset (stmt);
  return unit;
}

static GPtrArray *
store_list_units (XsStore *store, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = xs_sqlite_statement (
      self, "SELECT id, category, name, supervisor, region FROM units ORDER BY id", error);
  GPtrArray *units;

  if (stmt == NULL)
    return NULL;
  units = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_unit_unref);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      XsUnit *unit = xs_unit_new ();

      unit->id = xs_sqlite_column_dup (stmt, 0);
      unit->category = xs_sqlite_column_dup (stmt, 1);
      unit->name = xs_sqlite_column_dup (stmt, 2);
      unit->supervisor = xs_sqlite_column_dup (stmt, 3);
      unit->region = xs_sqlite_column_dup (stmt, 4);
      g_ptr_array_add (units, unit);
    }
  sqlite3_reset (stmt);
  return units;
}

static gboolean
store_add_round_event (XsStore *store, const XsRoundEvent *e, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      xs_sqlite_statement (self,
                           "INSERT INTO round_events (person_id, year, stage, decision, "
                           "reviewer, date, opinion, override) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                           error);

  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, e->person_id);
  sqlite3_bind_int (stmt, 2, (int)e->year);
  xs_sqlite_bind_text (stmt, 3, e->stage);
  xs_sqlite_bind_text (stmt, 4, e->decision);
  xs_sqlite_bind_text (stmt, 5, e->reviewer);
  xs_sqlite_bind_text (stmt, 6, e->date);
  xs_sqlite_bind_text (stmt, 7, e->opinion);
  xs_sqlite_bind_text (stmt, 8, e->override);
  return xs_sqlite_step_done (self, stmt, _ ("saving a review of the round"), error);
}

static GPtrArray *
store_list_round_events (XsStore *store, const char *person_id, guint year, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      person_id != NULL
          ? xs_sqlite_statement (
                self,
                "SELECT person_id, year, stage, decision, reviewer, date, opinion, "
                "override FROM round_events WHERE person_id = ?1 AND (?2 = 0 OR year = ?2) "
                "ORDER BY year, rowid",
                error)
          : xs_sqlite_statement (
                self,
                "SELECT person_id, year, stage, decision, reviewer, date, opinion, "
                "override FROM round_events WHERE year = ?2 ORDER BY person_id, rowid",
                error);
  GPtrArray *events;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (person_id != NULL)
    xs_sqlite_bind_text (stmt, 1, person_id);
  sqlite3_bind_int (stmt, 2, (int)year);
  events = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_round_event_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XsRoundEvent *e = g_new0 (XsRoundEvent, 1);

      e->person_id = xs_sqlite_column_dup (stmt, 0);
      e->year = (guint)sqlite3_column_int (stmt, 1);
      e->stage = xs_sqlite_column_dup (stmt, 2);
      e->decision = xs_sqlite_column_dup (stmt, 3);
      e->reviewer = xs_sqlite_column_dup (stmt, 4);
      e->date = xs_sqlite_column_dup (stmt, 5);
      e->opinion = xs_sqlite_column_dup (stmt, 6);
      e->override = xs_sqlite_column_dup (stmt, 7);
      g_ptr_array_add (events, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (events);
      xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("reading the round"));
      return NULL;
    }
  return events;
}

#define PERSON_COLUMNS                                                                             \
  "id, unit_id, name, gender, id_number, current_title, applying_title, specialty, span_from, "    \
  "span_to, version"

static XsPerson *
person_from_row (sqlite3_stmt *stmt)
{
  XsPerson *p = xs_person_new ();

  p->id = xs_sqlite_column_dup (stmt, 0);
  p->unit_id = xs_sqlite_column_dup (stmt, 1);
  p->name = xs_sqlite_column_dup (stmt, 2);
  p->gender = xs_sqlite_column_dup (stmt, 3);
  p->id_number = xs_sqlite_column_dup (stmt, 4);
  p->current_title = xs_sqlite_column_dup (stmt, 5);
  p->applying_title = xs_sqlite_column_dup (stmt, 6);
  p->specialty = xs_sqlite_column_dup (stmt, 7);
  p->span_from = (guint)sqlite3_column_int (stmt, 8);
  p->span_to = (guint)sqlite3_column_int (stmt, 9);
  p->version = sqlite3_column_int64 (stmt, 10);
  return p;
}

static XsPerson *
store_get_person (XsStore *store, const char *id, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      xs_sqlite_statement (self, "SELECT " PERSON_COLUMNS " FROM persons WHERE id = ?1", error);
  XsPerson *p = NULL;

  if (stmt == NULL)
    return NULL;
  xs_sqlite_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    p = person_from_row (stmt);
  else
    g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND, _ ("No person with id “%s”"), id);
  sqlite3_reset (stmt);
  return p;
}

static GPtrArray *
store_list_persons (XsStore *store, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      xs_sqlite_statement (self, "SELECT " PERSON_COLUMNS " FROM persons ORDER BY id", error);
  GPtrArray *persons;
  int rc;

  if (stmt == NULL)
    return NULL;
  persons = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_person_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (persons, person_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (persons);
      xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("listing persons"));
      return NULL;
    }
  return persons;
}

static GPtrArray *
store_list_activities (XsStore *store, const char *person_id, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  g_autoptr (GHashTable) by_rowid = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GArray) rowids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *activities = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_activity_unref);
  sqlite3_stmt *stmt;
  int rc;

  stmt =
      xs_sqlite_statement (self,
                           "SELECT rowid, id, person_id, kind, status, title, organizer, params, "
                           "version FROM activities WHERE person_id = ?1 ORDER BY rowid",
                           error);
  if (stmt == NULL)
    goto failed;
  xs_sqlite_bind_text (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XsActivity *a = xs_activity_new ();
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      a->id = xs_sqlite_column_dup (stmt, 1);
      a->person_id = xs_sqlite_column_dup (stmt, 2);
      a->kind = xs_sqlite_column_dup (stmt, 3);
      xs_status_from_string ((const char *)sqlite3_column_text (stmt, 4), &a->status);
      a->title = xs_sqlite_column_dup (stmt, 5);
      a->organizer = xs_sqlite_column_dup (stmt, 6);
      xs_activity_set_params_string (a, (const char *)sqlite3_column_text (stmt, 7));
      a->version = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (activities, a);
      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_failed;

  for (guint i = 0; i < rowids->len; i++)
    g_hash_table_insert (by_rowid, &g_array_index (rowids, gint64, i),
                         g_ptr_array_index (activities, i));

  stmt = xs_sqlite_statement (
      self,
      "SELECT e.activity, e.material, e.sha256, e.file_name, e.size FROM evidence e "
      "JOIN activities a ON a.rowid = e.activity WHERE a.person_id = ?1 "
      "ORDER BY e.rowid",
      error);
  if (stmt == NULL)
    goto failed;
  xs_sqlite_bind_text (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      XsActivity *a = g_hash_table_lookup (by_rowid, &rowid);

      if (a != NULL)
        xs_activity_add_evidence (a, (const char *)sqlite3_column_text (stmt, 1),
                                  (const char *)sqlite3_column_text (stmt, 2),
                                  (const char *)sqlite3_column_text (stmt, 3),
                                  sqlite3_column_int64 (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_failed;

  stmt = xs_sqlite_statement (
      self,
      "SELECT r.activity, r.reviewer, r.date, r.decision, r.reason FROM reviews r "
      "JOIN activities a ON a.rowid = r.activity WHERE a.person_id = ?1 "
      "ORDER BY r.rowid",
      error);
  if (stmt == NULL)
    goto failed;
  xs_sqlite_bind_text (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 rowid = sqlite3_column_int64 (stmt, 0);
      XsActivity *a = g_hash_table_lookup (by_rowid, &rowid);
      XsStatus decision = XS_STATUS_PENDING;

      xs_status_from_string ((const char *)sqlite3_column_text (stmt, 3), &decision);
      if (a != NULL)
        xs_activity_add_review (a, (const char *)sqlite3_column_text (stmt, 1),
                                (const char *)sqlite3_column_text (stmt, 2), decision,
                                (const char *)sqlite3_column_text (stmt, 4));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_failed;

  return activities;

sql_failed:
  xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("reading activities"));
failed:
  g_ptr_array_unref (activities);
  return NULL;
}

static XsActivity *
store_get_activity (XsStore *store, const char *id, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  g_autofree char *person_id = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  sqlite3_stmt *stmt =
      xs_sqlite_statement (self, "SELECT person_id FROM activities WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  xs_sqlite_bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    person_id = xs_sqlite_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (person_id == NULL)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND, _ ("No activity with id “%s”"),
                   id);
      return NULL;
    }

  /* A person has tens of activities: reading them all keeps one loader for both paths. */
  activities = store_list_activities (store, person_id, error);
  for (guint i = 0; activities != NULL && i < activities->len; i++)
    {
      XsActivity *a = g_ptr_array_index (activities, i);
      if (g_str_equal (a->id, id))
        return xs_activity_ref (a);
    }
  if (activities != NULL)
    g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND, _ ("No activity with id “%s”"),
                 id);
  return NULL;
}

static gboolean
store_update_activity (XsStore *store, const XsActivity *a, const XsStoredCredit *credit,
                       GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  g_autofree char *params = xs_activity_dup_params_string (a);
  sqlite3_stmt *stmt = xs_sqlite_statement (
      self,
      "UPDATE activities SET kind = ?2, status = ?3, title = ?4, organizer = ?5, params = ?6, "
      "credit_year = ?7, credit_public = ?8, credit_professional = ?9, deemed_from = ?10, "
      "deemed_to = ?11, credit_replaces = ?12 WHERE id = ?1 AND (?13 IS NULL OR version = ?13)",
      error);

  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, a->id);
  xs_sqlite_bind_text (stmt, 2, a->kind);
  xs_sqlite_bind_text (stmt, 3, xs_status_to_string (a->status));
  xs_sqlite_bind_text (stmt, 4, a->title);
  xs_sqlite_bind_text (stmt, 5, a->organizer);
  xs_sqlite_bind_text (stmt, 6, params);
  if (credit->year != 0)
    sqlite3_bind_int (stmt, 7, (int)credit->year);
  sqlite3_bind_int64 (stmt, 8, credit->public_tenths);
  sqlite3_bind_int64 (stmt, 9, credit->professional_tenths);
  if (credit->deemed_from != 0)
    {
      sqlite3_bind_int (stmt, 10, (int)credit->deemed_from);
      sqlite3_bind_int (stmt, 11, (int)credit->deemed_to);
    }
  sqlite3_bind_int (stmt, 12, credit->replaces_year);
  if (a->version != 0)
    sqlite3_bind_int64 (stmt, 13, a->version);
  if (!xs_sqlite_step_done (self, stmt, _ ("updating an activity"), error))
    return FALSE;
  if (a->version != 0 && sqlite3_changes (self->db) == 0)
    return xs_store_set_stale_error (error, a->id);
  return xs_sqlite_changed_one_row (self, _ ("activity"), a->id, error);
}

static gboolean
store_delete_activity (XsStore *store, const char *id, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = xs_sqlite_statement (self, "DELETE FROM activities WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, id);
  if (!xs_sqlite_step_done (self, stmt, _ ("deleting an activity"), error))
    return FALSE;
  return xs_sqlite_changed_one_row (self, _ ("activity"), id, error);
}

static gboolean
store_delete_person (XsStore *store, const char *id, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  /* Activities go with the person (ON DELETE CASCADE), evidence and reviews with them. */
  sqlite3_stmt *stmt = xs_sqlite_statement (self, "DELETE FROM persons WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, id);
  if (!xs_sqlite_step_done (self, stmt, _ ("deleting a person"), error))
    return FALSE;
  return xs_sqlite_changed_one_row (self, _ ("person"), id, error);
}

static gboolean
store_add_evidence (XsStore *store, const char *activity_id, const XsEvidence *e, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      xs_sqlite_statement (self,
                           "INSERT INTO evidence (activity, material, sha256, file_name, size) "
                           "SELECT rowid, ?2, ?3, ?4, ?5 FROM activities WHERE id = ?1",
                           error);

  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, activity_id);
  xs_sqlite_bind_text (stmt, 2, e->material);
  xs_sqlite_bind_text (stmt, 3, e->sha256);
  xs_sqlite_bind_text (stmt, 4, e->file_name);
  sqlite3_bind_int64 (stmt, 5, e->size);
  if (!xs_sqlite_step_done (self, stmt, _ ("saving an evidence reference"), error))
    return FALSE;
  return xs_sqlite_changed_one_row (self, _ ("activity"), activity_id, error);
}

static gboolean
store_remove_evidence (XsStore *store, const char *activity_id, const char *sha256,
                       const char *material, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = xs_sqlite_statement (
      self,
      "DELETE FROM evidence WHERE rowid = (SELECT e.rowid FROM evidence e JOIN activities a "
      "ON a.rowid = e.activity WHERE a.id = ?1 AND e.sha256 = ?2 AND e.material = ?3 LIMIT 1)",
      error);

  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, activity_id);
  xs_sqlite_bind_text (stmt, 2, sha256);
  xs_sqlite_bind_text (stmt, 3, material);
  if (!xs_sqlite_step_done (self, stmt, _ ("removing an evidence reference"), error))
    return FALSE;
  return xs_sqlite_changed_one_row (self, _ ("evidence file"), sha256, error);
}

static gboolean
store_retag_evidence (XsStore *store, const char *activity_id, const char *sha256,
                      const char *old_material, const char *new_material, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = xs_sqlite_statement (
      self,
      "UPDATE evidence SET material = ?4 WHERE rowid = (SELECT e.rowid FROM evidence e JOIN "
      "activities a ON a.rowid = e.activity WHERE a.id = ?1 AND e.sha256 = ?2 AND "
      "e.material = ?3 LIMIT 1)",
      error);

  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, activity_id);
  xs_sqlite_bind_text (stmt, 2, sha256);
  xs_sqlite_bind_text (stmt, 3, old_material);
  xs_sqlite_bind_text (stmt, 4, new_material);
  if (!xs_sqlite_step_done (self, stmt, _ ("tagging an evidence file"), error))
    return FALSE;
  return xs_sqlite_changed_one_row (self, _ ("evidence file"), sha256, error);
}

static gboolean
store_add_review (XsStore *store, const char *activity_id, const XsReview *r, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      xs_sqlite_statement (self, "UPDATE activities SET status = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, activity_id);
  xs_sqlite_bind_text (stmt, 2, xs_status_to_string (r->decision));
  if (!xs_sqlite_step_done (self, stmt, _ ("recording a review"), error) ||
      !xs_sqlite_changed_one_row (self, _ ("activity"), activity_id, error))
    return FALSE;

  stmt = xs_sqlite_statement (self,
                              "INSERT INTO reviews (activity, reviewer, date, decision, reason) "
                              "SELECT rowid, ?2, ?3, ?4, ?5 FROM activities WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  xs_sqlite_bind_text (stmt, 1, activity_id);
  xs_sqlite_bind_text (stmt, 2, r->reviewer);
  xs_sqlite_bind_text (stmt, 3, r->date);
  xs_sqlite_bind_text (stmt, 4, xs_status_to_string (r->decision));
  xs_sqlite_bind_text (stmt, 5, r->reason ? r->reason : "");
  return xs_sqlite_step_done (self, stmt, _ ("recording a review"), error);
}

void
xs_sqlite_store_records_init (XsStoreInterface *iface)
{
  iface->put_unit = store_put_unit;
  iface->replace_person = store_replace_person;
  iface->put_person = store_put_person;
  iface->add_activity = store_add_activity;
  iface->dup_activity_owner = store_dup_activity_owner;
  iface->get_unit = store_get_unit;
  iface->get_person = store_get_person;
  iface->list_persons = store_list_persons;
  iface->list_activities = store_list_activities;
  iface->get_activity = store_get_activity;
  iface->update_activity = store_update_activity;
  iface->delete_activity = store_delete_activity;
  iface->delete_person = store_delete_person;
  iface->list_units = store_list_units;
  iface->add_round_event = store_add_round_event;
  iface->list_round_events = store_list_round_events;
  iface->add_evidence = store_add_evidence;
  iface->remove_evidence = store_remove_evidence;
  iface->retag_evidence = store_retag_evidence;
  iface->add_review = store_add_review;
}
