/* xs-pg-store-records.c — the PostgreSQL store's records: units, persons, activities with
 * their evidence and reviews, and the verification round's decisions. The statements are
 * SQLite's (xs-sqlite-store-records.c), in PostgreSQL's words.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-pg-store-private.h"

static gboolean
store_put_unit (XsStore *store, const XsUnit *unit, GError **error)
{
  XsPgParams p = { 0 };

  xs_pg_text (&p, unit->id);
  xs_pg_text (&p, unit->category);
  xs_pg_text (&p, unit->name);
  xs_pg_text (&p, unit->supervisor);
  xs_pg_text (&p, unit->region);
  return xs_pg_do (XS_PG_STORE (store),
                   "INSERT INTO units (id, category, name, supervisor, region) "
                   "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (id) DO UPDATE SET "
                   "category = $2, name = $3, supervisor = $4, region = $5",
                   &p, _ ("saving a unit"), NULL, error);
}

static gboolean
store_put_person (XsStore *store, const XsPerson *person, GError **error)
{
  XsPgParams p = { 0 };
  gint64 changed = 0;

  xs_pg_text (&p, person->id);
  xs_pg_text (&p, person->unit_id);
  xs_pg_text (&p, person->name);
  xs_pg_text (&p, person->gender);
  xs_pg_text (&p, person->id_number);
  xs_pg_text (&p, person->current_title);
  xs_pg_text (&p, person->applying_title);
  xs_pg_text (&p, person->specialty);
  if (person->span_from != 0)
    {
      xs_pg_int (&p, person->span_from);
      xs_pg_int (&p, person->span_to);
    }
  else
    {
      xs_pg_text (&p, NULL);
      xs_pg_text (&p, NULL);
    }
  xs_pg_int_or_null (&p, person->version);
  if (!xs_pg_do (XS_PG_STORE (store),
                 "INSERT INTO persons (id, unit_id, name, gender, id_number, current_title, "
                 "applying_title, specialty, span_from, span_to) "
                 "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO UPDATE "
                 "SET unit_id = $2, name = $3, gender = $4, id_number = $5, current_title = $6, "
                 "applying_title = $7, specialty = $8, span_from = $9, span_to = $10 "
                 "WHERE $11::bigint IS NULL OR persons.version = $11::bigint",
                 &p, _ ("saving a person"), &changed, error))
    return FALSE;
  if (person->version != 0 && changed == 0)
    return xs_store_set_stale_error (error, person->id);
  return TRUE;
}

static gboolean
store_replace_person (XsStore *store, const XsPerson *person, GError **error)
{
  XsPgParams p = { 0 };

  /* Activities go with the person (ON DELETE CASCADE), evidence and reviews with them. */
  xs_pg_text (&p, person->id);
  if (!xs_pg_do (XS_PG_STORE (store), "DELETE FROM activities WHERE person_id = $1", &p,
                 _ ("replacing a person"), NULL, error))
    return FALSE;
  return store_put_person (store, person, error);
}

static void
add_credit_params (XsPgParams *p, const XsStoredCredit *credit)
{
  xs_pg_int_or_null (p, credit ? credit->year : 0);
  xs_pg_int (p, credit ? credit->public_tenths : 0);
  xs_pg_int (p, credit ? credit->professional_tenths : 0);
  if (credit != NULL && credit->deemed_from != 0)
    {
      xs_pg_int (p, credit->deemed_from);
      xs_pg_int (p, credit->deemed_to);
    }
  else
    {
      xs_pg_text (p, NULL);
      xs_pg_text (p, NULL);
    }
  xs_pg_int (p, credit != NULL && credit->replaces_year);
}

/* An activity goes to the server with its evidence and reviews in one statement (the lists
 * as arrays): an import of a city is a round trip per activity, not one per row. */
