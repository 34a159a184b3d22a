/* xs-export.h — writing an exchange file (interfaces.md §1) with its evidence folder.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xs-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint units;
  guint persons;
  guint activities;
  guint evidence_files;
} XsExportResult;

gboolean xs_export_file (XsStore *store, const char *path, const char *const *person_ids,
                         XsExportResult *result, GError **error);

G_END_DECLS
