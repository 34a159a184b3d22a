/* xs-store.h — where the records live: one interface, so another backend can stand behind it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xs-activity.h"
#include "xs-year-accumulator.h"

G_BEGIN_DECLS

#define XS_STORE_ERROR (xs_store_error_quark ())

typedef enum
{
  XS_STORE_ERROR_OPEN,
  XS_STORE_ERROR_VERSION,
  XS_STORE_ERROR_FAILED,
  XS_STORE_ERROR_NOT_FOUND,
  XS_STORE_ERROR_CONFLICT,
  XS_STORE_ERROR_BUSY,
  XS_STORE_ERROR_STALE, /* the record changed since the caller read it */
} XsStoreError;

GQuark xs_store_error_quark (void);

/* One row of the unit-wide aggregate: a person's stored credits in one year and status. */
typedef struct
{
  const char *person_id;
  guint year;
  XsStatus status;
  gint64 public_tenths;
  gint64 professional_tenths;
  gboolean replaces_year; /* certified years, kept apart: they replace the year's others */
  guint activities;
} XsYearTotal;

typedef gboolean (*XsYearTotalFunc) (const XsYearTotal *total, gpointer user_data);
typedef gboolean (*XsDeemedFunc) (const char *person_id, XsStatus status, guint from, guint to,
                                  gpointer user_data);
typedef gboolean (*XsActivityFunc) (XsActivity *activity, gpointer user_data);

/* One audit entry as handed to the store; the store numbers, times and chains it. */
typedef struct
{
  const char *actor;
  const char *action;
  const char *person_id;
  const char *target;
  const char *old_value;
  const char *new_value;
} XsAuditRecord;

typedef gboolean (*XsAuditRowFunc) (gint64 seq, const char *at, const XsAuditRecord *record,
                                    const char *prev_hash, const char *hash, gpointer user_data);
typedef gboolean (*XsProblemFunc) (const char *problem, gpointer user_data);

/* One decision on a person's verification round (xs-round.h says what they mean). */
typedef struct
{
  char *person_id;
  guint year;
  char *stage;    /* the chain step's role: employer, supervisor, filing */
  char *decision; /* passed, returned, reopened */
  char *reviewer;
  char *date;     /* ISO date */
  char *opinion;  /* nullable; the reason of a return */
  char *override; /* nullable; why a failing span passed the first stage */
} XsRoundEvent;

void xs_round_event_free (XsRoundEvent *event);

typedef struct
{
  gint64 persons;
  gint64 units;
  gint64 activities;
  gint64 evidence;
} XsStoreCounts;

#define XS_TYPE_STORE (xs_store_get_type ())
G_DECLARE_INTERFACE (XsStore, xs_store, XS, STORE, GObject)

/* An evidence file where it is used: the activity, its person, the file. */
typedef struct
{
  char *activity_id;
  char *person_id;
  char *sha256;
} XsEvidenceUse;

void xs_evidence_use_free (XsEvidenceUse *use);

struct _XsStoreInterface
{
  GTypeInterface parent_iface;

  gboolean (*begin) (XsStore *self, GError **error);
  gboolean (*commit) (XsStore *self, GError **error);
  void (*rollback) (XsStore *self);

  gboolean (*put_unit) (XsStore *self, const XsUnit *unit, GError **error);
  gboolean (*replace_person) (XsStore *self, const XsPerson *person, GError **error);
  gboolean (*put_person) (XsStore *self, const XsPerson *person, GError **error);
  gboolean (*add_activity) (XsStore *self, const XsActivity *activity, const XsStoredCredit *credit,
                            GError **error);
  char *(*dup_activity_owner) (XsStore *self, const char *activity_id, GError **error);

  XsUnit *(*get_unit) (XsStore *self, const char *id, GError **error);
  GPtrArray *(*list_units) (XsStore *self, GError **error);
  gboolean (*add_round_event) (XsStore *self, const XsRoundEvent *event, GError **error);
  GPtrArray *(*list_round_events) (XsStore *self, const char *person_id, guint year,
                                   GError **error);
  XsPerson *(*get_person) (XsStore *self, const char *id, GError **error);
  GPtrArray *(*list_persons) (XsStore *self, GError **error);
  GPtrArray *(*list_activities) (XsStore *self, const char *person_id, GError **error);
  gboolean (*get_counts) (XsStore *self, XsStoreCounts *counts, GError **error);
  GFile *(*get_evidence_dir) (XsStore *self);

