/* xs-core.c — the core library's one-time set-up: translations, embedded data, libxml2.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-core.h"
#include "xs-core-resources.h"
#include "xs-xml.h"

/**
 * xs_core_init:
 *
 * Call once before anything else of the core (safe to call again). Binds the message
 * catalogue and makes the embedded rule files and schemas reachable.
 */
void
xs_core_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      /* XUESHI_LOCALEDIR=<build>/po shows an uninstalled build's translations. */
      bindtextdomain (GETTEXT_PACKAGE,
                      g_getenv ("XUESHI_LOCALEDIR") ? g_getenv ("XUESHI_LOCALEDIR") : LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      /* Registered by hand: a constructor in a static library can be dropped by the linker. */
      xs_core_register_resource ();
      xs_xml_init ();
      g_once_init_leave (&initialized, 1);
    }
}
