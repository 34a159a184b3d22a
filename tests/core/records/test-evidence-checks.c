/* test-evidence-checks.c — the reviewer's cross-checks of scans against the records, the
 * text kept and searched, and explanations audited; in either backend.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "xs-test-util.h"

typedef struct
{
  XsTestStore t;
  char *scan; /* xs_test_write_certificate(): 张三, 430102199003071234, 2026-03-01–03, 24 学时 */
  char *sha256;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autofree char *sample =
      g_build_filename (g_getenv ("XUESHI_SOURCE_DIR"), "data", "sample", "sample.xml", NULL);
  g_auto (XsTestRun) run = { 0 };

  xs_test_store_set_up (&f->t);
  xs_test_store_close (&f->t);
  xs_test_run_cli (&run, f->t.db, "import", sample, NULL);
  g_assert_cmpint (run.status, ==, 0);
  xs_test_store_reopen (&f->t);
  f->scan = g_build_filename (f->t.dir, "certificate.png", NULL);
  xs_test_write_certificate (f->scan);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  xs_test_store_tear_down (&f->t);
  g_free (f->scan);
  g_free (f->sha256);
}

static void
attach (Fixture *f, const char *activity)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&f->sha256, g_free);
  g_assert_true (xs_records_attach_evidence (f->t.store, f->t.rules, activity, f->scan,
                                             "certificate", "王五", &f->sha256, &error));
  g_assert_no_error (error);
}

/* The problems about the test scan only (the sample's own files say little). */
static GPtrArray *
problems_of (Fixture *f, const char *activity)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all =
      xs_records_check_evidence (f->t.store, f->t.rules, activity, NULL, &error);
  GPtrArray *mine = g_ptr_array_new ();

  g_assert_no_error (error);
  for (guint i = 0; i < all->len; i++)
    {
      XsEvidenceProblem *p = g_ptr_array_index (all, i);

      if (g_strcmp0 (p->sha256, f->sha256) == 0)
        {
          XsEvidenceProblem *copy = g_new0 (XsEvidenceProblem, 1);

          copy->kind = g_strdup (p->kind);
          copy->sha256 = g_strdup (p->sha256);
          copy->found = g_strdup (p->found);
          copy->expected = g_strdup (p->expected);
          copy->explained = g_strdup (p->explained);
          g_ptr_array_add (mine, copy);
        }
    }
  g_ptr_array_set_free_func (mine, (GDestroyNotify)xs_evidence_problem_free);
  return mine;
}

static const XsEvidenceProblem *
find (GPtrArray *problems, const char *kind)
{
  for (guint i = 0; i < problems->len; i++)
    if (g_str_equal (((XsEvidenceProblem *)g_ptr_array_index (problems, i))->kind, kind))
      return g_ptr_array_index (problems, i);
  return NULL;
}

/* The problem of @kind, which must be there. */
static const XsEvidenceProblem *
need (GPtrArray *problems, const char *kind)
{
  const XsEvidenceProblem *p = find (problems, kind);

  if (p == NULL)
    g_error ("no %s among the %u problems", kind, problems->len);
  return p;
}

/* P001 is 张三 (the scan's name) with another ID number, a 4-day training in March 2021. */
static void
test_mismatches_are_found (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) problems = NULL;
  const XsEvidenceProblem *p;

  attach (f, "P001-A1");
  problems = problems_of (f, "P001-A1");
  g_assert_null (find (problems, "name-mismatch"));
  p = need (problems, "id-mismatch");
  g_assert_cmpstr (p->found, ==, "430102199003071234");
  g_assert_cmpstr (p->expected, ==, "430102198503140270");
  p = need (problems, "date-mismatch");
  g_assert_cmpstr (p->found, ==, "2026-03-01/2026-03-03");
  g_assert_cmpstr (p->expected, ==, "2021-03-15/2021-03-18");
  p = need (problems, "hours-mismatch");
  g_assert_cmpstr (p->found, ==, "24");
  g_assert_cmpstr (p->expected, ==, "32");
  g_assert_null (find (problems, "duplicate-file"));
  g_assert_null (find (problems, "duplicate-certificate"));
  g_assert_cmpuint (problems->len, ==, 3);
}

/* A record that agrees with the scan has no problems: the checks are not noise. */
static void
test_agreeing_records_have_none (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsActivity) a = NULL;
  g_autoptr (XsPerson) person = NULL;
  g_autoptr (GPtrArray) problems = NULL;

  person = xs_store_get_person (f->t.store, "P001", &error);
  g_assert_no_error (error);
  g_free (person->id_number);
  person->id_number = g_strdup ("430102199003071234");
  g_assert_true (xs_records_edit_person (f->t.store, person, "王五", NULL, &error));
  g_assert_no_error (error);
  a = xs_store_get_activity (f->t.store, "P001-A1", &error);
  g_assert_no_error (error);
  xs_activity_set_param (a, "start", "2026-03-01");
  xs_activity_set_param (a, "end", "2026-03-03");
  xs_activity_set_param (a, "days", "3");
  g_assert_true (xs_records_save_activity (f->t.store, f->t.rules, a, "王五", &error));
  g_assert_no_error (error);

  attach (f, "P001-A1");
  problems = problems_of (f, "P001-A1");
  g_assert_cmpuint (problems->len, ==, 0);
}

