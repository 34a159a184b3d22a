/* test-import.c — exchange import: a good file lands whole, a bad one changes nothing.
 *
 * Every refusal is checked against a dump of the database and a listing of the evidence store
 * taken before and after, so "unchanged" is measured, not assumed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* renameat2 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "xs-core.h"
#include "xs-test-util.h"

#define VALID_ID "11010519491231002X"

/* Evidence that decodes (an import decodes every file new to the store), made in main(). */
static GBytes *ok_jpg;
static char *ok_pdf;
#define OK_JPG_DATA ((const char *)g_bytes_get_data (ok_jpg, NULL))
#define OK_JPG_SIZE ((gssize)g_bytes_get_size (ok_jpg))
#define OK_PDF_BYTES ok_pdf

typedef struct
{
  char *dir;     /* where exchange files and their evidence folders are written */
  char *db_path; /* the database; its evidence store is beside it */
  XsStore *store;
  XsRules *rules;
} Fixture;

static void
write_file (const char *dir, const char *name, const char *contents, gssize len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (parent, 0700);
  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);
}

static char *
sha256_of (const char *data, gssize len)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)data,
                                      len < 0 ? strlen (data) : (gsize)len);
}

/* An exchange document: unit U1, person P001 (valid ID), and the given activities. */
static char *
document (const char *activities)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
                          "  <unit id=\"U1\" category=\"provincial\" name=\"湖南省某某医院\"\n"
                          "        supervisor=\"湖南省卫生健康委员会\" region=\"长沙市\"/>\n"
                          "  <person id=\"P001\" unit=\"U1\" span-from=\"2021\" span-to=\"2025\">\n"
                          "    <name>张三</name>\n"
                          "    <gender>male</gender>\n"
                          "    <id-number>" VALID_ID "</id-number>\n"
                          "    <current-title>主治医师</current-title>\n"
                          "    <applying-title>副主任医师</applying-title>\n"
                          "    <specialty>内科</specialty>\n"
                          "%s"
                          "  </person>\n"
                          "</xueshi>\n",
                          activities);
}

static const char good_activities[] =
    "    <activity id=\"A1\" kind=\"training\" subject=\"public\" theme=\"1\"\n"
    "              start=\"2021-03-01\" end=\"2021-03-03\" days=\"2.5\" status=\"approved\">\n"
    "      <title>以高质量发展推进中国式现代化建设专题培训</title>\n"
    "      <organizer>湖南大学</organizer>\n"
    "      <evidence material=\"notice\" file=\"evidence/ok.jpg\"/>\n"
    "      <evidence material=\"certificate\" file=\"evidence/ok.pdf\" sha256=\"%s\"/>\n"
    "      <review reviewer=\"李四\" date=\"2026-06-01\" decision=\"approved\">材料齐全</review>\n"
    "    </activity>\n"
    "    <activity id=\"A2\" kind=\"paper\" role=\"first\" year=\"2022\" status=\"approved\"/>\n"
    "    <activity id=\"A3\" kind=\"invention-patent\" rank=\"2\" year=\"2023\" "
    "status=\"pending\"/>\n"
    "    <activity id=\"A4\" kind=\"aid-posting\" start=\"2022-03-01\" end=\"2022-09-30\"\n"
    "              passed=\"true\" status=\"approved\"/>\n";

static char *
good_document (void)
{
  g_autofree char *pdf_sha = sha256_of (OK_PDF_BYTES, -1);
  g_autofree char *activities = g_strdup_printf (good_activities, pdf_sha);

  return document (activities);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = g_dir_make_tmp ("import-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "db", "xueshi.db", NULL);
  f->store = (XsStore *)xs_sqlite_store_open (f->db_path, &error);
  g_assert_no_error (error);
  f->rules = xs_rules_new_for_year (2026, &error);
  g_assert_no_error (error);

  write_file (f->dir, "evidence/ok.jpg", OK_JPG_DATA, OK_JPG_SIZE);
  write_file (f->dir, "evidence/ok.pdf", OK_PDF_BYTES, -1);
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_object (&f->rules);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

static gboolean
import_text (Fixture *f, const char *name, const char *xml, XsImportResult *result, GError **error)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  write_file (f->dir, name, xml, -1);
  return xs_import_file (f->store, f->rules, file, NULL, NULL, NULL, result, error);
}

static void
import_good (Fixture *f)
{
  g_autofree char *xml = good_document ();
  g_autoptr (GError) error = NULL;
  XsImportResult result;

  g_assert_true (import_text (f, "good.xml", xml, &result, &error));
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

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *)a, *(char *const *)b);
}

static void
list_tree (const char *path, GString *out)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_dir_close (dir);
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *child = g_build_filename (path, g_ptr_array_index (names, i), NULL);
      g_string_append_printf (out, "%s\n", child);
      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        list_tree (child, out);
    }
}

