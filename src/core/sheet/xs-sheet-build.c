/* xs-sheet-build.c — the content of a sheet as blocks: head, identity, years, verdict,
 * filing chain and the list of activities.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n-lib.h>

#include "xs-date.h"
#include "xs-sheet-private.h"

static const char *
gender_text (const XsSheetLayout *l, const char *gender)
{
  if (g_strcmp0 (gender, "male") == 0)
    return l->gender_male;
  if (g_strcmp0 (gender, "female") == 0)
    return l->gender_female;
  return gender != NULL ? gender : "";
}

/* The head: the title, centred, with the QR code at the right; the serial number and the
 * verification code under them. The code sits on page 1 whatever the length of the rest. */
static gboolean
build_head (Model *m)
{
  const XsSheetLayout *l = m->self->layout;
  double w = xs_sheet_content_width (m);
  g_autofree char *serial = xs_sheet_layout_expand (l->serial, "serial", m->serial, NULL);
  g_autofree char *code = xs_sheet_layout_expand (l->code_label, "code", m->sheet->code, NULL);
  double side;
  Block *b;
  Cell *c;

  m->qr = xs_qr_new (m->sheet->code, &m->error);
  if (m->qr == NULL)
    return FALSE;
  side = xs_qr_get_width (m->qr) * l->qr_module;

  b = xs_sheet_add_block (m, 0, TRUE);
  xs_sheet_add_cell (m, b, 0, w, STYLE_TITLE, l->title, ALIGN_CENTER);
  c = xs_sheet_add_cell (m, b, w - side, side, STYLE_SMALL, NULL, ALIGN_END);
  c->qr = m->qr;
  xs_sheet_fit_height (m, b, 0);

  b = xs_sheet_add_block (m, 0, TRUE);
  b->space_before = l->cell_pad_y;
  xs_sheet_add_cell (m, b, 0, w / 2, STYLE_SMALL, serial, ALIGN_START);
  xs_sheet_add_cell (m, b, w / 2, w / 2, STYLE_SMALL, code, ALIGN_END);
  xs_sheet_fit_height (m, b, 0);
  return TRUE;
}

