/* xs-person-index.h — every person's span figures, read once off the main thread and kept
 * current as the clerk changes records; the lists and the unit overview are views of it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-person-item.h"
#include "xs-session.h"

G_BEGIN_DECLS

typedef struct
{
  guint year;
  guint compliant;    /* confirmed compliant or deemed complete */
  guint with_pending; /* not yet, but would be once what awaits review is approved */
  guint short_of;     /* not compliant even then */
} XsYearStats;

typedef struct
{
  guint persons;
  guint passed;
  guint awaiting_review; /* persons with something to review */
  guint pending_activities;
  GArray *years;            /* XsYearStats over the rules' default span */
  GHashTable *round_stages; /* stage id (interned) or "filed" → persons there */
} XsIndexStats;

#define XS_TYPE_PERSON_INDEX (xs_person_index_get_type ())
G_DECLARE_FINAL_TYPE (XsPersonIndex, xs_person_index, XS, PERSON_INDEX, GObject)

XsPersonIndex *xs_person_index_new (XsSession *session);
void xs_person_index_reload (XsPersonIndex *self);
gboolean xs_person_index_get_loaded (XsPersonIndex *self);
const GError *xs_person_index_get_error (XsPersonIndex *self);
guint xs_person_index_get_n_persons (XsPersonIndex *self);
const XsPersonSummary *xs_person_index_get_summary (XsPersonIndex *self, guint index);
gboolean xs_person_index_matches (XsPersonIndex *self, guint index, const char *needle);
XsPersonItem *xs_person_index_get_item (XsPersonIndex *self, guint index);
int xs_person_index_find (XsPersonIndex *self, const char *person_id);
const char *xs_person_index_get_unit_name (XsPersonIndex *self, const char *unit_id);
const XsIndexStats *xs_person_index_get_stats (XsPersonIndex *self);
XsSession *xs_person_index_get_session (XsPersonIndex *self);
const char *xs_person_index_get_round_stage (XsPersonIndex *self, guint index);
gboolean xs_person_index_round_not_started (XsPersonIndex *self, guint index);

G_END_DECLS
