/* xs-sqlite-store.c — the SQLite backend of XsStore.
 *
 * WAL with synchronous=FULL and foreign keys on; prepared statements only, compiled once per
 * connection; the schema carries its version in PRAGMA user_version and migrates forward
 * step by step inside one transaction.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "xs-audit.h"
#include "xs-db-lock.h"
#include "xs-sqlite-store.h"

struct _XsSqliteStore
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  XsDbLock *lock; /* see xs-db-lock.c: what keeps two programs on one file safe */
  GFile *evidence_dir;
  GHashTable *statements; /* SQL text (static) → sqlite3_stmt */
};

static void xs_sqlite_store_iface_init (XsStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XsSqliteStore, xs_sqlite_store, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (XS_TYPE_STORE, xs_sqlite_store_iface_init))

/* Each entry moves the schema from version i to i + 1. Never edit a shipped entry: add one. */
static const char *const migrations[] = {
  /* 0 → 1: the first schema. */
  "CREATE TABLE units ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  category TEXT NOT NULL CHECK (category IN ('provincial','municipal','other','central')),"
  "  name TEXT NOT NULL,"
  "  supervisor TEXT,"
  "  region TEXT);"
  "CREATE TABLE persons ("
  "  id TEXT PRIMARY KEY NOT NULL,"
  "  unit_id TEXT NOT NULL REFERENCES units (id),"
  "  name TEXT NOT NULL,"
  "  gender TEXT NOT NULL CHECK (gender IN ('male','female')),"
  "  id_number TEXT NOT NULL,"
  "  current_title TEXT,"
  "  applying_title TEXT,"
  "  specialty TEXT,"
  "  span_from INTEGER,"
  "  span_to INTEGER);"
  "CREATE INDEX persons_unit ON persons (unit_id);"
  "CREATE TABLE activities ("
  "  rowid INTEGER PRIMARY KEY,"
  "  id TEXT NOT NULL UNIQUE,"
  "  person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  status TEXT NOT NULL CHECK (status IN ('pending','approved','rejected')),"
  "  title TEXT,"
  "  organizer TEXT,"
  "  params TEXT NOT NULL,"
  "  credit_year INTEGER,"
  "  credit_public INTEGER NOT NULL DEFAULT 0,"
  "  credit_professional INTEGER NOT NULL DEFAULT 0);"
  "CREATE INDEX activities_person ON activities (person_id);"
  "CREATE TABLE evidence ("
  "  rowid INTEGER PRIMARY KEY,"
  "  activity INTEGER NOT NULL REFERENCES activities (rowid) ON DELETE CASCADE,"
  "  material TEXT NOT NULL,"
  "  sha256 TEXT NOT NULL CHECK (length (sha256) = 64),"
  "  file_name TEXT,"
  "  size INTEGER NOT NULL);"
  "CREATE INDEX evidence_activity ON evidence (activity);"
  "CREATE INDEX evidence_sha256 ON evidence (sha256);"
  "CREATE TABLE reviews ("
  "  rowid INTEGER PRIMARY KEY,"
  "  activity INTEGER NOT NULL REFERENCES activities (rowid) ON DELETE CASCADE,"
  "  reviewer TEXT NOT NULL,"
  "  date TEXT NOT NULL,"
  "  decision TEXT NOT NULL CHECK (decision IN ('pending','approved','rejected')),"
  "  reason TEXT NOT NULL DEFAULT '');"
  "CREATE INDEX reviews_activity ON reviews (activity);",

  /* 1 → 2: deemed-complete years beside the credit, so unit reports stay one aggregate;
   * a key-value table for the stamp of the rules the stored credits were computed with. */
  "ALTER TABLE activities ADD COLUMN deemed_from INTEGER;"
  "ALTER TABLE activities ADD COLUMN deemed_to INTEGER;"
  "CREATE INDEX activities_deemed ON activities (person_id) WHERE deemed_from IS NOT NULL;"
  "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);",

  /* 2 → 3: the audit trail. Triggers refuse edits from the program; an edit made around them
   * (the sqlite3 shell can drop a trigger) breaks the hash chain, which fsck verifies. */
  "CREATE TABLE audit ("
  "  seq INTEGER PRIMARY KEY,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  person_id TEXT,"
  "  target TEXT,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL);"
  "CREATE INDEX audit_person ON audit (person_id);"
  "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
  "  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;"
  "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
  "  BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;",

  /* 3 → 4: a covering index for the unit report's aggregate, so it reads the index in
   * person order instead of every row and a temporary sort (bench: 2.0 s → 0.75 s over a
   * million activities). */
  "CREATE INDEX activities_totals ON activities "
  "  (person_id, credit_year, status, credit_public, credit_professional) "
  "  WHERE status != 'rejected' AND credit_year IS NOT NULL;",

  /* 4 → 5: certified years replace their year's other activities (rules-2026.md section 3),
   * so the aggregate keeps them apart; deemed credits, summed by their own query, leave the
   * covering index. Forgetting the rules stamp recomputes every stored credit once. */
  "ALTER TABLE activities ADD COLUMN credit_replaces INTEGER NOT NULL DEFAULT 0;"
  "DROP INDEX activities_totals;"
  "CREATE INDEX activities_totals ON activities "
  "  (person_id, credit_year, status, credit_replaces, credit_public, credit_professional) "
  "  WHERE status != 'rejected' AND credit_year IS NOT NULL AND deemed_from IS NULL;"
  "DELETE FROM meta WHERE key = 'credits-rules-digest';",

  /* 5 → 6: the verification round (初审 → 复审 → 备案): each decision on a person's round,
   * in order; where a round stands is worked out from them (xs-round.c). */
  "CREATE TABLE round_events ("
  "  rowid INTEGER PRIMARY KEY,"
  "  person_id TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,"
  "  year INTEGER NOT NULL,"
  "  stage TEXT NOT NULL,"
  "  decision TEXT NOT NULL CHECK (decision IN ('passed', 'returned', 'reopened')),"
  "  reviewer TEXT NOT NULL,"
  "  date TEXT NOT NULL,"
  "  opinion TEXT,"
  "  override TEXT);"
  "CREATE INDEX round_events_person ON round_events (person_id, year);",
};

