/* xs-records.c — the clerk's changes to the records: each validated, credited, audited, atomic.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <fcntl.h>
#include <glib/gi18n-lib.h>

#include "xs-audit.h"
#include "xs-blob-store.h"
#include "xs-evidence-open.h"
#include "xs-engine.h"
#include "xs-evidence-check.h"
#include "xs-records-private.h"
#include "xs-records-round.h"
#include "xs-records.h"
#include "xs-scan.h"
#include "xs-scan-guard.h"
#include "xs-text-check.h"
#include "xs-unit-report.h"

/* clang-format off */
G_DEFINE_QUARK (xs-records-error-quark, xs_records_error)
/* clang-format on */

char *
xs_records_describe_activity (const XsActivity *a)
{
  g_autofree char *params = xs_activity_dup_params_string (a);

  g_strdelimit (params, "\n", ';');
  return g_strdup_printf ("kind=%s;status=%s;title=%s;organizer=%s;%s", a->kind,
                          xs_status_to_string (a->status), a->title ? a->title : "",
                          a->organizer ? a->organizer : "", params);
}

char *
xs_records_fingerprint_activity (const XsActivity *a)
{
  GString *s = g_string_new (NULL);
  g_autofree char *described = xs_records_describe_activity (a);

  g_string_append (s, described);
  for (guint i = 0; i < a->evidence->len; i++)
    {
      const XsEvidence *e = g_ptr_array_index (a->evidence, i);
      g_string_append_printf (s, ";evidence=%s:%s:%s", e->material, e->sha256, e->file_name);
    }
  for (guint i = 0; i < a->reviews->len; i++)
    {
      const XsReview *r = g_ptr_array_index (a->reviews, i);
      g_string_append_printf (s, ";review=%s:%s:%s:%s", r->reviewer, r->date,
                              xs_status_to_string (r->decision), r->reason ? r->reason : "");
    }
  return g_string_free (s, FALSE);
}

/* Ends the current store transaction: commits when @ok, else rolls back. */
static gboolean
finish_transaction (XsStore *store, gboolean ok, GError **error)
{
  if (ok && xs_store_commit (store, error))
    return TRUE;
  xs_store_rollback (store);
  return FALSE;
}

static gboolean
same_hours_fields (const XsActivity *a, const XsActivity *b)
{
  g_autofree char *pa = xs_activity_dup_params_string (a);
  g_autofree char *pb = xs_activity_dup_params_string (b);

  return g_strcmp0 (a->kind, b->kind) == 0 && g_strcmp0 (pa, pb) == 0;
}

/* No longer than the exchange file takes, so an export imports again. */
static gboolean
check_length (const char *text, glong max, const char *what, GError **error)
{
  if (text == NULL || g_utf8_strlen (text, -1) <= max)
    return TRUE;
  g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID,
               _ ("The %s is longer than %d characters"), what, (int)max);
  return FALSE;
}

/* Reviewer names, reasons and file names are shown one per line: refuse what would forge
 * another line or column there. */
static gboolean
check_single_line (const char *text, const char *what, GError **error)
{
  if (!xs_text_is_single_line (text))
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID,
                   _ ("The %s may not contain line breaks, tabs or other control characters"),
                   what);
      return FALSE;
    }
  return check_length (text, XS_RECORDS_MAX_LONG_TEXT, what, error);
}

/* At most one certified year per person and year (not counting rejected ones). */
static gboolean
check_certified_year (XsStore *store, XsRules *rules, const XsActivity *activity, XsStatus status,
                      GError **error)
{
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GError) local_error = NULL;

  activities = xs_store_list_activities (store, activity->person_id, error);
  if (activities == NULL)
    return FALSE;
  if (!xs_hours_check_certified_year (rules, activities, activity, status, &local_error))
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * xs_records_save_activity:
 * @activity: a new activity (its evidence and reviews are stored with it, so saving a deleted
 *   activity again restores it whole) or a changed one (its evidence and reviews in the
 *   store are kept)
 * @actor: who makes the change, for the audit trail
 *
 * Validates against the rules, computes and stores the credit, and records the change. A
 * change to what the hours depend on sends an approved activity back to pending: it has to be
 * reviewed again.
 */
