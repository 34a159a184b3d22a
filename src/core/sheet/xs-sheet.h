/* xs-sheet.h — the confirmation sheet 《湖南省专业技术人员继续教育学时认定单》 as PDF.
 *
 * XsSheet is what one sheet certifies: the person, their unit, the hours report and the
 * verification code. XsSheetRenderer lays sheets out with Pango and draws them with Cairo;
 * it is made once (fonts found and checked) and renders many. XsSheetPdf is one PDF file,
 * holding one sheet or a whole unit's, written under a temporary name and renamed into place
 * only when complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "xs-activity.h"
#include "xs-hours.h"
#include "xs-round.h"
#include "xs-rules.h"
#include "xs-store.h"

G_BEGIN_DECLS

#define XS_SHEET_ERROR (xs_sheet_error_quark ())

typedef enum
{
  XS_SHEET_ERROR_FONT,  /* no installed font covers Chinese */
  XS_SHEET_ERROR_GLYPH, /* a text holds a character no installed font can show */
  XS_SHEET_ERROR_CHAIN, /* the rule file has no filing chain for the unit's category */
  XS_SHEET_ERROR_TIME,  /* SOURCE_DATE_EPOCH is not a time */
  XS_SHEET_ERROR_WRITE,
  XS_SHEET_ERROR_RENDER,
} XsSheetError;

GQuark xs_sheet_error_quark (void);

typedef struct _XsSheet XsSheet;

#define XS_TYPE_SHEET (xs_sheet_get_type ())
GType xs_sheet_get_type (void);

XsSheet *xs_sheet_new (XsRules *rules, XsUnit *unit, XsPerson *person, GPtrArray *activities);
XsSheet *xs_sheet_new_from_store (XsStore *store, XsRules *rules, const char *person_id,
                                  GError **error);
XsSheet *xs_sheet_ref (XsSheet *sheet);
void xs_sheet_unref (XsSheet *sheet);
XsRules *xs_sheet_get_rules (XsSheet *sheet);
XsPerson *xs_sheet_get_person (XsSheet *sheet);
XsUnit *xs_sheet_get_unit (XsSheet *sheet);
const XsHoursReport *xs_sheet_get_report (XsSheet *sheet);
const char *xs_sheet_get_code (XsSheet *sheet);
guint xs_sheet_get_pending (XsSheet *sheet);
char *xs_sheet_dup_file_name (XsSheet *sheet);
char *xs_sheet_file_name_for_person (const XsPerson *p);
void xs_sheet_set_round (XsSheet *sheet, XsRound *round);
const XsRound *xs_sheet_get_round (XsSheet *sheet);
gboolean xs_sheet_is_draft (XsSheet *sheet);

GDateTime *xs_sheet_dup_generation_time (GError **error);

#define XS_TYPE_SHEET_RENDERER (xs_sheet_renderer_get_type ())
G_DECLARE_FINAL_TYPE (XsSheetRenderer, xs_sheet_renderer, XS, SHEET_RENDERER, GObject)

XsSheetRenderer *xs_sheet_renderer_new (GError **error);
GDateTime *xs_sheet_renderer_get_time (XsSheetRenderer *self);
void xs_sheet_renderer_set_time (XsSheetRenderer *self, GDateTime *time);
const char *xs_sheet_renderer_get_operator (XsSheetRenderer *self);
void xs_sheet_renderer_set_operator (XsSheetRenderer *self, const char *operator_name);
gboolean xs_sheet_renderer_get_draft (XsSheetRenderer *self);
void xs_sheet_renderer_set_draft (XsSheetRenderer *self, gboolean draft);
const char *xs_sheet_renderer_get_font_family (XsSheetRenderer *self);
guint xs_sheet_renderer_count_pages (XsSheetRenderer *self, XsSheet *sheet, GError **error);
gboolean xs_sheet_renderer_draw_page (XsSheetRenderer *self, XsSheet *sheet, cairo_t *cr,
                                      guint page, GError **error);
GBytes *xs_sheet_renderer_render (XsSheetRenderer *self, XsSheet *sheet, GError **error);

typedef struct _XsSheetPdf XsSheetPdf;

XsSheetPdf *xs_sheet_pdf_new (XsSheetRenderer *renderer, const char *path, GError **error);
XsSheetPdf *xs_sheet_pdf_new_staged (XsSheetRenderer *renderer, const char *path,
                                     const char *staging, GError **error);
gboolean xs_sheet_pdf_add (XsSheetPdf *pdf, XsSheet *sheet, GError **error);
gboolean xs_sheet_pdf_finish (XsSheetPdf *pdf, GError **error);
gboolean xs_sheet_pdf_commit (XsSheetPdf *pdf, GError **error);
const char *xs_sheet_pdf_get_path (XsSheetPdf *pdf);
guint xs_sheet_pdf_get_pages (XsSheetPdf *pdf);
void xs_sheet_pdf_free (XsSheetPdf *pdf);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsSheet, xs_sheet_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsSheetPdf, xs_sheet_pdf_free)

G_END_DECLS
