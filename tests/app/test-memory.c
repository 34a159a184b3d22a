/* test-memory.c — malloc as the application sets it up for a long session (xs-memory.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "xs-memory.h"

#define BLOCK (4 * 1024 * 1024) /* a sheet page's raster is 3.4 MB */

/* A large block freed once must not move the next one of its size into the heap, where its
 * hole stays resident: it is mapped again, and given back when freed. */
static void
test_large_blocks_stay_mapped (void)
{
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer has a malloc of its own");
#elif defined(__GLIBC__)
  struct mallinfo2 before, during, after;
  char *block;

  g_assert_true (xs_memory_tune_for_session ());
  block = g_malloc (BLOCK);
  memset (block, 1, BLOCK);
  g_free (block);

  before = mallinfo2 ();
  block = g_malloc (BLOCK);
  memset (block, 2, BLOCK);
  during = mallinfo2 ();
  g_free (block);
  after = mallinfo2 ();

  g_assert_cmpuint (during.hblkhd, >=, before.hblkhd + BLOCK);
  g_assert_cmpuint (after.hblkhd, ==, before.hblkhd);
#else
  g_test_skip ("malloc is not glibc's");
#endif
}

int
main (int argc, char *argv[])
{
  /* The test's own settings, not the environment's. */
  g_unsetenv ("GLIBC_TUNABLES");
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/memory/large-blocks-stay-mapped", test_large_blocks_stay_mapped);
  return g_test_run ();
}