gboolean
xs_records_save_activity (XsStore *store, XsRules *rules, const XsActivity *activity,
                          const char *actor, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (XsActivity) existing = NULL;
  g_autoptr (XsActivity) saved = NULL;
  g_autoptr (XsPerson) person = NULL;
  g_autoptr (XsCredit) credit = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  XsStoredCredit stored;
  gboolean ok;

  g_return_val_if_fail (activity != NULL && activity->id != NULL, FALSE);

  if (!check_length (activity->title, XS_RECORDS_MAX_LONG_TEXT, _ ("title"), error) ||
      !check_length (activity->organizer, XS_RECORDS_MAX_SHORT_TEXT, _ ("organizer"), error))
    return FALSE;
  if (!xs_engine_validate (rules, activity, &local_error))
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID, "%s", local_error->message);
      return FALSE;
    }
  person = xs_store_get_person (store, activity->person_id, &local_error);
  if (person == NULL)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NOT_FOUND, "%s", local_error->message);
      return FALSE;
    }

  if (!xs_store_begin (store, error))
    return FALSE;

  existing = xs_store_get_activity (store, activity->id, NULL);
  if (existing != NULL && g_strcmp0 (existing->person_id, activity->person_id) != 0)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID,
                   _ ("Activity %s belongs to person %s"), activity->id, existing->person_id);
      return finish_transaction (store, FALSE, NULL);
    }

  if (!check_certified_year (store, rules, activity, activity->status, error))
    return finish_transaction (store, FALSE, NULL);

  saved = xs_activity_ref ((XsActivity *)activity);
  if (existing != NULL && existing->status == XS_STATUS_APPROVED &&
      !same_hours_fields (existing, activity))
    {
      /* Copy rather than change the caller's activity. */
      g_clear_pointer (&saved, xs_activity_unref);
      saved = xs_activity_new ();
      saved->id = g_strdup (activity->id);
      saved->person_id = g_strdup (activity->person_id);
      saved->kind = g_strdup (activity->kind);
      saved->title = g_strdup (activity->title);
      saved->organizer = g_strdup (activity->organizer);
      saved->status = XS_STATUS_PENDING;
      saved->version = activity->version;
      for (guint i = 0; i < activity->params->len; i++)
        g_ptr_array_add (saved->params, g_strdup (g_ptr_array_index (activity->params, i)));
    }

  credit = xs_engine_compute (rules, saved);
  xs_stored_credit_from_credit (credit, &stored);
  new_text = xs_records_describe_activity (saved);

  if (existing != NULL)
    {
      old_text = xs_records_describe_activity (existing);
      ok = xs_store_update_activity (store, saved, &stored, error) &&
           xs_audit_record (store, actor, "change", saved->person_id, saved->id, old_text, new_text,
                            error);
      /* What the round's passed stages confirmed is no longer what the records say. */
      if (ok && existing->status == XS_STATUS_APPROVED &&
          (saved->status != XS_STATUS_APPROVED || !g_str_equal (old_text, new_text)))
        ok = xs_records_reopen_round (store, rules, saved->person_id, saved->id, actor, error);
    }
  else
    ok = xs_store_add_activity (store, saved, &stored, error) &&
         xs_audit_record (store, actor, "create", saved->person_id, saved->id, NULL, new_text,
                          error);

  if (!finish_transaction (store, ok, error))
    {
      xs_records_explain_stale (store, saved->person_id, saved->id, error);
      return FALSE;
    }
  return TRUE;
}

/**
 * xs_records_add_activities:
 * @activities: (element-type XsActivity): new activities, each with an id no activity has
 * @actor: who adds them, for the audit trail
 *
 * Adds them all in one transaction, each validated, credited and audited as
 * xs_records_save_activity() does, or none: the first refusal names the activity's id.
 */
