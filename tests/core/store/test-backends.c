/* test-backends.c — the same records behave the same in either backend.
 *
 * Run once as built (SQLite) and once by tests/with-postgresql.sh against a throwaway
 * PostgreSQL server (XUESHI_TEST_BACKEND=postgresql): the store under test is then a
 * PostgreSQL database, and each test compares what it shows with a SQLite file holding the
 * same records, byte for byte, through xueshi-cli.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sqlite3.h>
#include <libpq-fe.h>
#include <glib/gstdio.h>

#include "xs-test-util.h"

typedef struct
{
  XsTestStore t;
  char *sample;    /* data/sample/sample.xml */
  char *reference; /* a SQLite file for the same records, imported by the tests that need it */
} Fixture;

static char *
cli_out (const char *db, const char *const *args)
{
  g_auto (XsTestRun) run = { 0 };

  xs_test_run_cliv (&run, db, args, NULL);
  if (run.status != 0)
    g_error ("xueshi-cli %s failed on %s: %s", args[0], db, run.err);
  return g_steal_pointer (&run.out);
}

static void
cli_ok (const char *db, const char *const *args)
{
  g_free (cli_out (db, args));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  const char *root = g_getenv ("XUESHI_SOURCE_DIR");

  g_assert_nonnull (root);
  xs_test_store_set_up (&f->t);
  xs_test_store_close (&f->t);
  f->sample = g_build_filename (root, "data", "sample", "sample.xml", NULL);
  f->reference = g_build_filename (f->t.dir, "reference.db", NULL);
  cli_ok (f->t.db, (const char *const[]){ "import", f->sample, NULL });
  xs_test_store_reopen (&f->t);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  xs_test_store_tear_down (&f->t);
  g_free (f->sample);
  g_free (f->reference);
}

static GPtrArray *
person_ids (XsStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) persons = xs_store_list_persons (store, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < persons->len; i++)
    g_ptr_array_add (ids, g_strdup (((XsPerson *)g_ptr_array_index (persons, i))->id));
  return ids;
}

/* The audit trail without its times (two imports are a second apart). */
static char *
audit_without_times (const char *db)
{
  g_autofree char *out = cli_out (db, (const char *const[]){ "audit", NULL });
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  GString *kept = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], "\t", 3);

      if (g_strv_length (fields) == 3)
        g_string_append_printf (kept, "%s\t%s\n", fields[0], fields[2]);
    }
  return g_string_free (kept, FALSE);
}

/* Everything a clerk or another program reads of the records, from @a and from @b. */
static void
assert_same_records (const char *a, const char *b, GPtrArray *ids, gboolean with_times)
{
  for (guint i = 0; i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autofree char *from_a = cli_out (a, (const char *const[]){ "hours", id, "--json", NULL });
      g_autofree char *from_b = cli_out (b, (const char *const[]){ "hours", id, "--json", NULL });

      g_assert_cmpstr (from_a, ==, from_b);
      g_assert_nonnull (strstr (from_a, "\"years\""));
    }
  {
    g_autofree char *from_a = cli_out (a, (const char *const[]){ "report", "--json", NULL });
    g_autofree char *from_b = cli_out (b, (const char *const[]){ "report", "--json", NULL });

    g_assert_cmpstr (from_a, ==, from_b);
  }
  {
    g_autofree char *from_a =
        with_times ? cli_out (a, (const char *const[]){ "audit", NULL }) : audit_without_times (a);
    g_autofree char *from_b =
        with_times ? cli_out (b, (const char *const[]){ "audit", NULL }) : audit_without_times (b);

    g_assert_cmpstr (from_a, ==, from_b);
  }
}

static void
assert_fsck_clean (const char *db)
{
  g_autofree char *out = cli_out (db, (const char *const[]){ "fsck", NULL });

  g_assert_nonnull (strstr (out, ": clean"));
}

static void
test_sample_agrees (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) ids = person_ids (f->t.store);

  g_assert_cmpuint (ids->len, ==, 8);
  xs_test_store_close (&f->t);
  cli_ok (f->reference, (const char *const[]){ "import", f->sample, NULL });
  assert_same_records (f->t.db, f->reference, ids, FALSE);
  assert_fsck_clean (f->t.db);
}

