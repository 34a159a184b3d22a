/* xs-test-rules.h — the shipped rule file, as is or with one edit, for tests.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "xs-core.h"

static inline GBytes *
xs_test_rules_file_bytes (void)
{
  const char *source_dir = g_getenv ("XUESHI_SOURCE_DIR");
  g_autofree char *path = NULL;
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize len = 0;

  if (source_dir == NULL)
    g_error ("XUESHI_SOURCE_DIR is not set: run the tests with “meson test”");
  path = g_build_filename (source_dir, "data", "rules", "hunan-2026.xml", NULL);
  g_file_get_contents (path, &contents, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, len);
}

/* The shipped file with the first @from replaced by @to; @from must occur. */
static inline GBytes *
xs_test_edited_rules_bytes (const char *from, const char *to)
{
  g_autoptr (GBytes) bytes = xs_test_rules_file_bytes ();
  g_autoptr (GString) s =
      g_string_new_len (g_bytes_get_data (bytes, NULL), (gssize)g_bytes_get_size (bytes));

  g_assert_nonnull (strstr (s->str, from));
  g_string_replace (s, from, to, 1);
  return g_string_free_to_bytes (g_steal_pointer (&s));
}

static inline XsRules *
xs_test_edited_rules (const char *from, const char *to)
{
  g_autoptr (GBytes) bytes = xs_test_edited_rules_bytes (from, to);
  g_autoptr (GError) error = NULL;
  XsRules *rules;

  xs_core_init ();
  rules = xs_rules_new_from_bytes (bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rules);
  return rules;
}

static inline XsRules *
xs_test_shipped_rules (void)
{
  g_autoptr (GError) error = NULL;
  XsRules *rules;

  xs_core_init ();
  rules = xs_rules_new_for_year (2026, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rules);
  return rules;
}
