/* xs-params.c — the one table of parameter types, and an activity's parameters parsed once.
 *
 * The limits are the exchange format's (exchange-1.rng): whatever the editor or the command
 * line accepts can be exported and imported again. Every check of a parameter value — the
 * engine's, the importer's (through the engine) and the editor's, field by field — is
 * xs_param_parse(), so they accept the same values and say the same thing about the others.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "xs-date.h"
#include "xs-engine.h"
#include "xs-params.h"
#include "xs-tenths.h"

/* clang-format off */
static const XsParamTypeInfo type_infos[] = {
  { XS_PARAM_SUBJECT,   "subject",   FALSE, 0,                 0,                 0, NULL },
  { XS_PARAM_THEME,     "theme",     FALSE, 1,                 99,                0, NULL },
  { XS_PARAM_DATE,      "date",      FALSE, XS_PARAM_MIN_YEAR, XS_PARAM_MAX_YEAR, 0, N_ ("YYYY-MM-DD") },
  { XS_PARAM_YEAR,      "year",      FALSE, XS_PARAM_MIN_YEAR, XS_PARAM_MAX_YEAR, 0, N_ ("e.g. 2024") },
  /* 0.5 to 999.5 days, as tenths */
  { XS_PARAM_HALF_DAYS, "half-days", TRUE,  5,                 9995,              5, N_ ("in half days, e.g. 2.5") },
  /* 0 to 9999.9 hours, as tenths */
  { XS_PARAM_HOURS,     "hours",     TRUE,  0,                 99999,             1, N_ ("e.g. 12.5") },
  { XS_PARAM_COUNT,     "count",     TRUE,  1,                 999,               0, N_ ("a whole number from 1") },
  { XS_PARAM_RANK,      "rank",      FALSE, 1,                 9999,              0, N_ ("a whole number from 1") },
  { XS_PARAM_BOOLEAN,   "boolean",   FALSE, 0,                 0,                 0, NULL },
  { XS_PARAM_ENUM,      "enum",      FALSE, 0,                 0,                 0, NULL },
};
/* clang-format on */

/* Attributes every activity may carry whatever its kind. */
static const XsParamSpec generic_specs[] = {
  { (char *)"unified-platform", XS_PARAM_BOOLEAN, NULL, FALSE, FALSE },
};

typedef struct
{
  const char *name;
  const char *label;
} Label;

typedef struct
{
  const char *name; /* parameter, or NULL for any */
  const char *value;
  const char *label;
} ValueLabel;

static const Label param_labels[] = {
  { "subject", N_ ("Subject") },
  { "theme", N_ ("Public-subject theme") },
  { "start", N_ ("Start date") },
  { "end", N_ ("End date") },
  { "days", N_ ("Days") },
  { "unified-platform", N_ ("On a national base's unified platform") },
  { "hours", N_ ("Hours") },
  { "year", N_ ("Year counted") },
  { "level", N_ ("Level") },
  { "role", N_ ("Role") },
  { "rank", N_ ("Rank on the certificate") },
  { "grade", N_ ("Prize grade") },
  { "medal", N_ ("Medal") },
  { "passed", N_ ("Assessment passed") },
  { "mode", N_ ("Mode of service") },
  { "count", N_ ("Number passed") },
  { "public", N_ ("Public-subject hours as printed") },
  { "professional", N_ ("Professional hours as printed") },
};

static const ValueLabel value_labels[] = {
  { "level", "national", N_ ("National or international") },
  { "level", "provincial", N_ ("Provincial or ministerial") },
  { "level", "municipal", N_ ("Municipal or departmental") },
  { "role", "host", N_ ("Project host") },
  { "role", "main", N_ ("Main participant (top three, host excluded)") },
  { "role", "sole", N_ ("Sole author") },
  { "role", "first", N_ ("First author") },
  { "role", "corresponding", N_ ("Corresponding author") },
  { "role", "other", N_ ("Other") },
  { "grade", "1", N_ ("First prize") },
  { "grade", "2", N_ ("Second prize") },
  { "grade", "3", N_ ("Third prize") },
  { "medal", "gold", N_ ("Gold") },
  { "medal", "silver", N_ ("Silver") },
  { "medal", "bronze", N_ ("Bronze") },
  { "mode", "onsite", N_ ("On site (days)") },
  { "mode", "online", N_ ("Online (hours served)") },
};

