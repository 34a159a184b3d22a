/* test-sharing.c — the application and the CLI on one database at once lose nothing.
 *
 * Any open() and close() of the database file inside a process drops every POSIX lock that
 * process holds on it (GIO does this when a file chooser shows the folder). SQLite then takes
 * the next program that closes the database for its last user: before the fix that program
 * checkpointed and deleted the write-ahead log under the first one, whose later writes and
 * final checkpoint overwrote the other's changes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "xs-core.h"
#include "xs-test-pdf.h"

static void
run_cli (const char *db, const char *const *args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer)g_getenv ("XUESHI_CLI"));
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer)db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("xueshi-cli %s failed: %s", args[0], err);
}

/* What a file chooser does to the folder's files: open and close those that are there. */
static void
touch_like_a_file_chooser (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

  if (fd >= 0)
    g_close (fd, NULL);
}

static void
review (XsStore *store, XsRules *rules, const char *id, const char *reason)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (
      xs_records_review (store, rules, id, XS_STATUS_REJECTED, reason, NULL, "王五", &error));
  g_assert_no_error (error);
}

/* Every reason given, in order: a review lost anywhere shows here. */
static void
assert_reviews (XsStore *store, const char *id, guint before, const char *prefix, guint n)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsActivity) a = xs_store_get_activity (store, id, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (a->reviews->len, ==, before + n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *expected = g_strdup_printf ("%s%u", prefix, i);
      g_assert_cmpstr (((XsReview *)g_ptr_array_index (a->reviews, before + i))->reason, ==,
                       expected);
    }
}

static guint
count_reviews (XsStore *store, const char *id)
{
  g_autoptr (XsActivity) a = xs_store_get_activity (store, id, NULL);

  g_assert_nonnull (a);
  return a->reviews->len;
}

static void
test_both_programs_writes_survive (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sharing-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "x.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *sample =
      g_build_filename (g_getenv ("XUESHI_SOURCE_DIR"), "data", "sample", "sample.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (sample);
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);
  g_autoptr (GError) error = NULL;
  const char *const cli_fsck[] = { "fsck", NULL };
  XsStore *app;
  XsImportResult result;
  gint64 bad = -1;
  const guint rounds = 4;
  guint before_app, before_cli;

  app = (XsStore *)xs_sqlite_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (xs_import_file (app, rules, file, NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  xs_import_result_clear (&result);
  before_app = count_reviews (app, "P002-A1");
  before_cli = count_reviews (app, "P003-A1");

  for (guint round = 0; round < rounds; round++)
    {
      g_autofree char *app_reason = g_strdup_printf ("程序驳回%u", round);
      g_autofree char *cli_reason = g_strdup_printf ("命令行驳回%u", round);
      const char *const cli_review[] = { "review",     "P003-A1", "--reject", cli_reason,
                                         "--reviewer", "李四",    NULL };

      review (app, rules, "P002-A1", app_reason);
      touch_like_a_file_chooser (db);
      touch_like_a_file_chooser (wal);
      run_cli (db, cli_review);
    }
  g_object_unref (app);

  {
    g_autoptr (XsStore) reopened = (XsStore *)xs_sqlite_store_open (db, &error);
    g_autoptr (GPtrArray) entries = NULL;

    g_assert_no_error (error);
    assert_reviews (reopened, "P002-A1", before_app, "程序驳回", rounds);
    assert_reviews (reopened, "P003-A1", before_cli, "命令行驳回", rounds);
    g_assert_true (xs_audit_verify (reopened, &bad, &error));
    g_assert_no_error (error);
  }
  run_cli (db, cli_fsck);
}

/* An import adding many new scans while `gc` runs again and again beside it: before the fix
 * gc removed files the import then committed (fsck found hundreds missing). */
static void
test_gc_beside_an_import_removes_nothing_it_needs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sharing-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "x.db", NULL);
  g_autofree char *xml_path = g_build_filename (dir, "unit.xml", NULL);
  g_autofree char *scans = g_build_filename (dir, "evidence", NULL);
  g_autoptr (GString) xml = g_string_new (NULL);
  g_autoptr (GSubprocess) import = NULL;
  g_autoptr (GError) error = NULL;
  const char *const cli_gc[] = { "gc", NULL };
  const char *const cli_fsck[] = { "fsck", NULL };
  const guint n = 300;
  guint collections = 0;

  g_mkdir (scans, 0700);
  g_string_append (xml, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
                        "<unit id=\"U1\" category=\"municipal\" name=\"某某学校\"/>\n"
                        "<person id=\"P1\" unit=\"U1\"><name>张三</name><gender>male</gender>"
                        "<id-number>11010519491231002X</id-number>\n");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("scan-%u.pdf", i);
      g_autofree char *path = g_build_filename (scans, name, NULL);

      xs_test_write_pdf (path, name, 20000); /* each file different, each a little slow */
      g_string_append_printf (xml,
                              "<activity id=\"A%u\" kind=\"paper\" role=\"first\" "
                              "year=\"2022\" status=\"pending\">"
                              "<evidence material=\"journal-cover\" file=\"evidence/%s\"/>"
                              "</activity>\n",
                              i, name);
    }
  g_string_append (xml, "</person>\n</xueshi>\n");
  g_file_set_contents (xml_path, xml->str, -1, &error);
  g_assert_no_error (error);

  run_cli (db, cli_fsck); /* the database exists before both start */
  import = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                             &error, g_getenv ("XUESHI_CLI"), "--db", db, "import", xml_path, NULL);
  g_assert_no_error (error);
  /* gc waits for the import's transaction or says the database is busy: both are fine. */
  while (g_subprocess_get_identifier (import) != NULL && collections < 200)
    {
      g_autoptr (GSubprocess) gc =
          g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                            &error, g_getenv ("XUESHI_CLI"), "--db", db, "gc", NULL);

      g_assert_no_error (error);
      g_subprocess_wait (gc, NULL, NULL);
      collections++;
    }
  g_subprocess_wait (import, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (import));
  g_assert_cmpuint (collections, >, 0);
  run_cli (db, cli_gc);
  run_cli (db, cli_fsck);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();
  g_test_add_func ("/sharing/both-programs-writes-survive", test_both_programs_writes_survive);
  g_test_add_func ("/sharing/gc-beside-an-import-removes-nothing-it-needs",
                   test_gc_beside_an_import_removes_nothing_it_needs);
  return g_test_run ();
}
