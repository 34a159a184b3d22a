/* xs-unit-overview.c — the unit at a glance: counts, compliance per year, what awaits review.
 *
 * Everything here is read from the XsPersonIndex the sidebar uses, so it costs no query.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-compliance-chart.h"
#include "xs-person-list.h"
#include "xs-person-row.h"
#include "xs-unit-overview.h"

struct _XsUnitOverview
{
  GtkWidget parent_instance;

  XsPersonIndex *index;
  XsPersonList *awaiting;
  gboolean folded;

  AdwWindowTitle *window_title;
  GtkLabel *persons_label;
  GtkLabel *passed_label;
  GtkLabel *awaiting_label;
  GtkLabel *pending_label;
  XsComplianceChart *chart;
  GtkStack *awaiting_stack;
  GtkNoSelection *awaiting_selection;
  GtkListView *awaiting_view;
  GtkLabel *window_label;
  GtkLabel *stages_label;
  GtkListBox *not_submitted_list;
  GtkListBox *short_list;
};

/* At most this many not-submitted persons are listed; the rest are counted. */
#define MAX_NOT_SUBMITTED_ROWS 50

G_DEFINE_FINAL_TYPE (XsUnitOverview, xs_unit_overview, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_number (GtkLabel *label, guint n)
{
  g_autofree char *text = g_strdup_printf ("%u", n);

  gtk_label_set_label (label, text);
}

/* "Verification 5月25日–7月25日: 12 days left", from the rule file's window. */
static char *
describe_window (XsRules *rules)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDate) today = g_date_new_dmy ((GDateDay)g_date_time_get_day_of_month (now),
                                            (GDateMonth)g_date_time_get_month (now),
                                            (GDateYear)g_date_time_get_year (now));
  guint sm, sd, em, ed, days = 0;

  xs_rules_get_window (rules, &sm, &sd, &em, &ed);
  switch (xs_rules_window_days (rules, today, &days))
    {
    case XS_WINDOW_BEFORE:
      return g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE,
                       "Online verification %u-%02u-%02u to %02u-%02u opens in %u day",
                       "Online verification %u-%02u-%02u to %02u-%02u opens in %u days", days),
          xs_rules_get_year (rules), sm, sd, em, ed, days);
    case XS_WINDOW_OPEN:
      return g_strdup_printf (
          g_dngettext (
              GETTEXT_PACKAGE,
              "Online verification %u-%02u-%02u to %02u-%02u: %u day left, today included",
              "Online verification %u-%02u-%02u to %02u-%02u: %u days left, today included", days),
          xs_rules_get_year (rules), sm, sd, em, ed, days);
    case XS_WINDOW_CLOSED:
    default:
      return g_strdup_printf (_ ("Online verification %u-%02u-%02u to %02u-%02u has closed"),
                              xs_rules_get_year (rules), sm, sd, em, ed);
    }
}

static const char *const categories[] = { "provincial", "municipal", "other", "central" };

/* The printed name of a stage id, from whichever chain has it. */
static const char *
stage_name (XsRules *rules, const char *id)
{
  for (guint c = 0; c < G_N_ELEMENTS (categories); c++)
    {
      const XsChain *chain = xs_rules_get_chain (rules, categories[c]);

      for (guint i = 0; chain != NULL && chain->roles && chain->roles[i]; i++)
        if (g_str_equal (chain->roles[i], id))
          return chain->steps[i];
    }
  return id;
}