/* Everything a user could see of the database and the evidence store, as text. */
static char *
snapshot (Fixture *f)
{
  GString *out = g_string_new (NULL);
  g_autofree char *store_dir = g_strconcat (f->db_path, ".evidence", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (f->db_path, &db), ==, SQLITE_OK);
  dump_query (db, "SELECT * FROM units ORDER BY id", out);
  dump_query (db, "SELECT * FROM persons ORDER BY id", out);
  dump_query (db, "SELECT * FROM activities ORDER BY rowid", out);
  dump_query (db, "SELECT * FROM evidence ORDER BY rowid", out);
  dump_query (db, "SELECT * FROM reviews ORDER BY rowid", out);
  sqlite3_close (db);
  list_tree (store_dir, out);
  return g_string_free (out, FALSE);
}

static void
assert_refused_unchanged (Fixture *f, const char *xml, int code, const char *message_part)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GError) error = NULL;
  XsImportResult result;

  import_good (f);
  before = snapshot (f);

  g_assert_false (import_text (f, "bad.xml", xml, &result, &error));
  g_assert_nonnull (error);
  if (!g_error_matches (error, XS_IMPORT_ERROR, code) ||
      strstr (error->message, message_part) == NULL)
    g_error ("expected code %d with “%s”, got %s:%d “%s”", code, message_part,
             g_quark_to_string (error->domain), error->code, error->message);
  g_assert_nonnull (strstr (error->message, "bad.xml"));
  g_assert_cmpuint (result.activities, ==, 0);
  xs_import_result_clear (&result);

  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

