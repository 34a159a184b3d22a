/* xs-records-stale.c — a save refused because another clerk changed the record first.
 *
 * The store compares row versions (XS_STORE_ERROR_STALE); this says who made the change and
 * when, from the audit trail, so the clerk knows whose work to look at before saving again.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-audit.h"
#include "xs-records-private.h"

static gboolean
changes_person (const XsAuditEntry *entry)
{
  return g_str_equal (entry->action, "person-change") ||
         g_str_equal (entry->action, "roster-change") || g_str_equal (entry->action, "import");
}

/* The newest entry that changed @target (an activity id, or the person's own fields). */
static const XsAuditEntry *
last_change (GPtrArray *entries, const char *person_id, const char *target)
{
  gboolean is_person = g_strcmp0 (person_id, target) == 0;

  for (guint i = entries->len; i > 0; i--)
    {
      const XsAuditEntry *entry = g_ptr_array_index (entries, i - 1);

      if (is_person ? changes_person (entry) : g_strcmp0 (entry->target, target) == 0)
        return entry;
    }
  return NULL;
}

/* "2026-12-04T14:02:11+08:00" → "2026-12-04 14:02", in the offset it was recorded with. */
static char *
format_moment (const char *at)
{
  g_autoptr (GDateTime) moment = g_date_time_new_from_iso8601 (at, NULL);

  return moment ? g_date_time_format (moment, "%Y-%m-%d %H:%M") : g_strdup (at);
}

void
xs_records_explain_stale (XsStore *store, const char *person_id, const char *target, GError **error)
{
  g_autoptr (GPtrArray) entries = NULL;
  g_autofree char *when = NULL;
  const XsAuditEntry *entry;

  if (error == NULL || !g_error_matches (*error, XS_STORE_ERROR, XS_STORE_ERROR_STALE))
    return;
  entries = xs_audit_list (store, person_id, NULL);
  entry = entries ? last_change (entries, person_id, target) : NULL;
  g_clear_error (error);
  if (entry == NULL)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_STALE,
                   _ ("%s was changed by someone else after it was opened here, so nothing was "
                      "saved. Look at that change, then save again."),
                   target);
      return;
    }
  when = format_moment (entry->at);
  g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_STALE,
               _ ("%s was changed by %s at %s, after it was opened here, so nothing was saved. "
                  "Look at that change, then save again."),
               target, entry->actor, when);
}
