/* test-one-writer.c — records change only through xs-records, and every change is audited.
 *
 * The exchange import and the roster write persons through the one writer: each person they
 * touch has an audit entry saying what changed. And the sources prove the rule: SQL writes
 * only in the store, the store's write calls only in the records layer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gstdio.h>

#include "xs-test-util.h"

#define ID_ZHANG "11010519491231002X"
#define ID_LI "430102198001010011"

typedef XsTestStore Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  xs_test_store_set_up (f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  xs_test_store_tear_down (f);
}

/* An exchange file with P001 (@name, and the given activities) and P002 unchanged. */
static char *
document (const char *name, const char *p001_activities)
{
  return g_strdup_printf (
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
      "  <unit id=\"U1\" category=\"provincial\" name=\"湖南省某某医院\"/>\n"
      "  <person id=\"P001\" unit=\"U1\">\n"
      "    <name>%s</name><gender>male</gender><id-number>" ID_ZHANG "</id-number>\n"
      "%s"
      "  </person>\n"
      "  <person id=\"P002\" unit=\"U1\">\n"
      "    <name>李四</name><gender>female</gender><id-number>" ID_LI "</id-number>\n"
      "    <activity id=\"B1\" kind=\"online-course\" subject=\"public\" hours=\"12\" "
      "year=\"2023\" status=\"approved\"/>\n"
      "  </person>\n"
      "</xueshi>\n",
      name, p001_activities);
}

static void
import_text (Fixture *f, const char *xml)
{
  xs_test_import_text (f, "unit.xml", xml);
}

/* The newest audit entry for @person_id with @action, or NULL. */
static XsAuditEntry *
last_entry (Fixture *f, const char *person_id, const char *action, guint *out_count)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = xs_audit_list (f->store, person_id, &error);
  XsAuditEntry *found = NULL;
  guint count = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      XsAuditEntry *e = g_ptr_array_index (entries, i);

      if (g_strcmp0 (e->action, action) != 0)
        continue;
      count++;
      found = e;
    }
  if (out_count != NULL)
    *out_count = count;
  if (found == NULL)
    return NULL;
  /* A copy the caller owns. */
  {
    XsAuditEntry *copy = g_new0 (XsAuditEntry, 1);
    copy->action = g_strdup (found->action);
    copy->person_id = g_strdup (found->person_id);
    copy->target = g_strdup (found->target);
    copy->old_value = g_strdup (found->old_value);
    copy->new_value = g_strdup (found->new_value);
    return copy;
  }
}

static const char a1_a2[] =
    "    <activity id=\"A1\" kind=\"online-course\" subject=\"public\" hours=\"10\" "
    "year=\"2023\" status=\"approved\"/>\n"
    "    <activity id=\"A2\" kind=\"paper\" role=\"first\" year=\"2024\" status=\"pending\"/>\n";
static const char a1_changed_a3[] =
    "    <activity id=\"A1\" kind=\"online-course\" subject=\"public\" hours=\"12.5\" "
    "year=\"2023\" status=\"approved\"/>\n"
    "    <activity id=\"A3\" kind=\"paper\" role=\"other\" year=\"2025\" status=\"pending\"/>\n";