gboolean
xs_records_add_activities (XsStore *store, XsRules *rules, GPtrArray *activities, const char *actor,
                           GError **error)
{
  gboolean ok = TRUE;

  if (!xs_store_begin (store, error))
    return FALSE;
  for (guint i = 0; ok && i < activities->len; i++)
    {
      const XsActivity *activity = g_ptr_array_index (activities, i);
      g_autoptr (GError) local_error = NULL;
      g_autoptr (XsPerson) person = NULL;
      g_autoptr (XsCredit) credit = NULL;
      g_autofree char *owner = NULL;
      g_autofree char *text = NULL;
      XsStoredCredit stored;

      if (!check_length (activity->title, XS_RECORDS_MAX_LONG_TEXT, _ ("title"), error) ||
          !check_length (activity->organizer, XS_RECORDS_MAX_SHORT_TEXT, _ ("organizer"), error))
        {
          ok = FALSE;
          break;
        }
      if (!xs_engine_validate (rules, activity, &local_error) ||
          (person = xs_store_get_person (store, activity->person_id, &local_error)) == NULL)
        {
          g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID, "%s: %s", activity->id,
                       local_error->message);
          ok = FALSE;
          break;
        }
      owner = xs_store_dup_activity_owner (store, activity->id, NULL);
      if (owner != NULL)
        {
          g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID,
                       _ ("Activity %s belongs to person %s"), activity->id, owner);
          ok = FALSE;
          break;
        }
      credit = xs_engine_compute (rules, activity);
      xs_stored_credit_from_credit (credit, &stored);
      text = xs_records_describe_activity (activity);
      ok = check_certified_year (store, rules, activity, activity->status, error) &&
           xs_store_add_activity (store, activity, &stored, error) &&
           xs_audit_record (store, actor, "create", activity->person_id, activity->id, NULL, text,
                            error);
    }
  return finish_transaction (store, ok, error);
}

/**
 * xs_records_delete_activity:
 *
 * Removes the activity with its evidence references and reviews (the evidence files stay in
 * the store until collected, so the deletion can be undone by saving the activity again).
 */
gboolean
xs_records_delete_activity (XsStore *store, XsRules *rules, const char *activity_id,
                            const char *actor, GError **error)
{
  g_autoptr (XsActivity) existing = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *old_text = NULL;
  gboolean ok;

  existing = xs_store_get_activity (store, activity_id, &local_error);
  if (existing == NULL)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NOT_FOUND, "%s", local_error->message);
      return FALSE;
    }
  old_text = xs_records_describe_activity (existing);

  if (!xs_store_begin (store, error))
    return FALSE;
  ok = xs_store_delete_activity (store, activity_id, error) &&
       xs_audit_record (store, actor, "delete", existing->person_id, activity_id, old_text, NULL,
                        error);
  if (ok && existing->status == XS_STATUS_APPROVED)
    ok = xs_records_reopen_round (store, rules, existing->person_id, activity_id, actor, error);
  return finish_transaction (store, ok, error);
}

/**
 * xs_records_new_activity_id:
 *
 * Returns: (transfer full): an activity id not used yet, e.g. "P001-A7"
 */
char *
xs_records_new_activity_id (XsStore *store, const char *person_id)
{
  for (guint n = 1;; n++)
    {
      g_autofree char *id = g_strdup_printf ("%s-A%u", person_id, n);
      g_autofree char *owner = xs_store_dup_activity_owner (store, id, NULL);

      if (owner == NULL)
        return g_steal_pointer (&id);
    }
}

static char *
missing_in_words (XsRules *rules, GPtrArray *missing)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < missing->len; i++)
    {
      g_auto (GStrv) alternatives = g_strsplit (g_ptr_array_index (missing, i), "|", -1);

      if (i > 0)
        g_string_append (s, "、");
      for (guint k = 0; alternatives[k] != NULL; k++)
        {
          const char *name = xs_rules_get_material_name (rules, alternatives[k]);
          g_string_append_printf (s, "%s%s", k ? "或" : "", name ? name : alternatives[k]);
        }
    }
  return g_string_free (s, FALSE);
}