  gboolean (*foreach_year_total) (XsStore *self, XsYearTotalFunc func, gpointer user_data,
                                  GError **error);
  gboolean (*foreach_deemed) (XsStore *self, XsDeemedFunc func, gpointer user_data, GError **error);
  gboolean (*foreach_activity) (XsStore *self, XsActivityFunc func, gpointer user_data,
                                GError **error);
  gboolean (*update_credit) (XsStore *self, const char *activity_id, const XsStoredCredit *credit,
                             GError **error);
  char *(*dup_meta) (XsStore *self, const char *key, GError **error);
  gboolean (*set_meta) (XsStore *self, const char *key, const char *value, GError **error);

  XsActivity *(*get_activity) (XsStore *self, const char *id, GError **error);
  gboolean (*update_activity) (XsStore *self, const XsActivity *activity,
                               const XsStoredCredit *credit, GError **error);
  gboolean (*delete_activity) (XsStore *self, const char *id, GError **error);
  gboolean (*delete_person) (XsStore *self, const char *id, GError **error);
  gboolean (*add_evidence) (XsStore *self, const char *activity_id, const XsEvidence *evidence,
                            GError **error);
  gboolean (*remove_evidence) (XsStore *self, const char *activity_id, const char *sha256,
                               const char *material, GError **error);
  gboolean (*retag_evidence) (XsStore *self, const char *activity_id, const char *sha256,
                              const char *old_material, const char *new_material, GError **error);
  gboolean (*add_review) (XsStore *self, const char *activity_id, const XsReview *review,
                          GError **error);
  gboolean (*append_audit) (XsStore *self, const XsAuditRecord *record, GError **error);
  gboolean (*foreach_audit) (XsStore *self, const char *person_id, XsAuditRowFunc func,
                             gpointer user_data, GError **error);
  GHashTable *(*dup_referenced_blobs) (XsStore *self, GError **error);
  gboolean (*check_integrity) (XsStore *self, XsProblemFunc func, gpointer user_data,
                               GError **error);
  /* Optional: a store that keeps its evidence elsewhere (PostgreSQL) brings a file into
   * get_evidence_dir() before it is read. */
  gboolean (*fetch_evidence) (XsStore *self, const char *sha256, GError **error);
  /* Writes an entry exactly as another store holds it (seq, time and hashes kept), so a
   * copied database carries the same chain. Only xs_records_copy() calls it. */
  /* The text read from an evidence file (xs-ocr), kept beside it: a cache of what the file
   * says, made again whenever it is missing; never part of the records. */
  gboolean (*put_evidence_text) (XsStore *self, const char *sha256, const char *text,
                                 const char *fields, const char *certificate_number,
                                 GError **error);
  char *(*dup_evidence_text) (XsStore *self, const char *sha256, char **out_fields, GError **error);
  /* Where a file is used (@sha256), or a file whose text has @certificate_number. */
  GPtrArray *(*list_evidence_uses) (XsStore *self, const char *sha256,
                                    const char *certificate_number, GError **error);
  /* The persons any of whose evidence texts holds @words. */
  GPtrArray *(*search_evidence_text) (XsStore *self, const char *words, GError **error);
  GPtrArray *(*list_unread_evidence) (XsStore *self, guint limit, GError **error);
  gboolean (*copy_audit_entry) (XsStore *self, gint64 seq, const char *at,
                                const XsAuditRecord *record, const char *prev_hash,
                                const char *hash, GError **error);
};

/* For the backends: an update that found the row at another version than the caller read. */
gboolean xs_store_set_stale_error (GError **error, const char *id);

gboolean xs_store_begin (XsStore *self, GError **error);
gboolean xs_store_commit (XsStore *self, GError **error);
void xs_store_rollback (XsStore *self);
gboolean xs_store_put_unit (XsStore *self, const XsUnit *unit, GError **error);
gboolean xs_store_replace_person (XsStore *self, const XsPerson *person, GError **error);
gboolean xs_store_put_person (XsStore *self, const XsPerson *person, GError **error);
gboolean xs_store_add_activity (XsStore *self, const XsActivity *activity,
                                const XsStoredCredit *credit, GError **error);
