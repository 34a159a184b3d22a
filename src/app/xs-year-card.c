/* xs-year-card.c — one year of a person's span: 公需, 专业 and total against their minimums.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-year-card.h"

struct _XsYearCard
{
  GtkWidget parent_instance;

  guint year;

  GtkLabel *year_label;
  GtkLabel *badge_label;
  XsHoursBar *public_bar;
  XsHoursBar *professional_bar;
  XsHoursBar *total_bar;
  GtkLabel *note_label;
};

G_DEFINE_FINAL_TYPE (XsYearCard, xs_year_card, GTK_TYPE_WIDGET)

static void
xs_year_card_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), XS_TYPE_YEAR_CARD);
  /* Children without an id are not removed by the template. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (xs_year_card_parent_class)->dispose (object);
}

static void
xs_year_card_class_init (XsYearCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = xs_year_card_dispose;

  g_type_ensure (XS_TYPE_HOURS_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-year-card.ui");
  gtk_widget_class_bind_template_child (widget_class, XsYearCard, year_label);
  gtk_widget_class_bind_template_child (widget_class, XsYearCard, badge_label);
  gtk_widget_class_bind_template_child (widget_class, XsYearCard, public_bar);
  gtk_widget_class_bind_template_child (widget_class, XsYearCard, professional_bar);
  gtk_widget_class_bind_template_child (widget_class, XsYearCard, total_bar);
  gtk_widget_class_bind_template_child (widget_class, XsYearCard, note_label);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
xs_year_card_init (XsYearCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
xs_year_card_new (void)
{
  return g_object_new (XS_TYPE_YEAR_CARD, NULL);
}

static void
set_badge (XsYearCard *self, const char *text, const char *css_class)
{
  static const char *const classes[] = { "success", "warning", "error", "accent" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->badge_label), classes[i]);
  gtk_widget_add_css_class (GTK_WIDGET (self->badge_label), css_class);
  gtk_label_set_label (self->badge_label, text);
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
  gboolean deemed = y->confirmed.deemed_complete;

  g_return_if_fail (XS_IS_YEAR_CARD (self));

  self->year = y->year;
  year_text = g_strdup_printf ("%u", y->year);
  gtk_label_set_label (self->year_label, year_text);

  xs_hours_bar_set_figures (self->public_bar, y->confirmed.public_tenths, y->claimed.public_tenths,
                            xs_rules_get_min_public (rules), deemed);
  xs_hours_bar_set_figures (self->professional_bar, y->confirmed.professional_tenths,
                            y->claimed.professional_tenths, xs_rules_get_min_professional (rules),
                            deemed);
  xs_hours_bar_set_figures (self->total_bar, y->confirmed.total_tenths, y->claimed.total_tenths,
                            xs_rules_get_min_total (rules), deemed);

  if (deemed)
    set_badge (self, _ ("Deemed complete"), "accent");
  else if (y->confirmed.compliant)
    set_badge (self, _ ("Met"), "success");
  else if (y->claimed.compliant)
    set_badge (self, _ ("Met once reviewed"), "warning");
  else
    set_badge (self, _ ("Not met"), "error");

  if (y->pending > 0)
    note = g_strdup_printf (ngettext ("%u activity awaits review; figures in brackets count it",
                                      "%u activities await review; figures in brackets count them",
                                      y->pending),
                            y->pending);
  else if (y->claimed.deemed_complete && !deemed)
    note = g_strdup (_ ("Deemed complete once the posting is approved"));
  gtk_label_set_label (self->note_label, note ? note : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL);
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

const char *
xs_year_card_get_badge (XsYearCard *self)
{
  g_return_val_if_fail (XS_IS_YEAR_CARD (self), NULL);
  return gtk_label_get_label (self->badge_label);
}
