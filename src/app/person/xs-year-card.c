/* xs-year-card.c — one year of a person's span: 公需, 专业 and total against their minimums.
 *
 * The year, its badge and its note are texts the card lays out and draws itself; the three bars
 * are widgets of their own (each with its tooltip and accessible label). Five cards fill the
 * person page's first screen: as labels in boxes, their nine widgets each cost more CSS, measuring
 * and drawing than the rest of the page, and the wrapping note had the flow box measure every card
 * again at each width it tried.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <adwaita.h>
#include <glib/gi18n.h>

#include "xs-layout-size.h"
#include "xs-year-card.h"

#define SPACING 8        /* between the rows, and between the year and its badge */
#define CHIP_PADDING_X 8 /* .chip in style.css */
#define CHIP_PADDING_Y 1
/* The year as libadwaita's .title-4 (13 pt bold, as the activities' hours), the badge and the
 * note as its .caption (9 pt): fonts the window has already loaded. A size or weight of their
 * own (.chip's 0.85 em semibold) costs the first person opened a font set of its own, ~5 ms of
 * fontconfig, HarfBuzz and FreeType. */
#define YEAR_POINTS 13
#define CAPTION_POINTS 9
#define DIM_ALPHA 0.55   /* libadwaita's .dim-label */
#define DIM_ALPHA_HC 0.9 /* and in high contrast */

typedef enum
{
  BADGE_SUCCESS,
  BADGE_WARNING,
  BADGE_ERROR,
  BADGE_ACCENT,
} BadgeKind;

struct _XsYearCard
{
  GtkWidget parent_instance;

  guint year;
  char *badge;
  BadgeKind badge_kind;
  gboolean has_note;
  int note_y;

  PangoLayout *year_layout;
  PangoLayout *badge_layout;
  PangoLayout *note_layout;

  XsHoursBar *public_bar;
  XsHoursBar *professional_bar;
  XsHoursBar *total_bar;
};

G_DEFINE_FINAL_TYPE (XsYearCard, xs_year_card, GTK_TYPE_WIDGET)

/* @points: a size in points, or 0 for the card's own font; @scale: a factor on it */
static PangoLayout *
make_layout (XsYearCard *self, int points, double scale, int weight, gboolean numeric)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (points > 0)
    pango_attr_list_insert (attrs, pango_attr_size_new (points * PANGO_SCALE));
  if (scale != 1.0)
    pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  if (weight != PANGO_WEIGHT_NORMAL)
    pango_attr_list_insert (attrs, pango_attr_weight_new (weight));
  if (numeric)
    pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static int
header_height (XsYearCard *self)
{
  return MAX (xs_layout_pixel_height (self->year_layout),
              xs_layout_pixel_height (self->badge_layout) + 2 * CHIP_PADDING_Y);
}

/* The note wraps to the card's width. */
static int
note_height (XsYearCard *self, int width)
{
  pango_layout_set_width (self->note_layout, MAX (width, 1) * PANGO_SCALE);
  return xs_layout_pixel_height (self->note_layout);
}

static XsHoursBar *
get_bar (XsYearCard *self, guint i)
{
  XsHoursBar *bars[] = { self->public_bar, self->professional_bar, self->total_bar };

  return bars[i];
}

/* The note's height depends on the width; measuring it is one layout, cheap. */
static GtkSizeRequestMode
xs_year_card_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
xs_year_card_measure (GtkWidget *widget, GtkOrientation orientation, int for_size, int *minimum,
                      int *natural, int *minimum_baseline, int *natural_baseline)
{
  XsYearCard *self = XS_YEAR_CARD (widget);

  *minimum = *natural = 0;
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      /* The note wraps within what the year, badge and bars need. */
      *minimum = xs_layout_pixel_width (self->year_layout) + SPACING +
                 xs_layout_pixel_width (self->badge_layout) + 2 * CHIP_PADDING_X;
      for (guint i = 0; i < 3; i++)
        {
          int bar_min, bar_nat;

          gtk_widget_measure (GTK_WIDGET (get_bar (self, i)), orientation, -1, &bar_min, &bar_nat,
                              NULL, NULL);
          *minimum = MAX (*minimum, bar_min);
        }
      *natural = *minimum;
    }
  else
    {
      int height = header_height (self);

      for (guint i = 0; i < 3; i++)
        {
          int bar_min, bar_nat;

          gtk_widget_measure (GTK_WIDGET (get_bar (self, i)), orientation, -1, &bar_min, &bar_nat,
                              NULL, NULL);
          height += SPACING + bar_nat;
        }
      if (self->has_note)
        {
          int width = for_size;

          if (width < 0)
            xs_year_card_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &width, &width, NULL,
                                  NULL);
          height += SPACING + note_height (self, width);
        }
      *minimum = *natural = height;
    }
}