static void
test_a_good_file_imports_whole (Fixture *f, gconstpointer data)
{
  g_autofree char *xml = good_document ();
  g_autofree char *jpg_sha = sha256_of (OK_JPG_DATA, OK_JPG_SIZE);
  g_autofree char *pdf_sha = sha256_of (OK_PDF_BYTES, -1);
  g_autoptr (GError) error = NULL;
  g_autoptr (XsPerson) person = NULL;
  g_autoptr (XsUnit) unit = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (XsBlobStore) blobs = NULL;
  g_autofree char *stored_pdf = NULL;
  g_autofree char *stored_contents = NULL;
  XsImportResult result;
  XsActivity *a1;
  XsEvidence *cert;

  g_assert_true (import_text (f, "good.xml", xml, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.units, ==, 1);
  g_assert_cmpuint (result.persons, ==, 1);
  g_assert_cmpuint (result.persons_replaced, ==, 0);
  g_assert_cmpuint (result.activities, ==, 4);
  g_assert_cmpuint (result.evidence, ==, 2);
  g_assert_cmpuint (result.evidence_files, ==, 2);
  g_assert_cmpuint (result.warnings->len, ==, 0);
  xs_import_result_clear (&result);

  unit = xs_store_get_unit (f->store, "U1", &error);
  g_assert_cmpstr (unit->category, ==, "provincial");
  g_assert_cmpstr (unit->supervisor, ==, "湖南省卫生健康委员会");

  person = xs_store_get_person (f->store, "P001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (person->name, ==, "张三");
  g_assert_cmpstr (person->gender, ==, "male");
  g_assert_cmpstr (person->applying_title, ==, "副主任医师");
  g_assert_cmpuint (person->span_from, ==, 2021);

  activities = xs_store_list_activities (f->store, "P001", &error);
  g_assert_cmpuint (activities->len, ==, 4);
  a1 = g_ptr_array_index (activities, 0);
  g_assert_cmpstr (a1->id, ==, "A1");
  g_assert_cmpstr (a1->title, ==, "以高质量发展推进中国式现代化建设专题培训");
  g_assert_cmpstr (a1->organizer, ==, "湖南大学");
  g_assert_cmpstr (xs_activity_get_param (a1, "days"), ==, "2.5");
  g_assert_cmpstr (xs_activity_get_param (a1, "theme"), ==, "1");
  g_assert_null (xs_activity_get_param (a1, "status"));
  g_assert_cmpuint (a1->evidence->len, ==, 2);
  cert = g_ptr_array_index (a1->evidence, 1);
  g_assert_cmpstr (cert->material, ==, "certificate");
  g_assert_cmpstr (cert->sha256, ==, pdf_sha);
  g_assert_cmpstr (cert->file_name, ==, "ok.pdf");
  g_assert_cmpint (cert->size, ==, strlen (OK_PDF_BYTES));
  g_assert_cmpstr (((XsEvidence *)g_ptr_array_index (a1->evidence, 0))->sha256, ==, jpg_sha);
  g_assert_cmpuint (a1->reviews->len, ==, 1);
  g_assert_cmpint (((XsActivity *)g_ptr_array_index (activities, 2))->status, ==,
                   XS_STATUS_PENDING);

  /* The stored file is the original, byte for byte, under its hash. */
  blobs = xs_blob_store_new (xs_store_get_evidence_dir (f->store));
  stored_pdf = xs_blob_store_dup_path (blobs, pdf_sha);
  g_assert_true (g_str_has_suffix (stored_pdf, pdf_sha));
  g_file_get_contents (stored_pdf, &stored_contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored_contents, ==, OK_PDF_BYTES);

  /* And the hours come out as the rules say. */
  {
    g_autoptr (XsHoursReport) report = xs_hours_report_new (f->rules, person, activities);
    const XsYearSummary *y2021 = xs_hours_report_get_year (report, 2021);
    const XsYearSummary *y2022 = xs_hours_report_get_year (report, 2022);

    g_assert_cmpint (y2021->confirmed.public_tenths, ==, 200);
    g_assert_true (y2022->confirmed.deemed_complete);
    g_assert_cmpint (y2022->confirmed.total_tenths, ==, 900);
  }
}

static void
test_importing_the_same_file_again_changes_nothing (Fixture *f, gconstpointer data)
{
  g_autofree char *xml = good_document ();
  g_autoptr (GError) error = NULL;
  g_autoptr (XsPerson) person = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  XsImportResult result;
  XsStoreCounts counts;

  import_good (f);
  g_assert_true (import_text (f, "good.xml", xml, &result, &error));
  g_assert_cmpuint (result.persons_replaced, ==, 1);
  g_assert_cmpuint (result.evidence_files, ==, 0); /* the same scans are kept once */
  xs_import_result_clear (&result);

  g_assert_true (xs_store_get_counts (f->store, &counts, &error));
  g_assert_cmpint (counts.persons, ==, 1);
  g_assert_cmpint (counts.activities, ==, 4);
  g_assert_cmpint (counts.evidence, ==, 2);
  activities = xs_store_list_activities (f->store, "P001", &error);
  g_assert_cmpstr (((XsActivity *)g_ptr_array_index (activities, 3))->id, ==, "A4");
}

static void
test_a_wrong_check_digit_imports_with_a_warning (Fixture *f, gconstpointer data)
{
  g_autofree char *good = good_document ();
  g_autoptr (GString) xml = g_string_new (good);
  g_autoptr (GError) error = NULL;
  XsImportResult result;

  g_string_replace (xml, VALID_ID, "110105194912310021", 1);
  g_assert_true (import_text (f, "check.xml", xml->str, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.persons, ==, 1);
  g_assert_cmpuint (result.warnings->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "P001"));
  g_assert_nonnull (strstr (g_ptr_array_index (result.warnings, 0), "X"));
  xs_import_result_clear (&result);
}

static const char xxe[] = "<?xml version=\"1.0\"?>\n"
                          "<!DOCTYPE xueshi [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                          "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">"
                          "<unit id=\"U1\" category=\"other\" name=\"&x;\"/></xueshi>\n";

static const char laughs[] = "<?xml version=\"1.0\"?>\n"
                             "<!DOCTYPE xueshi [\n"
                             " <!ENTITY a \"aaaaaaaaaa\">\n"
                             " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n"
                             " <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
                             " <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n"
                             " <!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">\n"
                             " <!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">\n"
                             " <!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">\n"
                             " <!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">\n"
                             " <!ENTITY i \"&h;&h;&h;&h;&h;&h;&h;&h;&h;&h;\">\n"
                             "]>\n"
                             "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">"
                             "<unit id=\"U1\" category=\"other\" name=\"&i;\"/></xueshi>\n";

static void
test_xxe_is_refused (Fixture *f, gconstpointer data)
{
  assert_refused_unchanged (f, xxe, XS_IMPORT_ERROR_MALFORMED, "DOCTYPE");
}

static void
test_billion_laughs_is_refused (Fixture *f, gconstpointer data)
{
  assert_refused_unchanged (f, laughs, XS_IMPORT_ERROR_MALFORMED, "DOCTYPE");
}

static void
test_a_harmless_doctype_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *good = good_document ();
  g_autoptr (GString) xml = g_string_new (good);

  g_string_replace (xml, "?>\n<xueshi", "?>\n<!DOCTYPE xueshi>\n<xueshi", 1);
  assert_refused_unchanged (f, xml->str, XS_IMPORT_ERROR_MALFORMED, "DOCTYPE");
}

static void
test_a_50_mb_text_value_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *huge = g_strnfill (50 * 1024 * 1024, 'x');
  g_autofree char *title =
      g_strdup_printf ("    <activity id=\"B1\" kind=\"paper\" role=\"first\" year=\"2022\">"
                       "<title>%s</title></activity>\n",
                       huge);
  g_autofree char *xml = document (title);

  g_clear_pointer (&huge, g_free);
  g_clear_pointer (&title, g_free);
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_TOO_LARGE, "too long");
}

static void
test_a_too_long_title_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *longish = g_strnfill (3000, 'x');
  g_autofree char *activity =
      g_strdup_printf ("    <activity id=\"B1\" kind=\"paper\" role=\"first\" year=\"2022\">"
                       "<title>%s</title></activity>\n",
                       longish);
  g_autofree char *xml = document (activity);

  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_INVALID, "longer than 2000");
}

