/* xs-engine.c — what one activity is worth under the rules: validation and credit.
 *
 * Everything specific to a kind comes from the rule file; this file only knows the formulas
 * (fixed, per unit, as given, as printed) and the deemed-complete bands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "xs-date.h"
#include "xs-engine.h"
#include "xs-tenths.h"

/* clang-format off */
G_DEFINE_QUARK (xs-engine-error-quark, xs_engine_error)
/* clang-format on */

/* Attributes every activity may carry whatever its kind. */
static const char *const generic_params[] = { "unified-platform", NULL };

#define MAX_DAYS_TENTHS 9995   /* 999.5 days */
#define MAX_HOURS_TENTHS 99999 /* 9999.9 hours */
#define MAX_COUNT 999

void
xs_credit_free (XsCredit *credit)
{
  if (credit == NULL)
    return;
  g_clear_pointer (&credit->deemed_years, g_array_unref);
  g_free (credit->reason);
  g_free (credit);
}

gint64
xs_credit_get_hours (const XsCredit *credit)
{
  return credit->public_tenths + credit->professional_tenths;
}

gboolean
xs_credit_is_deemed (const XsCredit *credit)
{
  return credit->deemed_years != NULL && credit->deemed_years->len > 0;
}

static gboolean
bad_value (GError **error, const XsActivity *activity, const char *name, const char *value,
           const char *expected)
{
  g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_BAD_VALUE,
               _ ("Activity %s: “%s” is not a valid %s (%s)"), activity->id, value, name, expected);
  return FALSE;
}

static gboolean
validate_value (const XsActivity *activity, const XsParamSpec *spec, const char *value,
                GError **error)
{
  GDate date;
  gint64 tenths;
  guint64 number;

  switch (spec->type)
    {
    case XS_PARAM_SUBJECT:
      {
        XsSubject subject;
        if (!xs_subject_from_string (value, &subject))
          return bad_value (error, activity, spec->name, value, _ ("public or professional"));
      }
      break;
    case XS_PARAM_THEME:
      if (!xs_uint_parse (value, 1, 99, &number))
        return bad_value (error, activity, spec->name, value, _ ("a theme number"));
      break;
    case XS_PARAM_DATE:
      if (!xs_date_parse (value, &date))
        return bad_value (error, activity, spec->name, value, _ ("a date as YYYY-MM-DD"));
      break;
    case XS_PARAM_YEAR:
      if (!xs_uint_parse (value, 1900, 2199, &number))
        return bad_value (error, activity, spec->name, value, _ ("a year"));
      break;
    case XS_PARAM_HALF_DAYS:
      if (!xs_tenths_parse (value, MAX_DAYS_TENTHS, &tenths) || tenths % 5 != 0 || tenths == 0)
        return bad_value (error, activity, spec->name, value, _ ("days in half-day steps"));
      break;
    case XS_PARAM_HOURS:
      if (!xs_tenths_parse (value, MAX_HOURS_TENTHS, &tenths))
        return bad_value (error, activity, spec->name, value, _ ("hours with at most one decimal"));
      break;
    case XS_PARAM_COUNT:
      if (!xs_uint_parse (value, 1, MAX_COUNT, &number))
        return bad_value (error, activity, spec->name, value, _ ("a count from 1"));
      break;
    case XS_PARAM_RANK:
      if (!xs_uint_parse (value, 1, 9999, &number))
        return bad_value (error, activity, spec->name, value, _ ("a rank from 1"));
      break;
    case XS_PARAM_BOOLEAN:
      if (g_strcmp0 (value, "true") != 0 && g_strcmp0 (value, "false") != 0)
        return bad_value (error, activity, spec->name, value, _ ("true or false"));
      break;
    case XS_PARAM_ENUM:
      if (!g_strv_contains ((const char *const *)spec->values, value))
        {
          g_autofree char *choices = g_strjoinv (", ", spec->values);
          return bad_value (error, activity, spec->name, value, choices);
        }
      break;
    default:
      g_assert_not_reached ();
    }
  return TRUE;
}

static const XsCase *
find_case (const XsKind *kind, const XsActivity *activity)
{
  for (guint i = 0; kind->cases != NULL && i < kind->cases->len; i++)
    {
      const XsCase *c = g_ptr_array_index (kind->cases, i);
      gboolean all = TRUE;

      for (guint m = 0; all && m < c->matches->len; m++)
        {
          const XsMatch *match = g_ptr_array_index (c->matches, m);
          const char *value = xs_activity_get_param (activity, match->param);
          guint64 number;

          if (value == NULL)
            all = FALSE;
          else if (match->values != NULL)
            all = g_strv_contains ((const char *const *)match->values, value);
          else
            all = xs_uint_parse (value, 0, G_MAXINT64, &number) && (gint64)number >= match->min &&
                  (gint64)number <= match->max;
        }
      if (all)
        return c;
    }
  return NULL;
}

