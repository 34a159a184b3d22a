/* xs-rules-loader.c — turns a validated rule document into the immutable XsRules.
 *
 * The schema has already fixed the structure; this checks what it cannot: that every material,
 * setting and parameter named is declared, and that each kind's credit is complete.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "xs-params.h"
#include "xs-rules-private.h"
#include "xs-tenths.h"

GPtrArray *xs_rules_new_param_array (void);
GPtrArray *xs_rules_new_match_array (void);
GPtrArray *xs_rules_new_case_array (void);
GPtrArray *xs_rules_new_item_array (void);
GPtrArray *xs_rules_new_bundle_array (void);

/* The settings the engine reads, and the values it knows for each; a rule file must name
 * each, with one of its values. */
static const struct
{
  const char *name;
  const char *values[3];
} required_settings[] = {
  { "span-mode", { "per-year", "cumulative" } },
  { "span-override", { "per-person", "none" } },
  { "cross-year-placement", { "end", "start" } },
  { "deemed-majority-tie", { "end", "start" } },
  { "deemed-band-edges", { "lower-inclusive", "upper-inclusive" } },
  { "overseas-exchange-year", { "end", "start" } },
  { "expert-service-subject", { "professional", "public" } },
  /* The evidence bundles spell it out; nothing else is implemented. */
  { "academic-event-supporting", { "any-one" } },
  { "days-within-dates", { "true", "false" } },
  { "certified-year-combination", { "replace", "add" } },
};

static gboolean
is_element (xmlNode *node, const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *)node->name, name) == 0;
}

static char *
get_attr (xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *)name);
  char *copy = value ? g_strdup ((const char *)value) : NULL;

  xmlFree (value);
  return copy;
}

static char *
get_text (xmlNode *node)
{
  xmlChar *content = xmlNodeGetContent (node);
  char *copy = g_strstrip (g_strdup (content ? (const char *)content : ""));

  xmlFree (content);
  return copy;
}

static gint64
get_tenths (xmlNode *node, const char *name)
{
  g_autofree char *text = get_attr (node, name);
  gint64 value = 0;

  /* The schema's pattern guarantees this parses. */
  if (!xs_tenths_parse (text, G_MAXINT32, &value))
    g_warn_if_reached ();
  return value;
}

static guint
get_uint (xmlNode *node, const char *name, guint fallback)
{
  g_autofree char *text = get_attr (node, name);
  guint64 value = fallback;

  if (text != NULL && !xs_uint_parse (text, 0, G_MAXUINT32, &value))
    return fallback;
  return (guint)value;
}

static char **
split_words (const char *text)
{
  g_auto (GStrv) parts = g_strsplit_set (text ? text : "", " \t\r\n", -1);
  GPtrArray *words = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (words, g_strdup (parts[i]));
  g_ptr_array_add (words, NULL);
  return (char **)g_ptr_array_free (words, FALSE);
}

static gboolean inconsistent (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
inconsistent (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, XS_RULES_ERROR, XS_RULES_ERROR_INCONSISTENT, _ ("The rule file: %s"),
               message);
  return FALSE;
}

/* Where in the rule file: "line 24, <span>". */
static gboolean inconsistent_at (GError **error, xmlNode *node, const char *format, ...)
    G_GNUC_PRINTF (3, 4);

static gboolean
inconsistent_at (GError **error, xmlNode *node, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, XS_RULES_ERROR, XS_RULES_ERROR_INCONSISTENT,
               _ ("The rule file, line %ld, <%s>: %s"), (long)xmlGetLineNo (node),
               (const char *)node->name, message);
  return FALSE;
}

/* "MM-DD", a day that exists in the rule file's year. */
static gboolean
parse_month_day (const char *text, guint year, guint *month, guint *day)
{
  if (text == NULL || strlen (text) != 5 || text[2] != '-' || !g_ascii_isdigit (text[0]) ||
      !g_ascii_isdigit (text[1]) || !g_ascii_isdigit (text[3]) || !g_ascii_isdigit (text[4]))
    return FALSE;
  *month = (guint)g_ascii_digit_value (text[0]) * 10 + (guint)g_ascii_digit_value (text[1]);
  *day = (guint)g_ascii_digit_value (text[3]) * 10 + (guint)g_ascii_digit_value (text[4]);
  /* Without a year, a leap year: 02-29 then exists. */
  return g_date_valid_dmy ((GDateDay)*day, (GDateMonth)*month, year ? (GDateYear)year : 2000);
}

