/* xs-xml.c — reading untrusted XML safely: no DOCTYPE, no network, no entity expansion.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <gio/gio.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include "xs-xml.h"

/* clang-format off */
G_DEFINE_QUARK (xs-xml-error-quark, xs_xml_error)
/* clang-format on */

static void
silent_generic_error (void *ctx, const char *msg, ...)
{
  /* libxml2 would otherwise print to stderr; every error reaches the caller as a GError. */
}

/* Second guard behind the DOCTYPE refusal: libxml2 never loads an external entity or DTD
 * (its RELAX NG validator would otherwise follow one even with XML_PARSE_NONET). */
static xmlParserInput *
refuse_external_entity (const char *url, const char *id, xmlParserCtxt *ctxt)
{
  return NULL;
}

void
xs_xml_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      /* Nodes remember the line they start on: an import names the element's own line, not
       * where the reader had read ahead to. */
      xmlLineNumbersDefault (1);
      xmlSetExternalEntityLoader (refuse_external_entity);
      xmlSetGenericErrorFunc (NULL, silent_generic_error);
      g_once_init_leave (&initialized, 1);
    }
}

static gsize
skip_until (const char *data, gsize len, gsize pos, const char *end_marker)
{
  gsize mlen = strlen (end_marker);

  for (; pos + mlen <= len; pos++)
    if (memcmp (data + pos, end_marker, mlen) == 0)
      return pos + mlen;
  return len;
}

/**
 * xs_xml_check_prolog:
 *
 * Looks at the prolog (what comes before the root element) and refuses a document type
 * declaration, which is the only place one can stand. This runs before libxml2 sees the
 * bytes, so no entity or external subset is ever declared, let alone fetched or expanded.
 * Also refuses UTF-16/32 input, which our formats do not use.
 */
gboolean
xs_xml_check_prolog (const char *data, gsize len, GError **error)
{
  gsize pos = 0;

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    pos = 3;
  else if (len >= 2 && (((guchar)data[0] == 0xFE && (guchar)data[1] == 0xFF) ||
                        ((guchar)data[0] == 0xFF && (guchar)data[1] == 0xFE) || data[0] == '\0' ||
                        data[1] == '\0'))
    {
      g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_NOT_UTF8,
                   _ ("The file is not UTF-8 text; save it as UTF-8"));
      return FALSE;
    }

  while (pos < len)
    {
      char c = data[pos];

      if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
        pos++;
      else if (len - pos >= 2 && memcmp (data + pos, "<?", 2) == 0)
        pos = skip_until (data, len, pos + 2, "?>");
      else if (len - pos >= 4 && memcmp (data + pos, "<!--", 4) == 0)
        pos = skip_until (data, len, pos + 4, "-->");
      else if (len - pos >= 2 && memcmp (data + pos, "<!", 2) == 0)
        {
          g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_DOCTYPE,
                       _ ("The file contains a document type declaration (DOCTYPE), which is "
                          "not allowed"));
          return FALSE;
        }
      else
        break; /* the root element, or garbage the parser will report */
    }

  return TRUE;
}

static gboolean
looks_like_encoding_error (int code)
{
  return code == XML_ERR_INVALID_CHAR || code == XML_ERR_INVALID_ENCODING ||
         code == XML_ERR_UNSUPPORTED_ENCODING || code == XML_ERR_UNKNOWN_ENCODING;
}

void
xs_xml_set_error_from_libxml (GError **error, const xmlError *xerr, const char *name)
{
  g_autofree char *detail = NULL;
  int line = 0;

  if (xerr == NULL)
    {
      g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_MALFORMED,
                   _ ("%s: not a well-formed XML file"), name);
      return;
    }

  line = xerr->line;
  detail = g_strstrip (g_strdup (xerr->message ? xerr->message : ""));

  if (looks_like_encoding_error (xerr->code))
    g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_NOT_UTF8,
                 _ ("%s, line %d: the text is not valid UTF-8"), name, line);
  else if (xerr->code == XML_ERR_INTERNAL_ERROR && strstr (detail, "depth") != NULL)
    g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_TOO_DEEP,
                 _ ("%s, line %d: elements are nested too deeply"), name, line);
  else if (xerr->code == XML_ERR_UNDECLARED_ENTITY || xerr->code == XML_WAR_UNDECLARED_ENTITY ||
           xerr->code == XML_ERR_ENTITY_LOOP)
    g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_DOCTYPE,
                 _ ("%s, line %d: entity references are not allowed"), name, line);
  else if (xerr->code == XML_ERR_NAME_TOO_LONG || strstr (detail, "too big") != NULL ||
           strstr (detail, "huge") != NULL)
    g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_TOO_LARGE,
                 _ ("%s, line %d: a text value is too long"), name, line);
  else
    g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_MALFORMED,
                 _ ("%s, line %d: not well-formed XML (%s)"), name, line, detail);
}

