/* xs-cli-rules.c — `xueshi-cli rules [--year YEAR]`: the rule table in force, from the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

static const char *
subject_rule_text (XsRules *rules, const XsKind *kind)
{
  switch (kind->subject_rule)
    {
    case XS_SUBJECT_RULE_CHOSEN:
      return "公需或专业（自选）";
    case XS_SUBJECT_RULE_FIXED:
      return xs_rules_get_subject_name (rules, kind->fixed_subject);
    case XS_SUBJECT_RULE_AS_PRINTED:
      return "按认定单所载";
    case XS_SUBJECT_RULE_NONE:
    default:
      return "视为完成";
    }
}

static void
print_case (const XsCase *c)
{
  char a[32];

  switch (c->formula)
    {
    case XS_FORMULA_FIXED:
      g_print ("      %s：%s 学时\n", c->label,
               xs_tenths_format_buf (c->hours_tenths, a, sizeof a));
      break;
    case XS_FORMULA_PER_UNIT:
      g_print ("      %s每%s %s 学时\n", c->label ? c->label : "", c->unit,
               xs_tenths_format_buf (c->hours_tenths, a, sizeof a));
      break;
    case XS_FORMULA_AS_GIVEN:
      g_print ("      %s：按实际学时（%s）\n", c->label ? c->label : "", c->param);
      break;
    case XS_FORMULA_AS_PRINTED:
      g_print ("      %s：公需、专业学时按原件\n", c->label ? c->label : "");
      break;
    default:
      break;
    }
}

static void
print_evidence (XsRules *rules, const XsKind *kind)
{
  for (guint b = 0; b < kind->bundles->len; b++)
    {
      const XsEvidenceBundle *bundle = g_ptr_array_index (kind->bundles, b);
      GString *line = g_string_new (NULL);

      for (guint i = 0; i < bundle->items->len; i++)
        {
          const XsEvidenceItem *item = g_ptr_array_index (bundle->items, i);

          if (i > 0)
            g_string_append (line, " + ");
          for (guint m = 0; item->materials[m] != NULL; m++)
            g_string_append_printf (line, "%s%s", m ? "或" : "",
                                    xs_rules_get_material_name (rules, item->materials[m]));
        }
      g_print ("    材料%s：%s\n", kind->bundles->len > 1 ? (b == 0 ? "（一）" : "（二）") : "",
               line->str);
      g_string_free (line, TRUE);
    }
}

static void
print_rules (XsRules *rules)
{
  GPtrArray *kinds = xs_rules_get_kinds (rules);
  GPtrArray *settings = xs_rules_get_settings (rules);
  GPtrArray *bases = xs_rules_get_bases (rules);
  GPtrArray *themes = xs_rules_get_themes (rules);
  char a[32], b[32], c[32];
  guint ws_m, ws_d, we_m, we_d;

  g_print ("%s（%s，版本 %s）\n\n", xs_rules_get_title (rules), xs_rules_get_id (rules),
           xs_rules_get_version (rules));
  g_print ("每年要求：公需科目 ≥ %s 学时，专业科目 ≥ %s 学时，合计 ≥ %s 学时\n",
           xs_tenths_format_buf (xs_rules_get_min_public (rules), a, sizeof a),
           xs_tenths_format_buf (xs_rules_get_min_professional (rules), b, sizeof b),
           xs_tenths_format_buf (xs_rules_get_min_total (rules), c, sizeof c));
  xs_rules_get_window (rules, &ws_m, &ws_d, &we_m, &we_d);
  g_print ("核认跨度：%u–%u 年（%s）；网上核认期限 %u 月 %u 日至 %u 月 %u 日\n",
           xs_rules_get_span_from (rules), xs_rules_get_span_to (rules),
           xs_rules_get_span_mode (rules) == XS_SPAN_CUMULATIVE ? "累计" : "逐年达标", ws_m, ws_d,
           we_m, we_d);

  g_print ("\n公需科目主题：\n");
  for (guint i = 0; i < themes->len; i++)
    {
      const XsNamed *t = g_ptr_array_index (themes, i);
      g_print ("  %s. %s\n", t->id, t->name);
    }

  g_print ("\n活动形式与学时：\n");
  for (guint k = 0; k < kinds->len; k++)
    {
      const XsKind *kind = g_ptr_array_index (kinds, k);

      g_print ("  %-20s %s —— %s，%s\n", kind->id, kind->name, subject_rule_text (rules, kind),
               kind->year_rule == XS_YEAR_RULE_DATES ? "按活动日期计入年度" : "计入当年");
      for (guint i = 0; kind->cases != NULL && i < kind->cases->len; i++)
        print_case (g_ptr_array_index (kind->cases, i));
      if (kind->otherwise_reason != NULL)
        g_print ("      其他：0 学时（%s）\n", kind->otherwise_reason);
      if (kind->deemed != NULL)
        for (guint i = 0; i < kind->deemed->bands->len; i++)
          {
            const XsBand *band = g_ptr_array_index (kind->deemed->bands, i);
            if (band->max_months)
              g_print ("      考核合格，%u 个月以上不满 %u 个月：视为完成一个年度\n",
                       band->min_months, band->max_months);
            else
              g_print ("      考核合格，%u 个月以上：视为完成%s\n", band->min_months,
                       band->placement == XS_PLACEMENT_EVERY_YEAR ? "所涉各年度" : "一个年度");
          }
      print_evidence (rules, kind);
    }

  g_print ("\n国家级继续教育基地：\n");
  for (guint i = 0; i < bases->len; i++)
    {
      const XsBase *base = g_ptr_array_index (bases, i);
      g_print ("  %s  %s  %s %s\n", base->name, base->platform ? base->platform : "",
               base->contact ? base->contact : "", base->phone ? base->phone : "");
    }

  g_print ("\n解释性规定（规则文件中的设定）：\n");
  for (guint i = 0; i < settings->len; i++)
    {
      const XsNamed *s = g_ptr_array_index (settings, i);
      g_print ("  %s = %s\n    %s\n", s->id, s->name, xs_rules_get_setting_note (rules, s->id));
    }
}

int
xs_cli_rules (const XsCliGlobals *globals, int argc, char **argv)
{
  int year = 0;
  const GOptionEntry entries[] = {
    { "year", 0, 0, G_OPTION_ARG_INT, &year, N_ ("The rules of this year's notice"), N_ ("YEAR") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("— print the rule table in force"));
  g_autoptr (XsRules) rules = NULL;
  GError *error = NULL;
  int status = XS_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return xs_cli_usage (context, _ ("rules takes no arguments"));
  if (year < 0)
    return xs_cli_usage (context, _ ("--year must be a year"));

  rules = year > 0 ? xs_rules_new_for_year ((guint)year, &error) : xs_rules_get_default (&error);
  if (rules == NULL)
    return xs_cli_fail (error);
  print_rules (rules);
  return XS_CLI_OK;
}