static gboolean
set_sqlite_error (XsSqliteStore *self, GError **error, int code, const char *what)
{
  int rc = sqlite3_extended_errcode (self->db);

  g_set_error (error, XS_STORE_ERROR,
               rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? XS_STORE_ERROR_BUSY
               : (rc & 0xff) == SQLITE_CONSTRAINT       ? XS_STORE_ERROR_CONFLICT
                                                        : code,
               _ ("Database error while %s: %s"), what, sqlite3_errmsg (self->db));
  return FALSE;
}

static gboolean
exec (XsSqliteStore *self, const char *sql, GError **error)
{
  char *message = NULL;

  if (sqlite3_exec (self->db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_FAILED, _ ("Database error: %s"),
                   message ? message : sqlite3_errmsg (self->db));
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

/* Returns the cached statement for @sql, reset and unbound. @sql must be a string literal. */
static sqlite3_stmt *
statement (XsSqliteStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
          SQLITE_OK)
        {
          set_sqlite_error (self, error, XS_STORE_ERROR_FAILED, _ ("preparing a query"));
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer)sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

static void
bind_text (sqlite3_stmt *stmt, int i, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

static char *
column_dup (sqlite3_stmt *stmt, int i)
{
  const unsigned char *text = sqlite3_column_text (stmt, i);

  return text ? g_strdup ((const char *)text) : NULL;
}

static gboolean
step_done (XsSqliteStore *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (self, error, XS_STORE_ERROR_FAILED, what);
  return TRUE;
}

static int
read_user_version (XsSqliteStore *self)
{
  sqlite3_stmt *stmt = statement (self, "PRAGMA user_version", NULL);
  int version = -1;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return version;
}

static gboolean
migrate (XsSqliteStore *self, int target, GError **error)
{
  int version = read_user_version (self);
  int latest = target;

  if (version < 0)
    return set_sqlite_error (self, error, XS_STORE_ERROR_OPEN, _ ("reading the schema version"));
  if (version > latest)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_VERSION,
                   _ ("The database was made by a newer Xueshi (schema %d; this one knows %d)"),
                   version, latest);
      return FALSE;
    }
  if (version == latest)
    return TRUE;

  if (!exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int v = version; v < latest; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!exec (self, migrations[v], error) || !exec (self, set_version, error))
        {
          exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return exec (self, "COMMIT", error);
}

/* The folder's and the file's permissions are the owner's alone: the records are personal
 * data (names, ID numbers). */
static gboolean
prepare_location (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_OPEN, _ ("Cannot create folder %s: %s"),
                   dir, g_strerror (saved));
      return FALSE;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      int fd = g_open (path, O_CREAT | O_WRONLY | O_CLOEXEC, 0600);
      if (fd < 0)
        {
          int saved = errno;
          g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_OPEN,
                       _ ("Cannot create database %s: %s"), path, g_strerror (saved));
          return FALSE;
        }
      close (fd);
    }
  return TRUE;
}

