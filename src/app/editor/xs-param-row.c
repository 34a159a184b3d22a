/* xs-param-row.c — one parameter of an activity kind, edited as its type asks.
 *
 * The row knows nothing of kinds: the rule file's parameter spec says the type (date, days,
 * enum…), whether it is required and which values an enum takes. Its value is the text the
 * store keeps, NULL when not given; it is checked as it changes by the core's
 * xs_param_parse(), so the field shows the engine's own message and limits.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-labels.h"
#include "xs-param-row.h"

struct _XsParamRow
{
  AdwActionRow parent_instance;

  XsRules *rules;
  const XsParamSpec *spec; /* owned by rules */
  char *value;
  XsParamValue typed; /* the value parsed, when problem is NULL */
  char *problem;      /* the core's message on the value, NULL when fine or not given */
  GPtrArray *choices; /* values behind the drop-down entries; NULL for "not given" */
  gboolean updating;
  gboolean from_scan;  /* filled from a scan's text, not confirmed by the clerk yet */
  char *shown_problem; /* what xs_param_row_set_problem() was last given */

  GtkEntry *entry;
  GtkMenuButton *calendar_button;
  GtkCalendar *calendar;
  GtkDropDown *dropdown;
  GtkSwitch *toggle;
};

G_DEFINE_FINAL_TYPE (XsParamRow, xs_param_row, ADW_TYPE_ACTION_ROW)

enum
{
  PROP_0,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Parses the value once, as it changes. */
static void
check_value (XsParamRow *self)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&self->problem, g_free);
  if (self->value != NULL &&
      !xs_param_parse (self->rules, self->spec, self->value, &self->typed, &error))
    self->problem = g_strdup (error->message);
}

static void
take_value (XsParamRow *self, char *value)
{
  if (value != NULL && *value == '\0')
    g_clear_pointer (&value, g_free);
  if (g_strcmp0 (self->value, value) == 0)
    {
      g_free (value);
      return;
    }
  g_free (self->value);
  self->value = value;
  check_value (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

static void
on_entry_changed_cb (XsParamRow *self)
{
  if (self->updating)
    return;
  take_value (self, g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)))));
  if (self->spec->type == XS_PARAM_DATE && self->value != NULL && self->problem == NULL)
    {
      const GDate *date = &self->typed.date;
      g_autoptr (GDateTime) dt = g_date_time_new_local (
          g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 0, 0, 0);

      self->updating = TRUE;
      gtk_calendar_select_day (self->calendar, dt);
      self->updating = FALSE;
    }
}

static void
on_calendar_day_selected_cb (XsParamRow *self)
{
  g_autoptr (GDateTime) date = NULL;
  g_autofree char *text = NULL;

  if (self->updating)
    return;
  date = gtk_calendar_get_date (self->calendar);
  text = g_date_time_format (date, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_menu_button_popdown (self->calendar_button);
}

static void
on_dropdown_notify_selected_cb (XsParamRow *self)
{
  guint selected = gtk_drop_down_get_selected (self->dropdown);

  if (self->updating || selected >= self->choices->len)
    return;
  take_value (self, g_strdup (g_ptr_array_index (self->choices, selected)));
}

static void
on_toggle_notify_active_cb (XsParamRow *self)
{
  gboolean active = gtk_switch_get_active (self->toggle);

  if (self->updating)
    return;
  /* An optional flag that is off is left out rather than stored as "false". */
  take_value (self, g_strdup (active ? "true" : self->spec->required ? "false" : NULL));
}

static void
add_choice (XsParamRow *self, GtkStringList *labels, const char *value, const char *label)
{
  g_ptr_array_add (self->choices, g_strdup (value));
  gtk_string_list_append (labels, label);
}

static void
build_choices (XsParamRow *self)
{
  g_autoptr (GtkStringList) labels = gtk_string_list_new (NULL);
  const XsParamSpec *spec = self->spec;

  add_choice (self, labels, NULL, spec->required ? _ ("Choose…") : _ ("None"));
  switch (spec->type)
    {
    case XS_PARAM_SUBJECT:
      add_choice (self, labels, "public",
                  xs_rules_get_subject_name (self->rules, XS_SUBJECT_PUBLIC));
      add_choice (self, labels, "professional",
                  xs_rules_get_subject_name (self->rules, XS_SUBJECT_PROFESSIONAL));
      break;
    case XS_PARAM_THEME:
      {
        GPtrArray *themes = xs_rules_get_themes (self->rules);

        for (guint i = 0; i < themes->len; i++)
          {
            const XsNamed *theme = g_ptr_array_index (themes, i);
            add_choice (self, labels, theme->id, theme->name);
          }
      }
      break;
    case XS_PARAM_ENUM:
      for (guint i = 0; spec->values != NULL && spec->values[i] != NULL; i++)
        add_choice (self, labels, spec->values[i],
                    xs_param_get_value_label (spec->name, spec->values[i]));
      break;
    case XS_PARAM_DATE:
    case XS_PARAM_YEAR:
    case XS_PARAM_HALF_DAYS:
    case XS_PARAM_HOURS:
    case XS_PARAM_COUNT:
    case XS_PARAM_RANK:
    case XS_PARAM_BOOLEAN:
    default:
      g_assert_not_reached ();
    }
  gtk_drop_down_set_model (self->dropdown, G_LIST_MODEL (labels));
}

static void
xs_param_row_dispose (GObject *object)
{
  XsParamRow *self = XS_PARAM_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_PARAM_ROW);
  g_clear_object (&self->rules);
  G_OBJECT_CLASS (xs_param_row_parent_class)->dispose (object);
}

