/* xs-sheet.c — the confirmation sheet 《湖南省专业技术人员继续教育学时认定单》 as PDF.
 *
 * A sheet is rendered in three steps. Build: every cell's text is set into a Pango layout
 * (shaped once) and the page's content becomes a list of blocks — table rows and free text —
 * with their heights. Paginate: the blocks are placed on pages, a table's header repeated
 * when it continues. Draw: each page's blocks, rules, footer and, for drafts, the watermark.
 * Knowing the page count before drawing is what lets the footer say 第 1 页 共 N 页.
 *
 * Output is deterministic: no random ids, dates from the generation time only, and layout
 * with unhinted metrics so the same data and time give the same bytes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

#include "xs-qr.h"
#include "xs-table-lines.h"
#include "xs-sheet-code.h"
#include "xs-sheet-layout.h"
#include "xs-sheet.h"
#include "xs-tenths.h"

struct _XsSheet
{
  gatomicrefcount ref_count;
  XsRules *rules;
  XsUnit *unit;
  XsPerson *person;
  XsHoursReport *report;
  char *code;
  char *digest;
  guint pending; /* pending activities that would count in the span */
};

typedef enum
{
  STYLE_TITLE,
  STYLE_HEADING,
  STYLE_LABEL,
  STYLE_BODY,
  STYLE_FIGURE,
  STYLE_FIGURE_BOLD,
  STYLE_VERDICT,
  STYLE_SMALL,
  STYLE_SMALL_BOLD,
  STYLE_SMALL_FIGURE,
  STYLE_FOOTER,
  STYLE_WATERMARK,
  N_STYLES
} Style;

struct _XsSheetRenderer
{
  GObject parent_instance;

  const XsSheetLayout *layout;
  PangoFontMap *font_map;
  PangoContext *context;
  PangoFontDescription *fonts[N_STYLES];
  GPtrArray *free_layouts; /* PangoLayout, reused from sheet to sheet */
  /* (style, alignment, width, text) → PangoLayout, see cell_layout() */
  GHashTable *cell_layouts;
  char *family; /* the serif family actually found */

  GDateTime *time;
  char *operator_name;
  gboolean draft;
};

/* clang-format off */
G_DEFINE_QUARK (xs-sheet-error-quark, xs_sheet_error)
/* clang-format on */
G_DEFINE_BOXED_TYPE (XsSheet, xs_sheet, xs_sheet_ref, xs_sheet_unref)
G_DEFINE_FINAL_TYPE (XsSheetRenderer, xs_sheet_renderer, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_TIME,
  PROP_OPERATOR,
  PROP_DRAFT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Characters every sheet prints; the font must have them all. */
static const char cjk_probe[] = "湖南省专业技术人员继续教育学时认定单姓名性别";

typedef enum
{
  ALIGN_START,
  ALIGN_CENTER,
  ALIGN_END,
  ALIGN_DECIMAL, /* figures: decimal points in a line, the column's figures centred */
} Align;

typedef struct
{
  double x; /* from the left margin */
  double w;
  PangoLayout *layout;      /* borrowed from the model's layouts; NULL for an empty cell */
  PangoLayout *bottom;      /* seal and date lines, at the bottom right; NULL mostly */
  PangoLayout *bottom_left; /* the signer, level with the first bottom line */
  Align align;
  gboolean top;   /* text at the top of the cell instead of the middle */
  gboolean shade; /* header grey */
  double anchor;  /* ALIGN_DECIMAL: where the decimal point goes, from the cell's left */
  XsQr *qr;       /* borrowed */
} Cell;

typedef struct _Block Block;
struct _Block
{
  double height;
  double space_before;
  GArray *cells;     /* Cell */
  guint table;       /* 0: free text, no rules; else the table it belongs to */
  double min_height; /* > 0: may shrink to this to stay on the page (signature boxes) */
  gboolean keep_with_next;
  gboolean page_break_before;
  Block *repeat[2]; /* rows to repeat above this one on a new page */
};

typedef struct
{
  Block *block;
  guint page;
  double y;
} Placement;

typedef struct
{
  XsSheetRenderer *self;
  XsSheet *sheet;
  char *serial;
  GPtrArray *blocks;  /* Block, owned, everything built */
  GPtrArray *flow;    /* Block, borrowed, in reading order */
  GArray *placements; /* Placement */
  GPtrArray *layouts; /* PangoLayout, owned, handed back to the renderer at the end */
  XsQr *qr;
  guint pages;
  GError *error; /* the first failure while building */
} Model;

/* ------------------------------------------------------------------------------------------ */
/* XsSheet                                                                                    */

/**
 * xs_sheet_new:
 * @rules: the rules in force
 * @unit: the person's unit (its category picks the filing chain)
 * @person: the person
 * @activities: (element-type XsActivity): all the person's activities
 *
 * Computes the hours report and the verification code. The sheet is immutable and may be
 * handed to another thread.
 *
 * Returns: (transfer full): the sheet
 */
XsSheet *
xs_sheet_new (XsRules *rules, XsUnit *unit, XsPerson *person, GPtrArray *activities)
{
  XsSheet *sheet;

  g_return_val_if_fail (XS_IS_RULES (rules), NULL);
  g_return_val_if_fail (unit != NULL, NULL);
  g_return_val_if_fail (person != NULL, NULL);

  sheet = g_new0 (XsSheet, 1);
  g_atomic_ref_count_init (&sheet->ref_count);
  sheet->rules = g_object_ref (rules);
  sheet->unit = xs_unit_ref (unit);
  sheet->person = xs_person_ref (person);
  sheet->report = xs_hours_report_new (rules, person, activities);
  sheet->code = xs_sheet_code_compute (rules, sheet->report);
  sheet->digest = xs_sheet_code_dup_digest (rules, sheet->report);

  for (guint i = 0; i < sheet->report->activities->len; i++)
    {
      const XsActivityResult *r = g_ptr_array_index (sheet->report->activities, i);

      if (r->activity->status == XS_STATUS_PENDING &&
          xs_credit_touches_years (r->credit, sheet->report->span_from, sheet->report->span_to))
        sheet->pending++;
    }
  return sheet;
}

/**
 * xs_sheet_new_from_store:
 * @store: the records
 * @rules: the rules in force
 * @person_id: whose sheet
 *
 * Returns: (transfer full) (nullable): the sheet, or %NULL with a store error
 */
XsSheet *
xs_sheet_new_from_store (XsStore *store, XsRules *rules, const char *person_id, GError **error)
{
  g_autoptr (XsPerson) person = NULL;
  g_autoptr (XsUnit) unit = NULL;
  g_autoptr (GPtrArray) activities = NULL;

  g_return_val_if_fail (XS_IS_STORE (store), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  person = xs_store_get_person (store, person_id, error);
  if (person == NULL)
    return NULL;
  unit = xs_store_get_unit (store, person->unit_id, error);
  if (unit == NULL)
    return NULL;
  activities = xs_store_list_activities (store, person->id, error);
  if (activities == NULL)
    return NULL;
  return xs_sheet_new (rules, unit, person, activities);
}

XsSheet *
xs_sheet_ref (XsSheet *sheet)
{
  g_return_val_if_fail (sheet != NULL, NULL);
  g_atomic_ref_count_inc (&sheet->ref_count);
  return sheet;
}

void
xs_sheet_unref (XsSheet *sheet)
{
  if (sheet == NULL || !g_atomic_ref_count_dec (&sheet->ref_count))
    return;
  g_object_unref (sheet->rules);
  xs_unit_unref (sheet->unit);
  xs_person_unref (sheet->person);
  xs_hours_report_free (sheet->report);
  g_free (sheet->code);
  g_free (sheet->digest);
  g_free (sheet);
}

/**
 * xs_sheet_get_rules:
 *
 * Returns: (transfer none): the rules the sheet was computed with
 */
XsRules *
xs_sheet_get_rules (XsSheet *sheet)
{
  return sheet->rules;
}

/**
 * xs_sheet_get_person:
 *
 * Returns: (transfer none): the person
 */
XsPerson *
xs_sheet_get_person (XsSheet *sheet)
{
  return sheet->person;
}

/**
 * xs_sheet_get_unit:
 *
 * Returns: (transfer none): the person's unit
 */
XsUnit *
xs_sheet_get_unit (XsSheet *sheet)
{
  return sheet->unit;
}

/**
 * xs_sheet_get_report:
 *
 * Returns: (transfer none): the hours report the sheet prints
 */
const XsHoursReport *
xs_sheet_get_report (XsSheet *sheet)
{
  return sheet->report;
}

/**
 * xs_sheet_get_code:
 *
 * Returns: (transfer none): the verification code, see xs_sheet_code_compute()
 */
const char *
xs_sheet_get_code (XsSheet *sheet)
{
  return sheet->code;
}

/**
 * xs_sheet_get_pending:
 *
 * Returns: how many activities that would count in the span still await review
 */
guint
xs_sheet_get_pending (XsSheet *sheet)
{
  return sheet->pending;
}

static void
append_safe (GString *s, const char *text, gsize max_bytes)
{
  for (const char *p = text; *p != '\0' && s->len < max_bytes; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == 0x7f || (c < 0x80 && strchr ("/\\:*?\"<>|", (int)c) != NULL))
        g_string_append_c (s, '_');
      else
        g_string_append_unichar (s, c);
    }
}

/**
 * xs_sheet_dup_file_name:
 *
 * A file name for the sheet: the person's name and the last four characters of their ID
 * number, e.g. `张三-002X.pdf`. Characters that file systems refuse become `_`.
 *
 * Returns: (transfer full): the name, without a folder
 */
char *
xs_sheet_dup_file_name (XsSheet *sheet)
{
  const XsPerson *p = sheet->person;
  GString *s = g_string_new (NULL);
  const char *id = p->id_number != NULL ? p->id_number : "";
  gsize len = strlen (id);

  if (p->name != NULL && *p->name != '\0' && g_utf8_validate (p->name, -1, NULL))
    append_safe (s, p->name, 120);
  else
    append_safe (s, p->id, 120);
  g_string_append_c (s, '-');
  if (len >= 4)
    append_safe (s, id + len - 4, 200);
  else
    append_safe (s, p->id, 200);
  if (s->str[0] == '.')
    s->str[0] = '_';
  g_string_append (s, ".pdf");
  return g_string_free (s, FALSE);
}

/**
 * xs_sheet_dup_generation_time:
 *
 * The time a sheet is generated at: `SOURCE_DATE_EPOCH` when set (reproducible output),
 * else now; in Asia/Shanghai.
 *
 * Returns: (transfer full) (nullable): the time, or %NULL with %XS_SHEET_ERROR_TIME
 */
GDateTime *
xs_sheet_dup_generation_time (GError **error)
{
  const char *epoch = g_getenv ("SOURCE_DATE_EPOCH");
  g_autoptr (GTimeZone) zone = g_time_zone_new_identifier ("Asia/Shanghai");
  g_autoptr (GDateTime) utc = NULL;

  /* China has kept UTC+8 without summer time since 1991. */
  if (zone == NULL)
    zone = g_time_zone_new_offset (8 * 3600);

  if (epoch != NULL)
    {
      guint64 seconds;

      if (!g_ascii_string_to_unsigned (epoch, 10, 0, G_GINT64_CONSTANT (253402300799), &seconds,
                                       NULL))
        {
          g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_TIME,
                       _ ("SOURCE_DATE_EPOCH is “%s”, not a number of seconds since 1970"), epoch);
          return NULL;
        }
      utc = g_date_time_new_from_unix_utc ((gint64)seconds);
    }
  else
    utc = g_date_time_new_now_utc ();

  return g_date_time_to_timezone (utc, zone);
}

