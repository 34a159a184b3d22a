/* test-records.c — changes through xs-records: validated, reviewed, audited, and the audit
 * chain catching an edit made behind the program's back.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "xs-core.h"
#include "xs-test-pdf.h"

typedef struct
{
  char *dir;
  char *db_path;
  XsStore *store;
  XsRules *rules;
} Fixture;

static char *
write_pdf (Fixture *f, const char *name, const char *note)
{
  char *path = g_build_filename (f->dir, name, NULL);

  xs_test_write_pdf (path, note, 0);
  return path;
}

static char *
write_file (Fixture *f, const char *name, const char *contents, gssize len)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
  return path;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsUnit) unit = xs_unit_new ();
  g_autoptr (XsPerson) person = xs_person_new ();

  f->dir = g_dir_make_tmp ("records-XXXXXX", &error);
  f->db_path = g_build_filename (f->dir, "x.db", NULL);
  f->store = (XsStore *)xs_sqlite_store_open (f->db_path, &error);
  g_assert_no_error (error);
  f->rules = xs_rules_new_for_year (2026, &error);
  g_assert_no_error (error);

  unit->id = g_strdup ("U1");
  unit->category = g_strdup ("provincial");
  unit->name = g_strdup ("湖南省某某医院");
  person->id = g_strdup ("P001");
  person->unit_id = g_strdup ("U1");
  person->name = g_strdup ("张三");
  person->gender = g_strdup ("male");
  person->id_number = g_strdup ("11010519491231002X");
  g_assert_true (xs_store_begin (f->store, &error));
  g_assert_true (xs_store_put_unit (f->store, unit, &error));
  g_assert_true (xs_store_put_person (f->store, person, &error));
  g_assert_true (xs_store_commit (f->store, &error));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->rules);
  g_free (f->dir);
  g_free (f->db_path);
}

static XsActivity *
paper (const char *id, const char *role)
{
  XsActivity *a = xs_activity_new ();

  a->id = g_strdup (id);
  a->person_id = g_strdup ("P001");
  a->kind = g_strdup ("paper");
  a->title = g_strdup ("论文一篇");
  xs_activity_set_param (a, "role", role);
  xs_activity_set_param (a, "year", "2023");
  return a;
}

static GPtrArray *
audit (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *entries = xs_audit_list (f->store, NULL, &error);

  g_assert_no_error (error);
  return entries;
}

static const char *
action_of (GPtrArray *entries, guint i)
{
  return ((XsAuditEntry *)g_ptr_array_index (entries, i))->action;
}

static XsActivity *
certified_year (const char *id, const char *year)
{
  XsActivity *a = xs_activity_new ();

  a->id = g_strdup (id);
  a->person_id = g_strdup ("P001");
  a->kind = g_strdup ("certified-year");
  xs_activity_set_param (a, "year", year);
  xs_activity_set_param (a, "public", "30");
  xs_activity_set_param (a, "professional", "60");
  return a;
}

static XsActivity *
reload (Fixture *f, const char *id)
{
  g_autoptr (GError) error = NULL;
  XsActivity *a = xs_store_get_activity (f->store, id, &error);

  g_assert_no_error (error);
  return a;
}

static void
test_saving_creates_then_changes_with_audit (Fixture *f, gconstpointer data)
{
  g_autoptr (XsActivity) a = paper ("A1", "first");
  g_autoptr (XsActivity) stored = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  g_assert_no_error (error);
  g_free (a->title);
  a->title = g_strdup ("论文一篇（修订）");
  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));

  stored = reload (f, "A1");
  g_assert_cmpstr (stored->title, ==, "论文一篇（修订）");
  g_assert_cmpint (stored->status, ==, XS_STATUS_PENDING);

  entries = audit (f);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (action_of (entries, 0), ==, "create");
  g_assert_cmpstr (action_of (entries, 1), ==, "change");
  g_assert_cmpstr (((XsAuditEntry *)g_ptr_array_index (entries, 1))->actor, ==, "王五");
  g_assert_nonnull (
      strstr (((XsAuditEntry *)g_ptr_array_index (entries, 1))->old_value, "title=论文一篇;"));
  g_assert_nonnull (
      strstr (((XsAuditEntry *)g_ptr_array_index (entries, 1))->new_value, "（修订）"));
}

/* One earlier sheet per person and year: a second is refused naming the first, also when a
 * rejected one comes back to review; another year, or beside a rejected one, is fine. */
