/* xs-cli-evidence.c — `xueshi-cli evidence add|list|remove|tag|read …`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <unistd.h>

#include "xs-cli-private.h"

static int
list_evidence (XsStore *store, XsRules *rules, const char *activity_id)
{
  g_autoptr (XsActivity) activity = NULL;
  g_autoptr (XsEvidenceCheck) check = NULL;
  GError *error = NULL;

  activity = xs_store_get_activity (store, activity_id, &error);
  if (activity == NULL)
    return xs_cli_fail (error);

  for (guint i = 0; i < activity->evidence->len; i++)
    {
      const XsEvidence *e = g_ptr_array_index (activity->evidence, i);
      const char *name = xs_rules_get_material_name (rules, e->material);

      g_print ("%s\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\n", e->sha256, e->material, name ? name : "",
               e->file_name ? e->file_name : "", e->size);
    }
  check = xs_evidence_check_activity (rules, activity);
  if (check->satisfied)
    g_print (_ ("Evidence complete.\n"));
  else
    for (guint i = 0; i < check->missing->len; i++)
      g_print (_ ("missing\t%s\n"), (char *)g_ptr_array_index (check->missing, i));
  return XS_CLI_OK;
}

/* After an attach: the file's text read and kept; the file is attached whatever happens. */
void
xs_cli_read_attached (XsStore *store, XsRules *rules, const char *activity_id, const char *sha256)
{
  g_autoptr (XsActivity) activity = xs_store_get_activity (store, activity_id, NULL);
  g_autoptr (XsOcrFields) fields = NULL;
  g_autoptr (GError) error = NULL;

  fields = xs_records_read_evidence (store, rules, sha256, activity ? activity->organizer : NULL,
                                     NULL, NULL, &error);
  if (fields == NULL)
    g_printerr (_ ("warning: the text of the file could not be read: %s\n"), error->message);
}

static int
read_evidence (XsRules *rules, const char *path, char **organizers, gboolean json)
{
  g_autoptr (XsOcrText) text = NULL;
  g_autoptr (XsOcrFields) fields = NULL;
  g_autoptr (GPtrArray) names =
      xs_evidence_known_organizers (rules, (const char *const *)organizers);
  GError *error = NULL;

  text = xs_ocr_read_file (path, NULL, &error);
  if (text == NULL)
    return xs_cli_fail (error);
  fields = xs_ocr_fields_extract (text, (const char *const *)names->pdata);
  if (json)
    {
      g_autoptr (JsonNode) node = xs_json_ocr_read (fields, text);
      g_autofree char *out = xs_json_to_string (node, TRUE);

      g_print ("%s\n", out);
      return XS_CLI_OK;
    }
  g_print ("kind\t%s\t%.2f\n", fields->kind ? fields->kind : "", fields->kind_confidence);
  for (guint f = 0; f < XS_OCR_N_FIELDS; f++)
    if (fields->values[f] != NULL)
      g_print ("%s\t%s\t%.2f\n", xs_ocr_field_get_key (f), fields->values[f],
               fields->confidence[f]);
  return XS_CLI_OK;
}

static int
check_evidence (XsStore *store, XsRules *rules, const char *activity_id, gboolean json)
{
  g_autoptr (GPtrArray) problems = NULL;
  GError *error = NULL;

  problems = xs_records_check_evidence (store, rules, activity_id, NULL, &error);
  if (problems == NULL)
    return xs_cli_fail (error);
  if (json)
    {
      g_autoptr (JsonBuilder) b = json_builder_new ();
      g_autoptr (JsonNode) root = NULL;
      g_autofree char *out = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "problems");
      json_builder_begin_array (b);
      for (guint i = 0; i < problems->len; i++)
        {
          const XsEvidenceProblem *p = g_ptr_array_index (problems, i);

          json_builder_begin_object (b);
          json_builder_set_member_name (b, "kind");
          json_builder_add_string_value (b, p->kind);
          json_builder_set_member_name (b, "evidence");
          json_builder_add_string_value (b, p->sha256);
          json_builder_set_member_name (b, "found");
          json_builder_add_string_value (b, p->found);
          json_builder_set_member_name (b, "expected");
          json_builder_add_string_value (b, p->expected);
          json_builder_set_member_name (b, "explained");
          if (p->explained != NULL)
            json_builder_add_string_value (b, p->explained);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      out = xs_json_to_string (root, TRUE);
      g_print ("%s\n", out);
      return XS_CLI_OK;
    }
  if (problems->len == 0)
    g_print (_ ("No problems found in the evidence of %s.\n"), activity_id);
  for (guint i = 0; i < problems->len; i++)
    {
      const XsEvidenceProblem *p = g_ptr_array_index (problems, i);

      g_print ("%s\t%s\t%s\t%s\t%s\n", p->kind, p->sha256, p->found, p->expected,
               p->explained != NULL ? p->explained : "");
    }
  return XS_CLI_OK;
}

static void
show_reading (guint done, guint total, gpointer user_data)
{
  /* On a terminal, one line rewritten; in a log, a line every hundred files. */
  if (isatty (STDERR_FILENO))
    {
      g_printerr ("\r");
      g_printerr (_ ("Reading scans: %u of %u"), done, total);
    }
  else if (done % 100 == 0 || done == total)
    {
      g_printerr (_ ("Reading scans: %u of %u"), done, total);
      g_printerr ("\n");
    }
}

/* Every stored file not read yet, read and kept: the search and the duplicate checks then
 * know them all. */
