/* xs-import-private.h — what the exchange import's files share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/xmlreader.h>

#include "xs-blob-store.h"
#include "xs-import.h"

G_BEGIN_DECLS

#define EXCHANGE_NS "urn:xueshi:exchange:1"

/* Longest text accepted in each field, in characters. */
#define MAX_SHORT_TEXT XS_RECORDS_MAX_SHORT_TEXT
#define MAX_LONG_TEXT XS_RECORDS_MAX_LONG_TEXT

typedef struct
{
  XsStore *store;
  XsRules *rules;
  XsBlobStore *blobs;
  xmlTextReader *reader;
  xmlRelaxNG *schema;
  const char *display_name;
  int base_fd; /* the XML file's folder, opened once: evidence is read below it (openat()) */
  GError *reader_error;

  GHashTable *units_seen;   /* unit ids declared in this file */
  GHashTable *persons_seen; /* person ids in this file */
  GHashTable *numbers_seen; /* resident ID → "P001 张三, line 12": its first person here */
  GHashTable *number_lines; /* resident ID → line of that person, for the database check */
  GHashTable *stored_files; /* relative evidence path → sha256 "\n" size */

  XsPerson *person; /* the person being read */
  gboolean person_flushed;
  XsPersonReplacement *replacement; /* the person being written, from their flush to their end */
  XsActivity *activity;             /* the activity being read */
  int activity_line;
  guint round_year;        /* the <round> being read; 0 outside one */
  GPtrArray *round_events; /* XsRoundEvent, its decisions so far */
  XsRoundEvent *decision;  /* the <decision> being read */

  XsImportResult *result;
  gboolean list_changes;
} Import;

gboolean xs_import_check_single_line (Import *import, const char *value, GError **error);
char *xs_import_attr (Import *import, const char *name);
gboolean xs_import_fail (Import *import, GError **error, int code, const char *format, ...)
    G_GNUC_PRINTF (4, 5);
gboolean xs_import_check_attr_length (Import *import, const char *value, glong max_chars,
                                      GError **error);
int xs_import_current_line (Import *import);
gboolean xs_import_read_text (Import *import, glong max_chars, char **out, GError **error);
gboolean xs_import_on_element_start (Import *import, const char *name, int depth, gboolean empty,
                                     GError **error);
void xs_import_explain_invalid_element (Import *import, const char *name, int depth);
gboolean xs_import_on_element_end (Import *import, const char *name, int depth, GError **error);

G_END_DECLS
