/* xs-xml-shape.c — a fast look at an XML file's shape before libxml2 parses it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "xs-xml-shape.h"
#include "xs-xml.h"

typedef enum
{
  IN_TEXT,
  AFTER_LT,  /* "<" seen: a tag, a comment, a PI or CDATA follows */
  IN_TAG,    /* inside a start or end tag, outside quotes */
  IN_QUOTE,  /* inside an attribute value */
  IN_MARKUP, /* a comment, PI, CDATA or declaration: skipped to its end */
} State;

typedef struct
{
  State state;
  char quote;
  const char *end_marker; /* for IN_MARKUP: "-->", "?>", "]]>" or ">" */
  gsize matched;          /* bytes of end_marker matched so far */
  char lead[9];           /* the first bytes after "<", to tell which markup it is */
  gsize n_lead;
  guint attributes;
  gsize tag_bytes;
  guint comments;
  guint line;
  guint tag_line;
} Scan;

static gboolean
refuse (GError **error, const char *name, guint line, const char *what)
{
  g_set_error (error, XS_XML_ERROR, XS_XML_ERROR_TOO_LARGE, _ ("%s, line %u: %s"), name, line,
               what);
  return FALSE;
}

/* Decides what "<" starts once enough of it is seen; FALSE while more is needed. */
static gboolean
classify (Scan *s)
{
  static const struct
  {
    const char *start;
    const char *end;
    gboolean counted;
  } markups[] = {
    { "!--", "-->", TRUE },
    { "![CDATA[", "]]>", FALSE },
    { "?", "?>", TRUE },
    { "!", ">", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (markups); i++)
    {
      gsize n = strlen (markups[i].start);

      if (s->n_lead < n && strncmp (s->lead, markups[i].start, s->n_lead) == 0)
        return FALSE; /* could still be this one */
      if (s->n_lead >= n && strncmp (s->lead, markups[i].start, n) == 0)
        {
          s->state = IN_MARKUP;
          s->end_marker = markups[i].end;
          s->matched = 0;
          s->comments += markups[i].counted;
          return TRUE;
        }
    }
  s->state = IN_TAG;
  s->attributes = 0;
  s->tag_bytes = s->n_lead;
  s->tag_line = s->line;
  return TRUE;
}

static gboolean
scan_bytes (Scan *s, const char *buf, gsize n, const char *name, const XsXmlShapeLimits *limits,
            GError **error)
{
  for (gsize i = 0; i < n; i++)
    {
      char c = buf[i];

      if (c == '\n')
        s->line++;
      switch (s->state)
        {
        case IN_TEXT:
          if (c == '<')
            {
              s->state = AFTER_LT;
              s->n_lead = 0;
            }
          break;
        case AFTER_LT:
          s->lead[s->n_lead++] = c;
          if (classify (s) && s->state == IN_TAG && c == '>')
            s->state = IN_TEXT;
          else if (s->n_lead == sizeof s->lead - 1 && s->state == AFTER_LT)
            classify (s);
          break;
        case IN_TAG:
          s->tag_bytes++;
          if (c == '"' || c == '\'')
            {
              s->state = IN_QUOTE;
              s->quote = c;
            }
          else if (c == '=')
            s->attributes++;
          else if (c == '>')
            s->state = IN_TEXT;
          break;
        case IN_QUOTE:
          s->tag_bytes++;
          if (c == s->quote)
            s->state = IN_TAG;
          break;
        case IN_MARKUP:
          if (c == s->end_marker[s->matched])
            {
              if (s->end_marker[++s->matched] == '\0')
                s->state = IN_TEXT;
            }
          else
            s->matched = c == s->end_marker[0] ? 1 : 0;
          break;
        }

      if ((s->state == IN_TAG || s->state == IN_QUOTE) &&
          (s->attributes > limits->max_attributes || s->tag_bytes > limits->max_tag_bytes))
        {
          g_autofree char *what = s->attributes > limits->max_attributes
                                      ? g_strdup_printf (_ ("a tag with more than %u attributes"),
                                                         limits->max_attributes)
                                      : g_strdup_printf (_ ("a tag longer than %u KB"),
                                                         (guint)(limits->max_tag_bytes / 1024));
          return refuse (error, name, s->tag_line, what);
        }
      if (s->comments > limits->max_comments)
        {
          g_autofree char *what =
              g_strdup_printf (_ ("more than %u comments"), limits->max_comments);
          return refuse (error, name, s->line, what);
        }
    }
  return TRUE;
}

/**
 * xs_xml_check_shape:
 * @stream: the file, read to its end
 *
 * Returns: %FALSE, with XS_XML_ERROR_TOO_LARGE naming the line, when a tag has too many
 *   attributes or bytes, or the file too many comments
 */
gboolean
xs_xml_check_shape (GInputStream *stream, const char *name, const XsXmlShapeLimits *limits,
                    GCancellable *cancellable, GError **error)
{
  /* Small enough to stay off the sanitizers' and libFuzzer's large-allocation paths. */
  enum
  {
    CHUNK = 64 * 1024
  };
  g_autofree char *buf = g_malloc (CHUNK);
  Scan s = { .state = IN_TEXT, .line = 1 };

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buf, CHUNK, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        return TRUE;
      if (!scan_bytes (&s, buf, (gsize)n, name, limits, error))
        return FALSE;
    }
}
