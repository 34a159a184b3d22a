/* xs-fuzz.h — what the libFuzzer harnesses share: a scratch directory and fresh stores.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <stdint.h>
#include <stddef.h>

#include "xs-core.h"
#include "xs-sqlite-store.h"
#include "xs-store.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);
int LLVMFuzzerInitialize (int *argc, char ***argv);

/* The scratch directory of this process, removed at exit; every input is written into it. */
extern char *xs_fuzz_dir;

void xs_fuzz_init (void);
char *xs_fuzz_write (const char *name, const uint8_t *data, size_t size);
/* A store in DIR_NAME of the scratch directory, replacing what was there. PREPARE (may be NULL)
 * fills the template every fresh store starts as; it runs once. */
XsStore *xs_fuzz_open_fresh_store (const char *dir_name, void (*prepare) (XsStore *store));
