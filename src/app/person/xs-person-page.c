/* xs-person-page.c — a person: identity, the span verdict, one card per year, activities.
 *
 * Opening a person reads only their own records (an indexed query of a few dozen rows) and
 * computes their hours report; the page is filled from that report in one pass, except for the
 * activity rows, which are made as they come into view.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-activity-row.h"
#include "xs-labels.h"
#include "xs-person-page-private.h"

G_DEFINE_FINAL_TYPE (XsPersonPage, xs_person_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_FOLDED,
  PROP_PERSON_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_activity_row (gpointer item, gpointer user_data)
{
  return xs_activity_row_new (item);
}

static void
on_activity_list_row_activated_cb (GtkListBox *list, GtkListBoxRow *row, XsPersonPage *self)
{
  XsActivityItem *item = xs_activity_row_get_item (XS_ACTIVITY_ROW (row));

  gtk_widget_activate_action (GTK_WIDGET (self), "person.review-activity", "s",
                              xs_activity_item_get_id (item));
}

static int
compare_years (gconstpointer a, gconstpointer b)
{
  guint ya = *(const guint *)a, yb = *(const guint *)b;

  /* Activities whose year is unknown come last. */
  if (ya == 0 || yb == 0)
    return (ya == 0) - (yb == 0);
  return (ya > yb) - (ya < yb);
}

static void
fill_identity (XsPersonPage *self, const XsHoursReport *report)
{
  XsPerson *p = self->person;
  g_autofree char *span = NULL;
  g_autofree char *titles = NULL;

  adw_window_title_set_title (self->window_title, p->name);
  adw_window_title_set_subtitle (self->window_title, self->unit ? self->unit->name : p->unit_id);
  adw_avatar_set_text (self->avatar, p->name);
  gtk_label_set_label (self->name_label, p->name);

  if (p->applying_title && *p->applying_title)
    /* TRANSLATORS: current title → title applied for, then the specialty */
    titles = g_strdup_printf (_ ("%s → %s · %s"), p->current_title ? p->current_title : "—",
                              p->applying_title, p->specialty ? p->specialty : "");
  else
    titles = g_strdup_printf ("%s · %s", p->current_title ? p->current_title : "—",
                              p->specialty ? p->specialty : "");
  gtk_label_set_label (self->title_label, titles);
  gtk_label_set_label (self->id_number_label, p->id_number);
  gtk_label_set_label (self->unit_label, self->unit ? self->unit->name : p->unit_id);
  span = g_strdup_printf ("%u–%u", report->span_from, report->span_to);
  gtk_label_set_label (self->span_label, span);
}

static void
fill_verdict (XsPersonPage *self, const XsHoursReport *report)
{
  g_autofree char *title = NULL;
  g_autoptr (GString) detail = g_string_new (NULL);

  if (report->span_mode == XS_SPAN_CUMULATIVE)
    g_string_append (detail, _ ("Judged on the sums over the whole span."));
  else
    g_string_append (detail, _ ("Every year of the span must be met."));

  if (report->passed)
    {
      title = g_strdup_printf (_ ("Span %u–%u passed"), report->span_from, report->span_to);
      gtk_image_set_from_icon_name (self->verdict_icon, "emblem-ok-symbolic");
      xs_widget_set_state_class (self->verdict_box, "success");
    }
  else
    {
      g_autoptr (GString) short_years = g_string_new (NULL);

      for (guint i = 0; i < report->years->len; i++)
        {
          const XsYearSummary *y = &g_array_index (report->years, XsYearSummary, i);

          if (!y->confirmed.compliant)
            g_string_append_printf (short_years, "%s%u", short_years->len ? _ (", ") : "", y->year);
        }
      title = g_strdup_printf (_ ("Span %u–%u not passed"), report->span_from, report->span_to);
      if (short_years->len > 0)
        {
          g_string_append_c (detail, ' ');
          /* TRANSLATORS: %s lists years */
          g_string_append_printf (detail, _ ("Short in %s."), short_years->str);
        }
      if (report->pending > 0 && report->claimed_passed)
        {
          g_string_append_c (detail, ' ');
          g_string_append_printf (
              detail,
              ngettext ("It passes once the %u activity awaiting review is approved.",
                        "It passes once the %u activities awaiting review are approved.",
                        report->pending),
              report->pending);
          gtk_image_set_from_icon_name (self->verdict_icon, "document-open-recent-symbolic");
          xs_widget_set_state_class (self->verdict_box, "warning");
        }
      else
        {
          gtk_image_set_from_icon_name (self->verdict_icon, "dialog-warning-symbolic");
          xs_widget_set_state_class (self->verdict_box, "error");
        }
    }
  gtk_label_set_label (self->verdict_title, title);
  gtk_label_set_label (self->verdict_detail, detail->str);
}

