/* xs-records-persons.h — units and persons as files bring them, through the one writer.
 *
 * The exchange import and the roster write persons here, inside the transaction they hold
 * for the whole file, and every person they touch gets an audit entry saying what changed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-records.h"

G_BEGIN_DECLS

typedef enum
{
  XS_PERSON_ADDED,
  XS_PERSON_REPLACED, /* something differs: fields or activities */
  XS_PERSON_UNCHANGED,
} XsPersonChange;

/* What a file changes about one person, for the audit trail and for a preview. */
typedef struct
{
  XsPersonChange change;
  char *person_id;
  char *name;
  GPtrArray *fields;  /* char *: field, old value, new value, … ("" for none) */
  GPtrArray *added;   /* char *: activity ids, in file order */
  GPtrArray *changed; /* char *: activity ids whose fields, evidence or reviews differ */
  GPtrArray *removed; /* char *: activity ids, sorted */
} XsPersonDiff;

void xs_person_diff_free (XsPersonDiff *diff);
char *xs_person_diff_format (const XsPersonDiff *diff);

/* Adds or updates a unit; a unit that differs from the stored one is audited. */
gboolean xs_records_put_unit (XsStore *store, const XsUnit *unit, const char *actor,
                              GError **error);

/* A person replaced whole by an exchange file: begin (the person's old activities are
 * remembered and removed), add each activity, finish (the audit entry says added, replaced
 * with what differs, or unchanged). The caller holds the transaction. */
typedef struct _XsPersonReplacement XsPersonReplacement;

XsPersonReplacement *xs_records_replace_person_begin (XsStore *store, XsRules *rules,
                                                      const XsPerson *person, GError **error);
gboolean xs_records_replace_person_add (XsPersonReplacement *replacement,
                                        const XsActivity *activity, GError **error);
gboolean xs_records_replace_person_finish (XsPersonReplacement *replacement, const char *actor,
                                           const char *source, XsPersonDiff **out_diff,
                                           GError **error);
void xs_records_replace_person_free (XsPersonReplacement *replacement);

/* A roster row: the person's own fields are added or updated, their activities kept. A
 * changed or new person is audited with the fields that differ. The caller holds the
 * transaction. */
gboolean xs_records_put_person (XsStore *store, const XsPerson *person, const char *actor,
                                const char *source, XsPersonChange *out_change, GError **error);

/* A clerk's own changes to a person, checked (ID number valid and not another person's,
 * gender, unit, span, single-line texts) and audited (person-create, person-change,
 * person-delete), each in its own transaction. */
gboolean xs_records_add_person (XsStore *store, const XsPerson *person, const char *actor,
                                GError **error);
gboolean xs_records_edit_person (XsStore *store, const XsPerson *person, const char *actor,
                                 gboolean *out_changed, GError **error);
gboolean xs_records_remove_person (XsStore *store, const char *person_id, const char *actor,
                                   GError **error);

/* One line for the whole file, after its persons' own entries. */
gboolean xs_records_note_import (XsStore *store, const char *actor, const char *source,
                                 const char *summary, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsPersonDiff, xs_person_diff_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsPersonReplacement, xs_records_replace_person_free)

G_END_DECLS
