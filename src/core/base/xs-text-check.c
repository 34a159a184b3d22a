/* xs-text-check.c — single-line texts a person typed: no characters that forge lines.
 *
 * A reviewer's name, a reason or a file name is printed on one line of `audit` and
 * `evidence list`; a newline, tab or other control character in it could make one entry look
 * like two, or like another column. Such texts are refused where they come in.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "xs-text-check.h"

/**
 * xs_text_is_single_line:
 * @text: (nullable): valid UTF-8, or %NULL (which passes)
 *
 * Returns: whether @text has no C0 or C1 control character, no DEL and no Unicode line or
 *   paragraph separator
 */
gboolean
xs_text_is_single_line (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029)
        return FALSE;
    }
  return TRUE;
}