static void
test_writer_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsActivity) before = xs_store_get_activity (f->t.store, "P001-A1", &error);
  g_autoptr (XsActivity) after = NULL;
  g_autofree char *body = xs_test_pdf ("backends");
  g_autofree char *pdf = g_build_filename (f->t.dir, "certificate.pdf", NULL);
  g_autofree char *material = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr (GPtrArray) audit = NULL;
  gint64 bad_seq = 0;
  guint evidence_before;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (pdf, body, -1, &error));
  evidence_before = before->evidence->len;
  g_assert_cmpuint (evidence_before, >, 0);
  material = g_strdup (((XsEvidence *)g_ptr_array_index (before->evidence, 0))->material);
  xs_records_attach_evidence (f->t.store, f->t.rules, "P001-A1", pdf, material, "王五", &sha256,
                              &error);
  g_assert_no_error (error);
  g_assert_true (xs_records_review (f->t.store, f->t.rules, "P001-A1", XS_STATUS_REJECTED,
                                    "证书不清", NULL, "王五", &error));
  g_assert_no_error (error);

  after = xs_store_get_activity (f->t.store, "P001-A1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->status, ==, XS_STATUS_REJECTED);
  g_assert_cmpuint (after->evidence->len, ==, evidence_before + 1);
  g_assert_cmpstr (((XsEvidence *)g_ptr_array_index (after->evidence, evidence_before))->sha256, ==,
                   sha256);
  g_assert_cmpstr (
      ((XsReview *)g_ptr_array_index (after->reviews, after->reviews->len - 1))->reason, ==,
      "证书不清");

  g_assert_true (
      xs_records_detach_evidence (f->t.store, "P001-A1", sha256, material, "王五", &error));
  g_assert_no_error (error);
  g_assert_true (xs_records_delete_activity (f->t.store, f->t.rules, "P001-A1", "王五", &error));
  g_assert_no_error (error);
  g_assert_null (xs_store_get_activity (f->t.store, "P001-A1", &error));
  g_assert_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  audit = xs_audit_list (f->t.store, "P001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((XsAuditEntry *)g_ptr_array_index (audit, audit->len - 1))->action, ==,
                   "delete");
  g_assert_true (xs_audit_verify (f->t.store, &bad_seq, &error));
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", path);

  g_assert_cmpint (system (command), ==, 0);
}

/* Another clerk's PC has none of this one's files: a PostgreSQL database brings each back
 * from the server, whole; a SQLite file's folder is the only copy, and fsck says it is gone. */
static void
test_evidence_without_local_files (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsActivity) a = xs_store_get_activity (f->t.store, "P001-A1", &error);
  const XsEvidence *e;
  g_autofree char *path = NULL;
  g_autofree char *root = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *actual = NULL;
  gsize len = 0;
  XsFsckReport report;

  g_assert_no_error (error);
  g_assert_cmpuint (a->evidence->len, >, 0);
  e = g_ptr_array_index (a->evidence, 0);
  root = g_file_get_path (xs_store_get_evidence_dir (f->t.store));
  remove_tree (root);

  path = xs_records_dup_evidence_path (f->t.store, e->sha256);
  g_assert_true (xs_fsck_run (f->t.store, &report, &error));
  g_assert_no_error (error);
  if (xs_test_backend_is_postgresql ())
    {
      g_assert_true (g_file_get_contents (path, &contents, &len, &error));
      g_assert_no_error (error);
      actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guint8 *)contents, len);
      g_assert_cmpstr (actual, ==, e->sha256);
      g_assert_cmpuint (report.problems->len, ==, 0);
      g_assert_cmpuint (report.files_checked, ==, 152);
    }
  else
    {
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
      g_assert_cmpuint (report.problems->len, ==, 152);
    }
  xs_fsck_report_clear (&report);
}

static void
run_raw (Fixture *f, const char *sql, gboolean expect_ok)
{
  if (xs_test_backend_is_postgresql ())
    {
      PGconn *conn = PQconnectdb (f->t.db);
      PGresult *result;

      g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
      result = PQexec (conn, sql);
      g_assert_cmpint (PQresultStatus (result) == PGRES_COMMAND_OK, ==, expect_ok);
      PQclear (result);
      PQfinish (conn);
    }
  else
    {
      sqlite3 *db = NULL;

      g_assert_cmpint (sqlite3_open (f->t.db, &db), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK, ==, expect_ok);
      sqlite3_close (db);
    }
}

/* A file changed behind the program's back is found by fsck, and never handed out as the
 * evidence. */
static void
test_changed_evidence_is_found (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsActivity) a = xs_store_get_activity (f->t.store, "P001-A1", &error);
  const XsEvidence *e = g_ptr_array_index (a->evidence, 0);
  g_autofree char *root = g_file_get_path (xs_store_get_evidence_dir (f->t.store));
  g_autoptr (GString) problems = g_string_new (NULL);
  XsFsckReport report;

  if (xs_test_backend_is_postgresql ())
    {
      g_autofree char *sql = g_strdup_printf (
          "UPDATE blob_chunks SET data = overlay (data placing '\\x00'::bytea from 1) "
          "WHERE sha256 = '%s'",
          e->sha256);

      run_raw (f, sql, TRUE);
      remove_tree (root);
      g_assert_false (xs_store_fetch_evidence (f->t.store, e->sha256, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, e->sha256));
      g_clear_error (&error);
    }
  else
    {
      g_autofree char *path = xs_records_dup_evidence_path (f->t.store, e->sha256);

      g_assert_true (g_file_set_contents (path, "changed", -1, &error));
    }
  g_assert_true (xs_fsck_run (f->t.store, &report, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < report.problems->len; i++)
    g_string_append_printf (problems, "%s\n", (const char *)g_ptr_array_index (report.problems, i));
  g_assert_nonnull (strstr (problems->str, e->sha256));
  xs_fsck_report_clear (&report);
}