static void
test_import_audits_every_person (Fixture *f, gconstpointer data)
{
  g_autofree char *first = document ("张三", a1_a2);
  g_autofree char *changed = document ("张三丰", a1_changed_a3);
  g_autoptr (XsAuditEntry) e = NULL;
  guint count = 0;

  import_text (f, first);
  e = last_entry (f, "P001", "import", &count);
  g_assert_nonnull (e);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (g_str_has_prefix (e->new_value, "import=added"));
  g_assert_nonnull (strstr (e->new_value, "name=张三"));
  g_assert_nonnull (strstr (e->new_value, "activities-added=A1,A2"));
  g_assert_null (e->old_value);
  g_assert_cmpstr (e->target, ==, "unit.xml");
  g_clear_pointer (&e, xs_audit_entry_free);

  /* The same file again: each person is said to be unchanged. */
  import_text (f, first);
  e = last_entry (f, "P001", "import", &count);
  g_assert_cmpuint (count, ==, 2);
  g_assert_cmpstr (e->new_value, ==, "import=unchanged");
  g_assert_null (e->old_value);
  g_clear_pointer (&e, xs_audit_entry_free);

  /* A changed name, a changed activity, one removed and one added; P002 as before. */
  import_text (f, changed);
  e = last_entry (f, "P001", "import", &count);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpstr (e->new_value, ==,
                   "import=replaced;name=张三丰;activities-added=A3;activities-changed=A1");
  g_assert_cmpstr (e->old_value, ==, "name=张三;activities-removed=A2");
  g_clear_pointer (&e, xs_audit_entry_free);
  e = last_entry (f, "P002", "import", &count);
  g_assert_cmpuint (count, ==, 3);
  g_assert_cmpstr (e->new_value, ==, "import=unchanged");
  g_clear_pointer (&e, xs_audit_entry_free);

  /* The chain is still whole. */
  {
    g_autoptr (GError) error = NULL;
    gint64 bad = 0;

    g_assert_true (xs_audit_verify (f->store, &bad, &error));
    g_assert_no_error (error);
  }
}

static void
test_import_refuses_a_second_certified_year (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "unit.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autofree char *xml = document (
      "张三", "    <activity id=\"C1\" kind=\"certified-year\" year=\"2023\" public=\"30\" "
              "professional=\"60\" status=\"approved\"/>\n"
              "    <activity id=\"C2\" kind=\"certified-year\" year=\"2023\" public=\"20\" "
              "professional=\"40\" status=\"pending\"/>\n");
  XsImportResult result;

  g_file_set_contents (path, xml, -1, &error);
  g_assert_no_error (error);
  g_assert_false (xs_import_file (f->store, f->rules, file, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_ACTIVITY);
  g_assert_nonnull (strstr (error->message, "C1"));
  g_assert_nonnull (strstr (error->message, "unit.xml, line 7:"));
  xs_import_result_clear (&result);
  g_assert_null (xs_store_get_person (f->store, "P001", NULL));
}

static guint
count_audit (Fixture *f)
{
  g_autoptr (GPtrArray) entries = xs_audit_list (f->store, NULL, NULL);
  return entries->len;
}

static gboolean
import_fails (Fixture *f, const char *xml, GError **error)
{
  g_autofree char *path = g_build_filename (f->dir, "bad.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  XsImportResult result;
  gboolean ok;

  g_assert_true (g_file_set_contents (path, xml, -1, NULL));
  ok = xs_import_file (f->store, f->rules, file, NULL, NULL, NULL, &result, error);
  xs_import_result_clear (&result);
  return !ok;
}

/* The resident ID identifies a person: two persons with one are refused, naming both, in the
 * file and against the database; a person the file brings again may keep theirs. */
static void
test_import_refuses_two_persons_with_one_resident_id (Fixture *f, gconstpointer data)
{
  g_autofree char *first = document ("张三", a1_a2);
  g_autoptr (GError) error = NULL;
  static const char twice_in_file[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
      "  <unit id=\"U1\" category=\"provincial\" name=\"湖南省某某医院\"/>\n"
      "  <person id=\"P010\" unit=\"U1\"><name>周一</name><gender>male</gender>"
      "<id-number>430203199007150038</id-number></person>\n"
      "  <person id=\"P011\" unit=\"U1\"><name>吴二</name><gender>male</gender>"
      "<id-number>430203199007150038</id-number></person>\n"
      "</xueshi>\n";
  static const char taken_in_db[] =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n"
      "  <unit id=\"U1\" category=\"provincial\" name=\"湖南省某某医院\"/>\n"
      "  <person id=\"P012\" unit=\"U1\"><name>郑三</name><gender>male</gender>"
      "<id-number>" ID_ZHANG "</id-number></person>\n"
      "</xueshi>\n";
  guint entries;

  import_text (f, first);
  entries = count_audit (f);

  g_assert_true (import_fails (f, twice_in_file, &error));
  g_assert_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "P010"));
  g_assert_nonnull (strstr (error->message, "P011"));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "line 5"));
  g_clear_error (&error);

  g_assert_true (import_fails (f, taken_in_db, &error));
  g_assert_error (error, XS_IMPORT_ERROR, XS_IMPORT_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "P012"));
  g_assert_nonnull (strstr (error->message, "P001"));
  g_assert_nonnull (strstr (error->message, "张三"));
  g_clear_error (&error);
  {
    g_autoptr (XsPerson) none = xs_store_get_person (f->store, "P012", NULL);
    g_assert_null (none);
  }
  g_assert_cmpuint (count_audit (f), ==, entries);

  /* The same file again: its persons keep their own numbers. */
  import_text (f, first);
}