/* ------------------------------------------------------------------------------------------ */
/* Text                                                                                       */

static PangoLayout *
take_layout (Model *m, Style style, const char *text, double width, PangoAlignment align)
{
  XsSheetRenderer *self = m->self;
  const XsSheetLayout *l = self->layout;
  PangoLayout *layout;
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  if (self->free_layouts->len > 0)
    layout = g_ptr_array_steal_index_fast (self->free_layouts, self->free_layouts->len - 1);
  else
    layout = pango_layout_new (self->context);
  g_ptr_array_add (m->layouts, layout);

  pango_layout_set_font_description (layout, self->fonts[style]);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int)(width * PANGO_SCALE));
      pango_layout_set_height (layout, -(int)l->max_cell_lines);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  else
    {
      pango_layout_set_width (layout, -1);
      pango_layout_set_height (layout, -1);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_NONE);
    }
  pango_layout_set_text (layout, valid, -1);

  /* Never print a box for a missing glyph: a rare character in a name must be noticed. */
  if (m->error == NULL && pango_layout_get_unknown_glyphs_count (layout) > 0)
    g_set_error (&m->error, XS_SHEET_ERROR, XS_SHEET_ERROR_GLYPH,
                 _ ("Cannot print “%s”: no installed font has all of its characters"), valid);
  return layout;
}

/* Most cells' texts come back sheet after sheet (labels, headers, kinds, subjects, hours,
 * reasons): their layouts, shaped once, are kept for the next sheet. Shaping is a fifth of a
 * sheet's time. Bounded, so a long batch does not keep every name it printed. */
#define MAX_CELL_LAYOUTS 2048

static PangoLayout *
cell_layout (Model *m, Style style, const char *text, double width, PangoAlignment align)
{
  XsSheetRenderer *self = m->self;
  g_autofree char *key =
      g_strdup_printf ("%d\x1f%d\x1f%.3f\x1f%s", (int)style, (int)align, width, text);
  PangoLayout *layout = g_hash_table_lookup (self->cell_layouts, key);

  if (layout != NULL)
    return layout;
  layout = take_layout (m, style, text, width, align);
  /* Only a layout with every glyph: a missing one must be reported for each sheet. */
  if (g_hash_table_size (self->cell_layouts) < MAX_CELL_LAYOUTS &&
      pango_layout_get_unknown_glyphs_count (layout) == 0)
    {
      g_ptr_array_steal_index_fast (m->layouts, m->layouts->len - 1);
      g_hash_table_insert (self->cell_layouts, g_steal_pointer (&key), layout);
    }
  return layout;
}

static void
give_back_layouts (Model *m)
{
  while (m->layouts->len > 0)
    {
      PangoLayout *layout = g_ptr_array_steal_index_fast (m->layouts, m->layouts->len - 1);
      pango_layout_set_text (layout, "", 0);
      g_ptr_array_add (m->self->free_layouts, layout);
    }
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double)h / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double)w / PANGO_SCALE;
}

/* x of the decimal point (or of the end, for a whole number) within a one-line layout */
static double
decimal_x (PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  const char *dot = strchr (text, '.');
  PangoRectangle pos;

  if (dot == NULL)
    return layout_width (layout);
  pango_layout_index_to_pos (layout, (int)(dot - text), &pos);
  return (double)pos.x / PANGO_SCALE;
}

static char *
format_tenths (gint64 tenths)
{
  return xs_tenths_format (tenths);
}

static char *
format_uint (guint value)
{
  return g_strdup_printf ("%u", value);
}

/* ------------------------------------------------------------------------------------------ */
/* Building blocks                                                                            */

static void
block_free (Block *block)
{
  g_array_unref (block->cells);
  g_free (block);
}

static Block *
add_block (Model *m, guint table, gboolean in_flow)
{
  Block *block = g_new0 (Block, 1);

  block->cells = g_array_new (FALSE, TRUE, sizeof (Cell));
  block->table = table;
  g_ptr_array_add (m->blocks, block);
  if (in_flow)
    g_ptr_array_add (m->flow, block);
  return block;
}

static double
content_width (Model *m)
{
  const XsSheetLayout *l = m->self->layout;
  return l->page_width - l->margin_left - l->margin_right;
}

/* Column positions from fractions of the text width; the last column takes what is left so
 * the right rule meets the frame exactly. */
static void
columns (Model *m, const double *fractions, guint n, double *x, double *w)
{
  double total = content_width (m);
  double at = 0;

  for (guint i = 0; i < n; i++)
    {
      x[i] = at;
      w[i] = i + 1 == n ? total - at : total * fractions[i];
      at += w[i];
    }
}

static Cell *
add_cell (Model *m, Block *block, double x, double w, Style style, const char *text, Align align)
{
  const XsSheetLayout *l = m->self->layout;
  Cell cell = { .x = x, .w = w, .align = align };
  PangoAlignment pa = align == ALIGN_CENTER ? PANGO_ALIGN_CENTER
                      : align == ALIGN_END  ? PANGO_ALIGN_RIGHT
                                            : PANGO_ALIGN_LEFT;
  double inner = w - 2 * l->cell_pad_x;

  if (text != NULL)
    cell.layout = cell_layout (m, style, text, align == ALIGN_DECIMAL ? -1 : inner, pa);
  g_array_append_val (block->cells, cell);
  return &g_array_index (block->cells, Cell, block->cells->len - 1);
}

/* A row's height: its tallest cell, and at least @min. */
static void
fit_height (Model *m, Block *block, double min)
{
  const XsSheetLayout *l = m->self->layout;
  double h = min;

  for (guint i = 0; i < block->cells->len; i++)
    {
      const Cell *c = &g_array_index (block->cells, Cell, i);
      double ch = 0;

      if (c->layout != NULL)
        ch += layout_height (c->layout);
      if (c->bottom != NULL)
        ch += layout_height (c->bottom) + l->cell_pad_y;
      if (c->qr != NULL)
        ch = MAX (ch, xs_qr_get_width (c->qr) * l->qr_module - 2 * l->cell_pad_y);
      h = MAX (h, ch + 2 * l->cell_pad_y);
    }
  block->height = h;
}

/* Lines up the decimal points of each figure column among the blocks from @first on, and
 * centres the column's widest figure in its cells. */
static void
align_figures (Model *m, guint first)
{
  g_autoptr (GArray) keys = g_array_new (FALSE, TRUE, sizeof (double) * 3); /* x, int, frac */

  for (guint i = first; i < m->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (m->blocks, i);

      for (guint k = 0; k < b->cells->len; k++)
        {
          Cell *c = &g_array_index (b->cells, Cell, k);
          double dx, *key = NULL;

          if (c->align != ALIGN_DECIMAL || c->layout == NULL)
            continue;
          dx = decimal_x (c->layout);
          for (guint n = 0; n < keys->len && key == NULL; n++)
            if (((double *)keys->data)[n * 3] == c->x)
              key = (double *)keys->data + n * 3;
          if (key == NULL)
            {
              double fresh[3] = { c->x, 0, 0 };
              g_array_append_vals (keys, fresh, 1);
              key = (double *)keys->data + (keys->len - 1) * 3;
            }
          key[1] = MAX (key[1], dx);
          key[2] = MAX (key[2], layout_width (c->layout) - dx);
        }
    }

  for (guint i = first; i < m->blocks->len; i++)
    {
      Block *b = g_ptr_array_index (m->blocks, i);

      for (guint k = 0; k < b->cells->len; k++)
        {
          Cell *c = &g_array_index (b->cells, Cell, k);

          if (c->align != ALIGN_DECIMAL)
            continue;
          for (guint n = 0; n < keys->len; n++)
            {
              const double *key = (const double *)keys->data + n * 3;
              if (key[0] == c->x)
                c->anchor = (c->w - key[1] - key[2]) / 2 + key[1];
            }
        }
    }
}

static const char *
gender_text (const XsSheetLayout *l, const char *gender)
{
  if (g_strcmp0 (gender, "male") == 0)
    return l->gender_male;
  if (g_strcmp0 (gender, "female") == 0)
    return l->gender_female;
  return gender != NULL ? gender : "";
}

static const char *
or_blank (const char *text)
{
  return text != NULL ? text : "";
}