static gint parse_count;

const XsParamTypeInfo *
xs_param_type_get_info (XsParamType type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_infos); i++)
    if (type_infos[i].type == type)
      return &type_infos[i];
  g_return_val_if_reached (NULL);
}

/* The rule file's word for a type: <param type="half-days">. */
gboolean
xs_param_type_from_string (const char *id, XsParamType *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_infos); i++)
    if (g_strcmp0 (type_infos[i].id, id) == 0)
      {
        *out = type_infos[i].type;
        return TRUE;
      }
  return FALSE;
}

/* What a value of @spec must be, with the table's limits. */
static char *
dup_expected (const XsParamSpec *spec, const XsParamTypeInfo *info)
{
  char max[32];

  switch (spec->type)
    {
    case XS_PARAM_SUBJECT:
      return g_strdup (_ ("public or professional"));
    case XS_PARAM_THEME:
      return g_strdup (_ ("one of the year's themes"));
    case XS_PARAM_DATE:
      return g_strdup_printf (_ ("a date as YYYY-MM-DD from %d to %d"), (int)info->min,
                              (int)info->max);
    case XS_PARAM_YEAR:
      return g_strdup_printf (_ ("a year from %d to %d"), (int)info->min, (int)info->max);
    case XS_PARAM_HALF_DAYS:
      return g_strdup_printf (_ ("days in half-day steps from 0.5 to %s"),
                              xs_tenths_format_buf (info->max, max, sizeof max));
    case XS_PARAM_HOURS:
      return g_strdup_printf (_ ("hours with at most one decimal, up to %s"),
                              xs_tenths_format_buf (info->max, max, sizeof max));
    case XS_PARAM_COUNT:
      return g_strdup_printf (_ ("a count from %d to %d"), (int)info->min, (int)info->max);
    case XS_PARAM_RANK:
      return g_strdup_printf (_ ("a rank from %d to %d"), (int)info->min, (int)info->max);
    case XS_PARAM_BOOLEAN:
      return g_strdup (_ ("true or false"));
    case XS_PARAM_ENUM:
    default:
      {
        GString *s = g_string_new (NULL);

        for (guint i = 0; spec->values != NULL && spec->values[i] != NULL; i++)
          g_string_append_printf (s, "%s%s", i ? _ (", ") : "",
                                  xs_param_get_value_label (spec->name, spec->values[i]));
        return g_string_free (s, FALSE);
      }
    }
}

/**
 * xs_param_parse:
 * @rules: the rules in force (a theme must be one of the year's)
 * @text: the value as stored
 * @out: (out): the typed value
 *
 * The one check of a parameter value. The error (XS_ENGINE_ERROR_BAD_VALUE) names the field by
 * its label and says what it takes, limits included; the editor shows it under the field and
 * the engine prefixes the activity.
 */
