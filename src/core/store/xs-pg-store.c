/* xs-pg-store.c — the PostgreSQL backend of XsStore: the connection, its statements, the
 * schema and its migrations, transactions.
 *
 * Every statement is prepared once per connection and sent with its parameters apart from
 * its text. The schema carries its version in xs_schema and migrates forward step by step
 * inside one transaction, under an advisory lock, so two programs opening a new database at
 * once do not both create it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <errno.h>
#include <string.h>

#include "xs-pg-store-private.h"

static void xs_pg_store_iface_init (XsStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XsPgStore, xs_pg_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (XS_TYPE_STORE, xs_pg_store_iface_init))

/* The key of the advisory locks that serialise schema migrations ("xueshi" in ASCII). */
#define MIGRATION_LOCK "7878756573686901"

/* Each entry moves the schema from version i to i + 1. Never edit a shipped entry: add one.
 * Identifiers sort as SQLite sorts them (bytewise: COLLATE "C"), so both backends list the
 * same records in the same order. */
static const char *const migrations[] = {
  /* 0 → 1: the schema of SQLite's version 6, with evidence kept in the database. */
  "CREATE TABLE units ("
  "  id text COLLATE \"C\" PRIMARY KEY,"
  "  category text NOT NULL CHECK (category IN ('provincial','municipal','other','central')),"
  "  name text NOT NULL,"
  "  supervisor text COLLATE \"C\","
  "  region text);"
  "CREATE TABLE persons ("
  "  id text COLLATE \"C\" PRIMARY KEY,"
  "  unit_id text COLLATE \"C\" NOT NULL REFERENCES units (id),"
  "  name text NOT NULL,"
  "  gender text NOT NULL CHECK (gender IN ('male','female')),"
  "  id_number text NOT NULL,"
  "  current_title text,"
  "  applying_title text,"
  "  specialty text,"
  "  span_from integer,"
  "  span_to integer);"
  "CREATE INDEX persons_unit ON persons (unit_id);"
  "CREATE TABLE activities ("
  "  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  id text COLLATE \"C\" NOT NULL UNIQUE,"
  "  person_id text COLLATE \"C\" NOT NULL REFERENCES persons (id) ON DELETE CASCADE,"
  "  kind text NOT NULL,"
  "  status text NOT NULL CHECK (status IN ('pending','approved','rejected')),"
  "  title text,"
  "  organizer text,"
  "  params text NOT NULL,"
  "  credit_year integer,"
  "  credit_public bigint NOT NULL DEFAULT 0,"
  "  credit_professional bigint NOT NULL DEFAULT 0,"
  "  deemed_from integer,"
  "  deemed_to integer,"
  "  credit_replaces integer NOT NULL DEFAULT 0);"
  "CREATE INDEX activities_person ON activities (person_id);"
  "CREATE INDEX activities_deemed ON activities (person_id) WHERE deemed_from IS NOT NULL;"
  "CREATE INDEX activities_totals ON activities "
  "  (person_id, credit_year, status, credit_replaces, credit_public, credit_professional) "
  "  WHERE status != 'rejected' AND credit_year IS NOT NULL AND deemed_from IS NULL;"
  "CREATE TABLE blobs ("
  "  sha256 text COLLATE \"C\" PRIMARY KEY CHECK (length (sha256) = 64),"
  "  size bigint NOT NULL);"
  "CREATE TABLE blob_chunks ("
  "  sha256 text COLLATE \"C\" NOT NULL REFERENCES blobs (sha256) ON DELETE CASCADE,"
  "  n integer NOT NULL,"
  "  data bytea NOT NULL,"
  "  PRIMARY KEY (sha256, n));"
  "CREATE TABLE evidence ("
  "  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  activity bigint NOT NULL REFERENCES activities (seq) ON DELETE CASCADE,"
  "  material text NOT NULL,"
  "  sha256 text COLLATE \"C\" NOT NULL REFERENCES blobs (sha256),"
  "  file_name text,"
  "  size bigint NOT NULL);"
  "CREATE INDEX evidence_activity ON evidence (activity);"
  "CREATE INDEX evidence_sha256 ON evidence (sha256);"
  "CREATE TABLE reviews ("
  "  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  activity bigint NOT NULL REFERENCES activities (seq) ON DELETE CASCADE,"
  "  reviewer text NOT NULL,"
  "  date text NOT NULL,"
  "  decision text NOT NULL CHECK (decision IN ('pending','approved','rejected')),"
  "  reason text NOT NULL DEFAULT '');"
  "CREATE INDEX reviews_activity ON reviews (activity);"
  "CREATE TABLE meta (key text COLLATE \"C\" PRIMARY KEY, value text NOT NULL);"
  "CREATE TABLE audit ("
  "  seq bigint PRIMARY KEY,"
  "  at text NOT NULL,"
  "  actor text NOT NULL,"
  "  action text NOT NULL,"
  "  person_id text COLLATE \"C\","
  "  target text,"
  "  old_value text,"
  "  new_value text,"
  "  prev_hash text NOT NULL,"
  "  hash text NOT NULL);"
  "CREATE INDEX audit_person ON audit (person_id);"
  /* As SQLite's triggers: the program cannot edit the trail; whoever goes around them
   * breaks the hash chain, which fsck verifies. */
  "CREATE FUNCTION xs_audit_append_only () RETURNS trigger LANGUAGE plpgsql AS "
  "  $$BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END$$;"
  "CREATE TRIGGER audit_no_edit BEFORE UPDATE OR DELETE ON audit "
  "  FOR EACH ROW EXECUTE FUNCTION xs_audit_append_only ();"
  "CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit "
  "  FOR EACH STATEMENT EXECUTE FUNCTION xs_audit_append_only ();"
  "CREATE TABLE round_events ("
  "  seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,"
  "  person_id text COLLATE \"C\" NOT NULL REFERENCES persons (id) ON DELETE CASCADE,"
  "  year integer NOT NULL,"
  "  stage text NOT NULL,"
  "  decision text NOT NULL CHECK (decision IN ('passed', 'returned', 'reopened')),"
  "  reviewer text NOT NULL,"
  "  date text NOT NULL,"
  "  opinion text,"
  "  override text);"
  "CREATE INDEX round_events_person ON round_events (person_id, year);"
  /* Names the database for the local evidence cache (a cache per database, never mixed). */
  "INSERT INTO meta (key, value) VALUES ('database-id', md5 (random ()::text || now ()::text));",

  /* 1 → 2: row versions, as SQLite's 6 → 7. */
  "ALTER TABLE persons ADD COLUMN version bigint NOT NULL DEFAULT 1;"
  "ALTER TABLE activities ADD COLUMN version bigint NOT NULL DEFAULT 1;"
  "CREATE FUNCTION xs_next_version () RETURNS trigger LANGUAGE plpgsql AS "
  "  $$BEGIN NEW.version := OLD.version + 1; RETURN NEW; END$$;"
  "CREATE TRIGGER persons_version BEFORE UPDATE OF unit_id, name, gender, id_number, "
  "  current_title, applying_title, specialty, span_from, span_to ON persons "
  "  FOR EACH ROW EXECUTE FUNCTION xs_next_version ();"
  "CREATE TRIGGER activities_version BEFORE UPDATE OF kind, status, title, organizer, params "
  "  ON activities FOR EACH ROW EXECUTE FUNCTION xs_next_version ();"
  "CREATE FUNCTION xs_activity_part_changed () RETURNS trigger LANGUAGE plpgsql AS "
  "  $$BEGIN"
  "    UPDATE activities SET version = version + 1"
  "      WHERE seq = CASE WHEN TG_OP = 'DELETE' THEN OLD.activity ELSE NEW.activity END;"
  "    RETURN NULL;"
  "  END$$;"
  "CREATE TRIGGER evidence_version AFTER INSERT OR UPDATE OR DELETE ON evidence "
  "  FOR EACH ROW EXECUTE FUNCTION xs_activity_part_changed ();"
  "CREATE TRIGGER reviews_version AFTER INSERT ON reviews "
  "  FOR EACH ROW EXECUTE FUNCTION xs_activity_part_changed ();",

  /* 2 → 3: units kept apart by PostgreSQL itself. Each clerk's login (xueshi-cli users add)
   * is a role named in xs_users, with the units it may see in xs_user_units; row-level
   * security shows it those units' persons and what hangs off them, and nothing else, to the
   * application and to psql alike. The owner (who made the database) is not subject to it. */
  "CREATE TABLE xs_users ("
  "  login text COLLATE \"C\" PRIMARY KEY,"
  "  role text NOT NULL CHECK (role IN ('clerk', 'supervisor', 'bureau')));"
  "CREATE TABLE xs_user_units ("
  "  login text COLLATE \"C\" NOT NULL REFERENCES xs_users (login) ON DELETE CASCADE,"
  "  unit_id text COLLATE \"C\" NOT NULL REFERENCES units (id),"
  "  PRIMARY KEY (login, unit_id));"
  /* A login reads its own grants, and no one else's. */
  "ALTER TABLE xs_users ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY xs_users_own ON xs_users FOR SELECT USING (login = current_user);"
  "ALTER TABLE xs_user_units ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY xs_user_units_own ON xs_user_units FOR SELECT USING (login = current_user);"
  "CREATE FUNCTION xs_sees_all () RETURNS boolean LANGUAGE sql STABLE AS "
  "  $$SELECT EXISTS (SELECT 1 FROM xs_users WHERE login = current_user AND role = 'bureau')$$;"
  "CREATE FUNCTION xs_my_units () RETURNS SETOF text LANGUAGE sql STABLE AS "
  "  $$SELECT unit_id FROM xs_user_units WHERE login = current_user$$;"
  /* The chain's tail, whoever's it is: a clerk appends after another unit's entry. */
  "CREATE FUNCTION xs_audit_tail (OUT seq bigint, OUT hash text) LANGUAGE sql STABLE "
  "  SECURITY DEFINER SET search_path = public AS "
  "  $$SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1$$;"
  "ALTER TABLE units ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY units_kept_apart ON units "
  "  USING ((SELECT xs_sees_all ()) OR id IN (SELECT xs_my_units ()));"
  "ALTER TABLE persons ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY persons_kept_apart ON persons "
  "  USING ((SELECT xs_sees_all ()) OR unit_id IN (SELECT xs_my_units ()));"
  "ALTER TABLE activities ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY activities_kept_apart ON activities "
  "  USING (person_id IN (SELECT id FROM persons));"
  "ALTER TABLE evidence ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY evidence_kept_apart ON evidence "
  "  USING (activity IN (SELECT seq FROM activities));"
  "ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY reviews_kept_apart ON reviews "
  "  USING (activity IN (SELECT seq FROM activities));"
  "ALTER TABLE round_events ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY round_events_kept_apart ON round_events "
  "  USING (person_id IN (SELECT id FROM persons));"
  /* A login reads the entries of persons it sees and those of no person (imports, units);
   * it may append any entry: the chain, not the policy, keeps the trail honest. */
  "ALTER TABLE audit ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY audit_read ON audit FOR SELECT "
  "  USING (person_id IS NULL OR person_id IN (SELECT id FROM persons));"
  "CREATE POLICY audit_append ON audit FOR INSERT WITH CHECK (true);"
  /* Evidence files are read through a reference the login sees; any login may store one. */
  "ALTER TABLE blobs ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY blobs_read ON blobs FOR SELECT "
  "  USING (sha256 IN (SELECT sha256 FROM evidence));"
  "CREATE POLICY blobs_store ON blobs FOR INSERT WITH CHECK (true);"
  "ALTER TABLE blob_chunks ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY blob_chunks_read ON blob_chunks FOR SELECT "
  "  USING (sha256 IN (SELECT sha256 FROM evidence));"
  "CREATE POLICY blob_chunks_store ON blob_chunks FOR INSERT WITH CHECK (true);"
  /* Called by xueshi-cli users add, as a role that may create roles (the owner). */
  "CREATE FUNCTION xs_add_login (new_login text, new_password text, new_role text, "
  "    new_units text[]) RETURNS void LANGUAGE plpgsql AS $$"
  "  BEGIN"
  "    INSERT INTO xs_users (login, role) VALUES (new_login, new_role);"
  "    INSERT INTO xs_user_units (login, unit_id) SELECT new_login, u FROM unnest (new_units) u;"
  "    EXECUTE format ('CREATE ROLE %I LOGIN PASSWORD %L', new_login, new_password);"
  "    EXECUTE format ('GRANT CONNECT ON DATABASE %I TO %I', current_database (), new_login);"
  "    EXECUTE format ('GRANT USAGE ON SCHEMA public TO %I', new_login);"
  "    EXECUTE format ('GRANT SELECT, INSERT, UPDATE, DELETE ON units, persons, activities, "
  "      evidence, reviews, round_events, meta TO %I', new_login);"
  "    EXECUTE format ('GRANT SELECT, INSERT ON audit, blobs, blob_chunks TO %I', new_login);"
  "    EXECUTE format ('GRANT SELECT ON xs_schema, xs_users, xs_user_units TO %I', new_login);"
  "    EXECUTE format ('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I', new_login);"
  "  END$$;",

  /* 3 → 4: other clerks' windows refresh when a record changes (xs-pg-listen.c). The
   * payload is the person whose records changed ('' for a unit: everything); evidence and
   * reviews reach it through their activity's version. Sent when the change commits. */
  "CREATE FUNCTION xs_notify_change () RETURNS trigger LANGUAGE plpgsql AS $$"
  "  DECLARE"
  "    row_person text;"
  "  BEGIN"
  "    IF TG_TABLE_NAME = 'units' THEN"
  "      row_person := '';"
  "    ELSIF TG_TABLE_NAME = 'persons' THEN"
  "      row_person := CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END;"
  "    ELSE"
  "      row_person := CASE WHEN TG_OP = 'DELETE' THEN OLD.person_id ELSE NEW.person_id END;"
  "    END IF;"
  "    PERFORM pg_notify ('xueshi_changes', row_person);"
  "    RETURN NULL;"
  "  END$$;"
  "CREATE TRIGGER units_notify AFTER INSERT OR UPDATE OR DELETE ON units "
  "  FOR EACH ROW EXECUTE FUNCTION xs_notify_change ();"
  "CREATE TRIGGER persons_notify AFTER INSERT OR UPDATE OR DELETE ON persons "
  "  FOR EACH ROW EXECUTE FUNCTION xs_notify_change ();"
  "CREATE TRIGGER activities_notify AFTER INSERT OR UPDATE OR DELETE ON activities "
  "  FOR EACH ROW EXECUTE FUNCTION xs_notify_change ();"
  "CREATE TRIGGER round_events_notify AFTER INSERT OR DELETE ON round_events "
  "  FOR EACH ROW EXECUTE FUNCTION xs_notify_change ();",

  /* 4 → 5: evidence and reviews added by one statement (an activity saved with its
   * evidence, xs-pg-store-records.c) count towards their activity's version in one update,
   * not one per row: the same versions, a third of the work on an import. */
  "CREATE FUNCTION xs_activity_parts_added () RETURNS trigger LANGUAGE plpgsql AS "
  "  $$BEGIN"
  "    UPDATE activities SET version = version + added_here.n"
  "      FROM (SELECT activity, count (*) AS n FROM added GROUP BY activity) AS added_here"
  "      WHERE activities.seq = added_here.activity;"
  "    RETURN NULL;"
  "  END$$;"
  "DROP TRIGGER evidence_version ON evidence;"
  "CREATE TRIGGER evidence_added_version AFTER INSERT ON evidence "
  "  REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
  "  EXECUTE FUNCTION xs_activity_parts_added ();"
  "CREATE TRIGGER evidence_version AFTER UPDATE OR DELETE ON evidence "
  "  FOR EACH ROW EXECUTE FUNCTION xs_activity_part_changed ();"
  "DROP TRIGGER reviews_version ON reviews;"
  "CREATE TRIGGER reviews_version AFTER INSERT ON reviews "
  "  REFERENCING NEW TABLE AS added FOR EACH STATEMENT "
  "  EXECUTE FUNCTION xs_activity_parts_added ();",

  /* 5 → 6: the text read from each evidence file, as SQLite's 7 → 8. A login reads and
   * writes the text of the files it sees (through an evidence reference), no other. */
  "CREATE TABLE evidence_text ("
  "  sha256 text COLLATE \"C\" PRIMARY KEY REFERENCES blobs (sha256),"
  "  text text NOT NULL,"
  "  fields text NOT NULL,"
  "  certificate_number text,"
  "  read_at text NOT NULL);"
  "CREATE INDEX evidence_text_certificate ON evidence_text (certificate_number) "
  "  WHERE certificate_number IS NOT NULL;"
  "ALTER TABLE evidence_text ENABLE ROW LEVEL SECURITY;"
  "CREATE POLICY evidence_text_kept_apart ON evidence_text "
  "  USING (sha256 IN (SELECT sha256 FROM evidence));"
  "DO $$DECLARE login text; BEGIN"
  "  FOR login IN SELECT x.login FROM xs_users x LOOP"
  "    EXECUTE format ('GRANT SELECT, INSERT, UPDATE ON evidence_text TO %I', login);"
  "  END LOOP;"
  "END$$;"
  "CREATE OR REPLACE FUNCTION xs_add_login (new_login text, new_password text, new_role text, "
  "    new_units text[]) RETURNS void LANGUAGE plpgsql AS $$"
  "  BEGIN"
  "    INSERT INTO xs_users (login, role) VALUES (new_login, new_role);"
  "    INSERT INTO xs_user_units (login, unit_id) SELECT new_login, u FROM unnest (new_units) u;"
  "    EXECUTE format ('CREATE ROLE %I LOGIN PASSWORD %L', new_login, new_password);"
  "    EXECUTE format ('GRANT CONNECT ON DATABASE %I TO %I', current_database (), new_login);"
  "    EXECUTE format ('GRANT USAGE ON SCHEMA public TO %I', new_login);"
  "    EXECUTE format ('GRANT SELECT, INSERT, UPDATE, DELETE ON units, persons, activities, "
  "      evidence, reviews, round_events, meta TO %I', new_login);"
  "    EXECUTE format ('GRANT SELECT, INSERT ON audit, blobs, blob_chunks TO %I', new_login);"
  "    EXECUTE format ('GRANT SELECT, INSERT, UPDATE ON evidence_text TO %I', new_login);"
  "    EXECUTE format ('GRANT SELECT ON xs_schema, xs_users, xs_user_units TO %I', new_login);"
  "    EXECUTE format ('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I', new_login);"
  "  END$$;",
};