static char *
format_time (const XsSheetLayout *l, GDateTime *time)
{
  g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (time));
  g_autofree char *month = g_strdup_printf ("%d", g_date_time_get_month (time));
  g_autofree char *day = g_strdup_printf ("%d", g_date_time_get_day_of_month (time));
  g_autofree char *hour = g_strdup_printf ("%02d", g_date_time_get_hour (time));
  g_autofree char *minute = g_strdup_printf ("%02d", g_date_time_get_minute (time));

  return xs_sheet_layout_expand (l->time_format, "year", year, "month", month, "day", day, "hour",
                                 hour, "minute", minute, NULL);
}

/* The head: the title, centred, with the QR code at the right; the serial number and the
 * verification code under them. The code sits on page 1 whatever the length of the rest. */
static gboolean
build_head (Model *m)
{
  const XsSheetLayout *l = m->self->layout;
  double w = content_width (m);
  g_autofree char *serial = xs_sheet_layout_expand (l->serial, "serial", m->serial, NULL);
  g_autofree char *code = xs_sheet_layout_expand (l->code_label, "code", m->sheet->code, NULL);
  double side;
  Block *b;
  Cell *c;

  m->qr = xs_qr_new (m->sheet->code, &m->error);
  if (m->qr == NULL)
    return FALSE;
  side = xs_qr_get_width (m->qr) * l->qr_module;

  b = add_block (m, 0, TRUE);
  add_cell (m, b, 0, w, STYLE_TITLE, l->title, ALIGN_CENTER);
  c = add_cell (m, b, w - side, side, STYLE_SMALL, NULL, ALIGN_END);
  c->qr = m->qr;
  fit_height (m, b, 0);

  b = add_block (m, 0, TRUE);
  b->space_before = l->cell_pad_y;
  add_cell (m, b, 0, w / 2, STYLE_SMALL, serial, ALIGN_START);
  add_cell (m, b, w / 2, w / 2, STYLE_SMALL, code, ALIGN_END);
  fit_height (m, b, 0);
  return TRUE;
}

static Block *
identity_row (Model *m, guint table, const double *x, const double *w, const char *label1,
              const char *value1, const char *label2, const char *value2)
{
  const XsSheetLayout *l = m->self->layout;
  Block *b = add_block (m, table, TRUE);
  Cell *c;

  c = add_cell (m, b, x[0], w[0], STYLE_LABEL, label1, ALIGN_CENTER);
  c->shade = TRUE;
  if (label2 == NULL)
    add_cell (m, b, x[1], w[1] + w[2] + w[3], STYLE_BODY, value1, ALIGN_START);
  else
    {
      add_cell (m, b, x[1], w[1], STYLE_BODY, value1, ALIGN_START);
      c = add_cell (m, b, x[2], w[2], STYLE_LABEL, label2, ALIGN_CENTER);
      c->shade = TRUE;
      add_cell (m, b, x[3], w[3], STYLE_BODY, value2, ALIGN_START);
    }
  fit_height (m, b, l->row_height);
  b->keep_with_next = TRUE;
  return b;
}

static void
build_identity (Model *m)
{
  const XsSheetLayout *l = m->self->layout;
  const XsPerson *p = m->sheet->person;
  const XsHoursReport *r = m->sheet->report;
  double x[XS_SHEET_IDENTITY_COLUMNS], w[XS_SHEET_IDENTITY_COLUMNS];
  g_autofree char *from = format_uint (r->span_from);
  g_autofree char *to = format_uint (r->span_to);
  g_autofree char *years = format_uint (r->span_to - r->span_from + 1);
  g_autofree char *span =
      xs_sheet_layout_expand (l->span, "from", from, "to", to, "years", years, NULL);
  const guint table = 1;
  Block *b;

  columns (m, l->identity_columns, XS_SHEET_IDENTITY_COLUMNS, x, w);
  b = identity_row (m, table, x, w, l->label_name, or_blank (p->name), l->label_gender,
                    gender_text (l, p->gender));
  b->space_before = l->block_gap / 2;
  identity_row (m, table, x, w, l->label_id_number, or_blank (p->id_number), l->label_specialty,
                or_blank (p->specialty));
  identity_row (m, table, x, w, l->label_unit, or_blank (m->sheet->unit->name), NULL, NULL);
  identity_row (m, table, x, w, l->label_current_title, or_blank (p->current_title),
                l->label_applying_title, or_blank (p->applying_title));
  b = identity_row (m, table, x, w, l->label_span, span, l->label_span_mode,
                    r->span_mode == XS_SPAN_CUMULATIVE ? l->span_mode_cumulative
                                                       : l->span_mode_per_year);
  b->keep_with_next = FALSE;
}

static const char *
year_state (const XsSheetLayout *l, const XsYearFigures *f)
{
  if (f->deemed_complete)
    return l->deemed;
  return f->compliant ? l->compliant : l->not_compliant;
}

static Block *
year_figures_row (Model *m, guint table, const double *x, const double *w, const char *label,
                  gint64 pub, gint64 pro, gint64 total, const char *state, gboolean bold_state,
                  gboolean bold)
{
  const XsSheetLayout *l = m->self->layout;
  Block *b = add_block (m, table, TRUE);
  g_autofree char *a = format_tenths (pub);
  g_autofree char *c = format_tenths (pro);
  g_autofree char *t = format_tenths (total);
  Style figure = bold ? STYLE_FIGURE_BOLD : STYLE_FIGURE;

  add_cell (m, b, x[0], w[0], bold ? STYLE_LABEL : STYLE_BODY, label, ALIGN_CENTER);
  add_cell (m, b, x[1], w[1], figure, a, ALIGN_DECIMAL);
  add_cell (m, b, x[2], w[2], figure, c, ALIGN_DECIMAL);
  add_cell (m, b, x[3], w[3], figure, t, ALIGN_DECIMAL);
  add_cell (m, b, x[4], w[4], bold_state ? STYLE_LABEL : STYLE_BODY, state, ALIGN_CENTER);
  fit_height (m, b, l->row_height);
  return b;
}

static void
build_years (Model *m)
{
  const XsSheetLayout *l = m->self->layout;
  const XsHoursReport *r = m->sheet->report;
  double x[XS_SHEET_YEAR_COLUMNS], w[XS_SHEET_YEAR_COLUMNS];
  guint first = m->blocks->len;
  gint64 pub = 0, pro = 0, total = 0;
  guint met = 0;
  const guint table = 2;
  Block *b, *header;
  Cell *c;

  columns (m, l->year_columns, XS_SHEET_YEAR_COLUMNS, x, w);

  for (guint i = 0; i < r->years->len; i++)
    {
      const XsYearSummary *y = &g_array_index (r->years, XsYearSummary, i);

      pub += y->confirmed.public_tenths;
      pro += y->confirmed.professional_tenths;
      total += y->confirmed.total_tenths;
      if (y->confirmed.compliant)
        met++;
    }

  header = add_block (m, table, TRUE);
  header->space_before = l->block_gap;
  header->keep_with_next = TRUE;
  for (guint k = 0; k < XS_SHEET_YEAR_COLUMNS; k++)
    {
      c = add_cell (m, header, x[k], w[k], STYLE_LABEL, l->year_headers[k], ALIGN_CENTER);
      c->shade = TRUE;
    }
  fit_height (m, header, l->row_height);

  for (guint i = 0; i < r->years->len; i++)
    {
      const XsYearSummary *y = &g_array_index (r->years, XsYearSummary, i);
      g_autofree char *year = format_uint (y->year);
      g_autofree char *label = xs_sheet_layout_expand (l->year_row, "year", year, NULL);

      b = year_figures_row (m, table, x, w, label, y->confirmed.public_tenths,
                            y->confirmed.professional_tenths, y->confirmed.total_tenths,
                            year_state (l, &y->confirmed), !y->confirmed.compliant, FALSE);
      b->repeat[0] = header;
      /* The last year stays with the total. */
      b->keep_with_next = i + 1 == r->years->len;
    }

  {
    g_autofree char *met_text = format_uint (met);
    g_autofree char *years_text = format_uint (r->years->len);
    g_autofree char *state =
        xs_sheet_layout_expand (l->total_compliant, "met", met_text, "years", years_text, NULL);

    b = year_figures_row (m, table, x, w, l->total_row, pub, pro, total, state, FALSE, TRUE);
    b->repeat[0] = header;
  }
  align_figures (m, first);

  {
    g_autofree char *min_pub = format_tenths (xs_rules_get_min_public (m->sheet->rules));
    g_autofree char *min_pro = format_tenths (xs_rules_get_min_professional (m->sheet->rules));
    g_autofree char *min_total = format_tenths (xs_rules_get_min_total (m->sheet->rules));
    g_autofree char *note = xs_sheet_layout_expand (
        l->requirement_note, "public", min_pub, "professional", min_pro, "total", min_total, NULL);

    b = add_block (m, 0, TRUE);
    add_cell (m, b, 0, content_width (m), STYLE_SMALL, note, ALIGN_START);
    fit_height (m, b, 0);
  }
}

static char *
verdict_explanation (Model *m)
{
  const XsSheetLayout *l = m->self->layout;
  const XsHoursReport *r = m->sheet->report;
  XsRules *rules = m->sheet->rules;

  if (r->span_mode == XS_SPAN_CUMULATIVE)
    {
      gint64 pub = 0, pro = 0;
      guint n = r->years->len;

      for (guint i = 0; i < n; i++)
        {
          const XsYearSummary *y = &g_array_index (r->years, XsYearSummary, i);
          pub += y->confirmed.public_tenths;
          pro += y->confirmed.professional_tenths;
        }
      {
        g_autofree char *a = format_tenths (pub);
        g_autofree char *b = format_tenths (pro);
        g_autofree char *c = format_tenths (xs_rules_get_min_public (rules) * n);
        g_autofree char *d = format_tenths (xs_rules_get_min_professional (rules) * n);

        return xs_sheet_layout_expand (l->verdict_cumulative, "public", a, "professional", b,
                                       "min_public", c, "min_professional", d, NULL);
      }
    }

  if (r->passed)
    return g_strdup (l->verdict_all_met);
  {
    g_autoptr (GString) years = g_string_new (NULL);

    for (guint i = 0; i < r->years->len; i++)
      {
        const XsYearSummary *y = &g_array_index (r->years, XsYearSummary, i);
        g_autofree char *year = NULL;
        g_autofree char *item = NULL;

        if (y->confirmed.compliant)
          continue;
        year = format_uint (y->year);
        item = xs_sheet_layout_expand (l->verdict_year_item, "year", year, NULL);
        if (years->len > 0)
          g_string_append (years, l->verdict_year_separator);
        g_string_append (years, item);
      }
    return xs_sheet_layout_expand (l->verdict_years_unmet, "years", years->str, NULL);
  }
}