gboolean
xs_param_parse (XsRules *rules, const XsParamSpec *spec, const char *text, XsParamValue *out,
                GError **error)
{
  const XsParamTypeInfo *info = xs_param_type_get_info (spec->type);
  guint64 number = 0;
  gint64 tenths = 0;
  gboolean ok = FALSE;

  g_atomic_int_inc (&parse_count);
  memset (out, 0, sizeof *out);
  out->type = spec->type;

  switch (spec->type)
    {
    case XS_PARAM_SUBJECT:
      ok = xs_subject_from_string (text, &out->subject);
      break;
    case XS_PARAM_THEME:
      ok = xs_uint_parse (text, info->min, info->max, &number) &&
           (rules == NULL || xs_rules_get_theme_name (rules, text) != NULL);
      out->number = (guint)number;
      break;
    case XS_PARAM_DATE:
      ok = xs_date_parse (text, &out->date) && g_date_get_year (&out->date) >= info->min &&
           g_date_get_year (&out->date) <= info->max;
      break;
    case XS_PARAM_YEAR:
    case XS_PARAM_COUNT:
    case XS_PARAM_RANK:
      ok = xs_uint_parse (text, info->min, info->max, &number);
      out->number = (guint)number;
      break;
    case XS_PARAM_HALF_DAYS:
    case XS_PARAM_HOURS:
      ok = xs_tenths_parse (text, info->max, &tenths) && tenths >= info->min &&
           tenths % info->step == 0;
      out->tenths = tenths;
      break;
    case XS_PARAM_BOOLEAN:
      ok = g_strcmp0 (text, "true") == 0 || g_strcmp0 (text, "false") == 0;
      out->flag = g_strcmp0 (text, "true") == 0;
      break;
    case XS_PARAM_ENUM:
      for (guint i = 0; !ok && spec->values != NULL && spec->values[i] != NULL; i++)
        if (g_strcmp0 (spec->values[i], text) == 0)
          {
            out->number = i;
            ok = TRUE;
          }
      break;
    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      g_autofree char *expected = dup_expected (spec, info);

      /* TRANSLATORS: field label, the value as typed, what the field takes:
       * "Year counted: “2101” is not a year from 1990 to 2100" */
      g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_BAD_VALUE, _ ("%s: “%s” is not %s"),
                   xs_param_get_label (spec->name), text ? text : "", expected);
    }
  return ok;
}

/* Days, hours, counts and ranks as the tenths a credit formula multiplies. */
gint64
xs_param_value_get_tenths (const XsParamValue *value)
{
  switch (value->type)
    {
    case XS_PARAM_HALF_DAYS:
    case XS_PARAM_HOURS:
      return value->tenths;
    case XS_PARAM_YEAR:
    case XS_PARAM_COUNT:
    case XS_PARAM_RANK:
      return (gint64)value->number * 10;
    case XS_PARAM_SUBJECT:
    case XS_PARAM_THEME:
    case XS_PARAM_DATE:
    case XS_PARAM_BOOLEAN:
    case XS_PARAM_ENUM:
    default:
      return 0;
    }
}

/* The spec of an attribute every kind takes, or NULL. */
const XsParamSpec *
xs_param_get_generic_spec (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (generic_specs); i++)
    if (g_strcmp0 (generic_specs[i].name, name) == 0)
      return &generic_specs[i];
  return NULL;
}

const char *
xs_param_get_label (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (param_labels); i++)
    if (g_strcmp0 (param_labels[i].name, name) == 0)
      return _ (param_labels[i].label);
  return name;
}

const char *
xs_param_get_value_label (const char *name, const char *value)
{
  for (guint i = 0; i < G_N_ELEMENTS (value_labels); i++)
    if ((value_labels[i].name == NULL || g_strcmp0 (value_labels[i].name, name) == 0) &&
        g_strcmp0 (value_labels[i].value, value) == 0)
      return _ (value_labels[i].label);
  return value;
}

/* The editor's placeholder for a typed field, or NULL. */
const char *
xs_param_get_hint (const XsParamSpec *spec)
{
  const char *hint = xs_param_type_get_info (spec->type)->hint;

  return hint ? _ (hint) : NULL;
}

/* How many values xs_param_parse() has parsed in this process: tests count re-parsing. */
guint
xs_param_get_parse_count (void)
{
  return (guint)g_atomic_int_get (&parse_count);
}

/* ---------------------------------------------------------------------------------------- */
/* An activity's parameters, parsed once                                                     */
/* ---------------------------------------------------------------------------------------- */

typedef struct
{
  XsParamValue value;
  gboolean ok;
} Slot;

