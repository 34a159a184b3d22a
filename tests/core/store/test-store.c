/* test-store.c — the SQLite store: location, settings, schema version, round trips.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "xs-core.h"

static char *
temp_db_path (void)
{
  return g_build_filename (g_get_tmp_dir (), "store-test", "nested", "xueshi.db", NULL);
}

static XsStore *
open_store (const char *path)
{
  g_autoptr (GError) error = NULL;
  XsStore *store = (XsStore *)xs_sqlite_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static sqlite3 *
raw_open (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  return db;
}

static char *
raw_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static XsPerson *
make_person (const char *id, const char *unit)
{
  XsPerson *p = xs_person_new ();

  p->id = g_strdup (id);
  p->unit_id = g_strdup (unit);
  p->name = g_strdup ("张三");
  p->gender = g_strdup ("male");
  p->id_number = g_strdup ("11010519491231002X");
  return p;
}

static XsActivity *
make_activity (const char *id, const char *person)
{
  XsActivity *a = xs_activity_new ();

  a->id = g_strdup (id);
  a->person_id = g_strdup (person);
  a->kind = g_strdup ("paper");
  a->status = XS_STATUS_APPROVED;
  a->title = g_strdup ("论文");
  xs_activity_set_param (a, "role", "first");
  xs_activity_set_param (a, "year", "2022");
  xs_activity_add_evidence (a, "journal-cover",
                            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
                            "cover.jpg", 12);
  xs_activity_add_review (a, "李四", "2026-06-01", XS_STATUS_APPROVED, "材料齐全");
  return a;
}

static void
put_fixture (XsStore *store)
{
  g_autoptr (XsUnit) unit = xs_unit_new ();
  g_autoptr (XsPerson) person = make_person ("P1", "U1");
  g_autoptr (XsActivity) a1 = make_activity ("A1", "P1");
  g_autoptr (XsActivity) a2 = make_activity ("A2", "P1");
  g_autoptr (GError) error = NULL;
  XsStoredCredit credit = { 2022, 0, 300 };

  unit->id = g_strdup ("U1");
  unit->category = g_strdup ("provincial");
  unit->name = g_strdup ("湖南省某某医院");

  g_assert_true (xs_store_begin (store, &error));
  g_assert_true (xs_store_put_unit (store, unit, &error));
  g_assert_true (xs_store_replace_person (store, person, &error));
  g_assert_true (xs_store_add_activity (store, a1, &credit, &error));
  g_assert_true (xs_store_add_activity (store, a2, &credit, &error));
  g_assert_true (xs_store_commit (store, &error));
  g_assert_no_error (error);
}

static void
test_a_new_database_is_private_and_current (void)
{
  g_autofree char *path = temp_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr (XsStore) store = open_store (path);
  g_autofree char *journal = NULL;
  g_autofree char *version = NULL;
  struct stat st;
  sqlite3 *db;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);
  g_assert_cmpint (xs_sqlite_store_get_schema_version (XS_SQLITE_STORE (store)), ==,
                   xs_sqlite_store_get_latest_schema_version ());

  db = raw_open (path);
  journal = raw_text (db, "PRAGMA journal_mode");
  version = raw_text (db, "PRAGMA user_version");
  sqlite3_close (db);
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (atoi (version), ==, xs_sqlite_store_get_latest_schema_version ());
}

static void
test_the_default_database_is_in_the_user_data_folder (void)
{
  g_autofree char *path = xs_store_dup_default_path ();

  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (path, "/xueshi/xueshi.db"));
}

static void
test_records_survive_reopening (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (XsPerson) person = NULL;
  XsActivity *a;
  XsStoreCounts counts;

  {
    g_autoptr (XsStore) store = open_store (path);
    put_fixture (store);
  }
  {
    g_autoptr (XsStore) store = open_store (path);

    person = xs_store_get_person (store, "P1", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (person->name, ==, "张三");
    g_assert_cmpstr (person->id_number, ==, "11010519491231002X");
    g_assert_cmpuint (person->span_from, ==, 0);

    activities = xs_store_list_activities (store, "P1", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (activities->len, ==, 2);
    a = g_ptr_array_index (activities, 0);
    g_assert_cmpstr (a->id, ==, "A1");
    g_assert_cmpstr (xs_activity_get_param (a, "role"), ==, "first");
    g_assert_cmpstr (xs_activity_get_param (a, "year"), ==, "2022");
    g_assert_cmpint (a->status, ==, XS_STATUS_APPROVED);
    g_assert_cmpuint (a->evidence->len, ==, 1);
    g_assert_cmpstr (((XsEvidence *)g_ptr_array_index (a->evidence, 0))->material, ==,
                     "journal-cover");
    g_assert_cmpuint (a->reviews->len, ==, 1);
    g_assert_cmpstr (((XsReview *)g_ptr_array_index (a->reviews, 0))->reason, ==, "材料齐全");

    g_assert_true (xs_store_get_counts (store, &counts, &error));
    g_assert_cmpint (counts.units, ==, 1);
    g_assert_cmpint (counts.persons, ==, 1);
    g_assert_cmpint (counts.activities, ==, 2);
    g_assert_cmpint (counts.evidence, ==, 2);
  }
}

static void
test_replacing_a_person_drops_their_old_activities (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr (XsStore) store = open_store (path);
  g_autoptr (XsPerson) again = make_person ("P1", "U1");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  XsStoreCounts counts;

  put_fixture (store);
  g_free (again->name);
  again->name = g_strdup ("张三丰");
  again->span_from = 2022;
  again->span_to = 2026;
  g_assert_true (xs_store_replace_person (store, again, &error));

  activities = xs_store_list_activities (store, "P1", &error);
  g_assert_cmpuint (activities->len, ==, 0);
  g_assert_true (xs_store_get_counts (store, &counts, &error));
  g_assert_cmpint (counts.evidence, ==, 0);
  {
    g_autoptr (XsPerson) p = xs_store_get_person (store, "P1", &error);
    g_assert_cmpstr (p->name, ==, "张三丰");
    g_assert_cmpuint (p->span_from, ==, 2022);
    g_assert_cmpuint (p->span_to, ==, 2026);
  }
}

static void
test_putting_a_person_keeps_their_activities (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr (XsStore) store = open_store (path);
  g_autoptr (XsPerson) again = make_person ("P1", "U1");
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (XsPerson) p = NULL;

  put_fixture (store);
  g_free (again->specialty);
  again->specialty = g_strdup ("心血管内科");
  g_assert_true (xs_store_put_person (store, again, &error));
  g_assert_no_error (error);

  activities = xs_store_list_activities (store, "P1", &error);
  g_assert_cmpuint (activities->len, ==, 2);
  p = xs_store_get_person (store, "P1", &error);
  g_assert_cmpstr (p->specialty, ==, "心血管内科");
}

static void
test_a_rolled_back_transaction_leaves_nothing (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr (XsStore) store = open_store (path);
  g_autoptr (XsActivity) extra = make_activity ("A9", "P1");
  g_autoptr (GError) error = NULL;
  XsStoreCounts counts;

  put_fixture (store);
  g_assert_true (xs_store_begin (store, &error));
  g_assert_true (xs_store_add_activity (store, extra, NULL, &error));
  xs_store_rollback (store);
  g_assert_true (xs_store_get_counts (store, &counts, &error));
  g_assert_cmpint (counts.activities, ==, 2);
}

static void
test_a_duplicate_activity_id_is_a_conflict (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr (XsStore) store = open_store (path);
  g_autoptr (XsActivity) dup = make_activity ("A1", "P1");
  g_autoptr (GError) error = NULL;
  g_autofree char *owner = NULL;

  put_fixture (store);
  g_assert_false (xs_store_add_activity (store, dup, NULL, &error));
  g_assert_error (error, XS_STORE_ERROR, XS_STORE_ERROR_CONFLICT);
  owner = xs_store_dup_activity_owner (store, "A1", NULL);
  g_assert_cmpstr (owner, ==, "P1");
}

static void
test_an_unknown_person_is_not_found (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr (XsStore) store = open_store (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (XsPerson) p = xs_store_get_person (store, "P404", &error);

  g_assert_null (p);
  g_assert_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "P404"));
}

static void
test_a_database_from_a_newer_version_is_refused (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (XsSqliteStore) store = NULL;
  sqlite3 *db;

  g_object_unref (open_store (path));
  db = raw_open (path);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = xs_sqlite_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, XS_STORE_ERROR, XS_STORE_ERROR_VERSION);
  g_assert_nonnull (strstr (error->message, "newer"));
}

static void
test_a_file_that_is_not_a_database_is_refused (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "notes.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (XsSqliteStore) store = NULL;
  g_autofree char *after = NULL;

  g_file_set_contents (path, "these are my notes, not a database\n", -1, &error);
  g_assert_no_error (error);
  store = xs_sqlite_store_open (path, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, path));
  /* and the file is untouched */
  g_file_get_contents (path, &after, NULL, NULL);
  g_assert_cmpstr (after, ==, "these are my notes, not a database\n");
}

