/* ocr-gen.c — certificates to read, and what each says: the OCR benchmark's input.
 *
 *   ocr-gen DIR N [SEED]
 *
 * Writes DIR/cert-NNN.{png,jpg}, DIR/truth.tsv (file, kind, name, id_number,
 * certificate_number, organizer, start, end, hours) and DIR/blank.png (a page with nothing
 * on it: the reader's start, without a page to read). Each certificate varies as scans do:
 * its font (four CJK faces), ink (black or blue), a red seal over the dates or the name,
 * a slight rotation, speckle noise, JPEG at quality 55–90, grey or colour. Drawn with Cairo,
 * Pango and gdk-pixbuf only: nothing of the core it measures.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdlib.h>

static const char *const fonts[] = { "Noto Serif CJK SC", "Noto Sans CJK SC", "AR PL UMing CN",
                                     "WenQuanYi Zen Hei" };
static const char *const surnames[] = {
  "张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴",
  "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"
};
static const char *const given[] = { "伟", "芳", "娜",   "敏",   "静",   "丽",  "强",
                                     "磊", "军", "洋",   "勇",   "艳",   "杰",  "涛",
                                     "明", "超", "秀英", "建国", "晓红", "志强" };
static const char *const organizers[] = { "中南大学", "湖南大学", "长沙理工大学", "湖南工学院" };
static const char *const themes[] = { "人工智能与数字经济", "乡村振兴战略", "高质量发展",
                                      "数字政府建设",       "安全生产管理", "绿色低碳发展" };

static void
resident_id (GRand *r, char out[19])
{
  static const int weights[] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0;

  g_snprintf (out, 19, "4301%02d%04d%02d%02d%03d", g_rand_int_range (r, 1, 30),
              g_rand_int_range (r, 1960, 2000), g_rand_int_range (r, 1, 13),
              g_rand_int_range (r, 1, 29), g_rand_int_range (r, 0, 1000));
  for (int i = 0; i < 17; i++)
    sum += (out[i] - '0') * weights[i];
  out[17] = "10X98765432"[sum % 11];
  out[18] = '\0';
}

typedef struct
{
  char *name, *id, *number, *organizer, *start, *end, *hours;
  char *lines[8];
} Certificate;

static void
make (GRand *r, guint n, Certificate *c)
{
  char id[19];
  int month = g_rand_int_range (r, 1, 12), day = g_rand_int_range (r, 1, 24);
  int days = g_rand_int_range (r, 1, 5);
  const char *org = organizers[g_rand_int_range (r, 0, G_N_ELEMENTS (organizers))];

  resident_id (r, id);
  c->name = g_strconcat (surnames[g_rand_int_range (r, 0, G_N_ELEMENTS (surnames))],
                         given[g_rand_int_range (r, 0, G_N_ELEMENTS (given))], NULL);
  c->id = g_strdup (id);
  c->number = g_strdup_printf ("HN%04u-%02d%03u", 2026, month, n + 100);
  c->organizer = g_strdup (org);
  c->start = g_strdup_printf ("2026-%02d-%02d", month, day);
  c->end = g_strdup_printf ("2026-%02d-%02d", month, day + days - 1);
  c->hours = g_strdup_printf ("%d", days * 8);
  c->lines[0] = g_strdup ("结业证书");
  c->lines[1] = g_strdup_printf ("兹证明 %s 同志（身份证号：%s）", c->name, id);
  c->lines[2] = days == 1 ? g_strdup_printf ("于2026年%d月%d日参加%s举办的", month, day, org)
                          : g_strdup_printf ("于2026年%d月%d日至%d月%d日参加%s举办的", month, day,
                                             month, day + days - 1, org);
  c->lines[3] = g_strdup_printf ("“%s”专业技术人员培训班，",
                                 themes[g_rand_int_range (r, 0, G_N_ELEMENTS (themes))]);
  c->lines[4] = g_strdup_printf ("共计%d学时，考核合格，特发此证。", days * 8);
  c->lines[5] = g_strdup_printf ("证书编号：%s", c->number);
  c->lines[6] = g_strdup_printf ("2026年%d月%d日", month, MIN (28, day + days + 2));
  c->lines[7] = NULL;
}

static void
draw (GRand *r, cairo_t *cr, const Certificate *c, const char *font, gboolean blue,
      gboolean seal_on_name)
{
  g_autoptr (PangoLayout) layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);
  double scale = 300.0 / 72.0;
  double angle = (g_rand_double (r) - 0.5) * 2.0 * G_PI / 180.0; /* ±1° */

  cairo_set_source_rgb (cr, 0.98, 0.97, 0.94);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  cairo_translate (cr, 297, 210);
  cairo_rotate (cr, angle);
  cairo_translate (cr, -297, -210);
  pango_font_description_set_absolute_size (desc, 15 * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  if (blue)
    cairo_set_source_rgb (cr, 0.08, 0.12, 0.45);
  else
    cairo_set_source_rgb (cr, 0.05, 0.05, 0.05);
  for (guint i = 0; c->lines[i] != NULL; i++)
    {
      /* The title larger and centred, the issuer's date at the right. */
      pango_font_description_set_absolute_size (desc, (i == 0 ? 26 : 15) * PANGO_SCALE);
      pango_layout_set_font_description (layout, desc);
      cairo_move_to (cr, i == 0 ? 240 : i == 6 ? 400 : 50, i == 0 ? 40 : 60 + i * 40);
      pango_layout_set_text (layout, c->lines[i], -1);
      pango_cairo_show_layout (cr, layout);
    }
  pango_font_description_free (desc);

  /* The seal: ink on ink (multiply), over the dates' line or the name. */
  cairo_save (cr);
  cairo_set_operator (cr, CAIRO_OPERATOR_MULTIPLY);
  cairo_set_source_rgba (cr, 0.85, 0.1, 0.12, 0.9);
  cairo_set_line_width (cr, 3.5);
  cairo_new_path (cr);
  cairo_arc (cr, seal_on_name ? 170 : 300, seal_on_name ? 110 : 150, 55, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_move_to (cr, (seal_on_name ? 170 : 300) - 10, (seal_on_name ? 110 : 150) - 10);
  cairo_rel_line_to (cr, 20, 0);
  cairo_rel_line_to (cr, -10, 18);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_restore (cr);
}

static void
speckle (GRand *r, GdkPixbuf *pixbuf, double amount)
{
  int w = gdk_pixbuf_get_width (pixbuf), h = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf), n = gdk_pixbuf_get_n_channels (pixbuf);
  guint8 *px = gdk_pixbuf_get_pixels (pixbuf);
  gint64 dots = (gint64)(w * (gint64)h * amount);

  for (gint64 i = 0; i < dots; i++)
    {
      guint8 *p =
          px + (gsize)g_rand_int_range (r, 0, h) * stride + (gsize)g_rand_int_range (r, 0, w) * n;
      guint8 v = (guint8)g_rand_int_range (r, 0, 256);

      p[0] = p[1] = p[2] = v;
    }
}

