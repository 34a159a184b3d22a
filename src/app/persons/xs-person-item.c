/* xs-person-item.c — one person in the sidebar list: identity and how their span stands.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-person-item.h"

struct _XsPersonItem
{
  GObject parent_instance;

  XsPerson *person;
  char *unit_name;
  char masked_id[XS_RESIDENT_ID_LENGTH + 1];
  XsPersonState state;
  guint pending;
};

G_DEFINE_FINAL_TYPE (XsPersonItem, xs_person_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_PERSON_ID,
  PROP_NAME,
  PROP_MASKED_ID,
  PROP_UNIT_NAME,
  PROP_ICON_NAME,
  PROP_STATE_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

XsPersonState
xs_person_summary_get_state (const XsPersonSummary *summary)
{
  if (summary->passed)
    return XS_PERSON_STATE_COMPLIANT;
  /* The clock only for one whom the reviews can still carry: as the CLI's verdict says. */
  if (summary->pending > 0 && summary->claimed_passed)
    return XS_PERSON_STATE_AWAITING_REVIEW;
  return XS_PERSON_STATE_NON_COMPLIANT;
}

static const char *
get_icon_name (XsPersonItem *self)
{
  switch (self->state)
    {
    case XS_PERSON_STATE_COMPLIANT:
      return "emblem-ok-symbolic";
    case XS_PERSON_STATE_AWAITING_REVIEW:
      return "document-open-recent-symbolic";
    case XS_PERSON_STATE_NON_COMPLIANT:
    default:
      return "dialog-warning-symbolic";
    }
}

static char *
dup_state_label (XsPersonItem *self)
{
  switch (self->state)
    {
    case XS_PERSON_STATE_COMPLIANT:
      return g_strdup (_ ("Span passed"));
    case XS_PERSON_STATE_AWAITING_REVIEW:
      return g_strdup_printf (ngettext ("Not passed yet: %u activity awaits review",
                                        "Not passed yet: %u activities await review",
                                        self->pending),
                              self->pending);
    case XS_PERSON_STATE_NON_COMPLIANT:
    default:
      if (self->pending > 0)
        return g_strdup_printf (
            ngettext ("Span not passed, even if the %u activity awaiting review is approved",
                      "Span not passed, even if the %u activities awaiting review are approved",
                      self->pending),
            self->pending);
      return g_strdup (_ ("Span not passed"));
    }
}

static void
xs_person_item_finalize (GObject *object)
{
  XsPersonItem *self = XS_PERSON_ITEM (object);

  g_clear_pointer (&self->person, xs_person_unref);
  g_free (self->unit_name);
  G_OBJECT_CLASS (xs_person_item_parent_class)->finalize (object);
}

static void
xs_person_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsPersonItem *self = XS_PERSON_ITEM (object);

  switch (prop_id)
    {
    case PROP_PERSON_ID:
      g_value_set_string (value, self->person->id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->person->name);
      break;
    case PROP_MASKED_ID:
      g_value_set_string (value, self->masked_id);
      break;
    case PROP_UNIT_NAME:
      g_value_set_string (value, self->unit_name);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, get_icon_name (self));
      break;
    case PROP_STATE_LABEL:
      g_value_take_string (value, dup_state_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_person_item_class_init (XsPersonItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = xs_person_item_finalize;
  object_class->get_property = xs_person_item_get_property;

  properties[PROP_PERSON_ID] =
      g_param_spec_string ("person-id", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
      g_param_spec_string ("name", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MASKED_ID] =
      g_param_spec_string ("masked-id", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT_NAME] =
      g_param_spec_string ("unit-name", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ICON_NAME] =
      g_param_spec_string ("icon-name", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_LABEL] =
      g_param_spec_string ("state-label", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xs_person_item_init (XsPersonItem *self)
{
}

XsPersonItem *
xs_person_item_new (const XsPersonSummary *summary, const char *unit_name)
{
  XsPersonItem *self = g_object_new (XS_TYPE_PERSON_ITEM, NULL);

  self->person = xs_person_ref (summary->person);
  self->unit_name = g_strdup (unit_name ? unit_name : summary->person->unit_id);
  xs_resident_id_mask (self->person->id_number ? self->person->id_number : "", self->masked_id);
  self->state = xs_person_summary_get_state (summary);
  self->pending = summary->pending;
  return self;
}

/**
 * xs_person_item_update:
 *
 * Takes the person's new figures after a change, notifying only what changed.
 */
void
xs_person_item_update (XsPersonItem *self, const XsPersonSummary *summary)
{
  XsPersonState state = xs_person_summary_get_state (summary);
  gboolean name_changed = g_strcmp0 (self->person->name, summary->person->name) != 0;

  g_return_if_fail (XS_IS_PERSON_ITEM (self));

  if (self->person != summary->person)
    {
      xs_person_unref (self->person);
      self->person = xs_person_ref (summary->person);
    }
  if (name_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
  if (state != self->state || summary->pending != self->pending)
    {
      gboolean icon_changed = state != self->state;

      self->state = state;
      self->pending = summary->pending;
      if (icon_changed)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
    }
}

XsPerson *
xs_person_item_get_person (XsPersonItem *self)
{
  g_return_val_if_fail (XS_IS_PERSON_ITEM (self), NULL);
  return self->person;
}

const char *
xs_person_item_get_person_id (XsPersonItem *self)
{
  g_return_val_if_fail (XS_IS_PERSON_ITEM (self), NULL);
  return self->person->id;
}

const char *
xs_person_item_get_name (XsPersonItem *self)
{
  g_return_val_if_fail (XS_IS_PERSON_ITEM (self), NULL);
  return self->person->name;
}

const char *
xs_person_item_get_unit_name (XsPersonItem *self)
{
  g_return_val_if_fail (XS_IS_PERSON_ITEM (self), NULL);
  return self->unit_name;
}

XsPersonState
xs_person_item_get_state (XsPersonItem *self)
{
  g_return_val_if_fail (XS_IS_PERSON_ITEM (self), XS_PERSON_STATE_NON_COMPLIANT);
  return self->state;
}