static void
test_a_dry_run_says_what_would_change (Fixture *f, gconstpointer data)
{
  g_autofree char *first = document ("张三", a1_a2);
  g_autofree char *changed = document ("张三丰", a1_changed_a3);
  g_autofree char *path = g_build_filename (f->dir, "unit.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (XsPerson) after = NULL;
  const XsPersonDiff *diff;
  XsImportResult result;
  guint entries;

  import_text (f, first);
  entries = count_audit (f);
  g_file_set_contents (path, changed, -1, &error);
  g_assert_no_error (error);
  g_assert_true (xs_import_file_full (f->store, f->rules, file, XS_IMPORT_DRY_RUN, NULL, NULL, NULL,
                                      &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.changes->len, ==, 2);
  diff = g_ptr_array_index (result.changes, 0);
  g_assert_cmpint (diff->change, ==, XS_PERSON_REPLACED);
  g_assert_cmpstr (diff->person_id, ==, "P001");
  g_assert_cmpuint (diff->fields->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (diff->fields, 0), ==, "name");
  g_assert_cmpstr (g_ptr_array_index (diff->fields, 1), ==, "张三");
  g_assert_cmpstr (g_ptr_array_index (diff->fields, 2), ==, "张三丰");
  g_assert_cmpuint (diff->added->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (diff->added, 0), ==, "A3");
  g_assert_cmpstr (g_ptr_array_index (diff->changed, 0), ==, "A1");
  g_assert_cmpstr (g_ptr_array_index (diff->removed, 0), ==, "A2");
  diff = g_ptr_array_index (result.changes, 1);
  g_assert_cmpint (diff->change, ==, XS_PERSON_UNCHANGED);
  xs_import_result_clear (&result);

  /* Nothing changed: the person, their activities, the audit trail. */
  after = xs_store_get_person (f->store, "P001", NULL);
  g_assert_cmpstr (after->name, ==, "张三");
  {
    g_autoptr (XsActivity) kept = xs_store_get_activity (f->store, "A2", NULL);
    g_assert_nonnull (kept);
  }
  g_assert_cmpuint (count_audit (f), ==, entries);

  /* The CLI prints the same, person by person. */
  if (xs_test_have_cli ())
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (xs_test_store_cli (f, &out, &err, "import", "--dry-run", path, NULL), ==, 0);
      g_assert_cmpstr (err, ==, "");
      g_assert_nonnull (strstr (out,
                                "P001 张三丰: replaced; name “张三” → “张三丰”; activities "
                                "added: A3; activities changed: A1; activities removed: A2\n"));
      g_assert_nonnull (strstr (out, "P002 李四: unchanged\n"));
      g_assert_nonnull (strstr (out, "(0 added, 1 replaced, 1 unchanged)"));
      g_assert_nonnull (strstr (out, "nothing was changed"));
      g_clear_pointer (&after, xs_person_unref);
      after = xs_store_get_person (f->store, "P001", NULL);
      g_assert_cmpstr (after->name, ==, "张三");
      g_assert_cmpuint (count_audit (f), ==, entries);
    }
  else
    g_test_incomplete ("XUESHI_CLI is not set: the CLI's dry run was not checked");
}

static void
roster_import (Fixture *f, const char *csv)
{
  g_autofree char *path = g_build_filename (f->dir, "roster.csv", NULL);
  g_autoptr (GError) error = NULL;
  XsRosterResult result;

  g_file_set_contents (path, csv, -1, &error);
  g_assert_no_error (error);
  g_assert_true (xs_roster_import (f->store, path, 0, &result, &error));
  g_assert_no_error (error);
  xs_roster_result_clear (&result);
}

static void
test_roster_audits_what_it_changes (Fixture *f, gconstpointer data)
{
  g_autofree char *first = document ("张三", a1_a2);
  g_autoptr (XsAuditEntry) e = NULL;
  guint count = 0;

  import_text (f, first);
  roster_import (f, "id,unit,name,gender,id-number\n"
                    "P001,U1,张三丰,male,430524197503020047\n"
                    "P002,U1,李四,female,430102198001010011\n"
                    "P003,U1,王五,male,430203199007150038\n");

  e = last_entry (f, "P001", "roster-change", &count);
  g_assert_cmpuint (count, ==, 1);
  g_assert_cmpstr (e->old_value, ==, "name=张三;id-number=" ID_ZHANG);
  g_assert_cmpstr (e->new_value, ==, "name=张三丰;id-number=430524197503020047");
  g_assert_cmpstr (e->target, ==, "roster.csv");
  g_clear_pointer (&e, xs_audit_entry_free);

  /* P002 is as stored: nothing to audit. */
  e = last_entry (f, "P002", "roster-change", &count);
  g_assert_null (e);
  g_assert_cmpuint (count, ==, 0);

  e = last_entry (f, "P003", "roster-create", &count);
  g_assert_nonnull (e);
  g_assert_nonnull (strstr (e->new_value, "name=王五"));
  g_clear_pointer (&e, xs_audit_entry_free);

  /* Its activities stay; the same roster again changes and audits nothing. */
  {
    g_autoptr (GPtrArray) activities = xs_store_list_activities (f->store, "P001", NULL);
    g_assert_cmpuint (activities->len, ==, 2);
  }
  roster_import (f, "id,unit,name,gender,id-number\n"
                    "P001,U1,张三丰,male,430524197503020047\n"
                    "P002,U1,李四,female,430102198001010011\n"
                    "P003,U1,王五,male,430203199007150038\n");
  e = last_entry (f, "P001", "roster-change", &count);
  g_assert_cmpuint (count, ==, 1);
}

#define ID_WANG "430203199007150038"

static void
test_cli_person_commands (Fixture *f, gconstpointer data)
{
  g_autofree char *first = document ("张三", a1_a2);
  g_autoptr (XsAuditEntry) e = NULL;
  g_autoptr (XsPerson) p = NULL;
  static const char *const refused[][14] = {
    /* the ID number is another person's */
    { "person", "add", "P009", "--name", "王五", "--gender", "男", "--id-number", ID_LI, "--unit",
      "U1", NULL },
    /* a wrong check digit */
    { "person", "add", "P009", "--name", "王五", "--gender", "男", "--id-number",
      "430203199007150039", "--unit", "U1", NULL },
    { "person", "add", "P009", "--name", "王五", "--gender", "未知", "--id-number", ID_WANG,
      "--unit", "U1", NULL },
    { "person", "add", "P009", "--name", "王五", "--gender", "男", "--id-number", ID_WANG, "--unit",
      "U404", NULL },
    { "person", "add", "P009", "--gender", "男", "--id-number", ID_WANG, "--unit", "U1", NULL },
    { "person", "add", "P009", "--name", "王\n五", "--gender", "男", "--id-number", ID_WANG,
      "--unit", "U1", NULL },
    { "person", "add", "P009", "--name", "王五", "--gender", "男", "--id-number", ID_WANG, "--unit",
      "U1", "--span-from", "2022", NULL },
    /* P001 exists */
    { "person", "add", "P001", "--name", "王五", "--gender", "男", "--id-number", ID_WANG, "--unit",
      "U1", NULL },
    { "person", "edit", "P404", "--name", "王五", NULL },
    { "person", "remove", "P404", NULL },
  };

  if (g_getenv ("XUESHI_CLI") == NULL)
    {
      g_test_skip ("XUESHI_CLI is not set");
      return;
    }
  import_text (f, first);
  {
    g_autoptr (XsUnit) u2 = xs_unit_new ();
    u2->id = g_strdup ("U2");
    u2->category = g_strdup ("municipal");
    u2->name = g_strdup ("株洲市某某中学");
    g_assert_true (xs_records_put_unit (f->store, u2, "test", NULL));
  }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      guint entries = count_audit (f);
      const char *const *a = refused[i];

      g_assert_cmpint (xs_test_store_cli (f, &out, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6],
                                          a[7], a[8], a[9], a[10], a[11], a[12], NULL),
                       !=, 0);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, !=, "");
      g_assert_cmpuint (count_audit (f), ==, entries);
    }
  {
    g_autoptr (XsPerson) absent = xs_store_get_person (f->store, "P009", NULL);
    g_assert_null (absent);
  }

  /* Add, move to another unit (the history stays), correct, remove. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (xs_test_store_cli (f, &out, &err, "person", "add", "P009", "--name", "王五",
                                        "--gender", "男", "--id-number", ID_WANG, "--unit", "U1",
                                        "--specialty", "外科", NULL),
                     ==, 0);
    g_assert_cmpstr (out, ==, "Added P009 (王五).\n");
  }
  p = xs_store_get_person (f->store, "P009", NULL);
  g_assert_cmpstr (p->gender, ==, "male");
  g_assert_cmpstr (p->specialty, ==, "外科");
  g_clear_pointer (&p, xs_person_unref);
  e = last_entry (f, "P009", "person-create", NULL);
  g_assert_cmpstr (e->new_value, ==,
                   "unit=U1;name=王五;gender=male;id-number=" ID_WANG ";specialty=外科");
  g_clear_pointer (&e, xs_audit_entry_free);

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr (GPtrArray) activities = NULL;

    g_assert_cmpint (xs_test_store_cli (f, &out, &err, "person", "edit", "P001", "--unit", "U2",
                                        "--span-from", "2022", "--span-to", "2026", "--specialty",
                                        "", NULL),
                     ==, 0);
    g_assert_cmpstr (out, ==, "Changed P001 (张三).\n");
    p = xs_store_get_person (f->store, "P001", NULL);
    g_assert_cmpstr (p->unit_id, ==, "U2");
    g_assert_cmpuint (p->span_from, ==, 2022);
    g_assert_cmpuint (p->span_to, ==, 2026);
    g_assert_cmpstr (p->name, ==, "张三");
    g_clear_pointer (&p, xs_person_unref);
    activities = xs_store_list_activities (f->store, "P001", NULL);
    g_assert_cmpuint (activities->len, ==, 2);
    e = last_entry (f, "P001", "person-change", NULL);
    g_assert_cmpstr (e->old_value, ==, "unit=U1;span=");
    g_assert_cmpstr (e->new_value, ==, "unit=U2;span=2022-2026");
    g_clear_pointer (&e, xs_audit_entry_free);
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    guint entries = count_audit (f);

    g_assert_cmpint (
        xs_test_store_cli (f, &out, &err, "person", "edit", "P001", "--unit", "U2", NULL), ==, 0);
    g_assert_cmpstr (out, ==, "P001 (张三) is unchanged.\n");
    g_assert_cmpuint (count_audit (f), ==, entries);
  }
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr (XsActivity) gone = NULL;

    g_assert_cmpint (xs_test_store_cli (f, &out, &err, "person", "remove", "P001", NULL), ==, 0);
    g_assert_cmpstr (out, ==, "Removed P001 (张三) with their activities.\n");
    p = xs_store_get_person (f->store, "P001", NULL);
    g_assert_null (p);
    gone = xs_store_get_activity (f->store, "A1", NULL);
    g_assert_null (gone);
    e = last_entry (f, "P001", "person-delete", NULL);
    g_assert_true (g_str_has_prefix (e->old_value, "unit=U2;name=张三;gender=male;"));
    g_assert_true (g_str_has_suffix (e->old_value, ";span=2022-2026;activities-removed=A1,A2"));
    g_assert_null (e->new_value);
  }
  {
    gint64 bad = 0;
    g_assert_true (xs_audit_verify (f->store, &bad, NULL));
  }
}

/* ------------------------------------------------------------------------------------------ */
/* The sources                                                                                */

