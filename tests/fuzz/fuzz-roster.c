/* fuzz-roster.c — libFuzzer: any bytes as a roster CSV, imported into a fresh store.
 *
 * The store holds the two units the fixtures in tests/data/roster name.
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

static void
put_unit (XsStore *store, const char *id, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsUnit) unit = xs_unit_new ();

  unit->id = g_strdup (id);
  unit->category = g_strdup ("provincial");
  unit->name = g_strdup (name);
  if (!xs_store_put_unit (store, unit, &error))
    g_error ("fuzz: %s", error->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *path = xs_fuzz_write ("roster.csv", data, size);
  g_autoptr (XsStore) store = xs_fuzz_open_fresh_store ();
  g_autoptr (GError) error = NULL;
  XsRosterResult result = { 0 };
  guint i;

  put_unit (store, "U1", "湖南省某某医院");
  put_unit (store, "U2", "湖南省某某大学");
  /* Skipping bad rows reaches both the checks and the writes in one run. */
  if (!xs_roster_import (store, path, XS_ROSTER_IMPORT_SKIP_BAD_ROWS, &result, &error))
    g_assert (error != NULL && error->message != NULL);
  for (i = 0; result.problems != NULL && i < result.problems->len; i++)
    g_free (xs_roster_problem_format (g_ptr_array_index (result.problems, i)));
  xs_roster_result_clear (&result);
  return 0;
}
