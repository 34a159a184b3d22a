/* sheet-floor.c — the floor of rendering confirmation sheets: straightforward Cairo/Pango.
 *
 *   sheet-floor SHEETS.tsv OUT.pdf
 *
 * Draws every sheet of the sheet data that bench/gen writes (--sheet-data) into one PDF: the
 * summary page (title, identity block, the five-year table, verdict, signature boxes of the
 * filing chain) and the detail pages (every approved activity, year by year, the table header
 * repeated on each page), with page numbers — the same text and lines as `xueshi-cli sheet`
 * and as the flat ODF documents LibreOffice converts. Bare Cairo and PangoCairo, fonts
 * embedded: no database, no rules, no layout engine, so whatever Xueshi's sheet costs above
 * this is its own overhead (and what it saves below, its layout cache and batched rules).
 * Measures mirror src/core/xs-sheet-layout.c.
 *
 * Input lines (tab-separated; '^' in a field breaks the line):
 *   S  id name gender id-number unit current applying specialty from to
 *      6 × (year public professional total verdict) 3 × chain-step verdict-text
 *   H  a year's heading on the detail pages
 *   D  index kind title date subject hours reason
 *   N  "no activity this year"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>
#include <cairo-pdf.h>
#include <glib.h>
#include <pango/pangocairo.h>

#define MM(x) ((x)*72.0 / 25.4)
#define PAGE_WIDTH MM (210.0)
#define PAGE_HEIGHT MM (297.0)
#define MARGIN MM (20.0)
#define BOTTOM (PAGE_HEIGHT - MM (18.0) - 24.0) /* the footer below */
#define TEXT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define ROW_HEIGHT 24.0
#define DETAIL_ROW_HEIGHT 20.0
#define CHAIN_HEIGHT 118.0
#define PAD_X 5.0
#define PAD_Y 4.0
#define GAP 12.0
#define N_DETAIL 7

enum
{
  S_ID = 1,
  S_NAME,
  S_GENDER,
  S_ID_NUMBER,
  S_UNIT,
  S_CURRENT,
  S_APPLYING,
  S_SPECIALTY,
  S_FROM,
  S_TO,
  S_YEARS,
  S_CHAIN = S_YEARS + 6 * 5,
  S_VERDICT = S_CHAIN + 3,
  S_FIELDS,
};

typedef enum
{
  FONT_TITLE,
  FONT_HEADING,
  FONT_BODY,
  FONT_LABEL,
  FONT_FIGURE,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  FONT_SMALL_FIGURE,
  FONT_FOOTER,
  FONT_VERDICT,
  N_FONTS
} Font;

typedef struct
{
  PangoLayout *cells[N_DETAIL]; /* one spanning cell for H and N rows */
  guint n_cells;
  gboolean shaded;
  double height;
} Row;

typedef struct
{
  cairo_t *cr;
  PangoContext *context;
  PangoLayout *layout; /* for text drawn once, where it is */
  PangoFontDescription *fonts[N_FONTS];
  double detail_x[N_DETAIL];
  double detail_w[N_DETAIL];
} Floor;

static const double detail_fractions[N_DETAIL] = { 0.055, 0.15, 0.30, 0.14, 0.075, 0.085, 0.195 };

static PangoLayout *
make_layout (Floor *f, Font font, const char *text, double width, PangoAlignment align)
{
  PangoLayout *layout = pango_layout_new (f->context);

  pango_layout_set_font_description (layout, f->fonts[font]);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
  pango_layout_set_alignment (layout, align);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double)h / PANGO_SCALE;
}

/* Text at x, y in @width; vertically centred in @height when it is > 0. Returns its height. */
static double
text_at (Floor *f, Font font, const char *text, double x, double y, double width, double height,
         PangoAlignment align)
{
  double h;

  pango_layout_set_font_description (f->layout, f->fonts[font]);
  pango_layout_set_width (f->layout, (int)(width * PANGO_SCALE));
  pango_layout_set_alignment (f->layout, align);
  pango_layout_set_text (f->layout, text, -1);
  h = layout_height (f->layout);
  cairo_move_to (f->cr, x, height > 0 ? y + (height - h) / 2 : y);
  pango_cairo_show_layout (f->cr, f->layout);
  return h;
}

