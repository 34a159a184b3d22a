/* fuzz-rules.c — libFuzzer: any bytes as a rule file, parsed, validated and loaded from memory.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-fuzz.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  xs_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GBytes) bytes = g_bytes_new (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (XsRules) rules = xs_rules_new_from_bytes (bytes, &error);

  if (rules == NULL)
    {
      g_assert (error != NULL && error->message != NULL);
      return 0;
    }
  /* Loaded rules are used: touch what the engine and the sheet read first. */
  g_assert (xs_rules_get_id (rules) != NULL);
  (void)xs_rules_get_kind (rules, "training");
  (void)xs_rules_get_setting (rules, "span-mode");
  (void)xs_rules_get_chain (rules, "public");
  return 0;
}
