/* xs-problem-list.h — the cross-checks of an activity's scans, for the reviewer.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-session.h"

G_BEGIN_DECLS

#define XS_TYPE_PROBLEM_LIST (xs_problem_list_get_type ())
G_DECLARE_FINAL_TYPE (XsProblemList, xs_problem_list, XS, PROBLEM_LIST, AdwBin)

/* Checks @activity's evidence again (reading unread scans first, off the main thread). */
void xs_problem_list_set_activity (XsProblemList *self, XsSession *session,
                                   const XsActivity *activity);
/* How many problems are shown, explained ones included; -1 while checking. For tests. */
int xs_problem_list_get_n_problems (XsProblemList *self);
/* The text the list shows now, for tests. */
char *xs_problem_list_dup_text (XsProblemList *self);

G_END_DECLS