static void
shade (Floor *f, double x, double y, double w, double h)
{
  cairo_set_source_rgb (f->cr, 0.92, 0.92, 0.92);
  cairo_rectangle (f->cr, x, y, w, h);
  cairo_fill (f->cr);
  cairo_set_source_rgb (f->cr, 0, 0, 0);
}

/* A grid with the texts in row order; returns its bottom. */
static double
grid (Floor *f, double top, const double *fractions, guint n_cols, guint rows,
      const char *const *cells, const gboolean *shaded_cols, gboolean header_row)
{
  cairo_t *cr = f->cr;
  double x = MARGIN;

  for (guint c = 0; c < n_cols; c++)
    {
      double w = fractions[c] * TEXT_WIDTH;

      for (guint r = 0; r < rows; r++)
        {
          double y = top + r * ROW_HEIGHT;
          gboolean label = (shaded_cols && shaded_cols[c]) || (header_row && r == 0);

          if (label)
            shade (f, x, y, w, ROW_HEIGHT);
          text_at (f,
                   label                            ? FONT_LABEL
                   : (header_row && c > 0 && c < 4) ? FONT_FIGURE
                                                    : FONT_BODY,
                   cells[r * n_cols + c], x + PAD_X, y, w - 2 * PAD_X, ROW_HEIGHT,
                   header_row ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT);
        }
      x += w;
    }

  cairo_set_line_width (cr, 0.5);
  for (guint r = 1; r < rows; r++)
    {
      cairo_move_to (cr, MARGIN, top + r * ROW_HEIGHT);
      cairo_line_to (cr, MARGIN + TEXT_WIDTH, top + r * ROW_HEIGHT);
    }
  x = MARGIN;
  for (guint c = 0; c + 1 < n_cols; c++)
    {
      x += fractions[c] * TEXT_WIDTH;
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, top + rows * ROW_HEIGHT);
    }
  cairo_stroke (cr);
  cairo_set_line_width (cr, 1.2);
  cairo_rectangle (cr, MARGIN, top, TEXT_WIDTH, rows * ROW_HEIGHT);
  cairo_stroke (cr);
  return top + rows * ROW_HEIGHT;
}

static void
footer (Floor *f, const char *id, guint page, guint pages)
{
  g_autofree char *text =
      g_strdup_printf ("编号：XS-2026-%s　　第 %u 页　共 %u 页", id, page, pages);

  cairo_set_line_width (f->cr, 0.5);
  cairo_move_to (f->cr, MARGIN, BOTTOM + 6);
  cairo_line_to (f->cr, MARGIN + TEXT_WIDTH, BOTTOM + 6);
  cairo_stroke (f->cr);
  text_at (f, FONT_FOOTER, text, MARGIN, BOTTOM + 10, TEXT_WIDTH, 0, PANGO_ALIGN_CENTER);
}