struct _XsTypedParams
{
  char *digest; /* of the rule file they were parsed under */
  char *kind;   /* the activity's kind then */
  guint n;      /* one slot per name/value pair of activity->params, in its order */
  Slot *slots;
  GError *error; /* the first parameter refused, without the activity's id; NULL if none */
};

void
xs_typed_params_free (XsTypedParams *typed)
{
  if (typed == NULL)
    return;
  g_free (typed->digest);
  g_free (typed->kind);
  g_free (typed->slots);
  g_clear_error (&typed->error);
  g_free (typed);
}

static XsTypedParams *
parse_all (XsRules *rules, const XsActivity *activity)
{
  XsTypedParams *typed = g_new0 (XsTypedParams, 1);
  const XsKind *kind = xs_rules_get_kind (rules, activity->kind);

  typed->digest = g_strdup (xs_rules_get_digest (rules));
  typed->kind = g_strdup (activity->kind);
  typed->n = activity->params->len / 2;
  typed->slots = g_new0 (Slot, typed->n);

  for (guint i = 0; kind != NULL && i < typed->n; i++)
    {
      const char *name = g_ptr_array_index (activity->params, 2 * i);
      const char *value = g_ptr_array_index (activity->params, 2 * i + 1);
      const XsParamSpec *spec = xs_kind_get_param (kind, name);

      if (spec == NULL)
        spec = xs_param_get_generic_spec (name);
      if (spec == NULL)
        {
          if (typed->error == NULL)
            g_set_error (&typed->error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_UNKNOWN_PARAM,
                         _ ("a “%s” activity has no “%s”"), kind->id, name);
          continue;
        }
      typed->slots[i].ok = xs_param_parse (rules, spec, value, &typed->slots[i].value,
                                           typed->error == NULL ? &typed->error : NULL);
    }
  return typed;
}

static gboolean
still_fits (const XsTypedParams *typed, XsRules *rules, const XsActivity *activity)
{
  return typed->n == activity->params->len / 2 && g_strcmp0 (typed->kind, activity->kind) == 0 &&
         g_strcmp0 (typed->digest, xs_rules_get_digest (rules)) == 0;
}

/**
 * xs_typed_params_get:
 * @owned: (out): set when the result is not kept with @activity; free it after use
 *
 * @activity's parameters parsed under @rules: the first call parses them and keeps the result
 * with the activity (xs_activity_set_param() drops it), later calls read it. Safe from several
 * threads at once as long as none changes the activity.
 */
const XsTypedParams *
xs_typed_params_get (XsRules *rules, const XsActivity *activity, XsTypedParams **owned)
{
  XsActivity *mutable = (XsActivity *)activity;
  XsTypedParams *kept = g_atomic_pointer_get (&mutable->typed);
  XsTypedParams *fresh;

  *owned = NULL;
  if (kept != NULL && still_fits (kept, rules, activity))
    return kept;

  fresh = parse_all (rules, activity);
  /* Another rule file's values stay for their readers; these are only lent. */
  if (kept == NULL && g_atomic_pointer_compare_and_exchange (&mutable->typed, NULL, fresh))
    return fresh;
  *owned = fresh;
  return fresh;
}

/* The typed value of parameter @name, NULL when absent or not valid. */
const XsParamValue *
xs_typed_params_lookup (const XsTypedParams *typed, const XsActivity *activity, const char *name)
{
  for (guint i = 0; i < typed->n; i++)
    if (strcmp (g_ptr_array_index (activity->params, 2 * i), name) == 0)
      return typed->slots[i].ok ? &typed->slots[i].value : NULL;
  return NULL;
}

/* The first parameter refused, with @activity's id in front. */
gboolean
xs_typed_params_check (const XsTypedParams *typed, const XsActivity *activity, GError **error)
{
  if (typed->error == NULL)
    return TRUE;
  g_set_error (error, typed->error->domain, typed->error->code, _ ("Activity %s: %s"), activity->id,
               typed->error->message);
  return FALSE;
}