void
xs_pg_text (XsPgParams *p, const char *text)
{
  g_assert (p->n < XS_PG_MAX_PARAMS);
  p->values[p->n++] = text;
}

void
xs_pg_int (XsPgParams *p, gint64 value)
{
  g_assert (p->n < XS_PG_MAX_PARAMS);
  g_snprintf (p->numbers[p->n], sizeof p->numbers[0], "%" G_GINT64_FORMAT, value);
  p->values[p->n] = p->numbers[p->n];
  p->n++;
}

void
xs_pg_int_or_null (XsPgParams *p, gint64 value)
{
  if (value != 0)
    xs_pg_int (p, value);
  else
    xs_pg_text (p, NULL);
}

void
xs_pg_array_add (GString *array, const char *value)
{
  if (array->len > 1)
    g_string_append_c (array, ',');
  if (value == NULL)
    {
      g_string_append (array, "NULL");
      return;
    }
  /* Quoted always, so "NULL", braces, commas and spaces stay text. */
  g_string_append_c (array, '"');
  for (const char *c = value; *c != '\0'; c++)
    {
      if (*c == '"' || *c == '\\')
        g_string_append_c (array, '\\');
      g_string_append_c (array, *c);
    }
  g_string_append_c (array, '"');
}

void
xs_pg_array_end (GString *array)
{
  g_string_append_c (array, '}');
}