static void
draw_summary (Floor *f, char **s, guint pages)
{
  static const double identity_cols[4] = { 0.27, 0.30, 0.15, 0.28 };
  static const double year_cols[5] = { 0.16, 0.21, 0.21, 0.21, 0.21 };
  static const gboolean identity_shade[4] = { TRUE, FALSE, TRUE, FALSE };
  g_autofree char *span = g_strdup_printf ("%s年至%s年（共5年）", s[S_FROM], s[S_TO]);
  g_autofree char *serial = g_strdup_printf ("编号：XS-2026-%s", s[S_ID]);
  g_autofree char *stamp = g_strdup_printf ("生成时间：2026年6月1日 10:00　操作员：基准测试　"
                                            "验证码：XS26-%s",
                                            s[S_ID]);
  const char *identity[16] = {
    "姓名",
    s[S_NAME],
    "性别",
    s[S_GENDER],
    "身份证号",
    s[S_ID_NUMBER],
    "专业",
    s[S_SPECIALTY],
    "工作单位",
    s[S_UNIT],
    "核认跨度",
    span,
    "现专业技术职务（资格）",
    s[S_CURRENT],
    "申报职称",
    s[S_APPLYING],
  };
  const char *years[7 * 5] = { "年度", "公需科目学时", "专业科目学时", "合计", "是否达标" };
  double y = MARGIN;
  guint n_chain = 0;

  for (guint i = 0; i < 6 * 5; i++)
    years[5 + i] = s[S_YEARS + i];

  y += text_at (f, FONT_TITLE, "湖南省专业技术人员继续教育学时认定单", MARGIN, y, TEXT_WIDTH, 0,
                PANGO_ALIGN_CENTER);
  y += 4 + text_at (f, FONT_SMALL, serial, MARGIN, y + 4, TEXT_WIDTH, 0, PANGO_ALIGN_LEFT);
  y = grid (f, y + 4, identity_cols, 4, 4, identity, identity_shade, FALSE) + GAP;
  y = grid (f, y, year_cols, 5, 7, years, NULL, TRUE) + 4;
  y += text_at (f, FONT_SMALL,
                "注：每年度公需科目不少于30学时、专业科目不少于60学时（合计不少于90学时）为达标；"
                "视同完成的年度按公需30学时、专业60学时计。只计已审核认定的学时。",
                MARGIN, y, TEXT_WIDTH, 0, PANGO_ALIGN_LEFT);
  y += GAP;
  y += text_at (f, FONT_VERDICT, s[S_VERDICT], MARGIN, y, TEXT_WIDTH, 0, PANGO_ALIGN_LEFT) + GAP;
  y += text_at (f, FONT_LABEL, "审核与备案", MARGIN, y, TEXT_WIDTH, 0, PANGO_ALIGN_CENTER) + 4;

  while (n_chain < 3 && s[S_CHAIN + n_chain][0] != '\0')
    n_chain++;
  for (guint c = 0; c < n_chain; c++)
    {
      double w = TEXT_WIDTH / n_chain, x = MARGIN + c * w;

      cairo_set_line_width (f->cr, 0.5);
      cairo_rectangle (f->cr, x, y, w, CHAIN_HEIGHT);
      cairo_stroke (f->cr);
      text_at (f, FONT_LABEL, s[S_CHAIN + c], x + 6, y + 6, w - 12, 0, PANGO_ALIGN_LEFT);
      text_at (f, FONT_BODY, "（盖章）", x + 6, y + CHAIN_HEIGHT - 44, w - 12, 0,
               PANGO_ALIGN_RIGHT);
      text_at (f, FONT_BODY, "经办人：", x + 6, y + CHAIN_HEIGHT - 24, w - 12, 0, PANGO_ALIGN_LEFT);
      text_at (f, FONT_BODY, "日期：　　年　月　日", x + 6, y + CHAIN_HEIGHT - 24, w - 12, 0,
               PANGO_ALIGN_RIGHT);
    }
  y += CHAIN_HEIGHT + GAP;
  text_at (f, FONT_SMALL, stamp, MARGIN, y, TEXT_WIDTH, 0, PANGO_ALIGN_LEFT);
  footer (f, s[S_ID], 1, pages);
  cairo_show_page (f->cr);
}

static void
row_clear (Row *row)
{
  for (guint c = 0; c < row->n_cells; c++)
    g_clear_object (&row->cells[c]);
}

/* Builds a detail row from an H, D or N line: its layouts and height. */
static void
row_build (Floor *f, Row *row, char **fields)
{
  memset (row, 0, sizeof *row);
  if (fields[0][0] == 'D')
    {
      static const Font fonts[N_DETAIL] = { FONT_SMALL_FIGURE, FONT_SMALL, FONT_SMALL,
                                            FONT_SMALL_FIGURE, FONT_SMALL, FONT_SMALL_FIGURE,
                                            FONT_SMALL };
      static const PangoAlignment aligns[N_DETAIL] = {
        PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT,   PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER,
        PANGO_ALIGN_CENTER, PANGO_ALIGN_CENTER, PANGO_ALIGN_LEFT,
      };

      row->n_cells = N_DETAIL;
      row->height = DETAIL_ROW_HEIGHT;
      for (guint c = 0; c < N_DETAIL; c++)
        {
          g_strdelimit (fields[c + 1], "^", '\n');
          row->cells[c] =
              make_layout (f, fonts[c], fields[c + 1], f->detail_w[c] - 2 * PAD_X, aligns[c]);
          row->height = MAX (row->height, layout_height (row->cells[c]) + 2 * PAD_Y);
        }
    }
  else
    {
      row->n_cells = 1;
      row->shaded = fields[0][0] == 'H';
      row->cells[0] =
          make_layout (f, row->shaded ? FONT_SMALL_BOLD : FONT_SMALL, fields[1],
                       TEXT_WIDTH - 2 * PAD_X, row->shaded ? PANGO_ALIGN_LEFT : PANGO_ALIGN_CENTER);
      row->height = MAX (DETAIL_ROW_HEIGHT, layout_height (row->cells[0]) + 2 * PAD_Y);
    }
}

