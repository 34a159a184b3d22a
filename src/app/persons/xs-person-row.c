/* xs-person-row.c — a person in a list: state, name, masked ID, unit.
 *
 * A list view keeps up to 200 rows alive, in each list that shows persons. So the row is one
 * widget drawing its three texts itself, plus the state icon (a GtkImage, for its CSS colour and
 * tooltip): seven widgets and five property bindings per row cost ~7 MB at a city's size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-labels.h"
#include "xs-layout-size.h"
#include "xs-person-row.h"

#define ICON_SPACING 12 /* between the icon and the texts */
#define TEXT_SPACING 8  /* between the name and the masked ID */
#define LINE_SPACING 2  /* between the two lines */
#define DIM_ALPHA 0.55  /* libadwaita's .dim-label */
#define CAPTION_SCALE 0.82

struct _XsPersonRow
{
  GtkWidget parent_instance;

  XsPersonItem *item;
  gulong notify_handler;

  GtkWidget *state_icon;
  PangoLayout *name;
  PangoLayout *masked_id;
  PangoLayout *unit;
};

G_DEFINE_FINAL_TYPE (XsPersonRow, xs_person_row, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static PangoLayout *
make_layout (XsPersonRow *self, gboolean heading, gboolean caption, gboolean numeric)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (heading)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  if (caption)
    pango_attr_list_insert (attrs, pango_attr_scale_new (CAPTION_SCALE));
  if (numeric)
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  return layout;
}

static const char *
nonnull (const char *text)
{
  return text != NULL ? text : "";
}

/* Texts, icon, tooltip and accessible label from the item. */
static void
update (XsPersonRow *self)
{
  static const char *const classes[] = { "success", "warning", "error" }; /* by XsPersonState */
  g_autofree char *masked_id = NULL;
  g_autofree char *icon_name = NULL;
  g_autofree char *state_label = NULL;
  g_autofree char *accessible = NULL;
  const char *name = NULL, *unit = NULL;

  if (self->item != NULL)
    {
      g_object_get (self->item, "masked-id", &masked_id, "icon-name", &icon_name, "state-label",
                    &state_label, NULL);
      name = xs_person_item_get_name (self->item);
      unit = xs_person_item_get_unit_name (self->item);
    }
  pango_layout_set_text (self->name, nonnull (name), -1);
  pango_layout_set_text (self->masked_id, nonnull (masked_id), -1);
  pango_layout_set_text (self->unit, nonnull (unit), -1);

  gtk_image_set_from_icon_name (GTK_IMAGE (self->state_icon), icon_name);
  gtk_widget_set_tooltip_text (self->state_icon, state_label);
  xs_widget_set_state_class (
      self->state_icon, self->item != NULL ? classes[xs_person_item_get_state (self->item)] : NULL);

  /* What a screen reader says for the row: what the eye reads, in the same order. */
  accessible = g_strdup_printf (_ ("%s, ID %s, %s, %s"), nonnull (name), nonnull (masked_id),
                                nonnull (unit), nonnull (state_label));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
on_item_notify_cb (XsPersonRow *self, GParamSpec *pspec, XsPersonItem *item)
{
  update (self);
}

/* The text's natural width, on one line. */
static int
text_width (PangoLayout *layout)
{
  pango_layout_set_width (layout, -1);
  return xs_layout_pixel_width (layout);
}

static void
xs_person_row_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                       int *natural, int *minimum_baseline, int *natural_baseline)
{
  XsPersonRow *self = XS_PERSON_ROW (widget);
  int icon_min, icon_nat;

  gtk_widget_measure (self->state_icon, orientation, -1, &icon_min, &icon_nat, NULL, NULL);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int first = text_width (self->name) + TEXT_SPACING + text_width (self->masked_id);
      int second = text_width (self->unit);

      /* Texts ellipsize: a narrow sidebar still fits a row. */
      *minimum = icon_min + ICON_SPACING + 4 * TEXT_SPACING;
      *natural = icon_nat + ICON_SPACING + MAX (first, second);
    }
  else
    {
      int lines =
          MAX (xs_layout_pixel_height (self->name), xs_layout_pixel_height (self->masked_id)) +
          LINE_SPACING + xs_layout_pixel_height (self->unit);

      *minimum = MAX (icon_min, lines);
      *natural = MAX (icon_nat, lines);
    }
}