char *
xs_pg_dup (PGresult *result, int row, int column)
{
  return PQgetisnull (result, row, column) ? NULL : g_strdup (PQgetvalue (result, row, column));
}

const char *
xs_pg_get (PGresult *result, int row, int column)
{
  return PQgetisnull (result, row, column) ? NULL : PQgetvalue (result, row, column);
}

gint64
xs_pg_get_int (PGresult *result, int row, int column)
{
  return PQgetisnull (result, row, column)
             ? 0
             : g_ascii_strtoll (PQgetvalue (result, row, column), NULL, 10);
}

/* The server's message is kept as it came; the error code says what the caller can do. */
gboolean
xs_pg_set_error (XsPgStore *self, GError **error, PGresult *result, const char *what)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *message = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  int code = XS_STORE_ERROR_FAILED;

  if (PQstatus (self->conn) == CONNECTION_BAD)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_OPEN,
                   _ ("The database server cannot be reached while %s: %s"), what,
                   PQerrorMessage (self->conn));
      return FALSE;
    }
  if (state != NULL && g_str_has_prefix (state, "23"))
    code = XS_STORE_ERROR_CONFLICT;
  else if (state != NULL && (g_str_equal (state, "40001") || g_str_equal (state, "40P01") ||
                             g_str_equal (state, "55P03")))
    code = XS_STORE_ERROR_BUSY;
  g_set_error (error, XS_STORE_ERROR, code, _ ("Database error while %s: %s"), what,
               message ? message : PQerrorMessage (self->conn));
  return FALSE;
}

