/* xs-xml.h — reading untrusted XML safely: no DOCTYPE, no network, no entity expansion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <libxml/tree.h>
#include <libxml/relaxng.h>

G_BEGIN_DECLS

#define XS_XML_ERROR (xs_xml_error_quark ())

typedef enum
{
  XS_XML_ERROR_TOO_LARGE,
  XS_XML_ERROR_NOT_UTF8,
  XS_XML_ERROR_DOCTYPE,
  XS_XML_ERROR_MALFORMED,
  XS_XML_ERROR_INVALID,
  XS_XML_ERROR_TOO_DEEP,
} XsXmlError;

GQuark xs_xml_error_quark (void);

/* Parser options for every document we read: never NOENT, DTDLOAD or HUGE. */
#define XS_XML_PARSE_OPTIONS (XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING)

/* Deepest element nesting our formats need is 5; anything past this is refused. */
#define XS_XML_MAX_DEPTH 32

void xs_xml_init (void);

gboolean xs_xml_check_prolog (const char *data, gsize len, GError **error);

xmlDoc *xs_xml_parse (GBytes *bytes, gsize max_bytes, const char *name, GError **error);

xmlRelaxNG *xs_xml_get_schema (const char *resource_path, GError **error);

gboolean xs_xml_validate (xmlDoc *doc, xmlRelaxNG *schema, const char *name, GError **error);

void xs_xml_set_error_from_libxml (GError **error, const xmlError *xerr, const char *name);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

G_END_DECLS
