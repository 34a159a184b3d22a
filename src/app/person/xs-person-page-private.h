/* xs-person-page-private.h — the person page's state, shared by its actions file.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-activity-item.h"
#include "xs-person-page.h"
#include "xs-round-box.h"

G_BEGIN_DECLS

struct _XsPersonPage
{
  GtkWidget parent_instance;

  XsSession *session;
  XsPerson *person;
  XsUnit *unit;
  GListStore *activities; /* XsActivityItem, every activity */
  GPtrArray *queued;      /* XsActivityItem in the order shown; those from queued_next on
                           * have no row yet */
  guint queued_next;
  GListStore *group; /* the rows of the last year shown */
  guint group_year;
  guint feed_source;
  guint layout_feeds; /* layout passes of this frame that made rows */
  GdkFrameClock *frame_clock;
  gulong layout_handler;
  gulong after_paint_handler;
  gboolean folded;
  AdwToast *undo_toast; /* weak: the last deletion's, while it is shown */

  AdwWindowTitle *window_title;
  GtkStack *stack;
  AdwStatusPage *error_page;
  GtkScrolledWindow *scroller;
  AdwAvatar *avatar;
  GtkLabel *name_label;
  GtkLabel *title_label;
  GtkLabel *id_number_label;
  GtkLabel *unit_label;
  GtkLabel *span_label;
  GtkWidget *verdict_box;
  GtkImage *verdict_icon;
  GtkLabel *verdict_title;
  GtkLabel *verdict_detail;
  XsRoundBox *round_box;
  GtkFlowBox *years_box;
  GtkLabel *activity_count_label;
  GtkBox *activities_box;
  GtkWidget *no_activities_page;
};

void xs_person_page_class_install_actions (GtkWidgetClass *widget_class);
void xs_person_page_update_actions (XsPersonPage *self);
XsActivityItem *xs_person_page_find_activity (XsPersonPage *self, const char *activity_id);
void xs_person_page_show_error (XsPersonPage *self, const char *what, const GError *error);

G_END_DECLS
