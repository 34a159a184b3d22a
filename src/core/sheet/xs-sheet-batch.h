/* xs-sheet-batch.h — one confirmation sheet per person into a folder, several at once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xs-rules.h"
#include "xs-store.h"

G_BEGIN_DECLS

/* Called as sheets are finished, from the rendering threads, one call at a time. */
typedef void (*XsSheetBatchProgress) (guint done, guint total, gpointer user_data);

typedef struct
{
  const char *operator_name; /* nullable: the renderer's default */
  GDateTime *time;           /* nullable: the renderer's own (now, or SOURCE_DATE_EPOCH) */
  gboolean draft;
  guint threads; /* 0: one more than the processors, at most 4 */
  XsSheetBatchProgress progress;
  gpointer progress_data;
  GCancellable *cancellable;
} XsSheetBatchOptions;

guint xs_sheet_batch_default_threads (void);
GPtrArray *xs_sheet_batch_write_folder (XsStore *store, XsRules *rules, GPtrArray *person_ids,
                                        const char *folder, const XsSheetBatchOptions *options,
                                        guint *out_pending_persons, GError **error);

gboolean xs_sheet_batch_write_combined (XsStore *store, XsRules *rules, GPtrArray *person_ids,
                                        const char *path, const XsSheetBatchOptions *options,
                                        guint *out_pending_persons, GError **error);

G_END_DECLS