static void
test_deep_nesting_is_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) nest =
      g_string_new ("    <activity id=\"B1\" kind=\"paper\" role=\"first\" year=\"2022\">");

  for (int i = 0; i < 10000; i++)
    g_string_append (nest, "<title>");
  for (int i = 0; i < 10000; i++)
    g_string_append (nest, "</title>");
  g_string_append (nest, "</activity>\n");
  {
    g_autofree char *xml = document (nest->str);
    assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_MALFORMED, "nested too deeply");
  }
}

static void
test_invalid_utf8_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *good = good_document ();
  g_autoptr (GString) xml = g_string_new (good);

  g_string_replace (xml, "<name>张三</name>", "<name>张\xff三</name>", 1);
  assert_refused_unchanged (f, xml->str, XS_IMPORT_ERROR_MALFORMED, "UTF-8");
}

static char *
with_evidence (const char *evidence)
{
  g_autofree char *activity = g_strdup_printf (
      "    <activity id=\"B1\" kind=\"paper\" role=\"first\" year=\"2022\">%s</activity>\n",
      evidence);
  return document (activity);
}

static void
test_an_evidence_path_with_dotdot_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *xml =
      with_evidence ("<evidence material=\"journal-cover\" file=\"evidence/../../outside.jpg\"/>");

  write_file (f->dir, "../outside.jpg", OK_JPG_DATA, OK_JPG_SIZE);
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_EVIDENCE, "“..”");
}

static void
test_an_absolute_evidence_path_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *xml =
      with_evidence ("<evidence material=\"journal-cover\" file=\"/etc/hostname\"/>");
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_EVIDENCE, "must be relative");
}

static void
test_a_link_leaving_the_folder_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *link = g_build_filename (f->dir, "evidence", "leak.jpg", NULL);
  g_autofree char *xml =
      with_evidence ("<evidence material=\"journal-cover\" file=\"evidence/leak.jpg\"/>");

  g_assert_cmpint (symlink ("/etc/hostname", link), ==, 0);
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_EVIDENCE, "symbolic link");
}

/* Every component below the folder is opened without following links: a link that stays
 * inside could be swapped for one that leaves between any check and the copy. */
static void
test_a_link_inside_the_folder_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *link = g_build_filename (f->dir, "evidence", "alias.pdf", NULL);
  g_autofree char *xml =
      with_evidence ("<evidence material=\"journal-cover\" file=\"evidence/alias.pdf\"/>");

  g_assert_cmpint (symlink ("ok.pdf", link), ==, 0);
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_EVIDENCE, "symbolic link");
}

static void
test_a_linked_folder_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *link = g_build_filename (f->dir, "linked", NULL);
  g_autofree char *xml =
      with_evidence ("<evidence material=\"journal-cover\" file=\"linked/ok.pdf\"/>");

  g_assert_cmpint (symlink ("evidence", link), ==, 0);
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_EVIDENCE, "symbolic link");
}

/* A hard link to a file outside the folder looks like a file inside it. */
static void
test_a_hard_link_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *target = g_build_filename (f->dir, "evidence", "first-name.pdf", NULL);
  g_autofree char *second = g_build_filename (f->dir, "evidence", "second-name.pdf", NULL);
  g_autofree char *xml =
      with_evidence ("<evidence material=\"journal-cover\" file=\"evidence/second-name.pdf\"/>");

  g_file_set_contents (target, OK_PDF_BYTES, -1, NULL);
  g_assert_cmpint (link (target, second), ==, 0);
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_EVIDENCE, "hard link");
}

typedef struct
{
  char *folder; /* evidence/sub: a real folder, or a link to one outside */
  char *link;
  gint stop;
} Swapper;

/* Exchanges the real folder and the link to the outside one, again and again. */
static gpointer
swap_folder_and_link (gpointer data)
{
  Swapper *swapper = data;

  while (!g_atomic_int_get (&swapper->stop))
    g_assert_cmpint (
        renameat2 (AT_FDCWD, swapper->folder, AT_FDCWD, swapper->link, RENAME_EXCHANGE), ==, 0);
  return NULL;
}

/* The path was resolved with realpath(), then opened again: a folder link swapped in between
 * was followed and a file outside imported. Now every component is opened below the one
 * before it without following links, and whatever is imported is what that descriptor read. */
