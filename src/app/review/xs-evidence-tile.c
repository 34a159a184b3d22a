/* xs-evidence-tile.c — an attached file in the evidence grid.
 *
 * Asks for its thumbnail when it is shown, so only the visible files are decoded. Its menu
 * forwards to the review window's actions with the file's hash and material.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-evidence-tile.h"

struct _XsEvidenceTile
{
  GtkWidget parent_instance;

  XsEvidenceFile *item;
};

G_DEFINE_FINAL_TYPE (XsEvidenceTile, xs_evidence_tile, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_ITEM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
tile_action_cb (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  XsEvidenceTile *self = XS_EVIDENCE_TILE (widget);
  const char *target =
      g_str_equal (action_name, "tile.retag") ? "review.retag-evidence" : "review.remove-evidence";

  if (self->item != NULL)
    gtk_widget_activate_action (widget, target, "(ss)", xs_evidence_file_get_sha256 (self->item),
                                xs_evidence_file_get_material (self->item));
}

static void
xs_evidence_tile_dispose (GObject *object)
{
  XsEvidenceTile *self = XS_EVIDENCE_TILE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_EVIDENCE_TILE);
  /* Children without an id are not removed by the template. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->item);
  G_OBJECT_CLASS (xs_evidence_tile_parent_class)->dispose (object);
}

static void
xs_evidence_tile_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsEvidenceTile *self = XS_EVIDENCE_TILE (object);

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
xs_evidence_tile_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  XsEvidenceTile *self = XS_EVIDENCE_TILE (object);

  switch (prop_id)
    {
    case PROP_ITEM:
      xs_evidence_tile_set_item (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_evidence_tile_class_init (XsEvidenceTileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_evidence_tile_dispose;
  object_class->get_property = xs_evidence_tile_get_property;
  object_class->set_property = xs_evidence_tile_set_property;

  properties[PROP_ITEM] =
      g_param_spec_object ("item", NULL, NULL, XS_TYPE_EVIDENCE_FILE,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (XS_TYPE_EVIDENCE_FILE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-evidence-tile.ui");
  gtk_widget_class_install_action (widget_class, "tile.retag", NULL, tile_action_cb);
  gtk_widget_class_install_action (widget_class, "tile.remove", NULL, tile_action_cb);
}

static void
xs_evidence_tile_init (XsEvidenceTile *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

XsEvidenceFile *
xs_evidence_tile_get_item (XsEvidenceTile *self)
{
  g_return_val_if_fail (XS_IS_EVIDENCE_TILE (self), NULL);
  return self->item;
}

void
xs_evidence_tile_set_item (XsEvidenceTile *self, XsEvidenceFile *item)
{
  g_return_if_fail (XS_IS_EVIDENCE_TILE (self));

  if (!g_set_object (&self->item, item))
    return;
  if (item != NULL)
    xs_evidence_file_load_thumbnail (item);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ITEM]);
}
