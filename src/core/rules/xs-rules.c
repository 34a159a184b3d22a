/* xs-rules.c — the conversion rules in force, loaded from a rule file and never changed after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-rules-private.h"
#include "xs-xml.h"

/* clang-format off */
G_DEFINE_QUARK (xs-rules-error-quark, xs_rules_error)
/* clang-format on */
G_DEFINE_FINAL_TYPE (XsRules, xs_rules, G_TYPE_OBJECT)

#define RULES_RESOURCE_FMT "/io/github/xueshi/core/rules/hunan-%u.xml"

XsNamed *
xs_named_new (const char *id, const char *name)
{
  XsNamed *named = g_new0 (XsNamed, 1);

  named->id = g_strdup (id);
  named->name = g_strdup (name);
  return named;
}

void
xs_named_free (XsNamed *named)
{
  if (named == NULL)
    return;
  g_free (named->id);
  g_free (named->name);
  g_free (named);
}

static void
param_spec_free (XsParamSpec *spec)
{
  g_free (spec->name);
  g_strfreev (spec->values);
  g_free (spec->label);
  g_free (spec);
}

static void
match_free (XsMatch *match)
{
  g_free (match->param);
  g_strfreev (match->values);
  g_free (match);
}

static void
case_free (XsCase *c)
{
  g_clear_pointer (&c->matches, g_ptr_array_unref);
  g_free (c->param);
  g_free (c->unit);
  g_free (c->label);
  g_free (c);
}

static void
deemed_free (XsDeemed *deemed)
{
  if (deemed == NULL)
    return;
  g_free (deemed->label);
  g_free (deemed->requires);
  g_clear_pointer (&deemed->bands, g_ptr_array_unref);
  g_free (deemed->short_reason);
  g_free (deemed->failed_reason);
  g_free (deemed);
}

static void
item_free (XsEvidenceItem *item)
{
  g_strfreev (item->materials);
  g_free (item);
}

static void
bundle_free (XsEvidenceBundle *bundle)
{
  g_clear_pointer (&bundle->items, g_ptr_array_unref);
  g_free (bundle);
}

void
xs_kind_free (XsKind *kind)
{
  if (kind == NULL)
    return;
  g_free (kind->id);
  g_free (kind->name);
  g_clear_pointer (&kind->params, g_ptr_array_unref);
  g_clear_pointer (&kind->cases, g_ptr_array_unref);
  g_free (kind->otherwise_reason);
  deemed_free (kind->deemed);
  g_clear_pointer (&kind->bundles, g_ptr_array_unref);
  g_free (kind);
}

void
xs_base_free (XsBase *base)
{
  g_free (base->name);
  g_free (base->platform);
  g_free (base->contact);
  g_free (base->phone);
  g_free (base);
}

void
xs_chain_free (XsChain *chain)
{
  g_free (chain->category);
  g_free (chain->name);
  g_strfreev (chain->steps);
  g_strfreev (chain->roles);
  g_free (chain);
}

/* Constructors for the loader, so the free functions stay next to what they free. */
GPtrArray *xs_rules_new_param_array (void);
GPtrArray *xs_rules_new_match_array (void);
GPtrArray *xs_rules_new_case_array (void);
GPtrArray *xs_rules_new_item_array (void);
GPtrArray *xs_rules_new_bundle_array (void);

GPtrArray *
xs_rules_new_param_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)param_spec_free);
}

GPtrArray *
xs_rules_new_match_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)match_free);
}

GPtrArray *
xs_rules_new_case_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)case_free);
}

GPtrArray *
xs_rules_new_item_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)item_free);
}

GPtrArray *
xs_rules_new_bundle_array (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify)bundle_free);
}

