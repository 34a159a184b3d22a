/* xs-cli.c — xueshi-cli: the command-line companion, on the core library alone.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <locale.h>
#include <stdio.h>
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

typedef struct
{
  const char *name;
  int (*run) (const XsCliGlobals *globals, int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "import", xs_cli_import, N_ ("Import an exchange file, evidence included") },
  { "export", xs_cli_export, N_ ("Write an exchange file with its evidence folder") },
  { "hours", xs_cli_hours, N_ ("Show a person's recognised hours over their span") },
  { "report", xs_cli_report, N_ ("Show every person's yearly hours and span verdict") },
  { "review", xs_cli_review, N_ ("Approve or reject an activity") },
  { "evidence", xs_cli_evidence,
    N_ ("Attach, list, tag, remove, read or check an activity's evidence") },
  { "scan", xs_cli_scan, N_ ("Scan paper straight into an activity's evidence") },
  { "audit", xs_cli_audit, N_ ("Print the audit trail, of everyone or one person") },
  { "fsck", xs_cli_fsck, N_ ("Check the database, the evidence files and the audit chain") },
  { "gc", xs_cli_gc, N_ ("Remove evidence files that nothing refers to") },
  { "rules", xs_cli_rules, N_ ("Print the rule table in force") },
  { "person", xs_cli_person, N_ ("Add, correct or remove a person") },
  { "round", xs_cli_round, N_ ("Show, pass or return a person’s verification round") },
  { "roster", xs_cli_roster,
    N_ ("Import persons from a roster (CSV or Excel), with a report of bad rows") },
  { "template", xs_cli_template,
    N_ ("Write the Excel template staff fill in with their activities") },
  { "activities", xs_cli_activities,
    N_ ("Add the activities of a filled-in template, all or nothing") },
  { "sheet", xs_cli_sheet, N_ ("Render confirmation sheets (PDF), of one person or everyone") },
  { "verify", xs_cli_verify, N_ ("Check a sheet's verification code against the records") },
  { "copy", xs_cli_copy, N_ ("Copy everything into an empty database, of either kind") },
  { "users", xs_cli_users, N_ ("Add and list the clerks' logins of a shared database") },
};

int
xs_cli_fail (GError *error)
{
  g_printerr ("xueshi-cli: %s\n", error->message);
  g_error_free (error);
  return XS_CLI_FAILED;
}

int
xs_cli_usage (GOptionContext *context, const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("xueshi-cli: %s\n", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("\n%s", help);
    }
  return XS_CLI_USAGE;
}

gboolean
xs_cli_parse (GOptionContext *context, int *argc, char ***argv, int *status)
{
  g_autoptr (GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = xs_cli_usage (NULL, "%s", error->message);
      return FALSE;
    }
  return TRUE;
}

XsStore *
xs_cli_open_store (const XsCliGlobals *globals, GError **error)
{
  g_autofree char *path =
      globals->db_path ? g_strdup (globals->db_path) : xs_store_dup_default_path ();

  return xs_store_open (path, error);
}

/* A key of the application's settings, or NULL when its schema is not installed (the CLI
 * must work on a machine that has only the CLI). */
char *
xs_cli_dup_setting (const char *key)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr (GSettingsSchema) schema = NULL;
  g_autoptr (GSettings) settings = NULL;
  g_autofree char *value = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, XS_APP_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, key))
    return NULL;
  settings = g_settings_new_full (schema, NULL, NULL);
  value = g_settings_get_string (settings, key);
  return *value != '\0' ? g_steal_pointer (&value) : NULL;
}

static char *
commands_summary (void)
{
  GString *s = g_string_new (_ ("Commands:"));

  g_string_append_c (s, '\n');
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (s, "  %-10s %s\n", commands[i].name, _ (commands[i].summary));
  g_string_append (s, _ ("\nRun “xueshi-cli COMMAND --help” for a command's options."));
  return g_string_free (s, FALSE);
}

int
main (int argc, char **argv)
{
  XsCliGlobals globals = { NULL };
  g_autofree char *db_path = NULL;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path,
      N_ ("Database file, or postgresql:// address of a shared one (default: the desktop "
          "application's file)"),
      N_ ("PATH|URI") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_ ("Print the version and exit"), NULL },
    { NULL },
  };
  g_autoptr (GOptionContext) context = NULL;
  g_autofree char *summary = NULL;
  int status = XS_CLI_OK;

  setlocale (LC_ALL, "");
  xs_core_init ();
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (_ ("COMMAND [ARGUMENTS…]"));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);
  summary = commands_summary ();
  g_option_context_set_description (context, summary);

  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (version)
    {
      g_print ("xueshi-cli %s\n", PACKAGE_VERSION);
      return XS_CLI_OK;
    }
  if (argc < 2)
    return xs_cli_usage (context, _ ("no command given"));

  globals.db_path = db_path;
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      return commands[i].run (&globals, argc - 1, argv + 1);

  return xs_cli_usage (context, _ ("unknown command “%s”"), argv[1]);
}
