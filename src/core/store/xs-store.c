/* xs-store.c — where the records live: one interface, so another backend can stand behind it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-store.h"

/* clang-format off */
G_DEFINE_QUARK (xs-store-error-quark, xs_store_error)
/* clang-format on */
G_DEFINE_INTERFACE (XsStore, xs_store, G_TYPE_OBJECT)

static void
xs_store_default_init (XsStoreInterface *iface)
{
}

/**
 * xs_store_dup_default_path:
 *
 * The database the desktop application and the CLI share: `xueshi/xueshi.db` in the user's
 * data folder.
 *
 * Returns: (transfer full): the path
 */
char *
xs_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "xueshi", "xueshi.db", NULL);
}

gboolean
xs_store_begin (XsStore *self, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->begin (self, error);
}

gboolean
xs_store_commit (XsStore *self, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->commit (self, error);
}

void
xs_store_rollback (XsStore *self)
{
  g_return_if_fail (XS_IS_STORE (self));
  XS_STORE_GET_IFACE (self)->rollback (self);
}

gboolean
xs_store_put_unit (XsStore *self, const XsUnit *unit, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->put_unit (self, unit, error);
}

/**
 * xs_store_replace_person:
 *
 * Inserts @person, or replaces an existing person of that id together with all their
 * activities, evidence references and reviews (an exchange file carries a person whole).
 */
gboolean
xs_store_replace_person (XsStore *self, const XsPerson *person, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->replace_person (self, person, error);
}

/**
 * xs_store_put_person:
 *
 * Inserts @person or updates their identity, keeping their activities (a roster update).
 */
gboolean
xs_store_put_person (XsStore *self, const XsPerson *person, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->put_person (self, person, error);
}

gboolean
xs_store_add_activity (XsStore *self, const XsActivity *activity, const XsStoredCredit *credit,
                       GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->add_activity (self, activity, credit, error);
}

/**
 * xs_store_dup_activity_owner:
 *
 * Returns: (transfer full) (nullable): the id of the person who has @activity_id, or %NULL
 *   (with @error unset) when no one has it
 */
char *
xs_store_dup_activity_owner (XsStore *self, const char *activity_id, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->dup_activity_owner (self, activity_id, error);
}

void
xs_round_event_free (XsRoundEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->person_id);
  g_free (event->stage);
  g_free (event->decision);
  g_free (event->reviewer);
  g_free (event->date);
  g_free (event->opinion);
  g_free (event->override);
  g_free (event);
}

gboolean
xs_store_add_round_event (XsStore *self, const XsRoundEvent *event, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->add_round_event (self, event, error);
}

/**
 * xs_store_list_round_events:
 * @person_id: (nullable): one person's, or everyone's (by person, in order)
 * @year: the round's year; with @person_id, 0 gives every year's (by year, in order)
 *
 * Returns: (transfer full) (element-type XsRoundEvent): the decisions of @year's rounds
 */
GPtrArray *
xs_store_list_round_events (XsStore *self, const char *person_id, guint year, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->list_round_events (self, person_id, year, error);
}

/**
 * xs_store_list_units:
 *
 * Returns: (transfer full) (element-type XsUnit): every unit, by id
 */
GPtrArray *
xs_store_list_units (XsStore *self, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->list_units (self, error);
}

/**
 * xs_store_get_unit:
 *
 * Returns: (transfer full): the unit, or %NULL with %XS_STORE_ERROR_NOT_FOUND
 */
XsUnit *
xs_store_get_unit (XsStore *self, const char *id, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->get_unit (self, id, error);
}

/**
 * xs_store_get_person:
 *
 * Returns: (transfer full): the person, or %NULL with %XS_STORE_ERROR_NOT_FOUND
 */
XsPerson *
xs_store_get_person (XsStore *self, const char *id, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->get_person (self, id, error);
}

/**
 * xs_store_list_persons:
 *
 * Returns: (transfer full) (element-type XsPerson): every person, by id
 */
GPtrArray *
xs_store_list_persons (XsStore *self, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->list_persons (self, error);
}

/**
 * xs_store_list_activities:
 *
 * Returns: (transfer full) (element-type XsActivity): the person's activities with their
 *   evidence and reviews, in the order they were recorded
 */
GPtrArray *
xs_store_list_activities (XsStore *self, const char *person_id, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->list_activities (self, person_id, error);
}

