/* xs-window.c — the main window: persons on the left, a person or the unit on the right.
 *
 * An AdwLeaflet that folds to one pane below ~660 px, down to 360 px wide. The person list
 * is a GtkListView over an XsPersonList (filtered and searched indexes into XsPersonIndex),
 * so 20,000 persons scroll as fast as twenty.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>
#include <glib/gi18n.h>

#include "xs-bench-soak.h"
#include "xs-bench.h"
#include "xs-person-row.h"
#include "xs-spinner.h"
#include "xs-transfer.h"
#include "xs-unit-overview.h"
#include "xs-person-editor.h"
#include "xs-window.h"

struct _XsWindow
{
  AdwApplicationWindow parent_instance;

  XsSession *session;
  XsPersonIndex *index;
  XsPersonList *list;
  gboolean selecting; /* the selection is being set to match the page */

  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  AdwWindowTitle *sidebar_title;
  GtkSearchEntry *search_entry;
  GtkDropDown *filter_dropdown;
  GtkStack *sidebar_stack;
  AdwStatusPage *sidebar_error_page;
  GtkListView *person_view;
  GtkSingleSelection *person_selection;
  GtkStack *content_stack;
  XsUnitOverview *overview;
  XsPersonPage *person_page;
  AdwStatusPage *error_page;
};

G_DEFINE_FINAL_TYPE (XsWindow, xs_window, ADW_TYPE_APPLICATION_WINDOW)

static void
update_actions (XsWindow *self)
{
  gboolean ready = self->session != NULL;
  gboolean has_person = ready && xs_person_page_get_person_id (self->person_page) != NULL;
  gboolean loaded = ready && xs_person_index_get_loaded (self->index);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-activity", has_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-sheet", has_person);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-overview", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-person", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-exchange", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-roster", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-exchange", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", loaded);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-all-sheets", loaded);
}

static void
update_sidebar (XsWindow *self)
{
  const GError *error = xs_person_index_get_error (self->index);
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  guint total = xs_person_index_get_n_persons (self->index);
  g_autofree char *subtitle = NULL;

  if (!xs_person_index_get_loaded (self->index))
    gtk_stack_set_visible_child_name (self->sidebar_stack, "loading");
  else if (error != NULL)
    {
      adw_status_page_set_description (self->sidebar_error_page, error->message);
      gtk_stack_set_visible_child_name (self->sidebar_stack, "error");
    }
  else
    gtk_stack_set_visible_child_name (self->sidebar_stack, shown > 0 ? "list" : "empty");

  if (!xs_person_index_get_loaded (self->index))
    subtitle = g_strdup (""); /* no count before the records are read */
  else if (shown == total)
    subtitle = g_strdup_printf (ngettext ("%u person", "%u persons", total), total);
  else
    /* TRANSLATORS: persons shown of all persons */
    subtitle =
        g_strdup_printf (ngettext ("%u of %u person", "%u of %u persons", total), shown, total);
  adw_window_title_set_subtitle (self->sidebar_title, subtitle);
  update_actions (self);
}

/* Keeps the list's selection on the person shown, when the list shows them. */
static void
sync_selection (XsWindow *self)
{
  int position = xs_person_list_find (self->list, xs_person_page_get_person_id (self->person_page));

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->person_selection,
                                     position >= 0 ? (guint)position : GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
}

static void
on_index_loaded_cb (XsWindow *self)
{
  static gboolean reported;

  update_sidebar (self);
  sync_selection (self);
  if (!reported && xs_person_index_get_loaded (self->index))
    {
      reported = TRUE;
      xs_bench_report_after_paint (GTK_WIDGET (self), "list-ready", xs_bench_get_process_start ());
      xs_bench_soak_start (self);
    }
}

void
xs_window_show_person (XsWindow *self, const char *person_id)
{
  gint64 start = g_get_monotonic_time ();

  g_return_if_fail (XS_IS_WINDOW (self));

  xs_person_page_load (self->person_page, person_id);
  /* At once, not cross-faded from the overview: a cross-fade's first frame still shows the
   * overview alone, and each of its frames draws both pages. */
  gtk_stack_set_visible_child_full (self->content_stack, "person", GTK_STACK_TRANSITION_TYPE_NONE);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  sync_selection (self);
  update_actions (self);
  /* The soak opens thousands: their times are not what it measures. */
  if (!xs_bench_soak_enabled ())
    xs_bench_report_after_paint (GTK_WIDGET (self->person_page), "open-person", start);
}

