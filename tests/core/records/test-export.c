/* test-export.c — export, then import into an empty database, gives back the same records:
 * field for field, and the evidence byte for byte.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "xs-core.h"

static XsStore *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  XsStore *store = (XsStore *)xs_sqlite_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static void
import (XsStore *store, XsRules *rules, const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  XsImportResult result;

  g_assert_true (xs_import_file (store, rules, file, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  xs_import_result_clear (&result);
}

static void
dump_query (sqlite3 *db, const char *sql, GString *out)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *)sqlite3_column_text (stmt, i);
          g_string_append_printf (out, "%s|", text ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
}

/* The records as a user sees them: no row numbers, which differ between databases. */
static char *
records_dump (const char *db_path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  dump_query (db, "SELECT * FROM units ORDER BY id", out);
  dump_query (db, "SELECT * FROM persons ORDER BY id", out);
  dump_query (
      db,
      "SELECT id, person_id, kind, status, title, organizer, params, credit_year, "
      "credit_public, credit_professional, deemed_from, deemed_to, credit_replaces FROM activities "
      "ORDER BY id",
      out);
  dump_query (db,
              "SELECT a.id, e.material, e.sha256, e.file_name, e.size FROM evidence e JOIN "
              "activities a ON a.rowid = e.activity ORDER BY a.id, e.rowid",
              out);
  dump_query (db,
              "SELECT a.id, r.reviewer, r.date, r.decision, r.reason FROM reviews r JOIN "
              "activities a ON a.rowid = r.activity ORDER BY a.id, r.rowid",
              out);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static void
assert_same_evidence_bytes (XsStore *a, XsStore *b)
{
  g_autoptr (GHashTable) shas = xs_store_dup_referenced_blobs (a, NULL);
  GHashTableIter iter;
  gpointer sha;

  g_assert_cmpuint (g_hash_table_size (shas), >, 100);
  g_hash_table_iter_init (&iter, shas);
  while (g_hash_table_iter_next (&iter, &sha, NULL))
    {
      g_autofree char *pa = xs_records_dup_evidence_path (a, sha);
      g_autofree char *pb = xs_records_dup_evidence_path (b, sha);
      g_autofree char *ca = NULL;
      g_autofree char *cb = NULL;
      gsize la = 0, lb = 0;

      g_assert_true (g_file_get_contents (pa, &ca, &la, NULL));
      g_assert_true (g_file_get_contents (pb, &cb, &lb, NULL));
      g_assert_cmpmem (ca, la, cb, lb);
    }
}

static void
test_export_then_import_gives_back_the_same_records (void)
{
  g_autofree char *dir = g_dir_make_tmp ("export-XXXXXX", NULL);
  g_autofree char *db_a = g_build_filename (dir, "a", "x.db", NULL);
  g_autofree char *db_b = g_build_filename (dir, "b", "x.db", NULL);
  g_autofree char *exchange = g_build_filename (dir, "out", "unit.xml", NULL);
  g_autofree char *out_dir = g_path_get_dirname (exchange);
  g_autofree char *sample =
      g_build_filename (g_getenv ("XUESHI_SOURCE_DIR"), "data", "sample", "sample.xml", NULL);
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);
  g_autoptr (XsStore) a = open_store (db_a);
  g_autoptr (XsStore) b = open_store (db_b);
  g_autoptr (GError) error = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  XsExportResult result;

  import (a, rules, sample);
  /* Changes made here travel too. */
  g_assert_true (xs_records_review (a, rules, "P002-A1", XS_STATUS_REJECTED, "印章不清晰", NULL,
                                    "李四", &error));
  g_assert_no_error (error);

  g_mkdir_with_parents (out_dir, 0700);
  g_assert_true (xs_export_file (a, exchange, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.persons, ==, 8);
  g_assert_cmpuint (result.activities, ==, 88);

  import (b, rules, exchange);
  dump_a = records_dump (db_a);
  dump_b = records_dump (db_b);
  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_nonnull (strstr (dump_b, "印章不清晰"));
  assert_same_evidence_bytes (a, b);
}

/* Whatever the program accepts exports into a file the import takes back, the same. */
static void
test_what_is_accepted_makes_the_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("export-XXXXXX", NULL);
  g_autofree char *db_a = g_build_filename (dir, "a", "x.db", NULL);
  g_autofree char *db_b = g_build_filename (dir, "b", "x.db", NULL);
  g_autofree char *exchange = g_build_filename (dir, "out", "unit.xml", NULL);
  g_autofree char *out_dir = g_path_get_dirname (exchange);
  g_autofree char *scan = g_build_filename (g_getenv ("XUESHI_SOURCE_DIR"), "data", "sample",
                                            "evidence", "p001-a1-certificate.pdf", NULL);
  g_autofree char *copy = g_build_filename (dir, "证书副本.pdf", NULL);
  g_autofree char *sample =
      g_build_filename (g_getenv ("XUESHI_SOURCE_DIR"), "data", "sample", "sample.xml", NULL);
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);
  g_autoptr (XsStore) a = open_store (db_a);
  g_autoptr (XsStore) b = open_store (db_b);
  g_autoptr (GError) error = NULL;
  g_autofree char *long_reason = NULL;
  g_autofree char *too_long = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  g_autofree char *planted = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *bytes = NULL;
  gsize len = 0;
  XsExportResult result;

  import (a, rules, sample);

  /* One scan attached again under another name. */
  g_assert_true (g_file_get_contents (scan, &bytes, &len, NULL));
  g_assert_true (g_file_set_contents (copy, bytes, (gssize)len, NULL));
  g_assert_true (
      xs_records_attach_evidence (a, rules, "P001-A2", copy, "other", "王五", &sha256, &error));
  g_assert_no_error (error);

  /* The longest reason a review takes: no more. */
  too_long = g_strnfill (XS_RECORDS_MAX_LONG_TEXT + 1, 'x');
  g_assert_false (
      xs_records_review (a, rules, "P002-A1", XS_STATUS_REJECTED, too_long, NULL, "李四", &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  long_reason = g_strnfill (XS_RECORDS_MAX_LONG_TEXT, 'y');
  g_assert_true (xs_records_review (a, rules, "P002-A1", XS_STATUS_REJECTED, long_reason, NULL,
                                    "李四", &error));
  g_assert_no_error (error);

  /* An earlier export's folder with a wrong file where this scan goes. */
  planted = g_build_filename (out_dir, "unit-evidence", sha256, "证书副本.pdf", NULL);
  {
    g_autofree char *planted_dir = g_path_get_dirname (planted);
    g_mkdir_with_parents (planted_dir, 0700);
    g_assert_true (g_file_set_contents (planted, "<html>not the scan</html>", -1, NULL));
  }

  g_assert_true (xs_export_file (a, exchange, NULL, &result, &error));
  g_assert_no_error (error);
  import (b, rules, exchange);
  dump_a = records_dump (db_a);
  dump_b = records_dump (db_b);
  g_assert_cmpstr (dump_a, ==, dump_b);
  g_assert_nonnull (strstr (dump_b, "证书副本.pdf"));
  assert_same_evidence_bytes (a, b);
  {
    g_autofree char *now = NULL;
    gsize now_len = 0;

    g_assert_true (g_file_get_contents (planted, &now, &now_len, NULL));
    g_assert_cmpmem (now, now_len, bytes, len);
  }
}

/* A roster's span start alone late in the range would end past the last year: refused. */
static void
test_a_late_span_start_is_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("export-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "x.db", NULL);
  g_autofree char *csv = g_build_filename (dir, "roster.csv", NULL);
  g_autofree char *sample =
      g_build_filename (g_getenv ("XUESHI_SOURCE_DIR"), "data", "sample", "sample.xml", NULL);
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);
  g_autoptr (XsStore) store = open_store (db);
  g_autoptr (GError) error = NULL;
  XsRosterResult result;

  import (store, rules, sample);
  g_assert_true (g_file_set_contents (csv,
                                      "id,unit,name,gender,id-number,span-from\n"
                                      "P009,U1,王五,male,430203199007150038,2097\n",
                                      -1, NULL));
  g_assert_false (xs_roster_import (store, csv, 0, &result, &error));
  g_assert_error (error, XS_ROSTER_ERROR, XS_ROSTER_ERROR_BAD_ROWS);
  g_assert_cmpuint (result.problems->len, ==, 1);
  xs_roster_result_clear (&result);
}

