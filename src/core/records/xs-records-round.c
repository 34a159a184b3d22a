/* xs-records-round.c — the verification round's decisions, through the one writer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-audit.h"
#include "xs-hours.h"
#include "xs-records-private.h"
#include "xs-records-round.h"
#include "xs-text-check.h"

#define MAX_ROUND_TEXT 2000 /* as an exchange file's long texts */

static gboolean
invalid (GError **error, int code, const char *message)
{
  g_set_error_literal (error, XS_RECORDS_ERROR, code, message);
  return FALSE;
}

static gboolean
check_text (const char *text, gboolean required, const char *what, GError **error)
{
  g_autofree char *message = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  if (*trimmed == '\0')
    {
      if (!required)
        return TRUE;
      message = g_strdup_printf (_ ("The %s is required"), what);
      return invalid (error, XS_RECORDS_ERROR_NEEDS_REASON, message);
    }
  if (!xs_text_is_single_line (text))
    {
      message = g_strdup_printf (
          _ ("The %s may not contain line breaks, tabs or other control characters"), what);
      return invalid (error, XS_RECORDS_ERROR_INVALID, message);
    }
  if (g_utf8_strlen (text, -1) > MAX_ROUND_TEXT)
    {
      message = g_strdup_printf (_ ("The %s is longer than %d characters"), what, MAX_ROUND_TEXT);
      return invalid (error, XS_RECORDS_ERROR_INVALID, message);
    }
  return TRUE;
}

static XsRound *
load_round (XsStore *store, XsRules *rules, const XsPerson *person, GError **error)
{
  g_autoptr (XsUnit) unit = xs_store_get_unit (store, person->unit_id, error);
  g_autoptr (GPtrArray) events = NULL;

  if (unit == NULL)
    return NULL;
  events = xs_store_list_round_events (store, person->id, xs_rules_get_year (rules), error);
  if (events == NULL)
    return NULL;
  return xs_round_new (rules, unit->category, person->id, events);
}

/**
 * xs_records_get_round:
 *
 * Returns: (transfer full): where the person's round of the rules' year stands
 */
XsRound *
xs_records_get_round (XsStore *store, XsRules *rules, const char *person_id, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (XsPerson) person = xs_store_get_person (store, person_id, &local_error);

  if (person == NULL)
    {
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NOT_FOUND, "%s", local_error->message);
      return NULL;
    }
  return load_round (store, rules, person, error);
}

static gboolean
add_event (XsStore *store, const XsRoundEvent *event, const char *action, GError **error)
{
  g_autofree char *text =
      g_strdup_printf ("year=%u;stage=%s;%s%s%s%s", event->year, event->stage,
                       event->opinion ? "opinion=" : "", event->opinion ? event->opinion : "",
                       event->override ? ";override=" : "", event->override ? event->override : "");

  return xs_store_add_round_event (store, event, error) &&
         xs_audit_record (store, event->reviewer, action, event->person_id, event->stage, NULL,
                          text, error);
}

/* Reads the round inside a write transaction, so two clerks cannot both pass one stage. */
static XsRound *
begin_decision (XsStore *store, XsRules *rules, const char *person_id, XsPerson **out_person,
                GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (XsPerson) person = NULL;
  XsRound *round;

  if (!xs_store_begin (store, error))
    return NULL;
  person = xs_store_get_person (store, person_id, &local_error);
  if (person == NULL)
    {
      xs_store_rollback (store);
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NOT_FOUND, "%s", local_error->message);
      return NULL;
    }
  round = load_round (store, rules, person, error);
  if (round == NULL)
    {
      xs_store_rollback (store);
      return NULL;
    }
  if (xs_round_is_filed (round))
    {
      xs_store_rollback (store);
      g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_INVALID,
                   _ ("The %u round of %s (%s) is filed already"), round->year, person->name,
                   person->id);
      xs_round_free (round);
      return NULL;
    }
  if (out_person != NULL)
    *out_person = g_steal_pointer (&person);
  return round;
}

