/* xueshi-decode-check — decodes one evidence file completely, under a memory cap, for
 * xs_scan_check_decodes_guarded(), which kills it at the deadline.
 *
 *   xueshi-decode-check NAME < FILE
 *
 * Exit status 0: the file decodes. 1: refused, standard output "CODE\nMESSAGE" (an
 * XsScanError code and the clerk's message, naming NAME). Anything else, or a signal: it broke
 * a bound. Not meant to be run by hand.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <signal.h>
#include <gio/gio.h>
#include <gio/gunixinputstream.h>
#include <glib/gi18n-lib.h>

#include "xs-core.h"
#include "xs-scan.h"
#include "xs-scan-guard.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

static void
limit_self (void)
{
#ifndef UNDER_ASAN /* AddressSanitizer reserves terabytes of address space up front. */
  struct rlimit memory = { XS_SCAN_GUARD_MEMORY_BYTES, XS_SCAN_GUARD_MEMORY_BYTES };

  setrlimit (RLIMIT_AS, &memory);
#endif
  /* A backstop should the parent be gone: CPU seconds, and death with the parent. */
  struct rlimit cpu = { 120, 120 };

  setrlimit (RLIMIT_CPU, &cpu);
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

int
main (int argc, char **argv)
{
  g_autoptr (GInputStream) in = NULL;
  g_autoptr (GByteArray) data = g_byte_array_new ();
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  guint8 buffer[64 * 1024];
  gssize n;

  limit_self ();
  setlocale (LC_ALL, "");
  xs_core_init ();
  textdomain (GETTEXT_PACKAGE);
  if (argc != 2)
    {
      fprintf (stderr, "usage: xueshi-decode-check NAME < FILE\n");
      return 2;
    }

  in = g_unix_input_stream_new (STDIN_FILENO, FALSE);
  while ((n = g_input_stream_read (in, buffer, sizeof buffer, NULL, &error)) > 0)
    {
      if (data->len + (gsize)n > XS_SCAN_MAX_BYTES)
        {
          g_set_error (&error, XS_SCAN_ERROR, XS_SCAN_ERROR_TOO_LARGE,
                       _ ("“%s” is larger than %d MB; scan it at a lower resolution"), argv[1],
                       XS_SCAN_MAX_BYTES / (1024 * 1024));
          break;
        }
      g_byte_array_append (data, buffer, (guint)n);
    }
  if (error == NULL)
    {
      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));
      if (xs_scan_check_decodes_fully (bytes, argv[1], &error))
        _exit (0); /* at once: nothing to clean up, no leak report */
    }
  printf ("%d\n%s\n", error->domain == XS_SCAN_ERROR ? error->code : XS_SCAN_ERROR_READ,
          error->message);
  fflush (stdout);
  _exit (1);
}