static void
on_person_selection_notify_selected_cb (GtkSingleSelection *selection, GParamSpec *pspec,
                                        XsWindow *self)
{
  XsPersonItem *item = gtk_single_selection_get_selected_item (selection);

  /* Folded, rows select on hover (single-click-activate): only activation opens. */
  if (self->selecting || item == NULL || adw_leaflet_get_folded (self->leaflet))
    return;
  if (g_strcmp0 (xs_person_item_get_person_id (item),
                 xs_person_page_get_person_id (self->person_page)) == 0 &&
      g_str_equal (gtk_stack_get_visible_child_name (self->content_stack), "person"))
    {
      adw_leaflet_set_visible_child_name (self->leaflet, "content");
      return;
    }
  xs_window_show_person (self, xs_person_item_get_person_id (item));
}

static void
on_person_view_activate_cb (GtkListView *view, guint position, XsWindow *self)
{
  g_autoptr (XsPersonItem) item = g_list_model_get_item (G_LIST_MODEL (self->list), position);

  if (item != NULL)
    xs_window_show_person (self, xs_person_item_get_person_id (item));
}

static void
on_search_entry_search_changed_cb (GtkSearchEntry *entry, XsWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  xs_person_list_set_search (self->list, text);
  /* A certificate number or an organiser finds the persons whose scans say it (read scans
   * only): four characters at least, so a keystroke does not scan every text. */
  if (g_utf8_strlen (stripped, -1) >= 4)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) found =
          xs_store_search_evidence_text (xs_session_get_store (self->session), stripped, &error);

      if (found == NULL)
        g_warning ("The text of scans was not searched: %s", error->message);
      xs_person_list_set_text_matches (self->list, found);
    }
  sync_selection (self);
}

/* For tests: types @text into the search field. */
void
xs_window_set_search (XsWindow *self, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  on_search_entry_search_changed_cb (self->search_entry, self);
}

/* Enter in the search field opens the first match. */
static void
on_search_entry_activate_cb (GtkSearchEntry *entry, XsWindow *self)
{
  g_autoptr (XsPersonItem) item = g_list_model_get_item (G_LIST_MODEL (self->list), 0);

  if (item != NULL)
    xs_window_show_person (self, xs_person_item_get_person_id (item));
}

static void
on_leaflet_notify_folded_cb (XsWindow *self)
{
  /* Folded, the list is a plain menu: nothing stays selected, so tapping a row always opens. */
  if (adw_leaflet_get_folded (self->leaflet))
    gtk_list_view_set_single_click_activate (self->person_view, TRUE);
  else
    gtk_list_view_set_single_click_activate (self->person_view, FALSE);
}

static gboolean
filter_to_position (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_uint (to, xs_person_filter_to_position (g_value_get_string (from)));
  return TRUE;
}

static gboolean
position_to_filter (GBinding *binding, const GValue *from, GValue *to, gpointer user_data)
{
  g_value_set_string (to, xs_person_filter_from_position (g_value_get_uint (from)));
  return TRUE;
}

static void
show_overview_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsWindow *self = XS_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->content_stack, "overview");
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->person_selection, GTK_INVALID_LIST_POSITION);
  self->selecting = FALSE;
}

static void
show_person_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  xs_window_show_person (XS_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
go_back_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsWindow *self = XS_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
search_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsWindow *self = XS_WINDOW (widget);

  adw_leaflet_set_visible_child_name (self->leaflet, "sidebar");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
forward_to_page_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsWindow *self = XS_WINDOW (widget);
  /* win.X → person.X */
  g_autofree char *target = g_strconcat ("person.", name + strlen ("win."), NULL);

  gtk_widget_activate_action (GTK_WIDGET (self->person_page), target, NULL);
}

static void
add_person_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsWindow *self = XS_WINDOW (widget);
  GtkWindow *editor = GTK_WINDOW (xs_person_editor_new (self->session, NULL));

  gtk_window_set_transient_for (editor, GTK_WINDOW (self));
  gtk_window_present (editor);
}