static void
test_audit_is_append_only (Fixture *f, gconstpointer data)
{
  xs_test_store_close (&f->t);
  run_raw (f, "UPDATE audit SET actor = 'x' WHERE seq = 1", FALSE);
  run_raw (f, "DELETE FROM audit", FALSE);
  xs_test_store_reopen (&f->t);
}

typedef struct
{
  const char *db;
  XsRules *rules;
  const char *activity_id;
} Writer;

/* One clerk: their own connection, reviewing one activity back and forth. */
static gpointer
write_reviews (gpointer user_data)
{
  Writer *w = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (XsStore) store = xs_store_open (w->db, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < 10; i++)
    {
      XsStatus decision = i % 2 ? XS_STATUS_PENDING : XS_STATUS_REJECTED;

      if (!xs_records_review (store, w->rules, w->activity_id, decision,
                              decision == XS_STATUS_REJECTED ? "重开" : NULL, NULL, "王五", &error))
        g_error ("%s: %s", w->activity_id, error->message);
    }
  return NULL;
}

static void
test_concurrent_writers_keep_one_chain (Fixture *f, gconstpointer data)
{
  static const char *const activities[] = { "P001-A1", "P002-A1", "P003-A1", "P004-A1" };
  GThread *threads[G_N_ELEMENTS (activities)];
  Writer writers[G_N_ELEMENTS (activities)];
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GError) error = NULL;
  gint64 bad_seq = 0;

  before = xs_audit_list (f->t.store, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (activities); i++)
    {
      writers[i] = (Writer){ f->t.db, f->t.rules, activities[i] };
      threads[i] = g_thread_new ("clerk", write_reviews, &writers[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (activities); i++)
    g_thread_join (threads[i]);

  after = xs_audit_list (f->t.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len + 40);
  g_assert_true (xs_audit_verify (f->t.store, &bad_seq, &error));
  g_assert_no_error (error);
}

/* Two clerks, each with their own connection, opened the same record. */
static XsActivity *
open_activity (XsStore *store, const char *id)
{
  g_autoptr (GError) error = NULL;
  XsActivity *a = xs_store_get_activity (store, id, &error);

  g_assert_no_error (error);
  g_assert_cmpint (a->version, >, 0);
  return a;
}

static void
set_title (XsActivity *a, const char *title)
{
  g_free (a->title);
  a->title = g_strdup (title);
}

static guint
audit_length (XsStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = xs_audit_list (store, NULL, &error);

  g_assert_no_error (error);
  return entries->len;
}

/* The second save of one record is refused, names who saved first, and changes nothing;
 * saved again over what is now there, it goes in. */
static void
test_stale_activity_save_is_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsStore) other = xs_store_open (f->t.db, &error);
  g_autoptr (XsActivity) mine = open_activity (f->t.store, "P001-A2");
  g_autoptr (XsActivity) theirs = NULL;
  g_autoptr (XsActivity) now = NULL;
  guint entries;

  g_assert_no_error (error);
  theirs = open_activity (other, "P001-A2");
  g_assert_cmpint (mine->version, ==, theirs->version);
  set_title (theirs, "李四改的标题");
  g_assert_true (xs_records_save_activity (other, f->t.rules, theirs, "李四", &error));
  g_assert_no_error (error);
  entries = audit_length (f->t.store);

  set_title (mine, "张三改的标题");
  g_assert_false (xs_records_save_activity (f->t.store, f->t.rules, mine, "张三", &error));
  g_assert_error (error, XS_STORE_ERROR, XS_STORE_ERROR_STALE);
  g_assert_nonnull (strstr (error->message, "李四"));
  g_assert_nonnull (strstr (error->message, "P001-A2"));
  g_clear_error (&error);
  now = open_activity (f->t.store, "P001-A2");
  g_assert_cmpstr (now->title, ==, "李四改的标题");
  g_assert_cmpuint (audit_length (f->t.store), ==, entries);

  /* The clerk looked, and saves their edit over the current record. */
  mine->version = now->version;
  g_assert_true (xs_records_save_activity (f->t.store, f->t.rules, mine, "张三", &error));
  g_assert_no_error (error);
  g_clear_pointer (&now, xs_activity_unref);
  now = open_activity (other, "P001-A2");
  g_assert_cmpstr (now->title, ==, "张三改的标题");
}

/* Evidence attached and reviews given are changes to the activity too: an editor opened
 * before them must not save its older evidence list over them. */
