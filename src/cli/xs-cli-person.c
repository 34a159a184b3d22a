/* xs-cli-person.c — `xueshi-cli person add|edit|remove ID …`: a person's own fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

typedef struct
{
  char *name;
  char *gender;
  char *id_number;
  char *unit;
  char *current_title;
  char *applying_title;
  char *specialty;
  int span_from;
  int span_to;
  gboolean no_span;
  char *actor;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->name);
  g_free (o->gender);
  g_free (o->id_number);
  g_free (o->unit);
  g_free (o->current_title);
  g_free (o->applying_title);
  g_free (o->specialty);
  g_free (o->actor);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

/* 男/女 as the forms write it, or the exchange file's male/female. */
static const char *
parse_gender (const char *text)
{
  if (g_str_equal (text, "男") || g_ascii_strcasecmp (text, "male") == 0)
    return "male";
  if (g_str_equal (text, "女") || g_ascii_strcasecmp (text, "female") == 0)
    return "female";
  return NULL;
}

static void
replace (char **field, const char *value)
{
  if (value == NULL)
    return;
  g_free (*field);
  *field = *value ? g_strdup (value) : NULL; /* "" clears an optional field */
}

/* Applies the options given to @p. */
static gboolean
apply (const Options *o, XsPerson *p, GError **error)
{
  replace (&p->name, o->name);
  replace (&p->id_number, o->id_number);
  replace (&p->unit_id, o->unit);
  replace (&p->current_title, o->current_title);
  replace (&p->applying_title, o->applying_title);
  replace (&p->specialty, o->specialty);
  if (o->gender != NULL)
    {
      const char *gender = parse_gender (o->gender);

      if (gender == NULL)
        {
          g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID,
                       _ ("“%s” is not a gender; write 男 or 女 (male or female)"), o->gender);
          return FALSE;
        }
      replace (&p->gender, gender);
    }
  if (o->no_span)
    p->span_from = p->span_to = 0;
  if (o->span_from != 0)
    p->span_from = (guint)MAX (o->span_from, 0);
  if (o->span_to != 0)
    p->span_to = (guint)MAX (o->span_to, 0);
  return TRUE;
}

int
xs_cli_person (const XsCliGlobals *globals, int argc, char **argv)
{
  g_auto (Options) o = { 0 };
  const GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &o.name, N_ ("The person’s name"), N_ ("NAME") },
    { "gender", 0, 0, G_OPTION_ARG_STRING, &o.gender, N_ ("男 or 女"), N_ ("GENDER") },
    { "id-number", 0, 0, G_OPTION_ARG_STRING, &o.id_number, N_ ("Resident ID number"),
      N_ ("NUMBER") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &o.unit, N_ ("Unit id (a move keeps the history)"),
      N_ ("UNIT") },
    { "current-title", 0, 0, G_OPTION_ARG_STRING, &o.current_title, N_ ("Current title"),
      N_ ("TITLE") },
    { "applying-title", 0, 0, G_OPTION_ARG_STRING, &o.applying_title, N_ ("Title applied for"),
      N_ ("TITLE") },
    { "specialty", 0, 0, G_OPTION_ARG_STRING, &o.specialty, N_ ("Specialty"), N_ ("TEXT") },
    { "span-from", 0, 0, G_OPTION_ARG_INT, &o.span_from, N_ ("First year of the person’s own span"),
      N_ ("YEAR") },
    { "span-to", 0, 0, G_OPTION_ARG_INT, &o.span_to, N_ ("Last year of the person’s own span"),
      N_ ("YEAR") },
    { "no-span", 0, 0, G_OPTION_ARG_NONE, &o.no_span, N_ ("Use the rule file’s span again (edit)"),
      NULL },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &o.actor, N_ ("Who makes the change (default: you)"),
      N_ ("NAME") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (
      _ ("add ID --name NAME --gender 男|女 --id-number NUMBER --unit UNIT [OPTION…] | edit ID "
         "--FIELD VALUE… | remove ID — a person’s own fields"));
  g_autoptr (XsStore) store = NULL;
  g_autoptr (XsPerson) person = NULL;
  GError *error = NULL;
  int status = XS_CLI_OK;
  const char *verb;
  const char *id;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 3 || !(g_str_equal (argv[1], "add") || g_str_equal (argv[1], "edit") ||
                     g_str_equal (argv[1], "remove")))
    return xs_cli_usage (context, _ ("person takes add, edit or remove and a person id"));
  verb = argv[1];
  id = argv[2];
  if (o.span_from < 0 || o.span_to < 0)
    return xs_cli_usage (context, _ ("a year is a positive number"));
  if (o.actor == NULL)
    o.actor = g_strdup (g_get_user_name ());

  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);

  if (g_str_equal (verb, "remove"))
    {
      g_autoptr (XsPerson) old = xs_store_get_person (store, id, NULL);

      if (!xs_records_remove_person (store, id, o.actor, &error))
        return xs_cli_fail (error);
      g_print (_ ("Removed %s (%s) with their activities.\n"), id, old->name);
      return XS_CLI_OK;
    }

  if (g_str_equal (verb, "add"))
    {
      person = xs_person_new ();
      person->id = g_strdup (id);
      if (!apply (&o, person, &error) || !xs_records_add_person (store, person, o.actor, &error))
        return xs_cli_fail (error);
      g_print (_ ("Added %s (%s).\n"), id, person->name);
      return XS_CLI_OK;
    }

  {
    gboolean changed = FALSE;

    person = xs_store_get_person (store, id, &error);
    if (person == NULL)
      return xs_cli_fail (error);
    if (!apply (&o, person, &error) ||
        !xs_records_edit_person (store, person, o.actor, &changed, &error))
      return xs_cli_fail (error);
    g_print (changed ? _ ("Changed %s (%s).\n") : _ ("%s (%s) is unchanged.\n"), id, person->name);
  }
  return XS_CLI_OK;
}
