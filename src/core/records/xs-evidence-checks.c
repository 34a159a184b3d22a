/* xs-evidence-checks.c — reads a stored scan once and keeps what it says; compares it with
 * the activity and the person for the reviewer.
 *
 * The checks never block anything: a scan read wrong is as likely as a record typed wrong,
 * so each problem is shown with what the scan says and what the records say, and the
 * reviewer may mark it explained (an audit entry, action "explain", whose value starts with
 * the problem's kind and file: that entry is the mark, nothing else is stored).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "xs-audit.h"
#include "xs-blob-store.h"
#include "xs-evidence-checks.h"
#include "xs-json.h"
#include "xs-ocr.h"
#include "xs-records.h"
#include "xs-tenths.h"

void
xs_evidence_problem_free (XsEvidenceProblem *problem)
{
  if (problem == NULL)
    return;
  g_free (problem->kind);
  g_free (problem->sha256);
  g_free (problem->found);
  g_free (problem->expected);
  g_free (problem->explained);
  g_free (problem);
}

/**
 * xs_evidence_known_organizers:
 * @extra: (nullable): names to recognise besides the national bases, NULL-terminated
 *
 * Returns: (transfer container): @extra's names, then the bases of 附件1, NULL-terminated
 *   (for xs_ocr_fields_extract()); the strings are @extra's and @rules'
 */
GPtrArray *
xs_evidence_known_organizers (XsRules *rules, const char *const *extra)
{
  GPtrArray *bases = xs_rules_get_bases (rules);
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; extra != NULL && extra[i] != NULL; i++)
    if (*extra[i] != '\0')
      g_ptr_array_add (names, (gpointer)extra[i]);
  for (guint i = 0; i < bases->len; i++)
    g_ptr_array_add (names, ((XsBase *)g_ptr_array_index (bases, i))->name);
  g_ptr_array_add (names, NULL);
  return names;
}

/**
 * xs_records_read_evidence:
 * @organizer: (nullable): the activity's organiser, recognised besides the national bases
 *
 * Returns: (transfer full): the fields of the file, or %NULL with @error set
 */
XsOcrFields *
xs_records_read_evidence (XsStore *store, XsRules *rules, const char *sha256, const char *organizer,
                          GCancellable *cancellable, char **text, GError **error)
{
  g_autofree char *kept_fields = NULL;
  g_autofree char *kept_text = xs_store_dup_evidence_text (store, sha256, &kept_fields, error);
  g_autoptr (XsBlobStore) blobs = NULL;
  g_autoptr (XsOcrText) read = NULL;
  g_autoptr (XsOcrFields) fields = NULL;
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autofree char *path = NULL;
  g_autofree char *json = NULL;
  g_autofree char *all = NULL;
  GError *local_error = NULL;
  gboolean kept;

  if (kept_text != NULL)
    {
      fields = xs_json_parse_ocr_fields (kept_fields, &local_error);
      if (fields != NULL)
        {
          if (text != NULL)
            *text = g_steal_pointer (&kept_text);
          return g_steal_pointer (&fields);
        }
      /* What was kept does not parse: read the file again, and keep that. */
      g_debug ("The fields kept for %s do not parse: %s", sha256, local_error->message);
      g_clear_error (&local_error);
    }
  else if (error != NULL && *error != NULL)
    return NULL;

  if (!xs_store_fetch_evidence (store, sha256, error))
    return NULL;
  blobs = xs_blob_store_new (xs_store_get_evidence_dir (store));
  path = xs_blob_store_dup_path (blobs, sha256);
  read = xs_ocr_read_file (path, cancellable, error);
  if (read == NULL)
    return NULL;
  names = xs_evidence_known_organizers (rules, (const char *const[]){ organizer, NULL });
  fields = xs_ocr_fields_extract (read, (const char *const *)names->pdata);
  node = xs_json_ocr_read (fields, read);
  json_object_remove_member (json_node_get_object (node), "text");
  json = xs_json_to_string (node, FALSE);
  all = xs_ocr_text_dup_string (read);

  kept =
      xs_store_begin (store, &local_error) &&
      xs_store_put_evidence_text (store, sha256, all, json,
                                  fields->values[XS_OCR_FIELD_CERTIFICATE_NUMBER], &local_error) &&
      xs_store_commit (store, &local_error);
  if (!kept)
    {
      /* Only a cache: the fields are still right, they are read again next time. */
      xs_store_rollback (store);
      g_warning ("The text read from %s was not kept: %s", sha256, local_error->message);
      g_clear_error (&local_error);
    }
  if (text != NULL)
    *text = g_steal_pointer (&all);
  return g_steal_pointer (&fields);
}

