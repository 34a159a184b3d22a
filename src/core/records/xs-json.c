/* xs-json.c — the `hours --json` object of interfaces.md, built with json-glib.
 *
 * Hours are JSON numbers with at most one decimal (12.5, 20). json-glib 1.6 prints doubles
 * with 17 digits (12.300000000000001), so a fractional value goes in as a marked string and
 * xs_json_to_string() turns the marks back into bare numbers after generation. The mark
 * starts with U+0001, which no XML or database text of ours can hold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-json.h"
#include "xs-tenths.h"

#define NUMBER_MARK "\001xs-number:"
#define NUMBER_MARK_ESCAPED "\"\\\\u0001xs-number:([-0-9.]+)\""

static void
add_hours (JsonBuilder *b, const char *name, gint64 tenths)
{
  json_builder_set_member_name (b, name);
  if (tenths % 10 == 0)
    json_builder_add_int_value (b, tenths / 10);
  else
    {
      char buf[32];
      g_autofree char *marked =
          g_strconcat (NUMBER_MARK, xs_tenths_format_buf (tenths, buf, sizeof buf), NULL);
      json_builder_add_string_value (b, marked);
    }
}

/* A decimal already written out ("2.5", "0.93"), printed as the bare number. */
static void
add_number_text (JsonBuilder *b, const char *name, const char *digits)
{
  g_autofree char *marked = g_strconcat (NUMBER_MARK, digits, NULL);

  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, marked);
}

static void
add_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
add_bool (JsonBuilder *b, const char *name, gboolean value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_boolean_value (b, value);
}

static void
add_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

/**
 * xs_json_add_year:
 *
 * Adds one element of the `years` array of interfaces.md to @b.
 */
void
xs_json_add_year (JsonBuilder *b, const XsYearSummary *y)
{
  json_builder_begin_object (b);
  add_int (b, "year", y->year);
  add_hours (b, "public", y->confirmed.public_tenths);
  add_hours (b, "professional", y->confirmed.professional_tenths);
  add_hours (b, "total", y->confirmed.total_tenths);
  add_bool (b, "compliant", y->confirmed.compliant);
  add_bool (b, "deemed_complete", y->confirmed.deemed_complete);
  add_hours (b, "claimed_public", y->claimed.public_tenths);
  add_hours (b, "claimed_professional", y->claimed.professional_tenths);
  add_hours (b, "claimed_total", y->claimed.total_tenths);
  /* Additions to the contract: optional members only. */
  add_bool (b, "claimed_compliant", y->claimed.compliant);
  add_bool (b, "claimed_deemed_complete", y->claimed.deemed_complete);
  add_int (b, "pending", y->pending);
  json_builder_end_object (b);
}

static void
add_activity (JsonBuilder *b, const XsActivityResult *r)
{
  const XsCredit *c = r->credit;

  json_builder_begin_object (b);
  add_string (b, "id", r->activity->id);
  add_string (b, "kind", r->activity->kind);
  json_builder_set_member_name (b, "year");
  if (c->year != 0)
    json_builder_add_int_value (b, c->year);
  else
    json_builder_add_null_value (b);
  add_string (b, "subject", xs_subject_to_string (c->subject));
  add_hours (b, "hours", xs_credit_get_hours (c));
  if (c->subject == XS_SUBJECT_BOTH)
    {
      add_hours (b, "public", c->public_tenths);
      add_hours (b, "professional", c->professional_tenths);
    }
  add_string (b, "status", xs_status_to_string (r->activity->status));
  add_string (b, "reason", c->reason);
  add_bool (b, "evidence_complete", r->evidence->satisfied);
  json_builder_set_member_name (b, "missing");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->evidence->missing->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (r->evidence->missing, i));
  json_builder_end_array (b);
  if (xs_credit_is_deemed (c))
    {
      json_builder_set_member_name (b, "deemed_years");
      json_builder_begin_array (b);
      for (guint i = 0; i < c->deemed_years->len; i++)
        json_builder_add_int_value (b, g_array_index (c->deemed_years, guint, i));
      json_builder_end_array (b);
    }
  /* Listed but not added: an approved certified year gave its year the printed figures. */
  if (r->replaced)
    add_bool (b, "replaced_by_certified_year", TRUE);
  if (r->activity->title != NULL)
    add_string (b, "title", r->activity->title);
  json_builder_end_object (b);
}