/**
 * xs_engine_validate:
 *
 * Whether @activity is complete and consistent for its kind: known kind, only its parameters,
 * each value well-formed, required ones present, dates in order, days within the dates, a year
 * to count in, and whatever the matching credit formula reads.
 */
gboolean
xs_engine_validate (XsRules *rules, const XsActivity *activity, GError **error)
{
  const XsKind *kind;
  const char *start, *end, *days, *theme, *subject;
  GDate start_date, end_date;
  const XsCase *c;

  g_return_val_if_fail (XS_IS_RULES (rules), FALSE);
  g_return_val_if_fail (activity != NULL, FALSE);

  kind = xs_rules_get_kind (rules, activity->kind);
  if (kind == NULL)
    {
      g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_UNKNOWN_KIND,
                   _ ("Activity %s: unknown kind “%s”"), activity->id, activity->kind);
      return FALSE;
    }

  for (guint i = 0; i + 1 < activity->params->len; i += 2)
    {
      const char *name = g_ptr_array_index (activity->params, i);
      const char *value = g_ptr_array_index (activity->params, i + 1);
      const XsParamSpec *spec = xs_kind_get_param (kind, name);

      if (spec == NULL)
        {
          if (g_strv_contains (generic_params, name))
            {
              if (g_strcmp0 (value, "true") != 0 && g_strcmp0 (value, "false") != 0)
                return bad_value (error, activity, name, value, _ ("true or false"));
              continue;
            }
          g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_UNKNOWN_PARAM,
                       _ ("Activity %s: a “%s” activity has no “%s”"), activity->id, kind->id,
                       name);
          return FALSE;
        }
      if (!validate_value (activity, spec, value, error))
        return FALSE;
    }

  for (guint i = 0; i < kind->params->len; i++)
    {
      const XsParamSpec *spec = g_ptr_array_index (kind->params, i);

      if (spec->required && xs_activity_get_param (activity, spec->name) == NULL)
        {
          g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_MISSING_PARAM,
                       _ ("Activity %s: a “%s” activity needs “%s”"), activity->id, kind->id,
                       spec->name);
          return FALSE;
        }
    }

  theme = xs_activity_get_param (activity, "theme");
  subject = xs_activity_get_param (activity, "subject");
  if (theme != NULL)
    {
      if (xs_rules_get_theme_name (rules, theme) == NULL)
        return bad_value (error, activity, "theme", theme, _ ("one of the year's themes"));
      if (g_strcmp0 (subject, "public") != 0)
        {
          g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_BAD_VALUE,
                       _ ("Activity %s: only public-subject activities carry a theme"),
                       activity->id);
          return FALSE;
        }
    }

  start = xs_activity_get_param (activity, "start");
  end = xs_activity_get_param (activity, "end");
  if (start != NULL && end != NULL)
    {
      xs_date_parse (start, &start_date);
      xs_date_parse (end, &end_date);
      if (g_date_compare (&end_date, &start_date) < 0)
        {
          g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_DATES,
                       _ ("Activity %s: it ends (%s) before it starts (%s)"), activity->id, end,
                       start);
          return FALSE;
        }

      days = xs_activity_get_param (activity, "days");
      if (days != NULL &&
          g_strcmp0 (xs_rules_get_setting (rules, "days-within-dates"), "true") == 0)
        {
          const XsParamSpec *spec = xs_kind_get_param (kind, "days");
          gint64 tenths = 0;

          xs_tenths_parse (days, MAX_DAYS_TENTHS, &tenths);
          if (spec->within_dates &&
              tenths > (gint64)xs_date_inclusive_days (&start_date, &end_date) * 10)
            {
              g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_DATES,
                           _ ("Activity %s: %s days do not fit between %s and %s"), activity->id,
                           days, start, end);
              return FALSE;
            }
        }
    }

  if (kind->year_rule == XS_YEAR_RULE_YEAR && xs_activity_get_param (activity, "year") == NULL &&
      end == NULL && start == NULL)
    {
      g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_MISSING_PARAM,
                   _ ("Activity %s: give the year it counts in (year, or its end date)"),
                   activity->id);
      return FALSE;
    }

  c = find_case (kind, activity);
  if (c != NULL && c->param != NULL && xs_activity_get_param (activity, c->param) == NULL)
    {
      g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_MISSING_PARAM,
                   _ ("Activity %s: this “%s” activity needs “%s”"), activity->id, kind->id,
                   c->param);
      return FALSE;
    }

  return TRUE;
}

static guint
year_of_param (const XsActivity *activity, const char *name)
{
  GDate date;
  const char *value = xs_activity_get_param (activity, name);

  if (value == NULL || !xs_date_parse (value, &date))
    return 0;
  return g_date_get_year (&date);
}

