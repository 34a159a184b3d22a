/* xs-person-index.c — every person's span figures, read once off the main thread and kept
 * current as the clerk changes records.
 *
 * The figures come from the core's unit report (one aggregate query, fast at a city's size);
 * list items are made only for the rows a list actually shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <glib/gi18n.h>

#include "xs-person-index.h"
#include "xs-sqlite-store.h"

typedef struct
{
  XsUnitReport *report;
  GHashTable *unit_names; /* unit id → name */
  GHashTable *by_id;      /* person id → index + 1 */
  GPtrArray *haystacks;   /* char *, lower-cased search text per person */
  GHashTable *categories; /* unit id → category */
  GArray *round_stages;   /* const char * (interned): where each person's round stands */
} Loaded;

struct _XsPersonIndex
{
  GObject parent_instance;

  XsSession *session;
  GCancellable *cancellable;
  gboolean loading;
  gboolean reload_again;
  GError *error;

  Loaded *data;
  GPtrArray *items; /* XsPersonItem or NULL, per person */
  XsIndexStats stats;
};

G_DEFINE_FINAL_TYPE (XsPersonIndex, xs_person_index, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_LOADED,
  N_PROPS
};

enum
{
  RESET,
  PERSON_CHANGED_SIGNAL,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
loaded_free (Loaded *data)
{
  if (data == NULL)
    return;
  g_clear_pointer (&data->report, xs_unit_report_free);
  g_clear_pointer (&data->unit_names, g_hash_table_unref);
  g_clear_pointer (&data->by_id, g_hash_table_unref);
  g_clear_pointer (&data->haystacks, g_ptr_array_unref);
  g_clear_pointer (&data->categories, g_hash_table_unref);
  g_clear_pointer (&data->round_stages, g_array_unref);
  g_free (data);
}

static char *
make_haystack (const XsPerson *p, const char *unit_name)
{
  g_autofree char *text =
      g_strjoin ("\n", p->name ? p->name : "", p->id, p->id_number ? p->id_number : "",
                 unit_name ? unit_name : "", NULL);

  g_autofree char *folded = g_utf8_casefold (text, -1);

  /* Exactly sized: casefold's buffer is twice the text, times 20,000 persons. */
  return g_strdup (folded);
}

/* Where each person's round stands: one query for the year's decisions, grouped by person. */
static gboolean
load_round_stages (Loaded *data, XsStore *store, XsRules *rules, GError **error)
{
  g_autoptr (GPtrArray) units = xs_store_list_units (store, error);
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GHashTable) by_person = NULL;

  if (units == NULL)
    return FALSE;
  events = xs_store_list_round_events (store, NULL, xs_rules_get_year (rules), error);
  if (events == NULL)
    return FALSE;
  data->categories = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < units->len; i++)
    {
      const XsUnit *u = g_ptr_array_index (units, i);
      g_hash_table_insert (data->categories, g_strdup (u->id), g_strdup (u->category));
    }
  by_person =
      g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
  for (guint i = 0; i < events->len; i++)
    {
      XsRoundEvent *e = g_ptr_array_index (events, i);
      GPtrArray *mine = g_hash_table_lookup (by_person, e->person_id);

      if (mine == NULL)
        g_hash_table_insert (by_person, e->person_id, mine = g_ptr_array_new ());
      g_ptr_array_add (mine, e);
    }
  data->round_stages =
      g_array_sized_new (FALSE, TRUE, sizeof (const char *), data->report->persons->len);
  for (guint i = 0; i < data->report->persons->len; i++)
    {
      const XsPersonSummary *s = g_ptr_array_index (data->report->persons, i);
      g_autoptr (XsRound) round =
          xs_round_new (rules, g_hash_table_lookup (data->categories, s->person->unit_id),
                        s->person->id, g_hash_table_lookup (by_person, s->person->id));
      const char *stage = g_intern_string (xs_round_get_stage (round));

      g_array_append_val (data->round_stages, stage);
    }
  return TRUE;
}

