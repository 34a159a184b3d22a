/* xs-sheet-layout.c — the confirmation sheet's wording and measures (see xs-sheet-layout.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdarg.h>
#include <string.h>

#include "xs-sheet-layout.h"

#define MM(x) ((x)*72.0 / 25.4)

static const XsSheetLayout default_layout = {
  .page_width = MM (210.0),
  .page_height = MM (297.0),
  .margin_top = MM (20.0),
  .margin_bottom = MM (18.0),
  .margin_left = MM (20.0),
  .margin_right = MM (20.0),

  .serif_family = "AR PL UMing CN, Noto Serif CJK SC, Source Han Serif SC, Noto Serif CJK",
  .heading_family = "WenQuanYi Zen Hei",
  .figure_family = "AR PL UMing CN, Noto Serif CJK SC, Source Han Serif SC, Noto Serif CJK",
  .title_size = 19.0,
  .heading_size = 15.0,
  .body_size = 10.5, /* 五号 */
  .small_size = 9.0, /* 小五 */
  .footer_size = 8.0,
  .verdict_size = 13.0,
  .watermark_size = 150.0,

  .rule_width = 0.5,
  .frame_width = 1.2,
  .cell_pad_x = 5.0,
  .cell_pad_y = 4.0,
  .row_height = 24.0,
  .detail_row_height = 20.0,
  .header_shade = 0.92,
  .max_cell_lines = 16,
  .block_gap = 12.0,
  .identity_columns = { 0.27, 0.30, 0.15, 0.28 },
  .year_columns = { 0.16, 0.21, 0.21, 0.21, 0.21 },
  .detail_columns = { 0.065, 0.15, 0.29, 0.14, 0.075, 0.10, 0.18 },
  .chain_columns = 3,
  .chain_height = 118.0, /* a 42 mm seal fits */
  .chain_min_height = 84.0,
  .qr_module = 2.0,
  .qr_margin = 4,
  .watermark_grey = 0.45,
  .watermark_alpha = 0.22,
  .watermark_angle = 35.0,

  .title = "湖南省专业技术人员继续教育学时认定单",
  .serial = "编号：{serial}",
  .label_name = "姓名",
  .label_gender = "性别",
  .label_id_number = "身份证号",
  .label_unit = "工作单位",
  .label_current_title = "现专业技术职务（资格）",
  .label_applying_title = "申报职称",
  .label_specialty = "专业",
  .label_span = "核认跨度",
  .label_span_mode = "核认方式",
  .gender_male = "男",
  .gender_female = "女",
  .span = "{from}年至{to}年（共{years}年）",
  .span_mode_per_year = "逐年核认",
  .span_mode_cumulative = "累计核认",
  .year_headers = { "年度", "公需科目学时", "专业科目学时", "合计", "是否达标" },
  .year_row = "{year}年",
  .total_row = "合计",
  .compliant = "达标",
  .not_compliant = "未达标",
  .deemed = "视同完成",
  .total_compliant = "{met}/{years} 年达标",
  .requirement_note = "注：每年度公需科目不少于{public}学时、专业科目不少于{professional}学时"
                      "（合计不少于{total}学时）为达标；视同完成的年度按公需{public}学时、"
                      "专业{professional}学时计。只计已审核认定的学时。",
  .label_verdict = "核认结论",
  .verdict_passed = "符合",
  .verdict_failed = "不符合",
  .verdict_all_met = "核认跨度内各年度继续教育学时均达到要求。",
  .verdict_years_unmet = "{years}继续教育学时未达到要求。",
  .verdict_year_item = "{year}年",
  .verdict_year_separator = "、",
  .verdict_cumulative = "核认跨度内累计公需科目{public}学时（应不少于{min_public}学时），"
                        "专业科目{professional}学时（应不少于{min_professional}学时）。",
  .pending = "另有 {count} 项活动待审核，未计入本单。",
  .outside_span = "另有 {count} 项已认定活动不在核认跨度内，未列入。",
  .chain_caption = "审核与备案（{chain}）",
  .chain_seal = "（盖章）",
  .chain_signer = "经办人：",
  .chain_date_label = "日期：",
  .chain_date = "年　　月　　日",
  .chain_date_filled = "{year}年{month}月{day}日",
  .chain_reviewer = "经办人：{reviewer}",
  .chain_override = "（核认跨度未达标准予通过：{reason}）",
  .code_label = "验证码：{code}",
  .generated = "生成时间：{time}",
  .operator_label = "操作员：{operator}",
  .rules_label = "认定依据：{title}（版本 {version}）",
  .time_format = "{year}年{month}月{day}日 {hour}:{minute}",

  .footer_left = "编号：{serial}　{name}",
  .page_number = "第 {page} 页　共 {pages} 页",
  .watermark = "草稿",
  .draft_notice = "【草稿，不作认定依据】",

  .detail_title = "继续教育活动认定明细",
  .detail_person = "姓名：{name}　　身份证号：{id_number}　　核认跨度：{from}年至{to}年",
  .detail_headers = { "序号", "形式", "名称", "日期", "科目", "学时", "认定理由" },
  .detail_year = "{year}年度　　公需科目 {public} 学时　专业科目 {professional} 学时　"
                 "合计 {total} 学时　{state}",
  .detail_continued = "（续）",
  .detail_none = "本年度无已认定的活动。",
  .subject_public = "公需",
  .subject_professional = "专业",
  .subject_both = "公需\n专业",
  .subject_none = "—",
  .replaced_hours = "—",
  .replaced = "{reason}；已由既往《学时认定单》认定，不再计入",
  .hours_both = "{public}\n{professional}",
  .date_range = "{start}\n至{end}",
  .date_year = "{year}年",

  .pdf_title = "湖南省专业技术人员继续教育学时认定单（{name}）",
  .pdf_title_combined = "湖南省专业技术人员继续教育学时认定单（{count} 人）",
  .pdf_subject = "继续教育学时认定",
};

/**
 * xs_sheet_layout_get_default:
 *
 * Returns: (transfer none): the layout the sheet is printed with
 */
const XsSheetLayout *
xs_sheet_layout_get_default (void)
{
  return &default_layout;
}

/**
 * xs_sheet_layout_expand:
 * @template: text with `{name}` placeholders
 * @...: pairs of placeholder name and value, ended by %NULL
 *
 * Replaces each `{name}` by its value; an unknown placeholder is kept as written, so a
 * mistake in the wording shows on the page instead of crashing.
 *
 * Returns: (transfer full): the text
 */
char *
xs_sheet_layout_expand (const char *template, ...)
{
  GString *out = g_string_sized_new (strlen (template) + 32);
  const char *p = template;

  while (*p != '\0')
    {
      const char *open = strchr (p, '{');
      const char *close = open ? strchr (open, '}') : NULL;
      const char *value = NULL;
      va_list args;

      if (open == NULL || close == NULL)
        {
          g_string_append (out, p);
          break;
        }
      g_string_append_len (out, p, open - p);

      va_start (args, template);
      for (;;)
        {
          const char *name = va_arg (args, const char *);
          const char *v;

          if (name == NULL)
            break;
          v = va_arg (args, const char *);
          if (strlen (name) == (gsize)(close - open - 1) &&
              strncmp (name, open + 1, close - open - 1) == 0)
            {
              value = v;
              break;
            }
        }
      va_end (args);

      if (value != NULL)
        g_string_append (out, value);
      else
        g_string_append_len (out, open, close - open + 1);
      p = close + 1;
    }
  return g_string_free (out, FALSE);
}
