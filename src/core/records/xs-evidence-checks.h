/* xs-evidence-checks.h — what a stored scan says (read once, kept), and the reviewer's
 * cross-checks of it against the activity and the person.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-ocr-fields.h"
#include "xs-rules.h"
#include "xs-store.h"

G_BEGIN_DECLS

GPtrArray *xs_evidence_known_organizers (XsRules *rules, const char *const *extra);

/* The fields of the stored file @sha256: as kept, or read now (slow: a worker thread) and
 * kept. @text, when not NULL, gets the text read. */
XsOcrFields *xs_records_read_evidence (XsStore *store, XsRules *rules, const char *sha256,
                                       const char *organizer, GCancellable *cancellable,
                                       char **text, GError **error);

/* Called after each file: @done of @total. */
typedef void (*XsReadProgress) (guint done, guint total, gpointer user_data);

/* Reads the stored files whose text was not read yet, at most @limit (0: all), each kept as
 * it is read (stopping keeps what was read). @failed (sha256 → message, the caller's): the
 * files in it are passed over, those that cannot be read are added. @out_read: how many
 * were read. FALSE with @error only when the list cannot be had or when cancelled. */
gboolean xs_records_read_unread_evidence (XsStore *store, XsRules *rules, guint limit,
                                          GHashTable *failed, XsReadProgress progress,
                                          gpointer user_data, GCancellable *cancellable,
                                          guint *out_read, GError **error);

typedef struct
{
  char *kind;      /* name-mismatch, id-mismatch, date-mismatch, hours-mismatch, duplicate-file,
                   * duplicate-certificate */
  char *sha256;    /* the evidence file it is about */
  char *found;     /* what the scan (or the other activity) says */
  char *expected;  /* what the records say */
  char *explained; /* NULL, or the reviewer's explanation (audited) */
} XsEvidenceProblem;

void xs_evidence_problem_free (XsEvidenceProblem *problem);

/* The problems of @activity_id's evidence, each file read first if it was not; never
 * blocking: they are for the reviewer to look at. */
GPtrArray *xs_records_check_evidence (XsStore *store, XsRules *rules, const char *activity_id,
                                      GCancellable *cancellable, GError **error);

/* Marks a problem as looked at, with why it is not one (audited as "explain"). */
gboolean xs_records_explain_problem (XsStore *store, const char *activity_id, const char *kind,
                                     const char *sha256, const char *reason, const char *actor,
                                     GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsEvidenceProblem, xs_evidence_problem_free)

G_END_DECLS
