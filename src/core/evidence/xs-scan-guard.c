/* xs-scan-guard.c — an evidence file decoded in a helper process, within a deadline and a
 * memory cap, before it is attached.
 *
 * Poppler and gdk-pixbuf cannot be interrupted: a small PDF whose embedded image or content
 * stream is built to overwhelm them can take gigabytes or minutes, and a thread cannot be
 * stopped. So the whole decode runs in `xueshi-decode-check` (the bytes on its standard input),
 * which caps its own address space; this side kills it at the deadline. A file it refuses,
 * overruns or crashes on is not attached, and the clerk is told why, naming the file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define _GNU_SOURCE /* memfd_create() */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "xs-scan.h"
#include "xs-scan-guard.h"

/* Each page of a PDF is drawn this small: poppler still decodes every image and runs every
 * operator of the page, which is what the check is for. */
#define CHECK_PAGE_SIDE 200.0

/**
 * xs_scan_check_decodes_fully:
 *
 * xs_scan_check_decodes(), and every page of a PDF drawn (small). Runs in this process without
 * a bound: the helper calls it; others call xs_scan_check_decodes_guarded().
 */
gboolean
xs_scan_check_decodes_fully (GBytes *bytes, const char *name, GError **error)
{
  g_autoptr (XsScan) scan = NULL;
  g_autoptr (GError) local = NULL;

  /* Images: what xs_scan_check_decodes() does. A PDF is parsed once here and its pages drawn. */
  scan = xs_scan_new_for_bytes (bytes, &local);
  if (scan == NULL || xs_scan_get_scan_type (scan) != XS_SCAN_TYPE_PDF)
    return xs_scan_check_decodes (bytes, name, error);
  for (guint i = 0; i < xs_scan_get_n_pages (scan) && local == NULL; i++)
    {
      double width = 0, height = 0;
      cairo_surface_t *surface = NULL;

      if (xs_scan_get_page_size (scan, i, &width, &height, &local))
        surface =
            xs_scan_render_page (scan, i, CHECK_PAGE_SIDE / MAX (MAX (width, height), 1.0), &local);
      g_clear_pointer (&surface, cairo_surface_destroy);
    }
  if (local == NULL)
    return TRUE;
  g_set_error (error, XS_SCAN_ERROR, local->code, _ ("“%s” cannot be attached: %s"), name,
               local->message);
  return FALSE;
}

static gboolean decode_in_process;

/**
 * xs_scan_guard_decode_in_process:
 *
 * Makes xs_scan_check_decodes_guarded() decode in this process, without the helper: for the
 * fuzz harnesses only, whose fuzzer bounds each input's time and memory itself and would
 * otherwise start a process per input.
 */
void
xs_scan_guard_decode_in_process (gboolean in_process)
{
  decode_in_process = in_process;
}

static char *
find_helper (void)
{
  const char *env = g_getenv ("XUESHI_DECODE_HELPER");
  g_autofree char *installed = g_build_filename (XS_LIBEXECDIR, "xueshi-decode-check", NULL);

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = self != NULL ? g_path_get_dirname (self) : NULL;

  if (g_file_test (installed, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&installed);
  /* Uninstalled, run from the build tree: _build/src/xueshi, _build/src/cli/xueshi-cli. */
  for (guint i = 0; dir != NULL && i < 2; i++)
    {
      g_autofree char *candidate =
          g_build_filename (dir, i == 0 ? "helpers" : "../helpers", "xueshi-decode-check", NULL);

      if (g_file_test (candidate, G_FILE_TEST_IS_EXECUTABLE))
        return g_steal_pointer (&candidate);
    }
  return NULL;
}

static gboolean
write_all (int fd, GBytes *bytes)
{
  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);

  while (len > 0)
    {
      ssize_t n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= (gsize)n;
    }
  return TRUE;
}

static guint
deadline_ms (void)
{
  const char *env = g_getenv ("XUESHI_DECODE_DEADLINE_MS");
  guint64 value = 0;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, G_MAXUINT, &value, NULL))
    return (guint)value;
  return XS_SCAN_GUARD_DEADLINE_MS;
}

typedef struct
{
  GSubprocess *process;
  GBytes *output;
  gboolean done;
  gboolean timed_out;
} Run;

static void
on_communicated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Run *run = user_data;

  /* An error here is a helper killed mid-write; its exit status says what happened. */
  g_subprocess_communicate_finish (G_SUBPROCESS (source), result, &run->output, NULL, NULL);
  run->done = TRUE;
}

static gboolean
on_deadline (gpointer user_data)
{
  Run *run = user_data;

  run->timed_out = TRUE;
  g_subprocess_force_exit (run->process);
  return G_SOURCE_REMOVE;
}