static void
test_foreign_keys_are_enforced (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr (XsStore) store = open_store (path);
  g_autoptr (XsPerson) orphan = make_person ("P2", "U404");
  g_autoptr (GError) error = NULL;

  g_assert_false (xs_store_replace_person (store, orphan, &error));
  g_assert_error (error, XS_STORE_ERROR, XS_STORE_ERROR_CONFLICT);
}

static void
test_a_first_version_database_migrates_with_its_records (void)
{
  g_autofree char *path = temp_db_path ();
  g_autoptr (GError) error = NULL;
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);
  g_autoptr (XsUnitReport) report = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GPtrArray) audit = NULL;
  const XsPersonSummary *summary;
  sqlite3 *db;

  /* A database as the first Xueshi wrote it: schema 1, no deemed columns, no audit. */
  {
    g_autoptr (XsSqliteStore) old = xs_sqlite_store_open_at_version (path, 1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (xs_sqlite_store_get_schema_version (old), ==, 1);
  }
  db = raw_open (path);
  g_assert_cmpint (
      sqlite3_exec (db,
                    "INSERT INTO units VALUES ('U1', 'municipal', '某某中学', NULL, NULL);"
                    "INSERT INTO persons VALUES ('P1', 'U1', '张三', 'male', "
                    "'11010519491231002X', NULL, NULL, NULL, NULL, NULL);"
                    "INSERT INTO activities (id, person_id, kind, status, params, "
                    "credit_year, credit_public, credit_professional) VALUES "
                    "('A1', 'P1', 'aid-posting', 'approved', "
                    "'end=2022-09-30\npassed=true\nstart=2022-03-01\n', 2022, 0, 0);",
                    NULL, NULL, NULL),
      ==, SQLITE_OK);
  sqlite3_close (db);

  {
    g_autoptr (XsStore) store = open_store (path);

    g_assert_cmpint (xs_sqlite_store_get_schema_version (XS_SQLITE_STORE (store)), ==,
                     xs_sqlite_store_get_latest_schema_version ());
    activities = xs_store_list_activities (store, "P1", &error);
    g_assert_no_error (error);
    g_assert_cmpuint (activities->len, ==, 1);

    /* The credits carry no rule stamp yet: the report recomputes them, deemed year included. */
    report = xs_unit_report_new (store, rules, &error);
    g_assert_no_error (error);
    summary = g_ptr_array_index (report->persons, 0);
    g_assert_true (summary->years[1].confirmed.deemed_complete);

    /* And the newer tables work. */
    g_assert_true (
        xs_records_review (store, rules, "A1", XS_STATUS_PENDING, "复核", NULL, "李四", &error));
    audit = xs_audit_list (store, NULL, &error);
    g_assert_cmpuint (audit->len, ==, 1);
  }
}