static guint
counted_year (XsRules *rules, const XsKind *kind, const XsActivity *activity)
{
  const char *year = xs_activity_get_param (activity, "year");
  guint start_year = year_of_param (activity, "start");
  guint end_year = year_of_param (activity, "end");
  guint64 number;

  if (year != NULL && xs_uint_parse (year, 1900, 2199, &number))
    return (guint)number;

  /* Over New Year the rule file decides; see the cross-year-placement setting. */
  if (kind->year_rule == XS_YEAR_RULE_DATES && start_year != 0 && end_year != 0 &&
      g_strcmp0 (xs_rules_get_setting (rules, "cross-year-placement"), "start") == 0)
    return start_year;

  return end_year != 0 ? end_year : start_year;
}

static XsSubject
credit_subject (const XsKind *kind, const XsActivity *activity)
{
  XsSubject subject = XS_SUBJECT_NONE;

  switch (kind->subject_rule)
    {
    case XS_SUBJECT_RULE_CHOSEN:
      xs_subject_from_string (xs_activity_get_param (activity, "subject"), &subject);
      return subject;
    case XS_SUBJECT_RULE_FIXED:
      return kind->fixed_subject;
    case XS_SUBJECT_RULE_AS_PRINTED:
      return XS_SUBJECT_BOTH;
    case XS_SUBJECT_RULE_NONE:
    default:
      return XS_SUBJECT_NONE;
    }
}

static gint64
param_tenths (const XsActivity *activity, const char *name)
{
  gint64 tenths = 0;
  guint64 number;
  const char *value = xs_activity_get_param (activity, name);

  if (value == NULL)
    return 0;
  if (xs_tenths_parse (value, MAX_HOURS_TENTHS, &tenths))
    return tenths;
  if (xs_uint_parse (value, 0, MAX_COUNT, &number))
    return (gint64)number * 10;
  return 0;
}

static void
assign_hours (XsCredit *credit, gint64 tenths)
{
  if (credit->subject == XS_SUBJECT_PUBLIC)
    credit->public_tenths = tenths;
  else if (credit->subject == XS_SUBJECT_PROFESSIONAL)
    credit->professional_tenths = tenths;
}

static char *
labelled (const char *label, const char *text)
{
  return label ? g_strdup_printf ("%s %s", label, text) : g_strdup (text);
}

static void
compute_case (XsCredit *credit, const XsCase *c, const XsActivity *activity)
{
  char a[32], b[32];
  g_autofree char *text = NULL;

  switch (c->formula)
    {
    case XS_FORMULA_FIXED:
      assign_hours (credit, c->hours_tenths);
      credit->reason = g_strdup_printf ("%s：%s 学时", c->label,
                                        xs_tenths_format_buf (c->hours_tenths, a, sizeof a));
      break;

    case XS_FORMULA_PER_UNIT:
      {
        gint64 units = param_tenths (activity, c->param);
        /* units and hours are both tenths: the product is hundredths. */
        assign_hours (credit, units * c->hours_tenths / 10);
        text = g_strdup_printf ("%s %s × %s 学时", xs_tenths_format_buf (units, a, sizeof a),
                                c->unit, xs_tenths_format_buf (c->hours_tenths, b, sizeof b));
        credit->reason = labelled (c->label, text);
      }
      break;

    case XS_FORMULA_AS_GIVEN:
      {
        gint64 hours = param_tenths (activity, c->param);
        assign_hours (credit, hours);
        text = g_strdup_printf ("%s 学时", xs_tenths_format_buf (hours, a, sizeof a));
        credit->reason = labelled (c->label, text);
      }
      break;

    case XS_FORMULA_AS_PRINTED:
      credit->public_tenths = param_tenths (activity, "public");
      credit->professional_tenths = param_tenths (activity, "professional");
      text = g_strdup_printf ("公需 %s 学时，专业 %s 学时",
                              xs_tenths_format_buf (credit->public_tenths, a, sizeof a),
                              xs_tenths_format_buf (credit->professional_tenths, b, sizeof b));
      credit->reason = labelled (c->label, text);
      break;

    default:
      g_assert_not_reached ();
    }
}

static guint
majority_year (XsRules *rules, const GDate *start, const GDate *end)
{
  guint first = g_date_get_year (start), last = g_date_get_year (end);
  gboolean tie_to_start =
      g_strcmp0 (xs_rules_get_setting (rules, "deemed-majority-tie"), "start") == 0;
  guint best = first, best_days = 0;

  for (guint y = first; y <= last; y++)
    {
      guint days = xs_date_days_in_year (start, end, y);

      if (days > best_days || (days == best_days && !tie_to_start))
        {
          best = y;
          best_days = days;
        }
    }
  return best;
}

