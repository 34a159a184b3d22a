/* xs-memory.c — how malloc keeps memory over a day-long session.
 *
 * The application's large blocks are short-lived: a sheet preview's page rasters (3.4 MB
 * each), a scan decoded for review, a PDF in memory, the textures made of them. They are made
 * in worker threads, each of which gets a malloc arena of its own. glibc raises its mmap
 * threshold to the size of any mapped block that is freed, so after the first preview every
 * later raster came out of an arena instead of a mapping, and the holes they left when freed
 * stayed resident: the soak benchmark (bench/run --only soak) saw RSS grow by 10–15 MB a
 * round with the heap in use nearly flat, 160 MB of it in seven thread arenas.
 *
 * A fixed threshold keeps large blocks mapped, so freeing one gives it back to the system;
 * fewer arenas keep the small blocks of the worker threads together. bench/RESULTS.md has
 * the figures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "xs-memory.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

/* glibc's own starting value: blocks from 128 KiB on are mapped, always. */
#define MMAP_THRESHOLD (128 * 1024)
/* The main thread, the index and sheet workers and the scan loaders share these. */
#define MAX_ARENAS 4

/**
 * xs_memory_tune_for_session:
 *
 * Sets malloc up for a long session; call it first thing in main(). The environment's
 * GLIBC_TUNABLES still win where they name the same settings.
 *
 * Returns: whether malloc took the settings (always %FALSE without glibc)
 */
gboolean
xs_memory_tune_for_session (void)
{
#ifdef __GLIBC__
  const char *tunables = g_getenv ("GLIBC_TUNABLES");
  gboolean ok = TRUE;

  if (tunables == NULL || strstr (tunables, "glibc.malloc.mmap_threshold") == NULL)
    ok = mallopt (M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1 && ok;
  if (tunables == NULL || strstr (tunables, "glibc.malloc.arena_max") == NULL)
    ok = mallopt (M_ARENA_MAX, MAX_ARENAS) == 1 && ok;
  return ok;
#else
  return FALSE;
#endif
}