static gboolean
end_decision (XsStore *store, gboolean ok, GError **error)
{
  if (ok && xs_store_commit (store, error))
    return TRUE;
  xs_store_rollback (store);
  return FALSE;
}

/**
 * xs_records_round_pass:
 * @opinion: (nullable): printed in the stage's box on the sheet
 * @override: (nullable): needed to pass the first stage when the confirmed span fails
 *
 * Passes the round's current stage; passing the last one files it.
 */
gboolean
xs_records_round_pass (XsStore *store, XsRules *rules, const char *person_id, const char *reviewer,
                       const char *opinion, const char *override, GError **error)
{
  g_autoptr (XsRound) round = NULL;
  g_autoptr (XsPerson) person = NULL;
  g_autofree char *date = xs_records_today_iso ();
  XsRoundEvent event = { 0 };

  if (!check_text (reviewer, FALSE, _ ("reviewer's name"), error) ||
      !check_text (opinion, FALSE, _ ("opinion"), error) ||
      !check_text (override, FALSE, _ ("override reason"), error))
    return FALSE;
  if (reviewer == NULL || *reviewer == '\0')
    return invalid (error, XS_RECORDS_ERROR_NO_REVIEWER, _ ("A review needs the reviewer's name"));

  round = begin_decision (store, rules, person_id, &person, error);
  if (round == NULL)
    return FALSE;

  if (round->current == 0 && (override == NULL || *override == '\0'))
    {
      g_autoptr (GPtrArray) activities = xs_store_list_activities (store, person_id, error);
      g_autoptr (XsHoursReport) report = NULL;

      if (activities == NULL)
        return end_decision (store, FALSE, NULL);
      report = xs_hours_report_new (rules, person, activities);
      if (!report->passed)
        {
          g_set_error (error, XS_RECORDS_ERROR, XS_RECORDS_ERROR_NEEDS_REASON,
                       _ ("%s (%s) does not pass the span %u–%u on confirmed hours; passing "
                          "“%s” anyway needs an override reason"),
                       person->name, person->id, report->span_from, report->span_to,
                       round->stages[0].name);
          return end_decision (store, FALSE, NULL);
        }
    }

  event.person_id = (char *)person_id;
  event.year = round->year;
  event.stage = (char *)round->stages[round->current].id;
  event.decision = "passed";
  event.reviewer = (char *)reviewer;
  event.date = date;
  event.opinion = opinion && *opinion ? (char *)opinion : NULL;
  event.override = round->current == 0 && override && *override ? (char *) override : NULL;
  return end_decision (store, add_event (store, &event, "round-pass", error), error);
}

/**
 * xs_records_round_return:
 * @reason: why; the round goes back to its first stage
 */
gboolean
xs_records_round_return (XsStore *store, XsRules *rules, const char *person_id, const char *reason,
                         const char *reviewer, GError **error)
{
  g_autoptr (XsRound) round = NULL;
  g_autofree char *date = xs_records_today_iso ();
  XsRoundEvent event = { 0 };

  if (!check_text (reviewer, FALSE, _ ("reviewer's name"), error) ||
      !check_text (reason, TRUE, _ ("reason"), error))
    return FALSE;
  if (reviewer == NULL || *reviewer == '\0')
    return invalid (error, XS_RECORDS_ERROR_NO_REVIEWER, _ ("A review needs the reviewer's name"));

  round = begin_decision (store, rules, person_id, NULL, error);
  if (round == NULL)
    return FALSE;
  event.person_id = (char *)person_id;
  event.year = round->year;
  event.stage = (char *)round->stages[round->current].id;
  event.decision = "returned";
  event.reviewer = (char *)reviewer;
  event.date = date;
  event.opinion = (char *)reason;
  return end_decision (store, add_event (store, &event, "round-return", error), error);
}

