/* xs-cli-audit.c — `xueshi-cli audit [PERSON]`, `fsck` and `gc`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

static gboolean
parse_none (const char *summary, int *argc, char ***argv, int max_args, int *status)
{
  g_autoptr (GOptionContext) context = g_option_context_new (summary);

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!xs_cli_parse (context, argc, argv, status))
    return FALSE;
  if (*argc > max_args)
    {
      *status = xs_cli_usage (context, _ ("too many arguments"));
      return FALSE;
    }
  return TRUE;
}

int
xs_cli_audit (const XsCliGlobals *globals, int argc, char **argv)
{
  g_autoptr (XsStore) store = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  GError *error = NULL;
  int status = XS_CLI_OK;

  if (!parse_none (_ ("[PERSON-ID] — print the audit trail"), &argc, &argv, 2, &status))
    return status;
  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);
  entries = xs_audit_list (store, argc == 2 ? argv[1] : NULL, &error);
  if (entries == NULL)
    return xs_cli_fail (error);

  for (guint i = 0; i < entries->len; i++)
    {
      const XsAuditEntry *e = g_ptr_array_index (entries, i);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", e->seq, e->at, e->actor,
               e->action, e->person_id ? e->person_id : "-", e->target ? e->target : "-",
               e->old_value ? e->old_value : "-", e->new_value ? e->new_value : "-");
    }
  return XS_CLI_OK;
}

int
xs_cli_fsck (const XsCliGlobals *globals, int argc, char **argv)
{
  g_autoptr (XsStore) store = NULL;
  XsFsckReport report;
  GError *error = NULL;
  int status = XS_CLI_OK;

  if (!parse_none (_ ("— check the database, every evidence file and the audit trail"), &argc,
                   &argv, 1, &status))
    return status;
  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);
  if (!xs_fsck_run (store, &report, &error))
    return xs_cli_fail (error);

  for (guint i = 0; i < report.problems->len; i++)
    g_print ("%s\n", (char *)g_ptr_array_index (report.problems, i));
  if (report.audit_not_verified)
    g_print ("%s\n", _ ("audit trail: not verified by this login, which sees only its units' "
                        "entries; the bureau or the database's owner verifies the chain"));
  g_print (_ ("%u evidence files checked, %u audit entries verified, %u unreferenced files, %u "
              "leftovers of interrupted writes: %s\n"),
           report.files_checked, report.audit_entries, report.orphan_files, report.leftover_temps,
           report.problems->len == 0 ? _ ("clean") : _ ("PROBLEMS FOUND"));
  status = report.problems->len == 0 ? XS_CLI_OK : XS_CLI_FAILED;
  xs_fsck_report_clear (&report);
  return status;
}

int
xs_cli_gc (const XsCliGlobals *globals, int argc, char **argv)
{
  g_autoptr (XsStore) store = NULL;
  GError *error = NULL;
  int status = XS_CLI_OK;
  guint removed = 0;

  if (!parse_none (_ ("— remove evidence files nothing refers to"), &argc, &argv, 1, &status))
    return status;
  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);
  if (!xs_blob_collect_garbage (store, &removed, &error))
    return xs_cli_fail (error);
  g_print (_ ("Removed %u files.\n"), removed);
  return XS_CLI_OK;
}