char *
xs_records_today_iso (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/**
 * xs_records_review:
 * @decision: approved, rejected, or pending (resubmit a rejected activity)
 * @reason: (nullable): why; required to reject
 * @override_reason: (nullable): required to approve when evidence is incomplete
 * @reviewer: the reviewer's name, required
 */
gboolean
xs_records_review (XsStore *store, XsRules *rules, const char *activity_id, XsStatus decision,
                   const char *reason, const char *override_reason, const char *reviewer,
                   GError **error)
{
  g_autoptr (XsActivity) activity = NULL;
  g_autoptr (XsEvidenceCheck) check = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *date = xs_records_today_iso ();
  g_autofree char *full_reason = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *trimmed = g_strdup (reviewer ? reviewer : "");
  XsReview review = { 0 };
  gboolean ok;

  if (reviewer == NULL || *reviewer == '\0' || g_str_equal (g_strstrip (trimmed), ""))
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NO_REVIEWER,
                   _ ("A review needs the reviewer's name"));
      return FALSE;
    }

  if (!check_single_line (reviewer, _ ("reviewer's name"), error) ||
      !check_length (reviewer, XS_RECORDS_MAX_SHORT_TEXT, _ ("reviewer's name"), error) ||
      !check_single_line (reason, _ ("reason"), error) ||
      !check_single_line (override_reason, _ ("override reason"), error))
    return FALSE;

  activity = xs_store_get_activity (store, activity_id, &local_error);
  if (activity == NULL)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NOT_FOUND, "%s", local_error->message);
      return FALSE;
    }

  if (decision == XS_STATUS_REJECTED && (reason == NULL || *reason == '\0'))
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NEEDS_REASON,
                   _ ("Rejecting activity %s needs a reason"), activity_id);
      return FALSE;
    }

  full_reason = g_strdup (reason ? reason : "");
  if (decision == XS_STATUS_APPROVED)
    {
      check = xs_evidence_check_activity (rules, activity);
      if (!check->satisfied)
        {
          g_autofree char *missing = missing_in_words (rules, check->missing);

          if (override_reason == NULL || *override_reason == '\0')
            {
              g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INCOMPLETE,
                           _ ("Activity %s still lacks %s; approving it anyway needs an override "
                              "reason"),
                           activity_id, missing);
              return FALSE;
            }
          g_free (full_reason);
          full_reason = g_strdup_printf ("%s%s材料不全（缺%s），特批：%s", reason ? reason : "",
                                         reason && *reason ? "；" : "", missing, override_reason);
        }
    }

  if (!check_length (full_reason, XS_RECORDS_MAX_LONG_TEXT, _ ("reason"), error))
    return FALSE;
  review.reviewer = (char *)reviewer;
  review.date = date;
  review.decision = decision;
  review.reason = full_reason;
  new_text = g_strdup_printf ("%s：%s", xs_status_to_string (decision), full_reason);

  if (!xs_store_begin (store, error))
    return FALSE;
  if (activity->status == XS_STATUS_REJECTED && decision != XS_STATUS_REJECTED)
    {
      /* Back from rejected: it must not become a second certified year of its year. */
      if (!check_certified_year (store, rules, activity, decision, error))
        return finish_transaction (store, FALSE, NULL);
    }
  ok = xs_store_add_review (store, activity_id, &review, error) &&
       xs_audit_record (store, reviewer, "review", activity->person_id, activity_id,
                        xs_status_to_string (activity->status), new_text, error);
  if (ok && activity->status == XS_STATUS_APPROVED && decision != XS_STATUS_APPROVED)
    ok = xs_records_reopen_round (store, rules, activity->person_id, activity_id, reviewer, error);
  return finish_transaction (store, ok, error);
}

/* Evidence is a JPEG, PNG, TIFF or PDF, known by its content, never its name. It is read once
 * (no link, one name), must be within the caps and an image must decode completely; the bytes
 * checked are the bytes stored. */
static GBytes *
read_and_check_scan (const char *path, const char *name, GError **error)
{
  g_autoptr (GError) scan_error = NULL;
  g_autoptr (GBytes) bytes = xs_evidence_read (AT_FDCWD, path, name, &scan_error);

  if (bytes == NULL || !xs_scan_check_decodes_guarded (bytes, name, &scan_error))
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_FILE, "%s", scan_error->message);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

/**
 * xs_records_attach_evidence:
 * @path: the scan to attach; copied into the store unchanged
 * @out_sha256: (out) (optional) (transfer full): its hash
 */
