/* test-ocr.c — reading certificates: the fields found in a text, and Tesseract on pages
 * drawn here (an image with a red seal over the text, and a PDF).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "xs-test-util.h"

static XsOcrText *
text_of (const char *const *lines)
{
  XsOcrText *text = g_new0 (XsOcrText, 1);

  text->lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* As xs-ocr.c makes them: normalised, with a confidence that says which line. */
      XsOcrLine *line = g_new0 (XsOcrLine, 1);

      line->text = xs_ocr_normalize_line (lines[i]);
      line->confidence = 0.5 + i / 100.0;
      g_ptr_array_add (text->lines, line);
    }
  return text;
}

/* Lines are freed with g_free() above: their text with them. */
static void
free_text (XsOcrText *text)
{
  for (guint i = 0; i < text->lines->len; i++)
    g_free (((XsOcrLine *)g_ptr_array_index (text->lines, i))->text);
  g_ptr_array_unref (text->lines);
  g_free (text);
}

static XsOcrFields *
fields_of (const char *const *lines, const char *const *organizers)
{
  XsOcrText *text = text_of (lines);
  XsOcrFields *fields = xs_ocr_fields_extract (text, organizers);

  free_text (text);
  return fields;
}

static void
test_normalize (void)
{
  static const struct
  {
    const char *in, *out;
  } cases[] = {
    { "兹 证 明 张 三 同 志", "兹证明张三同志" },
    { "于 2026 年 3 月 1 日", "于2026年3月1日" },
    { "证书编号： HNU－2026", "证书编号: HNU-2026" },
    { "ＡＢ １２３", "AB 123" },
    { "  No. 12  ", "No. 12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = xs_ocr_normalize_line (cases[i].in);

      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static void
test_dates (void)
{
  static const struct
  {
    const char *in, *iso;
  } cases[] = {
    { "2026年3月1日", "2026-03-01" },
    { "2026-03-01", "2026-03-01" },
    { "2026.3.1", "2026-03-01" },
    { "2026/12/31", "2026-12-31" },
    { "二〇二六年三月一日", "2026-03-01" },
    { "二〇二六年十二月三十一日", "2026-12-31" },
    { "二〇二六年十月十日", "2026-10-10" },
    { "2026年2月29日", NULL }, /* not a leap year */
    { "2024年2月29日", "2024-02-29" },
    { "2026年13月1日", NULL },
    { "1899年1月1日", NULL },
    { "三月一日", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = xs_ocr_parse_date (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].iso);
    }
}

static void
test_training_certificate (void)
{
  static const char *const lines[] = {
    "结 业 证 书",
    "兹证明 李小明 同志（身份证号：430102199003071234）",
    "于2026年3月1日至3日参加由长沙理工大学举办的",
    "专业技术人员继续教育培训班，共计 24 学时，",
    "证书编号：CSUST-2026-0456",
    "二〇二六年三月五日",
    NULL,
  };
  static const char *const bases[] = { "中南大学", "长沙理工大学", NULL };
  g_autoptr (XsOcrFields) f = fields_of (lines, bases);

  g_assert_cmpstr (f->kind, ==, "training");
  g_assert_cmpfloat (f->kind_confidence, ==, 0.5);
  g_assert_cmpstr (f->values[XS_OCR_FIELD_NAME], ==, "李小明");
  g_assert_cmpfloat (f->confidence[XS_OCR_FIELD_NAME], ==, 0.51);
  g_assert_cmpstr (f->values[XS_OCR_FIELD_ID_NUMBER], ==, "430102199003071234");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_CERTIFICATE_NUMBER], ==, "CSUST-2026-0456");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_ORGANIZER], ==, "长沙理工大学");
  /* The end takes its year and month from the start; the seal's date is not the end. */
  g_assert_cmpstr (f->values[XS_OCR_FIELD_START], ==, "2026-03-01");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_END], ==, "2026-03-03");
  g_assert_cmpfloat (f->confidence[XS_OCR_FIELD_END], ==, 0.52);
  g_assert_cmpstr (f->values[XS_OCR_FIELD_HOURS], ==, "24");
  g_assert_null (f->values[XS_OCR_FIELD_YEAR]);
  g_assert_null (f->values[XS_OCR_FIELD_GRADE]);
  g_assert_null (f->values[XS_OCR_FIELD_RANK]);
}