char *xs_store_dup_activity_owner (XsStore *self, const char *activity_id, GError **error);
XsUnit *xs_store_get_unit (XsStore *self, const char *id, GError **error);
GPtrArray *xs_store_list_units (XsStore *self, GError **error);
gboolean xs_store_add_round_event (XsStore *self, const XsRoundEvent *event, GError **error);
GPtrArray *xs_store_list_round_events (XsStore *self, const char *person_id, guint year,
                                       GError **error);
XsPerson *xs_store_get_person (XsStore *self, const char *id, GError **error);
GPtrArray *xs_store_list_persons (XsStore *self, GError **error);
GPtrArray *xs_store_list_activities (XsStore *self, const char *person_id, GError **error);
gboolean xs_store_get_counts (XsStore *self, XsStoreCounts *counts, GError **error);
GFile *xs_store_get_evidence_dir (XsStore *self);
gboolean xs_store_foreach_year_total (XsStore *self, XsYearTotalFunc func, gpointer user_data,
                                      GError **error);
gboolean xs_store_foreach_deemed (XsStore *self, XsDeemedFunc func, gpointer user_data,
                                  GError **error);
gboolean xs_store_foreach_activity (XsStore *self, XsActivityFunc func, gpointer user_data,
                                    GError **error);
gboolean xs_store_update_credit (XsStore *self, const char *activity_id,
                                 const XsStoredCredit *credit, GError **error);
char *xs_store_dup_meta (XsStore *self, const char *key, GError **error);
gboolean xs_store_set_meta (XsStore *self, const char *key, const char *value, GError **error);
XsActivity *xs_store_get_activity (XsStore *self, const char *id, GError **error);
gboolean xs_store_update_activity (XsStore *self, const XsActivity *activity,
                                   const XsStoredCredit *credit, GError **error);
gboolean xs_store_delete_activity (XsStore *self, const char *id, GError **error);
gboolean xs_store_delete_person (XsStore *self, const char *id, GError **error);
gboolean xs_store_add_evidence (XsStore *self, const char *activity_id, const XsEvidence *evidence,
                                GError **error);
gboolean xs_store_remove_evidence (XsStore *self, const char *activity_id, const char *sha256,
                                   const char *material, GError **error);
gboolean xs_store_retag_evidence (XsStore *self, const char *activity_id, const char *sha256,
                                  const char *old_material, const char *new_material,
                                  GError **error);
gboolean xs_store_add_review (XsStore *self, const char *activity_id, const XsReview *review,
                              GError **error);
gboolean xs_store_append_audit (XsStore *self, const XsAuditRecord *record, GError **error);
gboolean xs_store_foreach_audit (XsStore *self, const char *person_id, XsAuditRowFunc func,
                                 gpointer user_data, GError **error);
GHashTable *xs_store_dup_referenced_blobs (XsStore *self, GError **error);
gboolean xs_store_put_evidence_text (XsStore *self, const char *sha256, const char *text,
                                     const char *fields, const char *certificate_number,
                                     GError **error);
char *xs_store_dup_evidence_text (XsStore *self, const char *sha256, char **out_fields,
                                  GError **error);
GPtrArray *xs_store_list_evidence_uses (XsStore *self, const char *sha256,
                                        const char *certificate_number, GError **error);
GPtrArray *xs_store_search_evidence_text (XsStore *self, const char *words, GError **error);
GPtrArray *xs_store_list_unread_evidence (XsStore *self, guint limit, GError **error);
gboolean xs_store_check_integrity (XsStore *self, XsProblemFunc func, gpointer user_data,
                                   GError **error);

gboolean xs_store_fetch_evidence (XsStore *self, const char *sha256, GError **error);
gboolean xs_store_copy_audit_entry (XsStore *self, gint64 seq, const char *at,
                                    const XsAuditRecord *record, const char *prev_hash,
                                    const char *hash, GError **error);

char *xs_store_dup_default_path (void);
XsStore *xs_store_open (const char *location, GError **error);
gboolean xs_store_location_is_shared (const char *location);

G_END_DECLS