static void
test_a_second_certified_year_is_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (XsActivity) first = certified_year ("C1", "2023");
  g_autoptr (XsActivity) second = certified_year ("C2", "2023");
  g_autoptr (XsActivity) other_year = certified_year ("C3", "2024");
  g_autoptr (GError) error = NULL;

  g_assert_true (xs_records_save_activity (f->store, f->rules, first, "王五", &error));
  g_assert_no_error (error);
  /* Saving the same one again is a change, not a second. */
  g_assert_true (xs_records_save_activity (f->store, f->rules, first, "王五", &error));
  g_assert_no_error (error);
  g_assert_false (xs_records_save_activity (f->store, f->rules, second, "王五", &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "C1"));
  g_clear_error (&error);
  g_assert_true (xs_records_save_activity (f->store, f->rules, other_year, "王五", &error));
  g_assert_no_error (error);

  g_assert_true (xs_records_review (f->store, f->rules, "C1", XS_STATUS_REJECTED, "印章不清", NULL,
                                    "赵六", &error));
  g_assert_no_error (error);
  g_assert_true (xs_records_save_activity (f->store, f->rules, second, "王五", &error));
  g_assert_no_error (error);
  g_assert_false (
      xs_records_review (f->store, f->rules, "C1", XS_STATUS_PENDING, NULL, NULL, "赵六", &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "C2"));
}

/* A newline in a reviewer's name, a reason or a file name would forge a line of `audit` or
 * `evidence list`. */