static Loaded *
load_records (XsPersonIndex *self, GError **error)
{
  g_autoptr (XsStore) store = NULL;
  Loaded *data;

  store = xs_session_open_thread_store (self->session, error);
  if (store == NULL)
    return NULL;
  /* One pass over a million rows: 2 MB of cache reads as fast as 8 and peaks 6 MB lower. */
  if (XS_IS_SQLITE_STORE (store) &&
      !xs_sqlite_store_set_cache_size (XS_SQLITE_STORE (store), 2000, error))
    return NULL;
  data = g_new0 (Loaded, 1);
  data->report = xs_unit_report_new (store, xs_session_get_rules (self->session), error);
  if (data->report == NULL)
    {
      loaded_free (data);
      return NULL;
    }
  data->unit_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* Own keys: a person's record is replaced when it changes. */
  data->by_id = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  data->haystacks = g_ptr_array_new_full (data->report->persons->len, g_free);

  for (guint i = 0; i < data->report->persons->len; i++)
    {
      const XsPersonSummary *s = g_ptr_array_index (data->report->persons, i);
      const char *unit_name = g_hash_table_lookup (data->unit_names, s->person->unit_id);

      if (unit_name == NULL)
        {
          g_autoptr (XsUnit) unit = xs_store_get_unit (store, s->person->unit_id, NULL);

          g_hash_table_insert (data->unit_names, g_strdup (s->person->unit_id),
                               g_strdup (unit != NULL ? unit->name : s->person->unit_id));
          unit_name = g_hash_table_lookup (data->unit_names, s->person->unit_id);
        }
      g_hash_table_insert (data->by_id, g_strdup (s->person->id), GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (data->haystacks, make_haystack (s->person, unit_name));
    }
  if (!load_round_stages (data, store, xs_session_get_rules (self->session), error))
    {
      loaded_free (data);
      return NULL;
    }
  return data;
}

/* Reading a city's records takes seconds of CPU: the window's thread goes first. */
static int
lower_thread_priority (void)
{
#ifdef SYS_gettid
  id_t tid = (id_t)syscall (SYS_gettid);
  int old;

  errno = 0;
  old = getpriority (PRIO_PROCESS, tid);
  if (errno != 0)
    return G_MININT;
  setpriority (PRIO_PROCESS, tid, MIN (old + 10, 19));
  return old;
#else
  return G_MININT;
#endif
}

static void
restore_thread_priority (int old)
{
#ifdef SYS_gettid
  if (old != G_MININT)
    setpriority (PRIO_PROCESS, (id_t)syscall (SYS_gettid), old);
#endif
}

static gboolean
load_work (gpointer data, GCancellable *cancellable, gpointer *out_result, GError **error)
{
  int priority = lower_thread_priority ();

  *out_result = load_records (data, error);
  restore_thread_priority (priority);
#ifdef __GLIBC__
  /* The scan's pages (SQLite's cache, the query's scratch) are free now but stay in this
   * thread's malloc arena, resident, for the life of the window: ~20 MB at a city's size. */
  malloc_trim (0);
#endif
  return *out_result != NULL;
}

static void
compute_stats (XsPersonIndex *self)
{
  XsRules *rules = xs_session_get_rules (self->session);
  guint from = xs_rules_get_span_from (rules);
  guint to = xs_rules_get_span_to (rules);
  XsIndexStats *stats = &self->stats;

  g_clear_pointer (&stats->years, g_array_unref);
  g_clear_pointer (&stats->round_stages, g_hash_table_unref);
  memset (stats, 0, sizeof *stats);
  stats->round_stages = g_hash_table_new (g_str_hash, g_str_equal);
  stats->years = g_array_new (FALSE, TRUE, sizeof (XsYearStats));
  for (guint year = from; year <= to; year++)
    {
      XsYearStats y = { year, 0, 0, 0 };
      g_array_append_val (stats->years, y);
    }
  if (self->data == NULL)
    return;

  stats->persons = self->data->report->persons->len;
  for (guint i = 0; i < stats->persons; i++)
    {
      const XsPersonSummary *s = g_ptr_array_index (self->data->report->persons, i);

      const char *stage = g_array_index (self->data->round_stages, const char *, i);

      stats->passed += s->passed;
      g_hash_table_insert (
          stats->round_stages, (gpointer)stage,
          GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (stats->round_stages, stage)) +
                            1));
      stats->awaiting_review += s->pending > 0;
      stats->pending_activities += s->pending;
      for (guint k = 0; k < s->n_years; k++)
        {
          const XsYearSummary *ys = &s->years[k];
          XsYearStats *y;

          if (ys->year < from || ys->year > to)
            continue;
          y = &g_array_index (stats->years, XsYearStats, ys->year - from);
          if (ys->confirmed.compliant)
            y->compliant++;
          else if (ys->claimed.compliant)
            y->with_pending++;
          else
            y->short_of++;
        }
    }
}

