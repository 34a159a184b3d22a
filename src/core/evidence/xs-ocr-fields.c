/* xs-ocr-fields.c — finds a certificate's fields in its text, line by line.
 *
 * The patterns are the wordings of Hunan's certificates: 结业证书, 学时证明, 获奖证书,
 * 专利证书 and the like, with their labels (姓名、证书编号、主办单位 …) or the sentence forms
 * (兹证明 某某 同志 于 2026年3月1日至3日 参加 …). A field keeps the confidence of the line it
 * came from; a field no pattern finds is left out, never guessed.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "xs-ocr-fields.h"
#include "xs-resident-id.h"

static const char *const field_keys[XS_OCR_N_FIELDS] = {
  [XS_OCR_FIELD_NAME] = "name",
  [XS_OCR_FIELD_ID_NUMBER] = "id_number",
  [XS_OCR_FIELD_CERTIFICATE_NUMBER] = "certificate_number",
  [XS_OCR_FIELD_ORGANIZER] = "organizer",
  [XS_OCR_FIELD_START] = "start",
  [XS_OCR_FIELD_END] = "end",
  [XS_OCR_FIELD_HOURS] = "hours",
  [XS_OCR_FIELD_YEAR] = "year",
  [XS_OCR_FIELD_GRADE] = "grade",
  [XS_OCR_FIELD_RANK] = "rank",
};

const char *
xs_ocr_field_get_key (XsOcrField field)
{
  g_return_val_if_fail (field < XS_OCR_N_FIELDS, NULL);
  return field_keys[field];
}

gboolean
xs_ocr_field_is_number (XsOcrField field)
{
  return field == XS_OCR_FIELD_HOURS || field == XS_OCR_FIELD_YEAR || field == XS_OCR_FIELD_GRADE ||
         field == XS_OCR_FIELD_RANK;
}

/* The title words of each kind, the most specific first: 发明专利 before 专利. */
static const struct
{
  const char *words;
  const char *kind;
} kind_words[] = {
  { "发明专利", "invention-patent" },
  { "实用新型", "utility-patent" },
  { "学时认定单", "certified-year" },
  { "技能大赛|技能竞赛", "skills-contest" },
  { "获奖证书|科学技术奖|科技进步奖|科学技术进步奖|社会科学优秀成果奖|自然科学奖|荣誉证书",
    "award" },
  { "数字技术应用能力", "digital-skills-exam" },
  { "职业资格证书|资格证书", "qualification-exam" },
  { "学时证明|网络学习|在线学习|网络培训|远程教育|学习证明", "online-course" },
  { "结题证书|结题通知|结项证书|课题", "research-project" },
  { "专家服务", "expert-service" },
  { "援藏|援疆|援外", "aid-posting" },
  { "学术会议|研讨会|参会证明|学术交流|讲座", "academic-event" },
  { "实践活动", "practice" },
  { "结业证书|培训证书|培训合格证|合格证书|研修班|培训班|进修班|进修", "training" },
  { "录用通知|期刊|论文", "paper" },
  { "出版社|ISBN|著作|教材", "book" },
};

static int
han_digit (gunichar c)
{
  static const char digits[] = "〇一二三四五六七八九";
  const char *p = digits;

  if (c == 0x25CB /* ○ */ || c == 0x96F6 /* 零 */)
    return 0;
  for (int i = 0; *p != '\0'; i++, p = g_utf8_next_char (p))
    if (g_utf8_get_char (p) == c)
      return i;
  return -1;
}

/* 二〇二六 → 2026 (digit by digit), 十二 → 12, 三十一 → 31. -1 if not a number. */
static int
han_number (const char *text, gboolean digit_by_digit)
{
  int value = 0, tens = -1;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int d = han_digit (c);

      if (c == 0x5341 /* 十 */ && !digit_by_digit)
        {
          tens = value == 0 ? 1 : value;
          value = 0;
        }
      else if (d >= 0)
        value = digit_by_digit ? value * 10 + d : d;
      else
        return -1;
    }
  return tens >= 0 ? tens * 10 + value : value;
}

static gboolean
han_date_to_digits (const GMatchInfo *match, GString *out, gpointer user_data)
{
  g_autofree char *y = g_match_info_fetch (match, 1);
  g_autofree char *m = g_match_info_fetch (match, 2);
  g_autofree char *d = g_match_info_fetch (match, 3);

  g_string_append_printf (out, "%d年%d月%d日", han_number (y, TRUE), han_number (m, FALSE),
                          han_number (d, FALSE));
  return FALSE;
}