/* One file on two persons' activities is flagged on both; read once, kept, found by its
 * certificate number and its organiser. */
static void
test_duplicates_are_flagged_on_both (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) first = NULL;
  g_autoptr (GPtrArray) second = NULL;
  g_autoptr (GPtrArray) by_number = NULL;
  g_autoptr (GPtrArray) by_organizer = NULL;
  g_autoptr (GPtrArray) nobody = NULL;
  g_autofree char *fields = NULL;
  g_autofree char *text = NULL;
  const XsEvidenceProblem *p;

  attach (f, "P001-A1");
  attach (f, "P002-A1");
  first = problems_of (f, "P001-A1");
  second = problems_of (f, "P002-A1");
  p = need (first, "duplicate-file");
  g_assert_cmpstr (p->found, ==, "P002-A1");
  p = need (second, "duplicate-file");
  g_assert_cmpstr (p->found, ==, "P001-A1");
  /* The same file: a duplicate-file, not also a duplicate-certificate. */
  g_assert_null (find (first, "duplicate-certificate"));
  /* P002 is 王芳. */
  p = need (second, "name-mismatch");
  g_assert_cmpstr (p->found, ==, "张三");
  g_assert_cmpstr (p->expected, ==, "王芳");

  text = xs_store_dup_evidence_text (f->t.store, f->sha256, &fields, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "HNU-2026-00123"));
  g_assert_nonnull (strstr (fields, "\"certificate_number\":\"HNU-2026-00123\""));
  by_number = xs_store_search_evidence_text (f->t.store, "HNU-2026-00123", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_number->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (by_number, 0), ==, "P001");
  g_assert_cmpstr (g_ptr_array_index (by_number, 1), ==, "P002");
  by_organizer = xs_store_search_evidence_text (f->t.store, "湖南大学", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (by_organizer->len, ==, 2);
  nobody = xs_store_search_evidence_text (f->t.store, "100%_", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (nobody->len, ==, 0);
}

/* The same certificate number on another file (a second scan of one certificate) on
 * another activity of the same person: counted twice unless the reviewer sees it. */
static void
test_same_certificate_twice_is_flagged (Fixture *f, gconstpointer data)
{
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->t.dir, "certificate.pdf", NULL);
  g_autofree char *first = NULL;
  g_autoptr (XsOcrFields) read = NULL;
  const XsEvidenceProblem *p;

  attach (f, "P001-A1");
  first = g_strdup (f->sha256);
  read = xs_records_read_evidence (f->t.store, f->t.rules, first, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);
  xs_test_write_certificate (pdf);
  g_clear_pointer (&f->sha256, g_free);
  g_assert_true (xs_records_attach_evidence (f->t.store, f->t.rules, "P001-A2", pdf, "certificate",
                                             "王五", &f->sha256, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (f->sha256, !=, first);
  problems = problems_of (f, "P001-A2");
  p = need (problems, "duplicate-certificate");
  g_assert_cmpstr (p->found, ==, "HNU-2026-00123 P001-A1");
  g_assert_null (find (problems, "duplicate-file"));
}

static void
test_explained_is_audited (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) audit = NULL;
  const XsAuditEntry *last;

  attach (f, "P001-A1");
  before = problems_of (f, "P001-A1");
  g_assert_null (need (before, "hours-mismatch")->explained);
  g_assert_true (xs_records_explain_problem (f->t.store, "P001-A1", "hours-mismatch", f->sha256,
                                             "  证书按课时计  ", "李四", &error));
  g_assert_no_error (error);
  after = problems_of (f, "P001-A1");
  g_assert_cmpstr (need (after, "hours-mismatch")->explained, ==, "证书按课时计");
  g_assert_null (need (after, "id-mismatch")->explained);
  audit = xs_audit_list (f->t.store, "P001", &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (audit, audit->len - 1);
  g_assert_cmpstr (last->action, ==, "explain");
  g_assert_cmpstr (last->actor, ==, "李四");
  g_assert_cmpstr (last->target, ==, "P001-A1");

  /* Nothing else is taken: a made-up kind, an empty reason, a file not on the activity. */
  g_assert_false (
      xs_records_explain_problem (f->t.store, "P001-A1", "typo", f->sha256, "x", "李四", &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (xs_records_explain_problem (f->t.store, "P001-A1", "hours-mismatch", f->sha256,
                                              "  ", "李四", &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (xs_records_explain_problem (f->t.store, "P002-A1", "hours-mismatch", f->sha256,
                                              "x", "李四", &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_ptr_array_unref (audit);
  audit = xs_audit_list (f->t.store, "P001", &error);
  g_assert_cmpstr (((XsAuditEntry *)g_ptr_array_index (audit, audit->len - 1))->action, ==,
                   "explain");
}

/* A sign-in sheet names many: a scan naming the person among others is not someone else's
 * (its other name is no mismatch); on another person's activity it is. */
static void
test_a_list_naming_the_person_is_theirs (Fixture *f, gconstpointer data)
{
  static const char *const sheet[] = {
    "培训签到表",
    "姓名：王五 单位：湖南大学",
    "张三 湖南省湘江人民医院",
    NULL,
  };
  g_autoptr (GPtrArray) theirs = NULL;
  g_autoptr (GPtrArray) other = NULL;
  g_autoptr (GError) error = NULL;

  xs_test_write_lines (f->scan, sheet);
  attach (f, "P001-A1");
  theirs = problems_of (f, "P001-A1");
  g_assert_null (find (theirs, "name-mismatch"));
  g_assert_true (xs_records_attach_evidence (f->t.store, f->t.rules, "P002-A3", f->scan, "sign-in",
                                             "王五", NULL, &error));
  g_assert_no_error (error);
  other = problems_of (f, "P002-A3");
  g_assert_cmpstr (need (other, "name-mismatch")->found, ==, "王五");
}

static gboolean
listed (GPtrArray *files, const char *sha256)
{
  for (guint i = 0; i < files->len; i++)
    if (g_str_equal (g_ptr_array_index (files, i), sha256))
      return TRUE;
  return FALSE;
}

/* Files attached without reading are listed as unread; reading them keeps their text (the
 * search finds the person by its certificate number) and they are listed no more; a file
 * that cannot be read is said, and left for next time. */
static void
test_unread_files_are_read (Fixture *f, gconstpointer data)
{
  g_autoptr (GHashTable) failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) unread = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  guint read = 0;

  attach (f, "P003-A1");
  unread = xs_store_list_unread_evidence (f->t.store, G_MAXINT, &error);
  g_assert_no_error (error);
  g_assert_true (listed (unread, f->sha256));
  /* The sample's own files passed over: only the certificate is read here. */
  for (guint i = 0; i < unread->len; i++)
    if (!g_str_equal (g_ptr_array_index (unread, i), f->sha256))
      g_hash_table_insert (failed, g_strdup (g_ptr_array_index (unread, i)), g_strdup ("skip"));
  g_assert_true (xs_records_read_unread_evidence (f->t.store, f->t.rules, 0, failed, NULL, NULL,
                                                  NULL, &read, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (read, ==, 1);
  g_assert_cmpuint (g_hash_table_size (failed), ==, unread->len - 1);
  after = xs_store_list_unread_evidence (f->t.store, G_MAXINT, &error);
  g_assert_no_error (error);
  g_assert_false (listed (after, f->sha256));
  g_assert_cmpuint (after->len, ==, unread->len - 1);
  found = xs_store_search_evidence_text (f->t.store, "HNU-2026-00123", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (found, 0), ==, "P003");

  /* At most @limit, and a file gone from the evidence folder is said, not read. */
  if (!xs_test_backend_is_postgresql ())
    {
      g_autofree char *gone = g_strdup (g_ptr_array_index (after, 0));
      g_autoptr (XsBlobStore) blobs = xs_blob_store_new (xs_store_get_evidence_dir (f->t.store));
      g_autofree char *path = xs_blob_store_dup_path (blobs, gone);

      g_hash_table_remove_all (failed);
      g_assert_cmpint (g_remove (path), ==, 0);
      g_assert_true (xs_records_read_unread_evidence (f->t.store, f->t.rules, 1, failed, NULL, NULL,
                                                      NULL, &read, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (read, ==, 0);
      g_assert_true (g_hash_table_contains (failed, gone));
      g_clear_pointer (&after, g_ptr_array_unref);
      after = xs_store_list_unread_evidence (f->t.store, G_MAXINT, &error);
      g_assert_true (listed (after, gone));
    }
}

int
main (int argc, char **argv)
{
  xs_core_init ();
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/evidence-checks/mismatches-are-found", test_mismatches_are_found);
  ADD ("/evidence-checks/agreeing-records-have-none", test_agreeing_records_have_none);
  ADD ("/evidence-checks/duplicates-are-flagged-on-both", test_duplicates_are_flagged_on_both);
  ADD ("/evidence-checks/same-certificate-twice-is-flagged",
       test_same_certificate_twice_is_flagged);
  ADD ("/evidence-checks/explained-is-audited", test_explained_is_audited);
  ADD ("/evidence-checks/a-list-naming-the-person-is-theirs",
       test_a_list_naming_the_person_is_theirs);
  ADD ("/evidence-checks/unread-files-are-read", test_unread_files_are_read);
#undef ADD
  return g_test_run ();
}