static void
update_round (XsUnitOverview *self, const XsIndexStats *stats)
{
  XsRules *rules = xs_session_get_rules (xs_person_index_get_session (self->index));
  g_autofree char *window = describe_window (rules);
  g_autoptr (GString) stages = g_string_new (NULL);
  g_autoptr (GHashTable) shown = g_hash_table_new (g_str_hash, g_str_equal);
  GtkWidget *child;
  guint listed = 0, more = 0;

  gtk_label_set_label (self->window_label, window);
  /* In the chains' order (a provincial unit's first), filed last. */
  for (guint c = 0; c <= G_N_ELEMENTS (categories); c++)
    {
      const XsChain *chain =
          c < G_N_ELEMENTS (categories) ? xs_rules_get_chain (rules, categories[c]) : NULL;
      const char *const filed[] = { XS_ROUND_FILED, NULL };
      const char *const *roles = c < G_N_ELEMENTS (categories)
                                     ? (chain ? (const char *const *)chain->roles : NULL)
                                     : filed;

      for (guint i = 0; roles != NULL && roles[i] != NULL; i++)
        {
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (stats->round_stages, roles[i]));

          if (n == 0 || !g_hash_table_add (shown, (gpointer)roles[i]))
            continue;
          g_string_append_printf (
              stages, _ ("%s%s: %u"), stages->len ? " · " : "",
              g_str_equal (roles[i], XS_ROUND_FILED) ? _ ("Filed") : stage_name (rules, roles[i]),
              n);
        }
    }
  gtk_label_set_label (self->stages_label, stages->str);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->not_submitted_list))) != NULL)
    gtk_list_box_remove (self->not_submitted_list, child);
  for (guint i = 0; i < stats->persons; i++)
    {
      const XsPersonSummary *s;
      GtkWidget *row;
      g_autofree char *subtitle = NULL;

      if (!xs_person_index_round_not_started (self->index, i))
        continue;
      if (listed == MAX_NOT_SUBMITTED_ROWS)
        {
          more++;
          continue;
        }
      s = xs_person_index_get_summary (self->index, i);
      row = adw_action_row_new ();
      subtitle = g_strdup_printf ("%s · %s · %s", s->person->id,
                                  xs_person_index_get_unit_name (self->index, s->person->unit_id),
                                  s->passed ? _ ("span passes") : _ ("span does not pass yet"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), s->person->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "person-id", g_strdup (s->person->id), g_free);
      gtk_list_box_append (self->not_submitted_list, row);
      listed++;
    }
  if (more > 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title =
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more not submitted",
                                        "and %u more not submitted", more),
                           more);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_append (self->not_submitted_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->not_submitted_list), listed > 0);
}

/* Who does not pass yet, and what they lack: the clerk's list of whom to chase. */
static void
update_short (XsUnitOverview *self, const XsIndexStats *stats)
{
  XsRules *rules = xs_session_get_rules (xs_person_index_get_session (self->index));
  GtkWidget *child;
  guint listed = 0, more = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->short_list))) != NULL)
    gtk_list_box_remove (self->short_list, child);
  for (guint i = 0; i < stats->persons; i++)
    {
      const XsPersonSummary *s = xs_person_index_get_summary (self->index, i);
      g_autofree char *shortfall = NULL;
      g_autofree char *title = NULL;
      GtkWidget *row;

      if (s->passed)
        continue;
      if (listed == MAX_NOT_SUBMITTED_ROWS)
        {
          more++;
          continue;
        }
      shortfall = xs_years_dup_shortfall (rules, s->years, s->n_years, s->pending);
      title = g_strdup_printf ("%s（%s）", s->person->name, s->person->id);
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), shortfall);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "person-id", g_strdup (s->person->id), g_free);
      gtk_list_box_append (self->short_list, row);
      listed++;
    }
  if (more > 0)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title =
          g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more", more), more);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_list_box_append (self->short_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->short_list), listed > 0);
}

static void
on_not_submitted_row_activated_cb (GtkListBox *list, GtkListBoxRow *row, XsUnitOverview *self)
{
  const char *id = g_object_get_data (G_OBJECT (row), "person-id");

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-person", "s", id);
}

static void
update (XsUnitOverview *self)
{
  const XsIndexStats *stats = xs_person_index_get_stats (self->index);

  /* While the records are read (a city's take a second or two), or when they could not be,
   * no count is known: a 0 would say "nobody", and "Nothing awaits review" would be untrue. */
  if (!xs_person_index_get_loaded (self->index) || xs_person_index_get_error (self->index) != NULL)
    {
      gtk_label_set_label (self->persons_label, "—");
      gtk_label_set_label (self->passed_label, "—");
      gtk_label_set_label (self->awaiting_label, "—");
      gtk_label_set_label (self->pending_label, "—");
      xs_compliance_chart_set_stats (self->chart, stats->years); /* empty bars, "—" */
      gtk_widget_set_visible (GTK_WIDGET (self->awaiting_stack), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->not_submitted_list), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->short_list), FALSE);
      gtk_label_set_label (self->stages_label, "");
      return;
    }
  update_round (self, stats);
  update_short (self, stats);
  gtk_widget_set_visible (GTK_WIDGET (self->awaiting_stack), TRUE);
  set_number (self->persons_label, stats->persons);
  set_number (self->passed_label, stats->passed);
  set_number (self->awaiting_label, stats->awaiting_review);
  set_number (self->pending_label, stats->pending_activities);
  xs_compliance_chart_set_stats (self->chart, stats->years);
  gtk_stack_set_visible_child_name (self->awaiting_stack,
                                    stats->awaiting_review > 0 ? "list" : "none");
}

