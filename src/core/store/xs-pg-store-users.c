/* xs-pg-store-users.c — the clerks' logins of a shared database, and the units each sees.
 *
 * A login is a PostgreSQL role; what it may see is kept in xs_users and xs_user_units and
 * enforced by the row-level security of schema 3 (xs-pg-store.c), so psql as that login
 * sees no more than the application does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gi18n-lib.h>

#include "xs-pg-store-private.h"
#include "xs-pg-store.h"

void
xs_pg_login_free (XsPgLogin *login)
{
  if (login == NULL)
    return;
  g_free (login->login);
  g_free (login->role);
  g_strfreev (login->units);
  g_free (login);
}

/* Lower-case letters, digits and underscores, as psql users type them unquoted. */
static gboolean
login_name_is_valid (const char *login)
{
  if (login == NULL || *login == '\0' || strlen (login) > 63 || g_ascii_isdigit (*login))
    return FALSE;
  for (const char *c = login; *c != '\0'; c++)
    if (!(g_ascii_islower (*c) || g_ascii_isdigit (*c) || *c == '_'))
      return FALSE;
  return TRUE;
}

static gboolean
refuse (GError **error, XsStoreError code, const char *message)
{
  g_set_error_literal (error, XS_STORE_ERROR, code, message);
  return FALSE;
}

/* {"U1","U2"}: PostgreSQL's text form of an array, each element quoted. */
static char *
array_literal (const char *const *items)
{
  GString *text = g_string_new ("{");

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, '"');
      for (const char *c = items[i]; *c != '\0'; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (text, '\\');
          g_string_append_c (text, *c);
        }
      g_string_append_c (text, '"');
    }
  g_string_append_c (text, '}');
  return g_string_free (text, FALSE);
}