static void
test_a_link_swapped_in_during_the_import_is_never_imported (Fixture *f, gconstpointer data)
{
  g_autofree char *xml =
      with_evidence ("<evidence material=\"journal-cover\" file=\"evidence/sub/scan.pdf\"/>");
  g_autofree char *pdf_sha = sha256_of (OK_PDF_BYTES, -1);
  g_autofree char *outside = g_strconcat (f->dir, "-outside", NULL);
  g_autofree char *outside_pdf = g_build_filename (outside, "scan.pdf", NULL);
  g_autofree char *inside_pdf = g_build_filename (f->dir, "evidence", "sub", "scan.pdf", NULL);
  g_autofree char *other = g_strconcat (OK_PDF_BYTES, "% not in the folder\n", NULL);
  Swapper swapper = { g_build_filename (f->dir, "evidence", "sub", NULL),
                      g_build_filename (f->dir, "evidence", "sub-link", NULL), 0 };
  GThread *thread;
  guint imported = 0;

  g_assert_cmpint (g_mkdir_with_parents (outside, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (swapper.folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (outside_pdf, other, -1, NULL));
  g_assert_true (g_file_set_contents (inside_pdf, OK_PDF_BYTES, -1, NULL));
  g_assert_cmpint (symlink (outside, swapper.link), ==, 0);

  thread = g_thread_new ("swapper", swap_folder_and_link, &swapper);
  for (guint i = 0; i < 40; i++)
    {
      g_autoptr (GError) error = NULL;
      XsImportResult result;

      if (import_text (f, "swapped.xml", xml, &result, &error))
        imported++;
      else
        g_assert_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_EVIDENCE);
      xs_import_result_clear (&result);
    }
  g_atomic_int_set (&swapper.stop, 1);
  g_thread_join (thread);
  remove_tree (outside);

  /* Only the scan's bytes ever reached the store. */
  {
    g_autofree char *store_dir = g_strconcat (f->db_path, ".evidence", NULL);
    g_autoptr (GString) listing = g_string_new (NULL);
    g_auto (GStrv) lines = NULL;
    guint stored = 0;

    list_tree (store_dir, listing);
    lines = g_strsplit (listing->str, "\n", -1);
    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_autofree char *base = g_path_get_basename (lines[i]);

        if (strlen (base) != 64)
          continue;
        g_assert_cmpstr (base, ==, pdf_sha);
        stored++;
      }
    g_assert_cmpuint (stored, ==, imported > 0 ? 1 : 0);
  }
  g_free (swapper.folder);
  g_free (swapper.link);
}

static void
test_a_wrong_sha256_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *xml = with_evidence (
      "<evidence material=\"journal-cover\" file=\"evidence/new.pdf\" "
      "sha256=\"0000000000000000000000000000000000000000000000000000000000000000\"/>");

  /* A file the store does not have yet, so a leftover would show in the listing. */
  write_file (f->dir, "evidence/new.pdf", "%PDF-1.4\n% another\n", -1);
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_EVIDENCE, "does not match its sha256");
}

static void
test_a_missing_evidence_file_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *xml =
      with_evidence ("<evidence material=\"journal-cover\" file=\"evidence/vanished.jpg\"/>");
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_EVIDENCE, "evidence/vanished.jpg");
}

/* A file that starts like a JPEG but whose pixels do not decode could never be shown to a
 * reviewer: refused, naming it, as at attach. */
static void
test_evidence_that_does_not_decode_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *xml =
      with_evidence ("<evidence material=\"journal-cover\" file=\"evidence/broken.jpg\"/>");

  write_file (f->dir, "evidence/broken.jpg",
              "\xff\xd8\xff\xe0 starts like a scan, is none \xff\xd9", -1);
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_EVIDENCE, "broken.jpg");
}

static void
test_evidence_stored_before_a_later_error_is_removed (Fixture *f, gconstpointer data)
{
  g_autofree char *xml = NULL;

  g_autoptr (GBytes) fresh = xs_test_jpeg (200);

  write_file (f->dir, "evidence/fresh.jpg", g_bytes_get_data (fresh, NULL),
              (gssize)g_bytes_get_size (fresh));
  xml = document (
      "    <activity id=\"B1\" kind=\"paper\" role=\"first\" year=\"2022\">"
      "<evidence material=\"journal-cover\" file=\"evidence/fresh.jpg\"/></activity>\n"
      "    <activity id=\"B2\" kind=\"paper\" role=\"first\" year=\"2022\" days=\"1\"/>\n");
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_ACTIVITY, "has no “days”");
}

static void
test_an_unknown_kind_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *xml = document ("    <activity id=\"B1\" kind=\"tutoring\" year=\"2022\"/>\n");
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_INVALID, "unknown kind “tutoring”");
}

static void
test_an_unknown_material_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *xml = with_evidence ("<evidence material=\"selfie\" file=\"evidence/ok.jpg\"/>");
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_INVALID, "unknown material type “selfie”");
}

static void
test_half_days_only (Fixture *f, gconstpointer data)
{
  g_autofree char *xml =
      document ("    <activity id=\"B1\" kind=\"training\" subject=\"public\" start=\"2022-03-01\" "
                "end=\"2022-03-03\" days=\"2.3\"/>\n");
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_INVALID, "2.3");
}

static void
test_days_beyond_the_dates_are_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *xml =
      document ("    <activity id=\"B1\" kind=\"training\" subject=\"public\" start=\"2022-03-01\" "
                "end=\"2022-03-02\" days=\"2.5\"/>\n");
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_ACTIVITY, "do not fit");
}

static void
test_a_duplicate_activity_id_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *xml =
      document ("    <activity id=\"B1\" kind=\"paper\" role=\"first\" year=\"2022\"/>\n"
                "    <activity id=\"B1\" kind=\"paper\" role=\"other\" year=\"2023\"/>\n");
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_DUPLICATE, "“B1” is used twice");
}