gboolean
xs_records_reopen_round (XsStore *store, XsRules *rules, const char *person_id,
                         const char *activity_id, const char *actor, GError **error)
{
  g_autoptr (XsPerson) person = xs_store_get_person (store, person_id, NULL);
  g_autoptr (XsRound) round = NULL;
  g_autofree char *date = xs_records_today_iso ();
  g_autofree char *why = NULL;
  XsRoundEvent event = { 0 };

  if (person == NULL)
    return TRUE;
  round = load_round (store, rules, person, error);
  if (round == NULL)
    return FALSE;
  if (!xs_round_has_passes (round))
    return TRUE;
  why = g_strdup_printf ("activity=%s", activity_id);
  event.person_id = (char *)person_id;
  event.year = round->year;
  event.stage = (char *)(round->n_stages > 0 ? round->stages[0].id : "none");
  event.decision = "reopened";
  event.reviewer = (char *)(actor ? actor : "");
  event.date = date;
  event.opinion = why;
  return add_event (store, &event, "round-reopen", error);
}

/**
 * xs_records_round_would_reopen:
 *
 * Whether changing an approved activity of the person now would reopen their round: the
 * application warns before it does.
 */
gboolean
xs_records_round_would_reopen (XsStore *store, XsRules *rules, const char *person_id)
{
  g_autoptr (XsRound) round = xs_records_get_round (store, rules, person_id, NULL);

  return round != NULL && xs_round_has_passes (round);
}

static gboolean
same_event (const XsRoundEvent *a, const XsRoundEvent *b)
{
  return g_strcmp0 (a->stage, b->stage) == 0 && g_strcmp0 (a->decision, b->decision) == 0 &&
         g_strcmp0 (a->reviewer, b->reviewer) == 0 && g_strcmp0 (a->date, b->date) == 0 &&
         g_strcmp0 (a->opinion, b->opinion) == 0 && g_strcmp0 (a->override, b->override) == 0;
}

/* Whether @shorter's decisions are the first ones of @longer. */
static gboolean
is_prefix (GPtrArray *shorter, GPtrArray *longer)
{
  if (shorter->len > longer->len)
    return FALSE;
  for (guint i = 0; i < shorter->len; i++)
    if (!same_event (g_ptr_array_index (shorter, i), g_ptr_array_index (longer, i)))
      return FALSE;
  return TRUE;
}

/**
 * xs_records_merge_round:
 * @incoming: (element-type XsRoundEvent): a file's decisions of @person_id's @year round
 * @out_conflict: (out): set when both sides decided differently: nothing is changed then
 *
 * Inside the caller's transaction (an import): the decisions the database lacks are added
 * after its own when the file continues them (the supervisor passed the next stage); a file
 * that lags behind changes nothing, so a later stage is never overwritten by an earlier one.
 * Each added decision is audited as round-import.
 */
gboolean
xs_records_merge_round (XsStore *store, const char *person_id, guint year, GPtrArray *incoming,
                        const char *actor, const char *source, gboolean *out_conflict,
                        GError **error)
{
  g_autoptr (GPtrArray) local = xs_store_list_round_events (store, person_id, year, error);

  *out_conflict = FALSE;
  if (local == NULL)
    return FALSE;
  if (is_prefix (incoming, local))
    return TRUE;
  if (!is_prefix (local, incoming))
    {
      *out_conflict = TRUE;
      return TRUE;
    }
  for (guint i = local->len; i < incoming->len; i++)
    {
      XsRoundEvent e = *(XsRoundEvent *)g_ptr_array_index (incoming, i);
      g_autofree char *text =
          g_strdup_printf ("year=%u;stage=%s;decision=%s;reviewer=%s;date=%s;from=%s", year,
                           e.stage, e.decision, e.reviewer, e.date, source);

      e.person_id = (char *)person_id;
      e.year = year;
      if (!xs_store_add_round_event (store, &e, error) ||
          !xs_audit_record (store, actor, "round-import", person_id, e.stage, NULL, text, error))
        return FALSE;
    }
  return TRUE;
}
