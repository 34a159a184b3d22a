/* xs-rules.h — the conversion rules in force, loaded from a rule file and never changed after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>
#include <gio/gio.h>

G_BEGIN_DECLS

#define XS_RULES_ERROR (xs_rules_error_quark ())

typedef enum
{
  XS_RULES_ERROR_READ,
  XS_RULES_ERROR_TOO_LARGE,
  XS_RULES_ERROR_MALFORMED,
  XS_RULES_ERROR_DOCTYPE,
  XS_RULES_ERROR_INVALID,
  XS_RULES_ERROR_INCONSISTENT,
  XS_RULES_ERROR_NOT_FOUND,
} XsRulesError;

GQuark xs_rules_error_quark (void);

/* Largest rule file accepted; the real one is ~20 KB. */
#define XS_RULES_MAX_BYTES (1024 * 1024)

typedef enum
{
  XS_SUBJECT_NONE = 0,
  XS_SUBJECT_PUBLIC,
  XS_SUBJECT_PROFESSIONAL,
  XS_SUBJECT_BOTH,
} XsSubject;

/* How a kind decides its subject. */
typedef enum
{
  XS_SUBJECT_RULE_CHOSEN,     /* the activity's @subject */
  XS_SUBJECT_RULE_FIXED,      /* always XsKind.fixed_subject */
  XS_SUBJECT_RULE_AS_PRINTED, /* both, from @public and @professional */
  XS_SUBJECT_RULE_NONE,       /* deemed-complete kinds */
} XsSubjectRule;

typedef enum
{
  XS_YEAR_RULE_DATES, /* the dates' year; over New Year see cross_year_uses_end */
  XS_YEAR_RULE_YEAR,  /* @year, else the year of @end, else of @start */
} XsYearRule;

typedef enum
{
  XS_PARAM_SUBJECT,
  XS_PARAM_THEME,
  XS_PARAM_DATE,
  XS_PARAM_YEAR,
  XS_PARAM_HALF_DAYS,
  XS_PARAM_HOURS,
  XS_PARAM_COUNT,
  XS_PARAM_RANK,
  XS_PARAM_BOOLEAN,
  XS_PARAM_ENUM,
} XsParamType;

typedef struct
{
  char *name;
  XsParamType type;
  char **values; /* XS_PARAM_ENUM only */
  gboolean required;
  gboolean within_dates; /* days may not exceed the calendar days of start..end */
  char *label;           /* nullable: the kind's own word for it (a paper's end: 发表日期) */
  gboolean counts_year;  /* year="year" kinds: @year, @end or @start; one of them is needed */
} XsParamSpec;

typedef struct
{
  char *param;
  char **values; /* any of these, or NULL for a numeric range */
  gint64 min;
  gint64 max; /* G_MAXINT64 when open */
} XsMatch;

typedef enum
{
  XS_FORMULA_FIXED,      /* hours_tenths */
  XS_FORMULA_PER_UNIT,   /* value(param) × hours_tenths, unit word for the reason */
  XS_FORMULA_AS_GIVEN,   /* value(param) */
  XS_FORMULA_AS_PRINTED, /* @public and @professional */
} XsFormula;

typedef struct
{
  GPtrArray *matches; /* XsMatch */
  XsFormula formula;
  gint64 hours_tenths;
  char *param;
  char *unit;
  char *label;
} XsCase;

typedef enum
{
  XS_PLACEMENT_MAJORITY,   /* the calendar year with most of the days */
  XS_PLACEMENT_EVERY_YEAR, /* every calendar year touched */
  XS_PLACEMENT_END,        /* the end date's year */
  XS_PLACEMENT_START,      /* the start date's year */
} XsPlacement;

typedef struct
{
  guint min_months;
  guint max_months; /* 0 when open */
  XsPlacement placement;
} XsBand;

typedef struct
{
  char *label;
  char *requires;   /* boolean param that must be true, or NULL */
  GPtrArray *bands; /* XsBand, in file order */
  char *short_reason;
  char *failed_reason;
} XsDeemed;