static void
test_a_duplicate_person_id_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *one = document ("");
  g_autoptr (GString) xml = g_string_new (one);
  const char *person = strstr (one, "  <person");
  g_autofree char *copy = g_strndup (person, strstr (person, "</person>") + 10 - person);

  g_string_replace (xml, "</xueshi>", "", 1);
  g_string_append (xml, copy);
  g_string_append (xml, "</xueshi>\n");
  assert_refused_unchanged (f, xml->str, XS_IMPORT_ERROR_DUPLICATE,
                            "person id “P001” is used twice");
}

static void
test_an_activity_of_someone_else_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *xml =
      g_strdup ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
                "  <person id=\"P002\" unit=\"U1\"><name>李四</name><gender>female</gender>"
                "<id-number>" VALID_ID "</id-number>\n"
                "    <activity id=\"A2\" kind=\"paper\" role=\"first\" year=\"2022\"/>\n"
                "  </person>\n</xueshi>\n");
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_DUPLICATE, "already belongs to person P001");
}

static void
test_an_unknown_unit_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *good = document ("");
  g_autoptr (GString) xml = g_string_new (good);

  g_string_replace (xml, "unit=\"U1\"", "unit=\"U9\"", 1);
  assert_refused_unchanged (f, xml->str, XS_IMPORT_ERROR_REFERENCE, "“U9”");
}

static void
test_a_wrong_namespace_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *good = document ("");
  g_autoptr (GString) xml = g_string_new (good);

  g_string_replace (xml, "urn:xueshi:exchange:1", "urn:example:other", 1);
  assert_refused_unchanged (f, xml->str, XS_IMPORT_ERROR_INVALID, "not a Xueshi exchange file");
}

static void
test_another_version_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *good = document ("");
  g_autoptr (GString) xml = g_string_new (good);

  g_string_replace (xml, "version=\"1\">", "version=\"2\">", 1);
  assert_refused_unchanged (f, xml->str, XS_IMPORT_ERROR_INVALID, "version “2”");
}

static void
test_an_impossible_birth_date_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *good = document ("");
  g_autoptr (GString) xml = g_string_new (good);

  /* 1949-13-31: a month that does not exist (check digit recomputed would not help). */
  g_string_replace (xml, VALID_ID, "110105194913310020", 1);
  assert_refused_unchanged (f, xml->str, XS_IMPORT_ERROR_PERSON, "110105194913310020");
}

static void
test_a_schema_violation_names_its_line (Fixture *f, gconstpointer data)
{
  g_autofree char *xml =
      document ("    <activity id=\"B1\" kind=\"paper\" role=\"first\" year=\"2022\">\n"
                "      <comment>not in the format</comment>\n"
                "    </activity>\n");
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_INVALID,
                            "line 13: <comment> is not expected here");
}

/* The reader reads ahead in blocks: an error names the element's own line, not where the
 * parser had got to, however much follows. */
static void
test_an_error_names_its_own_line_far_from_the_end (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) activities = g_string_new (
      "    <activity id=\"B0\" kind=\"training\" subject=\"public\" start=\"2022-05-01\" "
      "end=\"2022-05-02\" days=\"7\" status=\"approved\"/>\n");

  for (guint i = 1; i <= 3000; i++)
    g_string_append_printf (activities,
                            "    <activity id=\"B%u\" kind=\"paper\" role=\"first\" "
                            "year=\"2022\"/>\n",
                            i);
  {
    g_autofree char *xml = document (activities->str);
    /* B0 starts on line 12 of document(); its days do not fit its dates. */
    assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_ACTIVITY, "bad.xml, line 12:");
  }
}

/* Shapes libxml2 takes quadratic time over are refused before it parses them. */
static void
test_many_attributes_are_refused_first (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) attrs = g_string_new (NULL);
  g_autofree char *xml = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (attrs, " a%u=\"x\"", i);
  xml =
      g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                       "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
                       "  <unit id=\"U1\" category=\"provincial\" name=\"某医院\"%s/>\n</xueshi>\n",
                       attrs->str);
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_TOO_LARGE, "line 3:");
}

static void
test_text_split_by_comments_is_refused_first (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) title = g_string_new (NULL);
  g_autofree char *activity = NULL;
  g_autofree char *xml = NULL;

  for (guint i = 0; i < 200000; i++)
    g_string_append (title, "学<!---->");
  activity = g_strdup_printf ("    <activity id=\"B1\" kind=\"paper\" role=\"first\" "
                              "year=\"2022\"><title>%s</title></activity>\n",
                              title->str);
  xml = document (activity);
  assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_TOO_LARGE, "more than 10000 comments");
}

/* The shape check knows an attribute value may hold ">" and "=": an ordinary file passes. */
static void
test_quoted_markup_characters_pass_the_shape_check (Fixture *f, gconstpointer data)
{
  g_autofree char *xml =
      document ("    <activity id=\"B1\" kind=\"paper\" role=\"first\" year=\"2022\">"
                "<title>a &lt;b&gt; = c</title><!-- one comment --></activity>\n");
  g_autoptr (GError) error = NULL;
  XsImportResult result;

  g_assert_true (import_text (f, "ok.xml", xml, &result, &error));
  g_assert_no_error (error);
  xs_import_result_clear (&result);
}