static void
xs_rules_finalize (GObject *object)
{
  XsRules *self = XS_RULES (object);

  g_free (self->id);
  g_free (self->version);
  g_free (self->title);
  g_free (self->digest);
  g_clear_pointer (&self->settings, g_ptr_array_unref);
  g_clear_pointer (&self->notes, g_hash_table_unref);
  g_clear_pointer (&self->subjects, g_ptr_array_unref);
  g_clear_pointer (&self->themes, g_ptr_array_unref);
  g_clear_pointer (&self->materials, g_ptr_array_unref);
  g_clear_pointer (&self->material_index, g_hash_table_unref);
  g_clear_pointer (&self->bases, g_ptr_array_unref);
  g_clear_pointer (&self->chains, g_ptr_array_unref);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_clear_pointer (&self->kind_index, g_hash_table_unref);

  G_OBJECT_CLASS (xs_rules_parent_class)->finalize (object);
}

static void
xs_rules_class_init (XsRulesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = xs_rules_finalize;
}

static void
xs_rules_init (XsRules *self)
{
  self->settings = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_named_free);
  self->notes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->subjects = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_named_free);
  self->themes = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_named_free);
  self->materials = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_named_free);
  self->material_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->bases = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_base_free);
  self->chains = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_chain_free);
  self->kinds = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_kind_free);
  self->kind_index = g_hash_table_new (g_str_hash, g_str_equal);
}

/**
 * xs_rules_new_from_bytes:
 * @bytes: a rule file's contents
 *
 * Parses safely (no DOCTYPE, no network, size cap), validates against the rule schema and
 * checks the cross-references a schema cannot (materials, settings, parameters).
 *
 * Returns: (transfer full): the rules, or %NULL with @error set
 */
XsRules *
xs_rules_new_from_bytes (GBytes *bytes, GError **error)
{
  g_autoptr (XsRules) self = NULL;
  g_autoptr (xmlDoc) doc = NULL;
  xmlRelaxNG *schema;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);

  doc = xs_xml_parse (bytes, XS_RULES_MAX_BYTES, _ ("The rule file"), &local_error);
  if (doc == NULL)
    {
      g_set_error (error, XS_RULES_ERROR,
                   g_error_matches (local_error, XS_XML_ERROR, XS_XML_ERROR_TOO_LARGE)
                       ? XS_RULES_ERROR_TOO_LARGE
                   : g_error_matches (local_error, XS_XML_ERROR, XS_XML_ERROR_DOCTYPE)
                       ? XS_RULES_ERROR_DOCTYPE
                       : XS_RULES_ERROR_MALFORMED,
                   "%s", local_error->message);
      return NULL;
    }

  schema = xs_xml_get_schema ("/io/github/xueshi/core/schema/rules-1.rng", error);
  if (schema == NULL)
    return NULL;

  if (!xs_xml_validate (doc, schema, _ ("The rule file"), &local_error))
    {
      g_set_error (error, XS_RULES_ERROR, XS_RULES_ERROR_INVALID, "%s", local_error->message);
      return NULL;
    }

  self = g_object_new (XS_TYPE_RULES, NULL);
  self->digest = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (!xs_rules_load_document (self, doc, error))
    return NULL;

  return g_steal_pointer (&self);
}

/**
 * xs_rules_new_from_file:
 *
 * Returns: (transfer full): the rules in @file, or %NULL with @error set
 */
XsRules *
xs_rules_new_from_file (GFile *file, GError **error)
{
  g_autoptr (GFileInfo) info = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            &local_error);
  if (info == NULL)
    {
      g_set_error (error, XS_RULES_ERROR, XS_RULES_ERROR_READ, _ ("Cannot read rule file %s: %s"),
                   name, local_error->message);
      return NULL;
    }
  /* Refuse by size before reading, so a huge file is never loaded into memory. */
  if (g_file_info_get_size (info) > XS_RULES_MAX_BYTES)
    {
      g_set_error (error, XS_RULES_ERROR, XS_RULES_ERROR_TOO_LARGE,
                   _ ("The rule file %s is too large (%lld bytes; at most %d are accepted)"), name,
                   (long long)g_file_info_get_size (info), XS_RULES_MAX_BYTES);
      return NULL;
    }

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, XS_RULES_ERROR, XS_RULES_ERROR_READ, _ ("Cannot read rule file %s: %s"),
                   name, local_error->message);
      return NULL;
    }

  return xs_rules_new_from_bytes (bytes, error);
}