static const char *
statement_name (XsPgStore *self, const char *sql, int n_params, GError **error)
{
  const char *name = g_hash_table_lookup (self->statements, sql);

  if (name == NULL)
    {
      g_autofree char *new_name = g_strdup_printf ("xs%u", self->next_statement++);
      g_autoptr (PGresult) result = PQprepare (self->conn, new_name, sql, n_params, NULL);

      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        {
          xs_pg_set_error (self, error, result, _ ("preparing a query"));
          return NULL;
        }
      name = new_name;
      g_hash_table_insert (self->statements, (gpointer)sql, g_steal_pointer (&new_name));
    }
  return name;
}

PGresult *
xs_pg_run (XsPgStore *self, const char *sql, const XsPgParams *p, const char *what, GError **error)
{
  int n = p ? p->n : 0;
  const char *name = statement_name (self, sql, n, error);
  PGresult *result;
  ExecStatusType status;

  if (name == NULL)
    return NULL;
  result = PQexecPrepared (self->conn, name, n, p ? p->values : NULL, NULL, NULL, 0);
  status = PQresultStatus (result);
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK)
    {
      xs_pg_set_error (self, error, result, what);
      PQclear (result);
      return NULL;
    }
  return result;
}

gboolean
xs_pg_do (XsPgStore *self, const char *sql, const XsPgParams *p, const char *what, gint64 *changed,
          GError **error)
{
  g_autoptr (PGresult) result = xs_pg_run (self, sql, p, what, error);

  if (result == NULL)
    return FALSE;
  if (changed != NULL)
    *changed = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  return TRUE;
}