static void
test_online_course_proof (void)
{
  static const char *const lines[] = {
    "专业技术人员继续教育学时证明",
    "姓名：王芳 性别：女",
    "身份证号 43010219900307123X", /* a wrong check digit: not an ID */
    "2026年度 完成网络学习 学时：32.5",
    "主办单位：湖南省继续教育网络平台",
    "2026.11.20—2026.11.30",
    NULL,
  };
  g_autoptr (XsOcrFields) f = fields_of (lines, NULL);

  g_assert_cmpstr (f->kind, ==, "online-course");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_NAME], ==, "王芳");
  g_assert_null (f->values[XS_OCR_FIELD_ID_NUMBER]);
  g_assert_null (f->values[XS_OCR_FIELD_CERTIFICATE_NUMBER]);
  g_assert_cmpstr (f->values[XS_OCR_FIELD_YEAR], ==, "2026");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_HOURS], ==, "32.5");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_ORGANIZER], ==, "湖南省继续教育网络平台");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_START], ==, "2026-11-20");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_END], ==, "2026-11-30");
}

static void
test_award_and_patent (void)
{
  static const char *const award[] = {
    "湖南省科学技术进步奖",
    "获 奖 证 书",
    "为表彰在促进科学技术进步工作中做出突出贡献者，",
    "特颁发此证书。获奖项目：城市供水管网漏损控制",
    "奖励等级：二等奖 获奖者：赵强（排名第3位）",
    "证书号：2026-J-231-2-05-R03",
    "湖南省人民政府",
    "2026年10月8日",
    NULL,
  };
  static const char *const patent[] = {
    "发明专利证书",
    "发明名称：一种混凝土裂缝自修复材料",
    "发明人：陈明；刘洋；孙丽",
    "专利号：ZL 2025 1 0123456.7",
    "专利申请日：2025年1月15日",
    "授权公告日：2026年6月30日",
    NULL,
  };
  g_autoptr (XsOcrFields) a = fields_of (award, NULL);
  g_autoptr (XsOcrFields) p = fields_of (patent, NULL);

  g_assert_cmpstr (a->kind, ==, "award");
  g_assert_cmpstr (a->values[XS_OCR_FIELD_GRADE], ==, "2");
  g_assert_cmpstr (a->values[XS_OCR_FIELD_RANK], ==, "3");
  g_assert_cmpstr (a->values[XS_OCR_FIELD_CERTIFICATE_NUMBER], ==, "2026-J-231-2-05-R03");
  g_assert_cmpstr (a->values[XS_OCR_FIELD_ORGANIZER], ==, "湖南省人民政府");
  /* An award has one date, the day it was given. */
  g_assert_null (a->values[XS_OCR_FIELD_START]);
  g_assert_cmpstr (a->values[XS_OCR_FIELD_END], ==, "2026-10-08");

  g_assert_cmpstr (p->kind, ==, "invention-patent");
  g_assert_cmpstr (p->values[XS_OCR_FIELD_CERTIFICATE_NUMBER], ==, "ZL202510123456.7");
  g_assert_cmpstr (p->values[XS_OCR_FIELD_END], ==, "2026-06-30");
  g_assert_null (p->values[XS_OCR_FIELD_RANK]);
}

static void
test_nothing_read_is_left_out (void)
{
  static const char *const lines[] = { "这是一张与继续教育无关的收据", "金额 120 元", NULL };
  static const char *const empty[] = { NULL };
  g_autoptr (XsOcrFields) f = fields_of (lines, NULL);
  g_autoptr (XsOcrFields) none = fields_of (empty, NULL);

  g_assert_null (f->kind);
  g_assert_null (none->kind);
  for (guint i = 0; i < XS_OCR_N_FIELDS; i++)
    {
      g_assert_null (f->values[i]);
      g_assert_null (none->values[i]);
    }
}

