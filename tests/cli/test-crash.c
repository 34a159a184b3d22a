/* test-crash.c — SIGKILL in the middle of an import or an evidence attachment, at random
 * moments, twenty times each: fsck stays clean and the operation is wholly there or wholly
 * absent, every time.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <signal.h>
#include <sys/wait.h>
#include <glib/gstdio.h>

#include "xs-test-util.h"
#include "xs-test-pdf.h"

#define RUNS 20
#define PERSONS 20
#define ACTIVITIES_PER_PERSON 50
#define EVIDENCE_FILES 60

typedef struct
{
  char *dir;
  char *db;
  char *exchange;
} Fixture;

static void
make_exchange (Fixture *f)
{
  GString *xml = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
                               "<unit id=\"U1\" category=\"other\" name=\"某某设计院\"/>\n");
  g_autofree char *evidence_dir = g_build_filename (f->dir, "evidence", NULL);
  g_autoptr (GError) error = NULL;
  guint serial = 0;

  g_mkdir_with_parents (evidence_dir, 0700);
  for (guint i = 0; i < EVIDENCE_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf ("scan-%u.pdf", i);
      g_autofree char *path = g_build_filename (evidence_dir, name, NULL);
      g_autofree char *filler = g_strnfill (64 * 1024, 'a' + i % 26);
      g_autofree char *note = g_strdup_printf ("scan %u %s", i, filler);
      g_autofree char *body = xs_test_pdf (note);

      g_file_set_contents (path, body, -1, &error);
      g_assert_no_error (error);
    }

  for (guint p = 0; p < PERSONS; p++)
    {
      char id_number[XS_RESIDENT_ID_LENGTH + 1];

      xs_test_resident_id (p, id_number);
      g_string_append_printf (xml,
                              "<person id=\"P%03u\" unit=\"U1\"><name>人员%u</name>"
                              "<gender>female</gender><id-number>%s"
                              "</id-number>\n",
                              p, p, id_number);
      for (guint a = 0; a < ACTIVITIES_PER_PERSON; a++, serial++)
        g_string_append_printf (xml,
                                "<activity id=\"A%u\" kind=\"paper\" role=\"first\" "
                                "year=\"%u\" status=\"approved\"><title>论文 %u</title>"
                                "<evidence material=\"journal-cover\" "
                                "file=\"evidence/scan-%u.pdf\"/></activity>\n",
                                serial, 2021 + a % 5, serial, serial % EVIDENCE_FILES);
      g_string_append (xml, "</person>\n");
    }
  g_string_append (xml, "</xueshi>\n");
  g_file_set_contents (f->exchange, xml->str, -1, &error);
  g_assert_no_error (error);
  g_string_free (xml, TRUE);
}

static void
remove_database (Fixture *f)
{
  g_autofree char *wal = g_strconcat (f->db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->db, "-shm", NULL);
  g_autofree char *store = g_strconcat (f->db, ".evidence", NULL);
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", store);

  g_unlink (f->db);
  g_unlink (wal);
  g_unlink (shm);
  g_assert_cmpint (system (command), ==, 0);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("crash-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "x.db", NULL);
  f->exchange = g_build_filename (f->dir, "unit.xml", NULL);
  make_exchange (f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_free (f->dir);
  g_free (f->db);
  g_free (f->exchange);
}

/* Runs the CLI; when @kill_after_us >= 0, kills it with SIGKILL after that long.
 * Returns the wall time it ran, in microseconds. */
static gint64
run_cli (const char *const *args, gint64 kill_after_us, gboolean *out_killed)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  GPid pid;
  int status = 0;

  g_ptr_array_add (argv, (gpointer)g_getenv ("XUESHI_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer)args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_async (NULL, (char **)argv->pdata, NULL,
                 G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                     G_SPAWN_STDERR_TO_DEV_NULL,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);

  if (kill_after_us >= 0)
    {
      g_usleep (kill_after_us);
      kill (pid, SIGKILL);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  *out_killed = WIFSIGNALED (status);
  if (!*out_killed)
    g_assert_cmpint (WEXITSTATUS (status), ==, 0);
  return g_get_monotonic_time () - start;
}

static void
assert_fsck_clean (const char *db, XsStoreCounts *counts)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsStore) store = (XsStore *)xs_sqlite_store_open (db, &error);
  XsFsckReport report;

  g_assert_no_error (error);
  g_assert_true (xs_fsck_run (store, &report, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < report.problems->len; i++)
    g_test_message ("fsck: %s", (char *)g_ptr_array_index (report.problems, i));
  g_assert_cmpuint (report.problems->len, ==, 0);
  xs_fsck_report_clear (&report);
  g_assert_true (xs_store_get_counts (store, counts, &error));
}