/* Files allowed to write SQL: the store backends. */
static const char *const sql_writers[] = {
  "xs-sqlite-store.c",         "xs-sqlite-store-records.c",
  "xs-sqlite-store-reports.c", "xs-pg-store.c",
  "xs-pg-store-records.c",     "xs-pg-store-reports.c",
  "xs-pg-store-blobs.c",       "xs-sqlite-store-texts.c",
  "xs-pg-store-texts.c",       NULL,
};

/* Files allowed to call the store's write functions: the records layer, the store itself and
 * the audit helper the records layer calls. (Transactions may be opened elsewhere: gc holds
 * one as the writer's lock while it collects files, and writes no rows.) */
static const char *const store_writers[] = {
  "xs-records.c",       "xs-records-persons.c", "xs-records-credits.c",
  "xs-records-round.c", "xs-records-copy.c",    "xs-store.c",
  "xs-sqlite-store.c",  "xs-audit.c",           "xs-evidence-checks.c",
  NULL,
};

static const char *const store_write_calls[] = {
  "xs_store_put_unit",        "xs_store_replace_person",
  "xs_store_put_person",      "xs_store_add_activity",
  "xs_store_update_activity", "xs_store_delete_activity",
  "xs_store_add_evidence",    "xs_store_remove_evidence",
  "xs_store_retag_evidence",  "xs_store_add_review",
  "xs_store_update_credit",   "xs_store_set_meta",
  "xs_store_append_audit",    "xs_store_add_round_event",
  "xs_store_delete_person",   "xs_store_put_evidence_text",
  NULL,
};