static gboolean
load_placement (XsRules *self, const char *text, XsPlacement *out, GError **error)
{
  const char *value = text;

  if (g_str_has_prefix (text, "setting:"))
    {
      value = xs_rules_get_setting (self, text + strlen ("setting:"));
      if (value == NULL)
        return inconsistent (error, _ ("placement names an unknown setting “%s”"), text);
    }

  if (g_str_equal (value, "majority"))
    *out = XS_PLACEMENT_MAJORITY;
  else if (g_str_equal (value, "every-year"))
    *out = XS_PLACEMENT_EVERY_YEAR;
  else if (g_str_equal (value, "end"))
    *out = XS_PLACEMENT_END;
  else if (g_str_equal (value, "start"))
    *out = XS_PLACEMENT_START;
  else
    return inconsistent (error, _ ("unknown placement “%s”"), value);
  return TRUE;
}

static gboolean
check_param_named (const XsKind *kind, const char *param, GError **error)
{
  if (param != NULL && xs_kind_get_param (kind, param) == NULL)
    return inconsistent (error, _ ("kind “%s” uses parameter “%s” without declaring it"), kind->id,
                         param);
  return TRUE;
}

/* The parameters the engine reads by name, and the type its formulas read them as. */
static const struct
{
  const char *name;
  XsParamType type;
} named_params[] = {
  { "subject", XS_PARAM_SUBJECT }, { "theme", XS_PARAM_THEME },
  { "start", XS_PARAM_DATE },      { "end", XS_PARAM_DATE },
  { "year", XS_PARAM_YEAR },       { "days", XS_PARAM_HALF_DAYS },
  { "public", XS_PARAM_HOURS },    { "professional", XS_PARAM_HOURS },
};

static gboolean
check_param_type (const XsKind *kind, const XsParamSpec *spec, xmlNode *n, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (named_params); i++)
    if (g_str_equal (named_params[i].name, spec->name) && named_params[i].type != spec->type)
      return inconsistent_at (error, n, _ ("parameter “%s” of kind “%s” must be of type “%s”"),
                              spec->name, kind->id,
                              xs_param_type_get_info (named_params[i].type)->id);
  /* Only the days are held to the dates (days-within-dates). */
  if (spec->within_dates && !g_str_equal (spec->name, "days"))
    return inconsistent_at (error, n, _ ("only “days” can be held within the dates, not “%s”"),
                            spec->name);
  return TRUE;
}

