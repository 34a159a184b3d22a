/* xs-resident-id.h - Validation of Chinese 18-digit resident ID numbers (GB 11643-1999)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Number of characters in a resident ID, without the terminating NUL. */
#define XS_RESIDENT_ID_LENGTH 18

#define XS_RESIDENT_ID_ERROR (xs_resident_id_error_quark ())

/**
 * XsResidentIdError:
 * @XS_RESIDENT_ID_ERROR_LENGTH: the ID is not exactly 18 characters long
 * @XS_RESIDENT_ID_ERROR_CHARACTER: a character other than a digit (or a final
 *   uppercase `X`) was found, including a lowercase `x`
 * @XS_RESIDENT_ID_ERROR_REGION: the first two digits are not a province code
 * @XS_RESIDENT_ID_ERROR_BIRTH_DATE: the birth date is not a real calendar date,
 *   is before 1900 or is in the future
 * @XS_RESIDENT_ID_ERROR_CHECK_DIGIT: the last character does not match the
 *   ISO 7064 MOD 11-2 check digit
 */
typedef enum
{
  XS_RESIDENT_ID_ERROR_LENGTH,
  XS_RESIDENT_ID_ERROR_CHARACTER,
  XS_RESIDENT_ID_ERROR_REGION,
  XS_RESIDENT_ID_ERROR_BIRTH_DATE,
  XS_RESIDENT_ID_ERROR_CHECK_DIGIT,
} XsResidentIdError;

GQuark xs_resident_id_error_quark (void);

gboolean xs_resident_id_validate (const char *id, GError **error);
gboolean xs_resident_id_validate_at (const char *id, const GDate *today, GError **error);

char xs_resident_id_compute_check_digit (const char *first17);

gboolean xs_resident_id_get_birth_date (const char *id, GDate *out_date);

const char *xs_resident_id_mask (const char *id, char out[XS_RESIDENT_ID_LENGTH + 1]);

G_END_DECLS