static const char add_activity_sql[] =
  "WITH a AS (INSERT INTO activities (id, person_id, kind, status, title, organizer, params, "
  "  credit_year, credit_public, credit_professional, deemed_from, deemed_to, credit_replaces) "
  "  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING seq), "
  "e AS (INSERT INTO evidence (activity, material, sha256, file_name, size) "
  "  SELECT a.seq, t.material, t.sha256, t.file_name, t.size FROM a, "
  "  unnest ($14::text[], $15::text[], $16::text[], $17::bigint[]) "
  "  WITH ORDINALITY AS t (material, sha256, file_name, size, n) ORDER BY t.n), "
  "r AS (INSERT INTO reviews (activity, reviewer, date, decision, reason) "
  "  SELECT a.seq, t.reviewer, t.date, t.decision, t.reason FROM a, "
  "  unnest ($18::text[], $19::text[], $20::text[], $21::text[]) "
  "  WITH ORDINALITY AS t (reviewer, date, decision, reason, n) ORDER BY t.n) "
  "SELECT seq FROM a";

static gboolean
store_add_activity (XsStore *store, const XsActivity *a, const XsStoredCredit *credit,
                    GError **error)
{
  XsPgStore *self = XS_PG_STORE (store);
  g_autofree char *params = xs_activity_dup_params_string (a);
  g_autoptr (PGresult) inserted = NULL;
  g_autoptr (GString) materials = g_string_new ("{");
  g_autoptr (GString) sha256s = g_string_new ("{");
  g_autoptr (GString) file_names = g_string_new ("{");
  g_autoptr (GString) sizes = g_string_new ("{");
  g_autoptr (GString) reviewers = g_string_new ("{");
  g_autoptr (GString) dates = g_string_new ("{");
  g_autoptr (GString) decisions = g_string_new ("{");
  g_autoptr (GString) reasons = g_string_new ("{");
  XsPgParams p = { 0 };

  for (guint i = 0; i < a->evidence->len; i++)
    {
      const XsEvidence *e = g_ptr_array_index (a->evidence, i);
      char size[24];

      if (!xs_pg_keep_blob (self, e->sha256, error))
        return FALSE;
      g_snprintf (size, sizeof size, "%" G_GINT64_FORMAT, (gint64)e->size);
      xs_pg_array_add (materials, e->material);
      xs_pg_array_add (sha256s, e->sha256);
      xs_pg_array_add (file_names, e->file_name);
      xs_pg_array_add (sizes, size);
    }
  for (guint i = 0; i < a->reviews->len; i++)
    {
      const XsReview *r = g_ptr_array_index (a->reviews, i);

      xs_pg_array_add (reviewers, r->reviewer);
      xs_pg_array_add (dates, r->date);
      xs_pg_array_add (decisions, xs_status_to_string (r->decision));
      xs_pg_array_add (reasons, r->reason ? r->reason : "");
    }
  for (GString **list = (GString *[]){ materials, sha256s, file_names, sizes, reviewers, dates,
                                       decisions, reasons, NULL };
       *list != NULL; list++)
    xs_pg_array_end (*list);

  xs_pg_text (&p, a->id);
  xs_pg_text (&p, a->person_id);
  xs_pg_text (&p, a->kind);
  xs_pg_text (&p, xs_status_to_string (a->status));
  xs_pg_text (&p, a->title);
  xs_pg_text (&p, a->organizer);
  xs_pg_text (&p, params);
  add_credit_params (&p, credit);
  xs_pg_text (&p, materials->str);
  xs_pg_text (&p, sha256s->str);
  xs_pg_text (&p, file_names->str);
  xs_pg_text (&p, sizes->str);
  xs_pg_text (&p, reviewers->str);
  xs_pg_text (&p, dates->str);
  xs_pg_text (&p, decisions->str);
  xs_pg_text (&p, reasons->str);
  inserted = xs_pg_run (self, add_activity_sql, &p, _ ("saving an activity"), error);
  return inserted != NULL;
}

static char *
store_dup_activity_owner (XsStore *store, const char *activity_id, GError **error)
{
  g_autoptr (PGresult) result = NULL;
  XsPgParams p = { 0 };

  xs_pg_text (&p, activity_id);
  result = xs_pg_run (XS_PG_STORE (store), "SELECT person_id FROM activities WHERE id = $1", &p,
                      _ ("reading activities"), error);
  return result != NULL && PQntuples (result) > 0 ? xs_pg_dup (result, 0, 0) : NULL;
}

