/* xs-cli-private.h — what the xueshi-cli commands share.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-core.h"

G_BEGIN_DECLS

/* Exit status, interfaces.md §2. */
enum
{
  XS_CLI_OK = 0,
  XS_CLI_FAILED = 1,
  XS_CLI_USAGE = 2,
};

typedef struct
{
  const char *db_path; /* NULL: the default database */
} XsCliGlobals;

int xs_cli_fail (GError *error);
int xs_cli_usage (GOptionContext *context, const char *format, ...) G_GNUC_PRINTF (2, 3);
gboolean xs_cli_parse (GOptionContext *context, int *argc, char ***argv, int *status);
XsStore *xs_cli_open_store (const XsCliGlobals *globals, GError **error);
char *xs_cli_dup_setting (const char *key);

int xs_cli_activities (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_copy (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_users (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_audit (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_evidence (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_scan (const XsCliGlobals *globals, int argc, char **argv);
void xs_cli_read_attached (XsStore *store, XsRules *rules, const char *activity_id,
                           const char *sha256);
int xs_cli_export (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_fsck (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_gc (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_person (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_round (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_review (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_import (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_hours (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_report (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_rules (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_roster (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_sheet (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_template (const XsCliGlobals *globals, int argc, char **argv);
int xs_cli_verify (const XsCliGlobals *globals, int argc, char **argv);

G_END_DECLS
