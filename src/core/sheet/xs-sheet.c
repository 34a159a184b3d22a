/* xs-sheet.c — the confirmation sheet 《湖南省专业技术人员继续教育学时认定单》 as PDF.
 *
 * XsSheet is what one sheet certifies, gathered from the records; the renderer
 * (xs-sheet-renderer.c) turns it into pages and XsSheetPdf (xs-sheet-pdf.c) into a file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-records-round.h"
#include "xs-sheet-code.h"
#include "xs-sheet-private.h"

/* clang-format off */
G_DEFINE_QUARK (xs-sheet-error-quark, xs_sheet_error)
/* clang-format on */
G_DEFINE_BOXED_TYPE (XsSheet, xs_sheet, xs_sheet_ref, xs_sheet_unref)

/* ------------------------------------------------------------------------------------------ */
/* XsSheet                                                                                    */

/**
 * xs_sheet_new:
 * @rules: the rules in force
 * @unit: the person's unit (its category picks the filing chain)
 * @person: the person
 * @activities: (element-type XsActivity): all the person's activities
 *
 * Computes the hours report and the verification code. The sheet is immutable and may be
 * handed to another thread.
 *
 * Returns: (transfer full): the sheet
 */
XsSheet *
xs_sheet_new (XsRules *rules, XsUnit *unit, XsPerson *person, GPtrArray *activities)
{
  XsSheet *sheet;

  g_return_val_if_fail (XS_IS_RULES (rules), NULL);
  g_return_val_if_fail (unit != NULL, NULL);
  g_return_val_if_fail (person != NULL, NULL);

  sheet = g_new0 (XsSheet, 1);
  g_atomic_ref_count_init (&sheet->ref_count);
  sheet->rules = g_object_ref (rules);
  sheet->unit = xs_unit_ref (unit);
  sheet->person = xs_person_ref (person);
  sheet->report = xs_hours_report_new (rules, person, activities);
  sheet->code = xs_sheet_code_compute (rules, sheet->report);
  sheet->digest = xs_sheet_code_dup_digest (rules, sheet->report);

  for (guint i = 0; i < sheet->report->activities->len; i++)
    {
      const XsActivityResult *r = g_ptr_array_index (sheet->report->activities, i);

      if (r->activity->status == XS_STATUS_PENDING &&
          xs_credit_touches_years (r->credit, sheet->report->span_from, sheet->report->span_to))
        sheet->pending++;
    }
  return sheet;
}

/**
 * xs_sheet_new_from_store:
 * @store: the records
 * @rules: the rules in force
 * @person_id: whose sheet
 *
 * Returns: (transfer full) (nullable): the sheet, or %NULL with a store error
 */
XsSheet *
xs_sheet_new_from_store (XsStore *store, XsRules *rules, const char *person_id, GError **error)
{
  g_autoptr (XsPerson) person = NULL;
  g_autoptr (XsUnit) unit = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (XsRound) round = NULL;
  XsSheet *sheet;

  g_return_val_if_fail (XS_IS_STORE (store), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  person = xs_store_get_person (store, person_id, error);
  if (person == NULL)
    return NULL;
  unit = xs_store_get_unit (store, person->unit_id, error);
  if (unit == NULL)
    return NULL;
  activities = xs_store_list_activities (store, person->id, error);
  if (activities == NULL)
    return NULL;
  round = xs_records_get_round (store, rules, person->id, error);
  if (round == NULL)
    return NULL;
  sheet = xs_sheet_new (rules, unit, person, activities);
  xs_sheet_set_round (sheet, g_steal_pointer (&round));
  return sheet;
}

/**
 * xs_sheet_set_round:
 * @round: (transfer full) (nullable): the person's verification round
 *
 * The round's passed stages are printed in the chain's boxes (opinion, reviewer, date); until
 * its first stage passes the sheet is a draft. A sheet without a round (made from records in
 * memory, not from the store) prints empty boxes and is not a draft.
 */
void
xs_sheet_set_round (XsSheet *sheet, XsRound *round)
{
  g_return_if_fail (sheet != NULL);

  g_clear_pointer (&sheet->round, xs_round_free);
  sheet->round = round;
}

/**
 * xs_sheet_get_round:
 *
 * Returns: (transfer none) (nullable): the round set with xs_sheet_set_round()
 */
const XsRound *
xs_sheet_get_round (XsSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  return sheet->round;
}

/**
 * xs_sheet_is_draft:
 *
 * Returns: whether the sheet has a round none of whose stages has passed: it then certifies
 *   nothing yet and is printed 草稿 whatever the renderer's setting
 */
gboolean
xs_sheet_is_draft (XsSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, FALSE);
  return sheet->round != NULL && !xs_round_has_passes (sheet->round);
}

