/* xs-evidence-check.h — whether an activity's materials satisfy its kind's requirement.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-activity.h"
#include "xs-rules.h"

G_BEGIN_DECLS

typedef struct
{
  gboolean satisfied;
  /* The smallest set of items still missing, each "a|b|c" when any of several would do. */
  GPtrArray *missing;
} XsEvidenceCheck;

XsEvidenceCheck *xs_evidence_check_new (const XsKind *kind, const char *const *present);
XsEvidenceCheck *xs_evidence_check_activity (XsRules *rules, const XsActivity *activity);
void xs_evidence_check_free (XsEvidenceCheck *check);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsEvidenceCheck, xs_evidence_check_free)

G_END_DECLS
