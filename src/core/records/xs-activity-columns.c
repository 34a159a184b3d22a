/* xs-activity-columns.c — the columns of the activity workbook, from the rule file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-activity-columns.h"
#include "xs-params.h"

static void
column_free (XsActivityColumn *column)
{
  g_free (column->header);
  g_strfreev (column->choices);
  g_strfreev (column->choice_values);
  g_free (column);
}

/**
 * xs_activity_sheet_name:
 *
 * Returns: (transfer full): the kind's name as a sheet's tab may carry it (at most 31
 *   characters, none of Excel's forbidden [ ] : * ? / \)
 */
char *
xs_activity_sheet_name (const XsKind *kind)
{
  GString *name = g_string_new (NULL);
  guint chars = 0;

  for (const char *p = kind->name; *p != '\0' && chars < XS_ACTIVITY_SHEET_NAME_CHARS;
       p = g_utf8_next_char (p), chars++)
    {
      gunichar c = g_utf8_get_char (p);

      g_string_append_unichar (name, strchr ("[]:*?/\\", (int)c) != NULL && c < 128 ? '_' : c);
    }
  return g_string_free (name, FALSE);
}

static void
set_choices (XsActivityColumn *column, GPtrArray *labels, GPtrArray *values)
{
  g_ptr_array_add (labels, NULL);
  g_ptr_array_add (values, NULL);
  column->choices = (char **)g_ptr_array_free (labels, FALSE);
  column->choice_values = (char **)g_ptr_array_free (values, FALSE);
}

static void
add_choice (GPtrArray *labels, GPtrArray *values, const char *label, const char *value)
{
  g_ptr_array_add (labels, g_strdup (label));
  g_ptr_array_add (values, g_strdup (value));
}

static XsActivityColumn *
param_column (XsRules *rules, const XsParamSpec *spec)
{
  XsActivityColumn *column = g_new0 (XsActivityColumn, 1);
  GPtrArray *labels = g_ptr_array_new ();
  GPtrArray *values = g_ptr_array_new ();

  column->role = XS_ACTIVITY_COLUMN_PARAM;
  column->spec = spec;
  column->header = g_strdup (spec->label != NULL ? spec->label : xs_param_get_label (spec->name));
  column->required = spec->required;
  switch (spec->type)
    {
    case XS_PARAM_SUBJECT:
      add_choice (labels, values, xs_rules_get_subject_name (rules, XS_SUBJECT_PUBLIC), "public");
      add_choice (labels, values, xs_rules_get_subject_name (rules, XS_SUBJECT_PROFESSIONAL),
                  "professional");
      break;
    case XS_PARAM_THEME:
      {
        GPtrArray *themes = xs_rules_get_themes (rules);

        for (guint i = 0; themes != NULL && i < themes->len; i++)
          {
            const XsNamed *theme = g_ptr_array_index (themes, i);
            g_autofree char *label = g_strdup_printf ("%s %s", theme->id, theme->name);

            add_choice (labels, values, label, theme->id);
          }
      }
      break;
    case XS_PARAM_BOOLEAN:
      add_choice (labels, values, _ ("Yes"), "true");
      add_choice (labels, values, _ ("No"), "false");
      break;
    case XS_PARAM_ENUM:
      for (guint i = 0; spec->values[i] != NULL; i++)
        add_choice (labels, values, xs_param_get_value_label (spec->name, spec->values[i]),
                    spec->values[i]);
      break;
    default:
      break;
    }
  if (labels->len > 0)
    set_choices (column, labels, values);
  else
    {
      g_ptr_array_free (labels, TRUE);
      g_ptr_array_free (values, TRUE);
    }
  return column;
}

static XsActivityColumn *
fixed_column (XsActivityColumnRole role, const char *header, gboolean required)
{
  XsActivityColumn *column = g_new0 (XsActivityColumn, 1);

  column->role = role;
  column->header = g_strdup (header);
  column->required = required;
  return column;
}

/**
 * xs_activity_columns_new:
 *
 * Returns: (transfer full): the sheet's columns (XsActivityColumn) in order: the person, the
 *   activity's name and organiser, then the kind's parameters as the rule file lists them
 */
GPtrArray *
xs_activity_columns_new (XsRules *rules, const XsKind *kind)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func ((GDestroyNotify)column_free);

  g_ptr_array_add (columns, fixed_column (XS_ACTIVITY_COLUMN_PERSON, _ ("Person ID"), TRUE));
  g_ptr_array_add (columns, fixed_column (XS_ACTIVITY_COLUMN_TITLE, _ ("Activity name"), FALSE));
  g_ptr_array_add (columns, fixed_column (XS_ACTIVITY_COLUMN_ORGANIZER, _ ("Organiser"), FALSE));
  for (guint i = 0; i < kind->params->len; i++)
    g_ptr_array_add (columns, param_column (rules, g_ptr_array_index (kind->params, i)));
  return columns;
}

/* A header as the template wrote it, with or without its “（必填）” mark, or the parameter's
 * name as the exchange file writes it. */
gboolean
xs_activity_column_matches (const XsActivityColumn *column, const char *header)
{
  g_autofree char *bare = g_strdup (header);
  char *mark = strstr (bare, _ (" (required)"));

  if (mark != NULL)
    *mark = '\0';
  g_strstrip (bare);
  if (g_str_equal (bare, column->header))
    return TRUE;
  return column->spec != NULL && g_str_equal (bare, column->spec->name);
}

/**
 * xs_activity_column_value:
 * @cell: trimmed, not empty
 *
 * Returns: the value a choice stands for (a dropdown's label, or the value itself), @cell for
 *   a column without choices, NULL when @cell is none of the choices
 */
const char *
xs_activity_column_value (const XsActivityColumn *column, const char *cell)
{
  if (column->choices == NULL)
    return cell;
  for (guint i = 0; column->choices[i] != NULL; i++)
    if (g_str_equal (cell, column->choices[i]) || g_str_equal (cell, column->choice_values[i]))
      return column->choice_values[i];
  return NULL;
}
