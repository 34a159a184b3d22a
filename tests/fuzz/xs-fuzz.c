/* xs-fuzz.c — what the libFuzzer harnesses share: a scratch directory and fresh stores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <errno.h>
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

static XsStore *
xs_fuzz_open_store_at (const char *db_dir)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *db_path = g_build_filename (db_dir, "xueshi.db", NULL);
  XsStore *store = (XsStore *)xs_sqlite_store_open (db_path, &error);

  if (store == NULL)
    g_error ("fuzz: %s", error->message);
  return store;
}

/* A store of its own for each input, so that what one input imported cannot change how the
 * next behaves and every crash reproduces from its input alone. Creating the schema costs
 * more than most imports, so it is made once, prepared, closed (its log checkpointed into the
 * file) and then each input gets a copy of that one file. */
XsStore *
xs_fuzz_open_fresh_store (const char *dir_name, void (*prepare) (XsStore *store))
{
  static char *template_bytes;
  static gsize template_length;
  g_autoptr (GError) error = NULL;
  g_autofree char *db_dir = g_build_filename (xs_fuzz_dir, dir_name, NULL);
  g_autofree char *db_path = g_build_filename (db_dir, "xueshi.db", NULL);

  if (template_bytes == NULL)
    {
      g_autofree char *template_dir = g_build_filename (xs_fuzz_dir, "template", NULL);
      g_autofree char *template_path = g_build_filename (template_dir, "xueshi.db", NULL);
      XsStore *store = xs_fuzz_open_store_at (template_dir);

      if (prepare != NULL)
        prepare (store);
      g_object_unref (store);
      if (!g_file_get_contents (template_path, &template_bytes, &template_length, &error))
        g_error ("fuzz: %s", error->message);
      xs_fuzz_remove_tree (template_dir);
    }
  xs_fuzz_remove_tree (db_dir);
  if (g_mkdir (db_dir, 0700) != 0 ||
      !g_file_set_contents_full (db_path, template_bytes, (gssize)template_length,
                                 G_FILE_SET_CONTENTS_NONE, 0600, &error))
    g_error ("fuzz: cannot copy the template store: %s",
             error != NULL ? error->message : g_strerror (errno));
  return xs_fuzz_open_store_at (db_dir);
}