/* Rows are fetched through a cursor, a batch at a time: a million activities never sit in
 * memory at once, and @func may run statements of its own between batches (a credit
 * refresh writes while it reads). */
#define FETCH_BATCH "2000"

gboolean
xs_pg_foreach_row (XsPgStore *self, const char *sql, const XsPgParams *p, XsPgRowFunc func,
                   gpointer user_data, const char *what, GError **error)
{
  g_autofree char *cursor = g_strdup_printf ("xs_cursor_%u", self->next_cursor++);
  g_autofree char *declare = g_strdup_printf ("DECLARE %s NO SCROLL CURSOR FOR %s", cursor, sql);
  g_autofree char *fetch = g_strdup_printf ("FETCH " FETCH_BATCH " FROM %s", cursor);
  g_autofree char *close_cursor = g_strdup_printf ("CLOSE %s", cursor);
  gboolean own_transaction = PQtransactionStatus (self->conn) == PQTRANS_IDLE;
  gboolean wanted = TRUE;
  gboolean ok = TRUE;
  PGresult *declared;

  if (own_transaction && !xs_pg_exec (self, "BEGIN", error))
    return FALSE;
  declared =
      PQexecParams (self->conn, declare, p ? p->n : 0, NULL, p ? p->values : NULL, NULL, NULL, 0);
  if (PQresultStatus (declared) != PGRES_COMMAND_OK)
    ok = xs_pg_set_error (self, error, declared, what);
  PQclear (declared);
  while (ok && wanted)
    {
      g_autoptr (PGresult) batch = PQexec (self->conn, fetch);
      int rows;

      if (PQresultStatus (batch) != PGRES_TUPLES_OK)
        {
          ok = xs_pg_set_error (self, error, batch, what);
          break;
        }
      rows = PQntuples (batch);
      for (int row = 0; row < rows && wanted; row++)
        wanted = func (batch, row, user_data);
      if (rows == 0)
        break;
    }
  if (ok)
    ok = xs_pg_exec (self, close_cursor, error);
  if (own_transaction)
    {
      if (ok)
        ok = xs_pg_exec (self, "COMMIT", error);
      else
        xs_pg_exec (self, "ROLLBACK", NULL);
    }
  return ok;
}

