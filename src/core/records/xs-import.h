/* xs-import.h — reading an exchange file (interfaces.md §1) into the store, all or nothing.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "xs-records-persons.h"
#include "xs-rules.h"
#include "xs-store.h"

G_BEGIN_DECLS

#define XS_IMPORT_ERROR (xs_import_error_quark ())

typedef enum
{
  XS_IMPORT_ERROR_READ,
  XS_IMPORT_ERROR_TOO_LARGE,
  XS_IMPORT_ERROR_MALFORMED,
  XS_IMPORT_ERROR_INVALID,
  XS_IMPORT_ERROR_DUPLICATE,
  XS_IMPORT_ERROR_REFERENCE,
  XS_IMPORT_ERROR_EVIDENCE,
  XS_IMPORT_ERROR_ACTIVITY,
  XS_IMPORT_ERROR_PERSON,
  XS_IMPORT_ERROR_CANCELLED,
} XsImportError;

GQuark xs_import_error_quark (void);

/* A city's exchange file is about 500 MB (20,000 persons, a million activities: bench/);
 * twice that is the most an import takes. */
#define XS_IMPORT_MAX_BYTES ((goffset)1024 * 1024 * 1024)

typedef struct
{
  guint units;
  guint persons;
  guint persons_replaced;
  guint activities;
  guint evidence;       /* references */
  guint evidence_files; /* files newly added to the store */
  GPtrArray *warnings;  /* char *, e.g. a wrong ID check digit */
  GPtrArray *changes;   /* XsPersonDiff, person by person, in order (XS_IMPORT_LIST_CHANGES) */
} XsImportResult;

typedef enum
{
  XS_IMPORT_DRY_RUN = 1 << 0,      /* check and report what would change; keep nothing */
  XS_IMPORT_LIST_CHANGES = 1 << 1, /* fill @result->changes (a dry run always does): a city's
                                    * file makes 20,000 of them, 50 MB, so only when asked */
} XsImportFlags;

/* Called now and then with the share of the file read, 0.0 to 1.0. */
typedef void (*XsImportProgress) (double fraction, guint activities, gpointer user_data);

gboolean xs_import_file (XsStore *store, XsRules *rules, GFile *file, XsImportProgress progress,
                         gpointer user_data, GCancellable *cancellable, XsImportResult *result,
                         GError **error);
gboolean xs_import_file_full (XsStore *store, XsRules *rules, GFile *file, XsImportFlags flags,
                              XsImportProgress progress, gpointer user_data,
                              GCancellable *cancellable, XsImportResult *result, GError **error);
void xs_import_result_clear (XsImportResult *result);

G_END_DECLS