static void
transfer_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  XsWindow *self = XS_WINDOW (widget);
  GtkWindow *window = GTK_WINDOW (self);

  if (g_str_equal (name, "win.import-exchange"))
    xs_transfer_import_exchange (window, self->session);
  else if (g_str_equal (name, "win.import-roster"))
    xs_transfer_import_roster (window, self->session);
  else if (g_str_equal (name, "win.export-exchange"))
    xs_transfer_export_exchange (window, self->session);
  else if (g_str_equal (name, "win.export-report"))
    xs_transfer_export_report (window, self->session);
  else if (g_str_equal (name, "win.export-all-sheets"))
    xs_transfer_export_sheets (window, self->session, NULL);
}

static gboolean
open_bench_person_cb (gpointer user_data)
{
  XsWindow *self = user_data;

  if (self->session != NULL)
    xs_window_show_person (self, xs_bench_get_person_to_open ());
  return G_SOURCE_REMOVE;
}

/* The benchmark's person is opened once the first frame is on screen. */
static void
on_first_after_paint_cb (GdkFrameClock *clock, XsWindow *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_after_paint_cb, self);
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, open_bench_person_cb, g_object_ref (self),
                   g_object_unref);
}

static void
xs_window_realize (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (xs_window_parent_class)->realize (widget);
  if (xs_bench_get_person_to_open () != NULL)
    g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                      G_CALLBACK (on_first_after_paint_cb), widget);
}

static gboolean
xs_window_close_request (GtkWindow *window)
{
  XsWindow *self = XS_WINDOW (window);
  GSettings *settings = self->session ? xs_session_get_settings (self->session) : NULL;

  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_delay (settings);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
      if (!gtk_window_is_maximized (window))
        {
          g_settings_set_int (settings, "window-width", width);
          g_settings_set_int (settings, "window-height", height);
        }
      g_settings_apply (settings);
    }
  return GTK_WINDOW_CLASS (xs_window_parent_class)->close_request (window);
}

static void
xs_window_dispose (GObject *object)
{
  XsWindow *self = XS_WINDOW (object);

  if (self->person_selection != NULL)
    gtk_single_selection_set_model (self->person_selection, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), XS_TYPE_WINDOW);
  g_clear_object (&self->list);
  g_clear_object (&self->index);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (xs_window_parent_class)->dispose (object);
}