static int
read_all_evidence (XsStore *store, XsRules *rules, int limit)
{
  g_autoptr (GHashTable) failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter iter;
  gpointer sha256, message;
  GError *error = NULL;
  guint read = 0;

  if (limit < 0)
    return xs_cli_fail (
        g_error_new (G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, _ ("--limit must be 0 or more")));
  if (!xs_records_read_unread_evidence (store, rules, (guint)limit, failed, show_reading, NULL,
                                        NULL, &read, &error))
    return xs_cli_fail (error);
  if (read > 0 && isatty (STDERR_FILENO))
    g_printerr ("\n");
  g_hash_table_iter_init (&iter, failed);
  while (g_hash_table_iter_next (&iter, &sha256, &message))
    g_printerr (_ ("%s: could not be read: %s\n"), (char *)sha256, (char *)message);
  g_print (ngettext ("%u file read", "%u files read", read), read);
  g_print (
      ngettext (", %u could not be read\n", ", %u could not be read\n", g_hash_table_size (failed)),
      g_hash_table_size (failed));
  return g_hash_table_size (failed) == 0 ? XS_CLI_OK : XS_CLI_FAILED;
}

int
xs_cli_evidence (const XsCliGlobals *globals, int argc, char **argv)
{
  g_autofree char *actor = NULL;
  g_auto (GStrv) organizers = NULL;
  g_autofree char *reason = NULL;
  gboolean json = FALSE, read_now = FALSE;
  int limit = 0;
  const GOptionEntry entries[] = {
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit,
      N_ ("read-all: read at most this many files (0: all)"), N_ ("N") },
    { "read", 0, 0, G_OPTION_ARG_NONE, &read_now,
      N_ ("add: read the file's text now, for the cross-checks of other activities"), NULL },
    { "actor", 0, 0, G_OPTION_ARG_STRING, &actor, N_ ("Who makes the change (default: you)"),
      N_ ("NAME") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_ ("read: print JSON (interfaces.md)"), NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_ ("explain: why the problem is not one"),
      N_ ("TEXT") },
    { "organizer", 0, 0, G_OPTION_ARG_STRING_ARRAY, &organizers,
      N_ ("read: an organiser to recognise, besides the national bases (repeatable)"),
      N_ ("NAME") },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (
      _ ("add ACTIVITY-ID MATERIAL FILE | list ACTIVITY-ID | remove ACTIVITY-ID SHA256 MATERIAL | "
         "tag ACTIVITY-ID SHA256 OLD-MATERIAL NEW-MATERIAL | read FILE | read-all | "
         "check ACTIVITY-ID | explain ACTIVITY-ID KIND SHA256 --reason TEXT"));
  g_autoptr (XsRules) rules = NULL;
  g_autoptr (XsStore) store = NULL;
  GError *error = NULL;
  int status = XS_CLI_OK;
  const char *verb;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc < 3 && !(argc == 2 && g_str_equal (argv[1], "read-all")))
    return xs_cli_usage (context, _ ("evidence needs a verb and an activity id"));
  verb = argv[1];
  if (g_str_equal (verb, "read") && argc == 3)
    {
      /* A file on this computer: no database is opened. */
      rules = xs_rules_get_default (&error);
      if (rules == NULL)
        return xs_cli_fail (error);
      return read_evidence (rules, argv[2], organizers, json);
    }
  if (!(g_str_equal (verb, "read-all") && argc == 2) &&
      !(g_str_equal (verb, "list") && argc == 3) && !(g_str_equal (verb, "check") && argc == 3) &&
      !(g_str_equal (verb, "explain") && argc == 5) && !(g_str_equal (verb, "add") && argc == 5) &&
      !(g_str_equal (verb, "remove") && argc == 5) && !(g_str_equal (verb, "tag") && argc == 6))
    return xs_cli_usage (context, _ ("wrong arguments for “evidence %s”"), verb);
  if (actor == NULL)
    actor = g_strdup (g_get_user_name ());

  rules = xs_rules_get_default (&error);
  if (rules == NULL)
    return xs_cli_fail (error);
  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);

  if (g_str_equal (verb, "read-all"))
    return read_all_evidence (store, rules, limit);
  if (g_str_equal (verb, "list"))
    return list_evidence (store, rules, argv[2]);
  if (g_str_equal (verb, "check"))
    return check_evidence (store, rules, argv[2], json);
  if (g_str_equal (verb, "explain"))
    {
      if (!xs_records_explain_problem (store, argv[2], argv[3], argv[4], reason, actor, &error))
        return xs_cli_fail (error);
      return XS_CLI_OK;
    }

  if (g_str_equal (verb, "add"))
    {
      g_autofree char *sha256 = NULL;

      if (!xs_records_attach_evidence (store, rules, argv[2], argv[4], argv[3], actor, &sha256,
                                       &error))
        return xs_cli_fail (error);
      g_print ("%s\n", sha256);
      if (read_now)
        xs_cli_read_attached (store, rules, argv[2], sha256);
    }
  else if (g_str_equal (verb, "remove"))
    {
      if (!xs_records_detach_evidence (store, argv[2], argv[3], argv[4], actor, &error))
        return xs_cli_fail (error);
    }
  else if (!xs_records_retag_evidence (store, rules, argv[2], argv[3], argv[4], argv[5], actor,
                                       &error))
    return xs_cli_fail (error);
  return XS_CLI_OK;
}
