/* xs-sheet-code.c — the verification code printed on a confirmation sheet, and its check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "xs-sheet-code.h"

/* clang-format off */
G_DEFINE_QUARK (xs-sheet-code-error-quark, xs_sheet_code_error)
/* clang-format on */

/* Strings are written as byte length, colon, bytes: no value can fake a field boundary. */
static void
append_field (GString *s, const char *key, const char *value)
{
  const char *v = value != NULL ? value : "";

  g_string_append_printf (s, "%s %" G_GSIZE_FORMAT ":%s\n", key, strlen (v), v);
}

/**
 * xs_sheet_code_dup_canonical_text:
 * @rules: the rules the report was computed with
 * @report: a person's hours report
 *
 * The text the code's digest is taken over: person id, name, ID number, unit id, span, each
 * span year's confirmed public and professional tenths with its compliant and
 * deemed-complete flags, the verdict, and the rule file's id and version. Changing any of
 * them changes the code; nothing else (titles, activities' wording, the print time) does.
 *
 * Returns: (transfer full): the canonical text, UTF-8, one field a line
 */
char *
xs_sheet_code_dup_canonical_text (XsRules *rules, const XsHoursReport *report)
{
  GString *s = g_string_new ("xueshi-sheet 1\n");
  const XsPerson *person = report->person;

  g_return_val_if_fail (XS_IS_RULES (rules), g_string_free (s, FALSE));
  g_return_val_if_fail (person != NULL, g_string_free (s, FALSE));

  append_field (s, "person", person->id);
  append_field (s, "name", person->name);
  append_field (s, "id-number", person->id_number);
  append_field (s, "unit", person->unit_id);
  g_string_append_printf (s, "span %u %u %s\n", report->span_from, report->span_to,
                          report->span_mode == XS_SPAN_CUMULATIVE ? "cumulative" : "per-year");
  for (guint i = 0; i < report->years->len; i++)
    {
      const XsYearSummary *y = &g_array_index (report->years, XsYearSummary, i);

      g_string_append_printf (s, "year %u %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d %d\n",
                              y->year, y->confirmed.public_tenths, y->confirmed.professional_tenths,
                              y->confirmed.compliant ? 1 : 0, y->confirmed.deemed_complete ? 1 : 0);
    }
  g_string_append_printf (s, "passed %d\n", report->passed ? 1 : 0);
  append_field (s, "rules", xs_rules_get_id (rules));
  append_field (s, "rules-version", xs_rules_get_version (rules));
  return g_string_free (s, FALSE);
}

/**
 * xs_sheet_code_dup_digest:
 *
 * Returns: (transfer full): the whole SHA-256 of the canonical text, 64 upper-case hex digits
 */
char *
xs_sheet_code_dup_digest (XsRules *rules, const XsHoursReport *report)
{
  g_autofree char *text = xs_sheet_code_dup_canonical_text (rules, report);
  g_autofree char *hex = g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);

  return g_ascii_strup (hex, -1);
}

/**
 * xs_sheet_code_compute:
 * @rules: the rules the report was computed with
 * @report: a person's hours report (its person set)
 *
 * Returns: (transfer full): the code, e.g. `XS1-P001-2021-2025-0123456789ABCDEF`
 */
char *
xs_sheet_code_compute (XsRules *rules, const XsHoursReport *report)
{
  g_autofree char *digest = xs_sheet_code_dup_digest (rules, report);

  return g_strdup_printf (XS_SHEET_CODE_PREFIX "-%s-%u-%u-%.*s", report->person->id,
                          report->span_from, report->span_to, XS_SHEET_CODE_DIGEST_LEN, digest);
}

static gboolean
parse_year (const char *text, guint *out)
{
  guint64 v;

  if (strlen (text) != 4 || !g_ascii_string_to_unsigned (text, 10, 1000, 9999, &v, NULL))
    return FALSE;
  *out = (guint)v;
  return TRUE;
}

static gboolean
malformed (GError **error, const char *code)
{
  g_set_error (error, XS_SHEET_CODE_ERROR, XS_SHEET_CODE_ERROR_MALFORMED,
               _ ("“%s” is not a sheet verification code (expected XS1-PERSON-FROM-TO- and 16 "
                  "hex digits)"),
               code);
  return FALSE;
}

/**
 * xs_sheet_code_parse:
 * @code: a code as printed or typed; surrounding blanks and the case of the digest are ignored
 * @person_id: (out) (optional) (transfer full): the person id
 * @span_from: (out) (optional): the span's first year
 * @span_to: (out) (optional): the span's last year
 * @digest: (out) (optional) (transfer full): the 16 digest digits, upper case
 *
 * Splits a code into its parts. Person ids may hold dashes, so the fields are taken from
 * the end.
 *
 * Returns: %TRUE, or %FALSE with %XS_SHEET_CODE_ERROR_MALFORMED
 */