static void
fill_years (XsPersonPage *self, const XsHoursReport *report)
{
  XsRules *rules = xs_session_get_rules (self->session);
  GtkWidget *child;
  guint n = 0;

  for (child = gtk_widget_get_first_child (GTK_WIDGET (self->years_box)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  /* The same span (the usual case) keeps its cards. */
  if (n != report->years->len)
    {
      while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->years_box))) != NULL)
        gtk_flow_box_remove (self->years_box, child);
      for (guint i = 0; i < report->years->len; i++)
        gtk_flow_box_append (self->years_box, xs_year_card_new ());
    }
  for (guint i = 0; i < report->years->len; i++)
    {
      GtkFlowBoxChild *box_child = gtk_flow_box_get_child_at_index (self->years_box, i);
      XsYearCard *card = XS_YEAR_CARD (gtk_flow_box_child_get_child (box_child));

      gtk_widget_set_focusable (GTK_WIDGET (box_child), FALSE);
      xs_year_card_set_year (card, rules, &g_array_index (report->years, XsYearSummary, i));
    }
}

/* Rows are made as they come into view. Before the page's first frame, only those the clerk
 * can see: a row is a dozen widgets whose text is shaped, measured and drawn even when it is
 * scrolled out of sight, and at the usual window size the year cards fill the first screen.
 * The others follow in idle chunks between frames, so a person with a hundred activities
 * opens as fast as one with ten. */
#define ROWS_PER_CHUNK 12
/* Less than a row's height, so that one pass makes enough rows to fill the space seen. */
#define ROW_HEIGHT_GUESS 90
/* Space below the last row that shows no row yet: a year's heading and the list's top. */
#define ROW_OFFSET 40
/* GTK lays out a frame at most four times over; leave it passes of its own. */
#define MAX_LAYOUT_FEEDS 2

static void unwatch_frames (XsPersonPage *self);

/* A year's heading and its boxed list, made when its first row is. */
static void
add_group (XsPersonPage *self, guint year)
{
  g_autoptr (GListStore) store = g_list_store_new (XS_TYPE_ACTIVITY_ITEM);
  g_autofree char *heading = NULL;
  GtkWidget *group, *header, *list;
  guint n = 0;

  for (guint i = self->queued_next; i < self->queued->len; i++)
    n += xs_activity_item_get_year (g_ptr_array_index (self->queued, i)) == year;
  if (year == 0)
    heading = g_strdup (_ ("Year not known"));
  else
    heading = g_strdup_printf (ngettext ("%u · %u activity", "%u · %u activities", n), year, n);

  group = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  header = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (header), 0);
  gtk_widget_add_css_class (header, "heading");
  gtk_widget_add_css_class (header, "dim-label");
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_bind_model (GTK_LIST_BOX (list), G_LIST_MODEL (store), create_activity_row, NULL,
                           NULL);
  g_signal_connect_object (list, "row-activated", G_CALLBACK (on_activity_list_row_activated_cb),
                           self, 0);
  gtk_box_append (GTK_BOX (group), header);
  gtk_box_append (GTK_BOX (group), list);
  gtk_box_append (self->activities_box, group);

  g_set_object (&self->group, store);
  self->group_year = year;
}

static void
stop_feeding (XsPersonPage *self)
{
  unwatch_frames (self);
  g_clear_handle_id (&self->feed_source, g_source_remove);
}

/* Makes rows for up to @rows more activities; returns whether some are left. */
static gboolean
feed_rows (XsPersonPage *self, guint rows)
{
  guint end = MIN (self->queued->len, self->queued_next + rows);

  while (self->queued_next < end)
    {
      XsActivityItem *item = g_ptr_array_index (self->queued, self->queued_next);

      if (self->group == NULL || xs_activity_item_get_year (item) != self->group_year)
        add_group (self, xs_activity_item_get_year (item));
      self->queued_next++;
      g_list_store_append (self->group, item);
    }
  if (self->queued_next < self->queued->len)
    return TRUE;
  unwatch_frames (self);
  return FALSE;
}

static gboolean
feed_rows_cb (gpointer user_data)
{
  XsPersonPage *self = user_data;

  if (feed_rows (self, ROWS_PER_CHUNK))
    return G_SOURCE_CONTINUE;
  self->feed_source = 0;
  return G_SOURCE_REMOVE;
}