/**
 * xs_sqlite_store_set_cache_size:
 * @kib: the most page cache this connection keeps, in KiB
 *
 * A connection that only scans (the unit report) gains nothing from a large cache: each page
 * is read once. A small one keeps the scan's memory small.
 *
 * Returns: whether SQLite took it
 */
gboolean
xs_sqlite_store_set_cache_size (XsSqliteStore *self, guint kib, GError **error)
{
  g_autofree char *pragma = NULL;

  g_return_val_if_fail (XS_IS_SQLITE_STORE (self), FALSE);
  g_return_val_if_fail (kib > 0 && kib <= 1024 * 1024, FALSE);

  /* A PRAGMA takes no parameters; the value is a checked integer, not text from outside. */
  pragma = g_strdup_printf ("PRAGMA cache_size = -%u", kib);
  return exec (self, pragma, error);
}

/**
 * xs_sqlite_store_open:
 * @path: the database file; created (mode 0600) when missing
 *
 * Returns: (transfer full): the open store, migrated to the latest schema
 */
XsSqliteStore *
xs_sqlite_store_open (const char *path, GError **error)
{
  return xs_sqlite_store_open_at_version (path, (int)G_N_ELEMENTS (migrations), error);
}

/**
 * xs_sqlite_store_open_at_version:
 * @target: migrate no further than this schema version
 *
 * For tests of the migrations: makes or opens a database as an older Xueshi would have.
 *
 * Returns: (transfer full): the open store
 */
XsSqliteStore *
xs_sqlite_store_open_at_version (const char *path, int target, GError **error)
{
  g_autoptr (XsSqliteStore) self = NULL;
  g_autofree char *evidence = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (target >= 0 && target <= (int)G_N_ELEMENTS (migrations), NULL);

  if (!prepare_location (path, error))
    return NULL;

  self = g_object_new (XS_TYPE_SQLITE_STORE, NULL);
  self->path = g_strdup (path);
  evidence = g_strconcat (path, ".evidence", NULL);
  self->evidence_dir = g_file_new_for_path (evidence);

  self->lock = xs_db_lock_open (path, error);
  if (self->lock == NULL)
    return NULL;

  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
      SQLITE_OK)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_OPEN, _ ("Cannot open database %s: %s"),
                   path, self->db ? sqlite3_errmsg (self->db) : g_strerror (ENOMEM));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  sqlite3_extended_result_codes (self->db, 1);
  {
    /* SQLite decides on close whether it is the last user by its own POSIX locks, which
     * another close() in the same process drops; it must never checkpoint and delete the
     * write-ahead log on that guess. finalize() checkpoints when xs-db-lock knows. */
    int persist = 1;

    sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    sqlite3_file_control (self->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
  }

  if (!exec (self, "PRAGMA journal_mode = WAL", error) ||
      !exec (self, "PRAGMA synchronous = FULL", error) ||
      !exec (self, "PRAGMA foreign_keys = ON", error) ||
      /* 8 MB: measured faster than 32 MB for imports and unit reports (streaming scans
       * churn a large cache), and a third of the memory. */
      !exec (self, "PRAGMA cache_size = -8000", error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  /* A file that is not a database fails here, on the first read. */
  if (!migrate (self, target, error))
    {
      g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  return g_steal_pointer (&self);
}

int
xs_sqlite_store_get_schema_version (XsSqliteStore *self)
{
  return read_user_version (self);
}

int
xs_sqlite_store_get_latest_schema_version (void)
{
  return (int)G_N_ELEMENTS (migrations);
}

const char *
xs_sqlite_store_get_path (XsSqliteStore *self)
{
  return self->path;
}

static gboolean
store_begin (XsStore *store, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);

  if (!xs_db_lock_begin_write (self->lock, 5000, error))
    return FALSE;
  if (!exec (self, "BEGIN IMMEDIATE", error))
    {
      xs_db_lock_end_write (self->lock);
      return FALSE;
    }
  return TRUE;
}

static gboolean
store_commit (XsStore *store, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  gboolean ok = exec (self, "COMMIT", error);

  /* A failed COMMIT leaves the transaction open for the caller's rollback. */
  if (sqlite3_get_autocommit (self->db))
    xs_db_lock_end_write (self->lock);
  return ok;
}

static void
store_rollback (XsStore *store)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);

  if (!sqlite3_get_autocommit (self->db))
    exec (self, "ROLLBACK", NULL);
  xs_db_lock_end_write (self->lock);
}