static XsUnit *
unit_from_row (PGresult *result, int row)
{
  XsUnit *unit = xs_unit_new ();

  unit->id = xs_pg_dup (result, row, 0);
  unit->category = xs_pg_dup (result, row, 1);
  unit->name = xs_pg_dup (result, row, 2);
  unit->supervisor = xs_pg_dup (result, row, 3);
  unit->region = xs_pg_dup (result, row, 4);
  return unit;
}

static XsUnit *
store_get_unit (XsStore *store, const char *id, GError **error)
{
  g_autoptr (PGresult) result = NULL;
  XsPgParams p = { 0 };

  xs_pg_text (&p, id);
  result = xs_pg_run (XS_PG_STORE (store),
                      "SELECT id, category, name, supervisor, region FROM units WHERE id = $1", &p,
                      _ ("reading a unit"), error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND, _ ("No unit with id “%s”"), id);
      return NULL;
    }
  return unit_from_row (result, 0);
}

static GPtrArray *
store_list_units (XsStore *store, GError **error)
{
  g_autoptr (PGresult) result = NULL;
  GPtrArray *units;

  result = xs_pg_run (XS_PG_STORE (store),
                      "SELECT id, category, name, supervisor, region FROM units ORDER BY id", NULL,
                      _ ("listing units"), error);
  if (result == NULL)
    return NULL;
  units = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_unit_unref);
  for (int row = 0; row < PQntuples (result); row++)
    g_ptr_array_add (units, unit_from_row (result, row));
  return units;
}

static gboolean
store_add_round_event (XsStore *store, const XsRoundEvent *e, GError **error)
{
  XsPgParams p = { 0 };

  xs_pg_text (&p, e->person_id);
  xs_pg_int (&p, e->year);
  xs_pg_text (&p, e->stage);
  xs_pg_text (&p, e->decision);
  xs_pg_text (&p, e->reviewer);
  xs_pg_text (&p, e->date);
  xs_pg_text (&p, e->opinion);
  xs_pg_text (&p, e->override);
  return xs_pg_do (XS_PG_STORE (store),
                   "INSERT INTO round_events (person_id, year, stage, decision, "
                   "reviewer, date, opinion, override) "
                   "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                   &p, _ ("saving a review of the round"), NULL, error);
}

static GPtrArray *
store_list_round_events (XsStore *store, const char *person_id, guint year, GError **error)
{
  g_autoptr (PGresult) result = NULL;
  XsPgParams p = { 0 };
  GPtrArray *events;

  xs_pg_text (&p, person_id);
  xs_pg_int (&p, year);
  if (person_id != NULL)
    result = xs_pg_run (XS_PG_STORE (store),
                        "SELECT person_id, year, stage, decision, reviewer, date, opinion, "
                        "override FROM round_events WHERE person_id = $1 "
                        "AND ($2::integer = 0 OR year = $2) ORDER BY year, seq",
                        &p, _ ("reading the round"), error);
  else
    result = xs_pg_run (XS_PG_STORE (store),
                        "SELECT person_id, year, stage, decision, reviewer, date, opinion, "
                        "override FROM round_events WHERE $1::text IS NULL AND year = $2 "
                        "ORDER BY person_id, seq",
                        &p, _ ("reading the round"), error);
  if (result == NULL)
    return NULL;
  events = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_round_event_free);
  for (int row = 0; row < PQntuples (result); row++)
    {
      XsRoundEvent *e = g_new0 (XsRoundEvent, 1);

      e->person_id = xs_pg_dup (result, row, 0);
      e->year = (guint)xs_pg_get_int (result, row, 1);
      e->stage = xs_pg_dup (result, row, 2);
      e->decision = xs_pg_dup (result, row, 3);
      e->reviewer = xs_pg_dup (result, row, 4);
      e->date = xs_pg_dup (result, row, 5);
      e->opinion = xs_pg_dup (result, row, 6);
      e->override = xs_pg_dup (result, row, 7);
      g_ptr_array_add (events, e);
    }
  return events;
}

#define PERSON_COLUMNS                                                                             \
  "id, unit_id, name, gender, id_number, current_title, applying_title, specialty, span_from, "    \
  "span_to, version"