/* The scrolled content, and how far down it the view reaches (from the adjustment, which is
 * current even before the next layout). */
static GtkWidget *
get_content (XsPersonPage *self, double *view_bottom)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);

  *view_bottom = gtk_adjustment_get_value (adjustment) + gtk_adjustment_get_page_size (adjustment);
  return gtk_viewport_get_child (GTK_VIEWPORT (gtk_scrolled_window_get_child (self->scroller)));
}

/* In each layout pass of a frame, once the page is allocated: rows for the space that shows
 * below the last one. Adding them makes GTK lay the frame out again before painting it. */
static void
on_frame_clock_layout_cb (XsPersonPage *self)
{
  GtkWidget *box = GTK_WIDGET (self->activities_box);
  double view_bottom;
  GtkWidget *content = get_content (self, &view_bottom);
  graphene_point_t bottom;

  if (self->layout_feeds >= MAX_LAYOUT_FEEDS || !gtk_widget_get_mapped (box) ||
      !gtk_widget_compute_point (box, content,
                                 &GRAPHENE_POINT_INIT (0, gtk_widget_get_height (box)), &bottom) ||
      bottom.y + ROW_OFFSET >= view_bottom)
    return;
  self->layout_feeds++;
  feed_rows (self, (guint)(view_bottom - bottom.y) / ROW_HEIGHT_GUESS + 1);
}

/* The rest between frames, once the page has been painted. */
static void
on_frame_clock_after_paint_cb (XsPersonPage *self)
{
  self->layout_feeds = 0;
  if (self->feed_source == 0)
    self->feed_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, feed_rows_cb, self, NULL);
}

static void
watch_frames (XsPersonPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || self->frame_clock != NULL || self->queued_next >= self->queued->len)
    return;
  self->frame_clock = g_object_ref (clock);
  self->layout_feeds = 0;
  self->layout_handler =
      g_signal_connect_swapped (clock, "layout", G_CALLBACK (on_frame_clock_layout_cb), self);
  self->after_paint_handler = g_signal_connect_swapped (
      clock, "after-paint", G_CALLBACK (on_frame_clock_after_paint_cb), self);
}

static void
unwatch_frames (XsPersonPage *self)
{
  if (self->frame_clock == NULL)
    return;
  g_clear_signal_handler (&self->layout_handler, self->frame_clock);
  g_clear_signal_handler (&self->after_paint_handler, self->frame_clock);
  g_clear_object (&self->frame_clock);
}

static void
clear_activities (XsPersonPage *self)
{
  GtkWidget *child;

  stop_feeding (self);
  g_ptr_array_set_size (self->queued, 0);
  self->queued_next = 0;
  g_clear_object (&self->group);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->activities_box))) != NULL)
    gtk_box_remove (self->activities_box, child);
  g_list_store_remove_all (self->activities);
}

/* @rows: how many rows to make at once; the others as they come into view */
static void
fill_activities (XsPersonPage *self, const XsHoursReport *report, guint rows)
{
  XsRules *rules = xs_session_get_rules (self->session);
  g_autoptr (GArray) years = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *count = NULL;
  guint n;

  clear_activities (self);
  for (guint i = 0; i < report->activities->len; i++)
    {
      g_autoptr (XsActivityItem) item =
          xs_activity_item_new (rules, g_ptr_array_index (report->activities, i));
      guint year = xs_activity_item_get_year (item);
      guint k;

      for (k = 0; k < years->len && g_array_index (years, guint, k) != year; k++)
        ;
      if (k == years->len)
        g_array_append_val (years, year);
      g_list_store_append (self->activities, item);
    }
  g_array_sort (years, compare_years);

  /* In the order shown: by year, then as entered. */
  n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));
  for (guint i = 0; i < years->len; i++)
    for (guint k = 0; k < n; k++)
      {
        XsActivityItem *item = g_list_model_get_item (G_LIST_MODEL (self->activities), k);

        if (xs_activity_item_get_year (item) == g_array_index (years, guint, i))
          g_ptr_array_add (self->queued, item);
        else
          g_object_unref (item);
      }
  if (feed_rows (self, rows))
    watch_frames (self);

  count = g_strdup_printf (ngettext ("%u activity", "%u activities", report->activities->len),
                           report->activities->len);
  gtk_label_set_label (self->activity_count_label, count);
  gtk_widget_set_visible (self->no_activities_page, report->activities->len == 0);
}

