/* xs-evidence-file.h — one attached file of an activity, with its thumbnail made off-thread.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xs-core.h"

G_BEGIN_DECLS

#define XS_TYPE_EVIDENCE_FILE (xs_evidence_file_get_type ())
G_DECLARE_FINAL_TYPE (XsEvidenceFile, xs_evidence_file, XS, EVIDENCE_FILE, GObject)

XsEvidenceFile *xs_evidence_file_new (XsRules *rules, const XsEvidence *evidence, const char *path);
const char *xs_evidence_file_get_material (XsEvidenceFile *self);
const char *xs_evidence_file_get_sha256 (XsEvidenceFile *self);
const char *xs_evidence_file_get_path (XsEvidenceFile *self);
const char *xs_evidence_file_get_file_name (XsEvidenceFile *self);
GdkPaintable *xs_evidence_file_get_thumbnail (XsEvidenceFile *self);
void xs_evidence_file_load_thumbnail (XsEvidenceFile *self);

G_END_DECLS