static void
collect_sources (const char *dir, GPtrArray *out)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_sources (path, out);
      else if (g_str_has_suffix (name, ".c") || g_str_has_suffix (name, ".h"))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

static gboolean
is_listed (const char *const *list, const char *name)
{
  return g_strv_contains (list, name);
}

/* Appends to @problems what in @text (the file @base) writes past the records layer. */
static void
find_stray_writes (const char *base, const char *text, GString *problems)
{
  g_autoptr (GRegex) sql =
      g_regex_new ("\\b(INSERT\\s+(OR\\s+\\w+\\s+)?INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM|"
                   "REPLACE\\s+INTO|DROP\\s+(TABLE|INDEX)|ALTER\\s+TABLE)\\b",
                   G_REGEX_CASELESS, 0, NULL);

  if (!is_listed (sql_writers, base) && g_regex_match (sql, text, 0, NULL))
    g_string_append_printf (problems, "%s writes SQL\n", base);
  if (g_str_has_suffix (base, ".h") || is_listed (store_writers, base))
    return;
  for (guint k = 0; store_write_calls[k] != NULL; k++)
    {
      g_autofree char *call = g_strconcat (store_write_calls[k], " (", NULL);
      if (strstr (text, call) != NULL)
        g_string_append_printf (problems, "%s calls %s\n", base, store_write_calls[k]);
    }
  if (strstr (text, "xs_audit_record (") != NULL)
    g_string_append_printf (problems, "%s writes the audit trail itself\n", base);
}

