/* xs-person-editor.c — adding or correcting a person's own fields.
 *
 * The resident ID is checked as it is typed (the core's checks, the core's words); saving
 * goes through the one writer, which checks everything again and audits the change. A new
 * unit keeps the person's activities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-params.h"
#include "xs-person-editor.h"

struct _XsPersonEditor
{
  AdwWindow parent_instance;

  XsSession *session;
  XsPerson *original; /* NULL: a new person */
  GPtrArray *units;   /* XsUnit, in the unit row's order */

  AdwWindowTitle *window_title;
  GtkLabel *problem_label;
  AdwEntryRow *id_row;
  AdwEntryRow *name_row;
  AdwComboRow *gender_row;
  AdwEntryRow *id_number_row;
  GtkLabel *id_number_label;
  AdwComboRow *unit_row;
  GtkStringList *unit_names;
  AdwEntryRow *current_title_row;
  AdwEntryRow *applying_title_row;
  AdwEntryRow *specialty_row;
  GtkSwitch *span_switch;
  GtkSpinButton *span_from_button;
  GtkSpinButton *span_to_button;
};

G_DEFINE_FINAL_TYPE (XsPersonEditor, xs_person_editor, ADW_TYPE_WINDOW)

static char *
dup_text (AdwEntryRow *row)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  return *text ? g_steal_pointer (&text) : NULL;
}

static void
set_text (AdwEntryRow *row, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static XsPerson *
build_person (XsPersonEditor *self)
{
  XsPerson *p = xs_person_new ();
  guint unit = adw_combo_row_get_selected (self->unit_row);

  p->id = dup_text (self->id_row);
  p->name = dup_text (self->name_row);
  p->gender = g_strdup (adw_combo_row_get_selected (self->gender_row) == 1 ? "female" : "male");
  p->id_number = dup_text (self->id_number_row);
  if (p->id_number != NULL)
    g_strdelimit (p->id_number, "x", 'X'); /* the check digit X, as often typed */
  if (unit < self->units->len)
    p->unit_id = g_strdup (((XsUnit *)g_ptr_array_index (self->units, unit))->id);
  p->current_title = dup_text (self->current_title_row);
  p->applying_title = dup_text (self->applying_title_row);
  p->specialty = dup_text (self->specialty_row);
  if (gtk_switch_get_active (self->span_switch))
    {
      p->span_from = (guint)gtk_spin_button_get_value_as_int (self->span_from_button);
      p->span_to = (guint)gtk_spin_button_get_value_as_int (self->span_to_button);
    }
  return p;
}

static void
show_problem (XsPersonEditor *self, const char *message)
{
  gtk_label_set_text (self->problem_label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), message != NULL);
}

static void
on_field_changed_cb (XsPersonEditor *self)
{
  show_problem (self, NULL);
}

/* The ID number's own check, as the clerk types: silent until 18 characters are there. */
static void
on_id_number_changed_cb (XsPersonEditor *self)
{
  g_autofree char *number = dup_text (self->id_number_row);
  g_autoptr (GError) error = NULL;
  gboolean bad = FALSE;

  show_problem (self, NULL);
  if (number != NULL && g_utf8_strlen (number, -1) >= 18)
    {
      g_strdelimit (number, "x", 'X');
      bad = !xs_resident_id_validate (number, &error);
    }
  gtk_label_set_text (self->id_number_label, bad ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->id_number_label), bad);
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (self->id_number_row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->id_number_row), "error");
}

static void
save_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsPersonEditor *self = XS_PERSON_EDITOR (widget);
  g_autoptr (XsPerson) person = build_person (self);
  g_autoptr (GError) error = NULL;

  if (self->original != NULL)
    {
      g_free (person->id);
      person->id = g_strdup (self->original->id); /* the id names the person's records */
      person->version = self->original->version;
    }
  if (!xs_session_put_person (self->session, person, self->original == NULL, &error))
    {
      /* Another clerk saved first: the form keeps this clerk's fields, and saving again
       * applies them over the record as it now is. */
      if (g_error_matches (error, XS_STORE_ERROR, XS_STORE_ERROR_STALE))
        {
          XsPerson *current =
              xs_store_get_person (xs_session_get_store (self->session), person->id, NULL);

          if (current != NULL)
            {
              g_clear_pointer (&self->original, xs_person_unref);
              self->original = current;
            }
        }
      show_problem (self, error->message);
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static void
load_units (XsPersonEditor *self, const char *selected)
{
  g_autoptr (GError) error = NULL;

  self->units = xs_store_list_units (xs_session_get_store (self->session), &error);
  if (self->units == NULL)
    {
      show_problem (self, error->message);
      self->units = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_unit_unref);
      return;
    }
  for (guint i = 0; i < self->units->len; i++)
    {
      const XsUnit *unit = g_ptr_array_index (self->units, i);
      g_autofree char *label = g_strdup_printf ("%s（%s）", unit->name, unit->id);

      gtk_string_list_append (self->unit_names, label);
      if (g_strcmp0 (unit->id, selected) == 0)
        adw_combo_row_set_selected (self->unit_row, i);
    }
}

