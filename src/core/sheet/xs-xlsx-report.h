/* xs-xlsx-report.h — the unit report as an Excel workbook: the yearly figures and what is missing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xs-rules.h"
#include "xs-store.h"
#include "xs-unit-report.h"

G_BEGIN_DECLS

#define XS_XLSX_ERROR (xs_xlsx_error_quark ())

/**
 * XsXlsxError:
 * @XS_XLSX_ERROR_WRITE: the workbook could not be written or put in place
 * @XS_XLSX_ERROR_TOO_LARGE: more rows than a worksheet holds
 */
typedef enum
{
  XS_XLSX_ERROR_WRITE,
  XS_XLSX_ERROR_TOO_LARGE,
} XsXlsxError;

GQuark xs_xlsx_error_quark (void);

char *xs_xlsx_temp_beside (const char *path, GError **error);
gboolean xs_xlsx_put_in_place (const char *tmp, const char *path, GError **error);

gboolean xs_xlsx_report_write (const XsUnitReport *report, XsStore *store, XsRules *rules,
                               const char *path, GError **error);

G_END_DECLS