static guint
mode_of (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* An exchange file and its scans carry full resident ID numbers: owner only, whatever the
 * umask, as the database is. */
static void
test_an_export_is_readable_by_its_owner_only (void)
{
  g_autofree char *dir = g_dir_make_tmp ("export-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "x.db", NULL);
  g_autofree char *exchange = g_build_filename (dir, "unit.xml", NULL);
  g_autofree char *evidence = g_build_filename (dir, "unit-evidence", NULL);
  g_autofree char *sample =
      g_build_filename (g_getenv ("XUESHI_SOURCE_DIR"), "data", "sample", "sample.xml", NULL);
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);
  g_autoptr (XsStore) store = open_store (db);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) shas = NULL;
  const char *sha;
  guint files = 0;
  XsExportResult result;
  mode_t old = umask (0);

  import (store, rules, sample);
  g_assert_true (xs_export_file (store, exchange, NULL, &result, &error));
  umask (old);
  g_assert_no_error (error);
  g_assert_cmpuint (mode_of (exchange), ==, 0600);
  g_assert_cmpuint (mode_of (evidence), ==, 0700);
  shas = g_dir_open (evidence, 0, &error);
  g_assert_no_error (error);
  while ((sha = g_dir_read_name (shas)) != NULL)
    {
      g_autofree char *sub = g_build_filename (evidence, sha, NULL);
      g_autoptr (GDir) names = g_dir_open (sub, 0, NULL);
      const char *name;

      g_assert_cmpuint (mode_of (sub), ==, 0700);
      while ((name = g_dir_read_name (names)) != NULL)
        {
          g_autofree char *file = g_build_filename (sub, name, NULL);
          g_assert_cmpuint (mode_of (file), ==, 0600);
          files++;
        }
    }
  g_assert_cmpuint (files, >, 0);
}

