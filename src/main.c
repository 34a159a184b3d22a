/* main.c — starts the Xueshi desktop application.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <glib/gi18n.h>

#include "xs-application.h"
#include "xs-bench.h"
#include "xs-memory.h"

int
main (int argc, char *argv[])
{
  g_autoptr (XsApplication) app = NULL;
  const char *localedir = g_getenv ("XUESHI_LOCALEDIR");

  xs_bench_mark_process_start ();
  /* Before any thread starts: arenas are made as threads first allocate. */
  xs_memory_tune_for_session ();
  setlocale (LC_ALL, "");
  xs_core_init ();
  /* An uninstalled build finds its compiled translations here (build-aux/run-sample.sh). */
  if (localedir != NULL && *localedir != '\0')
    bindtextdomain (GETTEXT_PACKAGE, localedir);
  textdomain (GETTEXT_PACKAGE);

  app = xs_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
