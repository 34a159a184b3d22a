/* xs-person-list.h — the persons a list shows: an XsPersonIndex filtered and searched.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-person-index.h"

G_BEGIN_DECLS

/* The filter names, as the sidebar-filter setting stores them. */
#define XS_FILTER_ALL "all"
#define XS_FILTER_NON_COMPLIANT "non-compliant"
#define XS_FILTER_AWAITING_REVIEW "awaiting-review"
#define XS_FILTER_COMPLIANT "compliant"

#define XS_TYPE_PERSON_LIST (xs_person_list_get_type ())
G_DECLARE_FINAL_TYPE (XsPersonList, xs_person_list, XS, PERSON_LIST, GObject)

XsPersonList *xs_person_list_new (XsPersonIndex *index);
const char *xs_person_list_get_filter (XsPersonList *self);
void xs_person_list_set_filter (XsPersonList *self, const char *filter);
const char *xs_person_list_get_search (XsPersonList *self);
void xs_person_list_set_search (XsPersonList *self, const char *search);
int xs_person_list_find (XsPersonList *self, const char *person_id);

guint xs_person_filter_to_position (const char *filter);
const char *xs_person_filter_from_position (guint position);

void xs_person_list_set_text_matches (XsPersonList *self, GPtrArray *person_ids);

G_END_DECLS