static void
build_verdict (Model *m)
{
  const XsSheetLayout *l = m->self->layout;
  const XsHoursReport *r = m->sheet->report;
  double x[XS_SHEET_YEAR_COLUMNS], w[XS_SHEET_YEAR_COLUMNS];
  g_autofree char *explanation = verdict_explanation (m);
  const guint table = 3;
  Block *b;
  Cell *c;

  columns (m, l->year_columns, XS_SHEET_YEAR_COLUMNS, x, w);
  b = add_block (m, table, TRUE);
  b->space_before = l->block_gap * 0.75;
  c = add_cell (m, b, x[0], w[0], STYLE_LABEL, l->label_verdict, ALIGN_CENTER);
  c->shade = TRUE;
  add_cell (m, b, x[1], w[1], STYLE_VERDICT, r->passed ? l->verdict_passed : l->verdict_failed,
            ALIGN_CENTER);
  add_cell (m, b, x[2], content_width (m) - x[2], STYLE_BODY, explanation, ALIGN_START);
  fit_height (m, b, l->row_height * 1.4);

  if (m->sheet->pending > 0)
    {
      g_autofree char *count = format_uint (m->sheet->pending);
      g_autofree char *text = xs_sheet_layout_expand (l->pending, "count", count, NULL);

      b = add_block (m, 0, TRUE);
      b->space_before = l->block_gap / 3;
      add_cell (m, b, 0, content_width (m), STYLE_LABEL, text, ALIGN_START);
      fit_height (m, b, 0);
    }
}

static gboolean
build_chain (Model *m)
{
  const XsSheetLayout *l = m->self->layout;
  const XsChain *chain = xs_rules_get_chain (m->sheet->rules, m->sheet->unit->category);
  g_autofree char *caption = NULL;
  g_autofree char *lines = NULL;
  guint n, per_row;
  const guint table = 4;
  double total = content_width (m);
  Block *b;
  Cell *c;

  if (chain == NULL || chain->steps == NULL || chain->steps[0] == NULL)
    {
      g_set_error (&m->error, XS_SHEET_ERROR, XS_SHEET_ERROR_CHAIN,
                   _ ("The rule file has no filing chain for units of category “%s”"),
                   or_blank (m->sheet->unit->category));
      return FALSE;
    }

  caption = xs_sheet_layout_expand (l->chain_caption, "chain", chain->name, NULL);
  b = add_block (m, table, TRUE);
  b->space_before = l->block_gap;
  b->keep_with_next = TRUE;
  c = add_cell (m, b, 0, total, STYLE_LABEL, caption, ALIGN_CENTER);
  c->shade = TRUE;
  fit_height (m, b, l->row_height);

  lines = g_strdup_printf ("%s\n%s", l->chain_seal, l->chain_date);
  n = g_strv_length (chain->steps);
  per_row = MAX (1, MIN (n, l->chain_columns));
  for (guint i = 0; i < n; i += per_row)
    {
      guint in_row = MIN (per_row, n - i);

      b = add_block (m, table, TRUE);
      for (guint k = 0; k < in_row; k++)
        {
          double x = total * k / per_row;
          double w = k + 1 == per_row ? total - x : total / per_row;

          c = add_cell (m, b, x, w, STYLE_LABEL, chain->steps[i + k], ALIGN_START);
          c->top = TRUE;
          c->bottom = take_layout (m, STYLE_BODY, lines, -1, PANGO_ALIGN_RIGHT);
          c->bottom_left = take_layout (m, STYLE_BODY, l->chain_signer, -1, PANGO_ALIGN_LEFT);
        }
      fit_height (m, b, l->chain_height);
      b->min_height =
          MAX (b->height - (l->chain_height - l->chain_min_height), l->chain_min_height);
      b->keep_with_next = i + per_row < n;
    }
  return TRUE;
}

static const char *
subject_text (const XsSheetLayout *l, const XsCredit *credit)
{
  if (xs_credit_is_deemed (credit))
    return l->subject_none;
  switch (credit->subject)
    {
    case XS_SUBJECT_PUBLIC:
      return l->subject_public;
    case XS_SUBJECT_PROFESSIONAL:
      return l->subject_professional;
    case XS_SUBJECT_BOTH:
      return l->subject_both;
    case XS_SUBJECT_NONE:
    default:
      return l->subject_none;
    }
}

static char *
dotted_date (const char *iso)
{
  /* 2021-03-15 → 2021.03.15 */
  g_autofree char *s = g_strdup (iso);

  g_strdelimit (s, "-", '.');
  return g_steal_pointer (&s);
}

static char *
date_text (const XsSheetLayout *l, const XsActivity *a, const XsCredit *credit)
{
  const char *start = xs_activity_get_param (a, "start");
  const char *end = xs_activity_get_param (a, "end");
  const char *year = xs_activity_get_param (a, "year");

  if (start != NULL && end != NULL && !g_str_equal (start, end))
    {
      g_autofree char *s = dotted_date (start);
      g_autofree char *e = dotted_date (end);
      return xs_sheet_layout_expand (l->date_range, "start", s, "end", e, NULL);
    }
  if (start != NULL || end != NULL)
    return dotted_date (start != NULL ? start : end);
  {
    g_autofree char *y = year != NULL ? g_strdup (year) : format_uint (credit->year);
    return xs_sheet_layout_expand (l->date_year, "year", y, NULL);
  }
}

static char *
hours_text (const XsSheetLayout *l, const XsCredit *credit)
{
  if (xs_credit_is_deemed (credit))
    return g_strdup (l->deemed);
  if (credit->subject == XS_SUBJECT_BOTH)
    {
      g_autofree char *a = format_tenths (credit->public_tenths);
      g_autofree char *b = format_tenths (credit->professional_tenths);
      return xs_sheet_layout_expand (l->hours_both, "public", a, "professional", b, NULL);
    }
  return format_tenths (xs_credit_get_hours (credit));
}

/* Within a year: by the activity's own date, then in the order entered. */
static int
compare_results (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const XsActivityResult *ra = *(const XsActivityResult *const *)a;
  const XsActivityResult *rb = *(const XsActivityResult *const *)b;
  GHashTable *order = user_data;
  const char *da = xs_activity_get_param (ra->activity, "start");
  const char *db = xs_activity_get_param (rb->activity, "start");
  int cmp;

  if (da == NULL)
    da = xs_activity_get_param (ra->activity, "end");
  if (db == NULL)
    db = xs_activity_get_param (rb->activity, "end");
  /* Undated activities (a year only) come after the dated ones of their year. */
  cmp = (da == NULL) - (db == NULL);
  if (cmp == 0 && da != NULL)
    cmp = strcmp (da, db);
  if (cmp == 0)
    cmp = GPOINTER_TO_INT (g_hash_table_lookup (order, ra)) -
          GPOINTER_TO_INT (g_hash_table_lookup (order, rb));
  return cmp;
}

static Block *
detail_year_block (Model *m, guint table, Block *header, const XsYearSummary *y, gboolean continued,
                   gboolean in_flow)
{
  const XsSheetLayout *l = m->self->layout;
  g_autofree char *year = format_uint (y->year);
  g_autofree char *pub = format_tenths (y->confirmed.public_tenths);
  g_autofree char *pro = format_tenths (y->confirmed.professional_tenths);
  g_autofree char *total = format_tenths (y->confirmed.total_tenths);
  g_autofree char *text =
      xs_sheet_layout_expand (l->detail_year, "year", year, "public", pub, "professional", pro,
                              "total", total, "state", year_state (l, &y->confirmed), NULL);
  g_autofree char *full =
      continued ? g_strconcat (text, l->detail_continued, NULL) : g_strdup (text);
  Block *b = add_block (m, table, in_flow);
  Cell *c = add_cell (m, b, 0, content_width (m), STYLE_SMALL_BOLD, full, ALIGN_START);

  if (in_flow)
    b->repeat[0] = header;

  c->shade = TRUE;
  fit_height (m, b, l->detail_row_height);
  b->keep_with_next = TRUE;
  return b;
}