/* What would forge a line of `audit` or `evidence list` is refused, as the record writer
 * refuses it. */
static void
test_line_breaks_in_single_line_fields_are_refused (Fixture *f, gconstpointer data)
{
  static const char *const reviews[] = {
    "<review reviewer=\"王五&#10;2026-01-01\ttamper\" date=\"2026-06-01\" "
    "decision=\"approved\"/>",
    "<review reviewer=\"王五\" date=\"2026-06-01\" decision=\"rejected\">印章\n不清晰</review>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (reviews); i++)
    {
      g_autofree char *activity = g_strdup_printf (
          "    <activity id=\"B1\" kind=\"paper\" role=\"first\" year=\"2022\">%s</activity>\n",
          reviews[i]);
      g_autofree char *xml = document (activity);

      assert_refused_unchanged (f, xml, XS_IMPORT_ERROR_INVALID, "control character");
    }
}

static void
test_not_xml_at_all_is_refused (Fixture *f, gconstpointer data)
{
  assert_refused_unchanged (f, "姓名,身份证号\n张三," VALID_ID "\n", XS_IMPORT_ERROR_MALFORMED,
                            "line 1");
}

/* Found by fuzzing: the streaming reader acted on a person before the schema had seen it
 * whole, and a person ending after its name crashed the import. */
static void
test_an_incomplete_person_is_refused (Fixture *f, gconstpointer data)
{
  static const struct
  {
    const char *person;
    int code;
    const char *says;
  } cases[] = {
    { "<person id=\"P9\" unit=\"U1\"><name>张三</name></person>", XS_IMPORT_ERROR_PERSON,
      "person P9" },
    { "<person id=\"P9\" unit=\"U1\"><name>张三</name><gender>male</gender></person>",
      XS_IMPORT_ERROR_PERSON, "person P9" },
    { "<person id=\"P9\" unit=\"U1\"><name>张三</name><gender>male</gender>"
      "<activity id=\"A9\" kind=\"paper\" role=\"first\" year=\"2022\"/></person>",
      XS_IMPORT_ERROR_INVALID, "line 4" },
    { "<person id=\"P9\" unit=\"U1\"><gender>male</gender><id-number>" VALID_ID
      "</id-number></person>",
      XS_IMPORT_ERROR_INVALID, "line 4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *xml = g_strdup_printf (
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
          "<unit id=\"U1\" category=\"municipal\" name=\"某某学校\"/>\n%s\n</xueshi>\n",
          cases[i].person);

      assert_refused_unchanged (f, xml, cases[i].code, cases[i].says);
    }
}

static void
test_a_truncated_file_is_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *good = good_document ();

  good[strlen (good) / 2] = '\0';
  assert_refused_unchanged (f, good, XS_IMPORT_ERROR_MALFORMED, "bad.xml");
}

static void
test_a_vanished_file_is_a_clear_error (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "nowhere.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  XsImportResult result;

  g_assert_false (xs_import_file (f->store, f->rules, file, NULL, NULL, NULL, &result, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "nowhere.xml"));
  xs_import_result_clear (&result);
}

static void
count_progress (double fraction, guint activities, gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  (*calls)++;
}

static void
test_a_large_file_streams_with_progress (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) activities = g_string_new (NULL);
  g_autofree char *xml = NULL;
  g_autofree char *path = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  XsImportResult result;
  guint calls = 0;

  for (guint i = 0; i < 20000; i++)
    g_string_append_printf (activities,
                            "    <activity id=\"L%u\" kind=\"paper\" role=\"other\" year=\"%u\" "
                            "status=\"approved\"/>\n",
                            i, 2021 + i % 5);
  xml = document (activities->str);
  path = g_build_filename (f->dir, "large.xml", NULL);
  write_file (f->dir, "large.xml", xml, -1);
  file = g_file_new_for_path (path);

  g_assert_true (
      xs_import_file (f->store, f->rules, file, count_progress, &calls, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.activities, ==, 20000);
  g_assert_cmpuint (calls, >=, 20);
  xs_import_result_clear (&result);
}