/* An item is satisfied by any one of its materials; a bundle needs all its items;
 * a requirement is met by any one bundle. */
typedef struct
{
  char **materials;
} XsEvidenceItem;

typedef struct
{
  GPtrArray *items; /* XsEvidenceItem */
} XsEvidenceBundle;

typedef struct
{
  char *id;
  char *name;
  XsSubjectRule subject_rule;
  XsSubject fixed_subject;
  XsYearRule year_rule;
  GPtrArray *params;      /* XsParamSpec */
  GPtrArray *cases;       /* XsCase; NULL for deemed kinds */
  char *otherwise_reason; /* NULL: no case matching is a rule-file error at load */
  XsDeemed *deemed;       /* NULL for hour-credit kinds */
  GPtrArray *bundles;     /* XsEvidenceBundle */
} XsKind;

typedef struct
{
  char *id;
  char *name;
} XsNamed;

typedef struct
{
  char *name;
  char *platform;
  char *contact;
  char *phone;
} XsBase;

typedef struct
{
  char *category;
  char *name;
  char **steps; /* printed titles, in order */
  char **roles; /* each step's role (employer, supervisor, filing): the round's stage ids */
} XsChain;

typedef enum
{
  XS_SPAN_PER_YEAR,
  XS_SPAN_CUMULATIVE,
} XsSpanMode;

#define XS_TYPE_RULES (xs_rules_get_type ())
G_DECLARE_FINAL_TYPE (XsRules, xs_rules, XS, RULES, GObject)

XsRules *xs_rules_new_from_bytes (GBytes *bytes, GError **error);
XsRules *xs_rules_new_from_file (GFile *file, GError **error);
XsRules *xs_rules_new_for_year (guint year, GError **error);
XsRules *xs_rules_get_default (GError **error);

const char *xs_rules_get_id (XsRules *self);
const char *xs_rules_get_version (XsRules *self);
const char *xs_rules_get_title (XsRules *self);
const char *xs_rules_get_digest (XsRules *self);
guint xs_rules_get_year (XsRules *self);
gint64 xs_rules_get_min_public (XsRules *self);
gint64 xs_rules_get_min_professional (XsRules *self);
gint64 xs_rules_get_min_total (XsRules *self);
guint xs_rules_get_span_from (XsRules *self);
guint xs_rules_get_span_to (XsRules *self);
XsSpanMode xs_rules_get_span_mode (XsRules *self);
void xs_rules_get_window (XsRules *self, guint *start_month, guint *start_day, guint *end_month,
                          guint *end_day);
gboolean xs_rules_date_in_window (XsRules *self, const GDate *date);

typedef enum
{
  XS_WINDOW_BEFORE,
  XS_WINDOW_OPEN,
  XS_WINDOW_CLOSED,
} XsWindowState;

XsWindowState xs_rules_window_days (XsRules *self, const GDate *today, guint *out_days);

const char *xs_rules_get_setting (XsRules *self, const char *name);
GPtrArray *xs_rules_get_settings (XsRules *self); /* XsNamed: id=name, name=value */
const char *xs_rules_get_setting_note (XsRules *self, const char *name);

const XsKind *xs_rules_get_kind (XsRules *self, const char *id);
GPtrArray *xs_rules_get_kinds (XsRules *self);
const char *xs_rules_get_material_name (XsRules *self, const char *id);
GPtrArray *xs_rules_get_materials (XsRules *self);
const char *xs_rules_get_subject_name (XsRules *self, XsSubject subject);
const char *xs_rules_get_theme_name (XsRules *self, const char *id);
GPtrArray *xs_rules_get_themes (XsRules *self);
GPtrArray *xs_rules_get_bases (XsRules *self);
const XsChain *xs_rules_get_chain (XsRules *self, const char *category);

const XsParamSpec *xs_kind_get_param (const XsKind *kind, const char *name);

const char *xs_subject_to_string (XsSubject subject);
gboolean xs_subject_from_string (const char *s, XsSubject *out);

G_END_DECLS
