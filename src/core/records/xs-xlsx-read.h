/* xs-xlsx-read.h — the cells of an Excel workbook (.xlsx), for the roster and the activity
 * template: libgsf opens the zip container, libxml2's reader walks each part.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define XS_XLSX_READ_ERROR (xs_xlsx_read_error_quark ())

typedef enum
{
  XS_XLSX_READ_ERROR_NOT_A_WORKBOOK, /* not a zip, or no workbook inside */
  XS_XLSX_READ_ERROR_TOO_LARGE,      /* a part, a cell, the rows or the columns over their caps */
  XS_XLSX_READ_ERROR_DAMAGED,        /* a part that is not the XML it should be */
} XsXlsxReadError;

GQuark xs_xlsx_read_error_quark (void);

/* Caps: a part of the workbook once unpacked, one cell's text (Excel's own limit), columns. */
#ifndef XS_XLSX_MAX_PART_BYTES /* the fuzz build lowers it (tests/fuzz/meson.build) */
#define XS_XLSX_MAX_PART_BYTES (256 * 1024 * 1024)
#endif
#define XS_XLSX_MAX_CELL_CHARS 32767
#define XS_XLSX_MAX_COLUMNS 256

typedef struct
{
  guint number;     /* the row number Excel shows */
  GPtrArray *cells; /* char *, trimmed; "" for an empty cell; as many as the last filled one */
  GArray *numeric;  /* gboolean per cell: Excel stored a number (or a date), not text */
} XsXlsxRow;

typedef struct
{
  char *name;      /* as on the sheet's tab */
  GPtrArray *rows; /* XsXlsxRow, by number, as written: a row may have no cells */
} XsXlsxSheet;

gboolean xs_xlsx_looks_like (const guint8 *data, gsize len);
GPtrArray *xs_xlsx_read (GBytes *bytes, const char *name, guint max_rows, GError **error);
const char *xs_xlsx_row_cell (const XsXlsxRow *row, guint column);
gboolean xs_xlsx_row_is_numeric (const XsXlsxRow *row, guint column);
gboolean xs_xlsx_serial_to_date (const char *serial, GDate *out);
void xs_xlsx_sheet_free (XsXlsxSheet *sheet);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsXlsxSheet, xs_xlsx_sheet_free)

G_END_DECLS
