/* xs-ocr.c — reads the text of a scan with Tesseract's C API.
 *
 * Each page is drawn at 300 dpi (xs_scan_render_page(), with its pixel and page limits) and
 * handed to Tesseract as the red channel alone, and reddish pixels as white: a red seal
 * stamped over a name or a date disappears, while black and blue ink stay dark, so the
 * seal's strokes are not read as characters. One engine per thread is kept for the thread's life: loading the chi_sim
 * model takes longer than reading a page.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>
#include <stdbool.h>
#include <string.h>
#include <tesseract/capi.h>

#include "xs-ocr.h"

/* clang-format off */
G_DEFINE_QUARK (xs-ocr-error-quark, xs_ocr_error)
/* clang-format on */

static void
engine_free (gpointer engine)
{
  TessBaseAPIEnd (engine);
  TessBaseAPIDelete (engine);
}

static GPrivate thread_engine = G_PRIVATE_INIT (engine_free);
static GPrivate thread_latin_engine = G_PRIVATE_INIT (engine_free);

/* The English model, for the Latin letters of certificate numbers; NULL when not installed
 * (the Chinese reading is kept then). */
static TessBaseAPI *
get_latin_engine (void)
{
  TessBaseAPI *engine = g_private_get (&thread_latin_engine);

  if (engine != NULL)
    return engine;
  engine = TessBaseAPICreate ();
  if (TessBaseAPIInit3 (engine, NULL, "eng") != 0)
    {
      TessBaseAPIDelete (engine);
      return NULL;
    }
  TessBaseAPISetPageSegMode (engine, PSM_SINGLE_LINE);
  TessBaseAPISetVariable (engine, "debug_file", "/dev/null");
  TessBaseAPISetVariable (engine, "tessedit_char_whitelist",
                          "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-");
  g_private_set (&thread_latin_engine, engine);
  return engine;
}

static gboolean
labels_a_number (const char *text)
{
  return strstr (text, "编号") != NULL || strstr (text, "证号") != NULL ||
         strstr (text, "证书号") != NULL || strstr (text, "专利号") != NULL;
}

/* The number read as Latin letters, digits and hyphens: the box copied onto white paper
 * with a margin (the English model misreads characters that touch the image's edge), its
 * spaces dropped (a number has none; the model puts them between wide letters) and what the
 * label's colon left before it. */
static char *
read_latin (const guint8 *grey, int width, int height, int left, int top, int right, int bottom)
{
  enum
  {
    MARGIN = 20
  };
  TessBaseAPI *engine = get_latin_engine ();
  g_autofree guint8 *copy = NULL;
  g_autoptr (GString) number = NULL;
  int copy_width, copy_height;
  char *utf8;

  left = CLAMP (left, 0, width), right = CLAMP (right, 0, width);
  top = CLAMP (top, 0, height), bottom = CLAMP (bottom, 0, height);
  if (engine == NULL || right <= left || bottom <= top)
    return NULL;
  copy_width = right - left + 2 * MARGIN;
  copy_height = bottom - top + 2 * MARGIN;
  copy = g_malloc ((gsize)copy_width * (gsize)copy_height);
  memset (copy, 255, (gsize)copy_width * (gsize)copy_height);
  for (int y = top; y < bottom; y++)
    memcpy (copy + (gsize)(y - top + MARGIN) * (gsize)copy_width + MARGIN,
            grey + (gsize)y * (gsize)width + left, (gsize)(right - left));
  TessBaseAPISetImage (engine, copy, copy_width, copy_height, 1, copy_width);
  TessBaseAPISetSourceResolution (engine, XS_OCR_DPI);
  utf8 = TessBaseAPIGetUTF8Text (engine);
  number = g_string_new (NULL);
  for (const char *c = utf8 != NULL ? utf8 : ""; *c != '\0'; c++)
    if (g_ascii_isalnum (*c) || (*c == '-' && number->len > 0))
      g_string_append_c (number, *c);
  TessDeleteText (utf8);
  TessBaseAPIClear (engine);
  return number->len > 0 ? g_strdup (number->str) : NULL;
}

