/* xs-records-persons.c — units and persons as files bring them, through the one writer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-audit.h"
#include "xs-engine.h"
#include "xs-hours.h"
#include "xs-params.h"
#include "xs-resident-id.h"
#include "xs-text-check.h"
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

/* ------------------------------------------------------------------------------------------ */
/* A clerk's own changes to a person                                                          */

#define MAX_PERSON_TEXT 200 /* as a roster cell */

static gboolean invalid (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError **error, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_text (const char *value, gboolean required, const char *what, GError **error)
{
  if (value == NULL || *value == '\0')
    return !required || invalid (error, _ ("The %s is required"), what);
  if (!g_utf8_validate (value, -1, NULL) || !xs_text_is_single_line (value))
    return invalid (
        error, _ ("The %s may not contain line breaks, tabs or other control characters"), what);
  if (g_utf8_strlen (value, -1) > MAX_PERSON_TEXT)
    return invalid (error, _ ("The %s is longer than %d characters"), what, MAX_PERSON_TEXT);
  return TRUE;
}

/* What a person must be to be stored: the same checks for the CLI and the application. */
static gboolean
check_person (XsStore *store, const XsPerson *p, GError **error)
{
  g_autoptr (XsUnit) unit = NULL;
  g_autoptr (GPtrArray) persons = NULL;
  g_autoptr (GError) id_error = NULL;

  if (!check_text (p->id, TRUE, _ ("person id"), error) ||
      !check_text (p->name, TRUE, _ ("name"), error) ||
      !check_text (p->current_title, FALSE, _ ("current title"), error) ||
      !check_text (p->applying_title, FALSE, _ ("title applied for"), error) ||
      !check_text (p->specialty, FALSE, _ ("specialty"), error))
    return FALSE;
  if (g_strcmp0 (p->gender, "male") != 0 && g_strcmp0 (p->gender, "female") != 0)
    return invalid (error, _ ("The gender must be 男 or 女 (male or female)"));
  if (p->id_number == NULL || !xs_resident_id_validate (p->id_number, &id_error))
    return invalid (error, _ ("Resident ID %s: %s"), p->id_number ? p->id_number : "",
                    id_error ? id_error->message : _ ("required"));
  if ((p->span_from == 0) != (p->span_to == 0))
    return invalid (error, _ ("Give both the span’s first and last year, or neither"));
  if (p->span_from != 0 && (p->span_from < XS_PARAM_MIN_YEAR || p->span_to > XS_PARAM_MAX_YEAR ||
                            p->span_from > p->span_to))
    return invalid (error, _ ("The span %u–%u is not a span of years from %d to %d"), p->span_from,
                    p->span_to, XS_PARAM_MIN_YEAR, XS_PARAM_MAX_YEAR);
  unit = xs_store_get_unit (store, p->unit_id ? p->unit_id : "", NULL);
  if (unit == NULL)
    return invalid (error, _ ("There is no unit “%s”"), p->unit_id ? p->unit_id : "");

  /* The ID number identifies a person. */
  persons = xs_store_list_persons (store, error);
  if (persons == NULL)
    return FALSE;
  for (guint i = 0; i < persons->len; i++)
    {
      const XsPerson *other = g_ptr_array_index (persons, i);

      if (g_strcmp0 (other->id_number, p->id_number) == 0 && g_strcmp0 (other->id, p->id) != 0)
        return invalid (error, _ ("Resident ID %s already belongs to %s (%s)"), p->id_number,
                        other->name, other->id);
    }
  return TRUE;
}

static gboolean
end_transaction (XsStore *store, gboolean ok, GError **error)
{
  if (ok && xs_store_commit (store, error))
    return TRUE;
  xs_store_rollback (store);
  return FALSE;
}

/**
 * xs_records_add_person:
 *
 * Adds a new person (their id not used yet), checked as xs_records_edit_person() checks.
 */
gboolean
xs_records_add_person (XsStore *store, const XsPerson *person, const char *actor, GError **error)
{
  g_autoptr (XsPersonDiff) diff = person_diff_new (person);
  g_autoptr (GString) old_text = g_string_new (NULL);
  g_autoptr (GString) new_text = g_string_new (NULL);
  g_autoptr (XsPerson) existing = NULL;
  gboolean ok;

  if (!check_person (store, person, error))
    return FALSE;
  existing = xs_store_get_person (store, person->id, NULL);
  if (existing != NULL)
    return invalid (error, _ ("Person %s already exists (%s)"), person->id, existing->name);

  diff->change = XS_PERSON_ADDED;
  diff_person (diff->fields, NULL, person);
  diff_to_audit (diff, old_text, new_text);
  if (!xs_store_begin (store, error))
    return FALSE;
  ok = xs_store_put_person (store, person, error) &&
       xs_audit_record (store, actor, "person-create", person->id, person->id, NULL, new_text->str,
                        error);
  return end_transaction (store, ok, error);
}

/**
 * xs_records_edit_person:
 * @person: the person's new fields; their activities are kept (a new unit keeps the history)
 * @out_changed: (out) (optional): whether anything differed
 */
gboolean
xs_records_edit_person (XsStore *store, const XsPerson *person, const char *actor,
                        gboolean *out_changed, GError **error)
{
  g_autoptr (XsPersonDiff) diff = person_diff_new (person);
  g_autoptr (GString) old_text = g_string_new (NULL);
  g_autoptr (GString) new_text = g_string_new (NULL);
  g_autoptr (XsPerson) old = NULL;
  g_autoptr (GError) local_error = NULL;
  gboolean ok;

  if (out_changed != NULL)
    *out_changed = FALSE;
  old = xs_store_get_person (store, person->id, &local_error);
  if (old == NULL)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NOT_FOUND, "%s", local_error->message);
      return FALSE;
    }
  if (!check_person (store, person, error))
    return FALSE;
  diff->change = XS_PERSON_REPLACED;
  diff_person (diff->fields, old, person);
  if (diff->fields->len == 0)
    return TRUE;
  diff_to_audit (diff, old_text, new_text);
  if (!xs_store_begin (store, error))
    return FALSE;
  ok = xs_store_put_person (store, person, error) &&
       xs_audit_record (store, actor, "person-change", person->id, person->id, old_text->str,
                        new_text->str, error);
  if (!end_transaction (store, ok, error))
    {
      xs_records_explain_stale (store, person->id, person->id, error);
      return FALSE;
    }
  if (out_changed != NULL)
    *out_changed = TRUE;
  return TRUE;
}