gboolean
xs_records_attach_evidence (XsStore *store, XsRules *rules, const char *activity_id,
                            const char *path, const char *material, const char *actor,
                            char **out_sha256, GError **error)
{
  g_autoptr (XsActivity) activity = NULL;
  g_autoptr (XsBlobStore) blobs = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *name = NULL;
  g_autofree char *audit_text = NULL;
  XsEvidence evidence = { 0 };
  gint64 size = 0;
  gboolean ok;

  if (xs_rules_get_material_name (rules, material) == NULL)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID,
                   _ ("Unknown material type “%s”"), material);
      return FALSE;
    }
  activity = xs_store_get_activity (store, activity_id, &local_error);
  if (activity == NULL)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NOT_FOUND, "%s", local_error->message);
      return FALSE;
    }
  name = g_path_get_basename (path);
  if (!check_single_line (name, _ ("file name"), error) ||
      !check_length (name, XS_RECORDS_MAX_SHORT_TEXT, _ ("file name"), error))
    return FALSE;
  bytes = read_and_check_scan (path, name, error);
  if (bytes == NULL)
    return FALSE;

  blobs = xs_blob_store_new (xs_store_get_evidence_dir (store));
  if (!xs_store_begin (store, error))
    return FALSE;
  if (!xs_blob_store_put_bytes (blobs, bytes, name, NULL, &sha256, &size, NULL, &local_error))
    {
      xs_store_rollback (store);
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_FILE, "%s", local_error->message);
      return FALSE;
    }

  audit_text = g_strdup_printf ("%s %s %s", material, sha256, name);
  evidence.material = (char *)material;
  evidence.sha256 = sha256;
  evidence.file_name = name;
  evidence.size = size;
  ok = xs_store_add_evidence (store, activity_id, &evidence, error) &&
       xs_audit_record (store, actor, "evidence-add", activity->person_id, activity_id, NULL,
                        audit_text, error);
  if (!finish_transaction (store, ok, error))
    {
      xs_blob_store_discard_new (blobs);
      return FALSE;
    }
  xs_blob_store_keep_new (blobs);
  if (out_sha256 != NULL)
    *out_sha256 = g_steal_pointer (&sha256);
  return TRUE;
}

gboolean
xs_records_detach_evidence (XsStore *store, const char *activity_id, const char *sha256,
                            const char *material, const char *actor, GError **error)
{
  g_autoptr (XsActivity) activity = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *old_text = NULL;
  gboolean ok;

  activity = xs_store_get_activity (store, activity_id, &local_error);
  if (activity == NULL)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NOT_FOUND, "%s", local_error->message);
      return FALSE;
    }
  old_text = g_strdup_printf ("%s %s", material, sha256);

  if (!xs_store_begin (store, error))
    return FALSE;
  ok = xs_store_remove_evidence (store, activity_id, sha256, material, error) &&
       xs_audit_record (store, actor, "evidence-remove", activity->person_id, activity_id, old_text,
                        NULL, error);
  return finish_transaction (store, ok, error);
}

gboolean
xs_records_retag_evidence (XsStore *store, XsRules *rules, const char *activity_id,
                           const char *sha256, const char *old_material, const char *new_material,
                           const char *actor, GError **error)
{
  g_autoptr (XsActivity) activity = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  gboolean ok;

  if (xs_rules_get_material_name (rules, new_material) == NULL)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID,
                   _ ("Unknown material type “%s”"), new_material);
      return FALSE;
    }
  activity = xs_store_get_activity (store, activity_id, &local_error);
  if (activity == NULL)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NOT_FOUND, "%s", local_error->message);
      return FALSE;
    }
  old_text = g_strdup_printf ("%s %s", old_material, sha256);
  new_text = g_strdup_printf ("%s %s", new_material, sha256);

  if (!xs_store_begin (store, error))
    return FALSE;
  ok = xs_store_retag_evidence (store, activity_id, sha256, old_material, new_material, error) &&
       xs_audit_record (store, actor, "evidence-tag", activity->person_id, activity_id, old_text,
                        new_text, error);
  return finish_transaction (store, ok, error);
}

/**
 * xs_records_dup_evidence_path:
 *
 * Returns: (transfer full) (nullable): the stored file of @sha256
 */
char *
xs_records_dup_evidence_path (XsStore *store, const char *sha256)
{
  g_autoptr (XsBlobStore) blobs = xs_blob_store_new (xs_store_get_evidence_dir (store));
  g_autoptr (GError) error = NULL;

  /* A shared database's file is brought into the local cache first; one that cannot be
   * fetched is reported as missing, as a lost local file is. */
  if (!xs_store_fetch_evidence (store, sha256, &error))
    g_debug ("%s", error->message);
  return xs_blob_store_dup_path (blobs, sha256);
}
