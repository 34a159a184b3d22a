/* xs-fsck.h — checks every evidence reference and hash, the database and the audit chain.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-store.h"

G_BEGIN_DECLS

typedef struct
{
  GPtrArray *problems; /* char *: what is wrong, in words; none means clean */
  guint files_checked;
  guint orphan_files;   /* stored files nothing refers to (collectable, not a problem) */
  guint leftover_temps; /* temporary files of interrupted writes (not a problem) */
  guint audit_entries;
  /* A login of a shared database that sees only its units' entries cannot verify the chain
   * (its links run through other units' entries): the owner or the bureau does. */
  gboolean audit_not_verified;
} XsFsckReport;

gboolean xs_fsck_run (XsStore *store, XsFsckReport *report, GError **error);
void xs_fsck_report_clear (XsFsckReport *report);

gboolean xs_blob_collect_garbage (XsStore *store, guint *out_removed, GError **error);

G_END_DECLS