gboolean
xs_records_read_unread_evidence (XsStore *store, XsRules *rules, guint limit, GHashTable *failed,
                                 XsReadProgress progress, gpointer user_data,
                                 GCancellable *cancellable, guint *out_read, GError **error)
{
  guint skipped = g_hash_table_size (failed);
  g_autoptr (GPtrArray) listed = xs_store_list_unread_evidence (
      store, limit == 0 ? G_MAXINT : (guint)MIN ((guint64)limit + skipped, G_MAXINT), error);
  g_autoptr (GPtrArray) todo = g_ptr_array_new ();

  *out_read = 0;
  if (listed == NULL)
    return FALSE;
  for (guint i = 0; i < listed->len && (limit == 0 || todo->len < limit); i++)
    if (!g_hash_table_contains (failed, g_ptr_array_index (listed, i)))
      g_ptr_array_add (todo, g_ptr_array_index (listed, i));
  for (guint i = 0; i < todo->len; i++)
    {
      const char *sha256 = g_ptr_array_index (todo, i);
      g_autoptr (GError) local_error = NULL;
      g_autoptr (XsOcrFields) fields =
          xs_records_read_evidence (store, rules, sha256, NULL, cancellable, NULL, &local_error);

      if (fields != NULL)
        (*out_read)++;
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      else
        g_hash_table_insert (failed, g_strdup (sha256), g_strdup (local_error->message));
      if (progress != NULL)
        progress (i + 1, todo->len, user_data);
    }
  return TRUE;
}

/* ---------------------------------------------------------------- the checks */

static void
add_problem (GPtrArray *problems, const char *kind, const char *sha256, const char *found,
             const char *expected)
{
  XsEvidenceProblem *p = g_new0 (XsEvidenceProblem, 1);

  p->kind = g_strdup (kind);
  p->sha256 = g_strdup (sha256);
  p->found = g_strdup (found);
  p->expected = g_strdup (expected != NULL ? expected : "");
  g_ptr_array_add (problems, p);
}

static char *
date_range (const char *start, const char *end)
{
  if (start != NULL && end != NULL && strcmp (start, end) != 0)
    return g_strdup_printf ("%s/%s", start, end);
  return g_strdup (end != NULL ? end : start);
}

/* Dates the scan gives outside the activity's: a range must fall within the activity's
 * start and end; a single date (a grant, an award) must be the activity's date, or fall in
 * its year when it records only the year. */
static void
check_dates (GPtrArray *problems, const XsActivity *a, const XsOcrFields *f, const char *sha256)
{
  const char *start = xs_activity_get_param (a, "start");
  const char *end = xs_activity_get_param (a, "end");
  const char *year = xs_activity_get_param (a, "year");
  const char *read_start = f->values[XS_OCR_FIELD_START];
  const char *read_end = f->values[XS_OCR_FIELD_END];
  gboolean outside = FALSE;
  g_autofree char *found = date_range (read_start, read_end);
  g_autofree char *expected = NULL;

  if (found == NULL)
    return;
  if (start != NULL && end != NULL)
    {
      outside = (read_start != NULL &&
                 (strcmp (read_start, start) < 0 || strcmp (read_start, end) > 0)) ||
                (read_end != NULL && (strcmp (read_end, start) < 0 || strcmp (read_end, end) > 0));
      expected = date_range (start, end);
    }
  else if (end != NULL && read_end != NULL)
    {
      outside = strcmp (read_end, end) != 0;
      expected = g_strdup (end);
    }
  else if (year != NULL && read_end != NULL)
    {
      outside = strncmp (read_end, year, 4) != 0 || strlen (year) != 4;
      expected = g_strdup (year);
    }
  if (outside)
    add_problem (problems, "date-mismatch", sha256, found, expected);
}