static void
xs_window_class_init (XsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = xs_window_dispose;
  widget_class->realize = xs_window_realize;
  window_class->close_request = xs_window_close_request;

  g_type_ensure (XS_TYPE_PERSON_ROW);
  g_type_ensure (XS_TYPE_SPINNER);
  g_type_ensure (XS_TYPE_PERSON_PAGE);
  g_type_ensure (XS_TYPE_UNIT_OVERVIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/xueshi/Xueshi/xs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, XsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, XsWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, XsWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, XsWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, XsWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, XsWindow, filter_dropdown);
  gtk_widget_class_bind_template_child (widget_class, XsWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, XsWindow, sidebar_error_page);
  gtk_widget_class_bind_template_child (widget_class, XsWindow, person_view);
  gtk_widget_class_bind_template_child (widget_class, XsWindow, person_selection);
  gtk_widget_class_bind_template_child (widget_class, XsWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, XsWindow, overview);
  gtk_widget_class_bind_template_child (widget_class, XsWindow, person_page);
  gtk_widget_class_bind_template_child (widget_class, XsWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_person_selection_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_person_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.show-overview", NULL, show_overview_action);
  gtk_widget_class_install_action (widget_class, "win.show-person", "s", show_person_action);
  gtk_widget_class_install_action (widget_class, "win.go-back", NULL, go_back_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.add-activity", NULL, forward_to_page_action);
  gtk_widget_class_install_action (widget_class, "win.print-sheet", NULL, forward_to_page_action);
  gtk_widget_class_install_action (widget_class, "win.add-person", NULL, add_person_action);
  gtk_widget_class_install_action (widget_class, "win.import-exchange", NULL, transfer_action);
  gtk_widget_class_install_action (widget_class, "win.import-roster", NULL, transfer_action);
  gtk_widget_class_install_action (widget_class, "win.export-exchange", NULL, transfer_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL, transfer_action);
  gtk_widget_class_install_action (widget_class, "win.export-all-sheets", NULL, transfer_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.add-activity", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print-sheet",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.import-exchange", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.go-back",
                                       NULL);
}

static void
xs_window_init (XsWindow *self)
{
  g_autoptr (GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  factory = xs_person_row_factory_new ();
  gtk_list_view_set_factory (self->person_view, factory);
  g_signal_connect_object (self->leaflet, "notify::folded",
                           G_CALLBACK (on_leaflet_notify_folded_cb), self, G_CONNECT_SWAPPED);
  xs_bench_report_after_paint (GTK_WIDGET (self), "first-frame", xs_bench_get_process_start ());
}

static void
restore_size (XsWindow *self, GSettings *settings)
{
  int width = g_settings_get_int (settings, "window-width");
  int height = g_settings_get_int (settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/**
 * xs_window_new:
 * @session: (nullable): the open database, or %NULL when it could not be opened
 * @open_error: (nullable): why it could not, shown in the window
 *
 * Returns: (transfer full): the window
 */
XsWindow *
xs_window_new (GtkApplication *application, XsSession *session, const GError *open_error)
{
  XsWindow *self = g_object_new (XS_TYPE_WINDOW, "application", application, NULL);
  GSettings *settings;
  g_autofree char *db_name = NULL;

  if (session == NULL)
    {
      adw_status_page_set_description (self->error_page, open_error ? open_error->message : NULL);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      gtk_stack_set_visible_child_name (self->sidebar_stack, "error");
      gtk_widget_set_sensitive (self->sidebar, FALSE);
      update_actions (self);
      return self;
    }

  self->session = g_object_ref (session);
  xs_bench_expect ("first-frame");
  xs_bench_expect ("list-ready");
  if (xs_bench_get_person_to_open () != NULL)
    xs_bench_expect ("open-person");
  if (xs_bench_soak_enabled ())
    xs_bench_expect ("soak");
  settings = xs_session_get_settings (session);
  self->index = xs_person_index_new (session);
  self->list = xs_person_list_new (self->index);
  gtk_single_selection_set_model (self->person_selection, G_LIST_MODEL (self->list));
  g_object_bind_property_full (self->list, "filter", self->filter_dropdown, "selected",
                               G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE, filter_to_position,
                               position_to_filter, NULL, NULL);
  if (settings != NULL)
    {
      g_settings_bind (settings, "sidebar-filter", self->list, "filter", G_SETTINGS_BIND_DEFAULT);
      restore_size (self, settings);
    }

  g_signal_connect_object (self->index, "notify::loaded", G_CALLBACK (on_index_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->index, "reset", G_CALLBACK (on_index_loaded_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list, "notify::n-items", G_CALLBACK (update_sidebar), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->person_page, "notify::person-id", G_CALLBACK (update_actions),
                           self, G_CONNECT_SWAPPED);

  db_name = g_path_get_basename (xs_session_get_path (session));
  xs_person_page_set_session (self->person_page, session);
  xs_unit_overview_set_index (self->overview, self->index, db_name);
  gtk_stack_set_visible_child_name (self->content_stack, "overview");
  update_sidebar (self);
  return self;
}

XsSession *
xs_window_get_session (XsWindow *self)
{
  g_return_val_if_fail (XS_IS_WINDOW (self), NULL);
  return self->session;
}

XsUnitOverview *
xs_window_get_unit_overview (XsWindow *self)
{
  return self->overview;
}

XsPersonIndex *
xs_window_get_index (XsWindow *self)
{
  g_return_val_if_fail (XS_IS_WINDOW (self), NULL);
  return self->index;
}

XsPersonList *
xs_window_get_person_list (XsWindow *self)
{
  g_return_val_if_fail (XS_IS_WINDOW (self), NULL);
  return self->list;
}

XsPersonPage *
xs_window_get_person_page (XsWindow *self)
{
  g_return_val_if_fail (XS_IS_WINDOW (self), NULL);
  return self->person_page;
}

XsUnitOverview *
xs_window_get_overview (XsWindow *self)
{
  g_return_val_if_fail (XS_IS_WINDOW (self), NULL);
  return self->overview;
}

void
xs_window_add_toast (XsWindow *self, AdwToast *toast)
{
  g_return_if_fail (XS_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}
