/* xs-xml-shape.h — a fast look at an XML file's shape before libxml2 parses it.
 *
 * libxml2 2.9's parser is quadratic in the attributes of one start tag (each is compared with
 * every earlier one) and its reader in the pieces one text is split into: a hostile file of a
 * few MB keeps it busy for minutes. One linear pass over the bytes refuses such files first,
 * naming the line.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  guint max_attributes; /* in one start tag */
  gsize max_tag_bytes;  /* one start tag, attribute values included */
  guint max_comments;   /* comments and processing instructions in the whole file */
} XsXmlShapeLimits;

gboolean xs_xml_check_shape (GInputStream *stream, const char *name, const XsXmlShapeLimits *limits,
                             GCancellable *cancellable, GError **error);

G_END_DECLS