gboolean
xs_pg_exec (XsPgStore *self, const char *sql, GError **error)
{
  g_autoptr (PGresult) result = PQexec (self->conn, sql);

  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    return xs_pg_set_error (self, error, result, _ ("changing the schema"));
  return TRUE;
}

static int
read_schema_version (XsPgStore *self, GError **error)
{
  g_autoptr (PGresult) exists = NULL;
  g_autoptr (PGresult) version = NULL;

  exists = PQexec (self->conn, "SELECT to_regclass ('xs_schema') IS NOT NULL");
  if (PQresultStatus (exists) != PGRES_TUPLES_OK)
    {
      xs_pg_set_error (self, error, exists, _ ("reading the schema version"));
      return -1;
    }
  if (!g_str_equal (PQgetvalue (exists, 0, 0), "t"))
    return 0;
  version = PQexec (self->conn, "SELECT version FROM xs_schema");
  if (PQresultStatus (version) != PGRES_TUPLES_OK || PQntuples (version) != 1)
    {
      xs_pg_set_error (self, error, version, _ ("reading the schema version"));
      return -1;
    }
  return (int)xs_pg_get_int (version, 0, 0);
}

static gboolean
migrate (XsPgStore *self, GError **error)
{
  int latest = (int)G_N_ELEMENTS (migrations);
  int version;

  if (!xs_pg_exec (self, "BEGIN", error))
    return FALSE;
  if (!xs_pg_exec (self, "SELECT pg_advisory_xact_lock (" MIGRATION_LOCK ")", error))
    goto failed;
  version = read_schema_version (self, error);
  if (version < 0)
    goto failed;
  if (version > latest)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_VERSION,
                   _ ("The database was made by a newer Xueshi (schema %d; this one knows %d)"),
                   version, latest);
      goto failed;
    }
  if (version == 0 && !xs_pg_exec (self,
                                   "CREATE TABLE xs_schema (version integer NOT NULL);"
                                   "INSERT INTO xs_schema VALUES (0)",
                                   error))
    goto failed;
  for (int v = version; v < latest; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("UPDATE xs_schema SET version = %d", v + 1);

      if (!xs_pg_exec (self, migrations[v], error) || !xs_pg_exec (self, set_version, error))
        goto failed;
    }
  return xs_pg_exec (self, "COMMIT", error);