static gboolean
load_params (XsKind *kind, xmlNode *kind_node, GError **error)
{
  kind->params = xs_rules_new_param_array ();

  for (xmlNode *n = kind_node->children; n != NULL; n = n->next)
    {
      g_autofree char *type = NULL;
      g_autofree char *required = NULL;
      g_autofree char *within = NULL;
      g_autofree char *values = NULL;
      XsParamSpec *spec;

      if (!is_element (n, "param"))
        continue;

      spec = g_new0 (XsParamSpec, 1);
      spec->name = get_attr (n, "name");
      g_ptr_array_add (kind->params, spec);

      type = get_attr (n, "type");
      if (!xs_param_type_from_string (type, &spec->type))
        return inconsistent (error, _ ("parameter “%s” of kind “%s” has unknown type “%s”"),
                             spec->name, kind->id, type ? type : "");

      required = get_attr (n, "required");
      spec->required = g_strcmp0 (required, "true") == 0 || g_strcmp0 (required, "1") == 0;
      spec->label = get_attr (n, "label");
      spec->counts_year =
          kind->year_rule == XS_YEAR_RULE_YEAR &&
          (g_strcmp0 (spec->name, "year") == 0 || g_strcmp0 (spec->name, "end") == 0 ||
           g_strcmp0 (spec->name, "start") == 0);
      within = get_attr (n, "within-dates");
      spec->within_dates = g_strcmp0 (within, "true") == 0 || g_strcmp0 (within, "1") == 0;

      values = get_attr (n, "values");
      if (spec->type == XS_PARAM_ENUM)
        {
          if (values == NULL)
            return inconsistent (error, _ ("enum parameter “%s” of kind “%s” lists no values"),
                                 spec->name, kind->id);
          spec->values = split_words (values);
        }
      if (!check_param_type (kind, spec, n, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
load_match (XsKind *kind, XsCase *c, xmlNode *n, GError **error)
{
  g_autofree char *values = get_attr (n, "value");
  XsMatch *match = g_new0 (XsMatch, 1);
  const XsParamSpec *spec;

  match->param = get_attr (n, "param");
  g_ptr_array_add (c->matches, match);

  if (!check_param_named (kind, match->param, error))
    return FALSE;
  spec = xs_kind_get_param (kind, match->param);

  if (values != NULL)
    {
      match->values = split_words (values);
      if (spec->type == XS_PARAM_ENUM)
        for (guint i = 0; match->values[i] != NULL; i++)
          if (!g_strv_contains ((const char *const *)spec->values, match->values[i]))
            return inconsistent (error, _ ("kind “%s” matches “%s” on “%s”, not one of its values"),
                                 kind->id, match->values[i], match->param);
    }
  else
    {
      match->min = get_uint (n, "min", 0);
      match->max = get_uint (n, "max", G_MAXUINT32);
      if (match->max == G_MAXUINT32)
        match->max = G_MAXINT64;
      if (spec->type != XS_PARAM_RANK && spec->type != XS_PARAM_COUNT)
        return inconsistent (error, _ ("kind “%s” compares “%s” as a number"), kind->id,
                             match->param);
    }
  return TRUE;
}

static gboolean
load_credit (XsKind *kind, xmlNode *credit, GError **error)
{
  kind->cases = xs_rules_new_case_array ();

  for (xmlNode *n = credit->children; n != NULL; n = n->next)
    {
      if (is_element (n, "otherwise"))
        kind->otherwise_reason = get_attr (n, "reason");
      else if (is_element (n, "case"))
        {
          XsCase *c = g_new0 (XsCase, 1);
          gboolean has_formula = FALSE;
          g_autofree char *hours = get_attr (n, "hours");

          c->matches = xs_rules_new_match_array ();
          c->label = get_attr (n, "label");
          g_ptr_array_add (kind->cases, c);

          if (hours != NULL)
            {
              c->formula = XS_FORMULA_FIXED;
              c->hours_tenths = get_tenths (n, "hours");
              has_formula = TRUE;
            }

          for (xmlNode *m = n->children; m != NULL; m = m->next)
            {
              if (is_element (m, "match"))
                {
                  if (!load_match (kind, c, m, error))
                    return FALSE;
                  continue;
                }
              if (m->type != XML_ELEMENT_NODE)
                continue;
              if (has_formula)
                return inconsistent (error, _ ("a case of kind “%s” has two formulas"), kind->id);
              has_formula = TRUE;

              if (c->label == NULL)
                c->label = get_attr (m, "label");
              if (is_element (m, "per-unit"))
                {
                  c->formula = XS_FORMULA_PER_UNIT;
                  c->param = get_attr (m, "param");
                  c->unit = get_attr (m, "unit");
                  c->hours_tenths = get_tenths (m, "hours");
                }
              else if (is_element (m, "as-given"))
                {
                  c->formula = XS_FORMULA_AS_GIVEN;
                  c->param = get_attr (m, "param");
                }
              else if (is_element (m, "as-printed"))
                {
                  c->formula = XS_FORMULA_AS_PRINTED;
                  if (xs_kind_get_param (kind, "public") == NULL ||
                      xs_kind_get_param (kind, "professional") == NULL)
                    return inconsistent (error,
                                         _ ("kind “%s” prints hours without “public” and "
                                            "“professional” parameters"),
                                         kind->id);
                }
              if (!check_param_named (kind, c->param, error))
                return FALSE;
              if (c->param != NULL &&
                  !xs_param_type_get_info (xs_kind_get_param (kind, c->param)->type)->numeric)
                return inconsistent_at (error, m,
                                        _ ("kind “%s” counts hours from “%s”, which is not a "
                                           "number of days, hours or a count"),
                                        kind->id, c->param);
            }

          if (!has_formula)
            return inconsistent (error, _ ("a case of kind “%s” gives no hours"), kind->id);
          if (c->formula == XS_FORMULA_FIXED && c->label == NULL)
            return inconsistent (error, _ ("a fixed-hours case of kind “%s” has no label"),
                                 kind->id);
        }
    }
  return TRUE;
}

static gboolean
load_deemed (XsRules *self, XsKind *kind, xmlNode *node, GError **error)
{
  XsDeemed *deemed = g_new0 (XsDeemed, 1);

  kind->deemed = deemed;
  deemed->label = get_attr (node, "label");
  deemed->requires = get_attr (node, "requires");
  deemed->bands = g_ptr_array_new_with_free_func (g_free);

  if (!check_param_named (kind, deemed->requires, error))
    return FALSE;
  if (deemed->requires != NULL &&
      xs_kind_get_param (kind, deemed->requires)->type != XS_PARAM_BOOLEAN)
    return inconsistent_at (error, node, _ ("kind “%s” requires “%s”, which is not true or false"),
                            kind->id, deemed->requires);
  if (xs_kind_get_param (kind, "start") == NULL || xs_kind_get_param (kind, "end") == NULL)
    return inconsistent (error, _ ("deemed-complete kind “%s” needs “start” and “end”"), kind->id);

  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      if (is_element (n, "band"))
        {
          XsBand *band = g_new0 (XsBand, 1);
          g_autofree char *placement = get_attr (n, "placement");

          g_ptr_array_add (deemed->bands, band);
          band->min_months = get_uint (n, "min-months", 0);
          band->max_months = get_uint (n, "max-months", 0);
          if (band->max_months != 0 && band->max_months <= band->min_months)
            return inconsistent (error, _ ("a band of kind “%s” ends before it starts"), kind->id);
          if (!load_placement (self, placement, &band->placement, error))
            return FALSE;
        }
      else if (is_element (n, "short"))
        deemed->short_reason = get_attr (n, "reason");
      else if (is_element (n, "failed"))
        deemed->failed_reason = get_attr (n, "reason");
    }

  if (deemed->requires != NULL && deemed->failed_reason == NULL)
    return inconsistent (error, _ ("kind “%s” gives no reason for a failed assessment"), kind->id);
  return TRUE;
}

static gboolean
load_evidence (XsRules *self, XsKind *kind, xmlNode *node, GError **error)
{
  kind->bundles = xs_rules_new_bundle_array ();

  for (xmlNode *b = node->children; b != NULL; b = b->next)
    {
      XsEvidenceBundle *bundle;

      if (!is_element (b, "bundle"))
        continue;
      bundle = g_new0 (XsEvidenceBundle, 1);
      bundle->items = xs_rules_new_item_array ();
      g_ptr_array_add (kind->bundles, bundle);

      for (xmlNode *i = b->children; i != NULL; i = i->next)
        {
          g_autofree char *text = NULL;
          XsEvidenceItem *item;

          if (!is_element (i, "item"))
            continue;
          text = get_text (i);
          item = g_new0 (XsEvidenceItem, 1);
          item->materials = split_words (text);
          g_ptr_array_add (bundle->items, item);

          for (guint k = 0; item->materials[k] != NULL; k++)
            if (xs_rules_get_material_name (self, item->materials[k]) == NULL)
              return inconsistent (error, _ ("kind “%s” asks for undeclared material “%s”"),
                                   kind->id, item->materials[k]);
        }
    }
  return TRUE;
}

static gboolean
load_subject_rule (XsRules *self, XsKind *kind, const char *subject, GError **error)
{
  const char *value = subject;

  if (g_str_has_prefix (subject, "setting:"))
    {
      value = xs_rules_get_setting (self, subject + strlen ("setting:"));
      if (value == NULL)
        return inconsistent (error, _ ("kind “%s” names an unknown setting “%s”"), kind->id,
                             subject);
    }

  if (g_str_equal (value, "chosen"))
    {
      kind->subject_rule = XS_SUBJECT_RULE_CHOSEN;
      if (xs_kind_get_param (kind, "subject") == NULL)
        return inconsistent (error, _ ("kind “%s” lets the subject be chosen but has no “subject”"),
                             kind->id);
    }
  else if (g_str_equal (value, "as-printed"))
    kind->subject_rule = XS_SUBJECT_RULE_AS_PRINTED;
  else if (g_str_equal (value, "none"))
    kind->subject_rule = XS_SUBJECT_RULE_NONE;
  else if (xs_subject_from_string (value, &kind->fixed_subject))
    kind->subject_rule = XS_SUBJECT_RULE_FIXED;
  else
    return inconsistent (error, _ ("kind “%s” has unknown subject “%s”"), kind->id, value);
  return TRUE;
}

static gboolean
load_kind (XsRules *self, xmlNode *node, GError **error)
{
  XsKind *kind = g_new0 (XsKind, 1);
  g_autofree char *subject = get_attr (node, "subject");
  g_autofree char *year = get_attr (node, "year");

  kind->id = get_attr (node, "id");
  kind->name = get_attr (node, "name");
  g_ptr_array_add (self->kinds, kind);

  if (g_hash_table_contains (self->kind_index, kind->id))
    return inconsistent (error, _ ("kind “%s” is declared twice"), kind->id);
  g_hash_table_insert (self->kind_index, kind->id, kind);

  kind->year_rule = g_str_equal (year, "dates") ? XS_YEAR_RULE_DATES : XS_YEAR_RULE_YEAR;

  if (!load_params (kind, node, error) || !load_subject_rule (self, kind, subject, error))
    return FALSE;

  if (kind->year_rule == XS_YEAR_RULE_DATES &&
      (xs_kind_get_param (kind, "start") == NULL || xs_kind_get_param (kind, "end") == NULL))
    return inconsistent (error, _ ("kind “%s” is placed by its dates but has none"), kind->id);

  for (xmlNode *n = node->children; n != NULL; n = n->next)
    {
      if (is_element (n, "credit") && !load_credit (kind, n, error))
        return FALSE;
      if (is_element (n, "deemed") && !load_deemed (self, kind, n, error))
        return FALSE;
      if (is_element (n, "evidence") && !load_evidence (self, kind, n, error))
        return FALSE;
    }

  if ((kind->deemed != NULL) != (kind->subject_rule == XS_SUBJECT_RULE_NONE))
    return inconsistent (error, _ ("kind “%s”: only deemed-complete kinds have no subject"),
                         kind->id);
  return TRUE;
}

static void
load_named_list (GPtrArray *into, xmlNode *parent, const char *element)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (is_element (n, element))
      {
        g_autofree char *id = get_attr (n, "id");
        g_autofree char *name = get_attr (n, "name");
        g_ptr_array_add (into, xs_named_new (id, name));
      }
}

static void
load_chains (XsRules *self, xmlNode *parent)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    {
      XsChain *chain;
      GPtrArray *steps;
      GPtrArray *roles;

      if (!is_element (n, "chain"))
        continue;
      chain = g_new0 (XsChain, 1);
      chain->category = get_attr (n, "category");
      chain->name = get_attr (n, "name");
      steps = g_ptr_array_new ();
      roles = g_ptr_array_new ();
      for (xmlNode *s = n->children; s != NULL; s = s->next)
        if (is_element (s, "step"))
          {
            char *role = get_attr (s, "role");

            g_ptr_array_add (steps, get_text (s));
            /* A step without a role is still a stage of the round: name it by position. */
            g_ptr_array_add (roles, role ? role : g_strdup_printf ("step-%u", roles->len + 1));
          }
      g_ptr_array_add (steps, NULL);
      g_ptr_array_add (roles, NULL);
      chain->steps = (char **)g_ptr_array_free (steps, FALSE);
      chain->roles = (char **)g_ptr_array_free (roles, FALSE);
      g_ptr_array_add (self->chains, chain);
    }
}

static void
load_bases (XsRules *self, xmlNode *parent)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (is_element (n, "base"))
      {
        XsBase *base = g_new0 (XsBase, 1);
        base->name = get_attr (n, "name");
        base->platform = get_attr (n, "platform");
        base->contact = get_attr (n, "contact");
        base->phone = get_attr (n, "phone");
        g_ptr_array_add (self->bases, base);
      }
}

