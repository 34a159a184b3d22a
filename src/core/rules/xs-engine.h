/* xs-engine.h — what one activity is worth under the rules: validation and credit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-activity.h"
#include "xs-rules.h"

G_BEGIN_DECLS

#define XS_ENGINE_ERROR (xs_engine_error_quark ())

typedef enum
{
  XS_ENGINE_ERROR_UNKNOWN_KIND,
  XS_ENGINE_ERROR_UNKNOWN_PARAM,
  XS_ENGINE_ERROR_MISSING_PARAM,
  XS_ENGINE_ERROR_BAD_VALUE,
  XS_ENGINE_ERROR_DATES,
} XsEngineError;

GQuark xs_engine_error_quark (void);

typedef struct
{
  guint year; /* the year it counts in; for deemed credits the first deemed year; 0 unknown */
  XsSubject subject;
  gint64 public_tenths;
  gint64 professional_tenths;
  GArray *deemed_years;   /* guint, ascending; NULL unless deemed complete */
  gboolean replaces_year; /* a certified year whose figures replace its year's others */
  char *reason;           /* in Chinese, for the clerk and the sheet */
} XsCredit;

void xs_credit_free (XsCredit *credit);
gint64 xs_credit_get_hours (const XsCredit *credit);
gboolean xs_credit_is_deemed (const XsCredit *credit);

gboolean xs_engine_validate (XsRules *rules, const XsActivity *activity, GError **error);
XsCredit *xs_engine_compute (XsRules *rules, const XsActivity *activity);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsCredit, xs_credit_free)

G_END_DECLS