static void
test_a_cancelled_import_changes_nothing (Fixture *f, gconstpointer data)
{
  g_autoptr (GString) activities = g_string_new (NULL);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *xml = NULL;
  g_autofree char *path = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GFile) file = NULL;
  g_autoptr (GError) error = NULL;
  XsImportResult result;

  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (
        activities, "    <activity id=\"C%u\" kind=\"paper\" role=\"other\" year=\"2022\"/>\n", i);
  xml = document (activities->str);
  path = g_build_filename (f->dir, "cancel.xml", NULL);
  write_file (f->dir, "cancel.xml", xml, -1);
  file = g_file_new_for_path (path);
  before = snapshot (f);

  g_cancellable_cancel (cancellable);
  g_assert_false (
      xs_import_file (f->store, f->rules, file, NULL, NULL, cancellable, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  xs_import_result_clear (&result);
  after = snapshot (f);
  g_assert_cmpstr (before, ==, after);
}

#define ADD(path, func)                                                                            \
  g_test_add ("/import/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();
  ok_jpg = xs_test_jpeg (0);
  ok_pdf = xs_test_pdf ("a tiny certificate");

  ADD ("good-file-imports-whole", test_a_good_file_imports_whole);
  ADD ("same-file-again-changes-nothing", test_importing_the_same_file_again_changes_nothing);
  ADD ("wrong-check-digit-imports-with-a-warning", test_a_wrong_check_digit_imports_with_a_warning);
  ADD ("hostile/xxe-is-refused", test_xxe_is_refused);
  ADD ("hostile/evidence-that-does-not-decode-is-refused",
       test_evidence_that_does_not_decode_is_refused);
  ADD ("hostile/incomplete-person-is-refused", test_an_incomplete_person_is_refused);
  ADD ("hostile/billion-laughs-is-refused", test_billion_laughs_is_refused);
  ADD ("hostile/harmless-doctype-is-refused", test_a_harmless_doctype_is_refused);
  ADD ("hostile/50-mb-text-value-is-refused", test_a_50_mb_text_value_is_refused);
  ADD ("hostile/too-long-title-is-refused", test_a_too_long_title_is_refused);
  ADD ("hostile/deep-nesting-is-refused", test_deep_nesting_is_refused);
  ADD ("hostile/invalid-utf8-is-refused", test_invalid_utf8_is_refused);
  ADD ("evidence/dotdot-is-refused", test_an_evidence_path_with_dotdot_is_refused);
  ADD ("evidence/absolute-path-is-refused", test_an_absolute_evidence_path_is_refused);
  ADD ("evidence/link-leaving-the-folder-is-refused", test_a_link_leaving_the_folder_is_refused);
  ADD ("evidence/link-inside-the-folder-is-refused", test_a_link_inside_the_folder_is_refused);
  ADD ("evidence/linked-folder-is-refused", test_a_linked_folder_is_refused);
  ADD ("evidence/hard-link-is-refused", test_a_hard_link_is_refused);
  ADD ("evidence/link-swapped-in-during-the-import-is-never-imported",
       test_a_link_swapped_in_during_the_import_is_never_imported);
  ADD ("evidence/wrong-sha256-is-refused", test_a_wrong_sha256_is_refused);
  ADD ("evidence/missing-file-is-refused", test_a_missing_evidence_file_is_refused);
  ADD ("evidence/stored-before-a-later-error-is-removed",
       test_evidence_stored_before_a_later_error_is_removed);
  ADD ("invalid/unknown-kind-is-refused", test_an_unknown_kind_is_refused);
  ADD ("invalid/unknown-material-is-refused", test_an_unknown_material_is_refused);
  ADD ("invalid/days-in-half-day-steps-only", test_half_days_only);
  ADD ("invalid/days-beyond-the-dates-are-refused", test_days_beyond_the_dates_are_refused);
  ADD ("invalid/duplicate-activity-id-is-refused", test_a_duplicate_activity_id_is_refused);
  ADD ("invalid/duplicate-person-id-is-refused", test_a_duplicate_person_id_is_refused);
  ADD ("invalid/activity-of-someone-else-is-refused", test_an_activity_of_someone_else_is_refused);
  ADD ("invalid/unknown-unit-is-refused", test_an_unknown_unit_is_refused);
  ADD ("invalid/wrong-namespace-is-refused", test_a_wrong_namespace_is_refused);
  ADD ("invalid/another-version-is-refused", test_another_version_is_refused);
  ADD ("invalid/impossible-birth-date-is-refused", test_an_impossible_birth_date_is_refused);
  ADD ("invalid/schema-violation-names-its-line", test_a_schema_violation_names_its_line);
  ADD ("invalid/not-xml-at-all-is-refused", test_not_xml_at_all_is_refused);
  ADD ("hostile/many-attributes-are-refused-first", test_many_attributes_are_refused_first);
  ADD ("hostile/line-breaks-in-single-line-fields",
       test_line_breaks_in_single_line_fields_are_refused);
  ADD ("hostile/text-split-by-comments-is-refused-first",
       test_text_split_by_comments_is_refused_first);
  ADD ("hostile/quoted-markup-passes-the-shape-check",
       test_quoted_markup_characters_pass_the_shape_check);
  ADD ("invalid/an-error-names-its-own-line", test_an_error_names_its_own_line_far_from_the_end);
  ADD ("invalid/truncated-file-is-refused", test_a_truncated_file_is_refused);
  ADD ("vanished-file-is-a-clear-error", test_a_vanished_file_is_a_clear_error);
  ADD ("large-file-streams-with-progress", test_a_large_file_streams_with_progress);
  ADD ("cancelled-import-changes-nothing", test_a_cancelled_import_changes_nothing);

  return g_test_run ();
}