/* The 学时 printed against those entered: an activity's certified hours, or its days at
 * 8 学时 a day (the rule for the kinds counted by the day). "expected" is the number. */
static void
check_hours (GPtrArray *problems, const XsActivity *a, const XsOcrFields *f, const char *sha256)
{
  const char *printed = f->values[XS_OCR_FIELD_HOURS];
  const char *hours = xs_activity_get_param (a, "hours");
  const char *days = xs_activity_get_param (a, "days");
  gint64 read_tenths = 0, want = 0;
  g_autofree char *expected = NULL;

  if (printed == NULL || !xs_tenths_parse (printed, G_MAXINT32, &read_tenths))
    return;
  if (hours != NULL && xs_tenths_parse (hours, G_MAXINT32, &want))
    expected = xs_tenths_format (want);
  else if (days != NULL && xs_tenths_parse (days, G_MAXINT32, &want))
    {
      want *= 8;
      expected = xs_tenths_format (want);
    }
  else
    return;
  if (read_tenths != want)
    add_problem (problems, "hours-mismatch", sha256, printed, expected);
}

static gboolean
check_file (XsStore *store, XsRules *rules, const XsActivity *a, const XsPerson *person,
            const char *sha256, GPtrArray *problems, GCancellable *cancellable, GError **error)
{
  g_autofree char *text = NULL;
  g_autoptr (XsOcrFields) f =
      xs_records_read_evidence (store, rules, sha256, a->organizer, cancellable, &text, error);
  g_autoptr (GPtrArray) same_file = NULL;
  const char *number;

  if (f == NULL)
    return FALSE;
  /* A sign-in sheet or a list names many: it names someone else only when not this one. */
  if (f->values[XS_OCR_FIELD_NAME] != NULL &&
      g_strcmp0 (f->values[XS_OCR_FIELD_NAME], person->name) != 0 &&
      (text == NULL || strstr (text, person->name) == NULL))
    add_problem (problems, "name-mismatch", sha256, f->values[XS_OCR_FIELD_NAME], person->name);
  if (f->values[XS_OCR_FIELD_ID_NUMBER] != NULL &&
      g_strcmp0 (f->values[XS_OCR_FIELD_ID_NUMBER], person->id_number) != 0)
    add_problem (problems, "id-mismatch", sha256, f->values[XS_OCR_FIELD_ID_NUMBER],
                 person->id_number);
  check_dates (problems, a, f, sha256);
  check_hours (problems, a, f, sha256);

  /* The same file on another person's activity: found from either side. */
  same_file = xs_store_list_evidence_uses (store, sha256, NULL, error);
  if (same_file == NULL)
    return FALSE;
  for (guint i = 0; i < same_file->len; i++)
    {
      const XsEvidenceUse *use = g_ptr_array_index (same_file, i);

      if (g_strcmp0 (use->person_id, person->id) != 0)
        add_problem (problems, "duplicate-file", sha256, use->activity_id, NULL);
    }

  number = f->values[XS_OCR_FIELD_CERTIFICATE_NUMBER];
  if (number != NULL)
    {
      g_autoptr (GPtrArray) same_number = xs_store_list_evidence_uses (store, NULL, number, error);

      if (same_number == NULL)
        return FALSE;
      for (guint i = 0; i < same_number->len; i++)
        {
          const XsEvidenceUse *use = g_ptr_array_index (same_number, i);
          g_autofree char *found = NULL;

          /* Another person's copy of this very file is a duplicate-file already. */
          if (g_strcmp0 (use->activity_id, a->id) == 0 ||
              (g_strcmp0 (use->sha256, sha256) == 0 && g_strcmp0 (use->person_id, person->id) != 0))
            continue;
          found = g_strdup_printf ("%s %s", number, use->activity_id);
          add_problem (problems, "duplicate-certificate", sha256, found, NULL);
        }
    }
  return TRUE;
}