failed:
  xs_pg_exec (self, "ROLLBACK", NULL);
  return FALSE;
}

/* The evidence cache of this database: under the user's cache folder, named by the id the
 * database was given when it was made, so two databases never share files. */
static GFile *
dup_cache_dir (XsPgStore *self, GError **error)
{
  g_autoptr (PGresult) result = NULL;
  g_autofree char *dir = NULL;

  result = PQexec (self->conn, "SELECT value FROM meta WHERE key = 'database-id'");
  if (PQresultStatus (result) != PGRES_TUPLES_OK || PQntuples (result) != 1)
    {
      xs_pg_set_error (self, error, result, _ ("reading the database's id"));
      return NULL;
    }
  dir = g_build_filename (g_get_user_cache_dir (), "xueshi", "evidence", PQgetvalue (result, 0, 0),
                          NULL);
  return g_file_new_for_path (dir);
}

/* libpq's own message names the host and the reason; it ends in a newline. */
static char *
dup_connection_message (PGconn *conn)
{
  return g_strchomp (g_strdup (conn ? PQerrorMessage (conn) : g_strerror (ENOMEM)));
}

/**
 * xs_pg_store_dup_safe_uri:
 *
 * Returns: (transfer full): the URI as it may be shown, without its password (in the user
 *   part or as a password= parameter, whose whole query is then left out)
 */
char *
xs_pg_store_dup_safe_uri (const char *uri)
{
  g_autoptr (GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_HAS_PASSWORD, NULL);
  const char *query;

  if (parsed == NULL)
    return g_strdup (uri);
  query = g_uri_get_query (parsed);
  if (query != NULL && strstr (query, "password") != NULL)
    query = NULL;
  else if (g_uri_get_password (parsed) == NULL)
    return g_strdup (uri);
  return g_uri_join (G_URI_FLAGS_NONE, g_uri_get_scheme (parsed), g_uri_get_user (parsed),
                     g_uri_get_host (parsed), g_uri_get_port (parsed), g_uri_get_path (parsed),
                     query, g_uri_get_fragment (parsed));
}

