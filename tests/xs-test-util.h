/* xs-test-util.h — what many tests need: running xueshi-cli, a throwaway store, an import.
 *
 * Built once as a static library (tests/meson.build: xs_test_dep) that the tests link.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-core.h"

G_BEGIN_DECLS

/* One run of xueshi-cli (the program in $XUESHI_CLI): its exit status and output. */
typedef struct
{
  int status;
  char *out;
  char *err;
} XsTestRun;

void xs_test_run_clear (XsTestRun *run);

/* Runs xueshi-cli [--db @db] ARGS… (NULL-terminated); @envp NULL inherits the test's. */
void xs_test_run_cli (XsTestRun *run, const char *db, ...) G_GNUC_NULL_TERMINATED;
void xs_test_run_cliv (XsTestRun *run, const char *db, const char *const *args,
                       const char *const *envp);
gboolean xs_test_have_cli (void);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (XsTestRun, xs_test_run_clear)

/* A valid resident ID number, a different one for each @n (born 1960 on, 430102…). */
void xs_test_resident_id (guint n, char out[XS_RESIDENT_ID_LENGTH + 1]);

/* The same, ending in @tail (the 3 sequence digits and the check character, e.g. "002X"),
 * so that namesakes can share the tail a sheet's file name shows. */
void xs_test_resident_id_ending (guint n, const char *tail, char out[XS_RESIDENT_ID_LENGTH + 1]);

/* The backend the tests run against: SQLite, or PostgreSQL under tests/with-postgresql.sh. */
gboolean xs_test_backend_is_postgresql (void);
char *xs_test_new_database (const char *dir);
void xs_test_drop_database (const char *location);

/* A temporary folder with a new store (see above) and the 2026 rules; @db is its location
 * as the CLI's --db takes it. */
typedef struct
{
  char *dir;
  char *db;
  XsStore *store;
  XsRules *rules;
} XsTestStore;

void xs_test_store_set_up (XsTestStore *f);
void xs_test_store_tear_down (XsTestStore *f);
void xs_test_store_reopen (XsTestStore *f);
void xs_test_store_close (XsTestStore *f);

int xs_test_store_cli (XsTestStore *f, char **out, char **err, ...) G_GNUC_NULL_TERMINATED;

/* Writes @xml as @name in @f's folder and imports it, asserting that it imports. */
void xs_test_import_text (XsTestStore *f, const char *name, const char *xml);

/* Evidence that decodes, as every attach and import now checks: a one-page PDF whose comment
 * line carries @note (so different notes give different files), and an 8 × 8 JPEG. */
char *xs_test_pdf (const char *note);
GBytes *xs_test_jpeg (guint n);

/* A training certificate of 张三 (430102199003071234, HNU-2026-00123, 湖南大学, 2026-03-01
 * to 03-03, 24 学时) with a red seal over its dates, as a PNG scan or a PDF (by @path's end). */
extern const char *const xs_test_certificate_lines[];
void xs_test_write_certificate (const char *path);
void xs_test_write_lines (const char *path, const char *const *lines);

G_END_DECLS
