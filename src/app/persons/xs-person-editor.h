/* xs-person-editor.h — adding or correcting a person's own fields.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "xs-session.h"

G_BEGIN_DECLS

#define XS_TYPE_PERSON_EDITOR (xs_person_editor_get_type ())

G_DECLARE_FINAL_TYPE (XsPersonEditor, xs_person_editor, XS, PERSON_EDITOR, AdwWindow)

/* @person: NULL to add one */
XsPersonEditor *xs_person_editor_new (XsSession *session, XsPerson *person);
gboolean xs_person_editor_set_field (XsPersonEditor *self, const char *field, const char *value);
gboolean xs_person_editor_select_unit (XsPersonEditor *self, const char *unit_id);
const char *xs_person_editor_get_problem (XsPersonEditor *self);

G_END_DECLS