/* The explanations given, from the audit trail: "KIND SHA256 REASON" per entry. */
static void
mark_explained (XsStore *store, const XsActivity *a, GPtrArray *problems)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = xs_audit_list (store, a->person_id, &error);

  if (entries == NULL)
    {
      g_warning ("The explanations of %s's problems could not be read: %s", a->id, error->message);
      return;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      const XsAuditEntry *e = g_ptr_array_index (entries, i);

      if (g_strcmp0 (e->action, "explain") != 0 || g_strcmp0 (e->target, a->id) != 0 ||
          e->new_value == NULL)
        continue;
      for (guint j = 0; j < problems->len; j++)
        {
          XsEvidenceProblem *p = g_ptr_array_index (problems, j);
          g_autofree char *prefix = g_strdup_printf ("%s %s ", p->kind, p->sha256);

          if (g_str_has_prefix (e->new_value, prefix))
            {
              g_free (p->explained);
              p->explained = g_strdup (e->new_value + strlen (prefix));
            }
        }
    }
}

/**
 * xs_records_check_evidence:
 *
 * Returns: (transfer full) (element-type XsEvidenceProblem): the problems, in the order of
 *   the evidence, or %NULL with @error set
 */
GPtrArray *
xs_records_check_evidence (XsStore *store, XsRules *rules, const char *activity_id,
                           GCancellable *cancellable, GError **error)
{
  g_autoptr (XsActivity) a = xs_store_get_activity (store, activity_id, error);
  g_autoptr (XsPerson) person = NULL;
  g_autoptr (GPtrArray) problems = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (a == NULL)
    return NULL;
  person = xs_store_get_person (store, a->person_id, error);
  if (person == NULL)
    return NULL;
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_evidence_problem_free);
  for (guint i = 0; i < a->evidence->len; i++)
    {
      const XsEvidence *e = g_ptr_array_index (a->evidence, i);

      /* One file under two materials is read and checked once. */
      if (!g_hash_table_add (seen, e->sha256))
        continue;
      if (!check_file (store, rules, a, person, e->sha256, problems, cancellable, error))
        return NULL;
    }
  mark_explained (store, a, problems);
  return g_steal_pointer (&problems);
}

static gboolean
is_problem_kind (const char *kind)
{
  static const char *const kinds[] = {
    "name-mismatch",  "id-mismatch",    "date-mismatch",
    "hours-mismatch", "duplicate-file", "duplicate-certificate"
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kind, kinds[i]) == 0)
      return TRUE;
  return FALSE;
}

gboolean
xs_records_explain_problem (XsStore *store, const char *activity_id, const char *kind,
                            const char *sha256, const char *reason, const char *actor,
                            GError **error)
{
  g_autoptr (XsActivity) a = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  gboolean has_file = FALSE;

  if (!is_problem_kind (kind))
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID,
                   _ ("“%s” is not a kind of evidence problem"), kind);
      return FALSE;
    }
  if (*stripped == '\0' || strchr (stripped, '\n') != NULL || g_utf8_strlen (stripped, -1) > 200)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID,
                   _ ("An explanation is one line of at most 200 characters, not empty"));
      return FALSE;
    }
  a = xs_store_get_activity (store, activity_id, &local_error);
  if (a == NULL)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NOT_FOUND, "%s", local_error->message);
      return FALSE;
    }
  for (guint i = 0; i < a->evidence->len; i++)
    has_file |= g_strcmp0 (((XsEvidence *)g_ptr_array_index (a->evidence, i))->sha256, sha256) == 0;
  if (!has_file)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NOT_FOUND,
                   _ ("Activity %s has no evidence file %s"), activity_id, sha256);
      return FALSE;
    }
  value = g_strdup_printf ("%s %s %s", kind, sha256, stripped);
  if (!xs_store_begin (store, error))
    return FALSE;
  if (!xs_audit_record (store, actor, "explain", a->person_id, activity_id, NULL, value, error) ||
      !xs_store_commit (store, error))
    {
      xs_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}