static void
row_draw (Floor *f, const Row *row, double y)
{
  cairo_t *cr = f->cr;

  if (row->shaded)
    shade (f, MARGIN, y, TEXT_WIDTH, row->height);
  for (guint c = 0; c < row->n_cells; c++)
    {
      double x = row->n_cells == 1 ? MARGIN : f->detail_x[c];

      cairo_move_to (cr, x + PAD_X, y + (row->height - layout_height (row->cells[c])) / 2);
      pango_cairo_show_layout (cr, row->cells[c]);
    }
  cairo_set_line_width (cr, 0.5);
  cairo_rectangle (cr, MARGIN, y, TEXT_WIDTH, row->height);
  for (guint c = 1; c < row->n_cells; c++)
    {
      cairo_move_to (cr, f->detail_x[c], y);
      cairo_line_to (cr, f->detail_x[c], y + row->height);
    }
  cairo_stroke (cr);
}

/* The detail pages of one sheet: returns the page each row starts (0: continues the page). */
static guint
paginate (Row *rows, guint n, double first_top, double top, double header_height, gboolean *breaks)
{
  double y = first_top + header_height;
  guint pages = 1;

  for (guint i = 0; i < n; i++)
    {
      breaks[i] = FALSE;
      if (y + rows[i].height > BOTTOM)
        {
          breaks[i] = TRUE;
          pages++;
          y = top + header_height;
        }
      y += rows[i].height;
    }
  return pages;
}

static void
draw_sheet (Floor *f, char **summary, GPtrArray *lines)
{
  g_autofree Row *rows = g_new0 (Row, lines->len);
  g_autofree gboolean *breaks = g_new0 (gboolean, lines->len);
  g_autofree char *person =
      g_strdup_printf ("姓名：%s　　身份证号：%s　　核认跨度：%s年至%s年", summary[S_NAME],
                       summary[S_ID_NUMBER], summary[S_FROM], summary[S_TO]);
  static const char *const headers[N_DETAIL] = { "序号", "形式", "名称",    "日期",
                                                 "科目", "学时", "认定理由" };
  char *header_fields[N_DETAIL + 1] = { (char *)"D" };
  double first_top = MARGIN + 15.0 * 1.5 + 6 + 9.0 * 1.5 + 6, y;
  Row header;
  guint pages, page = 2;

  for (guint c = 0; c < N_DETAIL; c++)
    header_fields[c + 1] = g_strdup (headers[c]);
  row_build (f, &header, header_fields);
  header.shaded = TRUE;
  for (guint c = 0; c < N_DETAIL; c++)
    {
      g_free (header_fields[c + 1]);
      pango_layout_set_font_description (header.cells[c], f->fonts[FONT_SMALL_BOLD]);
      pango_layout_set_alignment (header.cells[c], PANGO_ALIGN_CENTER);
    }
  for (guint i = 0; i < lines->len; i++)
    row_build (f, &rows[i], g_ptr_array_index (lines, i));
  pages = 1 + paginate (rows, lines->len, first_top, MARGIN, header.height, breaks);

  draw_summary (f, summary, pages);

  y = MARGIN;
  y += text_at (f, FONT_HEADING, "继续教育活动认定明细", MARGIN, y, TEXT_WIDTH, 0,
                PANGO_ALIGN_CENTER) +
       6;
  text_at (f, FONT_SMALL, person, MARGIN, y, TEXT_WIDTH, 0, PANGO_ALIGN_LEFT);
  y = first_top;
  row_draw (f, &header, y);
  y += header.height;
  for (guint i = 0; i < lines->len; i++)
    {
      if (breaks[i])
        {
          footer (f, summary[S_ID], page++, pages);
          cairo_show_page (f->cr);
          y = MARGIN;
          row_draw (f, &header, y);
          y += header.height;
        }
      row_draw (f, &rows[i], y);
      y += rows[i].height;
      row_clear (&rows[i]);
    }
  footer (f, summary[S_ID], page, pages);
  cairo_show_page (f->cr);
  row_clear (&header);
}