static Block *
identity_row (Model *m, guint table, const double *x, const double *w, const char *label1,
              const char *value1, const char *label2, const char *value2)
{
  const XsSheetLayout *l = m->self->layout;
  Block *b = xs_sheet_add_block (m, table, TRUE);
  Cell *c;

  c = xs_sheet_add_cell (m, b, x[0], w[0], STYLE_LABEL, label1, ALIGN_CENTER);
  c->shade = TRUE;
  if (label2 == NULL)
    xs_sheet_add_cell (m, b, x[1], w[1] + w[2] + w[3], STYLE_BODY, value1, ALIGN_START);
  else
    {
      xs_sheet_add_cell (m, b, x[1], w[1], STYLE_BODY, value1, ALIGN_START);
      c = xs_sheet_add_cell (m, b, x[2], w[2], STYLE_LABEL, label2, ALIGN_CENTER);
      c->shade = TRUE;
      xs_sheet_add_cell (m, b, x[3], w[3], STYLE_BODY, value2, ALIGN_START);
    }
  xs_sheet_fit_height (m, b, l->row_height);
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
  g_autofree char *from = xs_sheet_format_uint (r->span_from);
  g_autofree char *to = xs_sheet_format_uint (r->span_to);
  g_autofree char *years = xs_sheet_format_uint (r->span_to - r->span_from + 1);
  g_autofree char *span =
      xs_sheet_layout_expand (l->span, "from", from, "to", to, "years", years, NULL);
  const guint table = 1;
  Block *b;

  xs_sheet_columns (m, l->identity_columns, XS_SHEET_IDENTITY_COLUMNS, x, w);
  b = identity_row (m, table, x, w, l->label_name, xs_sheet_or_blank (p->name), l->label_gender,
                    gender_text (l, p->gender));
  b->space_before = l->block_gap / 2;
  identity_row (m, table, x, w, l->label_id_number, xs_sheet_or_blank (p->id_number),
                l->label_specialty, xs_sheet_or_blank (p->specialty));
  identity_row (m, table, x, w, l->label_unit, xs_sheet_or_blank (m->sheet->unit->name), NULL,
                NULL);
  identity_row (m, table, x, w, l->label_current_title, xs_sheet_or_blank (p->current_title),
                l->label_applying_title, xs_sheet_or_blank (p->applying_title));
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
  Block *b = xs_sheet_add_block (m, table, TRUE);
  g_autofree char *a = xs_sheet_format_tenths (pub);
  g_autofree char *c = xs_sheet_format_tenths (pro);
  g_autofree char *t = xs_sheet_format_tenths (total);
  Style figure = bold ? STYLE_FIGURE_BOLD : STYLE_FIGURE;

  xs_sheet_add_cell (m, b, x[0], w[0], bold ? STYLE_LABEL : STYLE_BODY, label, ALIGN_CENTER);
  xs_sheet_add_cell (m, b, x[1], w[1], figure, a, ALIGN_DECIMAL);
  xs_sheet_add_cell (m, b, x[2], w[2], figure, c, ALIGN_DECIMAL);
  xs_sheet_add_cell (m, b, x[3], w[3], figure, t, ALIGN_DECIMAL);
  xs_sheet_add_cell (m, b, x[4], w[4], bold_state ? STYLE_LABEL : STYLE_BODY, state, ALIGN_CENTER);
  xs_sheet_fit_height (m, b, l->row_height);
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

  xs_sheet_columns (m, l->year_columns, XS_SHEET_YEAR_COLUMNS, x, w);

  for (guint i = 0; i < r->years->len; i++)
    {
      const XsYearSummary *y = &g_array_index (r->years, XsYearSummary, i);

      pub += y->confirmed.public_tenths;
      pro += y->confirmed.professional_tenths;
      total += y->confirmed.total_tenths;
      if (y->confirmed.compliant)
        met++;
    }

  header = xs_sheet_add_block (m, table, TRUE);
  header->space_before = l->block_gap;
  header->keep_with_next = TRUE;
  for (guint k = 0; k < XS_SHEET_YEAR_COLUMNS; k++)
    {
      c = xs_sheet_add_cell (m, header, x[k], w[k], STYLE_LABEL, l->year_headers[k], ALIGN_CENTER);
      c->shade = TRUE;
    }
  xs_sheet_fit_height (m, header, l->row_height);

  for (guint i = 0; i < r->years->len; i++)
    {
      const XsYearSummary *y = &g_array_index (r->years, XsYearSummary, i);
      g_autofree char *year = xs_sheet_format_uint (y->year);
      g_autofree char *label = xs_sheet_layout_expand (l->year_row, "year", year, NULL);

      b = year_figures_row (m, table, x, w, label, y->confirmed.public_tenths,
                            y->confirmed.professional_tenths, y->confirmed.total_tenths,
                            year_state (l, &y->confirmed), !y->confirmed.compliant, FALSE);
      b->repeat[0] = header;
      /* The last year stays with the total. */
      b->keep_with_next = i + 1 == r->years->len;
    }

  {
    g_autofree char *met_text = xs_sheet_format_uint (met);
    g_autofree char *years_text = xs_sheet_format_uint (r->years->len);
    g_autofree char *state =
        xs_sheet_layout_expand (l->total_compliant, "met", met_text, "years", years_text, NULL);

    b = year_figures_row (m, table, x, w, l->total_row, pub, pro, total, state, FALSE, TRUE);
    b->repeat[0] = header;
  }
  xs_sheet_align_figures (m, first);

  {
    g_autofree char *min_pub = xs_sheet_format_tenths (xs_rules_get_min_public (m->sheet->rules));
    g_autofree char *min_pro =
        xs_sheet_format_tenths (xs_rules_get_min_professional (m->sheet->rules));
    g_autofree char *min_total = xs_sheet_format_tenths (xs_rules_get_min_total (m->sheet->rules));
    g_autofree char *note = xs_sheet_layout_expand (
        l->requirement_note, "public", min_pub, "professional", min_pro, "total", min_total, NULL);

    b = xs_sheet_add_block (m, 0, TRUE);
    xs_sheet_add_cell (m, b, 0, xs_sheet_content_width (m), STYLE_SMALL, note, ALIGN_START);
    xs_sheet_fit_height (m, b, 0);
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
        g_autofree char *a = xs_sheet_format_tenths (pub);
        g_autofree char *b = xs_sheet_format_tenths (pro);
        g_autofree char *c = xs_sheet_format_tenths (xs_rules_get_min_public (rules) * n);
        g_autofree char *d = xs_sheet_format_tenths (xs_rules_get_min_professional (rules) * n);

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
        year = xs_sheet_format_uint (y->year);
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

  xs_sheet_columns (m, l->year_columns, XS_SHEET_YEAR_COLUMNS, x, w);
  b = xs_sheet_add_block (m, table, TRUE);
  b->space_before = l->block_gap * 0.75;
  c = xs_sheet_add_cell (m, b, x[0], w[0], STYLE_LABEL, l->label_verdict, ALIGN_CENTER);
  c->shade = TRUE;
  xs_sheet_add_cell (m, b, x[1], w[1], STYLE_VERDICT,
                     r->passed ? l->verdict_passed : l->verdict_failed, ALIGN_CENTER);
  xs_sheet_add_cell (m, b, x[2], xs_sheet_content_width (m) - x[2], STYLE_BODY, explanation,
                     ALIGN_START);
  xs_sheet_fit_height (m, b, l->row_height * 1.4);

  if (m->sheet->pending > 0)
    {
      g_autofree char *count = xs_sheet_format_uint (m->sheet->pending);
      g_autofree char *text = xs_sheet_layout_expand (l->pending, "count", count, NULL);

      b = xs_sheet_add_block (m, 0, TRUE);
      b->space_before = l->block_gap / 3;
      xs_sheet_add_cell (m, b, 0, xs_sheet_content_width (m), STYLE_LABEL, text, ALIGN_START);
      xs_sheet_fit_height (m, b, 0);
    }
}

static const XsRoundStage *
stage_of (const XsRound *round, guint i)
{
  return round != NULL && i < round->n_stages ? &round->stages[i] : NULL;
}

/* A chain box: the stage's title on top, its opinion (and override) once it passed; the signer
 * and the date at the bottom, filled in from the decision; room left for the seal. */
static void
add_chain_box (Model *m, Block *b, double x, double w, const char *name, const XsRoundStage *stage)
{
  const XsSheetLayout *l = m->self->layout;
  gboolean passed = stage != NULL && stage->decision == XS_ROUND_PASSED;
  g_autofree char *text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *bottom = NULL;
  g_autofree char *signer = NULL;
  g_autofree char *left = NULL;
  Cell *c;

  if (passed)
    {
      g_autoptr (GString) body = g_string_new (name);
      GDate when;

      if (stage->opinion != NULL && *stage->opinion != '\0')
        g_string_append_printf (body, "\n%s", stage->opinion);
      if (stage->override != NULL && *stage->override != '\0')
        {
          g_autofree char *o =
              xs_sheet_layout_expand (l->chain_override, "reason", stage->override, NULL);
          g_string_append_printf (body, "\n%s", o);
        }
      text = g_string_free (g_steal_pointer (&body), FALSE);
      if (stage->date != NULL && xs_date_parse (stage->date, &when))
        {
          g_autofree char *y = xs_sheet_format_uint (g_date_get_year (&when));
          g_autofree char *mo = xs_sheet_format_uint (g_date_get_month (&when));
          g_autofree char *d = xs_sheet_format_uint (g_date_get_day (&when));

          date =
              xs_sheet_layout_expand (l->chain_date_filled, "year", y, "month", mo, "day", d, NULL);
        }
      signer = xs_sheet_layout_expand (l->chain_reviewer, "reviewer",
                                       xs_sheet_or_blank (stage->reviewer), NULL);
    }
  /* Two rows, each a label at the box's left edge and its blank or value at the right, so
   * the rows line up alike in a chain of two boxes or three. */
  bottom = g_strdup_printf ("%s\n%s", l->chain_seal, date != NULL ? date : l->chain_date);
  left = g_strdup_printf ("%s\n%s", signer != NULL ? signer : l->chain_signer, l->chain_date_label);
  c = xs_sheet_add_cell (m, b, x, w, STYLE_LABEL, passed ? text : name, ALIGN_START);
  c->top = TRUE;
  c->bottom = xs_sheet_take_layout (m, STYLE_BODY, bottom, -1, PANGO_ALIGN_RIGHT);
  c->bottom_left = xs_sheet_take_layout (m, STYLE_BODY, left, -1, PANGO_ALIGN_LEFT);
}

static gboolean
build_chain (Model *m)
{
  const XsSheetLayout *l = m->self->layout;
  const XsChain *chain = xs_rules_get_chain (m->sheet->rules, m->sheet->unit->category);
  g_autofree char *caption = NULL;
  guint n, per_row;
  const guint table = 4;
  double total = xs_sheet_content_width (m);
  Block *b;
  Cell *c;

  if (chain == NULL || chain->steps == NULL || chain->steps[0] == NULL)
    {
      g_set_error (&m->error, XS_SHEET_ERROR, XS_SHEET_ERROR_CHAIN,
                   _ ("The rule file has no filing chain for units of category “%s”"),
                   xs_sheet_or_blank (m->sheet->unit->category));
      return FALSE;
    }

  caption = xs_sheet_layout_expand (l->chain_caption, "chain", chain->name, NULL);
  b = xs_sheet_add_block (m, table, TRUE);
  b->space_before = l->block_gap;
  b->keep_with_next = TRUE;
  c = xs_sheet_add_cell (m, b, 0, total, STYLE_LABEL, caption, ALIGN_CENTER);
  c->shade = TRUE;
  xs_sheet_fit_height (m, b, l->row_height);

  n = g_strv_length (chain->steps);
  per_row = MAX (1, MIN (n, l->chain_columns));
  for (guint i = 0; i < n; i += per_row)
    {
      guint in_row = MIN (per_row, n - i);

      b = xs_sheet_add_block (m, table, TRUE);
      for (guint k = 0; k < in_row; k++)
        {
          double x = total * k / per_row;
          double w = k + 1 == per_row ? total - x : total / per_row;

          add_chain_box (m, b, x, w, chain->steps[i + k], stage_of (m->sheet->round, i + k));
        }
      xs_sheet_fit_height (m, b, l->chain_height);
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
    g_autofree char *y = year != NULL ? g_strdup (year) : xs_sheet_format_uint (credit->year);
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
      g_autofree char *a = xs_sheet_format_tenths (credit->public_tenths);
      g_autofree char *b = xs_sheet_format_tenths (credit->professional_tenths);
      return xs_sheet_layout_expand (l->hours_both, "public", a, "professional", b, NULL);
    }
  return xs_sheet_format_tenths (xs_credit_get_hours (credit));
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
  g_autofree char *year = xs_sheet_format_uint (y->year);
  g_autofree char *pub = xs_sheet_format_tenths (y->confirmed.public_tenths);
  g_autofree char *pro = xs_sheet_format_tenths (y->confirmed.professional_tenths);
  g_autofree char *total = xs_sheet_format_tenths (y->confirmed.total_tenths);
  g_autofree char *text =
      xs_sheet_layout_expand (l->detail_year, "year", year, "public", pub, "professional", pro,
                              "total", total, "state", year_state (l, &y->confirmed), NULL);
  g_autofree char *full =
      continued ? g_strconcat (text, l->detail_continued, NULL) : g_strdup (text);
  Block *b = xs_sheet_add_block (m, table, in_flow);
  Cell *c =
      xs_sheet_add_cell (m, b, 0, xs_sheet_content_width (m), STYLE_SMALL_BOLD, full, ALIGN_START);

  if (in_flow)
    b->repeat[0] = header;

  c->shade = TRUE;
  xs_sheet_fit_height (m, b, l->detail_row_height);
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
  g_autofree char *from = xs_sheet_format_uint (r->span_from);
  g_autofree char *to = xs_sheet_format_uint (r->span_to);
  g_autofree char *person =
      xs_sheet_layout_expand (l->detail_person, "name", xs_sheet_or_blank (p->name), "id_number",
                              xs_sheet_or_blank (p->id_number), "from", from, "to", to, NULL);
  guint first;
  guint number = 0, outside = 0;
  const guint table = 5;
  Block *b, *header;
  Cell *c;

  xs_sheet_columns (m, l->detail_columns, XS_SHEET_DETAIL_COLUMNS, x, w);

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

  b = xs_sheet_add_block (m, 0, TRUE);
  b->page_break_before = TRUE;
  b->keep_with_next = TRUE;
  xs_sheet_add_cell (m, b, 0, xs_sheet_content_width (m), STYLE_HEADING, l->detail_title,
                     ALIGN_CENTER);
  xs_sheet_fit_height (m, b, 0);

  b = xs_sheet_add_block (m, 0, TRUE);
  b->space_before = l->block_gap / 2;
  b->keep_with_next = TRUE;
  xs_sheet_add_cell (m, b, 0, xs_sheet_content_width (m), STYLE_SMALL, person, ALIGN_START);
  xs_sheet_fit_height (m, b, 0);

  header = xs_sheet_add_block (m, table, TRUE);
  header->space_before = l->block_gap / 2;
  header->keep_with_next = TRUE;
  for (guint k = 0; k < XS_SHEET_DETAIL_COLUMNS; k++)
    {
      c = xs_sheet_add_cell (m, header, x[k], w[k], STYLE_SMALL_BOLD, l->detail_headers[k],
                             ALIGN_CENTER);
      c->shade = TRUE;
    }
  xs_sheet_fit_height (m, header, l->detail_row_height);

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
          index = xs_sheet_format_uint (++number);
          date = date_text (l, res->activity, res->credit);
          hours = hours_text (l, res->credit);

          b = xs_sheet_add_block (m, table, TRUE);
          b->repeat[0] = header;
          b->repeat[1] = continued;
          xs_sheet_add_cell (m, b, x[0], w[0], STYLE_SMALL_FIGURE, index, ALIGN_CENTER);
          xs_sheet_add_cell (m, b, x[1], w[1], STYLE_SMALL, kind ? kind->name : res->activity->kind,
                             ALIGN_START);
          xs_sheet_add_cell (m, b, x[2], w[2], STYLE_SMALL,
                             title != NULL && *title != '\0' ? title : l->subject_none,
                             ALIGN_START);
          xs_sheet_add_cell (m, b, x[3], w[3], STYLE_SMALL_FIGURE, date, ALIGN_CENTER);
          xs_sheet_add_cell (m, b, x[4], w[4], STYLE_SMALL, subject_text (l, res->credit),
                             ALIGN_CENTER);
          if (res->replaced)
            {
              /* Listed, not added: the year's figures are the earlier sheet's. */
              g_autofree char *reason =
                  xs_sheet_layout_expand (l->replaced, "reason", res->credit->reason, NULL);

              xs_sheet_add_cell (m, b, x[5], w[5], STYLE_SMALL, l->replaced_hours, ALIGN_CENTER);
              xs_sheet_add_cell (m, b, x[6], w[6], STYLE_SMALL, reason, ALIGN_START);
              xs_sheet_fit_height (m, b, l->detail_row_height);
              continue;
            }
          if (xs_credit_is_deemed (res->credit) || strchr (hours, '\n') != NULL)
            xs_sheet_add_cell (m, b, x[5], w[5],
                               xs_credit_is_deemed (res->credit) ? STYLE_SMALL : STYLE_SMALL_FIGURE,
                               hours, ALIGN_CENTER);
          else
            xs_sheet_add_cell (m, b, x[5], w[5], STYLE_SMALL_FIGURE, hours, ALIGN_DECIMAL);
          xs_sheet_add_cell (m, b, x[6], w[6], STYLE_SMALL, res->credit->reason, ALIGN_START);
          xs_sheet_fit_height (m, b, l->detail_row_height);
        }

      if (!any)
        {
          b = xs_sheet_add_block (m, table, TRUE);
          b->repeat[0] = header;
          xs_sheet_add_cell (m, b, 0, xs_sheet_content_width (m), STYLE_SMALL, l->detail_none,
                             ALIGN_CENTER);
          xs_sheet_fit_height (m, b, l->detail_row_height);
        }
    }

  xs_sheet_align_figures (m, first);

  if (outside > 0)
    {
      g_autofree char *count = xs_sheet_format_uint (outside);
      g_autofree char *text = xs_sheet_layout_expand (l->outside_span, "count", count, NULL);

      b = xs_sheet_add_block (m, 0, TRUE);
      b->space_before = l->block_gap / 2;
      xs_sheet_add_cell (m, b, 0, xs_sheet_content_width (m), STYLE_SMALL, text, ALIGN_START);
      xs_sheet_fit_height (m, b, 0);
    }
}

void
xs_sheet_build (Model *m)
{
  build_head (m);
  build_identity (m);
  build_years (m);
  build_verdict (m);
  if (m->error == NULL && build_chain (m))
    build_detail (m);
}