static void
test_export_of_one_person_carries_only_them (void)
{
  g_autofree char *dir = g_dir_make_tmp ("export-XXXXXX", NULL);
  g_autofree char *db_a = g_build_filename (dir, "a.db", NULL);
  g_autofree char *db_b = g_build_filename (dir, "b.db", NULL);
  g_autofree char *exchange = g_build_filename (dir, "one.xml", NULL);
  g_autofree char *sample =
      g_build_filename (g_getenv ("XUESHI_SOURCE_DIR"), "data", "sample", "sample.xml", NULL);
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);
  g_autoptr (XsStore) a = open_store (db_a);
  g_autoptr (XsStore) b = open_store (db_b);
  g_autoptr (GError) error = NULL;
  const char *const persons[] = { "P005", NULL };
  XsExportResult result;
  XsStoreCounts counts;

  import (a, rules, sample);
  g_assert_true (xs_export_file (a, exchange, persons, &result, &error));
  g_assert_cmpuint (result.units, ==, 1);
  g_assert_cmpuint (result.persons, ==, 1);
  import (b, rules, exchange);
  g_assert_true (xs_store_get_counts (b, &counts, NULL));
  g_assert_cmpint (counts.persons, ==, 1);
  g_assert_cmpint (counts.units, ==, 1);
  {
    g_autoptr (XsPerson) p = xs_store_get_person (b, "P005", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (p->name, ==, "李建国");
  }
}

static void
test_export_of_an_unknown_person_writes_nothing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("export-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "a.db", NULL);
  g_autofree char *exchange = g_build_filename (dir, "none.xml", NULL);
  g_autoptr (XsStore) store = open_store (db);
  g_autoptr (GError) error = NULL;
  const char *const persons[] = { "P404", NULL };
  XsExportResult result;

  g_assert_false (xs_export_file (store, exchange, persons, &result, &error));
  g_assert_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (exchange, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();

  g_test_add_func ("/export/then-import-gives-back-the-same-records",
                   test_export_then_import_gives_back_the_same_records);
  g_test_add_func ("/export/what-is-accepted-makes-the-round-trip",
                   test_what_is_accepted_makes_the_round_trip);
  g_test_add_func ("/export/a-late-span-start-is-refused", test_a_late_span_start_is_refused);
  g_test_add_func ("/export/is-readable-by-its-owner-only",
                   test_an_export_is_readable_by_its_owner_only);
  g_test_add_func ("/export/one-person-carries-only-them",
                   test_export_of_one_person_carries_only_them);
  g_test_add_func ("/export/unknown-person-writes-nothing",
                   test_export_of_an_unknown_person_writes_nothing);
  return g_test_run ();
}
