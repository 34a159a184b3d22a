/* xs-db-lock.c — the lock every program on a database holds, that close() cannot drop.
 *
 * SQLite's own locks are POSIX record locks, which a process loses on a file as soon as any
 * descriptor of that file is closed in it — GIO does that when a file chooser shows the
 * database's folder ("How To Corrupt An SQLite Database File", §2.2). The next program to
 * close the database then believed it was the last one, checkpointed and deleted the
 * write-ahead log under the other, and the other's later writes were lost.
 *
 * So each open store also holds open-file-description locks (F_OFD_SETLK, Linux) on a
 * sidecar file `DB.lock`, which belong to this descriptor alone:
 *   byte 0, shared, for the store's whole life: "a program has this database open";
 *   byte 1, exclusive, around every write transaction: one writer at a time, even when
 *           SQLite's own write lock was dropped.
 * A store checkpoints on close only when it can take byte 0 exclusively (it is really the
 * last); SQLite's own checkpoint-and-delete on close is switched off (xs-sqlite-store.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "xs-db-lock.h"
#include "xs-store.h"

struct _XsDbLock
{
  int fd;
  char *path;
};

static int
ofd_lock (int fd, int cmd, short type, off_t start)
{
  struct flock fl = { .l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = 1 };

  return fcntl (fd, cmd, &fl);
}

/**
 * xs_db_lock_open:
 * @db_path: the database file
 *
 * Opens (creating, mode 0600) `@db_path.lock` and marks the database as open by this store;
 * waits while a closing program checkpoints.
 *
 * Returns: (transfer full) (nullable): the lock, or %NULL with an error
 */
XsDbLock *
xs_db_lock_open (const char *db_path, GError **error)
{
  g_autoptr (XsDbLock) lock = g_new0 (XsDbLock, 1);
  int rc;

  lock->path = g_strconcat (db_path, ".lock", NULL);
  lock->fd = g_open (lock->path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (lock->fd < 0)
    {
      int errsv = errno;

      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_OPEN,
                   _ ("Cannot open the lock file %s: %s"), lock->path, g_strerror (errsv));
      return NULL;
    }
  do
    rc = ofd_lock (lock->fd, F_OFD_SETLKW, F_RDLCK, 0);
  while (rc != 0 && errno == EINTR);
  if (rc != 0)
    {
      int errsv = errno;

      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_OPEN,
                   _ ("Cannot lock the database %s: %s"), db_path, g_strerror (errsv));
      return NULL;
    }
  return g_steal_pointer (&lock);
}

/**
 * xs_db_lock_begin_write:
 * @timeout_ms: how long to wait for another program's write to end
 *
 * Returns: %TRUE once this store is the only writer, or %FALSE with %XS_STORE_ERROR_BUSY
 */
gboolean
xs_db_lock_begin_write (XsDbLock *lock, guint timeout_ms, GError **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;

  while (ofd_lock (lock->fd, F_OFD_SETLK, F_WRLCK, 1) != 0)
    {
      if ((errno != EAGAIN && errno != EACCES && errno != EINTR) ||
          g_get_monotonic_time () >= deadline)
        {
          g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_BUSY,
                       _ ("Another program is writing to this database; try again in a moment"));
          return FALSE;
        }
      g_usleep (10 * 1000);
    }
  return TRUE;
}

void
xs_db_lock_end_write (XsDbLock *lock)
{
  ofd_lock (lock->fd, F_OFD_SETLK, F_UNLCK, 1);
}

/**
 * xs_db_lock_try_alone:
 *
 * Returns: whether no other program has the database open; if so, none can open it until
 *   this lock is freed
 */
gboolean
xs_db_lock_try_alone (XsDbLock *lock)
{
  return ofd_lock (lock->fd, F_OFD_SETLK, F_WRLCK, 0) == 0;
}

void
xs_db_lock_free (XsDbLock *lock)
{
  if (lock == NULL)
    return;
  if (lock->fd >= 0)
    g_close (lock->fd, NULL); /* releases its locks */
  g_free (lock->path);
  g_free (lock);
}