static XsPerson *
person_from_row (PGresult *result, int row)
{
  XsPerson *p = xs_person_new ();

  p->id = xs_pg_dup (result, row, 0);
  p->unit_id = xs_pg_dup (result, row, 1);
  p->name = xs_pg_dup (result, row, 2);
  p->gender = xs_pg_dup (result, row, 3);
  p->id_number = xs_pg_dup (result, row, 4);
  p->current_title = xs_pg_dup (result, row, 5);
  p->applying_title = xs_pg_dup (result, row, 6);
  p->specialty = xs_pg_dup (result, row, 7);
  p->span_from = (guint)xs_pg_get_int (result, row, 8);
  p->span_to = (guint)xs_pg_get_int (result, row, 9);
  p->version = xs_pg_get_int (result, row, 10);
  return p;
}

static XsPerson *
store_get_person (XsStore *store, const char *id, GError **error)
{
  g_autoptr (PGresult) result = NULL;
  XsPgParams p = { 0 };

  xs_pg_text (&p, id);
  result = xs_pg_run (XS_PG_STORE (store), "SELECT " PERSON_COLUMNS " FROM persons WHERE id = $1",
                      &p, _ ("reading a person"), error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 0)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND, _ ("No person with id “%s”"),
                   id);
      return NULL;
    }
  return person_from_row (result, 0);
}

static gboolean
add_person_row (PGresult *result, int row, gpointer persons)
{
  g_ptr_array_add (persons, person_from_row (result, row));
  return TRUE;
}

static GPtrArray *
store_list_persons (XsStore *store, GError **error)
{
  GPtrArray *persons = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_person_unref);

  if (!xs_pg_foreach_row (XS_PG_STORE (store), "SELECT " PERSON_COLUMNS " FROM persons ORDER BY id",
                          NULL, add_person_row, persons, _ ("listing persons"), error))
    g_clear_pointer (&persons, g_ptr_array_unref);
  return persons;
}

static GPtrArray *
store_list_activities (XsStore *store, const char *person_id, GError **error)
{
  XsPgStore *self = XS_PG_STORE (store);
  g_autoptr (GHashTable) by_seq = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (PGresult) rows = NULL;
  g_autoptr (PGresult) evidence = NULL;
  g_autoptr (PGresult) reviews = NULL;
  GPtrArray *activities;
  XsPgParams p = { 0 };

  xs_pg_text (&p, person_id);
  rows = xs_pg_run (self,
                    "SELECT seq, id, person_id, kind, status, title, organizer, params, version "
                    "FROM activities WHERE person_id = $1 ORDER BY seq",
                    &p, _ ("reading activities"), error);
  if (rows == NULL)
    return NULL;
  evidence = xs_pg_run (self,
                        "SELECT e.activity, e.material, e.sha256, e.file_name, e.size "
                        "FROM evidence e JOIN activities a ON a.seq = e.activity "
                        "WHERE a.person_id = $1 ORDER BY e.seq",
                        &p, _ ("reading activities"), error);
  if (evidence == NULL)
    return NULL;
  reviews = xs_pg_run (self,
                       "SELECT r.activity, r.reviewer, r.date, r.decision, r.reason "
                       "FROM reviews r JOIN activities a ON a.seq = r.activity "
                       "WHERE a.person_id = $1 ORDER BY r.seq",
                       &p, _ ("reading activities"), error);
  if (reviews == NULL)
    return NULL;

  activities = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_activity_unref);
  for (int row = 0; row < PQntuples (rows); row++)
    {
      XsActivity *a = xs_activity_new ();

      a->id = xs_pg_dup (rows, row, 1);
      a->person_id = xs_pg_dup (rows, row, 2);
      a->kind = xs_pg_dup (rows, row, 3);
      xs_status_from_string (xs_pg_get (rows, row, 4), &a->status);
      a->title = xs_pg_dup (rows, row, 5);
      a->organizer = xs_pg_dup (rows, row, 6);
      xs_activity_set_params_string (a, xs_pg_get (rows, row, 7));
      a->version = xs_pg_get_int (rows, row, 8);
      g_ptr_array_add (activities, a);
      g_hash_table_insert (by_seq, xs_pg_dup (rows, row, 0), a);
    }
  for (int row = 0; row < PQntuples (evidence); row++)
    {
      XsActivity *a = g_hash_table_lookup (by_seq, xs_pg_get (evidence, row, 0));

      if (a != NULL)
        xs_activity_add_evidence (a, xs_pg_get (evidence, row, 1), xs_pg_get (evidence, row, 2),
                                  xs_pg_get (evidence, row, 3), xs_pg_get_int (evidence, row, 4));
    }
  for (int row = 0; row < PQntuples (reviews); row++)
    {
      XsActivity *a = g_hash_table_lookup (by_seq, xs_pg_get (reviews, row, 0));
      XsStatus decision = XS_STATUS_PENDING;

      xs_status_from_string (xs_pg_get (reviews, row, 3), &decision);
      if (a != NULL)
        xs_activity_add_review (a, xs_pg_get (reviews, row, 1), xs_pg_get (reviews, row, 2),
                                decision, xs_pg_get (reviews, row, 4));
    }
  return activities;
}