gboolean
xs_sheet_code_parse (const char *code, char **person_id, guint *span_from, guint *span_to,
                     char **digest, GError **error)
{
  g_autofree char *text = NULL;
  char *p, *dash_hex, *dash_to, *dash_from;
  guint from, to;
  gsize prefix_len = strlen (XS_SHEET_CODE_PREFIX "-");

  g_return_val_if_fail (code != NULL, FALSE);

  text = g_strstrip (g_strdup (code));
  if (!g_utf8_validate (text, -1, NULL))
    return malformed (error, "?");
  if (g_ascii_strncasecmp (text, XS_SHEET_CODE_PREFIX "-", prefix_len) != 0)
    return malformed (error, code);
  p = text + prefix_len;

  dash_hex = strrchr (p, '-');
  if (dash_hex == NULL || dash_hex == p)
    return malformed (error, code);
  *dash_hex = '\0';
  dash_to = strrchr (p, '-');
  if (dash_to == NULL || dash_to == p)
    return malformed (error, code);
  *dash_to = '\0';
  dash_from = strrchr (p, '-');
  if (dash_from == NULL || dash_from == p)
    return malformed (error, code);
  *dash_from = '\0';

  if (strlen (dash_hex + 1) != XS_SHEET_CODE_DIGEST_LEN)
    return malformed (error, code);
  for (const char *h = dash_hex + 1; *h != '\0'; h++)
    if (!g_ascii_isxdigit (*h))
      return malformed (error, code);
  if (!parse_year (dash_from + 1, &from) || !parse_year (dash_to + 1, &to) || to < from)
    return malformed (error, code);
  for (const char *c = p; *c != '\0'; c++)
    if (g_ascii_isspace (*c) || g_ascii_iscntrl (*c))
      return malformed (error, code);

  if (person_id != NULL)
    *person_id = g_strdup (p);
  if (span_from != NULL)
    *span_from = from;
  if (span_to != NULL)
    *span_to = to;
  if (digest != NULL)
    *digest = g_ascii_strup (dash_hex + 1, -1);
  return TRUE;
}

/**
 * xs_sheet_code_verify:
 * @store: the records
 * @rules: the rules in force
 * @code: a code from a sheet
 *
 * Recomputes the person's sheet figures from the current records and compares.
 *
 * Returns: (transfer full) (nullable): the person's current report when the code matches;
 *   %NULL with %XS_SHEET_CODE_ERROR_MALFORMED, %XS_SHEET_CODE_ERROR_UNKNOWN_PERSON,
 *   %XS_SHEET_CODE_ERROR_MISMATCH, or a store error
 */
XsHoursReport *
xs_sheet_code_verify (XsStore *store, XsRules *rules, const char *code, GError **error)
{
  g_autofree char *person_id = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *current = NULL;
  g_autoptr (XsPerson) person = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (XsHoursReport) report = NULL;
  g_autoptr (GError) local_error = NULL;
  guint from, to;

  g_return_val_if_fail (XS_IS_STORE (store), NULL);
  g_return_val_if_fail (XS_IS_RULES (rules), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  if (!xs_sheet_code_parse (code, &person_id, &from, &to, &digest, error))
    return NULL;

  person = xs_store_get_person (store, person_id, &local_error);
  if (person == NULL)
    {
      if (g_error_matches (local_error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND))
        g_set_error (error, XS_SHEET_CODE_ERROR, XS_SHEET_CODE_ERROR_UNKNOWN_PERSON,
                     _ ("The code names person %s, who is not in the records"), person_id);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  activities = xs_store_list_activities (store, person->id, error);
  if (activities == NULL)
    return NULL;

  report = xs_hours_report_new (rules, person, activities);
  if (report->span_from != from || report->span_to != to)
    {
      g_set_error (error, XS_SHEET_CODE_ERROR, XS_SHEET_CODE_ERROR_MISMATCH,
                   _ ("The code does not match the records of %s (%s): the sheet covers "
                      "%u–%u, the records now give the span %u–%u"),
                   person->name, person->id, from, to, report->span_from, report->span_to);
      return NULL;
    }

  current = xs_sheet_code_dup_digest (rules, report);
  if (strncmp (current, digest, XS_SHEET_CODE_DIGEST_LEN) != 0)
    {
      g_set_error (error, XS_SHEET_CODE_ERROR, XS_SHEET_CODE_ERROR_MISMATCH,
                   _ ("The code does not match the records of %s (%s): the identity, the "
                      "confirmed hours or the rule version have changed since the sheet was "
                      "printed"),
                   person->name, person->id);
      return NULL;
    }
  return g_steal_pointer (&report);
}