/* A setting the engine reads, with one of the values it knows. */
static gboolean
check_setting (xmlNode *n, const char *name, const char *value, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (required_settings); i++)
    if (g_str_equal (required_settings[i].name, name))
      {
        g_autofree char *choices = NULL;

        if (g_strv_contains (required_settings[i].values, value))
          return TRUE;
        choices = g_strjoinv (", ", (char **)required_settings[i].values);
        return inconsistent_at (error, n, _ ("setting “%s” cannot be “%s” (only %s)"), name, value,
                                choices);
      }
  return inconsistent_at (error, n, _ ("setting “%s” is not one the program reads"), name);
}

static gboolean
load_settings (XsRules *self, xmlNode *parent, GError **error)
{
  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (is_element (n, "setting"))
      {
        g_autofree char *name = get_attr (n, "name");
        g_autofree char *value = get_attr (n, "value");

        if (xs_rules_get_setting (self, name) != NULL)
          return inconsistent (error, _ ("setting “%s” is given twice"), name);
        g_hash_table_insert (self->notes, g_strdup (name), get_text (n));
        g_ptr_array_add (self->settings, xs_named_new (name, value));
      }

  for (guint i = 0; i < G_N_ELEMENTS (required_settings); i++)
    if (xs_rules_get_setting (self, required_settings[i].name) == NULL)
      return inconsistent (error, _ ("setting “%s” is missing"), required_settings[i].name);

  for (xmlNode *n = parent->children; n != NULL; n = n->next)
    if (is_element (n, "setting"))
      {
        g_autofree char *name = get_attr (n, "name");
        g_autofree char *value = get_attr (n, "value");

        if (!check_setting (n, name, value, error))
          return FALSE;
      }
  return TRUE;
}

