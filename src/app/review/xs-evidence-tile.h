/* xs-evidence-tile.h — an attached file in the evidence grid.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "xs-evidence-file.h"

G_BEGIN_DECLS

#define XS_TYPE_EVIDENCE_TILE (xs_evidence_tile_get_type ())
G_DECLARE_FINAL_TYPE (XsEvidenceTile, xs_evidence_tile, XS, EVIDENCE_TILE, GtkWidget)

XsEvidenceFile *xs_evidence_tile_get_item (XsEvidenceTile *self);
void xs_evidence_tile_set_item (XsEvidenceTile *self, XsEvidenceFile *item);

G_END_DECLS
