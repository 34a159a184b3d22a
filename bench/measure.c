/* measure.c — run one command; print its wall time and peak resident memory.
 *
 *   measure [--stdin FILE] [--stdout FILE] [--stderr FILE] [--timeout SECONDS] -- COMMAND…
 *
 * Prints "WALL_MS MAXRSS_KIB CPU_MS STATUS" on stdout and exits with the command's status (128 +
 * the signal when it was killed). CPU_MS is user plus system time, the command's and its
 * waited-for descendants': on a busy machine it moves less than the wall time. Peak RSS is what wait4() reports for the child: the largest of
 * the process's own and of any descendant it waited for, which is what /usr/bin/time -v shows
 * as "Maximum resident set size". Just before starting the command it sets XUESHI_BENCH_T0_US
 * to the monotonic clock (g_get_monotonic_time()), so a program can report an event's time
 * since its own launch (the application's first frame, bench/README.md).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include <glib.h>

static volatile pid_t child_pid;

static void
on_alarm (int signum)
{
  if (child_pid > 0)
    kill (-child_pid, SIGKILL);
}

static void
redirect (const char *path, int fd, int flags)
{
  int file = open (path, flags | O_CLOEXEC, 0644);

  if (file < 0 || dup2 (file, fd) < 0)
    {
      fprintf (stderr, "measure: %s: %s\n", path, g_strerror (errno));
      _exit (127);
    }
  close (file);
}

int
main (int argc, char **argv)
{
  g_autofree char *in = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int timeout = 0;
  const GOptionEntry entries[] = {
    { "stdin", 0, 0, G_OPTION_ARG_FILENAME, &in, "Read the command's input from FILE", "FILE" },
    { "stdout", 0, 0, G_OPTION_ARG_FILENAME, &out, "Write its output to FILE", "FILE" },
    { "stderr", 0, 0, G_OPTION_ARG_FILENAME, &err, "Write its errors to FILE", "FILE" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout, "Kill it after SECONDS", "SECONDS" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("-- COMMAND [ARGUMENT…]");
  g_autoptr (GError) error = NULL;
  struct rusage usage;
  gint64 started, ended;
  char t0[32];
  int status = 0;
  pid_t pid;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("measure: %s\n", error->message);
      return 2;
    }
  /* GOption keeps a "--" separator in argv. */
  if (argc > 1 && g_str_equal (argv[1], "--"))
    argc--, argv++;
  if (argc < 2)
    {
      g_printerr ("measure: no command given\n");
      return 2;
    }

  if (timeout > 0)
    signal (SIGALRM, on_alarm);

  started = g_get_monotonic_time ();
  g_snprintf (t0, sizeof t0, "%" G_GINT64_FORMAT, started);
  g_setenv ("XUESHI_BENCH_T0_US", t0, TRUE);
  pid = fork ();
  if (pid < 0)
    {
      g_printerr ("measure: fork: %s\n", g_strerror (errno));
      return 1;
    }
  if (pid == 0)
    {
      if (timeout > 0)
        setpgid (0, 0); /* a timeout kills the whole group, soffice.bin included */
      if (in != NULL)
        redirect (in, STDIN_FILENO, O_RDONLY);
      if (out != NULL)
        redirect (out, STDOUT_FILENO, O_WRONLY | O_CREAT | O_TRUNC);
      if (err != NULL)
        redirect (err, STDERR_FILENO, O_WRONLY | O_CREAT | O_TRUNC);
      execvp (argv[1], argv + 1);
      fprintf (stderr, "measure: %s: %s\n", argv[1], g_strerror (errno));
      _exit (127);
    }
  if (timeout > 0)
    {
      setpgid (pid, pid);
      child_pid = pid;
      alarm ((unsigned)timeout);
    }

  while (wait4 (pid, &status, 0, &usage) < 0)
    if (errno != EINTR)
      {
        g_printerr ("measure: wait4: %s\n", g_strerror (errno));
        return 1;
      }
  ended = g_get_monotonic_time ();
  alarm (0);

  printf ("%.1f %ld %.1f %d\n", (double)(ended - started) / 1000.0, usage.ru_maxrss,
          (double)(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0 +
              (double)(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0,
          WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status));
  fflush (stdout);
  return WIFEXITED (status) ? WEXITSTATUS (status) : 128 + WTERMSIG (status);
}
