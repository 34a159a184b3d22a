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

/* Appends "name=old→new" style pairs for the fields that differ. */
static void
diff_field (GString *old_text, GString *new_text, const char *name, const char *old_value,
            const char *new_value)
{
  if (g_strcmp0 (old_value, new_value) == 0)
    return;
  g_string_append_printf (old_text, "%s%s=%s", old_text->len ? ";" : "", name,
                          old_value ? old_value : "");
  g_string_append_printf (new_text, "%s%s=%s", new_text->len ? ";" : "", name,
                          new_value ? new_value : "");
}

static void
diff_span (GString *old_text, GString *new_text, const XsPerson *old_p, const XsPerson *new_p)
{
  g_autofree char *old_span = NULL;
  g_autofree char *new_span = NULL;

  if (old_p->span_from == new_p->span_from && old_p->span_to == new_p->span_to)
    return;
  old_span = old_p->span_from ? g_strdup_printf ("%u-%u", old_p->span_from, old_p->span_to)
                              : g_strdup ("");
  new_span = new_p->span_from ? g_strdup_printf ("%u-%u", new_p->span_from, new_p->span_to)
                              : g_strdup ("");
  diff_field (old_text, new_text, "span", old_span, new_span);
}

/* The person's own fields that differ, as two audit values. @old_p may be NULL (new). */
static void
diff_person (GString *old_text, GString *new_text, const XsPerson *old_p, const XsPerson *new_p)
{
  static const XsPerson none = { 0 };

  if (old_p == NULL)
    old_p = &none;
  diff_field (old_text, new_text, "unit", old_p->unit_id, new_p->unit_id);
  diff_field (old_text, new_text, "name", old_p->name, new_p->name);
  diff_field (old_text, new_text, "gender", old_p->gender, new_p->gender);
  diff_field (old_text, new_text, "id-number", old_p->id_number, new_p->id_number);
  diff_field (old_text, new_text, "current-title", old_p->current_title, new_p->current_title);
  diff_field (old_text, new_text, "applying-title", old_p->applying_title, new_p->applying_title);
  diff_field (old_text, new_text, "specialty", old_p->specialty, new_p->specialty);
  diff_span (old_text, new_text, old_p, new_p);
}

gboolean
xs_records_put_unit (XsStore *store, const XsUnit *unit, const char *actor, GError **error)
{
  g_autoptr (XsUnit) old = xs_store_get_unit (store, unit->id, NULL);
  g_autoptr (GString) old_text = g_string_new (NULL);
  g_autoptr (GString) new_text = g_string_new (NULL);

  if (old != NULL)
    {
      diff_field (old_text, new_text, "category", old->category, unit->category);
      diff_field (old_text, new_text, "name", old->name, unit->name);
      diff_field (old_text, new_text, "supervisor", old->supervisor, unit->supervisor);
      diff_field (old_text, new_text, "region", old->region, unit->region);
      if (new_text->len == 0 && old_text->len == 0)
        return TRUE;
    }
  else
    g_string_printf (new_text, "category=%s;name=%s", unit->category ? unit->category : "",
                     unit->name ? unit->name : "");

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

static void
append_ids (GString *text, const char *label, GPtrArray *ids)
{
  if (ids->len == 0)
    return;
  g_string_append_printf (text, "%s%s=", text->len ? ";" : "", label);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%s", i ? "," : "", (const char *)g_ptr_array_index (ids, i));
}

gboolean
xs_records_replace_person_finish (XsPersonReplacement *r, const char *actor, const char *source,
                                  XsPersonChange *out_change, GError **error)
{
  g_autoptr (GString) old_text = g_string_new (NULL);
  g_autoptr (GString) new_text = g_string_new (NULL);
  g_autoptr (GPtrArray) added = g_ptr_array_new ();
  g_autoptr (GPtrArray) changed = g_ptr_array_new ();
  g_autoptr (GPtrArray) removed = g_ptr_array_new ();
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  XsPersonChange change;
  const char *verdict;

  diff_person (old_text, new_text, r->old_person, r->person);
  for (guint i = 0; i < r->added->len; i++)
    {
      const XsActivity *a = g_ptr_array_index (r->added, i);
      const char *old_print = g_hash_table_lookup (r->old_prints, a->id);
      g_autofree char *print = NULL;

      g_hash_table_add (seen, a->id);
      if (old_print == NULL)
        {
          g_ptr_array_add (added, a->id);
          continue;
        }
      print = xs_records_fingerprint_activity (a);
      if (!g_str_equal (print, old_print))
        g_ptr_array_add (changed, a->id);
    }
  if (r->old_person != NULL)
    {
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, r->old_prints);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        if (!g_hash_table_contains (seen, id))
          g_ptr_array_add (removed, id);
      g_ptr_array_sort (removed, compare_ids);
    }

  append_ids (new_text, "activities-added", added);
  append_ids (new_text, "activities-changed", changed);
  append_ids (old_text, "activities-removed", removed);

  if (r->old_person == NULL)
    change = XS_PERSON_ADDED, verdict = "added", g_string_truncate (old_text, 0);
  else if (new_text->len > 0 || old_text->len > 0)
    change = XS_PERSON_REPLACED, verdict = "replaced";
  else
    change = XS_PERSON_UNCHANGED, verdict = "unchanged";
  g_string_prepend (new_text, new_text->len ? ";" : "");
  g_string_prepend (new_text, verdict);
  g_string_prepend (new_text, "import=");

  if (out_change != NULL)
    *out_change = change;
  return xs_audit_record (r->store, actor, "import", r->person->id, source,
                          old_text->len ? old_text->str : NULL, new_text->str, error);
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
  g_autoptr (GString) old_text = g_string_new (NULL);
  g_autoptr (GString) new_text = g_string_new (NULL);
  XsPersonChange change;

  diff_person (old_text, new_text, old, person);
  change = old == NULL                                ? XS_PERSON_ADDED
           : (old_text->len > 0 || new_text->len > 0) ? XS_PERSON_REPLACED
                                                      : XS_PERSON_UNCHANGED;
  if (out_change != NULL)
    *out_change = change;
  if (change == XS_PERSON_UNCHANGED)
    return TRUE;
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