static void
xs_year_card_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  XsYearCard *self = XS_YEAR_CARD (widget);
  int y = header_height (self);

  for (guint i = 0; i < 3; i++)
    {
      GtkWidget *bar = GTK_WIDGET (get_bar (self, i));
      int bar_height;

      gtk_widget_measure (bar, GTK_ORIENTATION_VERTICAL, -1, NULL, &bar_height, NULL, NULL);
      y += SPACING;
      gtk_widget_size_allocate (bar, &(GtkAllocation){ 0, y, width, bar_height }, -1);
      y += bar_height;
    }
  self->note_y = y + SPACING;
  if (self->has_note)
    note_height (self, width);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static GdkRGBA
named_color (GtkWidget *widget, const char *name)
{
  GdkRGBA color;

  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, &color))
    gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  return color;
}
G_GNUC_END_IGNORE_DEPRECATIONS

/* The badge as style.css draws a .chip: a pill tinted with its colour. */
static void
snapshot_badge (XsYearCard *self, GtkSnapshot *snapshot, int width)
{
  static const char *const text_colors[] = { "success_color", "warning_color", "error_color",
                                             "accent_color" };
  static const char *const tint_colors[] = { "success_color", "warning_color", "error_color",
                                             "accent_bg_color" };
  static const float tint_alphas[] = { 0.12f, 0.14f, 0.12f, 0.12f };
  GtkWidget *widget = GTK_WIDGET (self);
  int chip_width = xs_layout_pixel_width (self->badge_layout) + 2 * CHIP_PADDING_X;
  int chip_height = xs_layout_pixel_height (self->badge_layout) + 2 * CHIP_PADDING_Y;
  GdkRGBA text = named_color (widget, text_colors[self->badge_kind]);
  GdkRGBA tint = named_color (widget, tint_colors[self->badge_kind]);
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (
      width - chip_width, (header_height (self) - chip_height) / 2.0f, chip_width, chip_height);
  GskRoundedRect pill;

  tint.alpha *= tint_alphas[self->badge_kind];
  gsk_rounded_rect_init_from_rect (&pill, &bounds, chip_height / 2.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &pill);
  gtk_snapshot_append_color (snapshot, &tint, &bounds);
  gtk_snapshot_pop (snapshot);
  xs_snapshot_append_text (snapshot, self->badge_layout, bounds.origin.x + CHIP_PADDING_X,
                           bounds.origin.y + CHIP_PADDING_Y, &text);
}

static void
xs_year_card_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  XsYearCard *self = XS_YEAR_CARD (widget);
  int width = gtk_widget_get_width (widget);
  GdkRGBA color;

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  xs_snapshot_append_text (
      snapshot, self->year_layout, 0,
      (header_height (self) - xs_layout_pixel_height (self->year_layout)) / 2.0f, &color);
  snapshot_badge (self, snapshot, width);
  for (guint i = 0; i < 3; i++)
    gtk_widget_snapshot_child (widget, GTK_WIDGET (get_bar (self, i)), snapshot);
  if (self->has_note)
    {
      GdkRGBA dim = color;

      dim.alpha *= adw_style_manager_get_high_contrast (adw_style_manager_get_default ())
                       ? DIM_ALPHA_HC
                       : DIM_ALPHA;
      xs_snapshot_append_text (snapshot, self->note_layout, 0, self->note_y, &dim);
    }
}

static void
xs_year_card_css_changed (GtkWidget *widget, GtkCssStyleChange *change)
{
  XsYearCard *self = XS_YEAR_CARD (widget);

  GTK_WIDGET_CLASS (xs_year_card_parent_class)->css_changed (widget, change);
  /* The font may have changed with the style. */
  pango_layout_context_changed (self->year_layout);
  pango_layout_context_changed (self->badge_layout);
  pango_layout_context_changed (self->note_layout);
  gtk_widget_queue_resize (widget);
}

static void
xs_year_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XS_TYPE_YEAR_CARD);
  G_OBJECT_CLASS (xs_year_card_parent_class)->dispose (object);
}

static void
xs_year_card_finalize (GObject *object)
{
  XsYearCard *self = XS_YEAR_CARD (object);

  g_free (self->badge);
  g_clear_object (&self->year_layout);
  g_clear_object (&self->badge_layout);
  g_clear_object (&self->note_layout);
  G_OBJECT_CLASS (xs_year_card_parent_class)->finalize (object);
}

