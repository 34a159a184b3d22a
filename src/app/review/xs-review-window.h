/* xs-review-window.h — one activity's scans beside its fields; approve or reject from here.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-scan-view.h"
#include "xs-problem-list.h"
#include "xs-session.h"

G_BEGIN_DECLS

#define XS_TYPE_REVIEW_WINDOW (xs_review_window_get_type ())
G_DECLARE_FINAL_TYPE (XsReviewWindow, xs_review_window, XS, REVIEW_WINDOW, AdwWindow)

XsReviewWindow *xs_review_window_new (XsSession *session, const char *person_id,
                                      const char *activity_id);
XsActivity *xs_review_window_get_activity (XsReviewWindow *self);
GListModel *xs_review_window_get_evidence (XsReviewWindow *self);
XsScanView *xs_review_window_get_scan_view (XsReviewWindow *self);
guint xs_review_window_get_n_pages (XsReviewWindow *self);
void xs_review_window_set_reason (XsReviewWindow *self, const char *reason,
                                  const char *override_reason);

const char *xs_review_window_get_activity_id (XsReviewWindow *self);

XsProblemList *xs_review_window_get_problem_list (XsReviewWindow *self);

G_END_DECLS
