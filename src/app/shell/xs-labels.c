/* xs-labels.c — words the window shows for the rule file's identifiers and for hours.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-labels.h"

/* A counted parameter takes its unit from the kind's per-unit case: "Number passed (门)". */
static const char *
per_unit_word (const XsKind *kind, const char *param)
{
  for (guint i = 0; kind->cases != NULL && i < kind->cases->len; i++)
    {
      const XsCase *c = g_ptr_array_index (kind->cases, i);

      if (c->formula == XS_FORMULA_PER_UNIT && g_strcmp0 (c->param, param) == 0 && c->unit)
        return c->unit;
    }
  return NULL;
}

/**
 * xs_param_dup_title:
 *
 * Returns: (transfer full): the field's label for this kind
 */
char *
xs_param_dup_title (const XsKind *kind, const XsParamSpec *spec)
{
  const char *unit = spec->type == XS_PARAM_HALF_DAYS ? NULL : per_unit_word (kind, spec->name);

  const char *label = spec->label ? spec->label : xs_param_get_label (spec->name);

  if (unit != NULL)
    return g_strdup_printf ("%s（%s）", label, unit);
  return g_strdup (label);
}

const char *
xs_status_get_label (XsStatus status)
{
  switch (status)
    {
    case XS_STATUS_APPROVED:
      return _ ("Approved");
    case XS_STATUS_REJECTED:
      return _ ("Rejected");
    case XS_STATUS_PENDING:
    default:
      return _ ("Awaiting review");
    }
}

/**
 * xs_widget_set_state_class:
 * @css_class: (nullable): "success", "warning" or "error"; %NULL for none
 *
 * Gives @widget one of libadwaita's state colours, removing the others.
 */
void
xs_widget_set_state_class (GtkWidget *widget, const char *css_class)
{
  static const char *const classes[] = { "success", "warning", "error" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_strcmp0 (css_class, classes[i]) != 0)
      gtk_widget_remove_css_class (widget, classes[i]);
  if (css_class != NULL)
    gtk_widget_add_css_class (widget, css_class);
}

const char *
xs_status_get_css_class (XsStatus status)
{
  switch (status)
    {
    case XS_STATUS_APPROVED:
      return "success";
    case XS_STATUS_REJECTED:
      return "error";
    case XS_STATUS_PENDING:
    default:
      return "warning";
    }
}

/**
 * xs_hours_dup_label:
 *
 * Returns: (transfer full): "12.5 h" (学时), a trailing .0 dropped
 */
char *
xs_hours_dup_label (gint64 tenths)
{
  char buf[32];

  /* TRANSLATORS: %s is a number of hours (学时), e.g. "12.5" */
  return g_strdup_printf (_ ("%s h"), xs_tenths_format_buf (tenths, buf, sizeof buf));
}

/**
 * xs_missing_dup_text:
 * @missing: items as the evidence check gives them, "a|b" when either would do
 *
 * Returns: (transfer full): the materials in words, e.g. "通知、签到表或课程表"
 */
char *
xs_missing_dup_text (XsRules *rules, GPtrArray *missing)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; missing != NULL && i < missing->len; i++)
    {
      g_auto (GStrv) alternatives = g_strsplit (g_ptr_array_index (missing, i), "|", -1);

      if (i > 0)
        /* TRANSLATORS: separates items of a list of materials */
        g_string_append (s, _ (", "));
      for (guint k = 0; alternatives[k] != NULL; k++)
        {
          const char *name = xs_rules_get_material_name (rules, alternatives[k]);

          if (k > 0)
            /* TRANSLATORS: between alternative materials, either of which would do */
            g_string_append (s, _ (" or "));
          g_string_append (s, name ? name : alternatives[k]);
        }
    }
  return g_string_free (s, FALSE);
}

/**
 * xs_param_dup_value_text:
 *
 * Returns: (transfer full): a stored parameter value as the clerk reads it
 */
char *
xs_param_dup_value_text (XsRules *rules, const XsParamSpec *spec, const char *value)
{
  XsSubject subject;

  switch (spec->type)
    {
    case XS_PARAM_SUBJECT:
      if (xs_subject_from_string (value, &subject))
        return g_strdup (xs_rules_get_subject_name (rules, subject));
      return g_strdup (value);
    case XS_PARAM_THEME:
      {
        const char *theme = xs_rules_get_theme_name (rules, value);
        return g_strdup (theme ? theme : value);
      }
    case XS_PARAM_BOOLEAN:
      return g_strdup (g_str_equal (value, "true") ? _ ("Yes") : _ ("No"));
    case XS_PARAM_ENUM:
      return g_strdup (xs_param_get_value_label (spec->name, value));
    case XS_PARAM_DATE:
    case XS_PARAM_YEAR:
    case XS_PARAM_HALF_DAYS:
    case XS_PARAM_HOURS:
    case XS_PARAM_COUNT:
    case XS_PARAM_RANK:
    default:
      return g_strdup (value);
    }
}
