/* xs-activity.h — the records: units, persons, activities with their evidence and reviews.
 *
 * Plain ref-counted value types; the store reads and writes them, the engine reads them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  XS_STATUS_PENDING,
  XS_STATUS_APPROVED,
  XS_STATUS_REJECTED,
} XsStatus;

const char *xs_status_to_string (XsStatus status);
gboolean xs_status_from_string (const char *s, XsStatus *out);

typedef struct
{
  char *id;
  char *category; /* provincial | municipal | other | central */
  char *name;
  char *supervisor;
  char *region;
} XsUnit;

typedef struct
{
  char *id;
  char *unit_id;
  char *name;
  char *gender; /* male | female */
  char *id_number;
  char *current_title;
  char *applying_title;
  char *specialty;
  guint span_from; /* 0: the rule file's default span */
  guint span_to;
  /* The stored row's version when it was read; a save of an older one is refused (another
   * clerk changed it meanwhile). 0: not read from a store, saved without that check. */
  gint64 version;
} XsPerson;

typedef struct
{
  char *material;
  char *sha256;    /* of the stored file */
  char *file_name; /* the name it came with, for display and export */
  gint64 size;
} XsEvidence;

typedef struct
{
  char *reviewer;
  char *date; /* ISO date */
  XsStatus decision;
  char *reason;
} XsReview;

/* The parameters parsed under a rule file: xs-params.c. */
typedef struct _XsTypedParams XsTypedParams;

typedef struct
{
  char *id;
  char *person_id;
  char *kind;
  XsStatus status;
  char *title;
  char *organizer;
  GPtrArray *params;    /* alternating name, value (char *), names sorted */
  GPtrArray *evidence;  /* XsEvidence */
  GPtrArray *reviews;   /* XsReview, oldest first */
  XsTypedParams *typed; /* params parsed once (xs_typed_params_get()); NULL until needed */
  gint64 version;       /* as XsPerson's */
} XsActivity;

#define XS_TYPE_UNIT (xs_unit_get_type ())
#define XS_TYPE_PERSON (xs_person_get_type ())
#define XS_TYPE_ACTIVITY (xs_activity_get_type ())

GType xs_unit_get_type (void);
GType xs_person_get_type (void);
GType xs_activity_get_type (void);

XsUnit *xs_unit_new (void);
XsUnit *xs_unit_ref (XsUnit *unit);
void xs_unit_unref (XsUnit *unit);

XsPerson *xs_person_new (void);
XsPerson *xs_person_ref (XsPerson *person);
void xs_person_unref (XsPerson *person);

XsActivity *xs_activity_new (void);
XsActivity *xs_activity_ref (XsActivity *activity);
void xs_activity_unref (XsActivity *activity);

const char *xs_activity_get_param (const XsActivity *activity, const char *name);
void xs_activity_set_param (XsActivity *activity, const char *name, const char *value);
char *xs_activity_dup_params_string (const XsActivity *activity);
gboolean xs_activity_set_params_string (XsActivity *activity, const char *text);
void xs_activity_add_evidence (XsActivity *activity, const char *material, const char *sha256,
                               const char *file_name, gint64 size);
void xs_activity_add_review (XsActivity *activity, const char *reviewer, const char *date,
                             XsStatus decision, const char *reason);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsUnit, xs_unit_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsPerson, xs_person_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (XsActivity, xs_activity_unref)

G_END_DECLS