static void
test_review_makes_an_open_edit_stale (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsStore) other = xs_store_open (f->t.db, &error);
  g_autoptr (XsActivity) mine = open_activity (f->t.store, "P002-A1");
  g_autoptr (XsActivity) now = NULL;

  g_assert_no_error (error);
  g_assert_true (xs_records_review (other, f->t.rules, "P002-A1", XS_STATUS_REJECTED, "材料不清",
                                    NULL, "王五", &error));
  g_assert_no_error (error);
  set_title (mine, "张三改的标题");
  g_assert_false (xs_records_save_activity (f->t.store, f->t.rules, mine, "张三", &error));
  g_assert_error (error, XS_STORE_ERROR, XS_STORE_ERROR_STALE);
  g_assert_nonnull (strstr (error->message, "王五"));
  g_clear_error (&error);
  now = open_activity (f->t.store, "P002-A1");
  g_assert_cmpint (now->status, ==, XS_STATUS_REJECTED);
  g_assert_cmpint (now->version, >, mine->version);
}

static void
test_stale_person_save_is_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsStore) other = xs_store_open (f->t.db, &error);
  g_autoptr (XsPerson) mine = xs_store_get_person (f->t.store, "P003", &error);
  g_autoptr (XsPerson) theirs = NULL;
  g_autoptr (XsPerson) now = NULL;
  gboolean changed = FALSE;

  g_assert_no_error (error);
  theirs = xs_store_get_person (other, "P003", &error);
  g_assert_no_error (error);
  g_assert_cmpint (mine->version, >, 0);
  g_free (theirs->specialty);
  theirs->specialty = g_strdup ("李四填的专业");
  g_assert_true (xs_records_edit_person (other, theirs, "李四", &changed, &error));
  g_assert_no_error (error);
  g_assert_true (changed);

  g_free (mine->current_title);
  mine->current_title = g_strdup ("张三填的职称");
  g_assert_false (xs_records_edit_person (f->t.store, mine, "张三", &changed, &error));
  g_assert_error (error, XS_STORE_ERROR, XS_STORE_ERROR_STALE);
  g_assert_nonnull (strstr (error->message, "李四"));
  g_assert_nonnull (strstr (error->message, "P003"));
  g_assert_false (changed);
  g_clear_error (&error);
  now = xs_store_get_person (f->t.store, "P003", &error);
  g_assert_cmpstr (now->specialty, ==, "李四填的专业");
  g_assert_cmpstr (now->current_title, !=, "张三填的职称");
}

typedef struct
{
  const char *db;
  XsRules *rules;
  XsActivity *activity; /* opened by both before either saves */
  GError *error;
} Saver;

static gpointer
save_once (gpointer user_data)
{
  Saver *s = user_data;
  g_autoptr (XsStore) store = xs_store_open (s->db, &s->error);

  if (store != NULL)
    xs_records_save_activity (store, s->rules, s->activity, "并发", &s->error);
  return NULL;
}

/* Saves of one version racing each other: exactly one goes in, whatever the timing. */
static void
test_racing_saves_one_wins (Fixture *f, gconstpointer data)
{
  enum
  {
    N = 4
  };
  Saver savers[N];
  GThread *threads[N];
  guint refused = 0;

  for (guint i = 0; i < N; i++)
    {
      g_autofree char *title = g_strdup_printf ("标题 %u", i);

      savers[i] = (Saver){ f->t.db, f->t.rules, open_activity (f->t.store, "P004-A1"), NULL };
      set_title (savers[i].activity, title);
    }
  for (guint i = 0; i < N; i++)
    threads[i] = g_thread_new ("clerk", save_once, &savers[i]);
  for (guint i = 0; i < N; i++)
    {
      g_thread_join (threads[i]);
      if (savers[i].error != NULL)
        {
          g_assert_error (savers[i].error, XS_STORE_ERROR, XS_STORE_ERROR_STALE);
          refused++;
        }
      g_clear_error (&savers[i].error);
      xs_activity_unref (savers[i].activity);
    }
  g_assert_cmpuint (refused, ==, N - 1);
}

/* Logins: `xueshi-cli users add`, the password on standard input. Roles belong to the whole
 * (throwaway) server, so each name is made unique to this run. */
static char *
unique_login (const char *role)
{
  static guint serial;

  return g_strdup_printf ("%s_%d_%u", role, (int)getpid (), serial++);
}

static void
add_login (XsTestRun *run, const char *db, const char *login, const char *role, const char *units)
{
  const char *const argv[] = {
    "/bin/sh",
    "-c",
    "echo \"$1\" | \"$XUESHI_CLI\" --db \"$2\" users add \"$3\" --role \"$4\" $5",
    "sh",
    "pw-of-login",
    db,
    login,
    role,
    units ? units : "",
    NULL,
  };
  g_autoptr (GError) error = NULL;
  int wait_status = 0;

  xs_test_run_clear (run);
  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &run->out, &run->err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

static char *
login_location (const char *db, const char *login)
{
  return g_strdup_printf ("%s?user=%s&password=pw-of-login", db, login);
}

static gint64
count_as (const char *location, const char *sql)
{
  PGconn *conn = PQconnectdb (location);
  PGresult *result;
  gint64 n;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  n = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  PQclear (result);
  PQfinish (conn);
  return n;
}

static gboolean
command_ok_as (const char *location, const char *sql, gint64 *out_rows)
{
  PGconn *conn = PQconnectdb (location);
  PGresult *result;
  gboolean ok;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  ok = PQresultStatus (result) == PGRES_COMMAND_OK;
  if (ok && out_rows != NULL)
    *out_rows = g_ascii_strtoll (PQcmdTuples (result), NULL, 10);
  PQclear (result);
  PQfinish (conn);
  return ok;
}

static GPtrArray *
persons_of_unit (XsStore *store, const char *unit_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) persons = xs_store_list_persons (store, &error);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  for (guint i = 0; i < persons->len; i++)
    {
      const XsPerson *p = g_ptr_array_index (persons, i);
      if (unit_id == NULL || g_str_equal (p->unit_id, unit_id))
        g_ptr_array_add (ids, g_strdup (p->id));
    }
  return ids;
}