static void
test_sources_write_through_the_records (Fixture *f, gconstpointer data)
{
  const char *root = g_getenv ("XUESHI_SOURCE_DIR");
  g_autofree char *src = NULL;
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) problems = g_string_new (NULL);
  g_autoptr (GRegex) format_in_gettext =
      g_regex_new ("\\b_ \\(\\s*(\"([^\"\\\\]|\\\\.)*\"\\s*)+G_G[A-Z0-9]*_FORMAT", 0, 0, NULL);

  g_assert_nonnull (root);
  src = g_build_filename (root, "src", NULL);
  collect_sources (src, files);
  g_assert_cmpuint (files->len, >, 50);

  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *text = NULL;

      g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
      find_stray_writes (base, text, problems);
      /* xgettext cannot see past G_GINT64_FORMAT and friends: the message would stay in
       * English. */
      if (g_regex_match (format_in_gettext, text, 0, NULL))
        g_string_append_printf (problems, "%s has a G_*_FORMAT inside _()\n", base);
    }
  g_assert_cmpstr (problems->str, ==, "");
}

/* The layers below the store never reach for SQLite, cairo, poppler or GTK: the include
 * paths stop the core's own headers, this stops the system's. */
static void
test_lower_layers_use_no_store_or_drawing_library (Fixture *f, gconstpointer data)
{
  static const char *const layers[] = { "base", "rules", NULL };
  static const char *const forbidden[] = { "<sqlite3.h>", "<cairo",   "<poppler",    "<pango",
                                           "<gtk/",       "<adwaita", "<gdk-pixbuf", NULL };
  const char *root = g_getenv ("XUESHI_SOURCE_DIR");
  g_autoptr (GString) problems = g_string_new (NULL);

  g_assert_nonnull (root);
  for (guint l = 0; layers[l] != NULL; l++)
    {
      g_autofree char *dir = g_build_filename (root, "src", "core", layers[l], NULL);
      g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

      g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));
      collect_sources (dir, files);
      g_assert_cmpuint (files->len, >, 4);
      for (guint i = 0; i < files->len; i++)
        {
          g_autofree char *text = NULL;

          g_assert_true (g_file_get_contents (g_ptr_array_index (files, i), &text, NULL, NULL));
          for (guint k = 0; forbidden[k] != NULL; k++)
            {
              g_autofree char *include = g_strconcat ("#include ", forbidden[k], NULL);
              if (strstr (text, include) != NULL)
                g_string_append_printf (problems, "%s includes %s\n",
                                        (char *)g_ptr_array_index (files, i), forbidden[k]);
            }
        }
    }
  g_assert_cmpstr (problems->str, ==, "");
}

