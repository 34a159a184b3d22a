/* xs-cli-review.c — `xueshi-cli review ACTIVITY-ID --approve/--reject REASON [--reviewer NAME]`.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-cli-private.h"

int
xs_cli_review (const XsCliGlobals *globals, int argc, char **argv)
{
  gboolean approve = FALSE;
  gboolean resubmit = FALSE;
  g_autofree char *reject = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *override = NULL;
  g_autofree char *reviewer = NULL;
  const GOptionEntry entries[] = {
    { "approve", 0, 0, G_OPTION_ARG_NONE, &approve, N_ ("Approve the activity"), NULL },
    { "reject", 0, 0, G_OPTION_ARG_STRING, &reject, N_ ("Reject it, giving the reason"),
      N_ ("REASON") },
    { "resubmit", 0, 0, G_OPTION_ARG_NONE, &resubmit, N_ ("Send it back to pending review"), NULL },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_ ("A note with the decision"), N_ ("TEXT") },
    { "override", 0, 0, G_OPTION_ARG_STRING, &override,
      N_ ("Approve although evidence is missing, giving why"), N_ ("REASON") },
    { "reviewer", 0, 0, G_OPTION_ARG_STRING, &reviewer,
      N_ ("Reviewer's name (default: from the preferences)"), N_ ("NAME") },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new (_ ("ACTIVITY-ID — record a review decision"));
  g_autoptr (XsRules) rules = NULL;
  g_autoptr (XsStore) store = NULL;
  GError *error = NULL;
  int status = XS_CLI_OK;
  XsStatus decision;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!xs_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return xs_cli_usage (context, _ ("review takes one activity id"));
  if (approve + (reject != NULL) + resubmit != 1)
    return xs_cli_usage (context, _ ("give exactly one of --approve, --reject REASON, --resubmit"));

  decision = approve ? XS_STATUS_APPROVED : reject ? XS_STATUS_REJECTED : XS_STATUS_PENDING;
  if (reviewer == NULL)
    reviewer = xs_cli_dup_setting ("reviewer-name");

  rules = xs_rules_get_default (&error);
  if (rules == NULL)
    return xs_cli_fail (error);
  store = xs_cli_open_store (globals, &error);
  if (store == NULL)
    return xs_cli_fail (error);

  if (!xs_records_review (store, rules, argv[1], decision, reject ? reject : reason, override,
                          reviewer, &error))
    {
      if (g_error_matches (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NO_REVIEWER))
        g_prefix_error (&error, _ ("Pass --reviewer NAME: "));
      return xs_cli_fail (error);
    }

  g_print (_ ("%s: %s by %s\n"), argv[1], xs_status_to_string (decision), reviewer);
  return XS_CLI_OK;
}
