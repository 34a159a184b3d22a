/* xs-person-list.c — the persons a list shows: an XsPersonIndex filtered and searched.
 *
 * A GListModel that holds only the indexes of the matching persons; items are made by the
 * index when a row asks for them, so 20,000 persons cost an array of integers.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-person-list.h"

typedef enum
{
  FILTER_ALL,
  FILTER_NON_COMPLIANT,
  FILTER_AWAITING_REVIEW,
  FILTER_COMPLIANT,
} Filter;

static const char *const filter_names[] = {
  XS_FILTER_ALL,
  XS_FILTER_NON_COMPLIANT,
  XS_FILTER_AWAITING_REVIEW,
  XS_FILTER_COMPLIANT,
};

struct _XsPersonList
{
  GObject parent_instance;

  XsPersonIndex *index;
  Filter filter;
  char *search;             /* as typed */
  char *needle;             /* case-folded, NULL when empty */
  GHashTable *text_matches; /* person ids whose scans' text holds the search, or NULL */
  GArray *shown;            /* guint index into the XsPersonIndex, ascending */
};

static void xs_person_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (XsPersonList, xs_person_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, xs_person_list_model_init))

enum
{
  PROP_0,
  PROP_FILTER,
  PROP_SEARCH,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
matches (XsPersonList *self, guint index)
{
  const XsPersonSummary *s = xs_person_index_get_summary (self->index, index);

  switch (self->filter)
    {
    case FILTER_NON_COMPLIANT:
      if (s->passed)
        return FALSE;
      break;
    case FILTER_AWAITING_REVIEW:
      if (s->pending == 0)
        return FALSE;
      break;
    case FILTER_COMPLIANT:
      if (!s->passed)
        return FALSE;
      break;
    case FILTER_ALL:
    default:
      break;
    }
  return self->needle == NULL || xs_person_index_matches (self->index, index, self->needle) ||
         (self->text_matches != NULL && g_hash_table_contains (self->text_matches, s->person->id));
}

static void
refilter (XsPersonList *self)
{
  guint removed = self->shown->len;
  guint n = xs_person_index_get_n_persons (self->index);

  g_array_set_size (self->shown, 0);
  for (guint i = 0; i < n; i++)
    if (matches (self, i))
      g_array_append_val (self->shown, i);

  if (removed > 0 || self->shown->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->shown->len);
  if (removed != self->shown->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/* Where @index is, or would be, among the shown persons. */
static guint
lower_bound (XsPersonList *self, guint index, gboolean *found)
{
  guint lo = 0, hi = self->shown->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (self->shown, guint, mid) < index)
        lo = mid + 1;
      else
        hi = mid;
    }
  *found = lo < self->shown->len && g_array_index (self->shown, guint, lo) == index;
  return lo;
}

/* A changed person may enter or leave the list; nothing else moves. */
static void
on_index_person_updated_cb (XsPersonList *self, guint index, XsPersonIndex *person_index)
{
  gboolean found;
  guint position = lower_bound (self, index, &found);
  gboolean match = matches (self, index);

  if (match && !found)
    {
      g_array_insert_val (self->shown, position, index);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
  else if (!match && found)
    {
      g_array_remove_index (self->shown, position);
      g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
    }
}

static GType
xs_person_list_get_item_type (GListModel *model)
{
  return XS_TYPE_PERSON_ITEM;
}

static guint
xs_person_list_get_n_items (GListModel *model)
{
  return XS_PERSON_LIST (model)->shown->len;
}

static gpointer
xs_person_list_get_item (GListModel *model, guint position)
{
  XsPersonList *self = XS_PERSON_LIST (model);

  if (position >= self->shown->len)
    return NULL;
  return g_object_ref (
      xs_person_index_get_item (self->index, g_array_index (self->shown, guint, position)));
}

static void
xs_person_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = xs_person_list_get_item_type;
  iface->get_n_items = xs_person_list_get_n_items;
  iface->get_item = xs_person_list_get_item;
}

static void
xs_person_list_dispose (GObject *object)
{
  XsPersonList *self = XS_PERSON_LIST (object);

  g_clear_object (&self->index);
  G_OBJECT_CLASS (xs_person_list_parent_class)->dispose (object);
}

static void
xs_person_list_finalize (GObject *object)
{
  XsPersonList *self = XS_PERSON_LIST (object);

  g_array_unref (self->shown);
  g_free (self->search);
  g_free (self->needle);
  g_clear_pointer (&self->text_matches, g_hash_table_unref);
  G_OBJECT_CLASS (xs_person_list_parent_class)->finalize (object);
}

static void
xs_person_list_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsPersonList *self = XS_PERSON_LIST (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      g_value_set_string (value, xs_person_list_get_filter (self));
      break;
    case PROP_SEARCH:
      g_value_set_string (value, xs_person_list_get_search (self));
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->shown->len);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_person_list_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  XsPersonList *self = XS_PERSON_LIST (object);