gboolean
xs_rules_load_document (XsRules *self, xmlDoc *doc, GError **error)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  self->id = get_attr (root, "id");
  self->version = get_attr (root, "version");
  self->title = get_attr (root, "title");
  self->year = get_uint (root, "year", 0);

  /* Settings first: kinds refer to them. */
  for (xmlNode *n = root->children; n != NULL; n = n->next)
    if (is_element (n, "interpretations") && !load_settings (self, n, error))
      return FALSE;

  for (xmlNode *n = root->children; n != NULL; n = n->next)
    {
      if (is_element (n, "requirement"))
        {
          self->min_public = get_tenths (n, "public");
          self->min_professional = get_tenths (n, "professional");
          self->min_total = get_tenths (n, "total");
        }
      else if (is_element (n, "span"))
        {
          g_autofree char *ws = get_attr (n, "window-start");
          g_autofree char *we = get_attr (n, "window-end");

          self->span_from = get_uint (n, "from", 0);
          self->span_to = get_uint (n, "to", 0);
          if (self->span_from > self->span_to)
            return inconsistent (error, _ ("the span ends before it starts"));
          if (!parse_month_day (ws, self->year, &self->window_start_month, &self->window_start_day))
            return inconsistent_at (error, n, _ ("window-start “%s” is not a day of the year"),
                                    ws ? ws : "");
          if (!parse_month_day (we, self->year, &self->window_end_month, &self->window_end_day))
            return inconsistent_at (error, n, _ ("window-end “%s” is not a day of the year"),
                                    we ? we : "");
          if (self->window_end_month * 100 + self->window_end_day <
              self->window_start_month * 100 + self->window_start_day)
            return inconsistent_at (error, n, _ ("the verification window ends before it starts"));
        }
      else if (is_element (n, "subjects"))
        load_named_list (self->subjects, n, "subject");
      else if (is_element (n, "themes"))
        load_named_list (self->themes, n, "theme");
      else if (is_element (n, "materials"))
        {
          load_named_list (self->materials, n, "material");
          for (guint i = 0; i < self->materials->len; i++)
            {
              XsNamed *m = g_ptr_array_index (self->materials, i);
              if (g_hash_table_contains (self->material_index, m->id))
                return inconsistent (error, _ ("material “%s” is declared twice"), m->id);
              g_hash_table_insert (self->material_index, m->id, m);
            }
        }
      else if (is_element (n, "bases"))
        load_bases (self, n);
      else if (is_element (n, "chains"))
        load_chains (self, n);
      else if (is_element (n, "kinds"))
        {
          for (xmlNode *k = n->children; k != NULL; k = k->next)
            if (is_element (k, "kind") && !load_kind (self, k, error))
              return FALSE;
        }
    }

  {
    const char *mode = xs_rules_get_setting (self, "span-mode");

    if (g_str_equal (mode, "cumulative"))
      self->span_mode = XS_SPAN_CUMULATIVE;
    else if (g_str_equal (mode, "per-year"))
      self->span_mode = XS_SPAN_PER_YEAR;
    else
      return inconsistent (error, _ ("setting “span-mode” is neither per-year nor cumulative"));
  }

  return TRUE;
}