static TessBaseAPI *
get_engine (GError **error)
{
  TessBaseAPI *engine = g_private_get (&thread_engine);

  if (engine != NULL)
    return engine;
  engine = TessBaseAPICreate ();
  /* NULL: the model folder Tesseract was built with, or $TESSDATA_PREFIX (the Flatpak's). */
  if (TessBaseAPIInit3 (engine, NULL, "chi_sim") != 0)
    {
      TessBaseAPIDelete (engine);
      g_set_error (error, XS_OCR_ERROR, XS_OCR_ERROR_NO_ENGINE,
                   _ ("The text of scans cannot be read: Tesseract's Simplified Chinese model "
                      "(tesseract-ocr-chi-sim) is not installed"));
      return NULL;
    }
  TessBaseAPISetPageSegMode (engine, PSM_AUTO);
  /* The English model for numbers' letters, loaded with it: a thread pays both once. */
  get_latin_engine ();
  /* Tesseract writes its own warnings (resolution guesses and the like) to stderr. */
  TessBaseAPISetVariable (engine, "debug_file", "/dev/null");
  g_private_set (&thread_engine, engine);
  return engine;
}

/* A grey scan keeps a red seal as a mid grey between the ink and the paper. Three classes
 * of the page's grey levels (Otsu's method with two thresholds): when the middle one is well
 * apart from the darkest (ink well below it), it is the seal, and becomes paper. */
static void
remove_grey_seal (guint8 *grey, gsize n)
{
  double hist[256] = { 0 }, total = (double)n, best = -1;
  double cum_w[257] = { 0 }, cum_m[257] = { 0 };
  int t1 = 0, t2 = 0;

  for (gsize i = 0; i < n; i++)
    hist[grey[i]] += 1;
  for (int v = 0; v < 256; v++)
    {
      cum_w[v + 1] = cum_w[v] + hist[v];
      cum_m[v + 1] = cum_m[v] + v * hist[v];
    }
  /* Classes [0, a), [a, b), [b, 256): the split with the largest between-class variance. */
  for (int a = 1; a < 255; a++)
    for (int b = a + 1; b < 256; b++)
      {
        double w0 = cum_w[a], w1 = cum_w[b] - cum_w[a], w2 = total - cum_w[b];
        double m0, m1, m2, between;

        if (w0 <= 0 || w1 <= 0 || w2 <= 0)
          continue;
        m0 = cum_m[a] / w0;
        m1 = (cum_m[b] - cum_m[a]) / w1;
        m2 = (cum_m[256] - cum_m[b]) / w2;
        between = w0 * m0 * m0 + w1 * m1 * m1 + w2 * m2 * m2;
        if (between > best)
          best = between, t1 = a, t2 = b;
      }
  /* Only a distinct middle: the ink dark (below 80), the middle far from it. */
  {
    double w0 = cum_w[t1], w1 = cum_w[t2] - cum_w[t1];
    double m0 = w0 > 0 ? cum_m[t1] / w0 : 0, m1 = w1 > 0 ? (cum_m[t2] - cum_m[t1]) / w1 : 0;

    if (w0 <= 0 || w1 < total * 0.002 || m0 > 80 || m1 - m0 < 50)
      return;
    for (gsize i = 0; i < n; i++)
      if (grey[i] >= t1 && grey[i] < t2)
        grey[i] = 255;
  }
}

/* The page as one grey level per pixel: the red channel, reddish pixels (a red seal, its
 * faint edges too) as paper. @colour: whether the page has colour at all. */
static guint8 *
grey_from_surface (cairo_surface_t *surface, int *out_width, int *out_height, gboolean *out_colour)
{
  int width = cairo_image_surface_get_width (surface);
  int height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data;
  guint8 *grey;
  gboolean colour = FALSE;

  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  grey = g_malloc ((gsize)width * (gsize)height);
  for (int y = 0; y < height; y++)
    {
      const guint32 *row = (const guint32 *)(data + (gsize)y * (gsize)stride);

      /* ARGB32 in native order; the pages are drawn opaque, on white. */
      for (int x = 0; x < width; x++)
        {
          int r = (row[x] >> 16) & 0xff, g = (row[x] >> 8) & 0xff, b = row[x] & 0xff;

          colour |= MAX (MAX (r, g), b) - MIN (MIN (r, g), b) > 24;
          grey[(gsize)y * (gsize)width + (gsize)x] = r - MAX (g, b) > 48 ? 255 : r;
        }
    }
  *out_width = width;
  *out_height = height;
  *out_colour = colour;
  return grey;
}

guint8 *
xs_ocr_grey_from_surface (cairo_surface_t *surface, int *out_width, int *out_height)
{
  gboolean colour;
  guint8 *grey = grey_from_surface (surface, out_width, out_height, &colour);

  if (!colour)
    remove_grey_seal (grey, (gsize)*out_width * (gsize)*out_height);
  return grey;
}