/* The check above would catch a stray write: it finds each kind in made-up files. */
static void
test_the_source_check_can_fail (Fixture *f, gconstpointer data)
{
  static const char *const strays[] = {
    "sqlite3_prepare_v2 (db, \"update persons set name = ?1\", -1, &stmt, NULL);",
    "\"DELETE FROM activities WHERE id = ?1\"",
    "ok = xs_store_put_person (store, person, error);",
    "xs_audit_record (store, actor, \"x\", NULL, NULL, NULL, NULL, error);",
  };
  g_autoptr (GString) problems = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (strays); i++)
    {
      g_string_truncate (problems, 0);
      find_stray_writes ("xs-person-page.c", strays[i], problems);
      g_assert_cmpstr (problems->str, !=, "");
    }
  g_string_truncate (problems, 0);
  find_stray_writes ("xs-person-page.c", "/* updates the person, then deletes from the list */",
                     problems);
  g_assert_cmpstr (problems->str, ==, "");
}

int
main (int argc, char **argv)
{
  xs_core_init ();
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func)                                                                            \
  g_test_add ("/one-writer/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("import-audits-every-person", test_import_audits_every_person);
  ADD ("import-refuses-a-second-certified-year", test_import_refuses_a_second_certified_year);
  ADD ("import-refuses-two-persons-with-one-resident-id",
       test_import_refuses_two_persons_with_one_resident_id);
  ADD ("a-dry-run-says-what-would-change", test_a_dry_run_says_what_would_change);
  ADD ("cli-person-commands", test_cli_person_commands);
  ADD ("roster-audits-what-it-changes", test_roster_audits_what_it_changes);
  ADD ("sources-write-through-the-records", test_sources_write_through_the_records);
  ADD ("lower-layers-use-no-store-or-drawing-library",
       test_lower_layers_use_no_store_or_drawing_library);
  ADD ("the-source-check-can-fail", test_the_source_check_can_fail);
  return g_test_run ();
}