static PangoFontDescription *
font (const char *family, gboolean bold, double size)
{
  PangoFontDescription *desc = pango_font_description_from_string (family);

  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  return desc;
}

int
main (int argc, char **argv)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GPtrArray) detail = g_ptr_array_new_with_free_func ((GDestroyNotify)g_strfreev);
  char **summary = NULL;
  cairo_surface_t *surface;
  Floor f;
  guint sheets = 0;
  double x = MARGIN;
  /* The sheet's fonts (src/core/xs-sheet-layout.c): a TrueType Ming for the text, a 黑体 at
   * its own weight for titles and labels. */
  const char *serif = "AR PL UMing CN", *heading = "WenQuanYi Zen Hei";

  if (argc != 3)
    {
      g_printerr ("usage: sheet-floor SHEETS.tsv OUT.pdf\n");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &contents, NULL, &error))
    {
      g_printerr ("sheet-floor: %s\n", error->message);
      return 1;
    }

  surface = cairo_pdf_surface_create (argv[2], PAGE_WIDTH, PAGE_HEIGHT);
  f.cr = cairo_create (surface);
  f.context = pango_cairo_create_context (f.cr);
  f.layout = pango_layout_new (f.context);
  pango_layout_set_wrap (f.layout, PANGO_WRAP_WORD_CHAR);
  f.fonts[FONT_TITLE] = font (heading, FALSE, 19.0);
  f.fonts[FONT_HEADING] = font (heading, FALSE, 15.0);
  f.fonts[FONT_BODY] = font (serif, FALSE, 10.5);
  f.fonts[FONT_LABEL] = font (heading, FALSE, 10.5);
  f.fonts[FONT_FIGURE] = font (serif, FALSE, 10.5);
  f.fonts[FONT_SMALL] = font (serif, FALSE, 9.0);
  f.fonts[FONT_SMALL_BOLD] = font (heading, FALSE, 9.0);
  f.fonts[FONT_SMALL_FIGURE] = font (serif, FALSE, 9.0);
  f.fonts[FONT_FOOTER] = font (serif, FALSE, 8.0);
  f.fonts[FONT_VERDICT] = font (heading, FALSE, 13.0);
  for (guint c = 0; c < N_DETAIL; c++)
    {
      f.detail_x[c] = x;
      f.detail_w[c] = detail_fractions[c] * TEXT_WIDTH;
      x += f.detail_w[c];
    }
  cairo_set_source_rgb (f.cr, 0, 0, 0);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0;; i++)
    {
      char **fields =
          lines[i] != NULL && lines[i][0] != '\0' ? g_strsplit (lines[i], "\t", -1) : NULL;

      /* A sheet ends at the next S line or at the end. */
      if ((lines[i] == NULL || (fields != NULL && fields[0][0] == 'S')) && summary != NULL)
        {
          draw_sheet (&f, summary, detail);
          g_clear_pointer (&summary, g_strfreev);
          g_ptr_array_set_size (detail, 0);
          sheets++;
        }
      if (lines[i] == NULL)
        break;
      if (fields == NULL)
        continue;
      if (fields[0][0] == 'S')
        {
          if (g_strv_length (fields) != S_FIELDS)
            {
              g_printerr ("sheet-floor: %s, line %u: expected %d fields\n", argv[1], i + 1,
                          S_FIELDS);
              return 1;
            }
          summary = fields;
        }
      else if ((fields[0][0] == 'D' && g_strv_length (fields) == N_DETAIL + 1) ||
               ((fields[0][0] == 'H' || fields[0][0] == 'N') && g_strv_length (fields) == 2))
        g_ptr_array_add (detail, fields);
      else
        {
          g_printerr ("sheet-floor: %s, line %u: not a sheet line\n", argv[1], i + 1);
          return 1;
        }
    }

  for (guint i = 0; i < N_FONTS; i++)
    pango_font_description_free (f.fonts[i]);
  g_object_unref (f.layout);
  g_object_unref (f.context);
  cairo_destroy (f.cr);
  cairo_surface_finish (surface);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      g_printerr ("sheet-floor: %s: %s\n", argv[2],
                  cairo_status_to_string (cairo_surface_status (surface)));
      return 1;
    }
  cairo_surface_destroy (surface);
  g_printerr ("sheet-floor: %u sheets in %s\n", sheets, argv[2]);
  return 0;
}
