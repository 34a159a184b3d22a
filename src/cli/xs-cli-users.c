/* xs-cli-users.c — `xueshi-cli users add LOGIN --role clerk|supervisor|bureau [--unit ID]…`
 * and `users list`: the clerks' logins of a shared (PostgreSQL) database.
 *
 * The password comes on standard input, never on the command line (which other users of the
 * machine can read in the process list).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

/* The first line of standard input, without its line end; NULL when there is none. */
static char *
read_password (void)
{
  char line[1024];
  size_t len;

  if (fgets (line, sizeof line, stdin) == NULL)
    return NULL;
  len = strcspn (line, "\r\n");
  line[len] = '\0';
  return len > 0 ? g_strdup (line) : NULL;
}

static int
list_logins (XsPgStore *store)
{
  g_autoptr (GPtrArray) logins = NULL;
  GError *error = NULL;

  logins = xs_pg_store_list_logins (store, &error);
  if (logins == NULL)
    return xs_cli_fail (error);
  for (guint i = 0; i < logins->len; i++)
    {
      const XsPgLogin *login = g_ptr_array_index (logins, i);
      g_autofree char *units = g_strjoinv (",", login->units);

      g_print ("%s\t%s\t%s\n", login->login, login->role, units);
    }
  return XS_CLI_OK;
}

int
xs_cli_users (const XsCliGlobals *globals, int argc, char **argv)
{
  g_autofree char *role = NULL;
  g_auto (GStrv) units = NULL;
  const GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_ ("clerk (their units), supervisor (the units it supervises) or bureau (all)"),
      N_ ("ROLE") },
    { "unit", 0, 0, G_OPTION_ARG_STRING_ARRAY, &units, N_ ("A unit the login sees (repeat)"),
      N_ ("ID") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (
      _ ("add LOGIN --role clerk|supervisor|bureau [--unit ID]… | list — the logins of a shared "
         "database"));
  g_autoptr (XsStore) store = NULL;
  g_autofree char *password = NULL;
  GError *error = NULL;
  int status = XS_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_description (
      context, _ ("add reads the new login's password from standard input. The login sees "
                  "only its units' persons, activities, evidence and reviews, in Xueshi and in "
                  "psql alike; the bureau sees all. Run as the database's owner."));
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (!((argc == 3 && g_str_equal (argv[1], "add")) ||
        (argc == 2 && g_str_equal (argv[1], "list"))))
    return xs_cli_usage (context, _ ("users takes add LOGIN or list"));
  if (g_str_equal (argv[1], "add") && role == NULL)
    return xs_cli_usage (context, _ ("users add needs --role"));

  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);
  if (!XS_IS_PG_STORE (store))
    {
      g_printerr ("%s\n", _ ("Logins belong to a shared database: give --db postgresql://…"));
      return XS_CLI_FAILED;
    }
  if (g_str_equal (argv[1], "list"))
    return list_logins (XS_PG_STORE (store));

  password = read_password ();
  if (password == NULL)
    {
      g_printerr ("%s\n", _ ("Give the new login's password on standard input"));
      return XS_CLI_FAILED;
    }
  if (!xs_pg_store_add_login (XS_PG_STORE (store), argv[2], password, role,
                              (const char *const *)units, &error))
    return xs_cli_fail (error);
  g_print (_ ("Added the login %s (%s)\n"), argv[2], role);
  return XS_CLI_OK;
}
