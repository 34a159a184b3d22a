/* xs-activity-row.c — an activity on the person page; files dropped on it are attached to it.
 *
 * The row's menu names row-scoped actions (activity.*) that forward to the person page's
 * actions with this activity's id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "xs-activity-row.h"
#include "xs-labels.h"

struct _XsActivityRow
{
  GtkListBoxRow parent_instance;

  XsActivityItem *item;

  GtkLabel *status_chip;
  GtkLabel *evidence_chip;
  GtkMenuButton *menu_button;
  GMenuModel *activity_menu;
};

G_DEFINE_FINAL_TYPE (XsActivityRow, xs_activity_row, GTK_TYPE_LIST_BOX_ROW)

enum
{
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
forward (GtkWidget *widget, const char *action, const char *parameter)
{
  XsActivityRow *self = XS_ACTIVITY_ROW (widget);

  gtk_widget_activate_action (widget, action, "s", xs_activity_item_get_id (self->item));
}

static void
activity_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  /* activity.X → person.X-activity */
  g_autofree char *target =
      g_strdup_printf ("person.%s-activity", action_name + strlen ("activity."));

  forward (widget, target, NULL);
}

/* The menu is built on first use: a popover per row up front would cost more than the row. */
static void
create_popup_cb (GtkMenuButton *button, gpointer user_data)
{
  XsActivityRow *self = user_data;

  gtk_menu_button_set_menu_model (button, self->activity_menu);
}

/* A label's tooltip is its whole text, made when asked for: a tooltip set up front asks the X
 * server where the pointer is, for each of a row's texts as it is made. */
static gboolean
on_label_query_tooltip_cb (GtkLabel *label, int x, int y, gboolean keyboard_tooltip,
                           GtkTooltip *tooltip, gpointer user_data)
{
  const char *text = gtk_label_get_label (label);

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static gboolean
on_drop_cb (GtkDropTarget *target, const GValue *value, double x, double y, gpointer user_data)
{
  XsActivityRow *self = user_data;
  GSList *files;
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = gdk_file_list_get_files (g_value_get_boxed (value));
  for (GSList *l = files; l != NULL; l = l->next)
    {
      char *path = g_file_get_path (l->data);

      if (path != NULL)
        g_ptr_array_add (paths, path);
    }
  g_slist_free (files);
  if (paths->len == 0)
    return FALSE;
  g_ptr_array_add (paths, NULL);
  return gtk_widget_activate_action (GTK_WIDGET (self), "person.attach-files", "(s^as)",
                                     xs_activity_item_get_id (self->item), (char **)paths->pdata);
}

static void
update_chips (XsActivityRow *self)
{
  if (self->item == NULL)
    {
      xs_widget_set_state_class (GTK_WIDGET (self->status_chip), NULL);
      xs_widget_set_state_class (GTK_WIDGET (self->evidence_chip), NULL);
      return;
    }
  xs_widget_set_state_class (GTK_WIDGET (self->status_chip),
                             xs_status_get_css_class (xs_activity_item_get_status (self->item)));
  xs_widget_set_state_class (GTK_WIDGET (self->evidence_chip),
                             xs_activity_item_get_evidence_satisfied (self->item) ? "success"
                                                                                  : "warning");
}

static void
xs_activity_row_dispose (GObject *object)
{
  XsActivityRow *self = XS_ACTIVITY_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_ACTIVITY_ROW);
  g_clear_object (&self->item);
  G_OBJECT_CLASS (xs_activity_row_parent_class)->dispose (object);
}

static void
xs_activity_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsActivityRow *self = XS_ACTIVITY_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, self->item);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_activity_row_set_property (GObject *object, guint prop_id, const GValue *value,
                              GParamSpec *pspec)
{
  XsActivityRow *self = XS_ACTIVITY_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      if (g_set_object (&self->item, g_value_get_object (value)))
        {
          update_chips (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_activity_row_class_init (XsActivityRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_activity_row_dispose;
  object_class->get_property = xs_activity_row_get_property;
  object_class->set_property = xs_activity_row_set_property;

  properties[PROP_ITEM] =
      g_param_spec_object ("item", NULL, NULL, XS_TYPE_ACTIVITY_ITEM,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (XS_TYPE_ACTIVITY_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-activity-row.ui");
  gtk_widget_class_bind_template_child (widget_class, XsActivityRow, status_chip);
  gtk_widget_class_bind_template_child (widget_class, XsActivityRow, evidence_chip);
  gtk_widget_class_bind_template_child (widget_class, XsActivityRow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, XsActivityRow, activity_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_label_query_tooltip_cb);

  gtk_widget_class_install_action (widget_class, "activity.review", NULL, activity_action_cb);
  gtk_widget_class_install_action (widget_class, "activity.edit", NULL, activity_action_cb);
  gtk_widget_class_install_action (widget_class, "activity.attach", NULL, activity_action_cb);
  gtk_widget_class_install_action (widget_class, "activity.delete", NULL, activity_action_cb);
}

static void
xs_activity_row_init (XsActivityRow *self)
{
  GtkDropTarget *target;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_menu_button_set_create_popup_func (self->menu_button, create_popup_cb, self, NULL);

  /* Dropping scans on an activity attaches them (GdkFileList has no .ui form). */
  target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
}

GtkWidget *
xs_activity_row_new (XsActivityItem *item)
{
  return g_object_new (XS_TYPE_ACTIVITY_ROW, "item", item, NULL);
}

XsActivityItem *
xs_activity_row_get_item (XsActivityRow *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_ROW (self), NULL);
  return self->item;
}