/* Dates in Chinese numerals (the seal-dated kind) in digits, so one pattern finds them all. */
static char *
digits_for_han_dates (const char *line)
{
  static GRegex *han_date;

  if (g_once_init_enter (&han_date))
    g_once_init_leave (
        &han_date, g_regex_new ("([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月"
                                "([一二三四五六七八九十]{1,3})日",
                                G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_replace_eval (han_date, line, -1, 0, 0, han_date_to_digits, NULL, NULL);
}

static char *
iso_date (int y, int m, int d)
{
  if (y < 1900 || y > 2100 || !g_date_valid_dmy ((GDateDay)d, (GDateMonth)m, (GDateYear)y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}

#define DATE_PATTERN "(\\d{4})\\s*[年./-]\\s*(\\d{1,2})\\s*[月./-]\\s*(\\d{1,2})\\s*日?"

static GRegex *
regex (GRegex **cache, const char *pattern)
{
  if (g_once_init_enter (cache))
    g_once_init_leave (cache, g_regex_new (pattern, G_REGEX_OPTIMIZE, 0, NULL));
  return *cache;
}

static int
fetch_int (const GMatchInfo *match, int group)
{
  g_autofree char *s = g_match_info_fetch (match, group);

  return s != NULL && *s != '\0' ? atoi (s) : -1;
}

char *
xs_ocr_parse_date (const char *text)
{
  static GRegex *at_start;
  g_autofree char *digits = digits_for_han_dates (text);
  g_autoptr (GMatchInfo) match = NULL;

  if (!g_regex_match (regex (&at_start, "^\\s*" DATE_PATTERN), digits, 0, &match))
    return NULL;
  return iso_date (fetch_int (match, 1), fetch_int (match, 2), fetch_int (match, 3));
}

typedef struct
{
  XsOcrFields *fields;
  char *event_date; /* a date the event is said to be on (于…参加), and the text's last one,
                     * when no range says more */
  char *last_date;
  double event_confidence, last_confidence;
} Finder;

static void
set_field (Finder *f, XsOcrField field, char *value, double confidence)
{
  if (value == NULL)
    return;
  if (f->fields->values[field] != NULL)
    {
      g_free (value);
      return;
    }
  f->fields->values[field] = value;
  f->fields->confidence[field] = confidence;
}

/* 2026年3月1日至3月3日, 2026.3.1—2026.3.3, 2026年3月1日至3日: the end takes what it leaves out
 * from the start. */
static gboolean
find_range (Finder *f, const char *line, double confidence)
{
  static GRegex *range;
  g_autoptr (GMatchInfo) match = NULL;
  int y, m, d, y2, m2, d2;

  /* A seal's edge leaves a stray mark or two beside a digit (1]日): skipped. */
  if (!g_regex_match (regex (&range, DATE_PATTERN
                             "[^\\d\\p{Han}]{0,2}日?\\s*(?:至|到|—|–|~|～|-|－)+\\s*"
                             "(?:(\\d{4})\\s*[年./-]\\s*)?(?:(\\d{1,2})\\s*[月./-]\\s*)?"
                             "(\\d{1,2})(?!\\d)"),
                      line, 0, &match))
    return FALSE;
  y = fetch_int (match, 1);
  m = fetch_int (match, 2);
  d = fetch_int (match, 3);
  y2 = fetch_int (match, 4);
  m2 = fetch_int (match, 5);
  d2 = fetch_int (match, 6);
  if (y2 < 0)
    y2 = y;
  if (m2 < 0)
    m2 = m;
  {
    char *start = iso_date (y, m, d);
    char *end = iso_date (y2, m2, d2);

    if (start == NULL || end == NULL || strcmp (start, end) > 0)
      {
        g_free (start);
        g_free (end);
        return FALSE;
      }
    set_field (f, XS_OCR_FIELD_START, start, confidence);
    set_field (f, XS_OCR_FIELD_END, end, confidence);
  }
  return TRUE;
}

/* "]", "|", "l" or "I" beside a date's digits: a 1 misread (]1月 for 11月), or a mark a
 * seal's edge left (1]日 for 1日). Each reading is tried, the 1 first. */
static char *
date_reading (const char *line, gboolean as_one)
{
  static GRegex *mark;
  g_autoptr (GMatchInfo) match = NULL;

  if (g_once_init_enter (&mark))
    g_once_init_leave (&mark, g_regex_new ("(?<=[\\d年月至])[\\]|lI](?=\\s*[\\d年月日])",
                                           G_REGEX_OPTIMIZE, 0, NULL));
  return g_regex_replace_literal (mark, line, -1, 0, as_one ? "1" : "", 0, NULL);
}

static gboolean
find_single_dates (Finder *f, const char *line, double confidence)
{
  static GRegex *date;
  g_autoptr (GMatchInfo) match = NULL;
  gboolean found = FALSE;

  g_regex_match (regex (&date, DATE_PATTERN), line, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      char *iso = iso_date (fetch_int (match, 1), fetch_int (match, 2), fetch_int (match, 3));

      if (iso == NULL)
        continue;
      found = TRUE;
      /* 于 2026年3月2日 参加 …: the day of a one-day event. */
      if (f->event_date == NULL && (strstr (line, "参加") != NULL || strstr (line, "于") != NULL))
        {
          f->event_date = g_strdup (iso);
          f->event_confidence = confidence;
        }
      g_free (f->last_date);
      f->last_date = iso;
      f->last_confidence = confidence;
    }
  return found;
}

static void
find_dates (Finder *f, const char *line, double confidence)
{
  g_autofree char *as_one = date_reading (line, TRUE);
  g_autofree char *without = date_reading (line, FALSE);

  if (find_range (f, as_one, confidence) || find_range (f, without, confidence))
    return;
  if (!find_single_dates (f, as_one, confidence))
    find_single_dates (f, without, confidence);
}

static char *
fetch_group (const char *line, GRegex *re, int group)
{
  g_autoptr (GMatchInfo) match = NULL;

  if (!g_regex_match (re, line, 0, &match))
    return NULL;
  return g_match_info_fetch (match, group);
}

static void
find_name (Finder *f, const char *line, double confidence)
{
  static GRegex *labelled, *sentence;
  char *name = fetch_group (
      line,
      regex (
          &labelled,
          "姓\\s*名\\s*[:：]?\\s*"
          /* a table's header: 姓名 单位 签到 */
          "(?!单位|签到|签名|性别|身份|证件|职称|职务|部门|科室|工作|日期|编号|备注|学时|成绩|序号)"
          "([\\p{Han}·]{2,5}?)"
          "(?=性别|身份|证件|单位|职称|职务|[^\\p{Han}·]|$)"),
      1);

  if (name == NULL)
    name = fetch_group (line,
                        regex (&sentence, "(?:兹证明|兹有|证明|授予|学员|恭喜|^|[^\\p{Han}·])\\s*"
                                          "([\\p{Han}·]{2,4}?)\\s*(?:同志|先生|女士)"),
                        1);
  set_field (f, XS_OCR_FIELD_NAME, name, confidence);
}

static void
find_id_number (Finder *f, const char *line, double confidence)
{
  static GRegex *id;
  g_autoptr (GMatchInfo) match = NULL;

  g_regex_match (regex (&id, "(?<!\\d)([1-9]\\d{16}[\\dXx])(?!\\d)"), line, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      char *number = g_match_info_fetch (match, 1);

      number[17] = g_ascii_toupper (number[17]);
      if (xs_resident_id_validate (number, NULL))
        {
          set_field (f, XS_OCR_FIELD_ID_NUMBER, number, confidence);
          return;
        }
      g_free (number);
    }
}

/* The number in a Latin reading of its line: the capitals just before its first digit
 * (the label before them reads as mixed-case stray letters) and what follows, up to the
 * first character a number does not have. @letters: how many characters the Chinese reading
 * had before its digits, 0 when it had none. */
static char *
latin_candidate (const char *latin, gsize letters, const char **tail)
{
  const char *digit = latin;
  const char *start, *end;

  /* The number's digits: the first run of four digits or hyphens (a stray digit in the
   * label's letters is not it). */
  while (*(digit += strcspn (digit, "0123456789")) != '\0' && strspn (digit, "0123456789-") < 4)
    digit++;
  if (*digit == '\0')
    return NULL;
  start = end = digit;
  /* Capitals, and hyphens between them and the digits (HNU-2026-00123). */
  while (start > latin && (letters == 0 || (gsize)(digit - start) < letters) &&
         (g_ascii_isupper (start[-1]) ||
          (start[-1] == '-' && start - 1 > latin && g_ascii_isupper (start[-2]))))
    start--;
  while (*end != '\0' && (g_ascii_isalnum (*end) || *end == '-'))
    end++;
  *tail = digit;
  return g_strndup (start, (gsize)(end - start));
}

/* The digits of @text, at most 63. */
static void
digits_of (const char *text, char out[64])
{
  gsize n = 0;

  for (const char *c = text; *c != '\0' && n < 63; c++)
    if (g_ascii_isdigit (*c))
      out[n++] = *c;
  out[n] = '\0';
}

/* How many digits to add, drop or change to turn @a into @b. */
static gsize
digit_edits (const char *a, const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  gsize row[64];

  for (gsize j = 0; j <= lb; j++)
    row[j] = j;
  for (gsize i = 1; i <= la; i++)
    {
      gsize diagonal = row[0];

      row[0] = i;
      for (gsize j = 1; j <= lb; j++)
        {
          gsize above = row[j];

          row[j] = MIN (MIN (row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] != b[j - 1]));
          diagonal = above;
        }
    }
  return row[lb];
}

/* The Latin reading when it has a number's shape (capitals, then four digits or more with
 * hyphens) and its digits are the Chinese reading's give or take two: the Chinese model
 * misreads Latin capitals (HN as IN, 百N) and adds, drops or turns a digit or a hyphen
 * (HN2026.02105); read alone, without its label, the English one rarely does. Where the
 * Chinese reading found no number, the Latin one alone. @chinese_number: the Chinese
 * reading of the number as it stands in its line, punctuation and all. */
static char *
latin_number (const char *latin, const char *chinese_number)
{
  gsize letters =
      chinese_number != NULL
          ? (gsize)g_utf8_strlen (chinese_number, (gssize)strcspn (chinese_number, "0123456789"))
          : 0;
  const char *tail = NULL;
  g_autofree char *candidate = latin_candidate (latin, MIN (letters, 4), &tail);
  char latin_digits[64], chinese_digits[64];

  if (candidate == NULL)
    return NULL;
  digits_of (candidate, latin_digits);
  if (strlen (latin_digits) < 4 || g_utf8_strlen (candidate, -1) < 6)
    return NULL;
  if (chinese_number == NULL)
    return g_steal_pointer (&candidate);
  digits_of (chinese_number, chinese_digits);
  return digit_edits (latin_digits, chinese_digits) <= 2 ? g_steal_pointer (&candidate) : NULL;
}

static void
find_certificate_number (Finder *f, const char *line, const char *latin, double confidence)
{
  static GRegex *labelled, *patent;
  char *number = fetch_group (
      line,
      regex (&labelled,
             "(?:证书编号|证书号|(?<!身份)证号|编号|No\\.?|NO\\.?)\\s*[:：,，.。;；]*\\s*"
             "(?:第\\s*)?([A-Za-z0-9][A-Za-z0-9\\-]{3,}(?:\\s*-\\s*[A-Za-z0-9]+)*)"),
      1);

  if (number == NULL)
    number =
        fetch_group (line, regex (&patent, "专利号\\s*[:：]?\\s*(ZL\\s*[0-9][0-9 .X]{8,})"), 1);
  if (number != NULL)
    {
      g_autoptr (GString) compact = g_string_new (NULL);

      for (const char *c = number; *c != '\0'; c++)
        if (*c != ' ')
          g_string_append_c (compact, *c);
      g_free (number);
      number = g_strdup (compact->str);
      /* 身份证号 misread (喘份证号) still says 证号: a resident ID is never a certificate's. */
      if (xs_resident_id_validate (number, NULL))
        g_clear_pointer (&number, g_free);
    }
  if (latin != NULL && (number != NULL || strstr (line, "编号") != NULL))
    {
      static GRegex *printed;
      /* What stands after the label up to the next Chinese character (the first may be a
       * misread capital, 百N): its digits are what the Latin reading's are checked against,
       * the characters before them how many capitals it may have. */
      g_autofree char *as_printed = fetch_group (
          line,
          regex (&printed,
                 "(?:证书编号|证书号|(?<!身份)证号|编号|No\\.?|NO\\.?)\\s*[:：,，.。;；]*\\s*"
                 "(?:第\\s*)?(\\p{Han}?[^\\p{Han}]{4,}?)\\s*(?=\\p{Han}|$)"),
          1);
      char *better = latin_number (latin, as_printed != NULL ? as_printed : number);

      if (better != NULL)
        {
          g_free (number);
          number = better;
        }
    }
  set_field (f, XS_OCR_FIELD_CERTIFICATE_NUMBER, number, confidence);
}

/* Whether @line holds @name with at most one character in four misread (same length). */
static gboolean
nearly_contains (const char *line, const char *name)
{
  g_autofree gunichar *l = g_utf8_to_ucs4_fast (line, -1, NULL);
  g_autofree gunichar *n = g_utf8_to_ucs4_fast (name, -1, NULL);
  glong ln = 0, nn = 0;

  while (l[ln] != 0)
    ln++;
  while (n[nn] != 0)
    nn++;
  if (nn < 4)
    return FALSE;
  for (glong start = 0; start + nn <= ln; start++)
    {
      glong wrong = 0;

      for (glong k = 0; k < nn && wrong <= nn / 4; k++)
        wrong += l[start + k] != n[k];
      if (wrong <= nn / 4)
        return TRUE;
    }
  return FALSE;
}

static void
find_organizer (Finder *f, const char *line, double confidence, const char *const *organizers)
{
  static GRegex *labelled, *issuer;
  char *name = NULL;

  for (guint i = 0; organizers != NULL && organizers[i] != NULL && name == NULL; i++)
    if (*organizers[i] != '\0' && strstr (line, organizers[i]) != NULL)
      name = g_strdup (organizers[i]);
  /* A known name with a character misread (负南大学 for 湖南大学, under a seal) is still it,
   * unless another known name is as near (X南大学: 中南 or 湖南?): then none is guessed. */
  if (name == NULL)
    {
      const char *near = NULL;
      guint n_near = 0;

      for (guint i = 0; organizers != NULL && organizers[i] != NULL; i++)
        if (nearly_contains (line, organizers[i]) && g_strcmp0 (near, organizers[i]) != 0)
          {
            near = organizers[i];
            n_near++;
          }
      if (n_near == 1)
        {
          name = g_strdup (near);
          confidence *= 0.8;
        }
      else if (n_near > 1)
        return;
    }
  if (name == NULL)
    name =
        fetch_group (line,
                     regex (&labelled, "(?:主办单位|举办单位|培训机构|培训单位|颁发单位|发证单位|"
                                       "发证机关|颁发机构|主办方)\\s*[:：]\\s*(\\S{2,40})"),
                     1);
  if (name == NULL)
    /* The issuer's name alone on its line, above the seal. */
    name =
        fetch_group (line,
                     regex (&issuer, "^([\\p{Han}()（）]{2,30}(?:大学|学院|学会|协会|委员会|研究院|"
                                     "研究会|中心|学校|医院|政府|出版社|厅|局|部|集团|公司))$"),
                     1);
  set_field (f, XS_OCR_FIELD_ORGANIZER, name, confidence);
}

static void
find_numbers (Finder *f, const char *line, double confidence)
{
  static GRegex *hours, *labelled_hours, *year, *grade, *rank;
  g_autofree char *grade_word = NULL;
  g_autofree char *rank_word = NULL;
  char *value;

  value = fetch_group (line, regex (&labelled_hours, "学时\\s*[:：]\\s*(\\d{1,3}(?:\\.\\d)?)"), 1);
  if (value == NULL)
    value =
        fetch_group (line, regex (&hours, "(?<![\\d.])(\\d{1,3}(?:\\.\\d)?)\\s*(?:个)?学时"), 1);
  set_field (f, XS_OCR_FIELD_HOURS, value, confidence);

  set_field (f, XS_OCR_FIELD_YEAR,
             fetch_group (line, regex (&year, "((?:19|20)\\d{2})\\s*年度"), 1), confidence);

  grade_word = fetch_group (line, regex (&grade, "([一二三1-3])\\s*等\\s*奖"), 1);
  if (grade_word != NULL)
    {
      int g = g_ascii_isdigit (grade_word[0]) ? atoi (grade_word) : han_number (grade_word, FALSE);

      set_field (f, XS_OCR_FIELD_GRADE, g_strdup_printf ("%d", g), confidence);
    }

  rank_word =
      fetch_group (line,
                   regex (&rank, "(?:排名\\s*)?第\\s*([一二三四五六七八九十]{1,2}|\\d{1,2})\\s*"
                                 "(?:发明人|设计人|完成人|作者|位|名)"),
                   1);
  if (rank_word != NULL)
    {
      int r = g_ascii_isdigit (rank_word[0]) ? atoi (rank_word) : han_number (rank_word, FALSE);

      if (r >= 1)
        set_field (f, XS_OCR_FIELD_RANK, g_strdup_printf ("%d", r), confidence);
    }
}

static void
find_kind (Finder *f, const char *line, double confidence)
{
  if (f->fields->kind != NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (kind_words); i++)
    {
      g_auto (GStrv) words = g_strsplit (kind_words[i].words, "|", -1);

      for (guint j = 0; words[j] != NULL; j++)
        if (strstr (line, words[j]) != NULL)
          {
            f->fields->kind = g_strdup (kind_words[i].kind);
            f->fields->kind_confidence = confidence;
            return;
          }
    }
}

/* Kinds whose evidence carries one date, the day of the grant, award or publication. */
static gboolean
kind_is_dated_once (const char *kind)
{
  static const char *const kinds[] = { "invention-patent",
                                       "utility-patent",
                                       "award",
                                       "book",
                                       "paper",
                                       "research-project",
                                       "skills-contest",
                                       "qualification-exam",
                                       "digital-skills-exam" };

  for (guint i = 0; kind != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kind, kinds[i]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
kind_is_counted_by_day (const char *kind)
{
  return g_strcmp0 (kind, "training") == 0 || g_strcmp0 (kind, "practice") == 0 ||
         g_strcmp0 (kind, "academic-event") == 0;
}

XsOcrFields *
xs_ocr_fields_extract (const XsOcrText *text, const char *const *organizers)
{
  Finder f = { g_new0 (XsOcrFields, 1) };

  /* The title names the kind: the first lines decide it before the body's words do. */
  for (guint i = 0; i < text->lines->len; i++)
    {
      const XsOcrLine *line = g_ptr_array_index (text->lines, i);

      find_kind (&f, line->text, line->confidence);
    }
  for (guint i = 0; i < text->lines->len; i++)
    {
      const XsOcrLine *line = g_ptr_array_index (text->lines, i);
      g_autofree char *digits = digits_for_han_dates (line->text);

      find_name (&f, digits, line->confidence);
      find_id_number (&f, digits, line->confidence);
      /* A seal or a smudge turns one digit for the Chinese model: the English one read the
       * number again (the checksum decides which reading is an ID). */
      if (line->latin != NULL)
        find_id_number (&f, line->latin, line->confidence);
      find_certificate_number (&f, digits, line->latin, line->confidence);
      find_organizer (&f, digits, line->confidence, organizers);
      find_dates (&f, digits, line->confidence);
      find_numbers (&f, digits, line->confidence);
    }
  /* A grant, an award, a publication: its one date is the certificate's last. */
  if (f.fields->values[XS_OCR_FIELD_END] == NULL && kind_is_dated_once (f.fields->kind) &&
      f.last_date != NULL)
    set_field (&f, XS_OCR_FIELD_END, g_steal_pointer (&f.last_date), f.last_confidence);
  /* A one-day training or meeting: it starts and ends on the day it is said to be on. */
  if (f.fields->values[XS_OCR_FIELD_START] == NULL && kind_is_counted_by_day (f.fields->kind) &&
      f.event_date != NULL)
    {
      set_field (&f, XS_OCR_FIELD_START, g_strdup (f.event_date), f.event_confidence);
      set_field (&f, XS_OCR_FIELD_END, g_strdup (f.event_date), f.event_confidence);
    }
  g_free (f.event_date);
  g_free (f.last_date);
  return f.fields;
}

void
xs_ocr_fields_free (XsOcrFields *fields)
{
  if (fields == NULL)
    return;
  g_free (fields->kind);
  for (guint i = 0; i < XS_OCR_N_FIELDS; i++)
    g_free (fields->values[i]);
  g_free (fields);
}