/* How many rows there are down to the bottom of the view, the first one below it included. */
static guint
count_rows_in_view (XsPersonPage *self)
{
  double view_bottom;
  GtkWidget *content = get_content (self, &view_bottom);
  guint n = 0;

  for (GtkWidget *group = gtk_widget_get_first_child (GTK_WIDGET (self->activities_box));
       group != NULL; group = gtk_widget_get_next_sibling (group))
    for (GtkWidget *row = gtk_widget_get_first_child (gtk_widget_get_last_child (group));
         row != NULL; row = gtk_widget_get_next_sibling (row))
      {
        graphene_point_t top;

        n++;
        if (gtk_widget_compute_point (row, content, &GRAPHENE_POINT_INIT (0, 0), &top) &&
            top.y >= view_bottom)
          return n;
      }
  return n;
}

/* @rows: how many activity rows to make before the page is next drawn */
static gboolean
load (XsPersonPage *self, const char *person_id, guint rows)
{
  XsStore *store;
  g_autoptr (GError) error = NULL;
  g_autoptr (XsPerson) person = NULL;
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (XsHoursReport) report = NULL;

  store = xs_session_get_store (self->session);
  person = xs_store_get_person (store, person_id, &error);
  if (person != NULL)
    activities = xs_store_list_activities (store, person_id, &error);
  if (activities == NULL)
    {
      g_clear_pointer (&self->person, xs_person_unref);
      clear_activities (self);
      adw_status_page_set_description (self->error_page, error->message);
      adw_window_title_set_title (self->window_title, "");
      gtk_stack_set_visible_child_name (self->stack, "error");
      xs_person_page_update_actions (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON_ID]);
      return FALSE;
    }

  if (self->person == NULL || g_strcmp0 (self->person->id, person_id) != 0)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
  g_clear_pointer (&self->person, xs_person_unref);
  self->person = g_steal_pointer (&person);
  g_clear_pointer (&self->unit, xs_unit_unref);
  self->unit = xs_store_get_unit (store, self->person->unit_id, NULL);

  report = xs_hours_report_new (xs_session_get_rules (self->session), self->person, activities);
  fill_identity (self, report);
  fill_verdict (self, report);
  xs_round_box_show (self->round_box, self->session, self->person);
  fill_years (self, report);
  fill_activities (self, report, rows);
  gtk_stack_set_visible_child_name (self->stack, "page");
  xs_person_page_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSON_ID]);
  return TRUE;
}

static void
on_session_person_changed_cb (XsPersonPage *self, const char *person_id, XsSession *session)
{
  GtkAdjustment *adjustment;
  double value;

  if (self->person == NULL || g_strcmp0 (self->person->id, person_id) != 0)
    return;
  /* Reload where the clerk was reading, with the rows down to there made at once (and one
   * more, for an activity added above). */
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  value = gtk_adjustment_get_value (adjustment);
  load (self, person_id, count_rows_in_view (self) + 1);
  gtk_adjustment_set_value (adjustment, value);
}

/* An import may have replaced the person shown. */
static void
on_session_records_reloaded_cb (XsPersonPage *self, XsSession *session)
{
  if (self->person != NULL)
    on_session_person_changed_cb (self, self->person->id, session);
}