static void
assert_same_ids (GPtrArray *a, GPtrArray *b)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_cmpstr (g_ptr_array_index (a, i), ==, g_ptr_array_index (b, i));
}

/* A clerk's login sees and changes only its units' records, in Xueshi and in psql; the
 * supervisor sees the units it was given, the bureau all. Their writes keep one chain. */
static void
test_units_are_kept_apart (Fixture *f, gconstpointer data)
{
  g_auto (XsTestRun) run = { 0 };
  g_autofree char *clerk = unique_login ("clerk");
  g_autofree char *bureau = unique_login ("bureau");
  g_autofree char *as_clerk = NULL;
  g_autofree char *as_bureau = NULL;
  g_autoptr (XsStore) clerk_store = NULL;
  g_autoptr (XsStore) bureau_store = NULL;
  g_autoptr (GPtrArray) u1 = persons_of_unit (f->t.store, "U1");
  g_autoptr (GPtrArray) all = persons_of_unit (f->t.store, NULL);
  g_autoptr (GPtrArray) seen = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (XsPerson) other = NULL;
  g_autofree char *other_activity = NULL;
  g_autofree char *own_hours = NULL;
  g_autofree char *admin_hours = NULL;
  gint64 rows = -1;
  gint64 bad_seq = 0;

  if (!xs_test_backend_is_postgresql ())
    {
      /* A database file has no logins: said so, not pretended. */
      xs_test_run_cli (&run, f->t.db, "users", "list", NULL);
      g_assert_cmpint (run.status, ==, 1);
      g_assert_nonnull (strstr (run.err, "postgresql://"));
      return;
    }
  g_assert_cmpuint (u1->len, >, 0);
  g_assert_cmpuint (u1->len, <, all->len);

  add_login (&run, f->t.db, clerk, "clerk", "--unit U1");
  g_assert_cmpint (run.status, ==, 0);
  add_login (&run, f->t.db, bureau, "bureau", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* Refused, and nothing made: a taken name, an unknown unit. */
  add_login (&run, f->t.db, clerk, "clerk", "--unit U1");
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, clerk));
  {
    g_autofree char *stray = unique_login ("stray");

    add_login (&run, f->t.db, stray, "clerk", "--unit U9");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "U9"));
    g_assert_cmpint (count_as (f->t.db, "SELECT count(*) FROM xs_users"), ==, 2);
    g_assert_cmpint (count_as (f->t.db, "SELECT count(*) FROM pg_roles WHERE rolname LIKE "
                                        "'stray%'"),
                     ==, 0);
  }

  as_clerk = login_location (f->t.db, clerk);
  as_bureau = login_location (f->t.db, bureau);
  clerk_store = xs_store_open (as_clerk, &error);
  g_assert_no_error (error);
  bureau_store = xs_store_open (as_bureau, &error);
  g_assert_no_error (error);

  seen = persons_of_unit (clerk_store, NULL);
  assert_same_ids (seen, u1);
  g_clear_pointer (&seen, g_ptr_array_unref);
  seen = persons_of_unit (bureau_store, NULL);
  assert_same_ids (seen, all);
  {
    g_autofree char *supervisor = unique_login ("supervisor");
    g_autofree char *as_supervisor = NULL;
    g_autoptr (XsStore) supervisor_store = NULL;
    g_autoptr (GPtrArray) supervised = NULL;

    add_login (&run, f->t.db, supervisor, "supervisor", "--unit U1 --unit U2");
    g_assert_cmpint (run.status, ==, 0);
    as_supervisor = login_location (f->t.db, supervisor);
    supervisor_store = xs_store_open (as_supervisor, &error);
    g_assert_no_error (error);
    supervised = persons_of_unit (supervisor_store, NULL);
    assert_same_ids (supervised, all);
  }

  /* A person of the other unit does not exist for the clerk, nor do their activities. */
  for (guint i = 0; i < all->len && other == NULL; i++)
    {
      g_autoptr (XsPerson) p = xs_store_get_person (f->t.store, g_ptr_array_index (all, i), NULL);
      if (!g_str_equal (p->unit_id, "U1"))
        other = g_steal_pointer (&p);
    }
  if (other == NULL)
    g_error ("the sample has no person outside U1");
  g_assert_null (xs_store_get_person (clerk_store, other->id, &error));
  g_assert_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  other_activity = g_strdup_printf ("%s-A1", other->id);

  /* psql as that login: the same, and its writes elsewhere do nothing or are refused. */
  g_assert_cmpint (count_as (as_clerk, "SELECT count(*) FROM persons WHERE unit_id <> 'U1'"), ==,
                   0);
  g_assert_cmpint (count_as (as_clerk, "SELECT count(*) FROM activities a JOIN persons p "
                                       "ON p.id = a.person_id"),
                   ==, count_as (as_clerk, "SELECT count(*) FROM activities"));
  g_assert_cmpint (count_as (f->t.db, "SELECT count(*) FROM activities a JOIN persons p "
                                      "ON p.id = a.person_id WHERE p.unit_id = 'U1'"),
                   ==, count_as (as_clerk, "SELECT count(*) FROM activities"));
  g_assert_cmpint (count_as (as_clerk, "SELECT count(*) FROM xs_users"), ==, 1);
  g_assert_cmpint (count_as (as_clerk, "SELECT count(*) FROM audit a JOIN persons p "
                                       "ON p.id = a.person_id WHERE p.unit_id <> 'U1'"),
                   ==, 0);
  g_assert_true (
      command_ok_as (as_clerk, "UPDATE persons SET name = 'x' WHERE unit_id <> 'U1'", &rows));
  g_assert_cmpint (rows, ==, 0);
  g_assert_false (command_ok_as (as_clerk,
                                 "INSERT INTO persons (id, unit_id, name, gender, id_number) "
                                 "VALUES ('Z1', 'U2', 'z', 'male', '1')",
                                 NULL));

  /* The text read from the other unit's scans is theirs too. */
  {
    g_autoptr (GPtrArray) activities = xs_store_list_activities (f->t.store, other->id, &error);
    g_autoptr (GPtrArray) found = NULL;
    const char *sha256 = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < activities->len && sha256 == NULL; i++)
      {
        XsActivity *a = g_ptr_array_index (activities, i);

        if (a->evidence->len > 0)
          sha256 = ((XsEvidence *)g_ptr_array_index (a->evidence, 0))->sha256;
      }
    if (sha256 == NULL)
      g_error ("the sample's person %s has no evidence", other->id);
    g_assert_true (xs_store_begin (f->t.store, &error) &&
                   xs_store_put_evidence_text (f->t.store, sha256, "证书编号 SECRET-1", "{}",
                                               "SECRET-1", &error) &&
                   xs_store_commit (f->t.store, &error));
    g_assert_no_error (error);
    g_assert_cmpint (count_as (f->t.db, "SELECT count(*) FROM evidence_text"), ==, 1);
    g_assert_cmpint (count_as (as_clerk, "SELECT count(*) FROM evidence_text"), ==, 0);
    g_assert_null (xs_store_dup_evidence_text (clerk_store, sha256, NULL, &error));
    g_assert_no_error (error);
    found = xs_store_search_evidence_text (clerk_store, "SECRET-1", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 0);
    g_clear_pointer (&found, g_ptr_array_unref);
    found = xs_store_list_evidence_uses (clerk_store, NULL, "SECRET-1", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 0);
    g_clear_pointer (&found, g_ptr_array_unref);
    found = xs_store_search_evidence_text (bureau_store, "SECRET-1", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, ==, 1);
  }

  /* Through Xueshi: the clerk's own person's hours are everyone's; the other unit's
   * activity cannot be reviewed; a review of its own is audited in the one chain. */
  {
    const char *const hours[] = { "hours", g_ptr_array_index (u1, 0), "--json", NULL };
    own_hours = cli_out (as_clerk, hours);
    admin_hours = cli_out (f->t.db, hours);
    g_assert_cmpstr (own_hours, ==, admin_hours);
  }
  g_assert_false (xs_records_review (clerk_store, f->t.rules, other_activity, XS_STATUS_REJECTED,
                                     "不是本单位", NULL, clerk, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  {
    g_autofree char *own_activity = g_strdup_printf ("%s-A1", (char *)g_ptr_array_index (u1, 0));
    g_assert_true (xs_records_review (clerk_store, f->t.rules, own_activity, XS_STATUS_REJECTED,
                                      "材料不清", NULL, clerk, &error));
    g_assert_no_error (error);
  }
  g_assert_true (xs_audit_verify (f->t.store, &bad_seq, &error));
  g_assert_no_error (error);
  assert_fsck_clean (f->t.db);
  assert_fsck_clean (as_clerk);
}

/* Another clerk's save is heard by a listener on the shared database, naming the person,
 * as soon as it commits (the application reads that person again). */
static void
test_other_clerks_changes_are_heard (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsPgListener) listener = NULL;
  g_autoptr (XsStore) other = NULL;
  g_autoptr (XsActivity) a = NULL;
  g_autoptr (GPtrArray) heard = g_ptr_array_new_with_free_func (g_free);
  gboolean everything = FALSE;
  gint64 deadline;

  if (!xs_test_backend_is_postgresql ())
    {
      g_test_skip ("LISTEN/NOTIFY is PostgreSQL's: run by tests/with-postgresql.sh");
      return;
    }
  listener = xs_pg_listener_new (f->t.db, &error);
  g_assert_no_error (error);
  other = xs_store_open (f->t.db, &error);
  g_assert_no_error (error);
  a = open_activity (other, "P005-A1");
  set_title (a, "别人改的");
  g_assert_true (xs_records_save_activity (other, f->t.rules, a, "李四", &error));
  g_assert_no_error (error);

  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (heard->len == 0 && g_get_monotonic_time () < deadline)
    {
      g_autoptr (GPtrArray) some = xs_pg_listener_take_changes (listener, &everything, &error);

      g_assert_no_error (error);
      for (guint i = 0; i < some->len; i++)
        g_ptr_array_add (heard, g_strdup (g_ptr_array_index (some, i)));
      if (heard->len == 0)
        g_usleep (10000);
    }
  g_assert_cmpuint (heard->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (heard, 0), ==, "P005");
  g_assert_false (everything);
}