static gboolean
store_put_unit (XsStore *store, const XsUnit *unit, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = statement (self,
                                  "INSERT INTO units (id, category, name, supervisor, region) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (id) DO UPDATE SET "
                                  "category = ?2, name = ?3, supervisor = ?4, region = ?5",
                                  error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, unit->id);
  bind_text (stmt, 2, unit->category);
  bind_text (stmt, 3, unit->name);
  bind_text (stmt, 4, unit->supervisor);
  bind_text (stmt, 5, unit->region);
  return step_done (self, stmt, _ ("saving a unit"), error);
}

static gboolean
store_put_person (XsStore *store, const XsPerson *p, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt;

  stmt = statement (self,
                    "INSERT INTO persons (id, unit_id, name, gender, id_number, current_title, "
                    "applying_title, specialty, span_from, span_to) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (id) DO UPDATE "
                    "SET unit_id = ?2, name = ?3, gender = ?4, id_number = ?5, current_title = ?6, "
                    "applying_title = ?7, specialty = ?8, span_from = ?9, span_to = ?10",
                    error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, p->id);
  bind_text (stmt, 2, p->unit_id);
  bind_text (stmt, 3, p->name);
  bind_text (stmt, 4, p->gender);
  bind_text (stmt, 5, p->id_number);
  bind_text (stmt, 6, p->current_title);
  bind_text (stmt, 7, p->applying_title);
  bind_text (stmt, 8, p->specialty);
  if (p->span_from != 0)
    {
      sqlite3_bind_int (stmt, 9, (int)p->span_from);
      sqlite3_bind_int (stmt, 10, (int)p->span_to);
    }
  return step_done (self, stmt, _ ("saving a person"), error);
}

