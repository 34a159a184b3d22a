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
#include "xs-params.h"
#include "xs-tenths.h"

/* clang-format off */
G_DEFINE_QUARK (xs-engine-error-quark, xs_engine_error)
/* clang-format on */

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

/* A parameter's typed value, NULL when not given or not valid. */
static const XsParamValue *
typed_value (const XsTypedParams *typed, const XsActivity *activity, const char *name)
{
  return xs_typed_params_lookup (typed, activity, name);
}

/* The value of a parameter the engine reads by name (start, end, year…), NULL unless the rule
 * file declares it with the type the formulas expect. */
static const XsParamValue *
typed_as (const XsTypedParams *typed, const XsActivity *activity, const char *name,
          XsParamType type)
{
  const XsParamValue *value = xs_typed_params_lookup (typed, activity, name);

  return value != NULL && value->type == type ? value : NULL;
}

static const XsCase *
find_case (const XsKind *kind, const XsActivity *activity, const XsTypedParams *typed)
{
  for (guint i = 0; kind->cases != NULL && i < kind->cases->len; i++)
    {
      const XsCase *c = g_ptr_array_index (kind->cases, i);
      gboolean all = TRUE;

      for (guint m = 0; all && m < c->matches->len; m++)
        {
          const XsMatch *match = g_ptr_array_index (c->matches, m);
          const XsParamValue *value = typed_value (typed, activity, match->param);

          if (value == NULL)
            all = FALSE;
          else if (match->values != NULL)
            all = g_strv_contains ((const char *const *)match->values,
                                   xs_activity_get_param (activity, match->param));
          else
            all = (gint64)value->number >= match->min && (gint64)value->number <= match->max;
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
 * each value well-formed and within the limits of xs-params.c, required ones present, dates in
 * order, days within the dates, a year to count in, and whatever the matching credit formula
 * reads. The values are parsed once and kept with @activity for xs_engine_compute().
 */
gboolean
xs_engine_validate (XsRules *rules, const XsActivity *activity, GError **error)
{
  const XsKind *kind;
  const XsParamValue *start, *end, *days, *subject;
  g_autoptr (XsTypedParams) owned = NULL;
  const XsTypedParams *typed;
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

  typed = xs_typed_params_get (rules, activity, &owned);
  if (!xs_typed_params_check (typed, activity, error))
    return FALSE;

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

  subject = typed_as (typed, activity, "subject", XS_PARAM_SUBJECT);
  if (typed_value (typed, activity, "theme") != NULL &&
      (subject == NULL || subject->subject != XS_SUBJECT_PUBLIC))
    {
      g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_BAD_VALUE,
                   _ ("Activity %s: only public-subject activities carry a theme"), activity->id);
      return FALSE;
    }

  start = typed_as (typed, activity, "start", XS_PARAM_DATE);
  end = typed_as (typed, activity, "end", XS_PARAM_DATE);
  if (start != NULL && end != NULL)
    {
      if (g_date_compare (&end->date, &start->date) < 0)
        {
          g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_DATES,
                       _ ("Activity %s: it ends (%s) before it starts (%s)"), activity->id,
                       xs_activity_get_param (activity, "end"),
                       xs_activity_get_param (activity, "start"));
          return FALSE;
        }

      days = typed_as (typed, activity, "days", XS_PARAM_HALF_DAYS);
      if (days != NULL &&
          g_strcmp0 (xs_rules_get_setting (rules, "days-within-dates"), "true") == 0 &&
          xs_kind_get_param (kind, "days")->within_dates &&
          days->tenths > (gint64)xs_date_inclusive_days (&start->date, &end->date) * 10)
        {
          g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_DATES,
                       _ ("Activity %s: %s days do not fit between %s and %s"), activity->id,
                       xs_activity_get_param (activity, "days"),
                       xs_activity_get_param (activity, "start"),
                       xs_activity_get_param (activity, "end"));
          return FALSE;
        }
    }

  if (kind->year_rule == XS_YEAR_RULE_YEAR &&
      typed_as (typed, activity, "year", XS_PARAM_YEAR) == NULL && end == NULL && start == NULL)
    {
      g_set_error (error, XS_ENGINE_ERROR, XS_ENGINE_ERROR_MISSING_PARAM,
                   _ ("Activity %s: give the year it counts in (year, or its end date)"),
                   activity->id);
      return FALSE;
    }

  c = find_case (kind, activity, typed);
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
year_of_date (const XsTypedParams *typed, const XsActivity *activity, const char *name)
{
  const XsParamValue *value = typed_as (typed, activity, name, XS_PARAM_DATE);

  return value != NULL ? g_date_get_year (&value->date) : 0;
}

static guint
counted_year (XsRules *rules, const XsKind *kind, const XsActivity *activity,
              const XsTypedParams *typed)
{
  const XsParamValue *year = typed_as (typed, activity, "year", XS_PARAM_YEAR);
  guint start_year = year_of_date (typed, activity, "start");
  guint end_year = year_of_date (typed, activity, "end");

  if (year != NULL)
    return year->number;

  /* Over New Year the rule file decides; see the cross-year-placement setting. */
  if (kind->year_rule == XS_YEAR_RULE_DATES && start_year != 0 && end_year != 0 &&
      g_strcmp0 (xs_rules_get_setting (rules, "cross-year-placement"), "start") == 0)
    return start_year;

  return end_year != 0 ? end_year : start_year;
}

static XsSubject
credit_subject (const XsKind *kind, const XsActivity *activity, const XsTypedParams *typed)
{
  const XsParamValue *subject;

  switch (kind->subject_rule)
    {
    case XS_SUBJECT_RULE_CHOSEN:
      subject = typed_as (typed, activity, "subject", XS_PARAM_SUBJECT);
      return subject != NULL ? subject->subject : XS_SUBJECT_NONE;
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
param_tenths (const XsTypedParams *typed, const XsActivity *activity, const char *name)
{
  const XsParamValue *value = typed_value (typed, activity, name);

  return value != NULL ? xs_param_value_get_tenths (value) : 0;
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
compute_case (XsCredit *credit, const XsCase *c, const XsActivity *activity,
              const XsTypedParams *typed)
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
        gint64 units = param_tenths (typed, activity, c->param);
        /* units and hours are both tenths: the product is hundredths. */
        assign_hours (credit, units * c->hours_tenths / 10);
        text = g_strdup_printf ("%s %s × %s 学时", xs_tenths_format_buf (units, a, sizeof a),
                                c->unit, xs_tenths_format_buf (c->hours_tenths, b, sizeof b));
        credit->reason = labelled (c->label, text);
      }
      break;

    case XS_FORMULA_AS_GIVEN:
      {
        gint64 hours = param_tenths (typed, activity, c->param);
        assign_hours (credit, hours);
        text = g_strdup_printf ("%s 学时", xs_tenths_format_buf (hours, a, sizeof a));
        credit->reason = labelled (c->label, text);
      }
      break;

    case XS_FORMULA_AS_PRINTED:
      credit->public_tenths = param_tenths (typed, activity, "public");
      credit->professional_tenths = param_tenths (typed, activity, "professional");
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
compute_deemed (XsRules *rules, XsCredit *credit, const XsKind *kind, const XsActivity *activity,
                const XsTypedParams *typed)
{
  const XsDeemed *deemed = kind->deemed;
  const XsParamValue *start_value = typed_as (typed, activity, "start", XS_PARAM_DATE);
  const XsParamValue *end_value = typed_as (typed, activity, "end", XS_PARAM_DATE);
  const XsParamValue *required = NULL;
  GDate start, end;
  guint months;
  const XsBand *band = NULL;
  gboolean upper_inclusive;
  GString *years;

  if (start_value != NULL)
    start = start_value->date;
  if (end_value != NULL)
    end = end_value->date;
  if (start_value == NULL || end_value == NULL || g_date_compare (&end, &start) < 0)
    {
      credit->reason = g_strdup ("起止日期不完整，无法认定");
      return;
    }

  months = xs_date_full_months (&start, &end);

  if (deemed->requires != NULL)
    required = typed_as (typed, activity, deemed->requires, XS_PARAM_BOOLEAN);
  if (deemed->requires != NULL && (required == NULL || !required->flag))
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
  g_autoptr (XsTypedParams) owned = NULL;
  const XsTypedParams *typed;
  const XsKind *kind;
  const XsCase *c;

  g_return_val_if_fail (XS_IS_RULES (rules), credit);

  kind = xs_rules_get_kind (rules, activity->kind);
  if (kind == NULL)
    {
      credit->reason = g_strdup_printf ("未知的活动形式“%s”，不折算学时", activity->kind);
      return credit;
    }

  typed = xs_typed_params_get (rules, activity, &owned);
  credit->year = counted_year (rules, kind, activity, typed);
  credit->subject = credit_subject (kind, activity, typed);

  if (kind->deemed != NULL)
    {
      compute_deemed (rules, credit, kind, activity, typed);
      return credit;
    }

  c = find_case (kind, activity, typed);
  if (c != NULL)
    {
      compute_case (credit, c, activity, typed);
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
