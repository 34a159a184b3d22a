/* xs-activity.c — the records: units, persons, activities with their evidence and reviews.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "xs-activity.h"
#include "xs-params.h"

G_DEFINE_BOXED_TYPE (XsUnit, xs_unit, xs_unit_ref, xs_unit_unref)
G_DEFINE_BOXED_TYPE (XsPerson, xs_person, xs_person_ref, xs_person_unref)
G_DEFINE_BOXED_TYPE (XsActivity, xs_activity, xs_activity_ref, xs_activity_unref)

const char *
xs_status_to_string (XsStatus status)
{
  switch (status)
    {
    case XS_STATUS_APPROVED:
      return "approved";
    case XS_STATUS_REJECTED:
      return "rejected";
    case XS_STATUS_PENDING:
    default:
      return "pending";
    }
}

gboolean
xs_status_from_string (const char *s, XsStatus *out)
{
  if (g_strcmp0 (s, "pending") == 0)
    *out = XS_STATUS_PENDING;
  else if (g_strcmp0 (s, "approved") == 0)
    *out = XS_STATUS_APPROVED;
  else if (g_strcmp0 (s, "rejected") == 0)
    *out = XS_STATUS_REJECTED;
  else
    return FALSE;
  return TRUE;
}

static void
unit_clear (XsUnit *unit)
{
  g_free (unit->id);
  g_free (unit->category);
  g_free (unit->name);
  g_free (unit->supervisor);
  g_free (unit->region);
}

XsUnit *
xs_unit_new (void)
{
  return g_atomic_rc_box_new0 (XsUnit);
}

XsUnit *
xs_unit_ref (XsUnit *unit)
{
  return g_atomic_rc_box_acquire (unit);
}

void
xs_unit_unref (XsUnit *unit)
{
  g_atomic_rc_box_release_full (unit, (GDestroyNotify)unit_clear);
}

static void
person_clear (XsPerson *person)
{
  g_free (person->id);
  g_free (person->unit_id);
  g_free (person->name);
  g_free (person->gender);
  g_free (person->id_number);
  g_free (person->current_title);
  g_free (person->applying_title);
  g_free (person->specialty);
}

XsPerson *
xs_person_new (void)
{
  return g_atomic_rc_box_new0 (XsPerson);
}

XsPerson *
xs_person_ref (XsPerson *person)
{
  return g_atomic_rc_box_acquire (person);
}

void
xs_person_unref (XsPerson *person)
{
  g_atomic_rc_box_release_full (person, (GDestroyNotify)person_clear);
}

static void
evidence_free (XsEvidence *evidence)
{
  g_free (evidence->material);
  g_free (evidence->sha256);
  g_free (evidence->file_name);
  g_free (evidence);
}

static void
review_free (XsReview *review)
{
  g_free (review->reviewer);
  g_free (review->date);
  g_free (review->reason);
  g_free (review);
}

static void
activity_clear (XsActivity *activity)
{
  g_free (activity->id);
  g_free (activity->person_id);
  g_free (activity->kind);
  g_free (activity->title);
  g_free (activity->organizer);
  g_ptr_array_unref (activity->params);
  g_ptr_array_unref (activity->evidence);
  g_ptr_array_unref (activity->reviews);
  xs_typed_params_free (activity->typed);
}

XsActivity *
xs_activity_new (void)
{
  XsActivity *activity = g_atomic_rc_box_new0 (XsActivity);

  activity->params = g_ptr_array_new_with_free_func (g_free);
  activity->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify)evidence_free);
  activity->reviews = g_ptr_array_new_with_free_func ((GDestroyNotify)review_free);
  return activity;
}

XsActivity *
xs_activity_ref (XsActivity *activity)
{
  return g_atomic_rc_box_acquire (activity);
}

void
xs_activity_unref (XsActivity *activity)
{
  g_atomic_rc_box_release_full (activity, (GDestroyNotify)activity_clear);
}

const char *
xs_activity_get_param (const XsActivity *activity, const char *name)
{
  for (guint i = 0; i + 1 < activity->params->len; i += 2)
    if (strcmp (g_ptr_array_index (activity->params, i), name) == 0)
      return g_ptr_array_index (activity->params, i + 1);
  return NULL;
}

/* Keeps names sorted so that two activities with the same parameters serialize the same. */
void
xs_activity_set_param (XsActivity *activity, const char *name, const char *value)
{
  guint i;

  /* The values parsed before no longer match. */
  g_clear_pointer (&activity->typed, xs_typed_params_free);
  for (i = 0; i + 1 < activity->params->len; i += 2)
    {
      int cmp = strcmp (g_ptr_array_index (activity->params, i), name);

      if (cmp == 0)
        {
          if (value == NULL)
            {
              g_ptr_array_remove_range (activity->params, i, 2);
              return;
            }
          g_free (g_ptr_array_index (activity->params, i + 1));
          g_ptr_array_index (activity->params, i + 1) = g_strdup (value);
          return;
        }
      if (cmp > 0)
        break;
    }

  if (value == NULL)
    return;
  g_ptr_array_insert (activity->params, i, g_strdup (name));
  g_ptr_array_insert (activity->params, i + 1, g_strdup (value));
}

/* "name=value" lines; values never hold a newline (they are validated tokens). */
char *
xs_activity_dup_params_string (const XsActivity *activity)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i + 1 < activity->params->len; i += 2)
    g_string_append_printf (s, "%s=%s\n", (char *)g_ptr_array_index (activity->params, i),
                            (char *)g_ptr_array_index (activity->params, i + 1));
  return g_string_free (s, FALSE);
}

gboolean
xs_activity_set_params_string (XsActivity *activity, const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *eq;

      if (*lines[i] == '\0')
        continue;
      eq = strchr (lines[i], '=');
      if (eq == NULL)
        return FALSE;
      *eq = '\0';
      xs_activity_set_param (activity, lines[i], eq + 1);
    }
  return TRUE;
}

void
xs_activity_add_evidence (XsActivity *activity, const char *material, const char *sha256,
                          const char *file_name, gint64 size)
{
  XsEvidence *evidence = g_new0 (XsEvidence, 1);

  evidence->material = g_strdup (material);
  evidence->sha256 = g_strdup (sha256);
  evidence->file_name = g_strdup (file_name);
  evidence->size = size;
  g_ptr_array_add (activity->evidence, evidence);
}

void
xs_activity_add_review (XsActivity *activity, const char *reviewer, const char *date,
                        XsStatus decision, const char *reason)
{
  XsReview *review = g_new0 (XsReview, 1);

  review->reviewer = g_strdup (reviewer);
  review->date = g_strdup (date);
  review->decision = decision;
  review->reason = g_strdup (reason);
  g_ptr_array_add (activity->reviews, review);
}
