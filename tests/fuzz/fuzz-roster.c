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

static void
put_units (XsStore *store)
{
  put_unit (store, "U1", "湖南省某某医院");
  put_unit (store, "U2", "湖南省某某大学");
}

/* Every input is checked against one store kept open (a check writes nothing, so each meets
 * the same two units). Opening a store costs more than reading most rosters, so the writes
 * are fuzzed on one input in 16, chosen by its bytes so that a crash still reproduces from the
 * input alone; those are imported into a fresh store and must count as the check did. */
static gboolean
also_write (const uint8_t *data, size_t size)
{
  guint32 hash = 2166136261u; /* FNV-1a */

  for (size_t i = 0; i < size; i++)
    hash = (hash ^ data[i]) * 16777619u;
  return hash % 16 == 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static XsStore *check_store;
  g_autofree char *path = xs_fuzz_write ("roster.csv", data, size);
  g_autoptr (GError) error = NULL;
  XsRosterResult checked = { 0 };
  XsRosterResult result = { 0 };
  gboolean would_import;
  guint i;

  if (check_store == NULL)
    check_store = xs_fuzz_open_fresh_store ("check", put_units);
  /* Skipping bad rows reaches both the checks and the writes in one run. */
  would_import = xs_roster_import (check_store, path,
                                   XS_ROSTER_IMPORT_SKIP_BAD_ROWS | XS_ROSTER_IMPORT_CHECK_ONLY,
                                   &checked, &error);
  if (!would_import)
    g_assert (error != NULL && error->message != NULL);
  for (i = 0; checked.problems != NULL && i < checked.problems->len; i++)
    g_free (xs_roster_problem_format (g_ptr_array_index (checked.problems, i)));
  g_clear_error (&error);

  if (would_import && also_write (data, size))
    {
      g_autoptr (XsStore) store = xs_fuzz_open_fresh_store ("db", put_units);

      if (!xs_roster_import (store, path, XS_ROSTER_IMPORT_SKIP_BAD_ROWS, &result, &error))
        g_error ("fuzz: the check accepted what the import refused: %s", error->message);
      if (result.added != checked.added || result.updated != checked.updated ||
          result.skipped != checked.skipped)
        g_error ("fuzz: the import counted %u/%u/%u, its check %u/%u/%u", result.added,
                 result.updated, result.skipped, checked.added, checked.updated, checked.skipped);
      xs_roster_result_clear (&result);
    }
  xs_roster_result_clear (&checked);
  return 0;
}