/* What a seal does to the text: a character of a known name misread, a stray mark. */
static void
test_seal_damage (void)
{
  static const char *const lines[] = {
    "于2026年3月1]日至3月3日参加负南大学举办的培训",
    NULL,
  };
  static const char *const short_name[] = { "于2026年3月1]日至3月3日参加湘大举办的培训", NULL };
  static const char *const bases[] = { "湖南大学", "湘大", NULL };
  g_autoptr (XsOcrFields) f = fields_of (lines, bases);
  g_autoptr (XsOcrFields) s = fields_of (short_name, (const char *const[]){ "湘太", NULL });

  g_assert_cmpstr (f->values[XS_OCR_FIELD_START], ==, "2026-03-01");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_END], ==, "2026-03-03");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_ORGANIZER], ==, "湖南大学");
  /* Less sure than a name read whole. */
  g_assert_cmpfloat (f->confidence[XS_OCR_FIELD_ORGANIZER], <, 0.5);
  /* A name too short to tell a misreading from another name is never guessed. */
  g_assert_null (s->values[XS_OCR_FIELD_ORGANIZER]);
  /* Nor one as near to two known names (中南大学 and 湖南大学). */
  {
    static const char *const both[] = { "中南大学", "湖南大学", NULL };
    static const char *const ambiguous[] = { "参加负南大学举办的培训", NULL };
    g_autoptr (XsOcrFields) a = fields_of (ambiguous, both);

    g_assert_null (a->values[XS_OCR_FIELD_ORGANIZER]);
  }
}

/* A 1 read as "]" in a date is a 1 when that makes a date; a one-day training's one date
 * is its start and end; a number's label may carry stray punctuation. */
static void
test_misread_dates_and_one_day (void)
{
  static const char *const eleven[] = { "结业证书", "于2026年]1月7日至11月9日参加中南大学举办的",
                                        "证书编号:, HN2026-11100", NULL };
  static const char *const one_day[] = { "结业证书", "于2026年3月2日参加湖南工学院举办的",
                                         "2026年3月5日", NULL };
  static const char *const award[] = { "获奖证书", "于2026年3月2日参加评审", NULL };
  g_autoptr (XsOcrFields) a = fields_of (eleven, NULL);
  g_autoptr (XsOcrFields) b = fields_of (one_day, NULL);
  g_autoptr (XsOcrFields) c = fields_of (award, NULL);

  g_assert_cmpstr (a->values[XS_OCR_FIELD_START], ==, "2026-11-07");
  g_assert_cmpstr (a->values[XS_OCR_FIELD_END], ==, "2026-11-09");
  g_assert_cmpstr (a->values[XS_OCR_FIELD_CERTIFICATE_NUMBER], ==, "HN2026-11100");
  g_assert_cmpstr (b->values[XS_OCR_FIELD_START], ==, "2026-03-02");
  g_assert_cmpstr (b->values[XS_OCR_FIELD_END], ==, "2026-03-02");
  /* Not a training: its one date is the last one, and there is no start. */
  g_assert_null (c->values[XS_OCR_FIELD_START]);
  g_assert_cmpstr (c->values[XS_OCR_FIELD_END], ==, "2026-03-02");
}

/* The fields of a certificate whose second line reads @chinese, and @latin read again. */
static XsOcrFields *
read_with_latin (const char *chinese, const char *latin)
{
  const char *lines[] = { "结业证书", chinese, NULL };
  XsOcrText *text = text_of (lines);
  XsOcrLine *line = g_ptr_array_index (text->lines, 1);
  XsOcrFields *f;

  line->latin = g_strdup (latin);
  f = xs_ocr_fields_extract (text, NULL);
  g_clear_pointer (&line->latin, g_free);
  free_text (text);
  return f;
}

/* A number's letters as the Latin reading of its line has them, where the two readings
 * agree on the digits, or where the Chinese one found none. */