static void
build_detail (Model *m)
{
  const XsSheetLayout *l = m->self->layout;
  const XsHoursReport *r = m->sheet->report;
  const XsPerson *p = m->sheet->person;
  double x[XS_SHEET_DETAIL_COLUMNS], w[XS_SHEET_DETAIL_COLUMNS];
  g_autoptr (GPtrArray) approved = g_ptr_array_new ();
  g_autoptr (GHashTable) order = g_hash_table_new (NULL, NULL);
  g_autofree char *from = format_uint (r->span_from);
  g_autofree char *to = format_uint (r->span_to);
  g_autofree char *person =
      xs_sheet_layout_expand (l->detail_person, "name", or_blank (p->name), "id_number",
                              or_blank (p->id_number), "from", from, "to", to, NULL);
  guint first;
  guint number = 0, outside = 0;
  const guint table = 5;
  Block *b, *header;
  Cell *c;

  columns (m, l->detail_columns, XS_SHEET_DETAIL_COLUMNS, x, w);

  for (guint i = 0; i < r->activities->len; i++)
    {
      XsActivityResult *res = g_ptr_array_index (r->activities, i);

      if (res->activity->status != XS_STATUS_APPROVED)
        continue;
      if (!xs_credit_touches_years (res->credit, r->span_from, r->span_to))
        {
          outside++;
          continue;
        }
      g_hash_table_insert (order, res, GINT_TO_POINTER (i));
      g_ptr_array_add (approved, res);
    }
  g_ptr_array_sort_with_data (approved, compare_results, order);
  first = m->blocks->len;

  b = add_block (m, 0, TRUE);
  b->page_break_before = TRUE;
  b->keep_with_next = TRUE;
  add_cell (m, b, 0, content_width (m), STYLE_HEADING, l->detail_title, ALIGN_CENTER);
  fit_height (m, b, 0);

  b = add_block (m, 0, TRUE);
  b->space_before = l->block_gap / 2;
  b->keep_with_next = TRUE;
  add_cell (m, b, 0, content_width (m), STYLE_SMALL, person, ALIGN_START);
  fit_height (m, b, 0);

  header = add_block (m, table, TRUE);
  header->space_before = l->block_gap / 2;
  header->keep_with_next = TRUE;
  for (guint k = 0; k < XS_SHEET_DETAIL_COLUMNS; k++)
    {
      c = add_cell (m, header, x[k], w[k], STYLE_SMALL_BOLD, l->detail_headers[k], ALIGN_CENTER);
      c->shade = TRUE;
    }
  fit_height (m, header, l->detail_row_height);

  for (guint i = 0; i < r->years->len; i++)
    {
      const XsYearSummary *y = &g_array_index (r->years, XsYearSummary, i);
      Block *continued;
      gboolean any = FALSE;

      detail_year_block (m, table, header, y, FALSE, TRUE);
      continued = detail_year_block (m, table, header, y, TRUE, FALSE);

      for (guint k = 0; k < approved->len; k++)
        {
          const XsActivityResult *res = g_ptr_array_index (approved, k);
          const XsKind *kind = xs_rules_get_kind (m->sheet->rules, res->activity->kind);
          g_autofree char *index = NULL;
          g_autofree char *date = NULL;
          g_autofree char *hours = NULL;
          const char *title = res->activity->title;

          if (!xs_credit_counts_in_year (res->credit, y->year))
            continue;
          any = TRUE;
          index = format_uint (++number);
          date = date_text (l, res->activity, res->credit);
          hours = hours_text (l, res->credit);

          b = add_block (m, table, TRUE);
          b->repeat[0] = header;
          b->repeat[1] = continued;
          add_cell (m, b, x[0], w[0], STYLE_SMALL_FIGURE, index, ALIGN_CENTER);
          add_cell (m, b, x[1], w[1], STYLE_SMALL, kind ? kind->name : res->activity->kind,
                    ALIGN_START);
          add_cell (m, b, x[2], w[2], STYLE_SMALL,
                    title != NULL && *title != '\0' ? title : l->subject_none, ALIGN_START);
          add_cell (m, b, x[3], w[3], STYLE_SMALL_FIGURE, date, ALIGN_CENTER);
          add_cell (m, b, x[4], w[4], STYLE_SMALL, subject_text (l, res->credit), ALIGN_CENTER);
          if (res->replaced)
            {
              /* Listed, not added: the year's figures are the earlier sheet's. */
              g_autofree char *reason =
                  xs_sheet_layout_expand (l->replaced, "reason", res->credit->reason, NULL);

              add_cell (m, b, x[5], w[5], STYLE_SMALL, l->replaced_hours, ALIGN_CENTER);
              add_cell (m, b, x[6], w[6], STYLE_SMALL, reason, ALIGN_START);
              fit_height (m, b, l->detail_row_height);
              continue;
            }
          if (xs_credit_is_deemed (res->credit) || strchr (hours, '\n') != NULL)
            add_cell (m, b, x[5], w[5],
                      xs_credit_is_deemed (res->credit) ? STYLE_SMALL : STYLE_SMALL_FIGURE, hours,
                      ALIGN_CENTER);
          else
            add_cell (m, b, x[5], w[5], STYLE_SMALL_FIGURE, hours, ALIGN_DECIMAL);
          add_cell (m, b, x[6], w[6], STYLE_SMALL, res->credit->reason, ALIGN_START);
          fit_height (m, b, l->detail_row_height);
        }

      if (!any)
        {
          b = add_block (m, table, TRUE);
          b->repeat[0] = header;
          add_cell (m, b, 0, content_width (m), STYLE_SMALL, l->detail_none, ALIGN_CENTER);
          fit_height (m, b, l->detail_row_height);
        }
    }

  align_figures (m, first);

  if (outside > 0)
    {
      g_autofree char *count = format_uint (outside);
      g_autofree char *text = xs_sheet_layout_expand (l->outside_span, "count", count, NULL);

      b = add_block (m, 0, TRUE);
      b->space_before = l->block_gap / 2;
      add_cell (m, b, 0, content_width (m), STYLE_SMALL, text, ALIGN_START);
      fit_height (m, b, 0);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* Pagination and drawing                                                                     */

static double
body_top (const XsSheetLayout *l)
{
  return l->margin_top;
}

static double
body_bottom (const XsSheetLayout *l)
{
  /* Room for the footer's two lines and its rule. */
  return l->page_height - l->margin_bottom - l->footer_size * 4.5;
}

static void
place (Model *m, Block *block, guint page, double y)
{
  Placement p = { block, page, y };
  g_array_append_val (m->placements, p);
}

static void
paginate (Model *m)
{
  const XsSheetLayout *l = m->self->layout;
  guint page = 1, last;
  double y = body_top (l);
  gboolean at_top = TRUE;

  for (guint i = 0; i < m->flow->len; i++)
    {
      Block *block = g_ptr_array_index (m->flow, i);
      double need = block->height;

      if (block->page_break_before && !at_top)
        {
          page++;
          y = body_top (l);
          at_top = TRUE;
        }
      if (!at_top)
        y += block->space_before;

      /* A heading or a header row never ends a page alone. */
      last = i;
      for (guint k = i; k + 1 < m->flow->len; k++)
        {
          Block *b = g_ptr_array_index (m->flow, k);
          Block *next = g_ptr_array_index (m->flow, k + 1);

          if (!b->keep_with_next || next->page_break_before)
            break;
          need += next->space_before + next->height;
          last = k + 1;
        }

      /* Signature boxes give up some of their room rather than leave the page. */
      if (y + need > body_bottom (l) && !at_top)
        {
          double slack = 0, over = y + need - body_bottom (l);

          for (guint k = i; k <= last; k++)
            {
              Block *b = g_ptr_array_index (m->flow, k);
              if (b->min_height > 0)
                slack += b->height - b->min_height;
            }
          if (slack >= over)
            for (guint k = i; k <= last && over > 0; k++)
              {
                Block *b = g_ptr_array_index (m->flow, k);
                double give = b->min_height > 0 ? MIN (b->height - b->min_height, over) : 0;

                b->height -= give;
                over -= give;
                need -= give;
              }
        }
      if (y + need > body_bottom (l) && !at_top)
        {
          page++;
          y = body_top (l);
          for (guint r = 0; r < G_N_ELEMENTS (block->repeat); r++)
            if (block->repeat[r] != NULL)
              {
                place (m, block->repeat[r], page, y);
                y += block->repeat[r]->height;
              }
        }
      place (m, block, page, y);
      y += block->height;
      at_top = FALSE;
    }
  m->pages = page;
}

static void
draw_text (cairo_t *cr, PangoLayout *layout, double x, double y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* @lines: where a table cell adds its edges, stroked later with its neighbours'; NULL for free
 * text */
static void
draw_cell (Model *m, cairo_t *cr, const Cell *c, double left, double top, double height,
           XsTableLines *lines)
{
  gboolean ruled = lines != NULL;
  const XsSheetLayout *l = m->self->layout;
  double x = left + c->x;

  if (c->shade && ruled)
    {
      cairo_set_source_rgb (cr, l->header_shade, l->header_shade, l->header_shade);
      cairo_rectangle (cr, x, top, c->w, height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0, 0, 0);

  if (c->layout != NULL)
    {
      double th = layout_height (c->layout);
      double ty = c->top ? top + l->cell_pad_y : top + (height - th) / 2;
      double tx = x + l->cell_pad_x;

      if (c->align == ALIGN_DECIMAL)
        tx = x + c->anchor - decimal_x (c->layout);
      draw_text (cr, c->layout, tx, ty);
    }
  if (c->bottom != NULL)
    {
      double bw = layout_width (c->bottom);
      double bh = layout_height (c->bottom);

      draw_text (cr, c->bottom, x + c->w - l->cell_pad_x * 2 - bw,
                 top + height - l->cell_pad_y - bh);
      if (c->bottom_left != NULL)
        draw_text (cr, c->bottom_left, x + l->cell_pad_x * 2, top + height - l->cell_pad_y - bh);
    }
  if (c->qr != NULL)
    {
      double side = xs_qr_get_width (c->qr) * l->qr_module;

      /* White quiet zone first, in case anything is ever drawn beneath. */
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_rectangle (cr, x + c->w - side - l->qr_margin * l->qr_module,
                       top - l->qr_margin * l->qr_module, side + 2 * l->qr_margin * l->qr_module,
                       side + 2 * l->qr_margin * l->qr_module);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      xs_qr_draw (c->qr, cr, x + c->w - side, top, l->qr_module);
    }
  if (ruled)
    xs_table_lines_add_box (lines, x, top, c->w, height);
}

static void
draw_frame (Model *m, cairo_t *cr, double top, double bottom)
{
  const XsSheetLayout *l = m->self->layout;

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, l->frame_width);
  cairo_rectangle (cr, l->margin_left, top, content_width (m), bottom - top);
  cairo_stroke (cr);
}

static void
draw_watermark (Model *m, cairo_t *cr)
{
  const XsSheetLayout *l = m->self->layout;
  PangoLayout *mark = take_layout (m, STYLE_WATERMARK, l->watermark, -1, PANGO_ALIGN_LEFT);

  cairo_save (cr);
  cairo_translate (cr, l->page_width / 2, l->page_height / 2);
  cairo_rotate (cr, -l->watermark_angle * G_PI / 180.0);
  cairo_set_source_rgba (cr, l->watermark_grey, l->watermark_grey, l->watermark_grey,
                         l->watermark_alpha);
  draw_text (cr, mark, -layout_width (mark) / 2, -layout_height (mark) / 2);
  cairo_restore (cr);
}

/* Every page says whose sheet it is, which page, when, by whom and under which rules, so a
 * page that comes loose can be put back. */
static void
draw_footer (Model *m, cairo_t *cr, guint page)
{
  const XsSheetLayout *l = m->self->layout;
  XsSheetRenderer *self = m->self;
  double w = content_width (m);
  g_autofree char *page_text = format_uint (page);
  g_autofree char *pages_text = format_uint (m->pages);
  g_autofree char *left = xs_sheet_layout_expand (l->footer_left, "serial", m->serial, "name",
                                                  or_blank (m->sheet->person->name), NULL);
  g_autofree char *first =
      self->draft ? g_strconcat (l->draft_notice, left, NULL) : g_strdup (left);
  g_autofree char *right =
      xs_sheet_layout_expand (l->page_number, "page", page_text, "pages", pages_text, NULL);
  g_autofree char *time = format_time (l, self->time);
  g_autofree char *generated = xs_sheet_layout_expand (l->generated, "time", time, NULL);
  g_autofree char *operator_line =
      xs_sheet_layout_expand (l->operator_label, "operator", or_blank (self->operator_name), NULL);
  g_autofree char *rules =
      xs_sheet_layout_expand (l->rules_label, "title", xs_rules_get_title (m->sheet->rules),
                              "version", xs_rules_get_version (m->sheet->rules), NULL);
  g_autofree char *second = g_strdup_printf ("%s　%s　%s", generated, operator_line, rules);
  PangoLayout *rl = take_layout (m, STYLE_FOOTER, right, -1, PANGO_ALIGN_RIGHT);
  PangoLayout *ll =
      take_layout (m, STYLE_FOOTER, first, w - layout_width (rl) - 12, PANGO_ALIGN_LEFT);
  PangoLayout *sl = take_layout (m, STYLE_FOOTER, second, w, PANGO_ALIGN_LEFT);
  double y;

  /* One line each, whatever the names: cut with an ellipsis rather than grow. */
  pango_layout_set_height (ll, -1);
  pango_layout_set_height (sl, -1);
  y = l->page_height - l->margin_bottom - layout_height (sl) - layout_height (ll);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_set_line_width (cr, l->rule_width);
  cairo_move_to (cr, l->margin_left, y - 3);
  cairo_line_to (cr, l->page_width - l->margin_right, y - 3);
  cairo_stroke (cr);
  draw_text (cr, ll, l->margin_left, y);
  draw_text (cr, rl, l->page_width - l->margin_right - layout_width (rl), y);
  draw_text (cr, sl, l->margin_left, y + layout_height (ll));
}

/* A table's cell rules, then its frame over them. */
static void
finish_table (Model *m, cairo_t *cr, XsTableLines *lines, double top, double bottom)
{
  cairo_set_source_rgb (cr, 0, 0, 0);
  xs_table_lines_stroke (lines, cr, m->self->layout->rule_width);
  draw_frame (m, cr, top, bottom);
}

static void
draw_page (Model *m, cairo_t *cr, guint page)
{
  const XsSheetLayout *l = m->self->layout;
  g_autoptr (XsTableLines) lines = xs_table_lines_new ();
  guint table = 0;
  double table_top = 0, table_bottom = 0;

  cairo_save (cr);

  for (guint i = 0; i < m->placements->len; i++)
    {
      const Placement *p = &g_array_index (m->placements, Placement, i);
      const Block *b = p->block;

      if (p->page != page)
        continue;
      if (table != 0 && b->table != table)
        finish_table (m, cr, lines, table_top, table_bottom);
      if (b->table != 0 && b->table != table)
        table_top = p->y;
      table = b->table;
      table_bottom = p->y + b->height;

      for (guint k = 0; k < b->cells->len; k++)
        draw_cell (m, cr, &g_array_index (b->cells, Cell, k), l->margin_left, p->y, b->height,
                   b->table != 0 ? lines : NULL);
    }
  if (table != 0)
    finish_table (m, cr, lines, table_top, table_bottom);

  draw_footer (m, cr, page);
  /* Over everything, translucent: shaded cells cannot hide it. */
  if (m->self->draft)
    draw_watermark (m, cr);
  cairo_restore (cr);
}

static char *
make_serial (XsSheetRenderer *self, XsSheet *sheet)
{
  g_autofree char *date = g_date_time_format (self->time, "%Y%m%d");

  return g_strdup_printf ("%s-%s-%.8s", date, sheet->person->id, sheet->digest);
}

static void
model_free (Model *m)
{
  if (m == NULL)
    return;
  give_back_layouts (m);
  g_ptr_array_unref (m->layouts);
  g_ptr_array_unref (m->flow);
  g_ptr_array_unref (m->blocks);
  g_array_unref (m->placements);
  xs_qr_free (m->qr);
  g_free (m->serial);
  g_clear_error (&m->error);
  g_free (m);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Model, model_free)

static Model *
model_new (XsSheetRenderer *self, XsSheet *sheet, GError **error)
{
  g_autoptr (Model) m = g_new0 (Model, 1);

  m->self = self;
  m->sheet = sheet;
  m->serial = make_serial (self, sheet);
  m->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify)block_free);
  m->flow = g_ptr_array_new ();
  m->placements = g_array_new (FALSE, FALSE, sizeof (Placement));
  m->layouts = g_ptr_array_new_with_free_func (g_object_unref);

  build_head (m);
  build_identity (m);
  build_years (m);
  build_verdict (m);
  if (m->error == NULL && build_chain (m))
    build_detail (m);
  if (m->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&m->error));
      return NULL;
    }
  paginate (m);
  return g_steal_pointer (&m);
}

