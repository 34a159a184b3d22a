/* xs-bench-soak.h — a day's work in a loop, for the soak benchmark (XUESHI_BENCH_SOAK).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-window.h"

G_BEGIN_DECLS

gboolean xs_bench_soak_enabled (void);
void xs_bench_soak_start (XsWindow *window);

G_END_DECLS
