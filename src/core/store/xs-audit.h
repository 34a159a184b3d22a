/* xs-audit.h — the append-only audit trail, each entry chained to the one before by SHA-256.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 seq;
  char *at; /* ISO 8601 with offset, e.g. 2026-06-01T09:30:00+08:00 */
  char *actor;
  char *
      action; /* create, change, delete, review, evidence-add, evidence-remove, evidence-tag, import, roster */
  char *person_id; /* nullable */
  char *target;    /* activity id, person id, file name… */
  char *old_value; /* nullable, short text */
  char *new_value; /* nullable */
  char *prev_hash;
  char *hash;
} XsAuditEntry;

/* The hash the first entry chains to. */
#define XS_AUDIT_FIRST_HASH "0000000000000000000000000000000000000000000000000000000000000000"

void xs_audit_entry_free (XsAuditEntry *entry);
char *xs_audit_compute_hash (gint64 seq, const char *at, const XsAuditRecord *record,
                             const char *prev_hash);
gboolean xs_audit_record (XsStore *store, const char *actor, const char *action,
                          const char *person_id, const char *target, const char *old_value,
                          const char *new_value, GError **error);

GPtrArray *xs_audit_list (XsStore *store, const char *person_id, GError **error);
gboolean xs_audit_verify (XsStore *store, gint64 *out_first_bad_seq, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsAuditEntry, xs_audit_entry_free)

G_END_DECLS