/* ------------------------------------------------------------------------------------------ */
/* XsSheetRenderer                                                                            */

static PangoFontDescription *
font (const char *family, gboolean bold, double size)
{
  PangoFontDescription *desc = pango_font_description_from_string (family);

  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_absolute_size (desc, size * PANGO_SCALE);
  return desc;
}

static gboolean
font_covers (PangoFont *f, const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!pango_font_has_char (f, g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

/* Whether the layout's heading family itself is installed and prints Chinese, rather than
 * fontconfig's nearest substitute for it. */
static gboolean
heading_family_installed (XsSheetRenderer *self)
{
  g_autoptr (PangoFontDescription) desc = font (self->layout->heading_family, FALSE, 10.0);
  g_autoptr (PangoFont) f = pango_font_map_load_font (self->font_map, self->context, desc);
  g_autoptr (PangoFontDescription) found = NULL;

  if (f == NULL || !font_covers (f, cjk_probe))
    return FALSE;
  found = pango_font_describe (f);
  return g_ascii_strcasecmp (pango_font_description_get_family (found),
                             self->layout->heading_family) == 0;
}

/* Finds the font each family list resolves to and checks that it really has Chinese: a
 * missing CJK font would otherwise fall back to a Latin one and print boxes. */
static gboolean
check_font (XsSheetRenderer *self, Style style, char **family, GError **error)
{
  g_autoptr (PangoFont) f =
      pango_font_map_load_font (self->font_map, self->context, self->fonts[style]);
  g_autoptr (PangoFontDescription) found = NULL;

  if (f == NULL || !font_covers (f, cjk_probe))
    {
      g_autofree char *wanted = pango_font_description_to_string (self->fonts[style]);

      g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_FONT,
                   _ ("No font for Chinese text: none of “%s” is installed with Chinese "
                      "characters (install fonts-arphic-uming and "
                      "fonts-wqy-zenhei, or fonts-noto-cjk)"),
                   wanted);
      return FALSE;
    }
  found = pango_font_describe (f);
  if (family != NULL)
    *family = g_strdup (pango_font_description_get_family (found));
  return TRUE;
}

static void
xs_sheet_renderer_finalize (GObject *object)
{
  XsSheetRenderer *self = XS_SHEET_RENDERER (object);

  for (guint i = 0; i < N_STYLES; i++)
    g_clear_pointer (&self->fonts[i], pango_font_description_free);
  g_clear_pointer (&self->free_layouts, g_ptr_array_unref);
  g_clear_pointer (&self->cell_layouts, g_hash_table_unref);
  g_clear_object (&self->context);
  g_clear_object (&self->font_map);
  g_clear_pointer (&self->time, g_date_time_unref);
  g_free (self->operator_name);
  g_free (self->family);

  G_OBJECT_CLASS (xs_sheet_renderer_parent_class)->finalize (object);
}

static void
xs_sheet_renderer_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsSheetRenderer *self = XS_SHEET_RENDERER (object);

  switch (prop_id)
    {
    case PROP_TIME:
      g_value_set_boxed (value, xs_sheet_renderer_get_time (self));
      break;
    case PROP_OPERATOR:
      g_value_set_string (value, xs_sheet_renderer_get_operator (self));
      break;
    case PROP_DRAFT:
      g_value_set_boolean (value, xs_sheet_renderer_get_draft (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_sheet_renderer_set_property (GObject *object, guint prop_id, const GValue *value,
                                GParamSpec *pspec)
{
  XsSheetRenderer *self = XS_SHEET_RENDERER (object);

  switch (prop_id)
    {
    case PROP_TIME:
      xs_sheet_renderer_set_time (self, g_value_get_boxed (value));
      break;
    case PROP_OPERATOR:
      xs_sheet_renderer_set_operator (self, g_value_get_string (value));
      break;
    case PROP_DRAFT:
      xs_sheet_renderer_set_draft (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_sheet_renderer_class_init (XsSheetRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = xs_sheet_renderer_finalize;
  object_class->get_property = xs_sheet_renderer_get_property;
  object_class->set_property = xs_sheet_renderer_set_property;

  properties[PROP_TIME] =
      g_param_spec_boxed ("time", NULL, NULL, G_TYPE_DATE_TIME,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_OPERATOR] =
      g_param_spec_string ("operator", NULL, NULL, NULL,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DRAFT] =
      g_param_spec_boolean ("draft", NULL, NULL, FALSE,
                            G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xs_sheet_renderer_init (XsSheetRenderer *self)
{
  const XsSheetLayout *l = xs_sheet_layout_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();
  const char *heading = l->serif_family;
  gboolean heading_bold = TRUE;

  self->layout = l;
  self->free_layouts = g_ptr_array_new_with_free_func (g_object_unref);
  self->cell_layouts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);

  /* A font map of its own: renderers on different threads share nothing of Pango's. */
  self->font_map = pango_cairo_font_map_new ();
  pango_cairo_font_map_set_resolution (PANGO_CAIRO_FONT_MAP (self->font_map), 72.0);
  self->context = pango_font_map_create_context (self->font_map);
  pango_context_set_language (self->context, pango_language_from_string ("zh-cn"));
  pango_context_set_base_dir (self->context, PANGO_DIRECTION_LTR);
  /* PDF is vector output: no hinting, no rounding, so metrics are the font's own and the
   * same on every machine. */
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias (options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_cairo_context_set_resolution (self->context, 72.0);
  pango_context_set_round_glyph_positions (self->context, FALSE);

  self->fonts[STYLE_BODY] = font (l->serif_family, FALSE, l->body_size);
  self->fonts[STYLE_FIGURE] = font (l->figure_family, FALSE, l->body_size);
  self->fonts[STYLE_SMALL] = font (l->serif_family, FALSE, l->small_size);
  self->fonts[STYLE_SMALL_FIGURE] = font (l->figure_family, FALSE, l->small_size);
  self->fonts[STYLE_FOOTER] = font (l->serif_family, FALSE, l->footer_size);
  if (heading_family_installed (self))
    {
      heading = l->heading_family;
      heading_bold = FALSE;
    }
  self->fonts[STYLE_TITLE] = font (heading, heading_bold, l->title_size);
  self->fonts[STYLE_HEADING] = font (heading, heading_bold, l->heading_size);
  self->fonts[STYLE_LABEL] = font (heading, heading_bold, l->body_size);
  self->fonts[STYLE_FIGURE_BOLD] = font (heading, heading_bold, l->body_size);
  self->fonts[STYLE_VERDICT] = font (heading, heading_bold, l->verdict_size);
  self->fonts[STYLE_SMALL_BOLD] = font (heading, heading_bold, l->small_size);
  self->fonts[STYLE_WATERMARK] = font (heading, heading_bold, l->watermark_size);
}

/**
 * xs_sheet_renderer_new:
 *
 * Makes a renderer: finds the fonts and checks they can print Chinese. One renderer renders
 * any number of sheets, one at a time; use one per thread.
 *
 * Returns: (transfer full) (nullable): the renderer, or %NULL with %XS_SHEET_ERROR_FONT
 *   or %XS_SHEET_ERROR_TIME
 */
XsSheetRenderer *
xs_sheet_renderer_new (GError **error)
{
  g_autoptr (XsSheetRenderer) self = g_object_new (XS_TYPE_SHEET_RENDERER, NULL);

  if (!check_font (self, STYLE_BODY, &self->family, error) ||
      !check_font (self, STYLE_LABEL, NULL, error) || !check_font (self, STYLE_FIGURE, NULL, error))
    return NULL;
  self->time = xs_sheet_dup_generation_time (error);
  if (self->time == NULL)
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * xs_sheet_renderer_get_time:
 *
 * Returns: (transfer none): the generation time printed on sheets
 */
GDateTime *
xs_sheet_renderer_get_time (XsSheetRenderer *self)
{
  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), NULL);
  return self->time;
}

/**
 * xs_sheet_renderer_set_time:
 * @time: the generation time; shown in Asia/Shanghai whatever its zone
 */
void
xs_sheet_renderer_set_time (XsSheetRenderer *self, GDateTime *time)
{
  g_autoptr (GTimeZone) zone = NULL;
  GDateTime *local;

  g_return_if_fail (XS_IS_SHEET_RENDERER (self));
  g_return_if_fail (time != NULL);

  if (self->time != NULL && g_date_time_equal (self->time, time))
    return;
  zone = g_time_zone_new_identifier ("Asia/Shanghai");
  if (zone == NULL)
    zone = g_time_zone_new_offset (8 * 3600);
  local = g_date_time_to_timezone (time, zone);
  g_clear_pointer (&self->time, g_date_time_unref);
  self->time = local;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIME]);
}

/**
 * xs_sheet_renderer_get_operator:
 *
 * Returns: (transfer none) (nullable): who is named as the operator on the sheets
 */
const char *
xs_sheet_renderer_get_operator (XsSheetRenderer *self)
{
  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), NULL);
  return self->operator_name;
}

/**
 * xs_sheet_renderer_set_operator:
 * @operator_name: (nullable): who prints the sheets
 */
void
xs_sheet_renderer_set_operator (XsSheetRenderer *self, const char *operator_name)
{
  g_return_if_fail (XS_IS_SHEET_RENDERER (self));

  if (g_strcmp0 (self->operator_name, operator_name) == 0)
    return;
  g_free (self->operator_name);
  self->operator_name = g_strdup (operator_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OPERATOR]);
}

/**
 * xs_sheet_renderer_get_draft:
 *
 * Returns: whether sheets are marked 草稿 (draft)
 */
gboolean
xs_sheet_renderer_get_draft (XsSheetRenderer *self)
{
  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), FALSE);
  return self->draft;
}

/**
 * xs_sheet_renderer_set_draft:
 * @draft: whether to print 草稿 across every page
 */
void
xs_sheet_renderer_set_draft (XsSheetRenderer *self, gboolean draft)
{
  g_return_if_fail (XS_IS_SHEET_RENDERER (self));

  draft = !!draft;
  if (self->draft == draft)
    return;
  self->draft = draft;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT]);
}

