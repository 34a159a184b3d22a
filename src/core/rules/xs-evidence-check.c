/* xs-evidence-check.c — whether an activity's materials satisfy its kind's requirement.
 *
 * A requirement is any-of(bundles), a bundle all-of(items), an item any-of(materials). The
 * answer names the bundle that needs the fewest further items (the first one on a tie).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-evidence-check.h"

static gboolean
item_present (const XsEvidenceItem *item, const char *const *present)
{
  for (guint i = 0; item->materials[i] != NULL; i++)
    if (present != NULL && g_strv_contains (present, item->materials[i]))
      return TRUE;
  return FALSE;
}

static guint
count_missing (const XsEvidenceBundle *bundle, const char *const *present)
{
  guint n = 0;

  for (guint i = 0; i < bundle->items->len; i++)
    if (!item_present (g_ptr_array_index (bundle->items, i), present))
      n++;
  return n;
}

/**
 * xs_evidence_check_new:
 * @kind: the activity's kind
 * @present: (nullable): the material types attached, %NULL-terminated
 *
 * Returns: (transfer full): the verdict
 */
XsEvidenceCheck *
xs_evidence_check_new (const XsKind *kind, const char *const *present)
{
  XsEvidenceCheck *check = g_new0 (XsEvidenceCheck, 1);
  const XsEvidenceBundle *best = NULL;
  guint best_missing = G_MAXUINT;

  check->missing = g_ptr_array_new_with_free_func (g_free);

  for (guint b = 0; kind->bundles != NULL && b < kind->bundles->len; b++)
    {
      const XsEvidenceBundle *bundle = g_ptr_array_index (kind->bundles, b);
      guint missing = count_missing (bundle, present);

      if (missing < best_missing)
        {
          best = bundle;
          best_missing = missing;
        }
    }

  check->satisfied = best == NULL || best_missing == 0;
  if (check->satisfied)
    return check;

  for (guint i = 0; i < best->items->len; i++)
    {
      const XsEvidenceItem *item = g_ptr_array_index (best->items, i);

      if (!item_present (item, present))
        g_ptr_array_add (check->missing, g_strjoinv ("|", item->materials));
    }
  return check;
}

/**
 * xs_evidence_check_activity:
 *
 * Returns: (transfer full): the verdict for the materials attached to @activity
 */
XsEvidenceCheck *
xs_evidence_check_activity (XsRules *rules, const XsActivity *activity)
{
  const XsKind *kind = xs_rules_get_kind (rules, activity->kind);
  g_autoptr (GPtrArray) present = g_ptr_array_new ();
  XsEvidenceCheck *check;

  for (guint i = 0; i < activity->evidence->len; i++)
    {
      const XsEvidence *e = g_ptr_array_index (activity->evidence, i);
      g_ptr_array_add (present, e->material);
    }
  g_ptr_array_add (present, NULL);

  if (kind == NULL)
    {
      check = g_new0 (XsEvidenceCheck, 1);
      check->missing = g_ptr_array_new_with_free_func (g_free);
      return check;
    }
  return xs_evidence_check_new (kind, (const char *const *)present->pdata);
}

void
xs_evidence_check_free (XsEvidenceCheck *check)
{
  if (check == NULL)
    return;
  g_clear_pointer (&check->missing, g_ptr_array_unref);
  g_free (check);
}