/**
 * xs_json_hours_report:
 *
 * Returns: (transfer full): the object `xueshi-cli hours --json` prints
 */
JsonNode *
xs_json_hours_report (const XsHoursReport *report)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "person", report->person ? report->person->id : NULL);
  add_string (b, "name", report->person ? report->person->name : NULL);

  json_builder_set_member_name (b, "span");
  json_builder_begin_object (b);
  add_int (b, "from", report->span_from);
  add_int (b, "to", report->span_to);
  add_string (b, "mode", report->span_mode == XS_SPAN_CUMULATIVE ? "cumulative" : "per-year");
  add_bool (b, "passed", report->passed);
  add_bool (b, "claimed_passed", report->claimed_passed);
  json_builder_end_object (b);

  json_builder_set_member_name (b, "years");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->years->len; i++)
    xs_json_add_year (b, &g_array_index (report->years, XsYearSummary, i));
  json_builder_end_array (b);

  json_builder_set_member_name (b, "activities");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->activities->len; i++)
    add_activity (b, g_ptr_array_index (report->activities, i));
  json_builder_end_array (b);

  add_int (b, "pending", report->pending);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

char *
xs_json_to_string (JsonNode *node, gboolean pretty)
{
  g_autoptr (JsonGenerator) gen = json_generator_new ();

  json_generator_set_pretty (gen, pretty);
  json_generator_set_indent (gen, 2);
  g_autofree char *text = NULL;
  static GRegex *marked_number;

  if (g_once_init_enter (&marked_number))
    g_once_init_leave (&marked_number,
                       g_regex_new (NUMBER_MARK_ESCAPED, G_REGEX_OPTIMIZE, 0, NULL));

  json_generator_set_root (gen, node);
  text = json_generator_to_data (gen, NULL);
  return g_regex_replace (marked_number, text, -1, 0, "\\1", 0, NULL);
}

/**
 * xs_json_unit_report:
 *
 * Returns: (transfer full): `{"persons": [...]}`, each person as in `hours --json` less the
 *   activities
 */
