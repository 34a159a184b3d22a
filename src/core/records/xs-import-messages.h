/* xs-import-messages.h — libxml2's RELAX NG messages about an exchange file, in the clerk's
 * words: the element, the attribute, and what is allowed there.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns the value of an attribute of the element the message is about, or NULL. */
typedef char *(*XsAttributeLookup) (const char *name, gpointer user_data);

char *xs_import_explain_schema_message (const char *message, XsAttributeLookup lookup,
                                        gpointer user_data);

G_END_DECLS
