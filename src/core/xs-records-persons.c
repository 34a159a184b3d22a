/* xs-records-persons.c — units and persons as files bring them, through the one writer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-audit.h"
#include "xs-engine.h"
#include "xs-hours.h"
#include "xs-records-persons.h"
#include "xs-records-private.h"
#include "xs-year-accumulator.h"

struct _XsPersonReplacement
{
  XsStore *store;
  XsRules *rules;
  XsPerson *person;
  XsPerson *old_person;   /* NULL: a new person */
  GHashTable *old_prints; /* activity id → fingerprint, as stored before */
  GPtrArray *added;       /* XsActivity, in file order */
};

void
xs_person_diff_free (XsPersonDiff *diff)
{
  if (diff == NULL)
    return;
  g_free (diff->person_id);
  g_free (diff->name);
  g_ptr_array_unref (diff->fields);
  g_ptr_array_unref (diff->added);
  g_ptr_array_unref (diff->changed);
  g_ptr_array_unref (diff->removed);
  g_free (diff);
}

static XsPersonDiff *
person_diff_new (const XsPerson *person)
{
  XsPersonDiff *diff = g_new0 (XsPersonDiff, 1);

  diff->person_id = g_strdup (person->id);
  diff->name = g_strdup (person->name);
  diff->fields = g_ptr_array_new_with_free_func (g_free);
  diff->added = g_ptr_array_new_with_free_func (g_free);
  diff->changed = g_ptr_array_new_with_free_func (g_free);
  diff->removed = g_ptr_array_new_with_free_func (g_free);
  return diff;
}

static void
diff_field (GPtrArray *fields, const char *name, const char *old_value, const char *new_value)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return;
  g_ptr_array_add (fields, g_strdup (name));
  g_ptr_array_add (fields, g_strdup (old_value ? old_value : ""));
  g_ptr_array_add (fields, g_strdup (new_value ? new_value : ""));
}

static char *
span_text (const XsPerson *p)
{
  return p->span_from ? g_strdup_printf ("%u-%u", p->span_from, p->span_to) : g_strdup ("");
}

/* The person's own fields that differ. @old_p may be NULL (new). */
static void
diff_person (GPtrArray *fields, const XsPerson *old_p, const XsPerson *new_p)
{
  static const XsPerson none = { 0 };
  g_autofree char *old_span = NULL;
  g_autofree char *new_span = NULL;

  if (old_p == NULL)
    old_p = &none;
  diff_field (fields, "unit", old_p->unit_id, new_p->unit_id);
  diff_field (fields, "name", old_p->name, new_p->name);
  diff_field (fields, "gender", old_p->gender, new_p->gender);
  diff_field (fields, "id-number", old_p->id_number, new_p->id_number);
  diff_field (fields, "current-title", old_p->current_title, new_p->current_title);
  diff_field (fields, "applying-title", old_p->applying_title, new_p->applying_title);
  diff_field (fields, "specialty", old_p->specialty, new_p->specialty);
  old_span = span_text (old_p);
  new_span = span_text (new_p);
  diff_field (fields, "span", old_span, new_span);
}

static void
append_pair (GString *text, const char *name, const char *value)
{
  g_string_append_printf (text, "%s%s=%s", text->len ? ";" : "", name, value);
}

static void
append_ids (GString *text, const char *label, GPtrArray *ids)
{
  if (ids->len == 0)
    return;
  g_string_append_printf (text, "%s%s=", text->len ? ";" : "", label);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%s", i ? "," : "", (const char *)g_ptr_array_index (ids, i));
}

/* The audit entry's two values: what the fields were (and the activities removed), what they
 * are (and the activities added or changed). @old_text is empty for a new person. */
static void
diff_to_audit (const XsPersonDiff *diff, GString *old_text, GString *new_text)
{
  for (guint i = 0; i + 2 < diff->fields->len; i += 3)
    {
      const char *name = g_ptr_array_index (diff->fields, i);

      if (diff->change != XS_PERSON_ADDED)
        append_pair (old_text, name, g_ptr_array_index (diff->fields, i + 1));
      append_pair (new_text, name, g_ptr_array_index (diff->fields, i + 2));
    }
  append_ids (new_text, "activities-added", diff->added);
  append_ids (new_text, "activities-changed", diff->changed);
  append_ids (old_text, "activities-removed", diff->removed);
}

gboolean
xs_records_put_unit (XsStore *store, const XsUnit *unit, const char *actor, GError **error)
{
  g_autoptr (XsUnit) old = xs_store_get_unit (store, unit->id, NULL);
  g_autoptr (GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) old_text = g_string_new (NULL);
  g_autoptr (GString) new_text = g_string_new (NULL);

  diff_field (fields, "category", old ? old->category : NULL, unit->category);
  diff_field (fields, "name", old ? old->name : NULL, unit->name);
  diff_field (fields, "supervisor", old ? old->supervisor : NULL, unit->supervisor);
  diff_field (fields, "region", old ? old->region : NULL, unit->region);
  if (fields->len == 0)
    return TRUE;
  for (guint i = 0; i + 2 < fields->len; i += 3)
    {
      append_pair (old_text, g_ptr_array_index (fields, i), g_ptr_array_index (fields, i + 1));
      append_pair (new_text, g_ptr_array_index (fields, i), g_ptr_array_index (fields, i + 2));
    }
  return xs_store_put_unit (store, unit, error) &&
         xs_audit_record (store, actor, old ? "unit-change" : "unit-create", NULL, unit->id,
                          old ? old_text->str : NULL, new_text->str, error);
}