XsSheet *
xs_sheet_ref (XsSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  g_atomic_ref_count_inc (&sheet->ref_count);
  return sheet;
}

void
xs_sheet_unref (XsSheet *sheet)
{
  if (sheet == NULL || !g_atomic_ref_count_dec (&sheet->ref_count))
    return;
  g_object_unref (sheet->rules);
  xs_unit_unref (sheet->unit);
  xs_person_unref (sheet->person);
  xs_hours_report_free (sheet->report);
  g_free (sheet->code);
  g_free (sheet->digest);
  g_clear_pointer (&sheet->round, xs_round_free);
  g_free (sheet);
}

/**
 * xs_sheet_get_rules:
 *
 * Returns: (transfer none): the rules the sheet was computed with
 */
XsRules *
xs_sheet_get_rules (XsSheet *sheet)
{
  return sheet->rules;
}

/**
 * xs_sheet_get_person:
 *
 * Returns: (transfer none): the person
 */
XsPerson *
xs_sheet_get_person (XsSheet *sheet)
{
  return sheet->person;
}

/**
 * xs_sheet_get_unit:
 *
 * Returns: (transfer none): the person's unit
 */
XsUnit *
xs_sheet_get_unit (XsSheet *sheet)
{
  return sheet->unit;
}

/**
 * xs_sheet_get_report:
 *
 * Returns: (transfer none): the hours report the sheet prints
 */
const XsHoursReport *
xs_sheet_get_report (XsSheet *sheet)
{
  return sheet->report;
}

/**
 * xs_sheet_get_code:
 *
 * Returns: (transfer none): the verification code, see xs_sheet_code_compute()
 */
const char *
xs_sheet_get_code (XsSheet *sheet)
{
  return sheet->code;
}

/**
 * xs_sheet_get_pending:
 *
 * Returns: how many activities that would count in the span still await review
 */
guint
xs_sheet_get_pending (XsSheet *sheet)
{
  return sheet->pending;
}

static void
append_safe (GString *s, const char *text, gsize max_bytes)
{
  for (const char *p = text; *p != '\0' && s->len < max_bytes; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c < 0x80 && strchr ("/\\:*?\"<>|", (int)c) != NULL))
        g_string_append_c (s, '_');
      else
        g_string_append_unichar (s, c);
    }
}

/**
 * xs_sheet_dup_file_name:
 *
 * A file name for the sheet: the person's name and the last four characters of their ID
 * number, e.g. `张三-002X.pdf`. Characters that file systems refuse become `_`.
 *
 * Returns: (transfer full): the name, without a folder
 */
char *
xs_sheet_dup_file_name (XsSheet *sheet)
{
  return xs_sheet_file_name_for_person (sheet->person);
}

/**
 * xs_sheet_file_name_for_person:
 *
 * Returns: (transfer full): the file name of @p's sheet, as xs_sheet_dup_file_name() gives
 *   it: for the one sheet the application saves and for each of a batch alike
 */
char *
xs_sheet_file_name_for_person (const XsPerson *p)
{
  GString *s = g_string_new (NULL);
  const char *id = p->id_number != NULL ? p->id_number : "";
  gsize len = strlen (id);

  if (p->name != NULL && *p->name != '\0' && g_utf8_validate (p->name, -1, NULL))
    append_safe (s, p->name, 120);
  else
    append_safe (s, p->id, 120);
  g_string_append_c (s, '-');
  if (len >= 4)
    append_safe (s, id + len - 4, 200);
  else
    append_safe (s, p->id, 200);
  if (s->str[0] == '.')
    s->str[0] = '_';
  g_string_append (s, ".pdf");
  return g_string_free (s, FALSE);
}

/**
 * xs_sheet_dup_generation_time:
 *
 * The time a sheet is generated at: `SOURCE_DATE_EPOCH` when set (reproducible output),
 * else now; in Asia/Shanghai.
 *
 * Returns: (transfer full) (nullable): the time, or %NULL with %XS_SHEET_ERROR_TIME
 */
GDateTime *
xs_sheet_dup_generation_time (GError **error)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GDateTime) utc = NULL;

  /* China has kept UTC+8 without summer time since 1991. */
  if (zone == NULL)
    zone = g_time_zone_new_offset (8 * 3600);

  if (epoch != NULL)
    {
      guint64 seconds;

      if (!g_ascii_string_to_unsigned (epoch, 10, 0, G_GINT64_CONSTANT (253402300799), &seconds,
                                       NULL))
        {
          g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_TIME,
                       _ ("SOURCE_DATE_EPOCH is “%s”, not a number of seconds since 1970"), epoch);
          return NULL;
        }
      utc = g_date_time_new_from_unix_utc ((gint64)seconds);
    }
  else
    utc = g_date_time_new_now_utc ();

  return g_date_time_to_timezone (utc, zone);
}
