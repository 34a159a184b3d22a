/* xs-rules-private.h — the rules object's insides, shared by xs-rules.c and its loader.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/tree.h>

#include "xs-rules.h"

struct _XsRules
{
  GObject parent_instance;

  char *id;
  char *version;
  char *title;
  char *digest; /* SHA-256 of the file's bytes: stored credits carry it as their stamp */
  guint year;
  gint64 min_public;
  gint64 min_professional;
  gint64 min_total;
  guint span_from;
  guint span_to;
  XsSpanMode span_mode;
  guint window_start_month, window_start_day, window_end_month, window_end_day;

  GPtrArray *settings;  /* XsNamed: id = setting name, name = value */
  GHashTable *notes;    /* setting name → note text */
  GPtrArray *subjects;  /* XsNamed */
  GPtrArray *themes;    /* XsNamed */
  GPtrArray *materials; /* XsNamed */
  GHashTable *material_index;
  GPtrArray *bases;  /* XsBase */
  GPtrArray *chains; /* XsChain */
  GPtrArray *kinds;  /* XsKind */
  GHashTable *kind_index;
};

gboolean xs_rules_load_document (XsRules *self, xmlDoc *doc, GError **error);

XsNamed *xs_named_new (const char *id, const char *name);
void xs_named_free (XsNamed *named);
void xs_kind_free (XsKind *kind);
void xs_base_free (XsBase *base);
void xs_chain_free (XsChain *chain);