/* Where the texts go, for a row @width wide. */
static void
place_texts (XsPersonRow *self, int width, int *text_x)
{
  int icon_width, id_width, room;

  gtk_widget_measure (self->state_icon, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &icon_width, NULL,
                      NULL);
  *text_x = icon_width + ICON_SPACING;
  room = MAX (0, width - *text_x);

  /* The masked ID keeps its width while it can; the name gets the rest. */
  id_width = MIN (text_width (self->masked_id), room / 2);
  pango_layout_set_ellipsize (self->masked_id, PANGO_ELLIPSIZE_START);
  pango_layout_set_width (self->masked_id, id_width * PANGO_SCALE);
  pango_layout_set_ellipsize (self->name, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (self->name, MAX (0, room - id_width - TEXT_SPACING) * PANGO_SCALE);
  pango_layout_set_ellipsize (self->unit, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (self->unit, room * PANGO_SCALE);
}

static void
xs_person_row_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  XsPersonRow *self = XS_PERSON_ROW (widget);
  int icon_width, icon_height, text_x;

  gtk_widget_measure (self->state_icon, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &icon_width, NULL,
                      NULL);
  gtk_widget_measure (self->state_icon, GTK_ORIENTATION_VERTICAL, -1, NULL, &icon_height, NULL,
                      NULL);
  gtk_widget_size_allocate (
      self->state_icon, &(GtkAllocation){ 0, (height - icon_height) / 2, icon_width, icon_height },
      -1);
  place_texts (self, width, &text_x);
}

static void
xs_person_row_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  XsPersonRow *self = XS_PERSON_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int first = MAX (xs_layout_pixel_height (self->name), xs_layout_pixel_height (self->masked_id));
  int lines = first + LINE_SPACING + xs_layout_pixel_height (self->unit);
  int top = MAX (0, (height - lines) / 2);
  int text_x, id_width;
  GdkRGBA color, dim;

  gtk_widget_snapshot_child (widget, self->state_icon, snapshot);

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  dim = color;
  dim.alpha *= DIM_ALPHA;
  place_texts (self, width, &text_x);
  pango_layout_get_pixel_size (self->masked_id, &id_width, NULL);

  xs_snapshot_append_text (snapshot, self->name, text_x,
                           top + first - xs_layout_pixel_height (self->name), &color);
  xs_snapshot_append_text (snapshot, self->masked_id, width - id_width,
                           top + first - xs_layout_pixel_height (self->masked_id), &dim);
  xs_snapshot_append_text (snapshot, self->unit, text_x, top + first + LINE_SPACING, &dim);
}

static void
xs_person_row_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  XsPersonRow *self = XS_PERSON_ROW (widget);

  GTK_WIDGET_CLASS (xs_person_row_parent_class)->css_changed (widget, change);
  /* The font may have changed with the style. */
  pango_layout_context_changed (self->name);
  pango_layout_context_changed (self->masked_id);
  pango_layout_context_changed (self->unit);
  gtk_widget_queue_resize (widget);
}

static void
xs_person_row_dispose (GObject *object)
{
  XsPersonRow *self = XS_PERSON_ROW (object);

  xs_person_row_set_item (self, NULL);
  g_clear_pointer (&self->state_icon, gtk_widget_unparent);
  G_OBJECT_CLASS (xs_person_row_parent_class)->dispose (object);
}

static void
xs_person_row_finalize (GObject *object)
{
  XsPersonRow *self = XS_PERSON_ROW (object);

  g_clear_object (&self->name);
  g_clear_object (&self->masked_id);
  g_clear_object (&self->unit);
  G_OBJECT_CLASS (xs_person_row_parent_class)->finalize (object);
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
  object_class->finalize = xs_person_row_finalize;
  object_class->get_property = xs_person_row_get_property;
  object_class->set_property = xs_person_row_set_property;
  widget_class->measure = xs_person_row_measure;
  widget_class->size_allocate = xs_person_row_size_allocate;
  widget_class->snapshot = xs_person_row_snapshot;
  widget_class->css_changed = xs_person_row_css_changed;

  properties[PROP_ITEM] =
      g_param_spec_object ("item", NULL, NULL, XS_TYPE_PERSON_ITEM,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "person-row");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
xs_person_row_init (XsPersonRow *self)
{
  self->state_icon = gtk_image_new ();
  gtk_widget_add_css_class (self->state_icon, "state-icon");
  gtk_widget_set_parent (self->state_icon, GTK_WIDGET (self));
  self->name = make_layout (self, TRUE, FALSE, FALSE);
  self->masked_id = make_layout (self, FALSE, TRUE, TRUE);
  self->unit = make_layout (self, FALSE, TRUE, FALSE);
  update (self);
}

XsPersonItem *
xs_person_row_get_item (XsPersonRow *self)
{
  g_return_val_if_fail (XS_IS_PERSON_ROW (self), NULL);
  return self->item;
}

/**
 * xs_person_row_get_text:
 *
 * Returns: the row's texts as drawn, one per line (for tests)
 */
char *
xs_person_row_get_text (XsPersonRow *self)
{
  g_return_val_if_fail (XS_IS_PERSON_ROW (self), NULL);
  return g_strjoin ("\n", pango_layout_get_text (self->name),
                    pango_layout_get_text (self->masked_id), pango_layout_get_text (self->unit),
                    NULL);
}

void
xs_person_row_set_item (XsPersonRow *self, XsPersonItem *item)
{
  g_return_if_fail (XS_IS_PERSON_ROW (self));

  if (self->item == item)
    return;
  if (self->item != NULL)
    g_clear_signal_handler (&self->notify_handler, self->item);
  g_set_object (&self->item, item);
  if (item != NULL)
    self->notify_handler = g_signal_connect_object (item, "notify", G_CALLBACK (on_item_notify_cb),
                                                    self, G_CONNECT_SWAPPED);
  /* Disposal passes here with the layouts about to go. */
  if (self->name != NULL)
    update (self);
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
 * Returns: (transfer full): a factory making #XsPersonRow children for #XsPersonItem items
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