/**
 * xs_sheet_renderer_get_font_family:
 *
 * Returns: (transfer none): the family the sheet's text is set in, as found on this system
 */
const char *
xs_sheet_renderer_get_font_family (XsSheetRenderer *self)
{
  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), NULL);
  return self->family;
}

/**
 * xs_sheet_renderer_count_pages:
 *
 * Returns: the sheet's page count, or 0 with an error (e.g. %XS_SHEET_ERROR_GLYPH)
 */
guint
xs_sheet_renderer_count_pages (XsSheetRenderer *self, XsSheet *sheet, GError **error)
{
  g_autoptr (Model) m = NULL;

  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), 0);
  g_return_val_if_fail (sheet != NULL, 0);

  m = model_new (self, sheet, error);
  return m != NULL ? m->pages : 0;
}

/**
 * xs_sheet_renderer_draw_page:
 * @cr: a cairo context whose user space is PDF points on an A4 page (e.g. a print context)
 * @page: 1-based
 *
 * Draws one page, for printing or a preview.
 *
 * Returns: %TRUE, or %FALSE with an error
 */
gboolean
xs_sheet_renderer_draw_page (XsSheetRenderer *self, XsSheet *sheet, cairo_t *cr, guint page,
                             GError **error)
{
  g_autoptr (Model) m = NULL;

  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), FALSE);
  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (cr != NULL, FALSE);

  m = model_new (self, sheet, error);
  if (m == NULL)
    return FALSE;
  if (page < 1 || page > m->pages)
    {
      g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_RENDER,
                   _ ("The sheet has %u pages, not a page %u"), m->pages, page);
      return FALSE;
    }
  draw_page (m, cr, page);
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* XsSheetPdf                                                                                 */

struct _XsSheetPdf
{
  XsSheetRenderer *renderer;
  cairo_surface_t *surface;
  cairo_t *cr;
  char *path;     /* where it goes; NULL in memory */
  char *tmp_path; /* where it is written */
  int fd;
  GByteArray *buffer; /* cairo writes in small pieces: gathered here, written 64 KiB at a time */
  GByteArray *bytes;  /* in memory */
  int write_errno;
  guint sheets;
  guint pages;
  gboolean finished;
  gboolean committed;
};

#define WRITE_BUFFER (64 * 1024)

static gboolean
flush_buffer (XsSheetPdf *pdf)
{
  const guint8 *data = pdf->buffer->data;
  gsize length = pdf->buffer->len;

  while (length > 0)
    {
      ssize_t n = write (pdf->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          pdf->write_errno = n < 0 ? errno : EIO;
          return FALSE;
        }
      data += n;
      length -= (gsize)n;
    }
  g_byte_array_set_size (pdf->buffer, 0);
  return TRUE;
}

