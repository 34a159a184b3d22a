/* xs-sheet-private.h — the sheet's insides, shared by its stages.
 *
 * A sheet is rendered in three steps. Build: every cell's text is set into a Pango layout
 * (shaped once) and the page's content becomes a list of blocks — table rows and free text —
 * with their heights. Paginate: the blocks are placed on pages, a table's header repeated
 * when it continues. Draw: each page's blocks, rules, footer and, for drafts, the watermark.
 * Knowing the page count before drawing is what lets the footer say 第 1 页 共 N 页.
 *
 * Output is deterministic: no random ids, dates from the generation time only, and layout
 * with unhinted metrics so the same data and time give the same bytes.
 *
 * The stages, one file each: xs-sheet.c (what a sheet certifies), xs-sheet-text.c (layouts
 * and their measures), xs-sheet-model.c (the blocks of one rendering), xs-sheet-build.c,
 * xs-sheet-paginate.c, xs-sheet-draw.c, xs-sheet-renderer.c (fonts, settings) and
 * xs-sheet-pdf.c (the file).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

#include "xs-qr.h"
#include "xs-sheet-layout.h"
#include "xs-sheet.h"

struct _XsSheet
{
  gatomicrefcount ref_count;
  XsRules *rules;
  XsUnit *unit;
  XsPerson *person;
  XsHoursReport *report;
  char *code;
  char *digest;
  guint pending;  /* pending activities that would count in the span */
  XsRound *round; /* nullable: the verification round, printed in the chain's boxes */
};

typedef enum
{
  STYLE_TITLE,
  STYLE_HEADING,
  STYLE_LABEL,
  STYLE_BODY,
  STYLE_FIGURE,
  STYLE_FIGURE_BOLD,
  STYLE_VERDICT,
  STYLE_SMALL,
  STYLE_SMALL_BOLD,
  STYLE_SMALL_FIGURE,
  STYLE_FOOTER,
  STYLE_WATERMARK,
  N_STYLES
} Style;

struct _XsSheetRenderer
{
  GObject parent_instance;

  const XsSheetLayout *layout;
  PangoFontMap *font_map;
  PangoContext *context;
  PangoFontDescription *fonts[N_STYLES];
  GPtrArray *free_layouts; /* PangoLayout, reused from sheet to sheet */
  /* (style, alignment, width, text) → PangoLayout, see xs_sheet_cell_layout() */
  GHashTable *cell_layouts;
  char *family; /* the serif family actually found */

  GDateTime *time;
  char *operator_name;
  gboolean draft;
};

typedef enum
{
  ALIGN_START,
  ALIGN_CENTER,
  ALIGN_END,
  ALIGN_DECIMAL, /* figures: decimal points in a line, the column's figures centred */
} Align;

typedef struct
{
  double x; /* from the left margin */
  double w;
  PangoLayout *layout;      /* borrowed from the model's layouts; NULL for an empty cell */
  PangoLayout *bottom;      /* seal and date lines, at the bottom right; NULL mostly */
  PangoLayout *bottom_left; /* the signer, level with the first bottom line */
  Align align;
  gboolean top;   /* text at the top of the cell instead of the middle */
  gboolean shade; /* header grey */
  double anchor;  /* ALIGN_DECIMAL: where the decimal point goes, from the cell's left */
  XsQr *qr;       /* borrowed */
} Cell;

typedef struct _Block Block;
struct _Block
{
  double height;
  double space_before;
  GArray *cells;     /* Cell */
  guint table;       /* 0: free text, no rules; else the table it belongs to */
  double min_height; /* > 0: may shrink to this to stay on the page (signature boxes) */
  gboolean keep_with_next;
  gboolean page_break_before;
  Block *repeat[2]; /* rows to repeat above this one on a new page */
};

typedef struct
{
  Block *block;
  guint page;
  double y;
} Placement;

typedef struct
{
  XsSheetRenderer *self;
  XsSheet *sheet;
  char *serial;
  GPtrArray *blocks;  /* Block, owned, everything built */
  GPtrArray *flow;    /* Block, borrowed, in reading order */
  GArray *placements; /* Placement */
  GPtrArray *layouts; /* PangoLayout, owned, handed back to the renderer at the end */
  XsQr *qr;
  guint pages;
  gboolean draft; /* the renderer's setting, or a round whose first stage has not passed */
  GError *error;  /* the first failure while building */
} Model;

/* xs-sheet-text.c */
PangoLayout *xs_sheet_take_layout (Model *m, Style style, const char *text, double width,
                                   PangoAlignment align);
PangoLayout *xs_sheet_cell_layout (Model *m, Style style, const char *text, double width,
                                   PangoAlignment align);
void xs_sheet_give_back_layouts (Model *m);
double xs_sheet_text_height (PangoLayout *layout);
double xs_sheet_text_width (PangoLayout *layout);
double xs_sheet_decimal_x (PangoLayout *layout);
char *xs_sheet_format_tenths (gint64 tenths);
char *xs_sheet_format_uint (guint value);
const char *xs_sheet_or_blank (const char *text);
char *xs_sheet_format_time (const XsSheetLayout *l, GDateTime *time);

/* xs-sheet-model.c */
Block *xs_sheet_add_block (Model *m, guint table, gboolean in_flow);
double xs_sheet_content_width (Model *m);
void xs_sheet_columns (Model *m, const double *fractions, guint n, double *x, double *w);
Cell *xs_sheet_add_cell (Model *m, Block *block, double x, double w, Style style, const char *text,
                         Align align);
void xs_sheet_fit_height (Model *m, Block *block, double min);
void xs_sheet_align_figures (Model *m, guint first);
Model *xs_sheet_model_new (XsSheetRenderer *self, XsSheet *sheet, GError **error);
void xs_sheet_model_free (Model *m);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Model, xs_sheet_model_free)

/* xs-sheet-build.c: the blocks in reading order; failures in m->error */
void xs_sheet_build (Model *m);

/* xs-sheet-paginate.c: m->placements and m->pages */
void xs_sheet_paginate (Model *m);

/* xs-sheet-draw.c: @page is 1-based */
void xs_sheet_draw_page (Model *m, cairo_t *cr, guint page);
