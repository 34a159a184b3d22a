/* xs-sheet-preview.h — the confirmation sheet as it will print; printing it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-session.h"

G_BEGIN_DECLS

#define XS_TYPE_SHEET_PREVIEW (xs_sheet_preview_get_type ())
G_DECLARE_FINAL_TYPE (XsSheetPreview, xs_sheet_preview, XS, SHEET_PREVIEW, AdwWindow)

XsSheetPreview *xs_sheet_preview_new (XsSession *session, const char *person_id);
guint xs_sheet_preview_get_n_pages (XsSheetPreview *self);
GBytes *xs_sheet_preview_get_pdf (XsSheetPreview *self);
const char *xs_sheet_preview_get_notice (XsSheetPreview *self);
gboolean xs_sheet_preview_get_draft_chosen_freely (XsSheetPreview *self);

void xs_sheet_render_async (XsSession *session, const char *person_id, gboolean draft,
                            GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data);
GBytes *xs_sheet_render_finish (GAsyncResult *result, guint *out_pending, GError **error);
void xs_sheet_print_pdf (GtkWindow *parent, GBytes *pdf, const char *job_name);
void xs_sheet_print (GtkWindow *parent, XsSession *session, const char *person_id);

G_END_DECLS