static void
on_awaiting_view_activate_cb (GtkListView *view, guint position, XsUnitOverview *self)
{
  g_autoptr (XsPersonItem) item = g_list_model_get_item (G_LIST_MODEL (self->awaiting), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-person", "s",
                                xs_person_item_get_person_id (item));
}

static void
xs_unit_overview_dispose (GObject *object)
{
  XsUnitOverview *self = XS_UNIT_OVERVIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_UNIT_OVERVIEW);
  /* Children without an id are not removed by the template. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->awaiting);
  g_clear_object (&self->index);
  G_OBJECT_CLASS (xs_unit_overview_parent_class)->dispose (object);
}

static void
xs_unit_overview_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsUnitOverview *self = XS_UNIT_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_unit_overview_set_property (GObject *object, guint prop_id, const GValue *value,
                               GParamSpec *pspec)
{
  XsUnitOverview *self = XS_UNIT_OVERVIEW (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_unit_overview_class_init (XsUnitOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_unit_overview_dispose;
  object_class->get_property = xs_unit_overview_get_property;
  object_class->set_property = xs_unit_overview_set_property;

  properties[PROP_FOLDED] =
      g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (XS_TYPE_COMPLIANCE_CHART);
  g_type_ensure (XS_TYPE_PERSON_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-unit-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, XsUnitOverview, window_title);
  gtk_widget_class_bind_template_child (widget_class, XsUnitOverview, persons_label);
  gtk_widget_class_bind_template_child (widget_class, XsUnitOverview, passed_label);
  gtk_widget_class_bind_template_child (widget_class, XsUnitOverview, awaiting_label);
  gtk_widget_class_bind_template_child (widget_class, XsUnitOverview, pending_label);
  gtk_widget_class_bind_template_child (widget_class, XsUnitOverview, chart);
  gtk_widget_class_bind_template_child (widget_class, XsUnitOverview, awaiting_stack);
  gtk_widget_class_bind_template_child (widget_class, XsUnitOverview, awaiting_selection);
  gtk_widget_class_bind_template_child (widget_class, XsUnitOverview, awaiting_view);
  gtk_widget_class_bind_template_child (widget_class, XsUnitOverview, window_label);
  gtk_widget_class_bind_template_child (widget_class, XsUnitOverview, stages_label);
  gtk_widget_class_bind_template_child (widget_class, XsUnitOverview, not_submitted_list);
  gtk_widget_class_bind_template_child (widget_class, XsUnitOverview, short_list);
  gtk_widget_class_bind_template_callback (widget_class, on_not_submitted_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_awaiting_view_activate_cb);
}

static void
xs_unit_overview_init (XsUnitOverview *self)
{
  g_autoptr (GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  factory = xs_person_row_factory_new ();
  gtk_list_view_set_factory (self->awaiting_view, factory);
}

void
xs_unit_overview_set_index (XsUnitOverview *self, XsPersonIndex *index, const char *subtitle)
{
  g_return_if_fail (XS_IS_UNIT_OVERVIEW (self));

  g_set_object (&self->index, index);
  g_clear_object (&self->awaiting);
  self->awaiting = xs_person_list_new (index);
  xs_person_list_set_filter (self->awaiting, XS_FILTER_AWAITING_REVIEW);
  gtk_no_selection_set_model (self->awaiting_selection, G_LIST_MODEL (self->awaiting));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  g_signal_connect_object (index, "reset", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (index, "notify::loaded", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (index, "person-updated", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

/**
 * xs_unit_overview_get_counts_text:
 *
 * Returns: (transfer full): the four counts as shown (staff, passed, awaiting review,
 *   activities to review), one per line
 */
char *
xs_unit_overview_get_counts_text (XsUnitOverview *self)
{
  g_return_val_if_fail (XS_IS_UNIT_OVERVIEW (self), NULL);
  return g_strjoin (
      "\n", gtk_label_get_label (self->persons_label), gtk_label_get_label (self->passed_label),
      gtk_label_get_label (self->awaiting_label), gtk_label_get_label (self->pending_label), NULL);
}

/* What the round section says, for tests: the counts per stage, and how many are listed as
 * not submitted. */
const char *
xs_unit_overview_get_round_counts_text (XsUnitOverview *self)
{
  return gtk_label_get_label (self->stages_label);
}

guint
xs_unit_overview_get_n_not_submitted_rows (XsUnitOverview *self)
{
  guint n = 0;

  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->not_submitted_list)); c;
       c = gtk_widget_get_next_sibling (c))
    n += g_object_get_data (G_OBJECT (c), "person-id") != NULL;
  return n;
}