/**
 * xs_records_remove_person:
 *
 * Removes the person with their activities, evidence references and reviews; the audit
 * entry keeps what they were. (Evidence files stay until collected.)
 */
gboolean
xs_records_remove_person (XsStore *store, const char *person_id, const char *actor, GError **error)
{
  g_autoptr (XsPerson) old = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (XsPersonDiff) diff = NULL;
  g_autoptr (GString) old_text = g_string_new (NULL);
  g_autoptr (GString) new_text = g_string_new (NULL);
  g_autoptr (GError) local_error = NULL;
  gboolean ok;

  old = xs_store_get_person (store, person_id, &local_error);
  if (old == NULL)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NOT_FOUND, "%s", local_error->message);
      return FALSE;
    }
  activities = xs_store_list_activities (store, person_id, error);
  if (activities == NULL)
    return FALSE;
  diff = person_diff_new (old);
  diff->change = XS_PERSON_ADDED;
  diff_person (diff->fields, NULL, old);
  for (guint i = 0; i < activities->len; i++)
    g_ptr_array_add (diff->removed,
                     g_strdup (((const XsActivity *)g_ptr_array_index (activities, i))->id));

  /* As a new person's fields would be listed, then the activities that go with them. */
  diff_to_audit (diff, new_text, old_text);
  append_ids (old_text, "activities-removed", diff->removed);
  if (!xs_store_begin (store, error))
    return FALSE;
  ok = xs_store_delete_person (store, person_id, error) &&
       xs_audit_record (store, actor, "person-delete", person_id, person_id, old_text->str, NULL,
                        error);
  return end_transaction (store, ok, error);
}

/* ------------------------------------------------------------------------------------------ */
/* What a file changes, in the clerk's words                                                  */

/* The exchange file's field names, as a clerk reads them. */
static const char *
field_label (const char *field)
{
  static const struct
  {
    const char *field;
    const char *label;
  } labels[] = {
    { "unit", N_ ("unit") },
    { "name", N_ ("name") },
    { "gender", N_ ("gender") },
    { "id-number", N_ ("ID number") },
    { "current-title", N_ ("current title") },
    { "applying-title", N_ ("title applied for") },
    { "specialty", N_ ("specialty") },
    { "span", N_ ("span") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].field, field))
      return _ (labels[i].label);
  return field;
}

/* @format has one %s: the ids, comma-separated. */
static void
print_ids (GString *line, const char *format, GPtrArray *ids)
{
  g_autoptr (GString) joined = g_string_new (NULL);

  if (ids->len == 0)
    return;
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (joined, "%s%s", i ? ", " : "",
                            (const char *)g_ptr_array_index (ids, i));
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  g_string_append_printf (line, format, joined->str);
#pragma GCC diagnostic pop
}

/**
 * xs_person_diff_format:
 *
 * Returns: (transfer full): one line for a clerk, e.g. "P001 张三丰: replaced; name “张三” →
 *   “张三丰”; activities added: A3"
 */
char *
xs_person_diff_format (const XsPersonDiff *diff)
{
  GString *line = g_string_new (NULL);

  g_string_printf (line, _ ("%s %s: "), diff->person_id, diff->name ? diff->name : "");
  switch (diff->change)
    {
    case XS_PERSON_ADDED:
      g_string_append (line, _ ("added"));
      break;
    case XS_PERSON_UNCHANGED:
      g_string_append (line, _ ("unchanged"));
      break;
    case XS_PERSON_REPLACED:
      g_string_append (line, _ ("replaced"));
      for (guint k = 0; k + 2 < diff->fields->len; k += 3)
        g_string_append_printf (line, _ ("; %s “%s” → “%s”"),
                                field_label (g_ptr_array_index (diff->fields, k)),
                                (const char *)g_ptr_array_index (diff->fields, k + 1),
                                (const char *)g_ptr_array_index (diff->fields, k + 2));
      break;
    }
  if (diff->change != XS_PERSON_UNCHANGED)
    {
      print_ids (line, _ ("; activities added: %s"), diff->added);
      print_ids (line, _ ("; activities changed: %s"), diff->changed);
      print_ids (line, _ ("; activities removed: %s"), diff->removed);
    }
  return g_string_free (line, FALSE);
}
