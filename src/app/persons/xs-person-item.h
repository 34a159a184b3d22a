/* xs-person-item.h — one person in the sidebar list: identity and how their span stands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-core.h"

G_BEGIN_DECLS

typedef enum
{
  XS_PERSON_STATE_COMPLIANT,
  XS_PERSON_STATE_AWAITING_REVIEW,
  XS_PERSON_STATE_NON_COMPLIANT,
} XsPersonState;

#define XS_TYPE_PERSON_ITEM (xs_person_item_get_type ())
G_DECLARE_FINAL_TYPE (XsPersonItem, xs_person_item, XS, PERSON_ITEM, GObject)

XsPersonItem *xs_person_item_new (const XsPersonSummary *summary, const char *unit_name);
void xs_person_item_update (XsPersonItem *self, const XsPersonSummary *summary);
XsPerson *xs_person_item_get_person (XsPersonItem *self);
const char *xs_person_item_get_person_id (XsPersonItem *self);
const char *xs_person_item_get_name (XsPersonItem *self);
const char *xs_person_item_get_unit_name (XsPersonItem *self);
XsPersonState xs_person_item_get_state (XsPersonItem *self);

XsPersonState xs_person_summary_get_state (const XsPersonSummary *summary);

G_END_DECLS
