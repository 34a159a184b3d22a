/* xs-memory.h — how malloc keeps memory over a day-long session.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean xs_memory_tune_for_session (void);

G_END_DECLS