/* The copy holds the same records, chain and files: every view of them agrees. */
static void
test_copy_both_ways (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) ids = person_ids (f->t.store);
  g_autofree char *to_file = g_build_filename (f->t.dir, "copy.db", NULL);
  g_autofree char *back = xs_test_new_database (f->t.dir);
  g_auto (XsTestRun) run = { 0 };

  xs_test_store_close (&f->t);
  if (!xs_test_backend_is_postgresql ())
    {
      /* xs_test_new_database() named the file the fixture already uses. */
      g_free (back);
      back = g_build_filename (f->t.dir, "copy-back.db", NULL);
    }
  cli_ok (f->t.db, (const char *const[]){ "copy", to_file, NULL });
  cli_ok (to_file, (const char *const[]){ "copy", back, NULL });
  assert_fsck_clean (to_file);
  assert_fsck_clean (back);
  assert_same_records (f->t.db, to_file, ids, TRUE);
  assert_same_records (f->t.db, back, ids, TRUE);

  /* A target that holds records is refused, and keeps them. */
  xs_test_run_cli (&run, f->t.db, "copy", to_file, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "not empty"));
  assert_same_records (f->t.db, to_file, ids, TRUE);
  xs_test_drop_database (back);
}

/* A database argument that is an address of a kind the program does not know is refused; no
 * folder named after it appears. */