static void
load_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  XsPersonIndex *self = XS_PERSON_INDEX (source);
  g_autoptr (GError) error = NULL;
  Loaded *data = NULL;

  xs_worker_finish (result, (gpointer *)&data, &error);
  if (data == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  g_clear_object (&self->cancellable);
  g_clear_error (&self->error);
  if (data == NULL)
    self->error = g_steal_pointer (&error);
  else
    {
      loaded_free (self->data);
      self->data = data;
      g_ptr_array_set_size (self->items, 0);
      g_ptr_array_set_size (self->items, data->report->persons->len);
    }
  compute_stats (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
  g_signal_emit (self, signals[RESET], 0);

  if (self->reload_again)
    {
      self->reload_again = FALSE;
      xs_person_index_reload (self);
    }
}

/* One person changed: their figures are computed again from their own activities, which is
 * exactly what the unit report would give. */
static void
on_session_person_changed_cb (XsPersonIndex *self, const char *person_id, XsSession *session)
{
  XsStore *store = xs_session_get_store (session);
  XsRules *rules = xs_session_get_rules (session);
  g_autoptr (XsPerson) person = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (XsHoursReport) report = NULL;
  g_autoptr (GError) error = NULL;
  XsPersonSummary *summary;
  int index;

  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  index = xs_person_index_find (self, person_id);
  if (index < 0)
    {
      xs_person_index_reload (self);
      return;
    }

  person = xs_store_get_person (store, person_id, &error);
  if (person != NULL)
    activities = xs_store_list_activities (store, person_id, &error);
  if (activities == NULL)
    {
      g_warning ("Cannot refresh person %s: %s", person_id, error->message);
      return;
    }
  report = xs_hours_report_new (rules, person, activities);

  xs_unit_report_update_person (self->data->report, index, report);
  summary = g_ptr_array_index (self->data->report->persons, index);
  {
    g_autoptr (XsRound) round = xs_records_get_round (store, rules, person_id, NULL);

    if (round != NULL)
      g_array_index (self->data->round_stages, const char *, index) =
          g_intern_string (xs_round_get_stage (round));
  }

  if (g_ptr_array_index (self->items, index) != NULL)
    xs_person_item_update (g_ptr_array_index (self->items, index), summary);
  compute_stats (self);
  g_signal_emit (self, signals[PERSON_CHANGED_SIGNAL], 0, (guint)index);
}

static void
unref_if_made (gpointer item)
{
  if (item != NULL)
    g_object_unref (item);
}

static void
xs_person_index_dispose (GObject *object)
{
  XsPersonIndex *self = XS_PERSON_INDEX (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  G_OBJECT_CLASS (xs_person_index_parent_class)->dispose (object);
}

static void
xs_person_index_finalize (GObject *object)
{
  XsPersonIndex *self = XS_PERSON_INDEX (object);

  loaded_free (self->data);
  g_clear_pointer (&self->stats.years, g_array_unref);
  g_clear_pointer (&self->stats.round_stages, g_hash_table_unref);
  g_clear_error (&self->error);
  G_OBJECT_CLASS (xs_person_index_parent_class)->finalize (object);
}

static void
xs_person_index_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsPersonIndex *self = XS_PERSON_INDEX (object);

  switch (prop_id)
    {
    case PROP_LOADED:
      g_value_set_boolean (value, xs_person_index_get_loaded (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_person_index_class_init (XsPersonIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = xs_person_index_dispose;
  object_class->finalize = xs_person_index_finalize;
  object_class->get_property = xs_person_index_get_property;

  properties[PROP_LOADED] =
      g_param_spec_boolean ("loaded", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Everything was read again: indexes are no longer valid. */
  signals[RESET] = g_signal_new ("reset", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                 NULL, NULL, G_TYPE_NONE, 0);
  /* The person at this index has new figures. */
  signals[PERSON_CHANGED_SIGNAL] =
      g_signal_new ("person-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                    NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
}

static void
xs_person_index_init (XsPersonIndex *self)
{
  /* Items are made as rows ask for them: most slots stay NULL. */
  self->items = g_ptr_array_new_with_free_func (unref_if_made);
}

/**
 * xs_person_index_new:
 *
 * Returns: (transfer full): an index that starts reading the records at once
 */
XsPersonIndex *
xs_person_index_new (XsSession *session)
{
  XsPersonIndex *self = g_object_new (XS_TYPE_PERSON_INDEX, NULL);

  self->session = g_object_ref (session);
  g_signal_connect_object (session, "person-changed", G_CALLBACK (on_session_person_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "records-reloaded", G_CALLBACK (xs_person_index_reload), self,
                           G_CONNECT_SWAPPED);
  compute_stats (self);
  xs_person_index_reload (self);
  return self;
}

void
xs_person_index_reload (XsPersonIndex *self)
{
  g_return_if_fail (XS_IS_PERSON_INDEX (self));

  if (self->loading)
    {
      self->reload_again = TRUE;
      return;
    }
  self->loading = TRUE;
  self->cancellable = g_cancellable_new ();
  /* The worker holds the index until it is done. */
  xs_worker_run (self, self->cancellable, xs_person_index_reload, load_work, g_object_ref (self),
                 g_object_unref, (GDestroyNotify)loaded_free, load_done_cb, NULL);
}

gboolean
xs_person_index_get_loaded (XsPersonIndex *self)
{
  g_return_val_if_fail (XS_IS_PERSON_INDEX (self), FALSE);
  return self->data != NULL || self->error != NULL;
}

/**
 * xs_person_index_get_error:
 *
 * Returns: (nullable): why the last reading failed
 */
const GError *
xs_person_index_get_error (XsPersonIndex *self)
{
  g_return_val_if_fail (XS_IS_PERSON_INDEX (self), NULL);
  return self->error;
}

guint
xs_person_index_get_n_persons (XsPersonIndex *self)
{
  g_return_val_if_fail (XS_IS_PERSON_INDEX (self), 0);
  return self->data != NULL ? self->data->report->persons->len : 0;
}

const XsPersonSummary *
xs_person_index_get_summary (XsPersonIndex *self, guint index)
{
  g_return_val_if_fail (XS_IS_PERSON_INDEX (self), NULL);
  g_return_val_if_fail (index < xs_person_index_get_n_persons (self), NULL);
  return g_ptr_array_index (self->data->report->persons, index);
}

/**
 * xs_person_index_matches:
 * @needle: case-folded search text
 *
 * Whether the person's name, id, resident ID or unit name contains @needle.
 */
gboolean
xs_person_index_matches (XsPersonIndex *self, guint index, const char *needle)
{
  return strstr (g_ptr_array_index (self->data->haystacks, index), needle) != NULL;
}

/**
 * xs_person_index_get_item:
 *
 * Returns: (transfer none): the list item of the person, made on first use
 */
XsPersonItem *
xs_person_index_get_item (XsPersonIndex *self, guint index)
{
  XsPersonItem *item;

  g_return_val_if_fail (index < xs_person_index_get_n_persons (self), NULL);

  item = g_ptr_array_index (self->items, index);
  if (item == NULL)
    {
      const XsPersonSummary *s = xs_person_index_get_summary (self, index);

      item = xs_person_item_new (s, xs_person_index_get_unit_name (self, s->person->unit_id));
      g_ptr_array_index (self->items, index) = item;
    }
  return item;
}

int
xs_person_index_find (XsPersonIndex *self, const char *person_id)
{
  g_return_val_if_fail (XS_IS_PERSON_INDEX (self), -1);

  if (self->data == NULL || person_id == NULL)
    return -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (self->data->by_id, person_id)) - 1;
}

const char *
xs_person_index_get_unit_name (XsPersonIndex *self, const char *unit_id)
{
  const char *name = NULL;

  g_return_val_if_fail (XS_IS_PERSON_INDEX (self), NULL);

  if (self->data != NULL && unit_id != NULL)
    name = g_hash_table_lookup (self->data->unit_names, unit_id);
  return name != NULL ? name : unit_id;
}

XsSession *
xs_person_index_get_session (XsPersonIndex *self)
{
  return self->session;
}

/* Where the person at @index stands in their round: a stage id, or "filed". */
const char *
xs_person_index_get_round_stage (XsPersonIndex *self, guint index)
{
  g_return_val_if_fail (self->data != NULL && index < self->data->round_stages->len, NULL);
  return g_array_index (self->data->round_stages, const char *, index);
}

/* Whether nothing of the person's round has passed yet: not submitted beyond their unit. */
gboolean
xs_person_index_round_not_started (XsPersonIndex *self, guint index)
{
  const XsPersonSummary *s = xs_person_index_get_summary (self, index);
  const XsChain *chain =
      xs_rules_get_chain (xs_session_get_rules (self->session),
                          g_hash_table_lookup (self->data->categories, s->person->unit_id));
  const char *stage = xs_person_index_get_round_stage (self, index);

  return chain != NULL && chain->roles != NULL && chain->roles[0] != NULL &&
         g_str_equal (stage, chain->roles[0]);
}

const XsIndexStats *
xs_person_index_get_stats (XsPersonIndex *self)
{
  g_return_val_if_fail (XS_IS_PERSON_INDEX (self), NULL);
  return &self->stats;
}
