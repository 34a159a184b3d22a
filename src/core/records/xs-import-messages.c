/* xs-import-messages.c — libxml2's RELAX NG messages about an exchange file, in the clerk's
 * words.
 *
 * libxml2 says "Invalid attribute span-from for element person" both for an attribute the
 * element does not take and for a value it does not allow, always in English. The patterns
 * below are the messages libxml2 2.9 gives; anything else is passed on with a Chinese lead.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "xs-import-messages.h"

/* interfaces.md §1: the attributes each element takes. */
static const struct
{
  const char *element;
  const char *attributes;
} element_attributes[] = {
  { "xueshi", "version" },
  { "unit", "id, category, name, supervisor, region" },
  { "person", "id, unit, span-from, span-to" },
  { "activity", "id, kind, status, and the kind's parameters (subject, start, end, year, days, "
                "hours, count, role, rank, level, grade, mode, passed, public, professional, "
                "theme…)" },
  { "evidence", "material, file, sha256" },
  { "review", "reviewer, date, decision" },
};

/* What each attribute's value may be. */
static const struct
{
  const char *attribute;
  const char *allowed;
} attribute_values[] = {
  { "category", N_ ("provincial, municipal, other or central") },
  { "span-from", N_ ("a year from 1990 to 2100") },
  { "span-to", N_ ("a year from 1990 to 2100") },
  { "year", N_ ("a year from 1990 to 2100") },
  { "start", N_ ("a date such as 2024-05-01") },
  { "end", N_ ("a date such as 2024-05-01") },
  { "date", N_ ("a date such as 2024-05-01") },
  { "status", N_ ("pending, approved or rejected") },
  { "decision", N_ ("pending, approved or rejected") },
  { "subject", N_ ("public or professional") },
  { "days", N_ ("days in halves, such as 2 or 2.5") },
  { "hours", N_ ("hours to one decimal, such as 12 or 12.5") },
  { "public", N_ ("hours to one decimal, such as 12 or 12.5") },
  { "professional", N_ ("hours to one decimal, such as 12 or 12.5") },
  { "count", N_ ("a whole number from 1 to 999") },
  { "rank", N_ ("a whole number from 1 to 9999") },
  { "passed", N_ ("true or false") },
  { "sha256", N_ ("64 hexadecimal digits") },
  { "version", N_ ("1") },
};

static const char *
attributes_of (const char *element)
{
  for (guint i = 0; i < G_N_ELEMENTS (element_attributes); i++)
    if (g_strcmp0 (element_attributes[i].element, element) == 0)
      return element_attributes[i].attributes;
  return NULL;
}

static const char *
values_of (const char *attribute)
{
  for (guint i = 0; i < G_N_ELEMENTS (attribute_values); i++)
    if (g_str_equal (attribute_values[i].attribute, attribute))
      return _ (attribute_values[i].allowed);
  return NULL;
}

/* The words after @prefix up to the next space (or the end), or NULL. */
static char *
word_after (const char *message, const char *prefix)
{
  const char *at = strstr (message, prefix);
  const char *end;

  if (at == NULL)
    return NULL;
  at += strlen (prefix);
  end = strchr (at, ' ');
  return end ? g_strndup (at, (gsize)(end - at)) : g_strdup (at);
}

char *
xs_import_explain_schema_message (const char *message, XsAttributeLookup lookup, gpointer user_data)
{
  g_autofree char *attribute = NULL;
  g_autofree char *element = NULL;

  if (g_str_has_prefix (message, "Invalid attribute ") &&
      (attribute = word_after (message, "Invalid attribute ")) != NULL &&
      (element = word_after (message, " for element ")) != NULL)
    {
      g_autofree char *value = lookup ? lookup (attribute, user_data) : NULL;
      const char *allowed = values_of (attribute);

      if (value != NULL && allowed != NULL)
        return g_strdup_printf (_ ("<%s %s=\"%s\">: the value is not allowed; it must be %s"),
                                element, attribute, value, allowed);
      return g_strdup_printf (_ ("<%s> does not take the attribute %s; it takes %s"), element,
                              attribute, attributes_of (element) ?: "—");
    }
  if ((element = word_after (message, "Element ")) != NULL &&
      strstr (message, "failed to validate attributes") != NULL)
    return g_strdup_printf (
        _ ("<%s>: an attribute it needs is missing or has a value not allowed; it takes %s"),
        element, attributes_of (element) ?: "—");
  if (element != NULL && strstr (message, "failed to validate content") != NULL)
    return g_strdup_printf (_ ("<%s>: its content is not allowed there"), element);
  g_clear_pointer (&element, g_free);
  if ((element = word_after (message, "Did not expect element ")) != NULL)
    return g_strdup_printf (_ ("<%s> is not expected here (a misspelt name, or the wrong "
                               "place or order)"),
                            element);
  if (strstr (message, "Expecting an element") != NULL && strstr (message, "got nothing"))
    return g_strdup (_ ("an element it needs is missing here (a person needs <name>, <gender> "
                        "and <id-number>, in that order)"));
  if ((element = word_after (message, "Extra element ")) != NULL)
    return g_strdup_printf (_ ("<%s> appears more often than allowed, or in the wrong place"),
                            element);
  if (strstr (message, "Error validating datatype") != NULL ||
      strstr (message, "Error validating value") != NULL)
    return g_strdup (_ ("a value is not of the kind allowed here"));
  return g_strdup_printf (_ ("does not follow the exchange format (%s)"), message);
}
