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
};

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
      return;
    }
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
