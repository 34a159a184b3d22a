/* empty-window.c — the floor of the application's start: an empty AdwApplicationWindow.
 *
 * Started the same way as the application (bench/run), it prints
 *
 *   empty-window: first-frame <ms>
 *
 * on stderr when its window's frame clock has painted the first frame, counted from
 * $XUESHI_BENCH_T0_US (the monotonic clock just before bench/measure started it) or, without
 * it, from main(). With XUESHI_BENCH=1 it quits right after, so its peak RSS can be read. The
 * application reports the same line, as "xueshi: first-frame <ms>" (bench/README.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <adwaita.h>

static gint64 t0_us;

static gboolean
quit_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock, gpointer user_data)
{
  GtkWidget *window = user_data;

  fprintf (stderr, "empty-window: first-frame %.1f\n",
           (double)(g_get_monotonic_time () - t0_us) / 1000.0);
  fflush (stderr);
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, user_data);
  if (g_strcmp0 (g_getenv ("XUESHI_BENCH"), "1") == 0)
    g_idle_add (quit_cb, gtk_window_get_application (GTK_WINDOW (window)));
}

static void
on_window_map_cb (GtkWidget *window, gpointer user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb),
                    window);
}

static void
on_activate_cb (GApplication *app, gpointer user_data)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_title (GTK_WINDOW (window), "Empty window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  g_signal_connect (window, "map", G_CALLBACK (on_window_map_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  g_autoptr (AdwApplication) app = NULL;
  const char *t0 = g_getenv ("XUESHI_BENCH_T0_US");

  t0_us = t0 != NULL ? g_ascii_strtoll (t0, NULL, 10) : g_get_monotonic_time ();
  app = adw_application_new ("io.github.xueshi.Bench.EmptyWindow", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
