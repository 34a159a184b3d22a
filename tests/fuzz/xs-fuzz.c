/* xs-fuzz.c — what the libFuzzer harnesses share: a scratch directory and fresh stores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <stdlib.h>

#include "xs-fuzz.h"

char *xs_fuzz_dir;

static void
xs_fuzz_remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
              !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
            xs_fuzz_remove_tree (child);
          else
            g_unlink (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static void
xs_fuzz_cleanup (void)
{
  if (xs_fuzz_dir != NULL)
    xs_fuzz_remove_tree (xs_fuzz_dir);
  g_clear_pointer (&xs_fuzz_dir, g_free);
}

/* Messages stay English and the scratch directory exists; a failure here is the harness's. */
void
xs_fuzz_init (void)
{
  g_autoptr (GError) error = NULL;

  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  xs_core_init ();
  xs_fuzz_dir = g_dir_make_tmp ("xueshi-fuzz-XXXXXX", &error);
  if (xs_fuzz_dir == NULL)
    g_error ("fuzz: %s", error->message);
  atexit (xs_fuzz_cleanup);
}

char *
xs_fuzz_write (const char *name, const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (xs_fuzz_dir, name, NULL);

  if (!g_file_set_contents (path, (const char *)data, (gssize)size, &error))
    g_error ("fuzz: %s", error->message);
  return path;
}

/* A store of its own for each input, so that what one input imported cannot change how the
 * next behaves and every crash reproduces from its input alone. */
XsStore *
xs_fuzz_open_fresh_store (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db_dir = g_build_filename (xs_fuzz_dir, "db", NULL);
  g_autofree char *db_path = g_build_filename (db_dir, "xueshi.db", NULL);
  XsStore *store;

  xs_fuzz_remove_tree (db_dir);
  store = (XsStore *)xs_sqlite_store_open (db_path, &error);
  if (store == NULL)
    g_error ("fuzz: %s", error->message);
  return store;
}