static void
xs_person_page_dispose (GObject *object)
{
  XsPersonPage *self = XS_PERSON_PAGE (object);

  stop_feeding (self);
  g_clear_object (&self->group);
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *)&self->undo_toast);
  self->undo_toast = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_PERSON_PAGE);
  /* Children without an id are not removed by the template. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->activities);
  g_clear_pointer (&self->queued, g_ptr_array_unref);
  g_clear_pointer (&self->person, xs_person_unref);
  g_clear_pointer (&self->unit, xs_unit_unref);
  G_OBJECT_CLASS (xs_person_page_parent_class)->dispose (object);
}

static void
xs_person_page_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsPersonPage *self = XS_PERSON_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, xs_person_page_get_folded (self));
      break;
    case PROP_PERSON_ID:
      g_value_set_string (value, xs_person_page_get_person_id (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_person_page_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  XsPersonPage *self = XS_PERSON_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      xs_person_page_set_folded (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_person_page_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (xs_person_page_parent_class)->realize (widget);
  watch_frames (XS_PERSON_PAGE (widget));
}

static void
xs_person_page_unrealize (GtkWidget *widget)
{
  stop_feeding (XS_PERSON_PAGE (widget));
  GTK_WIDGET_CLASS (xs_person_page_parent_class)->unrealize (widget);
}

static void
xs_person_page_class_init (XsPersonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_person_page_dispose;
  object_class->get_property = xs_person_page_get_property;
  object_class->set_property = xs_person_page_set_property;
  widget_class->realize = xs_person_page_realize;
  widget_class->unrealize = xs_person_page_unrealize;

  properties[PROP_FOLDED] =
      g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PERSON_ID] =
      g_param_spec_string ("person-id", NULL, NULL, NULL,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (XS_TYPE_YEAR_CARD);
  g_type_ensure (XS_TYPE_ROUND_BOX);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-person-page.ui");
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, stack);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, scroller);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, avatar);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, id_number_label);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, unit_label);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, span_label);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, verdict_box);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, verdict_icon);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, verdict_title);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, verdict_detail);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, round_box);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, years_box);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, activity_count_label);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, activities_box);
  gtk_widget_class_bind_template_child (widget_class, XsPersonPage, no_activities_page);

  xs_person_page_class_install_actions (widget_class);
}

static void
xs_person_page_init (XsPersonPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->activities = g_list_store_new (XS_TYPE_ACTIVITY_ITEM);
  self->queued = g_ptr_array_new_with_free_func (g_object_unref);
  xs_person_page_update_actions (self);
}

void
xs_person_page_set_session (XsPersonPage *self, XsSession *session)
{
  g_return_if_fail (XS_IS_PERSON_PAGE (self));

  if (!g_set_object (&self->session, session))
    return;
  g_signal_connect_object (session, "person-changed", G_CALLBACK (on_session_person_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "records-reloaded", G_CALLBACK (on_session_records_reloaded_cb),
                           self, G_CONNECT_SWAPPED);
}

/**
 * xs_person_page_load:
 *
 * Reads the person's records and shows them.
 *
 * Returns: whether the person could be read (else the page shows why)
 */
gboolean
xs_person_page_load (XsPersonPage *self, const char *person_id)
{
  g_return_val_if_fail (XS_IS_PERSON_PAGE (self), FALSE);
  g_return_val_if_fail (self->session != NULL, FALSE);

  return load (self, person_id, 0);
}

const char *
xs_person_page_get_person_id (XsPersonPage *self)
{
  g_return_val_if_fail (XS_IS_PERSON_PAGE (self), NULL);
  return self->person ? self->person->id : NULL;
}

/**
 * xs_person_page_get_person:
 *
 * Returns: (transfer none) (nullable): the person shown
 */
XsPerson *
xs_person_page_get_person (XsPersonPage *self)
{
  g_return_val_if_fail (XS_IS_PERSON_PAGE (self), NULL);
  return self->person;
}

/**
 * xs_person_page_get_activities:
 *
 * Returns: (transfer none): the person's activities (XsActivityItem), as shown
 */
GListModel *
xs_person_page_get_activities (XsPersonPage *self)
{
  g_return_val_if_fail (XS_IS_PERSON_PAGE (self), NULL);
  return G_LIST_MODEL (self->activities);
}

/**
 * xs_person_page_get_year_card:
 *
 * Returns: (transfer none) (nullable): the card of @year
 */
XsYearCard *
xs_person_page_get_year_card (XsPersonPage *self, guint year)
{
  g_return_val_if_fail (XS_IS_PERSON_PAGE (self), NULL);

  for (int i = 0;; i++)
    {
      GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (self->years_box, i);
      XsYearCard *card;

      if (child == NULL)
        return NULL;
      card = XS_YEAR_CARD (gtk_flow_box_child_get_child (child));
      if (xs_year_card_get_year (card) == year)
        return card;
    }
}

XsActivityItem *
xs_person_page_find_activity (XsPersonPage *self, const char *activity_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->activities));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr (XsActivityItem) item = g_list_model_get_item (G_LIST_MODEL (self->activities), i);

      if (g_strcmp0 (xs_activity_item_get_id (item), activity_id) == 0)
        return item;
    }
  return NULL;
}

gboolean
xs_person_page_get_folded (XsPersonPage *self)
{
  g_return_val_if_fail (XS_IS_PERSON_PAGE (self), FALSE);
  return self->folded;
}

void
xs_person_page_set_folded (XsPersonPage *self, gboolean folded)
{
  g_return_if_fail (XS_IS_PERSON_PAGE (self));

  folded = !!folded;
  if (self->folded == folded)
    return;
  self->folded = folded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}