static gboolean
store_replace_person (XsStore *store, const XsPerson *p, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt;

  /* Activities go with the person (ON DELETE CASCADE), evidence and reviews with them. */
  stmt = statement (self, "DELETE FROM activities WHERE person_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, p->id);
  if (!step_done (self, stmt, _ ("replacing a person"), error))
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

  stmt = statement (self,
                    "INSERT INTO activities (id, person_id, kind, status, title, organizer, "
                    "params, credit_year, credit_public, credit_professional, deemed_from, "
                    "deemed_to, credit_replaces) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                    error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, a->id);
  bind_text (stmt, 2, a->person_id);
  bind_text (stmt, 3, a->kind);
  bind_text (stmt, 4, xs_status_to_string (a->status));
  bind_text (stmt, 5, a->title);
  bind_text (stmt, 6, a->organizer);
  bind_text (stmt, 7, params);
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
  if (!step_done (self, stmt, _ ("saving an activity"), error))
    return FALSE;
  rowid = sqlite3_last_insert_rowid (self->db);

  for (guint i = 0; i < a->evidence->len; i++)
    {
      const XsEvidence *e = g_ptr_array_index (a->evidence, i);

      stmt = statement (self,
                        "INSERT INTO evidence (activity, material, sha256, file_name, size) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)",
                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      bind_text (stmt, 2, e->material);
      bind_text (stmt, 3, e->sha256);
      bind_text (stmt, 4, e->file_name);
      sqlite3_bind_int64 (stmt, 5, e->size);
      if (!step_done (self, stmt, _ ("saving an evidence reference"), error))
        return FALSE;
    }

  for (guint i = 0; i < a->reviews->len; i++)
    {
      const XsReview *r = g_ptr_array_index (a->reviews, i);

      stmt = statement (self,
                        "INSERT INTO reviews (activity, reviewer, date, decision, reason) "
                        "VALUES (?1, ?2, ?3, ?4, ?5)",
                        error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, rowid);
      bind_text (stmt, 2, r->reviewer);
      bind_text (stmt, 3, r->date);
      bind_text (stmt, 4, xs_status_to_string (r->decision));
      bind_text (stmt, 5, r->reason ? r->reason : "");
      if (!step_done (self, stmt, _ ("saving a review"), error))
        return FALSE;
    }
  return TRUE;
}

static char *
store_dup_activity_owner (XsStore *store, const char *activity_id, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = statement (self, "SELECT person_id FROM activities WHERE id = ?1", error);
  char *owner = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, activity_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    owner = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return owner;
}

static XsUnit *
store_get_unit (XsStore *store, const char *id, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = statement (
      self, "SELECT id, category, name, supervisor, region FROM units WHERE id = ?1", error);
  XsUnit *unit = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      unit = xs_unit_new ();
      unit->id = column_dup (stmt, 0);
      unit->category = column_dup (stmt, 1);
      unit->name = column_dup (stmt, 2);
      unit->supervisor = column_dup (stmt, 3);
      unit->region = column_dup (stmt, 4);
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
  sqlite3_stmt *stmt = statement (
      self, "SELECT id, category, name, supervisor, region FROM units ORDER BY id", error);
  GPtrArray *units;

  if (stmt == NULL)
    return NULL;
  units = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_unit_unref);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      XsUnit *unit = xs_unit_new ();

      unit->id = column_dup (stmt, 0);
      unit->category = column_dup (stmt, 1);
      unit->name = column_dup (stmt, 2);
      unit->supervisor = column_dup (stmt, 3);
      unit->region = column_dup (stmt, 4);
      g_ptr_array_add (units, unit);
    }
  sqlite3_reset (stmt);
  return units;
}

static gboolean
store_add_round_event (XsStore *store, const XsRoundEvent *e, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = statement (self,
                                  "INSERT INTO round_events (person_id, year, stage, decision, "
                                  "reviewer, date, opinion, override) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                  error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, e->person_id);
  sqlite3_bind_int (stmt, 2, (int)e->year);
  bind_text (stmt, 3, e->stage);
  bind_text (stmt, 4, e->decision);
  bind_text (stmt, 5, e->reviewer);
  bind_text (stmt, 6, e->date);
  bind_text (stmt, 7, e->opinion);
  bind_text (stmt, 8, e->override);
  return step_done (self, stmt, _ ("saving a review of the round"), error);
}

static GPtrArray *
store_list_round_events (XsStore *store, const char *person_id, guint year, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      person_id != NULL
          ? statement (self,
                       "SELECT person_id, year, stage, decision, reviewer, date, opinion, "
                       "override FROM round_events WHERE person_id = ?1 AND (?2 = 0 OR year = ?2) "
                       "ORDER BY year, rowid",
                       error)
          : statement (self,
                       "SELECT person_id, year, stage, decision, reviewer, date, opinion, "
                       "override FROM round_events WHERE year = ?2 ORDER BY person_id, rowid",
                       error);
  GPtrArray *events;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (person_id != NULL)
    bind_text (stmt, 1, person_id);
  sqlite3_bind_int (stmt, 2, (int)year);
  events = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_round_event_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XsRoundEvent *e = g_new0 (XsRoundEvent, 1);

      e->person_id = column_dup (stmt, 0);
      e->year = (guint)sqlite3_column_int (stmt, 1);
      e->stage = column_dup (stmt, 2);
      e->decision = column_dup (stmt, 3);
      e->reviewer = column_dup (stmt, 4);
      e->date = column_dup (stmt, 5);
      e->opinion = column_dup (stmt, 6);
      e->override = column_dup (stmt, 7);
      g_ptr_array_add (events, e);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_ptr_array_unref (events);
      set_sqlite_error (self, error, XS_STORE_ERROR_FAILED, _ ("reading the round"));
      return NULL;
    }
  return events;
}

#define PERSON_COLUMNS                                                                             \
  "id, unit_id, name, gender, id_number, current_title, applying_title, specialty, span_from, "    \
  "span_to"

static XsPerson *
person_from_row (sqlite3_stmt *stmt)
{
  XsPerson *p = xs_person_new ();

  p->id = column_dup (stmt, 0);
  p->unit_id = column_dup (stmt, 1);
  p->name = column_dup (stmt, 2);
  p->gender = column_dup (stmt, 3);
  p->id_number = column_dup (stmt, 4);
  p->current_title = column_dup (stmt, 5);
  p->applying_title = column_dup (stmt, 6);
  p->specialty = column_dup (stmt, 7);
  p->span_from = (guint)sqlite3_column_int (stmt, 8);
  p->span_to = (guint)sqlite3_column_int (stmt, 9);
  return p;
}

static XsPerson *
store_get_person (XsStore *store, const char *id, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      statement (self, "SELECT " PERSON_COLUMNS " FROM persons WHERE id = ?1", error);
  XsPerson *p = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
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
      statement (self, "SELECT " PERSON_COLUMNS " FROM persons ORDER BY id", error);
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
      set_sqlite_error (self, error, XS_STORE_ERROR_FAILED, _ ("listing persons"));
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

  stmt = statement (self,
                    "SELECT rowid, id, person_id, kind, status, title, organizer, params "
                    "FROM activities WHERE person_id = ?1 ORDER BY rowid",
                    error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, person_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      XsActivity *a = xs_activity_new ();
      gint64 rowid = sqlite3_column_int64 (stmt, 0);

      a->id = column_dup (stmt, 1);
      a->person_id = column_dup (stmt, 2);
      a->kind = column_dup (stmt, 3);
      xs_status_from_string ((const char *)sqlite3_column_text (stmt, 4), &a->status);
      a->title = column_dup (stmt, 5);
      a->organizer = column_dup (stmt, 6);
      xs_activity_set_params_string (a, (const char *)sqlite3_column_text (stmt, 7));
      g_ptr_array_add (activities, a);
      g_array_append_val (rowids, rowid);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto sql_failed;

  for (guint i = 0; i < rowids->len; i++)
    g_hash_table_insert (by_rowid, &g_array_index (rowids, gint64, i),
                         g_ptr_array_index (activities, i));

  stmt = statement (self,
                    "SELECT e.activity, e.material, e.sha256, e.file_name, e.size FROM evidence e "
                    "JOIN activities a ON a.rowid = e.activity WHERE a.person_id = ?1 "
                    "ORDER BY e.rowid",
                    error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, person_id);
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

  stmt = statement (self,
                    "SELECT r.activity, r.reviewer, r.date, r.decision, r.reason FROM reviews r "
                    "JOIN activities a ON a.rowid = r.activity WHERE a.person_id = ?1 "
                    "ORDER BY r.rowid",
                    error);
  if (stmt == NULL)
    goto failed;
  bind_text (stmt, 1, person_id);
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
  set_sqlite_error (self, error, XS_STORE_ERROR_FAILED, _ ("reading activities"));
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
  sqlite3_stmt *stmt = statement (self, "SELECT person_id FROM activities WHERE id = ?1", error);

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    person_id = column_dup (stmt, 0);
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
changed_one_row (XsSqliteStore *self, const char *what, const char *id, GError **error)
{
  if (sqlite3_changes (self->db) == 0)
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
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  g_autofree char *params = xs_activity_dup_params_string (a);
  sqlite3_stmt *stmt = statement (
      self,
      "UPDATE activities SET kind = ?2, status = ?3, title = ?4, organizer = ?5, params = ?6, "
      "credit_year = ?7, credit_public = ?8, credit_professional = ?9, deemed_from = ?10, "
      "deemed_to = ?11, credit_replaces = ?12 WHERE id = ?1",
      error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, a->id);
  bind_text (stmt, 2, a->kind);
  bind_text (stmt, 3, xs_status_to_string (a->status));
  bind_text (stmt, 4, a->title);
  bind_text (stmt, 5, a->organizer);
  bind_text (stmt, 6, params);
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
  if (!step_done (self, stmt, _ ("updating an activity"), error))
    return FALSE;
  return changed_one_row (self, _ ("activity"), a->id, error);
}

static gboolean
store_delete_activity (XsStore *store, const char *id, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = statement (self, "DELETE FROM activities WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  if (!step_done (self, stmt, _ ("deleting an activity"), error))
    return FALSE;
  return changed_one_row (self, _ ("activity"), id, error);
}

static gboolean
store_delete_person (XsStore *store, const char *id, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  /* Activities go with the person (ON DELETE CASCADE), evidence and reviews with them. */
  sqlite3_stmt *stmt = statement (self, "DELETE FROM persons WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, id);
  if (!step_done (self, stmt, _ ("deleting a person"), error))
    return FALSE;
  return changed_one_row (self, _ ("person"), id, error);
}

static gboolean
store_add_evidence (XsStore *store, const char *activity_id, const XsEvidence *e, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      statement (self,
                 "INSERT INTO evidence (activity, material, sha256, file_name, size) "
                 "SELECT rowid, ?2, ?3, ?4, ?5 FROM activities WHERE id = ?1",
                 error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, activity_id);
  bind_text (stmt, 2, e->material);
  bind_text (stmt, 3, e->sha256);
  bind_text (stmt, 4, e->file_name);
  sqlite3_bind_int64 (stmt, 5, e->size);
  if (!step_done (self, stmt, _ ("saving an evidence reference"), error))
    return FALSE;
  return changed_one_row (self, _ ("activity"), activity_id, error);
}

static gboolean
store_remove_evidence (XsStore *store, const char *activity_id, const char *sha256,
                       const char *material, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = statement (
      self,
      "DELETE FROM evidence WHERE rowid = (SELECT e.rowid FROM evidence e JOIN activities a "
      "ON a.rowid = e.activity WHERE a.id = ?1 AND e.sha256 = ?2 AND e.material = ?3 LIMIT 1)",
      error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, activity_id);
  bind_text (stmt, 2, sha256);
  bind_text (stmt, 3, material);
  if (!step_done (self, stmt, _ ("removing an evidence reference"), error))
    return FALSE;
  return changed_one_row (self, _ ("evidence file"), sha256, error);
}

static gboolean
store_retag_evidence (XsStore *store, const char *activity_id, const char *sha256,
                      const char *old_material, const char *new_material, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = statement (
      self,
      "UPDATE evidence SET material = ?4 WHERE rowid = (SELECT e.rowid FROM evidence e JOIN "
      "activities a ON a.rowid = e.activity WHERE a.id = ?1 AND e.sha256 = ?2 AND "
      "e.material = ?3 LIMIT 1)",
      error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, activity_id);
  bind_text (stmt, 2, sha256);
  bind_text (stmt, 3, old_material);
  bind_text (stmt, 4, new_material);
  if (!step_done (self, stmt, _ ("tagging an evidence file"), error))
    return FALSE;
  return changed_one_row (self, _ ("evidence file"), sha256, error);
}

static gboolean
store_add_review (XsStore *store, const char *activity_id, const XsReview *r, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = statement (self, "UPDATE activities SET status = ?2 WHERE id = ?1", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, activity_id);
  bind_text (stmt, 2, xs_status_to_string (r->decision));
  if (!step_done (self, stmt, _ ("recording a review"), error) ||
      !changed_one_row (self, _ ("activity"), activity_id, error))
    return FALSE;

  stmt = statement (self,
                    "INSERT INTO reviews (activity, reviewer, date, decision, reason) "
                    "SELECT rowid, ?2, ?3, ?4, ?5 FROM activities WHERE id = ?1",
                    error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, activity_id);
  bind_text (stmt, 2, r->reviewer);
  bind_text (stmt, 3, r->date);
  bind_text (stmt, 4, xs_status_to_string (r->decision));
  bind_text (stmt, 5, r->reason ? r->reason : "");
  return step_done (self, stmt, _ ("recording a review"), error);
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

  stmt = statement (self, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (stmt, 0) + 1;
      prev_hash = column_dup (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (prev_hash == NULL)
    prev_hash = g_strdup (XS_AUDIT_FIRST_HASH);

  hash = xs_audit_compute_hash (seq, at, record, prev_hash);
  stmt = statement (self,
                    "INSERT INTO audit (seq, at, actor, action, person_id, target, old_value, "
                    "new_value, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seq);
  bind_text (stmt, 2, at);
  bind_text (stmt, 3, record->actor);
  bind_text (stmt, 4, record->action);
  bind_text (stmt, 5, record->person_id);
  bind_text (stmt, 6, record->target);
  bind_text (stmt, 7, record->old_value);
  bind_text (stmt, 8, record->new_value);
  bind_text (stmt, 9, prev_hash);
  bind_text (stmt, 10, hash);
  return step_done (self, stmt, _ ("writing the audit trail"), error);
}

static gboolean
store_foreach_audit (XsStore *store, const char *person_id, XsAuditRowFunc func, gpointer user_data,
                     GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  int rc;

  stmt = statement (self,
                    "SELECT seq, at, actor, action, person_id, target, old_value, new_value, "
                    "prev_hash, hash FROM audit WHERE ?1 IS NULL OR person_id = ?1 ORDER BY seq",
                    error);
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, person_id);
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
    return set_sqlite_error (self, error, XS_STORE_ERROR_FAILED, _ ("reading the audit trail"));
  return TRUE;
}

static GHashTable *
store_dup_referenced_blobs (XsStore *store, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = statement (self, "SELECT DISTINCT sha256 FROM evidence", error);
  GHashTable *set;
  int rc;

  if (stmt == NULL)
    return NULL;
  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set, column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_hash_table_unref (set);
      set_sqlite_error (self, error, XS_STORE_ERROR_FAILED, _ ("listing evidence files"));
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

  stmt = statement (self, "PRAGMA integrity_check", error);
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
    return set_sqlite_error (self, error, XS_STORE_ERROR_FAILED, _ ("checking the database"));

  stmt = statement (self, "PRAGMA foreign_key_check", error);
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
    return set_sqlite_error (self, error, XS_STORE_ERROR_FAILED, _ ("checking the database"));
  return TRUE;
}

static gint64
count_rows (XsSqliteStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = statement (self, sql, error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    set_sqlite_error (self, error, XS_STORE_ERROR_FAILED, _ ("counting records"));
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

  stmt = statement (self,
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
    return set_sqlite_error (self, error, XS_STORE_ERROR_FAILED, _ ("summing hours"));
  return TRUE;
}

static gboolean
store_foreach_deemed (XsStore *store, XsDeemedFunc func, gpointer user_data, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  int rc;

  stmt = statement (self,
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
    return set_sqlite_error (self, error, XS_STORE_ERROR_FAILED, _ ("reading deemed years"));
  return TRUE;
}

static gboolean
store_foreach_activity (XsStore *store, XsActivityFunc func, gpointer user_data, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt;
  int rc;

  stmt = statement (
      self, "SELECT id, person_id, kind, status, params FROM activities ORDER BY rowid", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr (XsActivity) a = xs_activity_new ();

      a->id = column_dup (stmt, 0);
      a->person_id = column_dup (stmt, 1);
      a->kind = column_dup (stmt, 2);
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
    return set_sqlite_error (self, error, XS_STORE_ERROR_FAILED, _ ("reading activities"));
  return TRUE;
}

static gboolean
store_update_credit (XsStore *store, const char *activity_id, const XsStoredCredit *credit,
                     GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt =
      statement (self,
                 "UPDATE activities SET credit_year = ?2, credit_public = ?3, "
                 "credit_professional = ?4, deemed_from = ?5, deemed_to = ?6, "
                 "credit_replaces = ?7 WHERE id = ?1",
                 error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, activity_id);
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
  return step_done (self, stmt, _ ("updating a credit"), error);
}

static char *
store_dup_meta (XsStore *store, const char *key, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = statement (self, "SELECT value FROM meta WHERE key = ?1", error);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  bind_text (stmt, 1, key);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
store_set_meta (XsStore *store, const char *key, const char *value, GError **error)
{
  XsSqliteStore *self = XS_SQLITE_STORE (store);
  sqlite3_stmt *stmt = statement (
      self,
      "INSERT INTO meta (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
      error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, key);
  bind_text (stmt, 2, value);
  return step_done (self, stmt, _ ("saving a setting"), error);
}

static GFile *
store_get_evidence_dir (XsStore *store)
{
  return XS_SQLITE_STORE (store)->evidence_dir;
}

static void
xs_sqlite_store_finalize (GObject *object)
{
  XsSqliteStore *self = XS_SQLITE_STORE (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  /* Only the last program on the database folds the log back in (see xs-db-lock.c). */
  if (self->db != NULL && self->lock != NULL && xs_db_lock_try_alone (self->lock))
    exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_clear_pointer (&self->lock, xs_db_lock_free);
  g_clear_object (&self->evidence_dir);
  g_free (self->path);

  G_OBJECT_CLASS (xs_sqlite_store_parent_class)->finalize (object);
}

static void
xs_sqlite_store_iface_init (XsStoreInterface *iface)
{
  iface->begin = store_begin;
  iface->commit = store_commit;
  iface->rollback = store_rollback;
  iface->put_unit = store_put_unit;
  iface->replace_person = store_replace_person;
  iface->put_person = store_put_person;
  iface->add_activity = store_add_activity;
  iface->dup_activity_owner = store_dup_activity_owner;
  iface->get_unit = store_get_unit;
  iface->get_person = store_get_person;
  iface->list_persons = store_list_persons;
  iface->list_activities = store_list_activities;
  iface->get_counts = store_get_counts;
  iface->get_evidence_dir = store_get_evidence_dir;
  iface->foreach_year_total = store_foreach_year_total;
  iface->foreach_deemed = store_foreach_deemed;
  iface->foreach_activity = store_foreach_activity;
  iface->update_credit = store_update_credit;
  iface->dup_meta = store_dup_meta;
  iface->set_meta = store_set_meta;
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
  iface->append_audit = store_append_audit;
  iface->foreach_audit = store_foreach_audit;
  iface->dup_referenced_blobs = store_dup_referenced_blobs;
  iface->check_integrity = store_check_integrity;
}

static void
xs_sqlite_store_class_init (XsSqliteStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xs_sqlite_store_finalize;
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
xs_sqlite_store_init (XsSqliteStore *self)
{
  self->statements =
      g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, finalize_statement);
}