static void
reset_tmp (void)
{
  g_autofree char *path = temp_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

static void
add (const char *path, GTestFunc func)
{
  /* Each test starts from no database at all. */
  g_test_add_vtable (path, 0, NULL, (GTestFixtureFunc)reset_tmp, (GTestFixtureFunc)func, NULL);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();

  add ("/store/new-database-is-private-and-current", test_a_new_database_is_private_and_current);
  add ("/store/default-database-is-in-the-user-data-folder",
       test_the_default_database_is_in_the_user_data_folder);
  add ("/store/records-survive-reopening", test_records_survive_reopening);
  add ("/store/replacing-a-person-drops-their-old-activities",
       test_replacing_a_person_drops_their_old_activities);
  add ("/store/putting-a-person-keeps-their-activities",
       test_putting_a_person_keeps_their_activities);
  add ("/store/rolled-back-transaction-leaves-nothing",
       test_a_rolled_back_transaction_leaves_nothing);
  add ("/store/duplicate-activity-id-is-a-conflict", test_a_duplicate_activity_id_is_a_conflict);
  add ("/store/unknown-person-is-not-found", test_an_unknown_person_is_not_found);
  add ("/store/database-from-a-newer-version-is-refused",
       test_a_database_from_a_newer_version_is_refused);
  add ("/store/file-that-is-not-a-database-is-refused",
       test_a_file_that_is_not_a_database_is_refused);
  add ("/store/foreign-keys-are-enforced", test_foreign_keys_are_enforced);
  add ("/store/first-version-database-migrates-with-its-records",
       test_a_first_version_database_migrates_with_its_records);

  return g_test_run ();
}