/* The helper's refusal: "CODE\nMESSAGE" on its standard output. */
static void
set_refusal (GBytes *output, const char *name, GError **error)
{
  gsize len = 0;
  const char *data = output != NULL ? g_bytes_get_data (output, &len) : NULL;
  g_autofree char *text = data != NULL ? g_strndup (data, len) : NULL;
  char *newline = text != NULL ? strchr (text, '\n') : NULL;
  guint64 code = XS_SCAN_ERROR_CORRUPT;

  if (newline != NULL && g_utf8_validate (newline + 1, -1, NULL) && newline[1] != '\0')
    {
      *newline = '\0';
      g_ascii_string_to_unsigned (text, 10, 0, XS_SCAN_ERROR_TOO_COSTLY, &code, NULL);
      g_set_error_literal (error, XS_SCAN_ERROR, (int)code, g_strchomp (newline + 1));
      return;
    }
  g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_CORRUPT,
               _ ("“%s” cannot be attached: it does not decode"), name);
}

/**
 * xs_scan_check_decodes_guarded:
 * @bytes: the whole file
 * @name: the file's name, for the message
 *
 * xs_scan_check_decodes_fully() in the helper process, killed after the deadline and unable to
 * take more than %XS_SCAN_GUARD_MEMORY_BYTES. Where the helper is not installed (a build not
 * yet installed, without XUESHI_DECODE_HELPER) the check runs here, unbounded, with a warning.
 *
 * Returns: %TRUE when the file decodes within the bounds; else %FALSE with an %XS_SCAN_ERROR
 *   naming @name
 */
gboolean
xs_scan_check_decodes_guarded (GBytes *bytes, const char *name, GError **error)
{
  g_autofree char *helper = find_helper ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GMainContext) context = NULL;
  g_autoptr (GSource) deadline = NULL;
  g_autoptr (GError) local = NULL;
  Run run = { 0 };
  int input;

  g_return_val_if_fail (bytes != NULL && name != NULL, FALSE);

  if (decode_in_process)
    return xs_scan_check_decodes_fully (bytes, name, error);
  if (helper == NULL)
    {
      g_warning ("xueshi-decode-check is not installed: decoding %s without a deadline", name);
      return xs_scan_check_decodes_fully (bytes, name, error);
    }

  /* The bytes reach the helper as a memory file on its standard input, not a pipe: a helper
   * that dies early cannot leave this side writing into a closed pipe (SIGPIPE). */
  input = memfd_create ("xueshi-evidence", MFD_CLOEXEC);
  if (input < 0 || !write_all (input, bytes) || lseek (input, 0, SEEK_SET) != 0)
    {
      int saved = errno;

      if (input >= 0)
        close (input);
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ,
                   _ ("“%s” cannot be checked: the decoding helper did not start (%s)"), name,
                   g_strerror (saved));
      return FALSE;
    }
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_take_stdin_fd (launcher, input);
  process = g_subprocess_launcher_spawn (launcher, &local, helper, name, NULL);
  if (process == NULL)
    {
      g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ,
                   _ ("“%s” cannot be checked: the decoding helper did not start (%s)"), name,
                   local->message);
      return FALSE;
    }

  /* A private context: the caller's main loop, if any, does not run while this waits. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  run.process = process;
  g_subprocess_communicate_async (process, NULL, NULL, on_communicated, &run);
  deadline = g_timeout_source_new (deadline_ms ());
  g_source_set_callback (deadline, on_deadline, &run, NULL);
  g_source_attach (deadline, context);
  while (!run.done)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (deadline);
  g_subprocess_wait (process, NULL, NULL);
  g_main_context_pop_thread_default (context);

  if (run.timed_out)
    g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_COSTLY,
                 _ ("“%s” cannot be attached: decoding it took longer than %u seconds; the file "
                    "is damaged or made to overwhelm a decoder, scan the paper again"),
                 name, (deadline_ms () + 999) / 1000);
  else if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 0)
    {
      g_clear_pointer (&run.output, g_bytes_unref);
      return TRUE;
    }
  else if (g_subprocess_get_if_exited (process) && g_subprocess_get_exit_status (process) == 1)
    set_refusal (run.output, name, error);
  else
    g_set_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_COSTLY,
                 _ ("“%s” cannot be attached: decoding it needed more than %u MB of memory or "
                    "failed; the file is damaged or made to overwhelm a decoder, scan the paper "
                    "again"),
                 name, (guint)(XS_SCAN_GUARD_MEMORY_BYTES / (1024 * 1024)));
  g_clear_pointer (&run.output, g_bytes_unref);
  return FALSE;
}