XsPersonReplacement *
xs_records_replace_person_begin (XsStore *store, XsRules *rules, const XsPerson *person,
                                 GError **error)
{
  g_autoptr (XsPersonReplacement) r = g_new0 (XsPersonReplacement, 1);

  r->store = store;
  r->rules = rules;
  r->person = xs_person_ref ((XsPerson *)person);
  r->old_prints = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r->added = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_activity_unref);
  r->old_person = xs_store_get_person (store, person->id, NULL);
  if (r->old_person != NULL)
    {
      g_autoptr (GPtrArray) old_activities = xs_store_list_activities (store, person->id, error);

      if (old_activities == NULL)
        return NULL;
      for (guint i = 0; i < old_activities->len; i++)
        {
          const XsActivity *a = g_ptr_array_index (old_activities, i);
          g_hash_table_insert (r->old_prints, g_strdup (a->id),
                               xs_records_fingerprint_activity (a));
        }
    }
  if (!xs_store_replace_person (store, person, error))
    return NULL;
  return g_steal_pointer (&r);
}

/* Validates @activity with the engine (XS_RECORDS_ERROR_INVALID with its message), refuses a
 * second certified year, stores it with its credit. Store errors (an id taken: CONFLICT)
 * pass through. */
gboolean
xs_records_replace_person_add (XsPersonReplacement *r, const XsActivity *activity, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (XsCredit) credit = NULL;
  XsStoredCredit stored;

  if (!xs_engine_validate (r->rules, activity, &local_error) ||
      !xs_hours_check_certified_year (r->rules, r->added, activity, activity->status, &local_error))
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID, "%s", local_error->message);
      return FALSE;
    }
  credit = xs_engine_compute (r->rules, activity);
  xs_stored_credit_from_credit (credit, &stored);
  if (!xs_store_add_activity (r->store, activity, &stored, error))
    return FALSE;
  g_ptr_array_add (r->added, xs_activity_ref ((XsActivity *)activity));
  return TRUE;
}

static int
compare_ids (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *)a, *(const char *const *)b);
}

gboolean
xs_records_replace_person_finish (XsPersonReplacement *r, const char *actor, const char *source,
                                  XsPersonDiff **out_diff, GError **error)
{
  g_autoptr (XsPersonDiff) diff = person_diff_new (r->person);
  g_autoptr (GString) old_text = g_string_new (NULL);
  g_autoptr (GString) new_text = g_string_new (NULL);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  static const char *const verdicts[] = { "added", "replaced", "unchanged" };

  diff_person (diff->fields, r->old_person, r->person);
  for (guint i = 0; i < r->added->len; i++)
    {
      const XsActivity *a = g_ptr_array_index (r->added, i);
      const char *old_print = g_hash_table_lookup (r->old_prints, a->id);
      g_autofree char *print = NULL;

      g_hash_table_add (seen, a->id);
      if (old_print == NULL)
        {
          g_ptr_array_add (diff->added, g_strdup (a->id));
          continue;
        }
      print = xs_records_fingerprint_activity (a);
      if (!g_str_equal (print, old_print))
        g_ptr_array_add (diff->changed, g_strdup (a->id));
    }
  {
    GHashTableIter iter;
    gpointer id;

    g_hash_table_iter_init (&iter, r->old_prints);
    while (g_hash_table_iter_next (&iter, &id, NULL))
      if (!g_hash_table_contains (seen, id))
        g_ptr_array_add (diff->removed, g_strdup (id));
    g_ptr_array_sort (diff->removed, compare_ids);
  }

  if (r->old_person == NULL)
    diff->change = XS_PERSON_ADDED;
  else if (diff->fields->len > 0 || diff->added->len > 0 || diff->changed->len > 0 ||
           diff->removed->len > 0)
    diff->change = XS_PERSON_REPLACED;
  else
    diff->change = XS_PERSON_UNCHANGED;

  g_string_append_printf (new_text, "import=%s", verdicts[diff->change]);
  diff_to_audit (diff, old_text, new_text);

  if (!xs_audit_record (r->store, actor, "import", r->person->id, source,
                        old_text->len ? old_text->str : NULL, new_text->str, error))
    return FALSE;
  if (out_diff != NULL)
    *out_diff = g_steal_pointer (&diff);
  return TRUE;
}

void
xs_records_replace_person_free (XsPersonReplacement *r)
{
  if (r == NULL)
    return;
  g_clear_pointer (&r->person, xs_person_unref);
  g_clear_pointer (&r->old_person, xs_person_unref);
  g_clear_pointer (&r->old_prints, g_hash_table_unref);
  g_clear_pointer (&r->added, g_ptr_array_unref);
  g_free (r);
}

gboolean
xs_records_put_person (XsStore *store, const XsPerson *person, const char *actor,
                       const char *source, XsPersonChange *out_change, GError **error)
{
  g_autoptr (XsPerson) old = xs_store_get_person (store, person->id, NULL);
  g_autoptr (XsPersonDiff) diff = person_diff_new (person);
  g_autoptr (GString) old_text = g_string_new (NULL);
  g_autoptr (GString) new_text = g_string_new (NULL);

  diff_person (diff->fields, old, person);
  diff->change = old == NULL             ? XS_PERSON_ADDED
                 : diff->fields->len > 0 ? XS_PERSON_REPLACED
                                         : XS_PERSON_UNCHANGED;
  if (out_change != NULL)
    *out_change = diff->change;
  if (diff->change == XS_PERSON_UNCHANGED)
    return TRUE;
  diff_to_audit (diff, old_text, new_text);
  return xs_store_put_person (store, person, error) &&
         xs_audit_record (store, actor, old ? "roster-change" : "roster-create", person->id, source,
                          old ? old_text->str : NULL, new_text->str, error);
}

gboolean
xs_records_note_import (XsStore *store, const char *actor, const char *source, const char *summary,
                        GError **error)
{
  return xs_audit_record (store, actor, "import", NULL, source, NULL, summary, error);
}
