/* xs-bench.h — timings the benchmark (bench/run) reads from stderr when XUESHI_BENCH=1.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean xs_bench_enabled (void);
void xs_bench_mark_process_start (void);
gint64 xs_bench_get_process_start (void);
const char *xs_bench_get_person_to_open (void);
void xs_bench_expect (const char *what);
void xs_bench_done (const char *what);
void xs_bench_report_after_paint (GtkWidget *widget, const char *what, gint64 since);

G_END_DECLS
