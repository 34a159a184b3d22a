/* xs-evidence-open.c — an evidence file read once, through one descriptor.
 *
 * What is checked must be what is stored. A file checked by its name and then opened again to
 * be copied can have been swapped in between (a link to another file, another file renamed
 * over it), so the file is opened once: no component below the folder the caller trusts may
 * be a symbolic link (O_NOFOLLOW on each, walked with openat()); the descriptor is fstat()ed
 * (a regular file with one name only: a hard link makes a file from elsewhere look as if it
 * were in the folder), and read whole, up to the size cap. Those bytes are then checked and
 * those same bytes stored.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n-lib.h>

#include "xs-evidence-open.h"
#include "xs-scan.h"

static int
open_error (const char *display, int saved, GError **error)
{
  if (saved == ELOOP || saved == EMLINK)
    g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_LINK,
                 _ ("“%s” is a symbolic link or lies in a linked folder; give the file itself"),
                 display);
  else
    g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("Cannot read “%s”: %s"), display,
                 g_strerror (saved));
  return -1;
}

/* O_NONBLOCK: opening a FIFO must not wait for a writer; fstat() then refuses it. */
#define OPEN_FLAGS (O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY | O_NONBLOCK)

static int
open_below (int dir_fd, const char *relative, const char *display, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (relative, "/", -1);
  int fd = dir_fd;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean last = parts[i + 1] == NULL;
      int next;

      if (*parts[i] == '\0' || g_str_equal (parts[i], "."))
        {
          if (!last)
            continue;
          if (fd != dir_fd)
            close (fd);
          return open_error (display, EISDIR, error);
        }
      if (g_str_equal (parts[i], ".."))
        {
          if (fd != dir_fd)
            close (fd);
          return open_error (display, EACCES, error);
        }
      next = openat (fd, parts[i], last ? OPEN_FLAGS : OPEN_FLAGS | O_DIRECTORY);
      if (next < 0)
        {
          int saved = errno;
          struct stat st;

          /* O_DIRECTORY | O_NOFOLLOW on a link to a folder says ENOTDIR: say what it is. */
          if (saved == ENOTDIR && fstatat (fd, parts[i], &st, AT_SYMLINK_NOFOLLOW) == 0 &&
              S_ISLNK (st.st_mode))
            saved = ELOOP;

          if (fd != dir_fd)
            close (fd);
          return open_error (display, saved, error);
        }
      if (fd != dir_fd)
        close (fd);
      fd = next;
    }
  if (fd == dir_fd)
    return open_error (display, ENOENT, error);
  return fd;
}

/**
 * xs_evidence_open:
 * @dir_fd: the folder @path is relative to, or %AT_FDCWD
 * @path: below @dir_fd, every component opened without following a link; or an absolute path,
 *   whose last component must not be a link
 * @display: the name to give in messages
 *
 * Opens an evidence file and checks the descriptor: a regular file, one hard link, at most
 * %XS_SCAN_MAX_BYTES.
 *
 * Returns: the descriptor, or -1 with an %XS_SCAN_ERROR
 */
int
xs_evidence_open (int dir_fd, const char *path, const char *display, GError **error)
{
  struct stat st;
  int fd;

  g_return_val_if_fail (path != NULL && display != NULL, -1);

  if (g_path_is_absolute (path))
    {
      fd = open (path, OPEN_FLAGS);
      if (fd < 0)
        return open_error (display, errno, error);
    }
  else
    {
      fd = open_below (dir_fd, path, display, error);
      if (fd < 0)
        return -1;
    }

  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      close (fd);
      return open_error (display, saved, error);
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ, _ ("“%s” is not a regular file"),
                   display);
      return -1;
    }
  if (st.st_nlink != 1)
    {
      close (fd);
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_LINK,
                   _ ("“%s” has more than one name (a hard link); give a copy of the file"),
                   display);
      return -1;
    }
  if (st.st_size > XS_SCAN_MAX_BYTES)
    {
      close (fd);
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_LARGE,
                   _ ("“%s” is larger than %d MB; scan it at a lower resolution"), display,
                   XS_SCAN_MAX_BYTES / (1024 * 1024));
      return -1;
    }
  return fd;
}

/**
 * xs_evidence_read_fd:
 *
 * Reads @fd whole from its start, counting while reading (a file that grows after it was
 * measured is still refused at %XS_SCAN_MAX_BYTES).
 *
 * Returns: (transfer full): the bytes, or %NULL with an %XS_SCAN_ERROR
 */
GBytes *
xs_evidence_read_fd (int fd, const char *display, GError **error)
{
  g_autoptr (GByteArray) data = g_byte_array_new ();
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  off_t offset = 0;

  for (;;)
    {
      ssize_t n = pread (fd, buffer, 256 * 1024, offset);

      if (n < 0 && (errno == EINTR || errno == EAGAIN))
        continue;
      if (n < 0)
        {
          open_error (display, errno, error);
          return NULL;
        }
      if (n == 0)
        break;
      if (data->len + (gsize)n > XS_SCAN_MAX_BYTES)
        {
          g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_LARGE,
                       _ ("“%s” is larger than %d MB; scan it at a lower resolution"), display,
                       XS_SCAN_MAX_BYTES / (1024 * 1024));
          return NULL;
        }
      g_byte_array_append (data, buffer, (guint)n);
      offset += n;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/**
 * xs_evidence_read:
 *
 * xs_evidence_open() and xs_evidence_read_fd(): the one read of an evidence file whose bytes
 * are checked and stored.
 *
 * Returns: (transfer full): the bytes, or %NULL with an %XS_SCAN_ERROR
 */
GBytes *
xs_evidence_read (int dir_fd, const char *path, const char *display, GError **error)
{
  int fd = xs_evidence_open (dir_fd, path, display, error);
  GBytes *bytes;

  if (fd < 0)
    return NULL;
  bytes = xs_evidence_read_fd (fd, display, error);
  close (fd);
  return bytes;
}
