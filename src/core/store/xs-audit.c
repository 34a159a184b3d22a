/* xs-audit.c — the append-only audit trail, each entry chained to the one before by SHA-256.
 *
 * An entry's hash covers its number, time, actor, action, person, target, old and new values
 * and the previous entry's hash. Changing, removing or reordering any stored entry — even
 * with the sqlite3 shell, around the triggers — breaks the chain at that entry.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-audit.h"

void
xs_audit_entry_free (XsAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->person_id);
  g_free (entry->target);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry->prev_hash);
  g_free (entry->hash);
  g_free (entry);
}

static void
hash_field (GChecksum *sum, const char *value)
{
  /* Length-prefixed, so that moving text between fields changes the hash; NULL ≠ "". */
  char prefix[32];

  if (value == NULL)
    {
      g_checksum_update (sum, (const guchar *)"-\n", 2);
      return;
    }
  g_snprintf (prefix, sizeof prefix, "%zu:", strlen (value));
  g_checksum_update (sum, (const guchar *)prefix, -1);
  g_checksum_update (sum, (const guchar *)value, -1);
  g_checksum_update (sum, (const guchar *)"\n", 1);
}

/**
 * xs_audit_compute_hash:
 *
 * Returns: (transfer full): the hex SHA-256 an entry with these fields must carry
 */
char *
xs_audit_compute_hash (gint64 seq, const char *at, const XsAuditRecord *record,
                       const char *prev_hash)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  char number[32];

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, seq);
  hash_field (sum, "xueshi-audit-1");
  hash_field (sum, number);
  hash_field (sum, at);
  hash_field (sum, record->actor);
  hash_field (sum, record->action);
  hash_field (sum, record->person_id);
  hash_field (sum, record->target);
  hash_field (sum, record->old_value);
  hash_field (sum, record->new_value);
  hash_field (sum, prev_hash);
  return g_strdup (g_checksum_get_string (sum));
}

/* Shorthand for the callers that record a change. */
gboolean
xs_audit_record (XsStore *store, const char *actor, const char *action, const char *person_id,
                 const char *target, const char *old_value, const char *new_value, GError **error)
{
  XsAuditRecord record = { actor, action, person_id, target, old_value, new_value };

  return xs_store_append_audit (store, &record, error);
}

static gboolean
collect_entry (gint64 seq, const char *at, const XsAuditRecord *record, const char *prev_hash,
               const char *hash, gpointer user_data)
{
  GPtrArray *entries = user_data;
  XsAuditEntry *entry = g_new0 (XsAuditEntry, 1);

  entry->seq = seq;
  entry->at = g_strdup (at);
  entry->actor = g_strdup (record->actor);
  entry->action = g_strdup (record->action);
  entry->person_id = g_strdup (record->person_id);
  entry->target = g_strdup (record->target);
  entry->old_value = g_strdup (record->old_value);
  entry->new_value = g_strdup (record->new_value);
  entry->prev_hash = g_strdup (prev_hash);
  entry->hash = g_strdup (hash);
  g_ptr_array_add (entries, entry);
  return TRUE;
}

/**
 * xs_audit_list:
 * @person_id: (nullable): one person's entries, or every entry
 *
 * Returns: (transfer full) (element-type XsAuditEntry): the entries, oldest first
 */
GPtrArray *
xs_audit_list (XsStore *store, const char *person_id, GError **error)
{
  GPtrArray *entries = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_audit_entry_free);

  if (!xs_store_foreach_audit (store, person_id, collect_entry, entries, error))
    {
      g_ptr_array_unref (entries);
      return NULL;
    }
  return entries;
}

typedef struct
{
  gint64 expected_seq;
  char *prev_hash;
  gint64 first_bad;
} Verify;

static gboolean
verify_entry (gint64 seq, const char *at, const XsAuditRecord *record, const char *prev_hash,
              const char *hash, gpointer user_data)
{
  Verify *v = user_data;
  g_autofree char *expected = xs_audit_compute_hash (seq, at, record, prev_hash);

  if (seq != v->expected_seq || g_strcmp0 (prev_hash, v->prev_hash) != 0 ||
      g_strcmp0 (hash, expected) != 0)
    {
      v->first_bad = seq;
      return FALSE;
    }
  v->expected_seq++;
  g_free (v->prev_hash);
  v->prev_hash = g_strdup (hash);
  return TRUE;
}

/**
 * xs_audit_verify:
 * @out_first_bad_seq: (out) (optional): the first entry that breaks the chain, or 0
 *
 * Returns: %TRUE when the whole trail is intact (or empty); %FALSE with @error unset when it
 *   was changed, %FALSE with @error set when it could not be read
 */
gboolean
xs_audit_verify (XsStore *store, gint64 *out_first_bad_seq, GError **error)
{
  Verify v = { 1, g_strdup (XS_AUDIT_FIRST_HASH), 0 };
  gboolean read_ok = xs_store_foreach_audit (store, NULL, verify_entry, &v, error);

  g_free (v.prev_hash);
  if (out_first_bad_seq != NULL)
    *out_first_bad_seq = v.first_bad;
  return read_ok && v.first_bad == 0;
}
