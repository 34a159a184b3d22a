/* xs-records-copy.h — everything of one database into an empty one, of either kind.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-rules.h"
#include "xs-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint units;
  guint persons;
  guint activities;
  guint evidence_files;
  guint audit_entries;
} XsCopyResult;

/* Called after each person, for progress: @done of @total. */
typedef void (*XsCopyProgressFunc) (guint done, guint total, gpointer user_data);

gboolean xs_records_copy (XsStore *from, XsStore *to, XsRules *rules, XsCopyProgressFunc progress,
                          gpointer user_data, XsCopyResult *result, GError **error);

G_END_DECLS
