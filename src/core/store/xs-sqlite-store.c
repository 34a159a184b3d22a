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
#include "xs-sqlite-store-private.h"

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

  /* 6 → 7: row versions, so a save of a record another program changed since it was read
   * is refused (the store's update compares them). Triggers count every change, whichever
   * statement makes it; recomputed credits are not a change to the record. */
  "ALTER TABLE persons ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "ALTER TABLE activities ADD COLUMN version INTEGER NOT NULL DEFAULT 1;"
  "CREATE TRIGGER persons_version AFTER UPDATE OF unit_id, name, gender, id_number, "
  "  current_title, applying_title, specialty, span_from, span_to ON persons "
  "  BEGIN UPDATE persons SET version = OLD.version + 1 WHERE id = NEW.id; END;"
  "CREATE TRIGGER activities_version AFTER UPDATE OF kind, status, title, organizer, params "
  "  ON activities "
  "  BEGIN UPDATE activities SET version = OLD.version + 1 WHERE rowid = NEW.rowid; END;"
  "CREATE TRIGGER evidence_added_version AFTER INSERT ON evidence "
  "  BEGIN UPDATE activities SET version = version + 1 WHERE rowid = NEW.activity; END;"
  "CREATE TRIGGER evidence_removed_version AFTER DELETE ON evidence "
  "  BEGIN UPDATE activities SET version = version + 1 WHERE rowid = OLD.activity; END;"
  "CREATE TRIGGER evidence_retagged_version AFTER UPDATE ON evidence "
  "  BEGIN UPDATE activities SET version = version + 1 WHERE rowid = NEW.activity; END;"
  "CREATE TRIGGER reviews_version AFTER INSERT ON reviews "
  "  BEGIN UPDATE activities SET version = version + 1 WHERE rowid = NEW.activity; END;",

  /* 7 → 8: the text read from each evidence file (xs-ocr), kept beside it so that it is
   * read once, searched, and its certificate number found on other activities. */
  "CREATE TABLE evidence_text (sha256 TEXT PRIMARY KEY NOT NULL CHECK (length (sha256) = 64), "
  "  text TEXT NOT NULL, fields TEXT NOT NULL, certificate_number TEXT, read_at TEXT NOT NULL);"
  "CREATE INDEX evidence_text_certificate ON evidence_text (certificate_number) "
  "  WHERE certificate_number IS NOT NULL;",
};

gboolean
xs_sqlite_set_error (XsSqliteStore *self, GError **error, int code, const char *what)
{
  int rc = sqlite3_extended_errcode (self->db);

  g_set_error (error, XS_STORE_ERROR,
               rc == SQLITE_BUSY || rc == SQLITE_LOCKED ? XS_STORE_ERROR_BUSY
               : (rc & 0xff) == SQLITE_CONSTRAINT       ? XS_STORE_ERROR_CONFLICT
                                                        : code,
               _ ("Database error while %s: %s"), what, sqlite3_errmsg (self->db));
  return FALSE;
}

gboolean
xs_sqlite_exec (XsSqliteStore *self, const char *sql, GError **error)
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
sqlite3_stmt *
xs_sqlite_statement (XsSqliteStore *self, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt == NULL)
    {
      if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) !=
          SQLITE_OK)
        {
          xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, _ ("preparing a query"));
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer)sql, stmt);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return stmt;
}

void
xs_sqlite_bind_text (sqlite3_stmt *stmt, int i, const char *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, i);
}

char *
xs_sqlite_column_dup (sqlite3_stmt *stmt, int i)
{
  const unsigned char *text = sqlite3_column_text (stmt, i);

  return text ? g_strdup ((const char *)text) : NULL;
}

gboolean
xs_sqlite_step_done (XsSqliteStore *self, sqlite3_stmt *stmt, const char *what, GError **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return xs_sqlite_set_error (self, error, XS_STORE_ERROR_FAILED, what);
  return TRUE;
}

gboolean
xs_sqlite_changed_one_row (XsSqliteStore *self, const char *what, const char *id, GError **error)
{
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND, _ ("No %s “%s”"), what, id);
      return FALSE;
    }
  return TRUE;
}

static int
read_user_version (XsSqliteStore *self)
{
  sqlite3_stmt *stmt = xs_sqlite_statement (self, "PRAGMA user_version", NULL);
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
    return xs_sqlite_set_error (self, error, XS_STORE_ERROR_OPEN, _ ("reading the schema version"));
  if (version > latest)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_VERSION,
                   _ ("The database was made by a newer Xueshi (schema %d; this one knows %d)"),
                   version, latest);
      return FALSE;
    }
  if (version == latest)
    return TRUE;

  if (!xs_sqlite_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;
  for (int v = version; v < latest; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v + 1);

      if (!xs_sqlite_exec (self, migrations[v], error) ||
          !xs_sqlite_exec (self, set_version, error))
        {
          xs_sqlite_exec (self, "ROLLBACK", NULL);
          return FALSE;
        }
    }
  return xs_sqlite_exec (self, "COMMIT", error);
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
  return xs_sqlite_exec (self, pragma, error);
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

  if (!xs_sqlite_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !xs_sqlite_exec (self, "PRAGMA synchronous = FULL", error) ||
      !xs_sqlite_exec (self, "PRAGMA foreign_keys = ON", error) ||
      /* 8 MB: measured faster than 32 MB for imports and unit reports (streaming scans
       * churn a large cache), and a third of the memory. */
      !xs_sqlite_exec (self, "PRAGMA cache_size = -8000", error))
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
  if (!xs_sqlite_exec (self, "BEGIN IMMEDIATE", error))
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
  gboolean ok = xs_sqlite_exec (self, "COMMIT", error);

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
    xs_sqlite_exec (self, "ROLLBACK", NULL);
  xs_db_lock_end_write (self->lock);
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
    xs_sqlite_exec (self, "PRAGMA wal_checkpoint(TRUNCATE)", NULL);
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
  iface->get_evidence_dir = store_get_evidence_dir;
  xs_sqlite_store_records_init (iface);
  xs_sqlite_store_reports_init (iface);
  xs_sqlite_store_texts_init (iface);
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