/**
 * xs_pg_store_open:
 * @uri: a libpq connection URI (postgresql://[user[:password]@][host][:port]/dbname); what
 *   it leaves out comes from libpq's environment (PGHOST, PGPASSWORD, ~/.pgpass…)
 *
 * Returns: (transfer full): the open store, migrated to the latest schema
 */
XsPgStore *
xs_pg_store_open (const char *uri, GError **error)
{
  g_autoptr (XsPgStore) self = NULL;
  g_autofree char *safe_uri = NULL;

  g_return_val_if_fail (uri != NULL, NULL);

  self = g_object_new (XS_TYPE_PG_STORE, NULL);
  self->uri = g_strdup (uri);
  safe_uri = xs_pg_store_dup_safe_uri (uri);
  self->conn = PQconnectdb (uri);
  if (self->conn == NULL || PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *message = dup_connection_message (self->conn);

      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_OPEN,
                   _ ("Cannot connect to the database %s: %s"), safe_uri, message);
      return NULL;
    }
  /* Quiet the server's notices (CREATE … IF NOT EXISTS and the like): they are not for the
   * clerk. Times are written by the program, so the session's time zone does not matter. */
  if (!xs_pg_exec (self, "SET client_min_messages = warning", error) || !migrate (self, error))
    {
      g_prefix_error (error, "%s: ", safe_uri);
      return NULL;
    }
  self->evidence_dir = dup_cache_dir (self, error);
  if (self->evidence_dir == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

int
xs_pg_store_get_schema_version (XsPgStore *self)
{
  return read_schema_version (self, NULL);
}

int
xs_pg_store_get_latest_schema_version (void)
{
  return (int)G_N_ELEMENTS (migrations);
}

const char *
xs_pg_store_get_uri (XsPgStore *self)
{
  return self->uri;
}

static gboolean
store_begin (XsStore *store, GError **error)
{
  XsPgStore *self = XS_PG_STORE (store);

  /* A connection the server dropped while idle comes back here, between transactions,
   * where nothing can be lost: its prepared statements go with it. */
  if (PQstatus (self->conn) == CONNECTION_BAD)
    {
      PQreset (self->conn);
      g_hash_table_remove_all (self->statements);
    }
  return xs_pg_exec (self, "BEGIN", error);
}

static gboolean
store_commit (XsStore *store, GError **error)
{
  XsPgStore *self = XS_PG_STORE (store);
  g_autoptr (PGresult) result = PQexec (self->conn, "COMMIT");

  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    {
      g_hash_table_remove_all (self->kept_blobs);
      return xs_pg_set_error (self, error, result, _ ("saving the changes"));
    }
  /* A transaction a failed statement aborted answers COMMIT with ROLLBACK: nothing was kept. */
  if (g_strcmp0 (PQcmdStatus (result), "ROLLBACK") == 0)
    {
      g_hash_table_remove_all (self->kept_blobs);
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_FAILED,
                   _ ("The database undid the changes after an earlier error; nothing was saved"));
      return FALSE;
    }
  return TRUE;
}

static void
store_rollback (XsStore *store)
{
  XsPgStore *self = XS_PG_STORE (store);

  g_hash_table_remove_all (self->kept_blobs);
  if (PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    xs_pg_exec (self, "ROLLBACK", NULL);
}

static GFile *
store_get_evidence_dir (XsStore *store)
{
  return XS_PG_STORE (store)->evidence_dir;
}

static void
xs_pg_store_finalize (GObject *object)
{
  XsPgStore *self = XS_PG_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_pointer (&self->kept_blobs, g_hash_table_unref);
  g_clear_pointer (&self->conn, PQfinish);
  g_clear_object (&self->evidence_dir);
  g_free (self->uri);

  G_OBJECT_CLASS (xs_pg_store_parent_class)->finalize (object);
}

static void
xs_pg_store_iface_init (XsStoreInterface *iface)
{
  iface->begin = store_begin;
  iface->commit = store_commit;
  iface->rollback = store_rollback;
  iface->get_evidence_dir = store_get_evidence_dir;
  xs_pg_store_records_init (iface);
  xs_pg_store_reports_init (iface);
  xs_pg_store_blobs_init (iface);
  xs_pg_store_texts_init (iface);
}

static void
xs_pg_store_class_init (XsPgStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xs_pg_store_finalize;
}

static void
xs_pg_store_init (XsPgStore *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  self->kept_blobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}