static void
xs_param_row_finalize (GObject *object)
{
  XsParamRow *self = XS_PARAM_ROW (object);

  g_free (self->value);
  g_free (self->problem);
  g_free (self->shown_problem);
  g_ptr_array_unref (self->choices);
  G_OBJECT_CLASS (xs_param_row_parent_class)->finalize (object);
}

static void
xs_param_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsParamRow *self = XS_PARAM_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_string (value, xs_param_row_get_value (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_param_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  XsParamRow *self = XS_PARAM_ROW (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      xs_param_row_set_value (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_param_row_class_init (XsParamRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_param_row_dispose;
  object_class->finalize = xs_param_row_finalize;
  object_class->get_property = xs_param_row_get_property;
  object_class->set_property = xs_param_row_set_property;

  properties[PROP_VALUE] =
      g_param_spec_string ("value", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-param-row.ui");
  gtk_widget_class_bind_template_child (widget_class, XsParamRow, entry);
  gtk_widget_class_bind_template_child (widget_class, XsParamRow, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, XsParamRow, calendar);
  gtk_widget_class_bind_template_child (widget_class, XsParamRow, dropdown);
  gtk_widget_class_bind_template_child (widget_class, XsParamRow, toggle);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_dropdown_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_toggle_notify_active_cb);
}

static void
xs_param_row_init (XsParamRow *self)
{
  self->choices = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * xs_param_row_new:
 * @spec: the parameter, owned by @rules
 *
 * Returns: (transfer floating): a row editing @spec
 */
GtkWidget *
xs_param_row_new (XsRules *rules, const XsKind *kind, const XsParamSpec *spec)
{
  XsParamRow *self = g_object_new (XS_TYPE_PARAM_ROW, NULL);
  g_autofree char *title = xs_param_dup_title (kind, spec);
  const char *hint = xs_param_get_hint (spec);

  self->rules = g_object_ref (rules);
  self->spec = spec;
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  xs_param_row_set_problem (self, NULL);

  switch (spec->type)
    {
    case XS_PARAM_DATE:
      gtk_widget_set_visible (GTK_WIDGET (self->calendar_button), TRUE);
      G_GNUC_FALLTHROUGH;
    case XS_PARAM_YEAR:
    case XS_PARAM_HALF_DAYS:
    case XS_PARAM_HOURS:
    case XS_PARAM_COUNT:
    case XS_PARAM_RANK:
      gtk_widget_set_visible (GTK_WIDGET (self->entry), TRUE);
      gtk_entry_set_placeholder_text (self->entry, hint);
      if (spec->type != XS_PARAM_DATE)
        gtk_entry_set_input_purpose (self->entry, GTK_INPUT_PURPOSE_NUMBER);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->entry));
      break;
    case XS_PARAM_BOOLEAN:
      gtk_widget_set_visible (GTK_WIDGET (self->toggle), TRUE);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->toggle));
      if (spec->required)
        {
          self->value = g_strdup ("false");
          check_value (self);
        }
      break;
    case XS_PARAM_SUBJECT:
    case XS_PARAM_THEME:
    case XS_PARAM_ENUM:
    default:
      gtk_widget_set_visible (GTK_WIDGET (self->dropdown), TRUE);
      build_choices (self);
      break;
    }
  return GTK_WIDGET (self);
}

const char *
xs_param_row_get_name (XsParamRow *self)
{
  g_return_val_if_fail (XS_IS_PARAM_ROW (self), NULL);
  return self->spec->name;
}

/**
 * xs_param_row_get_value:
 *
 * Returns: (nullable): the value as stored, %NULL when not given
 */
const char *
xs_param_row_get_value (XsParamRow *self)
{
  g_return_val_if_fail (XS_IS_PARAM_ROW (self), NULL);
  return self->value;
}

void
xs_param_row_set_value (XsParamRow *self, const char *value)
{
  g_return_if_fail (XS_IS_PARAM_ROW (self));

  switch (self->spec->type)
    {
    case XS_PARAM_BOOLEAN:
      gtk_switch_set_active (self->toggle, g_strcmp0 (value, "true") == 0);
      break;
    case XS_PARAM_SUBJECT:
    case XS_PARAM_THEME:
    case XS_PARAM_ENUM:
      for (guint i = 0; i < self->choices->len; i++)
        if (g_strcmp0 (g_ptr_array_index (self->choices, i), value) == 0)
          {
            gtk_drop_down_set_selected (self->dropdown, i);
            break;
          }
      break;
    case XS_PARAM_DATE:
    case XS_PARAM_YEAR:
    case XS_PARAM_HALF_DAYS:
    case XS_PARAM_HOURS:
    case XS_PARAM_COUNT:
    case XS_PARAM_RANK:
    default:
      gtk_editable_set_text (GTK_EDITABLE (self->entry), value ? value : "");
      break;
    }
  /* Whatever the widgets made of it (an unknown enum value stays as given). */
  take_value (self, g_strdup (value));
}

/**
 * xs_param_row_check:
 *
 * Checks the value on its own with the core's xs_param_parse(), the check the rules engine
 * makes, so that a problem shows on its field in the engine's words; the engine still checks
 * the whole activity.
 *
 * Returns: (nullable): what is wrong, or %NULL
 */
const char *
xs_param_row_check (XsParamRow *self)
{
  g_return_val_if_fail (XS_IS_PARAM_ROW (self), NULL);

  if (self->value == NULL)
    return self->spec->required ? _ ("Required") : NULL;
  return self->problem;
}

/**
 * xs_param_row_set_problem:
 * @problem: (nullable): shown under the field's name instead of its hint
 */
void
xs_param_row_set_problem (XsParamRow *self, const char *problem)
{
  const char *hint = self->spec->required      ? _ ("Required")
                     : self->spec->counts_year ? _ ("This, the year or a date: one is required")
                                               : _ ("Optional");

  g_return_if_fail (XS_IS_PARAM_ROW (self));

  if (problem != self->shown_problem)
    {
      g_free (self->shown_problem);
      self->shown_problem = g_strdup (problem);
    }
  if (self->from_scan)
    hint = _ ("Read from the scan: check it");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), problem ? problem : hint);
  if (problem != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->entry), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->entry), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self), "error");
    }
}

/**
 * xs_param_row_set_from_scan:
 *
 * Marks the value as read from a scan until the clerk confirms it (by changing it, or by
 * saving): its hint says so and the row is tinted.
 */
void
xs_param_row_set_from_scan (XsParamRow *self, gboolean from_scan)
{
  g_autofree char *problem = NULL;

  g_return_if_fail (XS_IS_PARAM_ROW (self));
  self->from_scan = from_scan;
  if (from_scan)
    gtk_widget_add_css_class (GTK_WIDGET (self), "from-scan");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "from-scan");
  problem = g_strdup (self->shown_problem);
  xs_param_row_set_problem (self, problem);
}

gboolean
xs_param_row_get_from_scan (XsParamRow *self)
{
  g_return_val_if_fail (XS_IS_PARAM_ROW (self), FALSE);
  return self->from_scan;
}