gboolean
xs_store_get_counts (XsStore *self, XsStoreCounts *counts, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->get_counts (self, counts, error);
}

/**
 * xs_store_get_evidence_dir:
 *
 * Returns: (transfer none): the folder of the content-addressed evidence files
 */
GFile *
xs_store_get_evidence_dir (XsStore *self)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->get_evidence_dir (self);
}

/**
 * xs_store_foreach_year_total:
 * @func: called per (person, year, status) with the sums of the stored credits; return
 *   %FALSE to stop
 *
 * The unit-wide aggregate behind reports: one pass, grouped by person in id order.
 * Rejected activities are left out.
 */
gboolean
xs_store_foreach_year_total (XsStore *self, XsYearTotalFunc func, gpointer user_data,
                             GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->foreach_year_total (self, func, user_data, error);
}

/**
 * xs_store_foreach_deemed:
 *
 * Every stored deemed-complete credit (not rejected), with its years.
 */
gboolean
xs_store_foreach_deemed (XsStore *self, XsDeemedFunc func, gpointer user_data, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->foreach_deemed (self, func, user_data, error);
}

/**
 * xs_store_foreach_activity:
 *
 * Every activity, parameters included (no evidence or reviews), in storage order.
 */
gboolean
xs_store_foreach_activity (XsStore *self, XsActivityFunc func, gpointer user_data, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->foreach_activity (self, func, user_data, error);
}

gboolean
xs_store_update_credit (XsStore *self, const char *activity_id, const XsStoredCredit *credit,
                        GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->update_credit (self, activity_id, credit, error);
}

/**
 * xs_store_dup_meta:
 *
 * Returns: (transfer full) (nullable): the stored value of @key, or %NULL when unset
 */
char *
xs_store_dup_meta (XsStore *self, const char *key, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->dup_meta (self, key, error);
}

gboolean
xs_store_set_meta (XsStore *self, const char *key, const char *value, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->set_meta (self, key, value, error);
}

/**
 * xs_store_get_activity:
 *
 * Returns: (transfer full): the activity with its evidence and reviews, or %NULL with
 *   %XS_STORE_ERROR_NOT_FOUND
 */
XsActivity *
xs_store_get_activity (XsStore *self, const char *id, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->get_activity (self, id, error);
}

/**
 * xs_store_update_activity:
 *
 * Rewrites an existing activity's kind, status, title, organizer, parameters and credit.
 * Its evidence and reviews are left as they are.
 */
gboolean
xs_store_update_activity (XsStore *self, const XsActivity *activity, const XsStoredCredit *credit,
                          GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->update_activity (self, activity, credit, error);
}

gboolean
xs_store_delete_activity (XsStore *self, const char *id, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->delete_activity (self, id, error);
}

/* Deletes the person with their activities, evidence references and reviews. */
gboolean
xs_store_delete_person (XsStore *self, const char *id, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->delete_person (self, id, error);
}

gboolean
xs_store_add_evidence (XsStore *self, const char *activity_id, const XsEvidence *evidence,
                       GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->add_evidence (self, activity_id, evidence, error);
}

/* Fails with %XS_STORE_ERROR_NOT_FOUND when the activity has no such file with that tag. */
gboolean
xs_store_remove_evidence (XsStore *self, const char *activity_id, const char *sha256,
                          const char *material, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->remove_evidence (self, activity_id, sha256, material, error);
}

gboolean
xs_store_retag_evidence (XsStore *self, const char *activity_id, const char *sha256,
                         const char *old_material, const char *new_material, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->retag_evidence (self, activity_id, sha256, old_material,
                                                    new_material, error);
}

/* Appends a review and sets the activity's status to its decision. */
gboolean
xs_store_add_review (XsStore *self, const char *activity_id, const XsReview *review, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->add_review (self, activity_id, review, error);
}

/**
 * xs_store_append_audit:
 *
 * Appends an entry to the audit trail, numbered, timed and chained to the previous entry by
 * SHA-256. Call it inside the transaction of the change it records.
 */
gboolean
xs_store_append_audit (XsStore *self, const XsAuditRecord *record, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->append_audit (self, record, error);
}

/**
 * xs_store_foreach_audit:
 * @person_id: (nullable): only this person's entries, or all
 *
 * The trail in order, with each entry's stored hashes (not checked here).
 */
