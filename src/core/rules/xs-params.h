/* xs-params.h — the one table of parameter types: how each is written in the rule file, its
 * limits, how a value is parsed, the editor's hint, the labels, and what the clerk is told
 * when a value is wrong. The loader, the engine, the importer and the editor all use it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-activity.h"
#include "xs-rules.h"

G_BEGIN_DECLS

/* The exchange format's years (exchange-1.rng): a year, and every date's year. */
#define XS_PARAM_MIN_YEAR 1990
#define XS_PARAM_MAX_YEAR 2100

typedef struct
{
  XsParamType type;
  const char *id;   /* as the rule file writes it: "half-days" */
  gboolean numeric; /* a quantity a per-unit or as-given credit may read */
  gint64 min, max;  /* years, counts or tenths; both 0 when the type has no range */
  gint64 step;      /* tenths types: the value is a multiple of this */
  const char *hint; /* the editor's placeholder, untranslated (N_) */
} XsParamTypeInfo;

const XsParamTypeInfo *xs_param_type_get_info (XsParamType type);
gboolean xs_param_type_from_string (const char *id, XsParamType *out);

/* A parameter's value parsed under its spec. */
typedef struct
{
  XsParamType type;
  union
  {
    GDate date;        /* XS_PARAM_DATE */
    gint64 tenths;     /* XS_PARAM_HALF_DAYS, XS_PARAM_HOURS */
    guint number;      /* XS_PARAM_YEAR, _COUNT, _RANK, _THEME; _ENUM: index in spec->values */
    XsSubject subject; /* XS_PARAM_SUBJECT */
    gboolean flag;     /* XS_PARAM_BOOLEAN */
  };
} XsParamValue;

gboolean xs_param_parse (XsRules *rules, const XsParamSpec *spec, const char *text,
                         XsParamValue *out, GError **error);
gint64 xs_param_value_get_tenths (const XsParamValue *value);

const XsParamSpec *xs_param_get_generic_spec (const char *name);
const char *xs_param_get_label (const char *name);
const char *xs_param_get_value_label (const char *name, const char *value);
const char *xs_param_get_hint (const XsParamSpec *spec);

/* An activity's parameters parsed once, under one rule file (XsTypedParams: xs-activity.h). */
const XsTypedParams *xs_typed_params_get (XsRules *rules, const XsActivity *activity,
                                          XsTypedParams **owned);
const XsParamValue *xs_typed_params_lookup (const XsTypedParams *typed, const XsActivity *activity,
                                            const char *name);
gboolean xs_typed_params_check (const XsTypedParams *typed, const XsActivity *activity,
                                GError **error);
void xs_typed_params_free (XsTypedParams *typed);
guint xs_param_get_parse_count (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsTypedParams, xs_typed_params_free)

G_END_DECLS