/**
 * xs_rules_new_for_year:
 * @year: the year of the notice, e.g. 2026
 *
 * Returns: (transfer full): the shipped rules for @year, or %NULL with
 *   %XS_RULES_ERROR_NOT_FOUND
 */
XsRules *
xs_rules_new_for_year (guint year, GError **error)
{
  /* The shipped files never change while the program runs, and XsRules is immutable: each
   * is parsed once and shared. */
  static GMutex lock;
  static GHashTable *loaded; /* year → XsRules, for the process's lifetime */
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&lock);
  g_autofree char *path = g_strdup_printf (RULES_RESOURCE_FMT, year);
  g_autoptr (GBytes) bytes = NULL;
  XsRules *rules;

  if (loaded == NULL)
    loaded = g_hash_table_new (g_direct_hash, g_direct_equal);
  rules = g_hash_table_lookup (loaded, GUINT_TO_POINTER (year));
  if (rules != NULL)
    return g_object_ref (rules);

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_set_error (error, XS_RULES_ERROR, XS_RULES_ERROR_NOT_FOUND,
                   _ ("There is no rule file for %u"), year);
      return NULL;
    }
  rules = xs_rules_new_from_bytes (bytes, error);
  if (rules != NULL)
    g_hash_table_insert (loaded, GUINT_TO_POINTER (year), g_object_ref (rules));
  return rules;
}

/**
 * xs_rules_get_default:
 *
 * The rules in force: the file named by `XUESHI_RULES` when set, else the newest shipped.
 *
 * Returns: (transfer full): the rules
 */
XsRules *
xs_rules_get_default (GError **error)
{
  const char *override = g_getenv ("XUESHI_RULES");

  if (override != NULL && *override != '\0')
    {
      g_autoptr (GFile) file = g_file_new_for_commandline_arg (override);
      return xs_rules_new_from_file (file, error);
    }
  return xs_rules_new_for_year (2026, error);
}

const char *
xs_rules_get_id (XsRules *self)
{
  return self->id;
}

const char *
xs_rules_get_version (XsRules *self)
{
  return self->version;
}

/* A fingerprint of the exact rule file: two XsRules with the same digest credit alike. */
const char *
xs_rules_get_digest (XsRules *self)
{
  return self->digest;
}

const char *
xs_rules_get_title (XsRules *self)
{
  return self->title;
}

guint
xs_rules_get_year (XsRules *self)
{
  return self->year;
}

gint64
xs_rules_get_min_public (XsRules *self)
{
  return self->min_public;
}

gint64
xs_rules_get_min_professional (XsRules *self)
{
  return self->min_professional;
}

gint64
xs_rules_get_min_total (XsRules *self)
{
  return self->min_total;
}

guint
xs_rules_get_span_from (XsRules *self)
{
  return self->span_from;
}

guint
xs_rules_get_span_to (XsRules *self)
{
  return self->span_to;
}

XsSpanMode
xs_rules_get_span_mode (XsRules *self)
{
  return self->span_mode;
}

void
xs_rules_get_window (XsRules *self, guint *start_month, guint *start_day, guint *end_month,
                     guint *end_day)
{
  *start_month = self->window_start_month;
  *start_day = self->window_start_day;
  *end_month = self->window_end_month;
  *end_day = self->window_end_day;
}

/* Whether @date falls in the year's online verification window (both ends included). */
gboolean
xs_rules_date_in_window (XsRules *self, const GDate *date)
{
  guint md = g_date_get_month (date) * 100 + g_date_get_day (date);

  return md >= self->window_start_month * 100 + self->window_start_day &&
         md <= self->window_end_month * 100 + self->window_end_day;
}

/**
 * xs_rules_window_days:
 * @today: the day to count from
 * @out_days: (out): before the window, days until it opens; in it, days left including
 *   @today (1 on its last day); after it, days since it closed
 *
 * Where @today stands against the rule year's verification window (e.g. 2026-05-25 to
 * 2026-07-25, both included).
 */
