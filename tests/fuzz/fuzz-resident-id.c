/* fuzz-resident-id.c — libFuzzer: any bytes as a resident ID number (GB 11643).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "xs-fuzz.h"

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  xs_fuzz_init ();
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *id = g_strndup ((const char *)data, size);
  g_autoptr (GDate) today = g_date_new_dmy (3, G_DATE_DECEMBER, 2026);
  g_autoptr (GError) error = NULL;
  char masked[XS_RESIDENT_ID_LENGTH + 1];
  GDate birth;
  gboolean valid;

  valid = xs_resident_id_validate_at (id, today, &error);
  g_assert (valid == (error == NULL));
  (void)xs_resident_id_mask (id, masked);
  g_date_clear (&birth, 1);
  if (xs_resident_id_get_birth_date (id, &birth))
    g_assert (g_date_valid (&birth));
  if (valid)
    {
      /* A valid ID's last character is the check digit of the 17 before it. */
      char body[XS_RESIDENT_ID_LENGTH];

      g_assert (strlen (id) == XS_RESIDENT_ID_LENGTH);
      memcpy (body, id, XS_RESIDENT_ID_LENGTH - 1);
      body[XS_RESIDENT_ID_LENGTH - 1] = '\0';
      g_assert (xs_resident_id_compute_check_digit (body) == id[XS_RESIDENT_ID_LENGTH - 1]);
    }
  return 0;
}