static void
xs_year_card_class_init (XsYearCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_year_card_dispose;
  object_class->finalize = xs_year_card_finalize;
  widget_class->get_request_mode = xs_year_card_get_request_mode;
  widget_class->measure = xs_year_card_measure;
  widget_class->size_allocate = xs_year_card_size_allocate;
  widget_class->snapshot = xs_year_card_snapshot;
  widget_class->css_changed = xs_year_card_css_changed;

  g_type_ensure (XS_TYPE_HOURS_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-year-card.ui");
  gtk_widget_class_bind_template_child (widget_class, XsYearCard, public_bar);
  gtk_widget_class_bind_template_child (widget_class, XsYearCard, professional_bar);
  gtk_widget_class_bind_template_child (widget_class, XsYearCard, total_bar);
  gtk_widget_class_set_css_name (widget_class, "yearcard");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
xs_year_card_init (XsYearCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->badge = g_strdup ("");
  self->year_layout = make_layout (self, YEAR_POINTS, 1.0, PANGO_WEIGHT_BOLD, TRUE);
  self->badge_layout = make_layout (self, CAPTION_POINTS, 1.0, PANGO_WEIGHT_NORMAL, FALSE);
  self->note_layout = make_layout (self, CAPTION_POINTS, 1.0, PANGO_WEIGHT_NORMAL, FALSE);
  pango_layout_set_wrap (self->note_layout, PANGO_WRAP_WORD_CHAR);
}

GtkWidget *
xs_year_card_new (void)
{
  return g_object_new (XS_TYPE_YEAR_CARD, NULL);
}

static void
set_badge (XsYearCard *self, const char *text, BadgeKind kind)
{
  g_free (self->badge);
  self->badge = g_strdup (text);
  self->badge_kind = kind;
  pango_layout_set_text (self->badge_layout, text, -1);
}

/**
 * xs_year_card_set_year:
 *
 * Shows the year's confirmed figures solidly and what awaits review lightly beside them.
 */
void
xs_year_card_set_year (XsYearCard *self, XsRules *rules, const XsYearSummary *y)
{
  g_autofree char *year_text = NULL;
  g_autofree char *note = NULL;
  g_autofree char *accessible = NULL;
  gboolean deemed = y->confirmed.deemed_complete;

  g_return_if_fail (XS_IS_YEAR_CARD (self));

  self->year = y->year;
  year_text = g_strdup_printf ("%u", y->year);
  pango_layout_set_text (self->year_layout, year_text, -1);

  xs_hours_bar_set_figures (self->public_bar, y->confirmed.public_tenths, y->claimed.public_tenths,
                            xs_rules_get_min_public (rules), deemed);
  xs_hours_bar_set_figures (self->professional_bar, y->confirmed.professional_tenths,
                            y->claimed.professional_tenths, xs_rules_get_min_professional (rules),
                            deemed);
  xs_hours_bar_set_figures (self->total_bar, y->confirmed.total_tenths, y->claimed.total_tenths,
                            xs_rules_get_min_total (rules), deemed);

  if (deemed)
    set_badge (self, _ ("Deemed complete"), BADGE_ACCENT);
  else if (y->confirmed.compliant)
    set_badge (self, _ ("Met"), BADGE_SUCCESS);
  else if (y->claimed.compliant)
    set_badge (self, _ ("Met once reviewed"), BADGE_WARNING);
  else
    set_badge (self, _ ("Not met"), BADGE_ERROR);

  if (y->pending > 0)
    note = g_strdup_printf (ngettext ("%u activity awaits review; figures in brackets count it",
                                      "%u activities await review; figures in brackets count them",
                                      y->pending),
                            y->pending);
  else if (y->claimed.deemed_complete && !deemed)
    note = g_strdup (_ ("Deemed complete once the posting is approved"));
  self->has_note = note != NULL;
  pango_layout_set_text (self->note_layout, note ? note : "", -1);

  /* What a screen reader says for the card; the bars say their own figures. */
  /* TRANSLATORS: a year card for screen readers: the year, then whether it was met */
  accessible = g_strdup_printf (_ ("%u: %s"), y->year, self->badge);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, note ? note : "", -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

guint
xs_year_card_get_year (XsYearCard *self)
{
  g_return_val_if_fail (XS_IS_YEAR_CARD (self), 0);
  return self->year;
}

/**
 * xs_year_card_get_bar:
 * @subject: public, professional, or %XS_SUBJECT_BOTH for the total
 *
 * Returns: (transfer none): the bar
 */
XsHoursBar *
xs_year_card_get_bar (XsYearCard *self, XsSubject subject)
{
  g_return_val_if_fail (XS_IS_YEAR_CARD (self), NULL);

  switch (subject)
    {
    case XS_SUBJECT_PUBLIC:
      return self->public_bar;
    case XS_SUBJECT_PROFESSIONAL:
      return self->professional_bar;
    case XS_SUBJECT_BOTH:
    case XS_SUBJECT_NONE:
    default:
      return self->total_bar;
    }
}

/**
 * xs_year_card_get_badge:
 *
 * Returns: what the card's badge says (met, not met…)
 */
const char *
xs_year_card_get_badge (XsYearCard *self)
{
  g_return_val_if_fail (XS_IS_YEAR_CARD (self), NULL);
  return self->badge;
}