static void
test_latin_reading_of_numbers (void)
{
  static const struct
  {
    const char *chinese, *latin, *want;
  } cases[] = {
    { "证书编号:HAN2026-09110", "yesamasHN2026-09110", "HN2026-09110" },
    { "证书编号:再N2026-03116", "We2ins2HN2026-03116", "HN2026-03116" },
    { "证书编号:HA2026-02126", "WeasHN2ZO26-O02126", "HA2026-02126" }, /* digits disagree */
    { "证书编号;,HN2026-02122", "Nothing", "HN2026-02122" },
    { "证书编号:让", "ESS 12", NULL },
    /* The number read alone: the Chinese reading's digits give or take two. */
    { "证书编号: HN2026.02105", "HN2026-02105", "HN2026-02105" },  /* a hyphen as a point */
    { "证书编号:百N2026-02124", "HN2026-02124", "HN2026-02124" },  /* a capital as a Han */
    { "证书编号: HN20326.06123", "HN2026-06123", "HN2026-06123" }, /* a digit too many */
    { "证书编号,1HN2026-06134", "HN2026-06134", "HN2026-06134" },
    { "证书编号: HN2026-06123", "HN2926-96723", "HN2026-06123" }, /* three digits apart */
    { "证书编号: HN2026-06123 发证日期", "HN2026-06123", "HN2026-06123" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (XsOcrFields) f = read_with_latin (cases[i].chinese, cases[i].latin);

      g_assert_cmpstr (f->values[XS_OCR_FIELD_CERTIFICATE_NUMBER], ==, cases[i].want);
    }
}

/* A table's header (姓名 单位 签到, its spaces gone) is not a name; a name after it is. */
static void
test_table_header_is_no_name (void)
{
  const char *header[] = { "专题培训签到表", "序号姓名单位签到", "5王芳湖南省湘江人民医院王芳",
                           NULL };
  const char *labelled[] = { "结业证书", "姓名：王芳 单位：湖南省湘江人民医院", NULL };
  XsOcrText *text = text_of (header);
  g_autoptr (XsOcrFields) f = xs_ocr_fields_extract (text, NULL);
  g_autoptr (XsOcrFields) g = NULL;

  g_assert_null (f->values[XS_OCR_FIELD_NAME]);
  free_text (text);
  text = text_of (labelled);
  g = xs_ocr_fields_extract (text, NULL);
  g_assert_cmpstr (g->values[XS_OCR_FIELD_NAME], ==, "王芳");
  free_text (text);
}

/* An ID number whose Chinese reading fails its checksum is taken from the Latin reading
 * of its line when that one passes; neither passing, there is none. */
static void
test_latin_reading_of_ids (void)
{
  static const struct
  {
    const char *chinese, *latin, *want;
  } cases[] = {
    { "兹证明马静同志(身份证号: 430129196706065907)", "430129196706065902", "430129196706065902" },
    { "兹证明刘晓红同志(身份证号:全", "430110197612240057", "430110197612240057" },
    { "兹证明陈敏同志(身份证号: 4301231970071406339)", "46012319700K146339", NULL },
    /* The Chinese reading passing, it stands. */
    { "兹证明马静同志(身份证号: 430129196706065902)", "430110197612240057", "430129196706065902" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (XsOcrFields) f = read_with_latin (cases[i].chinese, cases[i].latin);

      g_assert_cmpstr (f->values[XS_OCR_FIELD_ID_NUMBER], ==, cases[i].want);
    }
}

/* The seal's red goes to white; black and blue ink stay dark. */
static void
test_red_removed (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 4, 1);
  guint32 *px = (guint32 *)cairo_image_surface_get_data (surface);
  g_autofree guint8 *grey = NULL;
  int w = 0, h = 0;

  px[0] = 0x000000; /* black */
  px[1] = 0x1020c0; /* blue ink */
  px[2] = 0xdc1e1e; /* the seal */
  px[3] = 0xf0a0a0; /* its faint edge */
  cairo_surface_mark_dirty (surface);
  grey = xs_ocr_grey_from_surface (surface, &w, &h);
  g_assert_cmpint (w, ==, 4);
  g_assert_cmpint (h, ==, 1);
  g_assert_cmpuint (grey[0], <, 40);
  g_assert_cmpuint (grey[1], <, 40);
  g_assert_cmpuint (grey[2], ==, 255);
  g_assert_cmpuint (grey[3], ==, 255);
  cairo_surface_destroy (surface);
}

/* In a grey scan the seal is a grey between ink and paper: it goes; a page with no such
 * middle (ink and paper only) is left as it is. */
static void
test_grey_seal_removed (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 100, 100);
  guint32 *px = (guint32 *)cairo_image_surface_get_data (surface);
  g_autofree guint8 *grey = NULL;
  g_autofree guint8 *plain = NULL;
  int w = 0, h = 0;

  for (int i = 0; i < 100 * 100; i++)
    px[i] = i < 1000 ? 0x101010 : i < 1600 ? 0x606060 : 0xf8f8f8; /* ink, seal, paper */
  cairo_surface_mark_dirty (surface);
  grey = xs_ocr_grey_from_surface (surface, &w, &h);
  g_assert_cmpuint (grey[0], ==, 0x10);
  g_assert_cmpuint (grey[1200], ==, 255);
  g_assert_cmpuint (grey[5000], ==, 0xf8);
  for (int i = 0; i < 100 * 100; i++)
    px[i] = i < 1000 ? 0x101010 : 0xf8f8f8;
  cairo_surface_mark_dirty (surface);
  plain = xs_ocr_grey_from_surface (surface, &w, &h);
  g_assert_cmpuint (plain[0], ==, 0x10);
  g_assert_cmpuint (plain[5000], ==, 0xf8);
  cairo_surface_destroy (surface);
}