static void
test_unknown_address_refused (Fixture *f, gconstpointer data)
{
  static const char *const addresses[] = { "foo://host/x", "sqlite:///tmp/x.db",
                                           "postgresql://127.0.0.1:1/nothing" };
  g_autofree char *cli = g_strdup (g_getenv ("XUESHI_CLI"));
  g_autofree char *cwd = g_build_filename (f->t.dir, "cwd", NULL);

  g_assert_cmpint (g_mkdir (cwd, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      const char *argv[] = { cli, "--db", addresses[i], "hours", "P001", NULL };
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (GDir) dir = NULL;
      int wait_status = 0;

      g_assert_true (g_spawn_sync (cwd, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                                   &err, &wait_status, &error));
      g_assert_no_error (error);
      g_assert_true (WIFEXITED (wait_status));
      g_assert_cmpint (WEXITSTATUS (wait_status), ==, 1);
      g_assert_true (strstr (err, "is not a kind of database") != NULL ||
                     strstr (err, "Cannot connect to the database") != NULL);
      dir = g_dir_open (cwd, 0, &error);
      g_assert_no_error (error);
      g_assert_null (g_dir_read_name (dir));
    }
}

/* An activity's version counts its evidence and reviews, one for each, in either backend;
 * names and reasons with quotes, backslashes, commas, braces or the word NULL come back as
 * they went in (PostgreSQL gets the lists as array literals). */
static void
test_activity_saved_whole (Fixture *f, gconstpointer data)
{
  static const char *const awkward[] = { "a\"b\\c,{d} NULL", "NULL", NULL, "", "\\\"" };
  g_autoptr (GError) error = NULL;
  g_autoptr (XsActivity) a = xs_store_get_activity (f->t.store, "P001-A1", &error);
  g_autoptr (XsActivity) back = NULL;
  g_autoptr (GPtrArray) persons = NULL;
  XsEvidence *first;

  g_assert_no_error (error);
  g_assert_cmpuint (a->evidence->len, >, 0);
  first = g_ptr_array_index (a->evidence, 0);
  for (guint i = 0; i < G_N_ELEMENTS (awkward); i++)
    {
      XsEvidence *e = g_new0 (XsEvidence, 1);
      XsReview *r = g_new0 (XsReview, 1);

      e->material = g_strdup (first->material);
      e->sha256 = g_strdup (first->sha256);
      e->file_name = g_strdup (awkward[i]);
      e->size = first->size;
      g_ptr_array_add (a->evidence, e);
      r->reviewer = g_strdup (awkward[i] ? awkward[i] : "王五");
      r->date = g_strdup ("2026-12-04");
      r->decision = XS_STATUS_PENDING;
      r->reason = g_strdup (awkward[i] ? awkward[i] : "");
      g_ptr_array_add (a->reviews, r);
    }
  g_free (a->id);
  a->id = g_strdup ("P001-A1-whole");
  g_assert_true (xs_store_begin (f->t.store, &error));
  g_assert_true (xs_store_add_activity (f->t.store, a, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (xs_store_commit (f->t.store, &error));
  g_assert_no_error (error);

  back = xs_store_get_activity (f->t.store, "P001-A1-whole", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->evidence->len, ==, a->evidence->len);
  g_assert_cmpuint (back->reviews->len, ==, a->reviews->len);
  for (guint i = 0; i < a->evidence->len; i++)
    {
      XsEvidence *want = g_ptr_array_index (a->evidence, i);
      XsEvidence *got = g_ptr_array_index (back->evidence, i);

      g_assert_cmpstr (got->file_name, ==, want->file_name);
      g_assert_cmpstr (got->material, ==, want->material);
      g_assert_cmpint (got->size, ==, want->size);
    }
  for (guint i = 0; i < a->reviews->len; i++)
    {
      XsReview *want = g_ptr_array_index (a->reviews, i);
      XsReview *got = g_ptr_array_index (back->reviews, i);

      g_assert_cmpstr (got->reviewer, ==, want->reviewer);
      g_assert_cmpstr (got->reason, ==, want->reason);
    }
  g_assert_cmpint (back->version, ==, 1 + a->evidence->len + a->reviews->len);

  /* Every activity of the imported sample the same way. */
  persons = xs_store_list_persons (f->t.store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < persons->len; i++)
    {
      XsPerson *person = g_ptr_array_index (persons, i);
      g_autoptr (GPtrArray) activities = xs_store_list_activities (f->t.store, person->id, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < activities->len; j++)
        {
          XsActivity *one = g_ptr_array_index (activities, j);

          if (g_strcmp0 (one->id, "P001-A1-whole") != 0)
            g_assert_cmpint (one->version, ==, 1 + one->evidence->len + one->reviews->len);
        }
    }
}

/* A transaction in which a statement failed saves nothing, and says so at commit (PostgreSQL
 * answers such a COMMIT with ROLLBACK; SQLite keeps the other statements, so the writers
 * always roll back on an error and this is PostgreSQL's alone). */
static void
test_commit_after_an_error_saves_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsActivity) a = NULL;
  g_autoptr (XsActivity) back = NULL;

  if (g_strcmp0 (g_getenv ("XUESHI_TEST_BACKEND"), "postgresql") != 0)
    {
      g_test_skip ("SQLite keeps a transaction's other statements after one fails");
      return;
    }
  a = xs_store_get_activity (f->t.store, "P001-A1", &error);
  g_assert_no_error (error);
  g_free (a->id);
  a->id = g_strdup ("P001-A1-lost");
  g_assert_true (xs_store_begin (f->t.store, &error));
  g_assert_true (xs_store_add_activity (f->t.store, a, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (xs_store_add_activity (f->t.store, a, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (xs_store_commit (f->t.store, &error));
  g_assert_error (error, XS_STORE_ERROR, XS_STORE_ERROR_FAILED);
  g_clear_error (&error);
  back = xs_store_get_activity (f->t.store, "P001-A1-lost", &error);
  g_assert_null (back);
  g_assert_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND);
}

int
main (int argc, char **argv)
{
  xs_core_init ();
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/backends/sample-agrees-with-sqlite", test_sample_agrees);
  ADD ("/backends/writer-round-trip", test_writer_round_trip);
  ADD ("/backends/activity-saved-whole", test_activity_saved_whole);
  ADD ("/backends/commit-after-an-error-saves-nothing", test_commit_after_an_error_saves_nothing);
  ADD ("/backends/evidence-without-local-files", test_evidence_without_local_files);
  ADD ("/backends/changed-evidence-is-found", test_changed_evidence_is_found);
  ADD ("/backends/audit-is-append-only", test_audit_is_append_only);
  ADD ("/backends/concurrent-writers-keep-one-chain", test_concurrent_writers_keep_one_chain);
  ADD ("/backends/stale-activity-save-is-refused", test_stale_activity_save_is_refused);
  ADD ("/backends/review-makes-an-open-edit-stale", test_review_makes_an_open_edit_stale);
  ADD ("/backends/stale-person-save-is-refused", test_stale_person_save_is_refused);
  ADD ("/backends/racing-saves-one-wins", test_racing_saves_one_wins);
  ADD ("/backends/units-are-kept-apart", test_units_are_kept_apart);
  ADD ("/backends/other-clerks-changes-are-heard", test_other_clerks_changes_are_heard);
  ADD ("/backends/copy-both-ways", test_copy_both_ways);
  ADD ("/backends/unknown-address-refused", test_unknown_address_refused);
#undef ADD
  return g_test_run ();
}