static void
xs_person_editor_dispose (GObject *object)
{
  XsPersonEditor *self = XS_PERSON_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_PERSON_EDITOR);
  G_OBJECT_CLASS (xs_person_editor_parent_class)->dispose (object);
}

static void
xs_person_editor_finalize (GObject *object)
{
  XsPersonEditor *self = XS_PERSON_EDITOR (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->original, xs_person_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  G_OBJECT_CLASS (xs_person_editor_parent_class)->finalize (object);
}

static void
xs_person_editor_class_init (XsPersonEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_person_editor_dispose;
  object_class->finalize = xs_person_editor_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-person-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, id_row);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, gender_row);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, id_number_row);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, id_number_label);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, unit_names);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, current_title_row);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, applying_title_row);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, specialty_row);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, span_switch);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, span_from_button);
  gtk_widget_class_bind_template_child (widget_class, XsPersonEditor, span_to_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_id_number_changed_cb);
  gtk_widget_class_install_action (widget_class, "person-editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "person-editor.save", NULL);
}

static void
xs_person_editor_init (XsPersonEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The years the core accepts, from its one table. */
  gtk_spin_button_set_range (self->span_from_button, XS_PARAM_MIN_YEAR, XS_PARAM_MAX_YEAR);
  gtk_spin_button_set_range (self->span_to_button, XS_PARAM_MIN_YEAR, XS_PARAM_MAX_YEAR);
}

XsPersonEditor *
xs_person_editor_new (XsSession *session, XsPerson *person)
{
  XsPersonEditor *self = g_object_new (XS_TYPE_PERSON_EDITOR, NULL);

  self->session = g_object_ref (session);
  load_units (self, person ? person->unit_id : NULL);
  if (person == NULL)
    {
      adw_window_title_set_title (self->window_title, _ ("New Person"));
      gtk_widget_grab_focus (GTK_WIDGET (self->id_row));
      return self;
    }

  self->original = xs_person_ref (person);
  adw_window_title_set_title (self->window_title, _ ("Edit Person"));
  adw_window_title_set_subtitle (self->window_title, person->id);
  set_text (self->id_row, person->id);
  gtk_widget_set_sensitive (GTK_WIDGET (self->id_row), FALSE);
  set_text (self->name_row, person->name);
  adw_combo_row_set_selected (self->gender_row, g_strcmp0 (person->gender, "female") == 0);
  set_text (self->id_number_row, person->id_number);
  set_text (self->current_title_row, person->current_title);
  set_text (self->applying_title_row, person->applying_title);
  set_text (self->specialty_row, person->specialty);
  gtk_switch_set_active (self->span_switch, person->span_from != 0);
  if (person->span_from != 0)
    {
      gtk_spin_button_set_value (self->span_from_button, person->span_from);
      gtk_spin_button_set_value (self->span_to_button, person->span_to);
    }
  show_problem (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
  return self;
}

/* For tests and scripted use: the field named as in the exchange file ("id", "name",
 * "id-number", "current-title", "applying-title", "specialty") set as if typed. */
gboolean
xs_person_editor_set_field (XsPersonEditor *self, const char *field, const char *value)
{
  const struct
  {
    const char *field;
    AdwEntryRow *row;
  } rows[] = {
    { "id", self->id_row },
    { "name", self->name_row },
    { "id-number", self->id_number_row },
    { "current-title", self->current_title_row },
    { "applying-title", self->applying_title_row },
    { "specialty", self->specialty_row },
  };

  g_return_val_if_fail (XS_IS_PERSON_EDITOR (self), FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].field, field))
      {
        set_text (rows[i].row, value);
        return TRUE;
      }
  return FALSE;
}

/* The unit row set to @unit_id; FALSE when there is no such unit. */
gboolean
xs_person_editor_select_unit (XsPersonEditor *self, const char *unit_id)
{
  for (guint i = 0; i < self->units->len; i++)
    if (g_strcmp0 (((XsUnit *)g_ptr_array_index (self->units, i))->id, unit_id) == 0)
      {
        adw_combo_row_set_selected (self->unit_row, i);
        return TRUE;
      }
  return FALSE;
}

/* What the editor says is wrong: the save's message, else the ID number's, else NULL. */
const char *
xs_person_editor_get_problem (XsPersonEditor *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self->problem_label)))
    return gtk_label_get_text (self->problem_label);
  if (gtk_widget_get_visible (GTK_WIDGET (self->id_number_label)))
    return gtk_label_get_text (self->id_number_label);
  return NULL;
}