/**
 * xs_xml_parse:
 * @bytes: the whole document
 * @max_bytes: refuse anything larger
 * @name: how to call the file in messages
 *
 * Returns: (transfer full): the parsed document, or %NULL with @error set.
 */
xmlDoc *
xs_xml_parse (GBytes *bytes, gsize max_bytes, const char *name, GError **error)
{
  xmlParserCtxt *ctxt;
  xmlDoc *doc;
  gsize len = 0;
  const char *data = g_bytes_get_data (bytes, &len);

  xs_xml_init ();

  if (len > max_bytes)
    {
      g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_TOO_LARGE,
                   _ ("%s is too large (%llu bytes; at most %llu are accepted)"), name,
                   (unsigned long long)len, (unsigned long long)max_bytes);
      return NULL;
    }
  if (len > G_MAXINT)
    {
      g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_TOO_LARGE, _ ("%s is too large"), name);
      return NULL;
    }

  if (!xs_xml_check_prolog (data, len, error))
    return NULL;

  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("Out of memory creating an XML parser");

  doc = xmlCtxtReadMemory (ctxt, data, (int)len, name, "UTF-8", XS_XML_PARSE_OPTIONS);
  if (doc == NULL || !ctxt->wellFormed)
    {
      xs_xml_set_error_from_libxml (error, xmlCtxtGetLastError (ctxt), name);
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  else if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_DOCTYPE,
                   _ ("The file contains a document type declaration (DOCTYPE), which is "
                      "not allowed"));
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  xmlFreeParserCtxt (ctxt);
  return doc;
}

typedef struct
{
  const char *name;
  GError *first;
} ValidationErrors;

static void
on_structured_error (void *user_data, xmlError *xerr)
{
  ValidationErrors *errors = user_data;

  if (errors->first != NULL || xerr == NULL)
    return;

  g_set_error (&errors->first, XS_XML_ERROR, XS_XML_ERROR_INVALID, _ ("%s, line %d: %s"),
               errors->name, xerr->line,
               xerr->message ? g_strstrip (xerr->message) : _ ("does not match the schema"));
}

/**
 * xs_xml_get_schema:
 * @resource_path: a RELAX NG schema in the core's GResource
 *
 * Compiles each schema once per process; a compiled schema is only read while validating.
 *
 * Returns: (transfer none): the compiled schema, or %NULL with @error set
 */
xmlRelaxNG *
xs_xml_get_schema (const char *resource_path, GError **error)
{
  static GMutex lock;
  static GHashTable *compiled; /* resource path → xmlRelaxNG, for the process's lifetime */
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&lock);
  xmlRelaxNGParserCtxt *pctxt;
  xmlRelaxNG *schema;
  gsize len;
  const char *data;

  xs_xml_init ();

  if (compiled == NULL)
    compiled = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  schema = g_hash_table_lookup (compiled, resource_path);
  if (schema != NULL)
    return schema;

  bytes = g_resources_lookup_data (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  pctxt = xmlRelaxNGNewMemParserCtxt (data, (int)len);
  xmlRelaxNGSetParserStructuredErrors (pctxt, NULL, NULL);
  schema = xmlRelaxNGParse (pctxt);
  xmlRelaxNGFreeParserCtxt (pctxt);

  if (schema == NULL)
    {
      g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_INVALID, "Cannot compile schema %s",
                   resource_path);
      return NULL;
    }
  g_hash_table_insert (compiled, g_strdup (resource_path), schema);
  return schema;
}

gboolean
xs_xml_validate (xmlDoc *doc, xmlRelaxNG *schema, const char *name, GError **error)
{
  ValidationErrors errors = { name, NULL };
  xmlRelaxNGValidCtxt *vctxt;
  int ret;

  vctxt = xmlRelaxNGNewValidCtxt (schema);
  xmlRelaxNGSetValidStructuredErrors (vctxt, on_structured_error, &errors);
  ret = xmlRelaxNGValidateDoc (vctxt, doc);
  xmlRelaxNGFreeValidCtxt (vctxt);

  if (ret == 0)
    {
      g_clear_error (&errors.first);
      return TRUE;
    }

  if (errors.first != NULL)
    g_propagate_error (error, errors.first);
  else
    g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_INVALID, _ ("%s does not match its schema"),
                 name);
  return FALSE;
}