static gboolean
check_units (XsPgStore *self, const char *role, const char *const *units, GError **error)
{
  guint n = units ? g_strv_length ((char **)units) : 0;

  if (g_str_equal (role, "bureau") && n > 0)
    return refuse (error, XS_STORE_ERROR_FAILED,
                   _ ("A bureau login sees every unit: leave out --unit"));
  if (!g_str_equal (role, "bureau") && n == 0)
    return refuse (error, XS_STORE_ERROR_FAILED,
                   _ ("A clerk or supervisor login needs the units it works on: give --unit"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (XsUnit) unit = xs_store_get_unit (XS_STORE (self), units[i], NULL);

      if (unit == NULL)
        {
          g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_NOT_FOUND,
                       _ ("There is no unit %s in this database"), units[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * xs_pg_store_add_login:
 * @role: clerk (their units), supervisor (the units it supervises) or bureau (every unit)
 * @units: (nullable) (array zero-terminated=1): the units a clerk or supervisor sees
 *
 * Creates the login on the server and grants it this database, in one transaction: a
 * refusal leaves neither the role nor its grants. Needs the right to create roles.
 */
gboolean
xs_pg_store_add_login (XsPgStore *self, const char *login, const char *password, const char *role,
                       const char *const *units, GError **error)
{
  g_autoptr (PGresult) checked = NULL;
  g_autofree char *unit_list = NULL;
  XsPgParams p = { 0 };
  gboolean ok;

  g_return_val_if_fail (XS_IS_PG_STORE (self), FALSE);
  if (!login_name_is_valid (login))
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_FAILED,
                   _ ("“%s” cannot be a login: use lower-case letters, digits and “_”, not "
                      "starting with a digit, at most 63 characters"),
                   login ? login : "");
      return FALSE;
    }
  if (!(g_strcmp0 (role, "clerk") == 0 || g_strcmp0 (role, "supervisor") == 0 ||
        g_strcmp0 (role, "bureau") == 0))
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_FAILED,
                   _ ("“%s” is not a role: give clerk, supervisor or bureau"), role ? role : "");
      return FALSE;
    }
  if (password == NULL || *password == '\0')
    return refuse (error, XS_STORE_ERROR_FAILED, _ ("The login needs a password"));
  if (!check_units (self, role, units, error))
    return FALSE;

  xs_pg_text (&p, login);
  checked = xs_pg_run (self,
                       "SELECT (SELECT rolcreaterole OR rolsuper FROM pg_roles "
                       "WHERE rolname = current_user), "
                       "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
                       &p, _ ("adding a login"), error);
  if (checked == NULL)
    return FALSE;
  if (g_strcmp0 (xs_pg_get (checked, 0, 0), "t") != 0)
    return refuse (error, XS_STORE_ERROR_FAILED,
                   _ ("Only an administrator of the server (a role that may create roles) can "
                      "add logins"));
  if (g_strcmp0 (xs_pg_get (checked, 0, 1), "t") == 0)
    {
      g_set_error (error, XS_STORE_ERROR, XS_STORE_ERROR_CONFLICT,
                   _ ("The server already has a login named %s"), login);
      return FALSE;
    }

  unit_list = array_literal (units);
  p = (XsPgParams){ 0 };
  xs_pg_text (&p, login);
  xs_pg_text (&p, password);
  xs_pg_text (&p, role);
  xs_pg_text (&p, unit_list);
  if (!xs_store_begin (XS_STORE (self), error))
    return FALSE;
  ok = xs_pg_do (self, "SELECT xs_add_login ($1, $2, $3, $4::text[])", &p, _ ("adding a login"),
                 NULL, error);
  if (!ok)
    {
      xs_store_rollback (XS_STORE (self));
      return FALSE;
    }
  return xs_store_commit (XS_STORE (self), error);
}

static gboolean
collect_login (PGresult *result, int row, gpointer user_data)
{
  XsPgLogin *login = g_new0 (XsPgLogin, 1);
  const char *units = xs_pg_get (result, row, 2);

  login->login = xs_pg_dup (result, row, 0);
  login->role = xs_pg_dup (result, row, 1);
  login->units = units && *units ? g_strsplit (units, "\n", -1) : g_new0 (char *, 1);
  g_ptr_array_add (user_data, login);
  return TRUE;
}

/**
 * xs_pg_store_list_logins:
 *
 * Returns: (transfer full) (element-type XsPgLogin): the logins, by name
 */
GPtrArray *
xs_pg_store_list_logins (XsPgStore *self, GError **error)
{
  g_autoptr (GPtrArray) logins = g_ptr_array_new_with_free_func ((GDestroyNotify)xs_pg_login_free);

  g_return_val_if_fail (XS_IS_PG_STORE (self), NULL);
  if (!xs_pg_foreach_row (self,
                          "SELECT u.login, u.role, "
                          "coalesce (string_agg (uu.unit_id, E'\\n' ORDER BY uu.unit_id), '') "
                          "FROM xs_users u LEFT JOIN xs_user_units uu USING (login) "
                          "GROUP BY u.login, u.role ORDER BY u.login",
                          NULL, collect_login, logins, _ ("listing logins"), error))
    return NULL;
  return g_steal_pointer (&logins);
}

/* Whether row-level security hides nothing from this login: the owner, a superuser, a role
 * that bypasses it, or a bureau login. On a failed query, FALSE: claim less. */
gboolean
xs_pg_store_sees_everything (XsPgStore *self)
{
  g_autoptr (PGresult) result = NULL;

  g_return_val_if_fail (XS_IS_PG_STORE (self), FALSE);
  result = xs_pg_run (self,
                      "SELECT r.rolsuper OR r.rolbypassrls OR "
                      "pg_has_role (current_user, c.relowner, 'USAGE') OR xs_sees_all () "
                      "FROM pg_roles r, pg_class c "
                      "WHERE r.rolname = current_user AND c.oid = 'persons'::regclass",
                      NULL, _ ("reading the login's rights"), NULL);
  return result != NULL && PQntuples (result) == 1 &&
         g_strcmp0 (xs_pg_get (result, 0, 0), "t") == 0;
}