static cairo_status_t
write_fd (void *closure, const unsigned char *data, unsigned int length)
{
  XsSheetPdf *pdf = closure;

  if (pdf->write_errno != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  g_byte_array_append (pdf->buffer, data, length);
  if (pdf->buffer->len >= WRITE_BUFFER && !flush_buffer (pdf))
    return CAIRO_STATUS_WRITE_ERROR;
  return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t
write_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  XsSheetPdf *pdf = closure;

  g_byte_array_append (pdf->bytes, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static gboolean
write_failed (XsSheetPdf *pdf, int errsv, GError **error)
{
  g_autofree char *display = g_filename_display_name (pdf->path ? pdf->path : "");

  g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_WRITE, _ ("Cannot write “%s”: %s"), display,
               g_strerror (errsv));
  return FALSE;
}

static char *
iso_time (GDateTime *time)
{
  return g_date_time_format (time, "%Y-%m-%dT%H:%M:%S%:z");
}

/* @staging: the folder of the temporary file; NULL: beside @path */
static XsSheetPdf *
pdf_new (XsSheetRenderer *renderer, const char *path, const char *staging, GError **error)
{
  const XsSheetLayout *l = renderer->layout;
  g_autoptr (XsSheetPdf) pdf = g_new0 (XsSheetPdf, 1);
  g_autofree char *date = iso_time (renderer->time);

  pdf->renderer = g_object_ref (renderer);
  pdf->fd = -1;
  if (path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);
      g_autofree char *tmpl = g_strdup_printf (".%s.XXXXXX", base);

      pdf->path = g_strdup (path);
      pdf->tmp_path = g_build_filename (staging != NULL ? staging : dir, tmpl, NULL);
      pdf->fd = g_mkstemp_full (pdf->tmp_path, O_WRONLY | O_CLOEXEC, 0600);
      if (pdf->fd < 0)
        {
          int errsv = errno;
          g_clear_pointer (&pdf->tmp_path, g_free);
          write_failed (pdf, errsv, error);
          return NULL;
        }
      pdf->buffer = g_byte_array_sized_new (WRITE_BUFFER + 4096);
      pdf->surface =
          cairo_pdf_surface_create_for_stream (write_fd, pdf, l->page_width, l->page_height);
    }
  else
    {
      pdf->bytes = g_byte_array_new ();
      pdf->surface =
          cairo_pdf_surface_create_for_stream (write_bytes, pdf, l->page_width, l->page_height);
    }
  pdf->cr = cairo_create (pdf->surface);
  if (cairo_status (pdf->cr) != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_RENDER, _ ("Cannot make a PDF: %s"),
                   cairo_status_to_string (cairo_status (pdf->cr)));
      return NULL;
    }

  /* The dates are the generation time, so the same data and time give the same bytes. */
  cairo_pdf_surface_restrict_to_version (pdf->surface, CAIRO_PDF_VERSION_1_5);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_MOD_DATE, date);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATOR,
                                  "Xueshi " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_SUBJECT, l->pdf_subject);
  if (renderer->operator_name != NULL)
    cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_AUTHOR,
                                    renderer->operator_name);
  return g_steal_pointer (&pdf);
}

/**
 * xs_sheet_pdf_new:
 * @renderer: the renderer; its time, operator and draft setting apply to the whole file
 * @path: the file to make; it appears only on xs_sheet_pdf_commit()
 *
 * Starts a PDF. It is written to a temporary file beside @path, so that a crash or an error
 * never leaves a partial PDF under the real name.
 *
 * Returns: (transfer full) (nullable): the PDF, or %NULL with %XS_SHEET_ERROR_WRITE
 */
XsSheetPdf *
xs_sheet_pdf_new (XsSheetRenderer *renderer, const char *path, GError **error)
{
  g_return_val_if_fail (XS_IS_SHEET_RENDERER (renderer), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return pdf_new (renderer, path, NULL, error);
}

/**
 * xs_sheet_pdf_new_staged:
 * @staging: a folder on the same file system as @path
 *
 * As xs_sheet_pdf_new(), the temporary file in @staging: a batch keeps all its unfinished
 * files in one folder of its own, which is all a crash can leave behind.
 */
XsSheetPdf *
xs_sheet_pdf_new_staged (XsSheetRenderer *renderer, const char *path, const char *staging,
                         GError **error)
{
  g_return_val_if_fail (XS_IS_SHEET_RENDERER (renderer), NULL);
  g_return_val_if_fail (path != NULL && staging != NULL, NULL);

  return pdf_new (renderer, path, staging, error);
}

/**
 * xs_sheet_pdf_add:
 * @sheet: a sheet to append; its pages are numbered on their own
 *
 * Returns: %TRUE, or %FALSE with an error (the PDF is then of no use)
 */
gboolean
xs_sheet_pdf_add (XsSheetPdf *pdf, XsSheet *sheet, GError **error)
{
  const XsSheetLayout *l;
  g_autoptr (Model) m = NULL;
  g_autofree char *title = NULL;
  cairo_status_t status;

  g_return_val_if_fail (pdf != NULL, FALSE);
  g_return_val_if_fail (sheet != NULL, FALSE);
  g_return_val_if_fail (!pdf->finished, FALSE);

  l = pdf->renderer->layout;
  m = model_new (pdf->renderer, sheet, error);
  if (m == NULL)
    return FALSE;

  {
    g_autofree char *name =
        g_strdup_printf ("%s（%s）", or_blank (sheet->person->name), sheet->person->id);
    g_autofree char *link = g_strdup_printf ("page=%u", pdf->pages + 1);

    cairo_pdf_surface_add_outline (pdf->surface, CAIRO_PDF_OUTLINE_ROOT, name, link, 0);
  }
  for (guint page = 1; page <= m->pages; page++)
    {
      draw_page (m, pdf->cr, page);
      cairo_show_page (pdf->cr);
    }
  pdf->pages += m->pages;
  pdf->sheets++;

  if (pdf->sheets == 1)
    title = xs_sheet_layout_expand (l->pdf_title, "name", or_blank (sheet->person->name), NULL);
  else
    {
      g_autofree char *count = format_uint (pdf->sheets);
      title = xs_sheet_layout_expand (l->pdf_title_combined, "count", count, NULL);
    }
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, title);

  status = cairo_status (pdf->cr);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      if (status == CAIRO_STATUS_WRITE_ERROR && pdf->write_errno != 0)
        return write_failed (pdf, pdf->write_errno, error);
      g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_RENDER, _ ("Cannot draw the sheet: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }
  return TRUE;
}

/**
 * xs_sheet_pdf_finish:
 *
 * Completes the PDF and flushes it to disk, still under its temporary name.
 *
 * Returns: %TRUE, or %FALSE with an error
 */
gboolean
xs_sheet_pdf_finish (XsSheetPdf *pdf, GError **error)
{
  cairo_status_t status;

  g_return_val_if_fail (pdf != NULL, FALSE);

  if (pdf->finished)
    return TRUE;
  pdf->finished = TRUE;

  g_clear_pointer (&pdf->cr, cairo_destroy);
  cairo_surface_finish (pdf->surface);
  status = cairo_surface_status (pdf->surface);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  if (pdf->fd >= 0 && pdf->write_errno == 0)
    flush_buffer (pdf);
  /* A batch keeps every finished file until it commits them all: 128 KiB each, otherwise. */
  if (pdf->fd >= 0)
    g_clear_pointer (&pdf->buffer, g_byte_array_unref);
  if (pdf->write_errno != 0)
    return write_failed (pdf, pdf->write_errno, error);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, XS_SHEET_ERROR, XS_SHEET_ERROR_RENDER, _ ("Cannot make a PDF: %s"),
                   cairo_status_to_string (status));
      return FALSE;
    }

  if (pdf->fd >= 0)
    {
      int fd = pdf->fd;

      pdf->fd = -1;
      if (fsync (fd) != 0)
        {
          int errsv = errno;
          close (fd);
          return write_failed (pdf, errsv, error);
        }
      if (close (fd) != 0)
        return write_failed (pdf, errno, error);
    }
  return TRUE;
}

static void
sync_dir (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* The rename is durable once the folder is; failing that is no reason to fail. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/**
 * xs_sheet_pdf_commit:
 *
 * Finishes the PDF if needed and renames it to its real name, replacing any file there.
 *
 * Returns: %TRUE, or %FALSE with an error (the temporary file is removed on free)
 */
gboolean
xs_sheet_pdf_commit (XsSheetPdf *pdf, GError **error)
{
  g_return_val_if_fail (pdf != NULL, FALSE);
  g_return_val_if_fail (pdf->path != NULL, FALSE);

  if (pdf->committed)
    return TRUE;
  if (!xs_sheet_pdf_finish (pdf, error))
    return FALSE;
  if (g_rename (pdf->tmp_path, pdf->path) != 0)
    return write_failed (pdf, errno, error);
  pdf->committed = TRUE;
  sync_dir (pdf->path);
  return TRUE;
}

/**
 * xs_sheet_pdf_get_path:
 *
 * Returns: (transfer none): the file's real name
 */
const char *
xs_sheet_pdf_get_path (XsSheetPdf *pdf)
{
  return pdf->path;
}

/**
 * xs_sheet_pdf_get_pages:
 *
 * Returns: pages written so far, all sheets together
 */
guint
xs_sheet_pdf_get_pages (XsSheetPdf *pdf)
{
  return pdf->pages;
}

/**
 * xs_sheet_pdf_free:
 *
 * Frees the PDF. Unless committed, its temporary file is removed and nothing is left behind.
 */
void
xs_sheet_pdf_free (XsSheetPdf *pdf)
{
  if (pdf == NULL)
    return;
  g_clear_pointer (&pdf->cr, cairo_destroy);
  if (pdf->surface != NULL)
    {
      /* Finishing flushes into the temporary file, which goes next anyway. */
      cairo_surface_finish (pdf->surface);
      cairo_surface_destroy (pdf->surface);
    }
  if (pdf->fd >= 0)
    close (pdf->fd);
  if (pdf->tmp_path != NULL && !pdf->committed)
    g_unlink (pdf->tmp_path);
  if (pdf->bytes != NULL)
    g_byte_array_unref (pdf->bytes);
  if (pdf->buffer != NULL)
    g_byte_array_unref (pdf->buffer);
  g_object_unref (pdf->renderer);
  g_free (pdf->path);
  g_free (pdf->tmp_path);
  g_free (pdf);
}

/**
 * xs_sheet_renderer_render:
 *
 * Renders one sheet to a PDF in memory.
 *
 * Returns: (transfer full) (nullable): the PDF's bytes, or %NULL with an error
 */
GBytes *
xs_sheet_renderer_render (XsSheetRenderer *self, XsSheet *sheet, GError **error)
{
  g_autoptr (XsSheetPdf) pdf = NULL;

  g_return_val_if_fail (XS_IS_SHEET_RENDERER (self), NULL);
  g_return_val_if_fail (sheet != NULL, NULL);

  pdf = pdf_new (self, NULL, NULL, error);
  if (pdf == NULL || !xs_sheet_pdf_add (pdf, sheet, error) || !xs_sheet_pdf_finish (pdf, error))
    return NULL;
  return g_byte_array_free_to_bytes (g_steal_pointer (&pdf->bytes));
}