JsonNode *
xs_json_unit_report (const XsUnitReport *report, XsRules *rules)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "rules", xs_rules_get_id (rules));
  json_builder_set_member_name (b, "persons");
  json_builder_begin_array (b);
  for (guint i = 0; i < report->persons->len; i++)
    {
      const XsPersonSummary *p = g_ptr_array_index (report->persons, i);

      json_builder_begin_object (b);
      add_string (b, "person", p->person->id);
      add_string (b, "name", p->person->name);
      add_string (b, "unit", p->person->unit_id);
      json_builder_set_member_name (b, "span");
      json_builder_begin_object (b);
      add_int (b, "from", p->span_from);
      add_int (b, "to", p->span_to);
      add_string (b, "mode",
                  xs_rules_get_span_mode (rules) == XS_SPAN_CUMULATIVE ? "cumulative" : "per-year");
      add_bool (b, "passed", p->passed);
      add_bool (b, "claimed_passed", p->claimed_passed);
      json_builder_end_object (b);
      json_builder_set_member_name (b, "years");
      json_builder_begin_array (b);
      for (guint k = 0; k < p->n_years; k++)
        xs_json_add_year (b, &p->years[k]);
      json_builder_end_array (b);
      add_int (b, "pending", p->pending);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/**
 * xs_json_round:
 *
 * Returns: (transfer full): the `round` member of `hours --json`: the stage to decide next
 *   (or "filed") and every stage of the chain in order, with its decision (null until made)
 */
JsonNode *
xs_json_round (const XsRound *round)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "stage", xs_round_get_stage (round));
  json_builder_set_member_name (b, "stages");
  json_builder_begin_array (b);
  for (guint i = 0; i < round->n_stages; i++)
    {
      const XsRoundStage *stage = &round->stages[i];

      json_builder_begin_object (b);
      add_string (b, "id", stage->id);
      add_string (b, "name", stage->name);
      add_string (b, "decision", xs_round_decision_to_string (stage->decision));
      add_string (b, "reviewer", stage->reviewer);
      add_string (b, "date", stage->date);
      add_string (b, "opinion", stage->opinion);
      if (stage->override != NULL)
        add_string (b, "override", stage->override);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (round->reopened)
    {
      json_builder_set_member_name (b, "reopened");
      json_builder_add_boolean_value (b, TRUE);
    }
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static void
add_confidence (JsonBuilder *b, const char *name, double confidence)
{
  char digits[16];

  g_snprintf (digits, sizeof digits, "%.2f", CLAMP (confidence, 0.0, 1.0));
  add_number_text (b, name, digits);
}

/**
 * xs_json_ocr_read:
 *
 * Returns: (transfer full): `xueshi-cli evidence read --json`'s object: `{"kind", "fields",
 *   "confidence", "text"}`, the fields not read left out
 */
JsonNode *
xs_json_ocr_read (const XsOcrFields *fields, const XsOcrText *text)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *all = xs_ocr_text_dup_string (text);

  json_builder_begin_object (b);
  add_string (b, "kind", fields->kind);
  json_builder_set_member_name (b, "fields");
  json_builder_begin_object (b);
  for (guint f = 0; f < XS_OCR_N_FIELDS; f++)
    if (fields->values[f] != NULL)
      {
        if (xs_ocr_field_is_number (f))
          add_number_text (b, xs_ocr_field_get_key (f), fields->values[f]);
        else
          add_string (b, xs_ocr_field_get_key (f), fields->values[f]);
      }
  json_builder_end_object (b);
  json_builder_set_member_name (b, "confidence");
  json_builder_begin_object (b);
  if (fields->kind != NULL)
    add_confidence (b, "kind", fields->kind_confidence);
  for (guint f = 0; f < XS_OCR_N_FIELDS; f++)
    if (fields->values[f] != NULL)
      add_confidence (b, xs_ocr_field_get_key (f), fields->confidence[f]);
  json_builder_end_object (b);
  add_string (b, "text", all);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

XsOcrFields *
xs_json_parse_ocr_fields (const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (XsOcrFields) fields = g_new0 (XsOcrFields, 1);
  JsonObject *root, *values, *confidence;
  JsonNode *node;

  if (!json_parser_load_from_data (parser, json, -1, error))
    return NULL;
  node = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _ ("The fields read from a scan are not a JSON object"));
      return NULL;
    }
  root = json_node_get_object (node);
  values = json_object_get_object_member (root, "fields");
  confidence = json_object_get_object_member (root, "confidence");
  if (values == NULL || confidence == NULL)
    {
      g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                   _ ("The fields read from a scan lack “fields” or “confidence”"));
      return NULL;
    }
  fields->kind = g_strdup (json_object_get_string_member_with_default (root, "kind", NULL));
  fields->kind_confidence = json_object_get_double_member_with_default (confidence, "kind", 0);
  for (guint f = 0; f < XS_OCR_N_FIELDS; f++)
    {
      const char *key = xs_ocr_field_get_key (f);
      JsonNode *value = json_object_get_member (values, key);

      if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
        continue;
      if (json_node_get_value_type (value) == G_TYPE_STRING)
        fields->values[f] = g_strdup (json_node_get_string (value));
      else if (json_node_get_value_type (value) == G_TYPE_INT64)
        fields->values[f] = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));
      else
        {
          char buf[G_ASCII_DTOSTR_BUF_SIZE];

          fields->values[f] = g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f",
                                                         json_node_get_double (value)));
        }
      fields->confidence[f] = json_object_get_double_member_with_default (confidence, key, 0);
    }
  return g_steal_pointer (&fields);
}
