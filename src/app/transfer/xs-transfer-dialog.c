/* xs-transfer-dialog.c — progress of a long import or export, then what came of it.
 *
 * The work runs in a worker thread; this window shows its progress, cancels it, and then
 * lists what was refused (a roster's bad rows, an import's warnings), which can run to
 * thousands of lines, hence a GtkListView.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-transfer-dialog.h"

struct _XsTransferDialog
{
  AdwWindow parent_instance;

  GCancellable *cancellable;
  guint pulse_source;

  AdwWindowTitle *window_title;
  GtkStack *stack;
  GtkLabel *status_label;
  GtkProgressBar *progress_bar;
  GtkLabel *summary_label;
  GtkWidget *problems_scroller;
  GtkStringList *problems;
  GtkButton *proceed_button;
};

G_DEFINE_FINAL_TYPE (XsTransferDialog, xs_transfer_dialog, ADW_TYPE_WINDOW)

enum
{
  PROCEED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
pulse_cb (gpointer user_data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (user_data));
  return G_SOURCE_CONTINUE;
}

static void
stop_pulse (XsTransferDialog *self)
{
  g_clear_handle_id (&self->pulse_source, g_source_remove);
}

static void
cancel_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsTransferDialog *self = XS_TRANSFER_DIALOG (widget);

  g_cancellable_cancel (self->cancellable);
  gtk_label_set_label (self->status_label, _ ("Cancelling…"));
  gtk_widget_action_set_enabled (widget, "transfer.cancel", FALSE);
}

static void
proceed_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  g_signal_emit (widget, signals[PROCEED], 0);
}

static gboolean
xs_transfer_dialog_close_request (GtkWindow *window)
{
  XsTransferDialog *self = XS_TRANSFER_DIALOG (window);

  /* Closing while it works cancels the work; the window goes when the thread has stopped. */
  if (g_str_equal (gtk_stack_get_visible_child_name (self->stack), "progress"))
    {
      cancel_action (GTK_WIDGET (self), "transfer.cancel", NULL);
      return TRUE;
    }
  return GTK_WINDOW_CLASS (xs_transfer_dialog_parent_class)->close_request (window);
}

static void
xs_transfer_dialog_dispose (GObject *object)
{
  XsTransferDialog *self = XS_TRANSFER_DIALOG (object);

  stop_pulse (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_TRANSFER_DIALOG);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (xs_transfer_dialog_parent_class)->dispose (object);
}

static void
xs_transfer_dialog_class_init (XsTransferDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = xs_transfer_dialog_dispose;
  window_class->close_request = xs_transfer_dialog_close_request;

  /* The clerk chose to go on (e.g. import the good rows of a roster). */
  signals[PROCEED] = g_signal_new ("proceed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                   NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-transfer-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, XsTransferDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, XsTransferDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, XsTransferDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, XsTransferDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, XsTransferDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, XsTransferDialog, problems_scroller);
  gtk_widget_class_bind_template_child (widget_class, XsTransferDialog, problems);
  gtk_widget_class_bind_template_child (widget_class, XsTransferDialog, proceed_button);

  gtk_widget_class_install_action (widget_class, "transfer.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "transfer.proceed", NULL, proceed_action);
}

static void
xs_transfer_dialog_init (XsTransferDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

XsTransferDialog *
xs_transfer_dialog_new (GtkWindow *parent, const char *title)
{
  XsTransferDialog *self = g_object_new (XS_TYPE_TRANSFER_DIALOG, "transient-for", parent, NULL);

  adw_window_title_set_title (self->window_title, title);
  xs_transfer_dialog_restart (self, NULL);
  return self;
}

/**
 * xs_transfer_dialog_get_cancellable:
 *
 * Returns: (transfer none): cancelled by the Cancel button or by closing the window
 */
GCancellable *
xs_transfer_dialog_get_cancellable (XsTransferDialog *self)
{
  g_return_val_if_fail (XS_IS_TRANSFER_DIALOG (self), NULL);
  return self->cancellable;
}

/**
 * xs_transfer_dialog_set_progress:
 * @fraction: 0 to 1, or negative while the amount of work is not known
 * @status: (nullable): what is being done
 */
void
xs_transfer_dialog_set_progress (XsTransferDialog *self, double fraction, const char *status)
{
  g_return_if_fail (XS_IS_TRANSFER_DIALOG (self));

  if (fraction < 0)
    {
      if (self->pulse_source == 0)
        self->pulse_source = g_timeout_add (120, pulse_cb, self->progress_bar);
    }
  else
    {
      stop_pulse (self);
      gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
    }
  if (status != NULL && !g_cancellable_is_cancelled (self->cancellable))
    gtk_label_set_label (self->status_label, status);
}

/* Back to the progress page for another round of work (after "proceed"). */
void
xs_transfer_dialog_restart (XsTransferDialog *self, const char *status)
{
  g_return_if_fail (XS_IS_TRANSFER_DIALOG (self));

  g_cancellable_reset (self->cancellable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "transfer.cancel", TRUE);
  gtk_label_set_label (self->status_label, status ? status : _ ("Starting…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_stack_set_visible_child_name (self->stack, "progress");
}

/**
 * xs_transfer_dialog_show_result:
 * @problems: (nullable) (element-type utf8): lines to list
 * @proceed_label: (nullable): a button to go on with, emitting "proceed"
 */
void
xs_transfer_dialog_show_result (XsTransferDialog *self, const char *summary, GPtrArray *problems,
                                const char *proceed_label)
{
  g_return_if_fail (XS_IS_TRANSFER_DIALOG (self));

  stop_pulse (self);
  gtk_label_set_label (self->summary_label, summary);
  gtk_string_list_splice (self->problems, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->problems)), NULL);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    gtk_string_list_append (self->problems, g_ptr_array_index (problems, i));
  gtk_widget_set_visible (self->problems_scroller, problems != NULL && problems->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->proceed_button), proceed_label != NULL);
  if (proceed_label != NULL)
    gtk_button_set_label (self->proceed_button, proceed_label);
  gtk_stack_set_visible_child_name (self->stack, "result");
}

/**
 * xs_transfer_dialog_get_summary:
 *
 * Returns: (nullable): what came of the work, or %NULL while it runs
 */
/* A finished job's title: "Imported", not "Importing…". */
void
xs_transfer_dialog_set_title (XsTransferDialog *self, const char *title)
{
  g_return_if_fail (XS_IS_TRANSFER_DIALOG (self));
  adw_window_title_set_title (self->window_title, title);
}

const char *
xs_transfer_dialog_get_summary (XsTransferDialog *self)
{
  g_return_val_if_fail (XS_IS_TRANSFER_DIALOG (self), NULL);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "result"))
    return NULL;
  return gtk_label_get_label (self->summary_label);
}

/**
 * xs_transfer_dialog_get_problems:
 *
 * Returns: (transfer none): the lines listed with the result (GtkStringObject)
 */
GListModel *
xs_transfer_dialog_get_problems (XsTransferDialog *self)
{
  g_return_val_if_fail (XS_IS_TRANSFER_DIALOG (self), NULL);
  return G_LIST_MODEL (self->problems);
}