static void
compute_deemed (XsRules *rules, XsCredit *credit, const XsKind *kind, const XsActivity *activity)
{
  const XsDeemed *deemed = kind->deemed;
  GDate start, end;
  guint months;
  const XsBand *band = NULL;
  gboolean upper_inclusive;
  GString *years;

  if (!xs_date_parse (xs_activity_get_param (activity, "start"), &start) ||
      !xs_date_parse (xs_activity_get_param (activity, "end"), &end) ||
      g_date_compare (&end, &start) < 0)
    {
      credit->reason = g_strdup ("起止日期不完整，无法认定");
      return;
    }

  months = xs_date_full_months (&start, &end);

  if (deemed->requires != NULL &&
      g_strcmp0 (xs_activity_get_param (activity, deemed->requires), "true") != 0)
    {
      credit->reason = g_strdup (deemed->failed_reason);
      return;
    }

  /* deemed-band-edges: "lower-inclusive" (exactly 6 months is 6 months or more; exactly a
   * year falls in the year-or-more band) or "upper-inclusive" (the other way round). */
  upper_inclusive =
      g_strcmp0 (xs_rules_get_setting (rules, "deemed-band-edges"), "upper-inclusive") == 0;
  for (guint i = 0; i < deemed->bands->len; i++)
    {
      const XsBand *b = g_ptr_array_index (deemed->bands, i);
      gboolean in = upper_inclusive
                        ? (months > b->min_months || (b->min_months == 0)) &&
                              (b->max_months == 0 || months <= b->max_months)
                        : months >= b->min_months && (b->max_months == 0 || months < b->max_months);

      if (in)
        {
          band = b;
          break;
        }
    }

  if (band == NULL)
    {
      credit->reason = g_strdup_printf ("%s（%u 个月）", deemed->short_reason, months);
      return;
    }

  credit->deemed_years = g_array_new (FALSE, FALSE, sizeof (guint));
  switch (band->placement)
    {
    case XS_PLACEMENT_MAJORITY:
      {
        guint y = majority_year (rules, &start, &end);
        g_array_append_val (credit->deemed_years, y);
      }
      break;
    case XS_PLACEMENT_EVERY_YEAR:
      for (guint y = g_date_get_year (&start); y <= g_date_get_year (&end); y++)
        g_array_append_val (credit->deemed_years, y);
      break;
    case XS_PLACEMENT_START:
      {
        guint y = g_date_get_year (&start);
        g_array_append_val (credit->deemed_years, y);
      }
      break;
    case XS_PLACEMENT_END:
    default:
      {
        guint y = g_date_get_year (&end);
        g_array_append_val (credit->deemed_years, y);
      }
      break;
    }

  credit->year = g_array_index (credit->deemed_years, guint, 0);

  years = g_string_new (NULL);
  for (guint i = 0; i < credit->deemed_years->len; i++)
    g_string_append_printf (years, "%s%u", i ? "、" : "",
                            g_array_index (credit->deemed_years, guint, i));
  {
    char total[32];
    credit->reason = g_strdup_printf (
        "%s %u 个月，考核合格，视为完成 %s 年度继续教育 %s 学时", deemed->label, months, years->str,
        xs_tenths_format_buf (xs_rules_get_min_total (rules), total, sizeof total));
  }
  g_string_free (years, TRUE);
}

/**
 * xs_engine_compute:
 *
 * The credit an activity earns, whatever its review status (the summary decides what counts).
 * Never fails: an activity that earns nothing gets zero hours and the reason why.
 *
 * Returns: (transfer full): the credit
 */
XsCredit *
xs_engine_compute (XsRules *rules, const XsActivity *activity)
{
  XsCredit *credit = g_new0 (XsCredit, 1);
  const XsKind *kind;
  const XsCase *c;

  g_return_val_if_fail (XS_IS_RULES (rules), credit);

  kind = xs_rules_get_kind (rules, activity->kind);
  if (kind == NULL)
    {
      credit->reason = g_strdup_printf ("未知的活动形式“%s”，不折算学时", activity->kind);
      return credit;
    }

  credit->year = counted_year (rules, kind, activity);
  credit->subject = credit_subject (kind, activity);

  if (kind->deemed != NULL)
    {
      compute_deemed (rules, credit, kind, activity);
      return credit;
    }

  c = find_case (kind, activity);
  if (c != NULL)
    {
      compute_case (credit, c, activity);
      /* An earlier sheet certifies its whole year: see certified-year-combination. */
      credit->replaces_year =
          c->formula == XS_FORMULA_AS_PRINTED &&
          g_strcmp0 (xs_rules_get_setting (rules, "certified-year-combination"), "add") != 0;
    }
  else
    credit->reason =
        g_strdup (kind->otherwise_reason ? kind->otherwise_reason : "参数不完整，不折算学时");
  return credit;
}