  switch (prop_id)
    {
    case PROP_FILTER:
      xs_person_list_set_filter (self, g_value_get_string (value));
      break;
    case PROP_SEARCH:
      xs_person_list_set_search (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_person_list_class_init (XsPersonListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xs_person_list_dispose;
  object_class->finalize = xs_person_list_finalize;
  object_class->get_property = xs_person_list_get_property;
  object_class->set_property = xs_person_list_set_property;

  properties[PROP_FILTER] =
      g_param_spec_string ("filter", NULL, NULL, XS_FILTER_ALL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
      g_param_spec_string ("search", NULL, NULL, "",
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
      g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xs_person_list_init (XsPersonList *self)
{
  self->shown = g_array_new (FALSE, FALSE, sizeof (guint));
  self->search = g_strdup ("");
}

/**
 * xs_person_list_new:
 *
 * Returns: (transfer full): every person of @index, until a filter or search is set
 */
XsPersonList *
xs_person_list_new (XsPersonIndex *index)
{
  XsPersonList *self = g_object_new (XS_TYPE_PERSON_LIST, NULL);

  self->index = g_object_ref (index);
  g_signal_connect_object (index, "reset", G_CALLBACK (refilter), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (index, "person-updated", G_CALLBACK (on_index_person_updated_cb), self,
                           G_CONNECT_SWAPPED);
  refilter (self);
  return self;
}

const char *
xs_person_list_get_filter (XsPersonList *self)
{
  g_return_val_if_fail (XS_IS_PERSON_LIST (self), NULL);
  return filter_names[self->filter];
}

void
xs_person_list_set_filter (XsPersonList *self, const char *filter)
{
  guint position = xs_person_filter_to_position (filter);

  g_return_if_fail (XS_IS_PERSON_LIST (self));

  if ((Filter)position == self->filter)
    return;
  self->filter = position;
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

const char *
xs_person_list_get_search (XsPersonList *self)
{
  g_return_val_if_fail (XS_IS_PERSON_LIST (self), NULL);
  return self->search;
}

void
xs_person_list_set_search (XsPersonList *self, const char *search)
{
  g_autofree char *stripped = g_strstrip (g_strdup (search ? search : ""));

  g_return_if_fail (XS_IS_PERSON_LIST (self));

  if (g_strcmp0 (self->search, search ? search : "") == 0)
    return;
  g_free (self->search);
  self->search = g_strdup (search ? search : "");
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->text_matches, g_hash_table_unref);
  if (*stripped != '\0')
    self->needle = g_utf8_casefold (stripped, -1);
  refilter (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

/**
 * xs_person_list_set_text_matches:
 * @person_ids: (element-type utf8) (nullable): the persons any of whose scans' text holds the
 *   search now set (a certificate number, an organiser)
 *
 * They are shown too, until the search changes.
 */
void
xs_person_list_set_text_matches (XsPersonList *self, GPtrArray *person_ids)
{
  g_return_if_fail (XS_IS_PERSON_LIST (self));
  g_clear_pointer (&self->text_matches, g_hash_table_unref);
  if (person_ids != NULL && person_ids->len > 0)
    {
      self->text_matches = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; i < person_ids->len; i++)
        g_hash_table_add (self->text_matches, g_strdup (g_ptr_array_index (person_ids, i)));
    }
  refilter (self);
}

/**
 * xs_person_list_find:
 *
 * Returns: the position of the person, or -1 when not shown
 */
int
xs_person_list_find (XsPersonList *self, const char *person_id)
{
  int index = xs_person_index_find (self->index, person_id);
  gboolean found;
  guint position;

  if (index < 0)
    return -1;
  position = lower_bound (self, (guint)index, &found);
  return found ? (int)position : -1;
}

guint
xs_person_filter_to_position (const char *filter)
{
  for (guint i = 0; i < G_N_ELEMENTS (filter_names); i++)
    if (g_strcmp0 (filter, filter_names[i]) == 0)
      return i;
  return FILTER_ALL;
}

const char *
xs_person_filter_from_position (guint position)
{
  return position < G_N_ELEMENTS (filter_names) ? filter_names[position] : XS_FILTER_ALL;
}
