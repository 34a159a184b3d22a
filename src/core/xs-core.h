/* xs-core.h — one include for the core library, and its one-time set-up.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "xs-activity.h"
#include "xs-audit.h"
#include "xs-blob-store.h"
#include "xs-date.h"
#include "xs-engine.h"
#include "xs-evidence-check.h"
#include "xs-export.h"
#include "xs-fsck.h"
#include "xs-hours.h"
#include "xs-import.h"
#include "xs-evidence-checks.h"
#include "xs-json.h"
#include "xs-params.h"
#include "xs-records.h"
#include "xs-records-copy.h"
#include "xs-records-persons.h"
#include "xs-records-round.h"
#include "xs-resident-id.h"
#include "xs-roster.h"
#include "xs-activity-workbook.h"
#include "xs-activity-template.h"
#include "xs-rules.h"
#include "xs-scan.h"
#include "xs-sheet-code.h"
#include "xs-sheet.h"
#include "xs-sheet-batch.h"
#include "xs-pg-listen.h"
#include "xs-pg-store.h"
#include "xs-sqlite-store.h"
#include "xs-store.h"
#include "xs-tenths.h"
#include "xs-ocr-fields.h"
#include "xs-ocr.h"
#include "xs-scanner.h"
#include "xs-thumbnail.h"
#include "xs-unit-report.h"
#include "xs-worker.h"
#include "xs-xlsx-report.h"
#include "xs-xlsx-read.h"

G_BEGIN_DECLS

void xs_core_init (void);

G_END_DECLS