XsWindowState
xs_rules_window_days (XsRules *self, const GDate *today, guint *out_days)
{
  GDate start, end;

  g_date_clear (&start, 1);
  g_date_clear (&end, 1);
  g_date_set_dmy (&start, (GDateDay)self->window_start_day, (GDateMonth)self->window_start_month,
                  (GDateYear)self->year);
  g_date_set_dmy (&end, (GDateDay)self->window_end_day, (GDateMonth)self->window_end_month,
                  (GDateYear)self->year);
  if (g_date_compare (today, &start) < 0)
    {
      *out_days = (guint)g_date_days_between (today, &start);
      return XS_WINDOW_BEFORE;
    }
  if (g_date_compare (today, &end) <= 0)
    {
      *out_days = (guint)g_date_days_between (today, &end) + 1;
      return XS_WINDOW_OPEN;
    }
  *out_days = (guint)g_date_days_between (&end, today);
  return XS_WINDOW_CLOSED;
}

const char *
xs_rules_get_setting (XsRules *self, const char *name)
{
  for (guint i = 0; i < self->settings->len; i++)
    {
      XsNamed *s = g_ptr_array_index (self->settings, i);
      if (g_str_equal (s->id, name))
        return s->name;
    }
  return NULL;
}

GPtrArray *
xs_rules_get_settings (XsRules *self)
{
  return self->settings;
}

const char *
xs_rules_get_setting_note (XsRules *self, const char *name)
{
  return g_hash_table_lookup (self->notes, name);
}

const XsKind *
xs_rules_get_kind (XsRules *self, const char *id)
{
  return id ? g_hash_table_lookup (self->kind_index, id) : NULL;
}

GPtrArray *
xs_rules_get_kinds (XsRules *self)
{
  return self->kinds;
}

const char *
xs_rules_get_material_name (XsRules *self, const char *id)
{
  XsNamed *m = id ? g_hash_table_lookup (self->material_index, id) : NULL;

  return m ? m->name : NULL;
}

GPtrArray *
xs_rules_get_materials (XsRules *self)
{
  return self->materials;
}

static const char *
lookup_name (GPtrArray *array, const char *id)
{
  for (guint i = 0; id != NULL && i < array->len; i++)
    {
      XsNamed *n = g_ptr_array_index (array, i);
      if (g_str_equal (n->id, id))
        return n->name;
    }
  return NULL;
}

const char *
xs_rules_get_subject_name (XsRules *self, XsSubject subject)
{
  if (subject == XS_SUBJECT_BOTH)
    return "公需、专业";
  return lookup_name (self->subjects, xs_subject_to_string (subject));
}

const char *
xs_rules_get_theme_name (XsRules *self, const char *id)
{
  return lookup_name (self->themes, id);
}

GPtrArray *
xs_rules_get_themes (XsRules *self)
{
  return self->themes;
}

GPtrArray *
xs_rules_get_bases (XsRules *self)
{
  return self->bases;
}

const XsChain *
xs_rules_get_chain (XsRules *self, const char *category)
{
  for (guint i = 0; category != NULL && i < self->chains->len; i++)
    {
      XsChain *chain = g_ptr_array_index (self->chains, i);
      if (g_str_equal (chain->category, category))
        return chain;
    }
  return NULL;
}

const XsParamSpec *
xs_kind_get_param (const XsKind *kind, const char *name)
{
  for (guint i = 0; i < kind->params->len; i++)
    {
      XsParamSpec *spec = g_ptr_array_index (kind->params, i);
      if (g_str_equal (spec->name, name))
        return spec;
    }
  return NULL;
}

const char *
xs_subject_to_string (XsSubject subject)
{
  switch (subject)
    {
    case XS_SUBJECT_PUBLIC:
      return "public";
    case XS_SUBJECT_PROFESSIONAL:
      return "professional";
    case XS_SUBJECT_BOTH:
      return "both";
    case XS_SUBJECT_NONE:
    default:
      return "none";
    }
}

gboolean
xs_subject_from_string (const char *s, XsSubject *out)
{
  if (g_strcmp0 (s, "public") == 0)
    *out = XS_SUBJECT_PUBLIC;
  else if (g_strcmp0 (s, "professional") == 0)
    *out = XS_SUBJECT_PROFESSIONAL;
  else
    return FALSE;
  return TRUE;
}
