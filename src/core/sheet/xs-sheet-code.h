/* xs-sheet-code.h — the verification code printed on a confirmation sheet, and its check.
 *
 * A code reads `XS1-P001-2021-2025-0123456789ABCDEF`: version, person id, span, and the first
 * 16 hex digits of a SHA-256 over a canonical text of what the sheet certifies (identity,
 * each year's confirmed figures, the verdict, the rule file). Short enough to type, and any
 * change to those facts changes it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-hours.h"
#include "xs-rules.h"
#include "xs-store.h"

G_BEGIN_DECLS

#define XS_SHEET_CODE_ERROR (xs_sheet_code_error_quark ())

typedef enum
{
  XS_SHEET_CODE_ERROR_MALFORMED,
  XS_SHEET_CODE_ERROR_UNKNOWN_PERSON,
  XS_SHEET_CODE_ERROR_MISMATCH,
} XsSheetCodeError;

GQuark xs_sheet_code_error_quark (void);

#define XS_SHEET_CODE_PREFIX "XS1"
#define XS_SHEET_CODE_DIGEST_LEN 16

char *xs_sheet_code_dup_canonical_text (XsRules *rules, const XsHoursReport *report);
char *xs_sheet_code_dup_digest (XsRules *rules, const XsHoursReport *report);
char *xs_sheet_code_compute (XsRules *rules, const XsHoursReport *report);
gboolean xs_sheet_code_parse (const char *code, char **person_id, guint *span_from, guint *span_to,
                              char **digest, GError **error);
XsHoursReport *xs_sheet_code_verify (XsStore *store, XsRules *rules, const char *code,
                                     GError **error);

G_END_DECLS