gboolean
xs_store_foreach_audit (XsStore *self, const char *person_id, XsAuditRowFunc func,
                        gpointer user_data, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->foreach_audit (self, person_id, func, user_data, error);
}

/**
 * xs_store_dup_referenced_blobs:
 *
 * Returns: (transfer full) (element-type utf8 utf8): every sha256 an evidence reference
 *   names, as a set
 */
GHashTable *
xs_store_dup_referenced_blobs (XsStore *self, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->dup_referenced_blobs (self, error);
}

void
xs_evidence_use_free (XsEvidenceUse *use)
{
  if (use == NULL)
    return;
  g_free (use->activity_id);
  g_free (use->person_id);
  g_free (use->sha256);
  g_free (use);
}

/**
 * xs_store_put_evidence_text:
 * @fields: the fields read, as `evidence read --json` prints them (less the text)
 * @certificate_number: (nullable): the one read, for finding it on other activities
 *
 * Keeps what was read from the file @sha256, replacing what was kept before.
 */
gboolean
xs_store_put_evidence_text (XsStore *self, const char *sha256, const char *text, const char *fields,
                            const char *certificate_number, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->put_evidence_text (self, sha256, text, fields,
                                                       certificate_number, error);
}

/**
 * xs_store_dup_evidence_text:
 *
 * Returns: (transfer full) (nullable): the text kept for @sha256, its fields in
 *   @out_fields; %NULL without @error set when none is kept
 */
char *
xs_store_dup_evidence_text (XsStore *self, const char *sha256, char **out_fields, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->dup_evidence_text (self, sha256, out_fields, error);
}

/**
 * xs_store_list_evidence_uses:
 * @sha256: (nullable): where this file is used
 * @certificate_number: (nullable): or, where a file whose text has this number is used
 *
 * Returns: (transfer full) (element-type XsEvidenceUse): by activity id
 */
GPtrArray *
xs_store_list_evidence_uses (XsStore *self, const char *sha256, const char *certificate_number,
                             GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  g_return_val_if_fail ((sha256 == NULL) != (certificate_number == NULL), NULL);
  return XS_STORE_GET_IFACE (self)->list_evidence_uses (self, sha256, certificate_number, error);
}

/**
 * xs_store_search_evidence_text:
 *
 * Returns: (transfer full) (element-type utf8): the ids of the persons any of whose evidence
 *   texts contains @words (a certificate number, an organiser), sorted
 */
GPtrArray *
xs_store_search_evidence_text (XsStore *self, const char *words, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->search_evidence_text (self, words, error);
}

/**
 * xs_store_list_unread_evidence:
 * @limit: at most this many
 *
 * Returns: (transfer full) (element-type utf8): the sha256 of evidence files in use whose
 *   text has not been read yet (none kept in evidence_text), sorted
 */
GPtrArray *
xs_store_list_unread_evidence (XsStore *self, guint limit, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), NULL);
  return XS_STORE_GET_IFACE (self)->list_unread_evidence (self, limit, error);
}

/**
 * xs_store_check_integrity:
 * @func: called once per problem found, in words
 *
 * The backend's own consistency checks (for SQLite: integrity_check, foreign_key_check).
 * Reports; never repairs.
 */
gboolean
xs_store_check_integrity (XsStore *self, XsProblemFunc func, gpointer user_data, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->check_integrity (self, func, user_data, error);
}

/**
 * xs_store_fetch_evidence:
 *
 * Makes sure the file of @sha256 is in xs_store_get_evidence_dir(), whole, before it is read.
 * A store whose files live there already (SQLite) has nothing to do.
 */
gboolean
xs_store_fetch_evidence (XsStore *self, const char *sha256, GError **error)
{
  XsStoreInterface *iface;

  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  iface = XS_STORE_GET_IFACE (self);
  return iface->fetch_evidence == NULL || iface->fetch_evidence (self, sha256, error);
}

gboolean
xs_store_copy_audit_entry (XsStore *self, gint64 seq, const char *at, const XsAuditRecord *record,
                           const char *prev_hash, const char *hash, GError **error)
{
  g_return_val_if_fail (XS_IS_STORE (self), FALSE);
  return XS_STORE_GET_IFACE (self)->copy_audit_entry (self, seq, at, record, prev_hash, hash,
                                                      error);
}

gboolean
xs_store_set_stale_error (GError **error, const char *id)
{
  g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_STALE,
               _ ("The record %s was changed by someone else after it was read"), id);
  return FALSE;
}
