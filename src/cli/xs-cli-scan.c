/* xs-cli-scan.c — `xueshi-cli scan --list` and `xueshi-cli scan ACTIVITY-ID MATERIAL …`:
 * paper straight into an activity's evidence, as one PDF.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "xs-cli-private.h"

static int
list_scanners (void)
{
  g_autoptr (GPtrArray) devices = NULL;
  GError *error = NULL;

  devices = xs_scanner_list (&error);
  if (devices == NULL)
    return xs_cli_fail (error);
  if (devices->len == 0)
    {
      g_printerr (_ ("No scanner was found: check that it is switched on and connected (a "
                     "network scanner needs sane-airscan)\n"));
      return XS_CLI_FAILED;
    }
  for (guint i = 0; i < devices->len; i++)
    {
      const XsScannerDevice *d = g_ptr_array_index (devices, i);

      g_print ("%s\t%s\t%s\t%s\n", d->name, d->vendor ? d->vendor : "", d->model ? d->model : "",
               d->type ? d->type : "");
    }
  return XS_CLI_OK;
}

static void
show_progress (guint page, double fraction, gpointer user_data)
{
  /* One line a page on a terminal, rewritten in place; nothing when stderr is a file. */
  if (isatty (2))
    {
      g_printerr ("\r");
      g_printerr (_ ("Scanning page %u… %3d %%"), page + 1, (int)(fraction * 100));
    }
}

static gboolean
parse_source (const char *text, XsScannerSource *out)
{
  if (text == NULL || g_str_equal (text, "flatbed"))
    *out = XS_SCANNER_SOURCE_FLATBED;
  else if (g_str_equal (text, "adf"))
    *out = XS_SCANNER_SOURCE_ADF;
  else if (g_str_equal (text, "duplex"))
    *out = XS_SCANNER_SOURCE_DUPLEX;
  else
    return FALSE;
  return TRUE;
}

int
xs_cli_scan (const XsCliGlobals *globals, int argc, char **argv)
{
  gboolean list = FALSE, straight = FALSE;
  g_autofree char *device = NULL;
  g_autofree char *source = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *actor = NULL;
  int pages = 0, resolution = 300;
  const GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_ ("List the scanners found"), NULL },
    { "device", 0, 0, G_OPTION_ARG_STRING, &device,
      N_ ("The scanner, as --list names it (default: the first)"), N_ ("NAME") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_ ("flatbed (default), adf (the document feeder) or duplex (both sides)"), N_ ("SOURCE") },
    { "pages", 0, 0, G_OPTION_ARG_INT, &pages,
      N_ ("Pages to scan (default: one from the flatbed, all in the feeder)"), N_ ("N") },
    { "resolution", 0, 0, G_OPTION_ARG_INT, &resolution, N_ ("Dots per inch (default 300)"),
      N_ ("DPI") },
    { "mode", 0, 0, G_OPTION_ARG_STRING, &mode, N_ ("gray (default) or color"), N_ ("MODE") },
    { "as-scanned", 0, 0, G_OPTION_ARG_NONE, &straight,
      N_ ("Keep each page as scanned, not cropped and straightened"), NULL },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &actor, N_ ("Who makes the change (default: you)"),
      N_ ("NAME") },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new (_ ("--list | ACTIVITY-ID MATERIAL — scan paper into an activity"));
  g_autoptr (XsRules) rules = NULL;
  g_autoptr (XsStore) store = NULL;
  g_autoptr (XsActivity) activity = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *name = NULL;
  g_autofree char *sha256 = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  XsScannerOptions options = { 0 };
  GError *error = NULL;
  int status = XS_CLI_OK;
  guint scanned;
  gboolean attached;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (list)
    return argc == 1 ? list_scanners ()
                     : xs_cli_usage (context, _ ("scan --list takes no other arguments"));
  if (argc != 3)
    return xs_cli_usage (context, _ ("scan needs an activity id and a material"));
  if (!parse_source (source, &options.source))
    return xs_cli_usage (context, _ ("--source is flatbed, adf or duplex, not “%s”"), source);
  if (mode != NULL && !g_str_equal (mode, "gray") && !g_str_equal (mode, "color"))
    return xs_cli_usage (context, _ ("--mode is gray or color, not “%s”"), mode);
  if (pages < 0 || resolution < 50 || resolution > 1200)
    return xs_cli_usage (context, _ ("--pages is at least 1, --resolution between 50 and 1200"));
  if (actor == NULL)
    actor = g_strdup (g_get_user_name ());

  /* The activity and the material are checked before the paper goes in. */
  rules = xs_rules_get_default (&error);
  if (rules == NULL)
    return xs_cli_fail (error);
  if (xs_rules_get_material_name (rules, argv[2]) == NULL)
    return xs_cli_usage (context, _ ("“%s” is not a material of the rules"), argv[2]);
  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);
  activity = xs_store_get_activity (store, argv[1], &error);
  if (activity == NULL)
    return xs_cli_fail (error);

  options.device = device;
  options.pages = (guint)pages;
  options.resolution = (guint)resolution;
  options.color = mode != NULL && g_str_equal (mode, "color");
  options.autocrop_deskew = !straight;
  dir = g_dir_make_tmp ("xueshi-scan-XXXXXX", &error);
  if (dir == NULL)
    return xs_cli_fail (error);
  name = g_date_time_format (now, "scan-%Y%m%d-%H%M%S.pdf");
  pdf = g_build_filename (dir, name, NULL);
  scanned = xs_scanner_scan_to_pdf (&options, pdf, show_progress, NULL, NULL, &error);
  if (isatty (2))
    g_printerr ("\n");
  attached = scanned > 0 &&
             xs_records_attach_evidence (store, rules, argv[1], pdf, argv[2], actor, &sha256, &error);
  g_unlink (pdf);
  g_rmdir (dir);
  if (!attached)
    return xs_cli_fail (error);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u page scanned into %s\n",
                           "%u pages scanned into %s\n", scanned),
              scanned, argv[1]);
  g_print ("%s\n", sha256);
  xs_cli_read_attached (store, rules, argv[1], sha256);
  return XS_CLI_OK;
}