static gboolean
is_wide (gunichar c)
{
  GUnicodeScript script = g_unichar_get_script (c);

  return script == G_UNICODE_SCRIPT_HAN || g_unichar_iswide (c);
}

char *
xs_ocr_normalize_line (const char *line)
{
  g_autofree char *nfkc = g_utf8_normalize (line, -1, G_NORMALIZE_NFKC);
  g_autofree gunichar *chars = NULL;
  GString *out = g_string_new (NULL);
  glong n = 0;

  if (nfkc == NULL)
    return g_string_free (out, FALSE);
  chars = g_utf8_to_ucs4_fast (nfkc, -1, &n);
  for (glong i = 0; i < n; i++)
    {
      gunichar c = chars[i];

      if (g_unichar_isspace (c))
        {
          glong j = i;
          gunichar before =
              out->len > 0 ? g_utf8_get_char (g_utf8_prev_char (out->str + out->len)) : 0;

          while (j < n && g_unichar_isspace (chars[j]))
            j++;
          /* A space beside a Chinese character is Tesseract's, not the paper's. */
          if (out->len > 0 && j < n && !is_wide (before) && !is_wide (chars[j]))
            g_string_append_c (out, ' ');
          i = j - 1;
          continue;
        }
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static bool
cancelled (void *cancellable, int words)
{
  return cancellable != NULL && g_cancellable_is_cancelled (cancellable);
}

/* The paper left of a word, up to ten columns and never into the ink before it (the
 * label's colon, which the English model reads as letters). */
static int
blank_left_of (const guint8 *grey, int width, int left, int top, int bottom, int line_left)
{
  int x = left;

  while (x > line_left && left - x < 10)
    {
      gboolean blank = TRUE;

      for (int y = top; y < bottom && blank; y++)
        blank = grey[(gsize)y * (gsize)width + (gsize)(x - 1)] > 128;
      if (!blank)
        break;
      x--;
    }
  return x;
}

static gboolean
read_page (TessBaseAPI *engine, cairo_surface_t *surface, guint page, XsOcrText *text,
           GCancellable *cancellable, GError **error)
{
  g_autofree guint8 *grey = NULL;
  g_autofree guint8 *as_scanned = NULL;
  gboolean colour;
  g_autoptr (GPtrArray) numbered = g_ptr_array_new (); /* XsOcrLine, owned by @text */
  g_autoptr (GPtrArray) boxes = g_ptr_array_new_with_free_func (g_free);
  ETEXT_DESC *monitor;
  TessResultIterator *it;
  int width, height, status;

  /* The Chinese model reads the page with a grey seal removed; the English one reads the
   * numbers from the page as it was, since removing the seal's grey also takes the ink's
   * soft edges, which it needs (a jagged H reads as IN). */
  as_scanned = grey_from_surface (surface, &width, &height, &colour);
  grey = g_memdup2 (as_scanned, (gsize)width * (gsize)height);
  if (!colour)
    remove_grey_seal (grey, (gsize)width * (gsize)height);
  TessBaseAPISetImage (engine, grey, width, height, 1, width);
  TessBaseAPISetSourceResolution (engine, XS_OCR_DPI);
  monitor = TessMonitorCreate ();
  TessMonitorSetCancelFunc (monitor, cancelled);
  TessMonitorSetCancelThis (monitor, cancellable);
  status = TessBaseAPIRecognize (engine, monitor);
  TessMonitorDelete (monitor);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      TessBaseAPIClear (engine);
      return FALSE;
    }
  if (status != 0)
    {
      TessBaseAPIClear (engine);
      g_set_error (error, XS_OCR_ERROR, XS_OCR_ERROR_FAILED,
                   _ ("The text of page %u could not be read"), page + 1);
      return FALSE;
    }
  it = TessBaseAPIGetIterator (engine);
  if (it != NULL)
    {
      TessPageIterator *page_it = TessResultIteratorGetPageIterator (it);
      int *box = NULL; /* the numbered line being walked, its number's left edge in box[0] */
      gboolean after_label = FALSE;

      do
        {
          int left, top, right, bottom;

          if (TessPageIteratorIsAtBeginningOf (page_it, RIL_TEXTLINE))
            {
              char *utf8 = TessResultIteratorGetUTF8Text (it, RIL_TEXTLINE);
              g_autofree char *normal = utf8 != NULL ? xs_ocr_normalize_line (utf8) : NULL;

              box = NULL;
              after_label = FALSE;
              if (normal != NULL && *g_strstrip (normal) != '\0')
                {
                  XsOcrLine *line = g_new0 (XsOcrLine, 1);

                  line->text = g_steal_pointer (&normal);
                  line->confidence = TessResultIteratorConfidence (it, RIL_TEXTLINE) / 100.0;
                  line->page = page;
                  /* Read again below, once this engine is done with the page. */
                  if (labels_a_number (line->text) &&
                      TessPageIteratorBoundingBox (page_it, RIL_TEXTLINE, &left, &top, &right,
                                                   &bottom))
                    {
                      box = g_new (int, 5);
                      box[0] = left, box[1] = top, box[2] = right, box[3] = bottom;
                      box[4] = FALSE; /* the number's start not found yet */
                      g_ptr_array_add (numbered, line);
                      g_ptr_array_add (boxes, box);
                    }
                  g_ptr_array_add (text->lines, line);
                }
              TessDeleteText (utf8);
            }
          /* The number starts at the first word after its label (号, a colon): read alone,
           * without the label's Chinese characters, the English model reads it better. */
          if (box != NULL && !box[4] &&
              TessPageIteratorBoundingBox (page_it, RIL_WORD, &left, &top, &right, &bottom))
            {
              char *word = TessResultIteratorGetUTF8Text (it, RIL_WORD);

              if (after_label)
                {
                  box[0] = blank_left_of (grey, width, left, top, bottom, box[0]);
                  box[4] = TRUE;
                }
              else if (word != NULL &&
                       (strstr (word, "号") != NULL || strpbrk (word, ":;") != NULL ||
                        strstr (word, "：") != NULL))
                after_label = TRUE;
              TessDeleteText (word);
            }
        }
      while (TessPageIteratorNext (page_it, RIL_WORD));
      TessResultIteratorDelete (it);
    }
  TessBaseAPIClear (engine);
  for (guint i = 0; i < numbered->len; i++)
    {
      XsOcrLine *line = g_ptr_array_index (numbered, i);
      const int *box = g_ptr_array_index (boxes, i);

      line->latin = read_latin (as_scanned, width, height, box[0], box[1], box[2], box[3]);
    }
  return TRUE;
}

static void
line_free (gpointer data)
{
  XsOcrLine *line = data;

  g_free (line->text);
  g_free (line->latin);
  g_free (line);
}

void
xs_ocr_text_free (XsOcrText *text)
{
  if (text == NULL)
    return;
  g_ptr_array_unref (text->lines);
  g_free (text);
}

/**
 * xs_ocr_read_scan:
 *
 * Reads the text of each page of @scan, the first %XS_OCR_MAX_PAGES of them. Slow (about half
 * a second a page): call it off the main thread.
 *
 * Returns: (transfer full): the lines read, or %NULL with @error set
 */
XsOcrText *
xs_ocr_read_scan (XsScan *scan, GCancellable *cancellable, GError **error)
{
  g_autoptr (XsOcrText) text = g_new0 (XsOcrText, 1);
  TessBaseAPI *engine = get_engine (error);
  guint pages = MIN (xs_scan_get_n_pages (scan), XS_OCR_MAX_PAGES);
  /* A PDF's page is in points; an image is taken to be a scan at 300 dpi already. */
  double scale = xs_scan_get_scan_type (scan) == XS_SCAN_TYPE_PDF ? XS_OCR_DPI / 72.0 : 1.0;

  text->lines = g_ptr_array_new_with_free_func (line_free);
  if (engine == NULL)
    return NULL;
  for (guint page = 0; page < pages; page++)
    {
      cairo_surface_t *surface = xs_scan_render_page (scan, page, scale, error);
      gboolean read;

      if (surface == NULL)
        return NULL;
      read = read_page (engine, surface, page, text, cancellable, error);
      cairo_surface_destroy (surface);
      if (!read)
        return NULL;
    }
  return g_steal_pointer (&text);
}

XsOcrText *
xs_ocr_read_file (const char *path, GCancellable *cancellable, GError **error)
{
  g_autoptr (XsScan) scan = xs_scan_new_for_path (path, error);

  if (scan == NULL)
    return NULL;
  return xs_ocr_read_scan (scan, cancellable, error);
}

char *
xs_ocr_text_dup_string (const XsOcrText *text)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < text->lines->len; i++)
    {
      const XsOcrLine *line = g_ptr_array_index (text->lines, i);

      g_string_append (s, line->text);
      g_string_append_c (s, '\n');
    }
  return g_string_free (s, FALSE);
}