static XsActivity *
store_get_activity (XsStore *store, const char *id, GError **error)
{
  g_autofree char *person_id = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GError) local_error = NULL;

  person_id = store_dup_activity_owner (store, id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
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
changed_one_row (gint64 changed, const char *what, const char *id, GError **error)
{
  if (changed == 0)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND, _ ("No %s “%s”"), what, id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
store_update_activity (XsStore *store, const XsActivity *a, const XsStoredCredit *credit,
                       GError **error)
{
  g_autofree char *params = xs_activity_dup_params_string (a);
  XsPgParams p = { 0 };
  gint64 changed = 0;

  xs_pg_text (&p, a->id);
  xs_pg_text (&p, a->kind);
  xs_pg_text (&p, xs_status_to_string (a->status));
  xs_pg_text (&p, a->title);
  xs_pg_text (&p, a->organizer);
  xs_pg_text (&p, params);
  add_credit_params (&p, credit);
  xs_pg_int_or_null (&p, a->version);
  if (!xs_pg_do (XS_PG_STORE (store),
                 "UPDATE activities SET kind = $2, status = $3, title = $4, organizer = $5, "
                 "params = $6, credit_year = $7, credit_public = $8, credit_professional = $9, "
                 "deemed_from = $10, deemed_to = $11, credit_replaces = $12 WHERE id = $1 "
                 "AND ($13::bigint IS NULL OR version = $13::bigint)",
                 &p, _ ("updating an activity"), &changed, error))
    return FALSE;
  if (a->version != 0 && changed == 0)
    return xs_store_set_stale_error (error, a->id);
  return changed_one_row (changed, _ ("activity"), a->id, error);
}

static gboolean
store_delete_activity (XsStore *store, const char *id, GError **error)
{
  XsPgParams p = { 0 };
  gint64 changed = 0;

  xs_pg_text (&p, id);
  if (!xs_pg_do (XS_PG_STORE (store), "DELETE FROM activities WHERE id = $1", &p,
                 _ ("deleting an activity"), &changed, error))
    return FALSE;
  return changed_one_row (changed, _ ("activity"), id, error);
}

static gboolean
store_delete_person (XsStore *store, const char *id, GError **error)
{
  XsPgParams p = { 0 };
  gint64 changed = 0;

  /* Activities go with the person (ON DELETE CASCADE), evidence and reviews with them. */
  xs_pg_text (&p, id);
  if (!xs_pg_do (XS_PG_STORE (store), "DELETE FROM persons WHERE id = $1", &p,
                 _ ("deleting a person"), &changed, error))
    return FALSE;
  return changed_one_row (changed, _ ("person"), id, error);
}

static gboolean
insert_evidence (XsPgStore *self, const char *activity_seq, const XsEvidence *e, GError **error)
{
  XsPgParams p = { 0 };

  if (!xs_pg_keep_blob (self, e->sha256, error))
    return FALSE;
  xs_pg_text (&p, activity_seq);
  xs_pg_text (&p, e->material);
  xs_pg_text (&p, e->sha256);
  xs_pg_text (&p, e->file_name);
  xs_pg_int (&p, e->size);
  return xs_pg_do (self,
                   "INSERT INTO evidence (activity, material, sha256, file_name, size) "
                   "VALUES ($1, $2, $3, $4, $5)",
                   &p, _ ("saving an evidence reference"), NULL, error);
}

static gboolean
store_add_evidence (XsStore *store, const char *activity_id, const XsEvidence *e, GError **error)
{
  XsPgStore *self = XS_PG_STORE (store);
  g_autoptr (PGresult) owner = NULL;
  XsPgParams p = { 0 };

  xs_pg_text (&p, activity_id);
  owner = xs_pg_run (self, "SELECT seq FROM activities WHERE id = $1", &p,
                     _ ("saving an evidence reference"), error);
  if (owner == NULL)
    return FALSE;
  if (!changed_one_row (PQntuples (owner), _ ("activity"), activity_id, error))
    return FALSE;
  return insert_evidence (self, PQgetvalue (owner, 0, 0), e, error);
}

static gboolean
store_remove_evidence (XsStore *store, const char *activity_id, const char *sha256,
                       const char *material, GError **error)
{
  XsPgParams p = { 0 };
  gint64 changed = 0;

  xs_pg_text (&p, activity_id);
  xs_pg_text (&p, sha256);
  xs_pg_text (&p, material);
  if (!xs_pg_do (XS_PG_STORE (store),
                 "DELETE FROM evidence WHERE seq = (SELECT e.seq FROM evidence e JOIN activities a "
                 "ON a.seq = e.activity WHERE a.id = $1 AND e.sha256 = $2 AND e.material = $3 "
                 "ORDER BY e.seq LIMIT 1)",
                 &p, _ ("removing an evidence reference"), &changed, error))
    return FALSE;
  return changed_one_row (changed, _ ("evidence file"), sha256, error);
}

static gboolean
store_retag_evidence (XsStore *store, const char *activity_id, const char *sha256,
                      const char *old_material, const char *new_material, GError **error)
{
  XsPgParams p = { 0 };
  gint64 changed = 0;

  xs_pg_text (&p, activity_id);
  xs_pg_text (&p, sha256);
  xs_pg_text (&p, old_material);
  xs_pg_text (&p, new_material);
  if (!xs_pg_do (XS_PG_STORE (store),
                 "UPDATE evidence SET material = $4 WHERE seq = (SELECT e.seq FROM evidence e "
                 "JOIN activities a ON a.seq = e.activity WHERE a.id = $1 AND e.sha256 = $2 AND "
                 "e.material = $3 ORDER BY e.seq LIMIT 1)",
                 &p, _ ("tagging an evidence file"), &changed, error))
    return FALSE;
  return changed_one_row (changed, _ ("evidence file"), sha256, error);
}

static gboolean
store_add_review (XsStore *store, const char *activity_id, const XsReview *r, GError **error)
{
  XsPgStore *self = XS_PG_STORE (store);
  XsPgParams p = { 0 };
  XsPgParams rp = { 0 };
  gint64 changed = 0;

  xs_pg_text (&p, activity_id);
  xs_pg_text (&p, xs_status_to_string (r->decision));
  if (!xs_pg_do (self, "UPDATE activities SET status = $2 WHERE id = $1", &p,
                 _ ("recording a review"), &changed, error) ||
      !changed_one_row (changed, _ ("activity"), activity_id, error))
    return FALSE;

  xs_pg_text (&rp, activity_id);
  xs_pg_text (&rp, r->reviewer);
  xs_pg_text (&rp, r->date);
  xs_pg_text (&rp, xs_status_to_string (r->decision));
  xs_pg_text (&rp, r->reason ? r->reason : "");
  return xs_pg_do (self,
                   "INSERT INTO reviews (activity, reviewer, date, decision, reason) "
                   "SELECT seq, $2, $3, $4, $5 FROM activities WHERE id = $1",
                   &rp, _ ("recording a review"), NULL, error);
}

void
xs_pg_store_records_init (XsStoreInterface *iface)
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