static void
test_texts_that_forge_lines_are_refused (Fixture *f, gconstpointer data)
{
  static const char *const forged[] = { "赵六\n2026-06-01 王五", "赵六\t通过", "赵六\r", "赵六\x7f",
                                        "赵六\u2028王五" };
  g_autoptr (XsActivity) a = paper ("A1", "first");
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "scan\n.pdf", NULL);

  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (forged); i++)
    {
      g_assert_false (xs_records_review (f->store, f->rules, "A1", XS_STATUS_REJECTED, "印章不清",
                                         NULL, forged[i], &error));
      g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_false (xs_records_review (f->store, f->rules, "A1", XS_STATUS_REJECTED, forged[i],
                                         NULL, "赵六", &error));
      g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
      g_clear_error (&error);
    }
  g_file_set_contents (path, "%PDF-1.4\n", -1, NULL);
  g_assert_false (xs_records_attach_evidence (f->store, f->rules, "A1", path, "journal-cover",
                                              "王五", NULL, &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
  entries = audit (f);
  g_assert_cmpuint (entries->len, ==, 1);
}

static void
test_an_invalid_activity_is_refused_and_not_audited (Fixture *f, gconstpointer data)
{
  g_autoptr (XsActivity) a = paper ("A1", "first");
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;

  xs_activity_set_param (a, "days", "2");
  g_assert_false (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
  entries = audit (f);
  g_assert_cmpuint (entries->len, ==, 0);
}

static void
test_changing_the_hours_of_an_approved_activity_needs_review_again (Fixture *f, gconstpointer data)
{
  g_autoptr (XsActivity) a = paper ("A1", "first");
  g_autoptr (XsActivity) after_title = NULL;
  g_autoptr (XsActivity) after_role = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  g_assert_true (xs_records_review (f->store, f->rules, "A1", XS_STATUS_APPROVED, NULL, "核对原件",
                                    "李四", &error));
  g_assert_no_error (error);

  /* The title does not change the hours: still approved. */
  a->status = XS_STATUS_APPROVED;
  g_free (a->title);
  a->title = g_strdup ("新标题");
  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  after_title = reload (f, "A1");
  g_assert_cmpint (after_title->status, ==, XS_STATUS_APPROVED);

  /* The role does: back to pending. */
  xs_activity_set_param (a, "role", "other");
  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  after_role = reload (f, "A1");
  g_assert_cmpint (after_role->status, ==, XS_STATUS_PENDING);
  g_assert_cmpuint (after_role->reviews->len, ==, 1); /* history kept */
}

static void
test_approving_incomplete_evidence_needs_an_override (Fixture *f, gconstpointer data)
{
  g_autoptr (XsActivity) a = paper ("A1", "first");
  g_autoptr (XsActivity) stored = NULL;
  g_autoptr (GError) error = NULL;
  XsReview *review;

  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  g_assert_false (
      xs_records_review (f->store, f->rules, "A1", XS_STATUS_APPROVED, NULL, NULL, "李四", &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INCOMPLETE);
  /* It names what is missing, in the rule file's words. */
  g_assert_nonnull (strstr (error->message, "刊物封面"));
  g_clear_error (&error);
  stored = reload (f, "A1");
  g_assert_cmpint (stored->status, ==, XS_STATUS_PENDING);
  g_clear_pointer (&stored, xs_activity_unref);

  g_assert_true (xs_records_review (f->store, f->rules, "A1", XS_STATUS_APPROVED, NULL,
                                    "期刊已在知网核实", "李四", &error));
  stored = reload (f, "A1");
  g_assert_cmpint (stored->status, ==, XS_STATUS_APPROVED);
  review = g_ptr_array_index (stored->reviews, 0);
  g_assert_cmpstr (review->reviewer, ==, "李四");
  g_assert_nonnull (strstr (review->reason, "特批：期刊已在知网核实"));
}

static void
test_rejecting_needs_a_reason_and_keeps_it (Fixture *f, gconstpointer data)
{
  g_autoptr (XsActivity) a = paper ("A1", "first");
  g_autoptr (XsActivity) rejected = NULL;
  g_autoptr (XsActivity) resubmitted = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  g_assert_false (
      xs_records_review (f->store, f->rules, "A1", XS_STATUS_REJECTED, "", NULL, "李四", &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NEEDS_REASON);
  g_clear_error (&error);

  g_assert_true (xs_records_review (f->store, f->rules, "A1", XS_STATUS_REJECTED, "刊物无统一刊号",
                                    NULL, "李四", &error));
  rejected = reload (f, "A1");
  g_assert_cmpint (rejected->status, ==, XS_STATUS_REJECTED);
  g_assert_cmpstr (((XsReview *)g_ptr_array_index (rejected->reviews, 0))->reason, ==,
                   "刊物无统一刊号");

  /* A rejected activity can be resubmitted; its rejection stays in the history. */
  g_assert_true (xs_records_review (f->store, f->rules, "A1", XS_STATUS_PENDING, "补充了刊号页",
                                    NULL, "李四", &error));
  resubmitted = reload (f, "A1");
  g_assert_cmpint (resubmitted->status, ==, XS_STATUS_PENDING);
  g_assert_cmpuint (resubmitted->reviews->len, ==, 2);
}

static void
test_a_review_needs_a_reviewer (Fixture *f, gconstpointer data)
{
  g_autoptr (XsActivity) a = paper ("A1", "first");
  g_autoptr (GError) error = NULL;

  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  g_assert_false (
      xs_records_review (f->store, f->rules, "A1", XS_STATUS_REJECTED, "理由", NULL, "  ", &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NO_REVIEWER);
}

static void
test_evidence_is_sniffed_stored_once_tagged_and_removed (Fixture *f, gconstpointer data)
{
  g_autoptr (XsActivity) a = paper ("A1", "first");
  g_autofree char *fake_jpg = write_pdf (f, "scan.jpg", "journal cover");
  g_autofree char *broken = write_file (f, "broken.pdf", "%PDF-1.4\n% cut off here", -1);
  g_autofree char *original = NULL;
  gsize stored_len = 0, original_len = 0;
  g_autofree char *text = write_file (f, "notes.pdf", "just some notes\n", -1);
  g_autofree char *sha1 = NULL;
  g_autofree char *sha2 = NULL;
  g_autofree char *stored_path = NULL;
  g_autofree char *stored_bytes = NULL;
  g_autoptr (XsActivity) stored = NULL;
  g_autoptr (XsEvidenceCheck) check = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  guint removed = 0;

  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));

  /* A .pdf name on a text file is refused; a .jpg name on a PDF is a PDF and accepted. */
  g_assert_false (xs_records_attach_evidence (f->store, f->rules, "A1", text, "contents", "王五",
                                              NULL, &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_FILE);
  g_clear_error (&error);
  g_assert_true (xs_records_attach_evidence (f->store, f->rules, "A1", fake_jpg, "journal-cover",
                                             "王五", &sha1, &error));
  g_assert_true (xs_records_attach_evidence (f->store, f->rules, "A1", fake_jpg, "serial-number",
                                             "王五", &sha2, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sha1, ==, sha2);

  stored_path = xs_records_dup_evidence_path (f->store, sha1);
  g_file_get_contents (stored_path, &stored_bytes, &stored_len, &error);
  g_file_get_contents (fake_jpg, &original, &original_len, &error);
  g_assert_cmpmem (stored_bytes, stored_len, original, original_len);

  /* A damaged PDF is refused before anything is stored. */
  g_assert_false (xs_records_attach_evidence (f->store, f->rules, "A1", broken, "contents", "王五",
                                              NULL, &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_FILE);
  g_clear_error (&error);

  g_assert_false (xs_records_attach_evidence (f->store, f->rules, "A1", fake_jpg, "selfie", "王五",
                                              NULL, &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (xs_records_retag_evidence (f->store, f->rules, "A1", sha2, "serial-number",
                                            "contents", "王五", &error));
  stored = reload (f, "A1");
  g_assert_cmpuint (stored->evidence->len, ==, 2);
  g_assert_cmpstr (((XsEvidence *)g_ptr_array_index (stored->evidence, 1))->material, ==,
                   "contents");
  check = xs_evidence_check_activity (f->rules, stored);
  g_assert_false (check->satisfied);
  g_assert_cmpstr (g_ptr_array_index (check->missing, 0), ==, "serial-number");

  g_assert_true (
      xs_records_detach_evidence (f->store, "A1", sha1, "journal-cover", "王五", &error));
  g_assert_false (
      xs_records_detach_evidence (f->store, "A1", sha1, "journal-cover", "王五", &error));
  g_assert_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Still referenced once (as contents): garbage collection keeps it. */
  g_assert_true (xs_blob_collect_garbage (f->store, &removed, &error));
  g_assert_cmpuint (removed, ==, 0);
  g_assert_true (xs_records_detach_evidence (f->store, "A1", sha2, "contents", "王五", &error));
  g_assert_true (xs_blob_collect_garbage (f->store, &removed, &error));
  g_assert_cmpuint (removed, ==, 1);
  g_assert_false (g_file_test (stored_path, G_FILE_TEST_EXISTS));

  entries = audit (f);
  g_assert_cmpstr (action_of (entries, 1), ==, "evidence-add");
  g_assert_cmpstr (action_of (entries, 3), ==, "evidence-tag");
  g_assert_cmpstr (action_of (entries, 4), ==, "evidence-remove");
}

static void
test_a_link_or_a_second_name_is_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (XsActivity) a = paper ("A1", "first");
  g_autofree char *pdf = write_pdf (f, "cover.pdf", "cover");
  g_autofree char *symbolic = g_build_filename (f->dir, "alias.pdf", NULL);
  g_autofree char *hard = g_build_filename (f->dir, "second-name.pdf", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  g_assert_cmpint (symlink (pdf, symbolic), ==, 0);
  g_assert_false (xs_records_attach_evidence (f->store, f->rules, "A1", symbolic, "journal-cover",
                                              "王五", NULL, &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  g_clear_error (&error);

  g_assert_cmpint (link (pdf, hard), ==, 0);
  g_assert_false (xs_records_attach_evidence (f->store, f->rules, "A1", hard, "journal-cover",
                                              "王五", NULL, &error));
  g_assert_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_FILE);
  g_assert_nonnull (strstr (error->message, "hard link"));
  g_clear_error (&error);

  /* Once it has one name again, it is taken. */
  g_assert_cmpint (g_unlink (hard), ==, 0);
  g_assert_true (xs_records_attach_evidence (f->store, f->rules, "A1", pdf, "journal-cover", "王五",
                                             NULL, &error));
  g_assert_no_error (error);
}

typedef struct
{
  char *path;
  char *scan; /* a PDF */
  gint stop;
} Swapper;

/* Renames a web page, then the PDF, over @path, again and again. */
static gpointer
swap_page_and_scan (gpointer data)
{
  Swapper *swapper = data;
  g_autofree char *tmp = g_strconcat (swapper->path, ".tmp", NULL);
  g_autofree char *pdf = NULL;
  gsize pdf_len = 0;

  g_assert_true (g_file_get_contents (swapper->scan, &pdf, &pdf_len, NULL));
  while (!g_atomic_int_get (&swapper->stop))
    {
      g_assert_true (g_file_set_contents (tmp, "<html><body>not a scan</body></html>\n", -1, NULL));
      g_assert_cmpint (g_rename (tmp, swapper->path), ==, 0);
      g_assert_true (g_file_set_contents (tmp, pdf, (gssize)pdf_len, NULL));
      g_assert_cmpint (g_rename (tmp, swapper->path), ==, 0);
    }
  return NULL;
}

/* The file was checked, then opened again by its name to be copied: a web page renamed over
 * it in between was stored. Now the bytes checked are the bytes stored. */
static void
test_the_checked_bytes_are_the_stored_bytes (Fixture *f, gconstpointer data)
{
  g_autoptr (XsActivity) a = paper ("A1", "first");
  Swapper swapper = { g_build_filename (f->dir, "changing.pdf", NULL),
                      write_pdf (f, "cover.pdf", "cover"), 0 };
  GThread *thread;
  guint attached = 0;
  g_autoptr (GError) error = NULL;

  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  thread = g_thread_new ("swapper", swap_page_and_scan, &swapper);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *sha256 = NULL;

      if (xs_records_attach_evidence (f->store, f->rules, "A1", swapper.path, "journal-cover",
                                      "王五", &sha256, &error))
        {
          g_autofree char *stored_path = xs_records_dup_evidence_path (f->store, sha256);
          g_autofree char *stored = NULL;

          g_assert_true (g_file_get_contents (stored_path, &stored, NULL, NULL));
          g_assert_true (g_str_has_prefix (stored, "%PDF-"));
          attached++;
          g_assert_true (
              xs_records_detach_evidence (f->store, "A1", sha256, "journal-cover", "王五", &error));
        }
      g_clear_error (&error);
    }
  g_atomic_int_set (&swapper.stop, 1);
  g_thread_join (thread);
  g_test_message ("%u of 40 attached", attached);
  g_free (swapper.path);
  g_free (swapper.scan);
}

static void
test_a_deletion_can_be_undone_by_saving_again (Fixture *f, gconstpointer data)
{
  g_autoptr (XsActivity) a = paper ("A1", "first");
  g_autofree char *pdf = write_pdf (f, "cover.pdf", "cover");
  g_autoptr (XsActivity) before = NULL;
  g_autoptr (XsActivity) after = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  g_assert_true (xs_records_attach_evidence (f->store, f->rules, "A1", pdf, "journal-cover", "王五",
                                             NULL, &error));
  g_assert_true (xs_records_review (f->store, f->rules, "A1", XS_STATUS_REJECTED, "缺刊号", NULL,
                                    "李四", &error));
  before = reload (f, "A1");

  g_assert_true (xs_records_delete_activity (f->store, f->rules, "A1", "王五", &error));
  g_assert_null (xs_store_get_activity (f->store, "A1", NULL));

  g_assert_true (xs_records_save_activity (f->store, f->rules, before, "王五", &error));
  g_assert_no_error (error);
  after = reload (f, "A1");
  g_assert_cmpint (after->status, ==, XS_STATUS_REJECTED);
  g_assert_cmpuint (after->evidence->len, ==, 1);
  g_assert_cmpuint (after->reviews->len, ==, 1);

  entries = audit (f);
  g_assert_cmpstr (action_of (entries, entries->len - 2), ==, "delete");
  g_assert_cmpstr (action_of (entries, entries->len - 1), ==, "create");
}

static void
raw_exec (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

static void
make_some_history (Fixture *f)
{
  g_autoptr (XsActivity) a = paper ("A1", "first");
  g_autoptr (XsActivity) b = paper ("A2", "other");
  g_autoptr (GError) error = NULL;

  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  g_assert_true (xs_records_save_activity (f->store, f->rules, b, "王五", &error));
  g_assert_true (xs_records_review (f->store, f->rules, "A1", XS_STATUS_REJECTED, "缺材料", NULL,
                                    "李四", &error));
  g_assert_no_error (error);
}

static void
test_the_program_cannot_edit_the_trail (Fixture *f, gconstpointer data)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  make_some_history (f);
  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (
      sqlite3_exec (db, "UPDATE audit SET actor = 'x' WHERE seq = 1", NULL, NULL, &message), !=,
      SQLITE_OK);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, NULL), !=, SQLITE_OK);
  sqlite3_close (db);
}

static void
assert_chain_broken_at (Fixture *f, gint64 seq)
{
  g_autoptr (GError) error = NULL;
  gint64 bad = 0;
  XsFsckReport report;

  g_assert_false (xs_audit_verify (f->store, &bad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (bad, ==, seq);

  g_assert_true (xs_fsck_run (f->store, &report, &error));
  g_assert_cmpuint (report.problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report.problems, 0), "audit trail"));
  xs_fsck_report_clear (&report);
}

static void
test_an_edit_with_the_sqlite_shell_is_detected (Fixture *f, gconstpointer data)
{
  gint64 bad = -1;

  make_some_history (f);
  g_assert_true (xs_audit_verify (f->store, &bad, NULL));
  g_assert_cmpint (bad, ==, 0);

  /* What someone with the sqlite3 shell could do: drop the guard, rewrite a reason. */
  raw_exec (f->db_path, "DROP TRIGGER audit_no_update;"
                        "UPDATE audit SET new_value = 'approved：材料齐全' WHERE seq = 3;");
  assert_chain_broken_at (f, 3);
}

static void
test_a_removed_entry_is_detected (Fixture *f, gconstpointer data)
{
  make_some_history (f);
  raw_exec (f->db_path, "DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE seq = 2;");
  assert_chain_broken_at (f, 3);
}

static void
test_fsck_finds_a_changed_or_missing_evidence_file (Fixture *f, gconstpointer data)
{
  g_autoptr (XsActivity) a = paper ("A1", "first");
  g_autofree char *pdf = write_pdf (f, "cover.pdf", "cover");
  g_autofree char *sha = NULL;
  g_autofree char *stored = NULL;
  g_autoptr (GError) error = NULL;
  XsFsckReport report;

  g_assert_true (xs_records_save_activity (f->store, f->rules, a, "王五", &error));
  g_assert_true (xs_records_attach_evidence (f->store, f->rules, "A1", pdf, "journal-cover", "王五",
                                             &sha, &error));
  g_assert_true (xs_fsck_run (f->store, &report, &error));
  g_assert_cmpuint (report.problems->len, ==, 0);
  g_assert_cmpuint (report.files_checked, ==, 1);
  xs_fsck_report_clear (&report);

  stored = xs_records_dup_evidence_path (f->store, sha);
  g_chmod (stored, 0600);
  g_file_set_contents (stored, "%PDF-1.4\n% forged\n", -1, &error);
  g_assert_true (xs_fsck_run (f->store, &report, &error));
  g_assert_cmpuint (report.problems->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (report.problems, 0), "was changed"));
  xs_fsck_report_clear (&report);

  g_unlink (stored);
  g_assert_true (xs_fsck_run (f->store, &report, &error));
  g_assert_nonnull (strstr (g_ptr_array_index (report.problems, 0), "missing"));
  xs_fsck_report_clear (&report);
}

#define ADD(path, func)                                                                            \
  g_test_add ("/records/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();

  ADD ("saving-creates-then-changes-with-audit", test_saving_creates_then_changes_with_audit);
  ADD ("a-second-certified-year-is-refused", test_a_second_certified_year_is_refused);
  ADD ("texts-that-forge-lines-are-refused", test_texts_that_forge_lines_are_refused);
  ADD ("invalid-activity-is-refused-and-not-audited",
       test_an_invalid_activity_is_refused_and_not_audited);
  ADD ("changing-hours-of-an-approved-activity-needs-review-again",
       test_changing_the_hours_of_an_approved_activity_needs_review_again);
  ADD ("review/approving-incomplete-evidence-needs-an-override",
       test_approving_incomplete_evidence_needs_an_override);
  ADD ("review/rejecting-needs-a-reason-and-keeps-it", test_rejecting_needs_a_reason_and_keeps_it);
  ADD ("review/needs-a-reviewer", test_a_review_needs_a_reviewer);
  ADD ("evidence/sniffed-stored-once-tagged-and-removed",
       test_evidence_is_sniffed_stored_once_tagged_and_removed);
  ADD ("evidence/link-or-second-name-is-refused", test_a_link_or_a_second_name_is_refused);
  ADD ("evidence/checked-bytes-are-the-stored-bytes", test_the_checked_bytes_are_the_stored_bytes);
  ADD ("deletion-can-be-undone-by-saving-again", test_a_deletion_can_be_undone_by_saving_again);
  ADD ("audit/program-cannot-edit-the-trail", test_the_program_cannot_edit_the_trail);
  ADD ("audit/edit-with-the-sqlite-shell-is-detected",
       test_an_edit_with_the_sqlite_shell_is_detected);
  ADD ("audit/removed-entry-is-detected", test_a_removed_entry_is_detected);
  ADD ("fsck/finds-a-changed-or-missing-evidence-file",
       test_fsck_finds_a_changed_or_missing_evidence_file);

  return g_test_run ();
}
