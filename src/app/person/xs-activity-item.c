/* xs-activity-item.c — one activity as the person page lists it: its credit, status, evidence.
 *
 * A snapshot: the page makes new items whenever the person's records change.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-activity-item.h"
#include "xs-labels.h"

struct _XsActivityItem
{
  GObject parent_instance;

  XsActivity *activity;
  char *kind_name;
  guint year;
  gint64 hours;
  char *hours_label;
  char *reason;
  char *detail;
  gboolean evidence_satisfied;
  char *missing;
  GPtrArray *missing_ids;
};

G_DEFINE_FINAL_TYPE (XsActivityItem, xs_activity_item, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DETAIL,
  PROP_REASON,
  PROP_HOURS_LABEL,
  PROP_STATUS_LABEL,
  PROP_EVIDENCE_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
dup_evidence_label (XsActivityItem *self)
{
  guint n = self->activity->evidence->len;

  if (self->evidence_satisfied)
    return g_strdup_printf (
        ngettext ("Evidence complete (%u file)", "Evidence complete (%u files)", n), n);
  /* TRANSLATORS: %s lists the materials still missing */
  return g_strdup_printf (_ ("Missing: %s"), self->missing);
}

static void
xs_activity_item_finalize (GObject *object)
{
  XsActivityItem *self = XS_ACTIVITY_ITEM (object);

  xs_activity_unref (self->activity);
  g_free (self->kind_name);
  g_free (self->hours_label);
  g_free (self->reason);
  g_free (self->detail);
  g_free (self->missing);
  g_clear_pointer (&self->missing_ids, g_ptr_array_unref);
  G_OBJECT_CLASS (xs_activity_item_parent_class)->finalize (object);
}

static void
xs_activity_item_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsActivityItem *self = XS_ACTIVITY_ITEM (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->activity->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->activity->title && *self->activity->title
                                     ? self->activity->title
                                     : self->kind_name);
      break;
    case PROP_DETAIL:
      g_value_set_string (value, self->detail);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_HOURS_LABEL:
      g_value_set_string (value, self->hours_label);
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, xs_status_get_label (self->activity->status));
      break;
    case PROP_EVIDENCE_LABEL:
      g_value_take_string (value, dup_evidence_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_activity_item_class_init (XsActivityItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = xs_activity_item_finalize;
  object_class->get_property = xs_activity_item_get_property;

  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties[PROP_DETAIL] = g_param_spec_string ("detail", NULL, NULL, NULL, flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_HOURS_LABEL] = g_param_spec_string ("hours-label", NULL, NULL, NULL, flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  properties[PROP_EVIDENCE_LABEL] = g_param_spec_string ("evidence-label", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xs_activity_item_init (XsActivityItem *self)
{
}

/**
 * xs_activity_item_new:
 * @result: the activity with its credit and evidence check, from an XsHoursReport
 *
 * Returns: (transfer full): a snapshot of @result
 */
XsActivityItem *
xs_activity_item_new (XsRules *rules, const XsActivityResult *result)
{
  XsActivityItem *self = g_object_new (XS_TYPE_ACTIVITY_ITEM, NULL);
  const XsKind *kind = xs_rules_get_kind (rules, result->activity->kind);
  const XsCredit *credit = result->credit;

  self->activity = xs_activity_ref (result->activity);
  self->kind_name = g_strdup (kind ? kind->name : result->activity->kind);
  self->year = credit->year;
  self->hours = xs_credit_get_hours (credit);
  if (result->activity->status == XS_STATUS_REJECTED)
    {
      /* A rejected activity counts nothing: say so, and why, instead of its hours. */
      const GPtrArray *reviews = result->activity->reviews;
      const XsReview *last =
          reviews && reviews->len ? g_ptr_array_index (reviews, reviews->len - 1) : NULL;

      self->hours_label = g_strdup (_ ("Not counted"));
      self->reason = last && last->reason && *last->reason
                         ? g_strdup_printf (_ ("Rejected: %s"), last->reason)
                         : g_strdup (_ ("Rejected"));
    }
  else
    {
      if (xs_credit_is_deemed (credit))
        self->hours_label = g_strdup (_ ("Deemed"));
      else
        self->hours_label = xs_hours_dup_label (self->hours);
      self->reason = g_strdup (credit->reason ? credit->reason : "");
    }
  {
    const char *subject =
        self->hours > 0 ? xs_rules_get_subject_name (rules, credit->subject) : NULL;
    g_autoptr (GString) detail = g_string_new (self->kind_name);

    /* 公需 or 专业: which requirement the hours go to. */
    if (subject != NULL && *subject != '\0')
      g_string_append_printf (detail, " · %s", subject);
    if (result->activity->organizer && *result->activity->organizer)
      g_string_append_printf (detail, " · %s", result->activity->organizer);
    self->detail = g_string_free (g_steal_pointer (&detail), FALSE);
  }
  self->evidence_satisfied = result->evidence->satisfied;
  self->missing = xs_missing_dup_text (rules, result->evidence->missing);
  self->missing_ids = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; result->evidence->missing && i < result->evidence->missing->len; i++)
    g_ptr_array_add (self->missing_ids,
                     g_strdup (g_ptr_array_index (result->evidence->missing, i)));
  return self;
}

XsActivity *
xs_activity_item_get_activity (XsActivityItem *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_ITEM (self), NULL);
  return self->activity;
}

const char *
xs_activity_item_get_id (XsActivityItem *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_ITEM (self), NULL);
  return self->activity->id;
}

guint
xs_activity_item_get_year (XsActivityItem *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_ITEM (self), 0);
  return self->year;
}

gint64
xs_activity_item_get_hours (XsActivityItem *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_ITEM (self), 0);
  return self->hours;
}

XsStatus
xs_activity_item_get_status (XsActivityItem *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_ITEM (self), XS_STATUS_PENDING);
  return self->activity->status;
}

gboolean
xs_activity_item_get_evidence_satisfied (XsActivityItem *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_ITEM (self), FALSE);
  return self->evidence_satisfied;
}

const char *
xs_activity_item_get_reason (XsActivityItem *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_ITEM (self), NULL);
  return self->reason;
}

/**
 * xs_activity_item_get_missing:
 *
 * Returns: the materials still missing, in words ("" when complete)
 */
const char *
xs_activity_item_get_missing (XsActivityItem *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_ITEM (self), NULL);
  return self->missing;
}

/**
 * xs_activity_item_get_missing_ids:
 *
 * Returns: (transfer none) (element-type utf8): missing items as material ids, "a|b" for
 *   either
 */
GPtrArray *
xs_activity_item_get_missing_ids (XsActivityItem *self)
{
  g_return_val_if_fail (XS_IS_ACTIVITY_ITEM (self), NULL);
  return self->missing_ids;
}