static void
test_a_killed_import_is_all_or_nothing (Fixture *f, gconstpointer data)
{
  const char *const import[] = { "--db", f->db, "import", f->exchange, NULL };
  gboolean killed = FALSE;
  guint whole = 0, absent = 0;
  gint64 full;
  XsStoreCounts counts;

  /* How long a whole import takes, to kill within it. */
  full = run_cli (import, -1, &killed);
  assert_fsck_clean (f->db, &counts);
  g_assert_cmpint (counts.activities, ==, PERSONS * ACTIVITIES_PER_PERSON);

  for (guint run = 0; run < RUNS; run++)
    {
      gint64 when = g_test_rand_int_range (0, (gint32)MIN (full * 11 / 10, G_MAXINT32));

      remove_database (f);
      run_cli (import, when, &killed);
      assert_fsck_clean (f->db, &counts);
      if (counts.activities == 0)
        {
          g_assert_cmpint (counts.persons, ==, 0);
          g_assert_cmpint (counts.evidence, ==, 0);
          absent++;
        }
      else
        {
          g_assert_cmpint (counts.activities, ==, PERSONS * ACTIVITIES_PER_PERSON);
          g_assert_cmpint (counts.persons, ==, PERSONS);
          g_assert_cmpint (counts.evidence, ==, PERSONS * ACTIVITIES_PER_PERSON);
          whole++;
        }
      g_test_message ("run %u: killed after %" G_GINT64_FORMAT " µs of %" G_GINT64_FORMAT ": %s",
                      run, when, full, counts.activities ? "whole" : "absent");
    }
  /* The random moments landed inside the import at least once. */
  g_assert_cmpuint (absent, >, 0);
  g_assert_cmpuint (whole + absent, ==, RUNS);
}

static void
test_a_killed_attachment_is_all_or_nothing (Fixture *f, gconstpointer data)
{
  const char *const import[] = { "--db", f->db, "import", f->exchange, NULL };
  gboolean killed = FALSE;
  guint attached = 0;
  gint64 full = 0; /* set by the first run */
  XsStoreCounts before, after;

  remove_database (f);
  run_cli (import, -1, &killed);
  assert_fsck_clean (f->db, &before);

  for (guint run = 0; run < RUNS; run++)
    {
      /* A different file each run, so each attachment is new to the store. */
      g_autofree char *scan = g_strdup_printf ("%s/scan-run-%u.pdf", f->dir, run);
      const char *const attach[] = { "--db", f->db, "evidence", "add", "A0", "notice", scan, NULL };
      gint64 when;

      /* A large scan (an incompressible image) widens the window in which the copy is under
       * way. */
      xs_test_write_pdf (scan, scan, 1000 * 1000);

      if (run == 0)
        {
          full = run_cli (attach, -1, &killed);
          attached++;
        }
      else
        {
          when = g_test_rand_int_range (0, (gint32)(full * 11 / 10));
          run_cli (attach, when, &killed);
        }
      assert_fsck_clean (f->db, &after);
      g_assert_cmpint (after.evidence, >=, before.evidence + attached);
      g_assert_cmpint (after.evidence, <=, before.evidence + attached + (run ? 1 : 0));
      attached = (guint)(after.evidence - before.evidence);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();

  g_test_add ("/crash/killed-import-is-all-or-nothing", Fixture, NULL, fixture_set_up,
              test_a_killed_import_is_all_or_nothing, fixture_tear_down);
  g_test_add ("/crash/killed-attachment-is-all-or-nothing", Fixture, NULL, fixture_set_up,
              test_a_killed_attachment_is_all_or_nothing, fixture_tear_down);
  return g_test_run ();
}
