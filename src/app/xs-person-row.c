/* xs-person-row.c — a person in a list: state, name, masked ID, unit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-person-row.h"

struct _XsPersonRow
{
  GtkWidget parent_instance;

  XsPersonItem *item;
  gulong state_handler;

  GtkImage *state_icon;
};

G_DEFINE_FINAL_TYPE (XsPersonRow, xs_person_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The icon's colour follows the state; a binding cannot set a style class. */
static void
update_state_class (XsPersonRow *self)
{
  static const char *const classes[] = { "success", "warning", "error" };
  GtkWidget *icon = GTK_WIDGET (self->state_icon);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (icon, classes[i]);
  if (self->item != NULL)
    gtk_widget_add_css_class (icon, classes[xs_person_item_get_state (self->item)]);
}

static void
xs_person_row_dispose (GObject *object)
{
  XsPersonRow *self = XS_PERSON_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_PERSON_ROW);
  /* Children without an id are not removed by the template. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  if (self->item != NULL)
    g_clear_signal_handler (&self->state_handler, self->item);
  g_clear_object (&self->item);
  G_OBJECT_CLASS (xs_person_row_parent_class)->dispose (object);
}

static void
xs_person_row_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsPersonRow *self = XS_PERSON_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      g_value_set_object (value, xs_person_row_get_item (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_person_row_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  XsPersonRow *self = XS_PERSON_ROW (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      xs_person_row_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_person_row_class_init (XsPersonRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_person_row_dispose;
  object_class->get_property = xs_person_row_get_property;
  object_class->set_property = xs_person_row_set_property;

  properties[PROP_ITEM] =
      g_param_spec_object ("item", NULL, NULL, XS_TYPE_PERSON_ITEM,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (XS_TYPE_PERSON_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-person-row.ui");
  gtk_widget_class_bind_template_child (widget_class, XsPersonRow, state_icon);
}

static void
xs_person_row_init (XsPersonRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

XsPersonItem *
xs_person_row_get_item (XsPersonRow *self)
{
  g_return_val_if_fail (XS_IS_PERSON_ROW (self), NULL);
  return self->item;
}

void
xs_person_row_set_item (XsPersonRow *self, XsPersonItem *item)
{
  g_return_if_fail (XS_IS_PERSON_ROW (self));

  if (self->item == item)
    return;
  if (self->item != NULL)
    g_clear_signal_handler (&self->state_handler, self->item);
  g_set_object (&self->item, item);
  if (item != NULL)
    self->state_handler = g_signal_connect_object (
        item, "notify::icon-name", G_CALLBACK (update_state_class), self, G_CONNECT_SWAPPED);
  update_state_class (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}

static void
factory_setup_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item)
{
  gtk_list_item_set_child (list_item, g_object_new (XS_TYPE_PERSON_ROW, NULL));
}

static void
factory_bind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item)
{
  xs_person_row_set_item (XS_PERSON_ROW (gtk_list_item_get_child (list_item)),
                          gtk_list_item_get_item (list_item));
}

static void
factory_unbind_cb (GtkSignalListItemFactory *factory, GtkListItem *list_item)
{
  xs_person_row_set_item (XS_PERSON_ROW (gtk_list_item_get_child (list_item)), NULL);
}

/**
 * xs_person_row_factory_new:
 *
 * A factory of person rows. In code rather than a GtkBuilderListItemFactory: with GTK 4.8 a
 * `<lookup name="item">GtkListItem</lookup>` binding warns "couldn't find weak ref" when a
 * filtered list drops rows.
 *
 * Returns: (transfer full): the factory
 */
GtkListItemFactory *
xs_person_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (factory_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (factory_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (factory_unbind_cb), NULL);
  return factory;
}
