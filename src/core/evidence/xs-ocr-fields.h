/* xs-ocr-fields.h — what a certificate says, found in its text: kind, name, ID number,
 * certificate number, organiser, dates, hours, year, award grade, patent rank.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-ocr.h"

G_BEGIN_DECLS

/* In the order `xueshi-cli evidence read --json` prints them. */
typedef enum
{
  XS_OCR_FIELD_NAME,
  XS_OCR_FIELD_ID_NUMBER,
  XS_OCR_FIELD_CERTIFICATE_NUMBER,
  XS_OCR_FIELD_ORGANIZER,
  XS_OCR_FIELD_START, /* ISO dates */
  XS_OCR_FIELD_END,
  XS_OCR_FIELD_HOURS, /* a number: "24", "2.5" */
  XS_OCR_FIELD_YEAR,
  XS_OCR_FIELD_GRADE, /* an award's 1, 2 or 3 (一等奖 …) */
  XS_OCR_FIELD_RANK,  /* a patent's or a work's place among its authors, from 1 */
  XS_OCR_N_FIELDS,
} XsOcrField;

typedef struct
{
  char *kind; /* a rule file's kind id (training, online-course, award, …), or NULL */
  double kind_confidence;
  char *values[XS_OCR_N_FIELDS];     /* NULL where the text did not say */
  double confidence[XS_OCR_N_FIELDS]; /* 0–1: the confidence of the line it was read from */
} XsOcrFields;

const char *xs_ocr_field_get_key (XsOcrField field);
/* Hours, year, grade and rank are numbers; the others text. */
gboolean xs_ocr_field_is_number (XsOcrField field);

/* @organizers: names to recognise as organisers (the national bases of 附件1 and the unit's
 * known organisers), NULL-terminated, or NULL. */
XsOcrFields *xs_ocr_fields_extract (const XsOcrText *text, const char *const *organizers);
void xs_ocr_fields_free (XsOcrFields *fields);

/* A date as certificates print it (2026年3月1日, 2026-03-01, 2026.3.1, 二〇二六年三月一日) at
 * the start of @text, as ISO; NULL if there is none. For tests and the cross-checks. */
char *xs_ocr_parse_date (const char *text);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsOcrFields, xs_ocr_fields_free)

G_END_DECLS
