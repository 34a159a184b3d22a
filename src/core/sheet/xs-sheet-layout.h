/* xs-sheet-layout.h — every word and measure of the confirmation sheet, in one place.
 *
 * The real provincial template has not been published; when it is, matching it means editing
 * the one table in xs-sheet-layout.c, not the renderer. Lengths are in PDF points (1/72 inch);
 * widths of table columns are fractions of the text width. Wording is Chinese (the sheet is
 * always Chinese, whatever the user's locale) and uses {name} placeholders, filled by
 * xs_sheet_layout_expand(), never printf formats.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define XS_SHEET_IDENTITY_COLUMNS 4
#define XS_SHEET_YEAR_COLUMNS 5
#define XS_SHEET_DETAIL_COLUMNS 7

typedef struct
{
  /* Page: A4 portrait. */
  double page_width;
  double page_height;
  double margin_top;
  double margin_bottom;
  double margin_left;
  double margin_right;

  /* Fonts: Pango family lists. The first must cover Chinese (checked at start). Fonts with
   * TrueType outlines come first: cairo 1.16 subsets them in proportion to the glyphs used,
   * while a CFF font such as Noto Serif CJK costs ~500 KB and half the time of every PDF. */
  const char *serif_family;
  /* Titles, labels and verdicts: a 黑体 with an upright face of its own, used at its normal
   * weight. When it is missing, the serif's bold stands in (synthesized when the serif has no
   * bold face, which FreeType makes slowly, outline by outline). */
  const char *heading_family;
  /* Figures. The serif's digits are proportional, but decimal points line up anyway; a
   * second family costs a second embedded font (and ~40 % of the rendering time). */
  const char *figure_family;
  double title_size;
  double heading_size;
  double body_size;
  double small_size;
  double footer_size;
  double verdict_size;
  double watermark_size;

  /* Rules and cells. */
  double rule_width;  /* lines between cells */
  double frame_width; /* a table's outer frame */
  double cell_pad_x;
  double cell_pad_y;
  double row_height;        /* identity and year tables, at least */
  double detail_row_height; /* activity table, at least */
  double header_shade;      /* grey of header rows, 1.0 = white */
  guint max_cell_lines;     /* longer text is cut with an ellipsis */
  double block_gap;         /* between blocks */
  double identity_columns[XS_SHEET_IDENTITY_COLUMNS];
  double year_columns[XS_SHEET_YEAR_COLUMNS];
  double detail_columns[XS_SHEET_DETAIL_COLUMNS];
  guint chain_columns;     /* signature boxes side by side, at most */
  double chain_height;     /* of one signature box */
  double chain_min_height; /* what it may shrink to, to stay on page 1 */
  double qr_module;        /* side of one QR module */
  guint qr_margin;         /* quiet zone kept white around it, in modules */
  double watermark_grey;
  double watermark_alpha;
  double watermark_angle; /* degrees, counter-clockwise */

  /* Page 1. */
  const char *title;
  const char *serial; /* {serial} */
  const char *label_name;
  const char *label_gender;
  const char *label_id_number;
  const char *label_unit;
  const char *label_current_title;
  const char *label_applying_title;
  const char *label_specialty;
  const char *label_span;
  const char *label_span_mode;
  const char *gender_male;
  const char *gender_female;
  const char *span; /* {from} {to} {years} */
  const char *span_mode_per_year;
  const char *span_mode_cumulative;
  const char *year_headers[XS_SHEET_YEAR_COLUMNS];
  const char *year_row; /* {year} */
  const char *total_row;
  const char *compliant;
  const char *not_compliant;
  const char *deemed;
  const char *total_compliant;  /* {met} {years} */
  const char *requirement_note; /* {public} {professional} {total} */
  const char *label_verdict;
  const char *verdict_passed;
  const char *verdict_failed;
  const char *verdict_all_met;     /* per-year span, passed */
  const char *verdict_years_unmet; /* {years}: 2022年、2024年 */
  const char *verdict_year_item;   /* {year} */
  const char *verdict_year_separator;
  const char *verdict_cumulative; /* {public} {professional} {min_public} {min_professional} */
  const char *pending;            /* {count} */
  const char *outside_span;       /* {count} */
  const char *chain_caption;      /* {chain} */
  const char *chain_seal;
  const char *chain_signer;
  const char *chain_date_label;  /* under the signer, at the same left edge in every chain */
  const char *chain_date;        /* right-aligned, under the seal */
  const char *chain_date_filled; /* {year} {month} {day} of a passed stage */
  const char *chain_reviewer;    /* {reviewer} of a passed stage */
  const char *chain_override;    /* {reason} a failing span passed the first stage */
  const char *code_label;        /* {code} */
  const char *generated;         /* {time} */
  const char *operator_label;    /* {operator} */
  const char *rules_label;       /* {title} {version} */
  const char *time_format;       /* {year} {month} {day} {hour} {minute} */

  /* Every page. */
  const char *footer_left; /* {serial} {name} */
  const char *page_number; /* {page} {pages} */
  const char *watermark;
  const char *draft_notice; /* before the first footer line of a draft */

  /* Detail pages. */
  const char *detail_title;
  const char *detail_person; /* {name} {id_number} {from} {to} */
  const char *detail_headers[XS_SHEET_DETAIL_COLUMNS];
  const char *detail_year; /* {year} {public} {professional} {total} {state} */
  const char *detail_continued;
  const char *detail_none;
  const char *subject_public;
  const char *subject_professional;
  const char *subject_both;
  const char *subject_none;
  const char *replaced_hours; /* an activity whose year an earlier sheet certified */
  const char *replaced;       /* {reason} */
  const char *hours_both;     /* {public} {professional} */
  const char *date_range;     /* {start} {end} */
  const char *date_year;      /* {year} */

  /* PDF document information. */
  const char *pdf_title;          /* {name} */
  const char *pdf_title_combined; /* {count} */
  const char *pdf_subject;
} XsSheetLayout;

const XsSheetLayout *xs_sheet_layout_get_default (void);

char *xs_sheet_layout_expand (const char *template, ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
