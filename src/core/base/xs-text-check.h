/* xs-text-check.h — single-line texts a person typed: no characters that forge lines.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean xs_text_is_single_line (const char *text);

G_END_DECLS