/* ---------------------------------------------------------------- Tesseract on drawn pages */

static void
assert_certificate_read (XsOcrText *text)
{
  g_autoptr (XsOcrFields) f = NULL;
  static const char *const bases[] = { "湖南大学", NULL };

  g_assert_nonnull (text);
  {
    g_autofree char *all = xs_ocr_text_dup_string (text);

    g_test_message ("read:\n%s", all);
    if (g_getenv ("XUESHI_TEST_SHOW"))
      fputs (all, stderr);
  }
  g_assert_cmpuint (text->lines->len, >=, 5);
  f = xs_ocr_fields_extract (text, bases);
  g_assert_cmpstr (f->kind, ==, "training");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_NAME], ==, "张三");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_ID_NUMBER], ==, "430102199003071234");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_CERTIFICATE_NUMBER], ==, "HNU-2026-00123");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_ORGANIZER], ==, "湖南大学");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_START], ==, "2026-03-01");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_END], ==, "2026-03-03");
  g_assert_cmpstr (f->values[XS_OCR_FIELD_HOURS], ==, "24");
  for (guint i = 0; i < XS_OCR_N_FIELDS; i++)
    if (f->values[i] != NULL)
      g_assert_cmpfloat (f->confidence[i], >, 0.3);
}

static void
test_read_image_with_seal (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("xueshi-ocr-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "certificate.png", NULL);
  g_autoptr (XsOcrText) text = NULL;

  xs_test_write_certificate (path);

  text = xs_ocr_read_file (path, NULL, &error);
  g_assert_no_error (error);
  assert_certificate_read (text);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_read_pdf (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("xueshi-ocr-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "certificate.pdf", NULL);
  g_autoptr (XsOcrText) text = NULL;

  xs_test_write_certificate (path);

  text = xs_ocr_read_file (path, NULL, &error);
  g_assert_no_error (error);
  assert_certificate_read (text);
  g_assert_cmpuint (((XsOcrLine *)g_ptr_array_index (text->lines, 0))->page, ==, 0);
  g_remove (path);
  g_rmdir (dir);
}

static void
test_broken_file_is_refused (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("xueshi-ocr-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "gone.png", NULL);
  static const char png_start[] = "\x89PNG\r\n\x1a\n\0\0\0\rIHDR";

  g_assert_true (g_file_set_contents (path, png_start, sizeof png_start - 1, NULL));
  g_assert_null (xs_ocr_read_file (path, NULL, &error));
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_null (xs_ocr_read_file (missing, NULL, &error));
  g_assert_error (error, XS_SCAN_ERROR, XS_SCAN_ERROR_READ);
  g_remove (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  xs_core_init ();
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ocr/normalize", test_normalize);
  g_test_add_func ("/ocr/dates", test_dates);
  g_test_add_func ("/ocr/training-certificate", test_training_certificate);
  g_test_add_func ("/ocr/online-course-proof", test_online_course_proof);
  g_test_add_func ("/ocr/award-and-patent", test_award_and_patent);
  g_test_add_func ("/ocr/nothing-read-is-left-out", test_nothing_read_is_left_out);
  g_test_add_func ("/ocr/seal-damage", test_seal_damage);
  g_test_add_func ("/ocr/red-removed", test_red_removed);
  g_test_add_func ("/ocr/misread-dates-and-one-day", test_misread_dates_and_one_day);
  g_test_add_func ("/ocr/grey-seal-removed", test_grey_seal_removed);
  g_test_add_func ("/ocr/latin-reading-of-numbers", test_latin_reading_of_numbers);
  g_test_add_func ("/ocr/latin-reading-of-ids", test_latin_reading_of_ids);
  g_test_add_func ("/ocr/table-header-is-no-name", test_table_header_is_no_name);
  g_test_add_func ("/ocr/read-image-with-seal", test_read_image_with_seal);
  g_test_add_func ("/ocr/read-pdf", test_read_pdf);
  g_test_add_func ("/ocr/broken-file-is-refused", test_broken_file_is_refused);
  return g_test_run ();
}