static GdkPixbuf *
to_pixbuf (cairo_surface_t *surface, gboolean grey)
{
  int w = cairo_image_surface_get_width (surface), h = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  GdkPixbuf *pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, w, h);
  guint8 *out = gdk_pixbuf_get_pixels (pixbuf);
  int out_stride = gdk_pixbuf_get_rowstride (pixbuf);

  cairo_surface_flush (surface);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint32 v = ((const guint32 *)(data + (gsize)y * stride))[x];
        guint8 r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;
        guint8 *o = out + (gsize)y * out_stride + (gsize)x * 3;

        if (grey)
          r = g = b = (guint8)((r * 299 + g * 587 + b * 114) / 1000);
        o[0] = r, o[1] = g, o[2] = b;
      }
  return pixbuf;
}

int
main (int argc, char **argv)
{
  g_autoptr (GString) truth = g_string_new (NULL);
  g_autofree char *truth_path = NULL;
  GRand *r;
  guint n;

  if (argc < 3)
    {
      g_printerr ("usage: %s DIR N [SEED]\n", argv[0]);
      return 2;
    }
  n = (guint)atoi (argv[2]);
  r = g_rand_new_with_seed (argc > 3 ? (guint32)atoi (argv[3]) : 2026);
  g_mkdir_with_parents (argv[1], 0755);
  for (guint i = 0; i < n; i++)
    {
      Certificate c = { 0 };
      gboolean grey = i % 2 == 0, jpeg = i % 3 != 0;
      const char *font = fonts[i % G_N_ELEMENTS (fonts)];
      cairo_surface_t *surface = cairo_image_surface_create (
          CAIRO_FORMAT_RGB24, (int)(595 * 300.0 / 72), (int)(420 * 300.0 / 72));
      cairo_t *cr = cairo_create (surface);
      g_autoptr (GdkPixbuf) pixbuf = NULL;
      g_autoptr (GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("cert-%03u.%s", i, jpeg ? "jpg" : "png");
      g_autofree char *path = g_build_filename (argv[1], name, NULL);
      char quality[8];
      gboolean ok;

      make (r, i, &c);
      draw (r, cr, &c, font, i % 4 == 1, i % 5 == 2);
      cairo_destroy (cr);
      pixbuf = to_pixbuf (surface, grey);
      cairo_surface_destroy (surface);
      speckle (r, pixbuf, 0.002 * (i % 3));
      g_snprintf (quality, sizeof quality, "%d", 55 + (int)(i * 7 % 36));
      ok = jpeg ? gdk_pixbuf_save (pixbuf, path, "jpeg", &error, "quality", quality, NULL)
                : gdk_pixbuf_save (pixbuf, path, "png", &error, NULL);
      if (!ok)
        {
          g_printerr ("ocr-gen: %s: %s\n", path, error->message);
          return 1;
        }
      g_string_append_printf (truth, "%s\ttraining\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", name, c.name,
                              c.id, c.number, c.organizer, c.start, c.end, c.hours);
    }
  {
    cairo_surface_t *blank = cairo_image_surface_create (
        CAIRO_FORMAT_RGB24, (int)(595 * 300.0 / 72), (int)(420 * 300.0 / 72));
    cairo_t *cr = cairo_create (blank);
    g_autofree char *path = g_build_filename (argv[1], "blank.png", NULL);

    cairo_set_source_rgb (cr, 1, 1, 1);
    cairo_paint (cr);
    cairo_destroy (cr);
    if (cairo_surface_write_to_png (blank, path) != CAIRO_STATUS_SUCCESS)
      return 1;
    cairo_surface_destroy (blank);
  }
  truth_path = g_build_filename (argv[1], "truth.tsv", NULL);
  if (!g_file_set_contents (truth_path, truth->str, (gssize)truth->len, NULL))
    return 1;
  g_rand_free (r);
  return 0;
}
