/* gen.c — deterministic exchange files of any size, for the benchmarks (bench/README.md).
 *
 * Writes an exchange file (interfaces.md §1) with a realistic mix of a city's records: units
 * of all four categories, staff with valid GB 11643 resident IDs, and activities of every kind
 * over 2021–2025, mostly approved, some pending, a few rejected with a review. Evidence points
 * at a few small real PNG scans written once beside the file. The same rows can be written as
 * an SQL script for the sqlite3 shell baseline (--sql), and each person's confirmation-sheet
 * content as a TSV (--sheet-data) and as flat ODF documents (--fodt-dir) for the rendering
 * baselines.
 *
 * Deliberately not linked to the core: it is an independent producer, so a bug in the core's
 * reader cannot be hidden by the same bug in the writer. Everything follows from --seed, and
 * person i's records do not depend on how many persons are asked for, so a small file is a
 * prefix of a large one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#define FIRST_YEAR 2021
#define LAST_YEAR 2025
#define N_YEARS (LAST_YEAR - FIRST_YEAR + 1)
#define PERSONS_PER_UNIT 100
#define N_SCANS 20
#define MAX_PARAMS 12
#define MAX_EVIDENCE 4

/* Random numbers: splitmix64 to seed, xoshiro256** to draw. Our own, so the files stay the
 * same whatever GLib's GRand does in later versions. */
typedef struct
{
  guint64 s[4];
} Rng;

static guint64
splitmix64 (guint64 *x)
{
  guint64 z = (*x += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

static void
rng_init (Rng *rng, guint64 seed, guint64 stream)
{
  guint64 x = seed * 0x2545f4914f6cdd1dULL + stream;

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&x);
}

static guint64
rotl (guint64 x, int k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
rng_next (Rng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);
  return result;
}

/* 0 ≤ result < n */
static guint
rng_below (Rng *rng, guint n)
{
  return (guint)((rng_next (rng) >> 32) * n >> 32);
}

static gboolean
rng_percent (Rng *rng, guint percent)
{
  return rng_below (rng, 100) < percent;
}

#define PICK(rng, array) ((array)[rng_below ((rng), G_N_ELEMENTS (array))])

/* Words the records are made of. */
/* clang-format off */
static const char *const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
  "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
  "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏",
  "吕", "丁", "任", "沈", "姚", "卢", "谭", "廖", "贺", "龙", "向", "欧阳", "易", "文", "颜",
};
static const char *const given_male[] = {
  "伟", "强", "磊", "军", "勇", "杰", "涛", "斌", "超", "明", "刚", "平", "辉", "鹏", "华",
  "建国", "志强", "海波", "文杰", "俊", "浩然", "子豪", "宇航", "立新", "国庆",
};
static const char *const given_female[] = {
  "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "婷", "雪", "琳", "颖", "倩", "慧", "洁",
  "晓红", "丽华", "秀英", "春梅", "思雨", "欣怡", "雅琴", "美玲", "玉兰", "佳",
};

static const char *const cities[] = {
  "长沙市", "株洲市", "湘潭市", "衡阳市", "邵阳市", "岳阳市", "常德市",
  "张家界市", "益阳市", "郴州市", "永州市", "怀化市", "娄底市", "湘西土家族苗族自治州",
};

/* County codes of Hunan for the resident IDs. */
static const char *const regions[] = {
  "430102", "430103", "430104", "430105", "430111", "430121", "430202", "430203",
  "430211", "430302", "430304", "430402", "430502", "430602", "430702", "430802",
  "430902", "431002", "431102", "431202", "431302", "433101",
};
/* clang-format on */

typedef struct
{
  const char *category;
  gboolean in_city;        /* the name and the supervisor start with the city */
  const char *name_before; /* name: [city] before N after */
  const char *name_after;
  const char *supervisor; /* [city] supervisor */
  const char *chain[3];
  guint series[3]; /* the title series of its staff (indexes into series[]) */
} UnitKind;

/* clang-format off */
static const UnitKind unit_kinds[] = {
  { "provincial", FALSE, "湖南省第", "人民医院", "湖南省卫生健康委员会",
    { "用人单位初审意见", "主管单位复审意见", "省人力资源社会保障厅备案" }, { 0, 1, 5 } },
  { "provincial", FALSE, "湖南第", "师范学院", "湖南省教育厅",
    { "用人单位初审意见", "主管单位复审意见", "省人力资源社会保障厅备案" }, { 3, 3, 2 } },
  { "municipal", TRUE, "第", "中学", "教育局",
    { "用人单位审核意见", "市州或县市区人力资源社会保障部门备案", NULL }, { 2, 2, 2 } },
  { "municipal", TRUE, "第", "人民医院", "卫生健康委员会",
    { "用人单位审核意见", "市州或县市区人力资源社会保障部门备案", NULL }, { 0, 1, 5 } },
  { "municipal", TRUE, "建筑设计院第", "分院", "住房和城乡建设局",
    { "用人单位审核意见", "市州或县市区人力资源社会保障部门备案", NULL }, { 4, 4, 4 } },
  { "other", TRUE, "湘江科技有限公司第", "研究所", NULL,
    { "单位所在地或人事档案所在地人力资源社会保障部门认定", NULL, NULL }, { 4, 4, 3 } },
  { "central", FALSE, "中国铁建第", "工程局湖南分公司", "中国铁建股份有限公司",
    { "单位人事部门审核意见", "省人力资源社会保障厅备案", NULL }, { 4, 4, 4 } },
};
/* clang-format on */

typedef struct
{
  const char *current;
  const char *applying;
  const char *specialties[4];
} Series;

static const Series series[] = {
  { "主治医师", "副主任医师", { "内科", "外科", "儿科", "妇产科" } },
  { "主管护师", "副主任护师", { "内科护理", "外科护理", "急诊护理", "社区护理" } },
  { "中学一级教师", "中学高级教师", { "语文", "数学", "英语", "物理" } },
  { "讲师", "副教授", { "机械工程", "会计学", "计算机科学", "法学" } },
  { "工程师", "高级工程师", { "建筑设计", "结构工程", "给排水", "电气工程" } },
  { "主管药师", "副主任药师", { "临床药学", "药剂", "药物分析", "中药学" } },
};

static const char *const organizers[] = {
  "中南大学",
  "湖南大学",
  "长沙理工大学",
  "湖南工学院",
  "湖南省卫生健康委员会",
  "湖南省继续医学教育网络平台",
  "湖南省中小学教师发展网",
  "湖南省工程师学会",
};

static const char *const public_topics[] = {
  "以高质量发展推进中国式现代化建设专题培训",
  "数字技术与产业融合创新专题培训",
  "统筹发展和安全筑牢基层治理防线专题培训",
};

static const char *const professional_topics[] = {
  "临床诊疗新进展",   "新课标下的大单元教学", "装配式建筑设计与施工", "人工智能应用实务",
  "医院感染防控",     "课堂教学评价方法",     "绿色建筑评价标准解读", "财务共享与管理会计",
  "急危重症护理技术", "工程项目全过程咨询",
};

static const char *const reviewers[] = { "李四", "王五", "赵六", "陈晓东", "刘丽" };

static const char *const reject_reasons[] = {
  "缺少签到表，请补充后重新提交",
  "证书认定学时与申报不一致",
  "扫描件不清晰，无法核实",
  "活动日期不在申报年度内",
};

/* Small real PNG scans, written once; activities point at them. */
typedef struct
{
  char *relative; /* "evidence/scan-01.png" */
  char *base;
  char *sha256;
  gsize size;
} Scan;

/* One activity as written: the XML attributes (kind parameters) and what the SQL row needs. */
typedef struct
{
  const char *name;
  char value[24];
} Param;

typedef struct
{
  const char *kind;
  const char *status;
  char title[200];
  const char *organizer;
  Param params[MAX_PARAMS];
  guint n_params;
  const char *materials[MAX_EVIDENCE];
  guint n_materials;
  const char *reviewer;
  const char *review_decision;
  const char *review_reason;
  char review_date[11];

  /* The credit, in tenths, as the rules give it (for the SQL rows and the sheet data). */
  guint credit_year;
  gint64 public_tenths;
  gint64 professional_tenths;
  guint deemed_from;
  guint deemed_to;
} Activity;

typedef struct
{
  /* Options. */
  guint64 seed;
  guint persons;
  guint per_person;
  gboolean no_evidence;
  char *output;
  char *sql_path;
  char *sheet_path;
  char *fodt_dir;

  FILE *xml;
  FILE *sql;
  FILE *sheet;
  Scan scans[N_SCANS];
  guint id_width;
  gint64 activity_rowid;
  gint64 evidence_rowid;
  gint64 review_rowid;
  guint64 n_activities;
  guint64 n_evidence;
} Gen;

/* ---------------------------------------------------------------- output helpers */

static void
write_escaped (FILE *out, const char *text, gboolean attribute)
{
  for (const char *p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '&':
        fputs ("&amp;", out);
        break;
      case '<':
        fputs ("&lt;", out);
        break;
      case '>':
        fputs ("&gt;", out);
        break;
      case '"':
        fputs (attribute ? "&quot;" : "\"", out);
        break;
      default:
        fputc (*p, out);
      }
}

static void
write_attr (FILE *out, const char *name, const char *value)
{
  if (value == NULL)
    return;
  fprintf (out, " %s=\"", name);
  write_escaped (out, value, TRUE);
  fputc ('"', out);
}

static void
write_element (FILE *out, const char *indent, const char *name, const char *text)
{
  if (text == NULL)
    return;
  fprintf (out, "%s<%s>", indent, name);
  write_escaped (out, text, FALSE);
  fprintf (out, "</%s>\n", name);
}

/* An SQL string literal, or NULL. */
static void
write_sql_text (FILE *out, const char *text)
{
  if (text == NULL)
    {
      fputs ("NULL", out);
      return;
    }
  fputc ('\'', out);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'')
        fputc ('\'', out);
      fputc (*p, out);
    }
  fputc ('\'', out);
}

static FILE *
open_output (const char *path, GError **error)
{
  FILE *f = g_fopen (path, "w");

  if (f == NULL)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "Cannot write %s: %s",
                   path, g_strerror (saved));
      return NULL;
    }
  setvbuf (f, NULL, _IOFBF, 1 << 20);
  return f;
}

static gboolean
close_output (FILE *f, const char *path, GError **error)
{
  if (ferror (f) || fclose (f) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, "Cannot write %s", path);
      return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------- PNG scans */

static guint32 crc_table[256];

static void
crc_init (void)
{
  for (guint32 n = 0; n < 256; n++)
    {
      guint32 c = n;
      for (int k = 0; k < 8; k++)
        c = (c & 1) ? 0xedb88320U ^ (c >> 1) : c >> 1;
      crc_table[n] = c;
    }
}

static guint32
crc_update (guint32 crc, const guint8 *data, gsize len)
{
  for (gsize i = 0; i < len; i++)
    crc = crc_table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
  return crc;
}

static void
put_be32 (GByteArray *out, guint32 v)
{
  guint8 b[4] = { v >> 24, v >> 16, v >> 8, v };
  g_byte_array_append (out, b, 4);
}

static void
put_chunk (GByteArray *out, const char *type, const guint8 *data, gsize len)
{
  guint32 crc;

  put_be32 (out, (guint32)len);
  g_byte_array_append (out, (const guint8 *)type, 4);
  if (len > 0)
    g_byte_array_append (out, data, (guint)len);
  crc = crc_update (0xffffffffU, (const guint8 *)type, 4);
  crc = crc_update (crc, data, len);
  put_be32 (out, crc ^ 0xffffffffU);
}

/* A small "scanned page": white paper, grey text lines, a red stamp; @index makes it distinct.
 * Compressed with zlib's stored (uncompressed) blocks, which need no zlib. */
static GBytes *
make_png (guint index)
{
  guint width = 72 + (index % 5) * 8, height = 100 + (index % 4) * 6;
  gsize stride = 1 + (gsize)width * 3, raw_len = stride * height;
  g_autofree guint8 *raw = g_malloc (raw_len);
  GByteArray *png = g_byte_array_new ();
  GByteArray *z = g_byte_array_new ();
  guint32 a = 1, b = 0;
  guint8 ihdr[13];
  static const guint8 signature[8] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

  for (guint y = 0; y < height; y++)
    {
      guint8 *row = raw + y * stride;

      row[0] = 0; /* filter: none */
      for (guint x = 0; x < width; x++)
        {
          guint8 *px = row + 1 + x * 3;
          gboolean line = y > 12 && y < height - 20 && (y % 7) < 2 && x > 8 &&
                          x < width - 8 - ((y * 13 + index * 7) % 23);
          int dx = (int)x - (int)(width - 22), dy = (int)y - (int)(height - 22);
          gboolean stamp = dx * dx + dy * dy < 144 && dx * dx + dy * dy > 90;
          guint8 paper = 246 - (guint8)((x * 3 + y * 5 + index * 11) % 9);

          px[0] = stamp ? 210 : line ? 70 + index : paper;
          px[1] = stamp ? 40 : line ? 70 + index : paper;
          px[2] = stamp ? 40 : line ? 80 : paper - 4;
        }
    }

  /* zlib stream: header, stored blocks of at most 65535 bytes, Adler-32. */
  g_byte_array_append (z, (const guint8 *)"\x78\x01", 2);
  for (gsize off = 0; off < raw_len;)
    {
      gsize n = MIN (raw_len - off, 65535);
      guint8 head[5] = { off + n == raw_len, n & 0xff, n >> 8, ~n & 0xff, (~n >> 8) & 0xff };

      g_byte_array_append (z, head, 5);
      g_byte_array_append (z, raw + off, (guint)n);
      off += n;
    }
  for (gsize i = 0; i < raw_len; i++)
    {
      a = (a + raw[i]) % 65521;
      b = (b + a) % 65521;
    }
  put_be32 (z, (b << 16) | a);

  g_byte_array_append (png, signature, 8);
  ihdr[0] = width >> 24, ihdr[1] = width >> 16, ihdr[2] = width >> 8, ihdr[3] = width;
  ihdr[4] = height >> 24, ihdr[5] = height >> 16, ihdr[6] = height >> 8, ihdr[7] = height;
  ihdr[8] = 8;  /* bit depth */
  ihdr[9] = 2;  /* RGB */
  ihdr[10] = 0; /* deflate */
  ihdr[11] = 0; /* adaptive filtering */
  ihdr[12] = 0; /* no interlace */
  put_chunk (png, "IHDR", ihdr, sizeof ihdr);
  put_chunk (png, "IDAT", z->data, z->len);
  put_chunk (png, "IEND", NULL, 0);
  g_byte_array_unref (z);
  return g_byte_array_free_to_bytes (png);
}

static gboolean
write_scans (Gen *gen, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (gen->output);
  g_autofree char *evidence = g_build_filename (dir, "evidence", NULL);

  crc_init ();
  if (g_mkdir_with_parents (evidence, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "Cannot create %s: %s",
                   evidence, g_strerror (saved));
      return FALSE;
    }
  for (guint i = 0; i < N_SCANS; i++)
    {
      g_autoptr (GBytes) png = make_png (i);
      Scan *scan = &gen->scans[i];
      g_autofree char *path = NULL;
      gsize len;
      const guint8 *data = g_bytes_get_data (png, &len);

      scan->base = g_strdup_printf ("scan-%02u.png", i + 1);
      scan->relative = g_strconcat ("evidence/", scan->base, NULL);
      scan->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, len);
      scan->size = len;
      path = g_build_filename (evidence, scan->base, NULL);
      if (!g_file_set_contents (path, (const char *)data, (gssize)len, error))
        return FALSE;
    }
  return TRUE;
}

/* ---------------------------------------------------------------- dates */

static void
date_format (const GDate *d, char out[11])
{
  g_snprintf (out, 11, "%04u-%02u-%02u", g_date_get_year (d), g_date_get_month (d),
              g_date_get_day (d));
}

/* A random day of @year, no later than day-of-year @last_yday. */
static void
random_day (Rng *rng, guint year, guint last_yday, GDate *out)
{
  g_date_clear (out, 1);
  g_date_set_dmy (out, 1, 1, (GDateYear)year);
  g_date_add_days (out, rng_below (rng, last_yday));
}

/* ---------------------------------------------------------------- activities */

static void add_param (Activity *a, const char *name, const char *format, ...) G_GNUC_PRINTF (3, 4);

static void
add_param (Activity *a, const char *name, const char *format, ...)
{
  va_list args;
  Param *p;

  g_assert (a->n_params < MAX_PARAMS);
  p = &a->params[a->n_params++];
  p->name = name;
  va_start (args, format);
  g_vsnprintf (p->value, sizeof p->value, format, args);
  va_end (args);
}

static void
add_date_param (Activity *a, const char *name, const GDate *d)
{
  char text[11];

  date_format (d, text);
  add_param (a, name, "%s", text);
}

static void
add_materials (Activity *a, const char *m1, const char *m2, const char *m3)
{
  const char *m[] = { m1, m2, m3 };

  for (guint i = 0; i < G_N_ELEMENTS (m) && m[i] != NULL; i++)
    a->materials[a->n_materials++] = m[i];
}

/* Tenths as the exchange file writes hours and days: "2.5", "8". */
static void
add_tenths_param (Activity *a, const char *name, gint64 tenths)
{
  if (tenths % 10 == 0)
    add_param (a, name, "%" G_GINT64_FORMAT, tenths / 10);
  else
    add_param (a, name, "%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, tenths / 10, tenths % 10);
}

static void
set_subject_credit (Activity *a, gboolean is_public, gint64 tenths)
{
  if (is_public)
    a->public_tenths = tenths;
  else
    a->professional_tenths = tenths;
}

/* A chosen-subject activity's subject and theme. */
static gboolean
choose_subject (Rng *rng, Activity *a, guint public_percent)
{
  gboolean is_public = rng_percent (rng, public_percent);

  add_param (a, "subject", is_public ? "public" : "professional");
  if (is_public && rng_percent (rng, 80))
    add_param (a, "theme", "%u", 1 + rng_below (rng, 3));
  return is_public;
}

/* Training, practice, academic events: dates, half-day steps, 8 hours a day, counted in the
 * year of the end date (cross-year-placement = end). */
static void
make_dated (Rng *rng, Activity *a, guint year, guint max_half_days, guint public_percent)
{
  gboolean is_public = choose_subject (rng, a, public_percent);
  guint half_days = 1 + rng_below (rng, max_half_days);
  guint span_days = (half_days + 1) / 2;
  GDate start, end;

  if (year < LAST_YEAR && rng_percent (rng, 2))
    {
      /* Over New Year: counted in the end's year. */
      g_date_clear (&start, 1);
      g_date_set_dmy (&start, 30, 12, (GDateYear)year);
    }
  else
    random_day (rng, year, 360 - span_days, &start);
  end = start;
  g_date_add_days (&end, span_days - 1);
  add_date_param (a, "start", &start);
  add_date_param (a, "end", &end);
  add_tenths_param (a, "days", half_days * 5);
  a->credit_year = g_date_get_year (&end);
  set_subject_credit (a, is_public, (gint64)half_days * 40);

  g_snprintf (a->title, sizeof a->title, "%s",
              is_public ? PICK (rng, public_topics) : PICK (rng, professional_topics));
}

static void
make_activity (Rng *rng, Activity *a)
{
  guint year = FIRST_YEAR + rng_below (rng, N_YEARS);
  guint roll = rng_below (rng, 1000);

  memset (a, 0, sizeof *a);
  a->organizer = PICK (rng, organizers);

  if (roll < 320)
    {
      a->kind = "training";
      make_dated (rng, a, year, 10, 45);
      if (rng_percent (rng, 12))
        add_param (a, "unified-platform", "true");
      if (rng_percent (rng, 60))
        add_materials (a, "notice", PICK (rng, ((const char *[]){ "schedule", "agenda" })),
                       "sign-in");
      else
        add_materials (a, PICK (rng, ((const char *[]){ "notice", "sign-in", "schedule" })),
                       "certificate", NULL);
      g_strlcat (a->title, rng_percent (rng, 50) ? "班" : "（研修班）", sizeof a->title);
    }
  else if (roll < 670)
    {
      gboolean is_public;
      gint64 hours = 10 * (4 + rng_below (rng, 37));
      GDate end;

      a->kind = "online-course";
      is_public = choose_subject (rng, a, 45);
      if (rng_percent (rng, 10))
        hours += 5;
      add_tenths_param (a, "hours", hours);
      add_param (a, "year", "%u", year);
      random_day (rng, year, 364, &end);
      add_date_param (a, "end", &end);
      if (rng_percent (rng, 15))
        add_param (a, "unified-platform", "true");
      a->credit_year = year;
      set_subject_credit (a, is_public, hours);
      g_snprintf (a->title, sizeof a->title, "%s（网络课程）",
                  is_public ? PICK (rng, public_topics) : PICK (rng, professional_topics));
      add_materials (a, PICK (rng, ((const char *[]){ "course-hours", "course-content" })),
                     "certificate", NULL);
    }
  else if (roll < 750)
    {
      a->kind = "academic-event";
      make_dated (rng, a, year, 7, 10);
      g_strlcat (a->title, "学术研讨会", sizeof a->title);
      if (rng_percent (rng, 70))
        add_materials (a, "invitation", "attendance-receipt", "study-notes");
      else
        add_materials (
            a,
            PICK (rng, ((const char *[]){ "participant-list", "email-receipt", "reimbursement" })),
            NULL, NULL);
    }
  else if (roll < 800)
    {
      a->kind = "practice";
      make_dated (rng, a, year, 10, 5);
      g_strlcat (a->title, "实践活动", sizeof a->title);
      if (rng_percent (rng, 50))
        add_materials (a, "notice", "dispatch-notice", NULL);
      else
        add_materials (a, "registration-form", "activity-log", NULL);
    }
  else if (roll < 860)
    {
      static const char *const roles[] = { "first", "first", "corresponding", "sole", "other" };
      const char *role = PICK (rng, roles);

      a->kind = "paper";
      add_param (a, "role", "%s", role);
      add_param (a, "year", "%u", year);
      a->credit_year = year;
      a->professional_tenths = g_str_equal (role, "other") ? 100 : 300;
      g_snprintf (a->title, sizeof a->title, "%s的实践与思考", PICK (rng, professional_topics));
      add_materials (a, "journal-cover", "serial-number", "contents");
      a->organizer = NULL;
    }
  else if (roll < 870)
    {
      gboolean first = rng_percent (rng, 40);

      a->kind = "book";
      add_param (a, "role", first ? "first" : "other");
      add_param (a, "year", "%u", year);
      a->credit_year = year;
      a->professional_tenths = first ? 600 : 300;
      g_snprintf (a->title, sizeof a->title, "%s教程", PICK (rng, professional_topics));
      add_materials (a, "book-cover", "copyright-page", "contents");
      a->organizer = "湖南科学技术出版社";
    }
  else if (roll < 900)
    {
      static const char *const roles[] = { "host", "main", "main", "other", "other" };
      const char *role = PICK (rng, roles);
      gboolean provincial = rng_percent (rng, 40);

      a->kind = "research-project";
      add_param (a, "level", provincial ? "provincial" : "municipal");
      add_param (a, "role", "%s", role);
      add_param (a, "year", "%u", year);
      a->credit_year = year;
      if (provincial)
        a->professional_tenths = g_str_equal (role, "host")   ? 600
                                 : g_str_equal (role, "main") ? 300
                                                              : 100;
      else
        a->professional_tenths = g_str_equal (role, "host") ? 300 : 100;
      g_snprintf (a->title, sizeof a->title, "%s研究", PICK (rng, professional_topics));
      add_materials (a, "conclusion-certificate", NULL, NULL);
    }
  else if (roll < 910)
    {
      guint rank = 1 + rng_below (rng, 6);

      a->kind = "invention-patent";
      add_param (a, "rank", "%u", rank);
      add_param (a, "year", "%u", year);
      a->credit_year = year;
      a->professional_tenths = rank == 1 ? 600 : rank <= 3 ? 300 : 100;
      g_snprintf (a->title, sizeof a->title, "一种用于%s的装置及方法",
                  PICK (rng, professional_topics));
      add_materials (a, "patent-certificate", NULL, NULL);
      a->organizer = "国家知识产权局";
    }
  else if (roll < 920)
    {
      guint rank = 1 + rng_below (rng, 5);

      a->kind = "utility-patent";
      add_param (a, "rank", "%u", rank);
      add_param (a, "year", "%u", year);
      a->credit_year = year;
      a->professional_tenths = rank == 1 ? 300 : rank <= 3 ? 100 : 0;
      g_snprintf (a->title, sizeof a->title, "一种%s辅助装置", PICK (rng, professional_topics));
      add_materials (a, "patent-certificate", NULL, NULL);
      a->organizer = "国家知识产权局";
    }
  else if (roll < 935)
    {
      static const gint64 provincial[] = { 600, 300, 100 }, municipal[] = { 300, 100, 50 };
      gboolean is_provincial = rng_percent (rng, 30);
      guint grade = 1 + rng_below (rng, 3);

      a->kind = "award";
      add_param (a, "level", is_provincial ? "provincial" : "municipal");
      add_param (a, "grade", "%u", grade);
      add_param (a, "year", "%u", year);
      a->credit_year = year;
      a->professional_tenths = (is_provincial ? provincial : municipal)[grade - 1];
      g_snprintf (a->title, sizeof a->title, "%s成果奖", PICK (rng, professional_topics));
      add_materials (a, "award-certificate", NULL, NULL);
    }
  else if (roll < 950)
    {
      a->kind = "expert-service";
      if (rng_percent (rng, 50))
        {
          guint days = 2 + rng_below (rng, 8);
          GDate start, end;

          add_param (a, "mode", "onsite");
          random_day (rng, year, 350, &start);
          end = start;
          g_date_add_days (&end, days - 1);
          add_date_param (a, "start", &start);
          add_date_param (a, "end", &end);
          add_param (a, "days", "%u", days);
          a->professional_tenths = (gint64)days * 80;
        }
      else
        {
          gint64 hours = 10 * (8 + rng_below (rng, 25));

          add_param (a, "mode", "online");
          add_tenths_param (a, "hours", hours);
          add_param (a, "year", "%u", year);
          a->professional_tenths = hours;
        }
      a->credit_year = year;
      g_snprintf (a->title, sizeof a->title, "专家服务基层（%s）", PICK (rng, cities));
      add_materials (a, "dispatch-notice", "assessment-form", NULL);
    }
  else if (roll < 960)
    {
      guint count = 1 + rng_below (rng, 3);

      a->kind = "degree-course";
      add_param (a, "count", "%u", count);
      add_param (a, "year", "%u", year);
      a->credit_year = year;
      a->professional_tenths = (gint64)count * 300;
      g_snprintf (a->title, sizeof a->title, "在职研究生课程（%s）",
                  PICK (rng, professional_topics));
      add_materials (a, "transcript", NULL, NULL);
    }
  else if (roll < 968)
    {
      guint count = 1 + rng_below (rng, 2);

      a->kind = "qualification-exam";
      add_param (a, "count", "%u", count);
      add_param (a, "year", "%u", year);
      a->credit_year = year;
      a->professional_tenths = (gint64)count * 300;
      g_snprintf (a->title, sizeof a->title, "职业资格考试");
      add_materials (a, "score-report", NULL, NULL);
      a->organizer = "湖南省人事考试院";
    }
  else if (roll < 975)
    {
      guint count = 1 + rng_below (rng, 2);

      a->kind = "digital-skills-exam";
      add_param (a, "count", "%u", count);
      add_param (a, "year", "%u", year);
      a->credit_year = year;
      a->professional_tenths = (gint64)count * 300;
      g_snprintf (a->title, sizeof a->title, "数字技术应用能力水平考试");
      add_materials (a, "pass-certificate", NULL, NULL);
      a->organizer = "湖南省人事考试院";
    }
  else if (roll < 980)
    {
      static const gint64 national[] = { 600, 300, 100 }, provincial[] = { 300, 100, 50 };
      static const char *const medals[] = { "gold", "silver", "bronze" };
      gboolean is_national = rng_percent (rng, 25);

      a->kind = "skills-contest";
      add_param (a, "level", is_national ? "national" : "provincial");
      if (rng_percent (rng, 85))
        {
          guint m = rng_below (rng, 3);
          add_param (a, "medal", "%s", medals[m]);
          a->professional_tenths = (is_national ? national : provincial)[m];
        }
      add_param (a, "year", "%u", year);
      a->credit_year = year;
      g_snprintf (a->title, sizeof a->title, "职业技能大赛");
      add_materials (a, "award-certificate", NULL, NULL);
    }
  else if (roll < 995)
    {
      guint printed_year = FIRST_YEAR + rng_below (rng, 3);
      gint64 pub = 300 + 10 * rng_below (rng, 7), prof = 600 + 10 * rng_below (rng, 11);

      a->kind = "certified-year";
      add_param (a, "year", "%u", printed_year);
      add_tenths_param (a, "public", pub);
      add_tenths_param (a, "professional", prof);
      a->credit_year = printed_year;
      a->public_tenths = pub;
      a->professional_tenths = prof;
      g_snprintf (a->title, sizeof a->title, "%u年度专业技术人员继续教育学时认定单", printed_year);
      add_materials (a, "certified-sheet", NULL, NULL);
      a->organizer = "湖南省人力资源和社会保障厅";
    }
  else if (roll < 998)
    {
      /* A posting of 6 to 9 whole months inside one year: that year is deemed complete. Now
       * and then one of 14 months over New Year: both years are. */
      GDate start, end;
      gboolean passed = rng_percent (rng, 92);

      a->kind = "aid-posting";
      g_date_clear (&start, 1);
      g_date_clear (&end, 1);
      if (year < LAST_YEAR && rng_percent (rng, 20))
        {
          g_date_set_dmy (&start, 1, 3, (GDateYear)year);
          g_date_set_dmy (&end, 30, 4, (GDateYear)(year + 1));
        }
      else
        {
          guint months = 6 + rng_below (rng, 4);
          guint first = 1 + rng_below (rng, 13 - months);

          g_date_set_dmy (&start, 1, (GDateMonth)first, (GDateYear)year);
          end = start;
          g_date_add_months (&end, months);
          g_date_subtract_days (&end, 1);
        }
      add_date_param (a, "start", &start);
      add_date_param (a, "end", &end);
      add_param (a, "passed", passed ? "true" : "false");
      a->credit_year = g_date_get_year (&end);
      if (passed)
        {
          a->deemed_from = g_date_get_year (&start);
          a->deemed_to = g_date_get_year (&end);
          a->credit_year = a->deemed_from;
        }
      g_snprintf (a->title, sizeof a->title, "湖南省援%s医疗队",
                  PICK (rng, ((const char *[]){ "藏", "疆", "外" })));
      add_materials (a, "dispatch-notice", "assessment-form", NULL);
    }
  else
    {
      /* Twelve whole months or a little more: the end's year is deemed complete. */
      GDate start, end;
      gboolean passed = rng_percent (rng, 90);
      guint y = MIN (year, LAST_YEAR - 1);

      a->kind = "overseas-exchange";
      g_date_clear (&start, 1);
      g_date_clear (&end, 1);
      g_date_set_dmy (&start, 20, 8, (GDateYear)y);
      g_date_set_dmy (&end, 19 + rng_below (rng, 10), 8, (GDateYear)(y + 1));
      add_date_param (a, "start", &start);
      add_date_param (a, "end", &end);
      add_param (a, "passed", passed ? "true" : "false");
      a->credit_year = y + 1;
      if (passed)
        a->deemed_from = a->deemed_to = y + 1;
      g_snprintf (a->title, sizeof a->title, "海外访问学者交流项目");
      add_materials (a, "invitation", "host-certificate", NULL);
      a->organizer = "国家留学基金管理委员会";
    }

  /* Review status: mostly approved, some pending, a few rejected with the reason. */
  {
    guint s = rng_below (rng, 100);
    GDate review;

    g_date_clear (&review, 1);
    g_date_set_dmy (&review, 1, 6, 2026);
    g_date_add_days (&review, rng_below (rng, 30));
    date_format (&review, a->review_date);
    a->reviewer = PICK (rng, reviewers);
    if (s < 85)
      {
        a->status = "approved";
        if (rng_percent (rng, 60))
          {
            a->review_decision = "approved";
            a->review_reason = "材料齐全，予以认定";
          }
      }
    else if (s < 96)
      a->status = "pending";
    else
      {
        a->status = "rejected";
        a->review_decision = "rejected";
        a->review_reason = PICK (rng, reject_reasons);
      }
  }
}

static int
compare_params (const void *a, const void *b)
{
  return strcmp (((const Param *)a)->name, ((const Param *)b)->name);
}

/* ---------------------------------------------------------------- persons */

typedef struct
{
  char id[16];
  guint unit;
  char name[32];
  gboolean male;
  char id_number[19];
  const Series *series;
  const char *specialty;
  guint span_from, span_to; /* 0: the rules' default */
} Person;

static void
make_id_number (Rng *rng, gboolean male, char out[19])
{
  static const guint weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char check[11] = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };
  GDate birth;
  guint sequence = rng_below (rng, 500) * 2 + (male ? 1 : 0);
  guint sum = 0;

  g_date_clear (&birth, 1);
  g_date_set_dmy (&birth, 1, 1, 1966);
  g_date_add_days (&birth, rng_below (rng, 30 * 365));
  g_snprintf (out, 19, "%s%04u%02u%02u%03u", PICK (rng, regions), g_date_get_year (&birth),
              g_date_get_month (&birth), g_date_get_day (&birth), sequence);
  for (guint i = 0; i < 17; i++)
    sum += (guint)(out[i] - '0') * weights[i];
  out[17] = check[sum % 11];
  out[18] = '\0';
}

/* The kind of unit @index; @rng is left ready to draw the rest of the unit. */
static const UnitKind *
unit_kind_of (Gen *gen, guint index, Rng *rng)
{
  rng_init (rng, gen->seed, 0x554e4954ULL + index); /* "UNIT" */
  /* The first four units cover the four categories, whatever the size. */
  return index < 4 ? &unit_kinds[(guint[]){ 0, 2, 5, 6 }[index]] : &PICK (rng, unit_kinds);
}

static void
make_person (Gen *gen, guint index, Rng *rng, Person *p)
{
  Rng unit_rng;
  const UnitKind *unit = unit_kind_of (gen, index / PERSONS_PER_UNIT, &unit_rng);

  memset (p, 0, sizeof *p);
  g_snprintf (p->id, sizeof p->id, "P%0*u", gen->id_width, index + 1);
  p->unit = index / PERSONS_PER_UNIT;
  p->male = rng_percent (rng, 48);
  g_snprintf (p->name, sizeof p->name, "%s%s", PICK (rng, surnames),
              p->male ? PICK (rng, given_male) : PICK (rng, given_female));
  make_id_number (rng, p->male, p->id_number);
  p->series = &series[unit->series[rng_below (rng, 3)]];
  p->specialty = p->series->specialties[rng_below (rng, 4)];
  if (rng_percent (rng, 2))
    {
      /* Doctors' 副高 "按相关规定执行": a span of its own. */
      p->span_from = FIRST_YEAR - 1;
      p->span_to = LAST_YEAR - 1;
    }
}

typedef struct
{
  const char *category;
  char *supervisor;
  const char *region;
  const UnitKind *kind;
} UnitInfo;

/* Unit @index's name (returned) and the rest of it in @info; free info->supervisor. */
static char *
unit_describe (Gen *gen, guint index, UnitInfo *info)
{
  Rng rng;
  const UnitKind *kind;
  const char *city;

  kind = unit_kind_of (gen, index, &rng);
  city = kind->in_city ? PICK (&rng, cities) : cities[0];

  info->category = kind->category;
  info->region = city;
  info->kind = kind;
  info->supervisor = kind->supervisor == NULL ? NULL
                     : kind->in_city          ? g_strconcat (city, kind->supervisor, NULL)
                                              : g_strdup (kind->supervisor);
  return g_strdup_printf ("%s%s%u%s", kind->in_city ? city : "", kind->name_before, index + 1,
                          kind->name_after);
}

static void
write_units (Gen *gen, guint n_units)
{
  for (guint u = 0; u < n_units; u++)
    {
      UnitInfo info;
      g_autofree char *name = unit_describe (gen, u, &info);
      char id[16];

      g_snprintf (id, sizeof id, "U%03u", u + 1);
      fputs ("  <unit", gen->xml);
      write_attr (gen->xml, "id", id);
      write_attr (gen->xml, "category", info.category);
      write_attr (gen->xml, "name", name);
      write_attr (gen->xml, "supervisor", info.supervisor);
      write_attr (gen->xml, "region", info.region);
      fputs ("/>\n", gen->xml);

      if (gen->sql != NULL)
        {
          fputs ("INSERT INTO units (id, category, name, supervisor, region) VALUES (", gen->sql);
          write_sql_text (gen->sql, id);
          fputc (',', gen->sql);
          write_sql_text (gen->sql, info.category);
          fputc (',', gen->sql);
          write_sql_text (gen->sql, name);
          fputc (',', gen->sql);
          write_sql_text (gen->sql, info.supervisor);
          fputc (',', gen->sql);
          write_sql_text (gen->sql, info.region);
          fputs (");\n", gen->sql);
        }
      g_free (info.supervisor);
    }
}

static void
write_activity (Gen *gen, const Person *p, guint k, Rng *rng, Activity *a)
{
  FILE *x = gen->xml;
  char id[32];
  GString *params = NULL;

  g_snprintf (id, sizeof id, "%s-A%02u", p->id, k + 1);
  qsort (a->params, a->n_params, sizeof (Param), compare_params);

  fputs ("    <activity", x);
  write_attr (x, "id", id);
  write_attr (x, "kind", a->kind);
  for (guint i = 0; i < a->n_params; i++)
    write_attr (x, a->params[i].name, a->params[i].value);
  write_attr (x, "status", a->status);
  fputs (">\n", x);
  write_element (x, "      ", "title", a->title);
  write_element (x, "      ", "organizer", a->organizer);

  gen->activity_rowid++;
  if (gen->sql != NULL)
    {
      FILE *s = gen->sql;

      params = g_string_new (NULL);
      for (guint i = 0; i < a->n_params; i++)
        g_string_append_printf (params, "%s=%s\n", a->params[i].name, a->params[i].value);
      fprintf (s,
               "INSERT INTO activities (rowid, id, person_id, kind, status, title, organizer, "
               "params, credit_year, credit_public, credit_professional, deemed_from, deemed_to, "
               "credit_replaces) VALUES (%" G_GINT64_FORMAT ",",
               gen->activity_rowid);
      write_sql_text (s, id);
      fputc (',', s);
      write_sql_text (s, p->id);
      fputc (',', s);
      write_sql_text (s, a->kind);
      fputc (',', s);
      write_sql_text (s, a->status);
      fputc (',', s);
      write_sql_text (s, a->title);
      fputc (',', s);
      write_sql_text (s, a->organizer);
      fputc (',', s);
      write_sql_text (s, params->str);
      fprintf (s, ",%u,%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",", a->credit_year,
               a->public_tenths, a->professional_tenths);
      if (a->deemed_from != 0)
        fprintf (s, "%u,%u,", a->deemed_from, a->deemed_to);
      else
        fputs ("NULL,NULL,", s);
      fprintf (s, "%d);\n", g_str_equal (a->kind, "certified-year"));
      g_string_free (params, TRUE);
    }

  for (guint i = 0; !gen->no_evidence && i < a->n_materials; i++)
    {
      const Scan *scan = &gen->scans[rng_below (rng, N_SCANS)];

      fputs ("      <evidence", x);
      write_attr (x, "material", a->materials[i]);
      write_attr (x, "file", scan->relative);
      if (rng_percent (rng, 30))
        write_attr (x, "sha256", scan->sha256);
      fputs ("/>\n", x);
      gen->n_evidence++;
      gen->evidence_rowid++;
      if (gen->sql != NULL)
        {
          fprintf (gen->sql,
                   "INSERT INTO evidence (rowid, activity, material, sha256, file_name, size) "
                   "VALUES (%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",",
                   gen->evidence_rowid, gen->activity_rowid);
          write_sql_text (gen->sql, a->materials[i]);
          fputc (',', gen->sql);
          write_sql_text (gen->sql, scan->sha256);
          fputc (',', gen->sql);
          write_sql_text (gen->sql, scan->base);
          fprintf (gen->sql, ",%" G_GSIZE_FORMAT ");\n", scan->size);
        }
    }

  if (a->review_decision != NULL)
    {
      fputs ("      <review", x);
      write_attr (x, "reviewer", a->reviewer);
      write_attr (x, "date", a->review_date);
      write_attr (x, "decision", a->review_decision);
      fputc ('>', x);
      write_escaped (x, a->review_reason, FALSE);
      fputs ("</review>\n", x);
      gen->review_rowid++;
      if (gen->sql != NULL)
        {
          fprintf (gen->sql,
                   "INSERT INTO reviews (rowid, activity, reviewer, date, decision, reason) "
                   "VALUES (%" G_GINT64_FORMAT ",%" G_GINT64_FORMAT ",",
                   gen->review_rowid, gen->activity_rowid);
          write_sql_text (gen->sql, a->reviewer);
          fputc (',', gen->sql);
          write_sql_text (gen->sql, a->review_date);
          fputc (',', gen->sql);
          write_sql_text (gen->sql, a->review_decision);
          fputc (',', gen->sql);
          write_sql_text (gen->sql, a->review_reason);
          fputs (");\n", gen->sql);
        }
    }
  fputs ("    </activity>\n", x);
  gen->n_activities++;
}

/* ---------------------------------------------------------------- sheet content */

/* What a confirmation sheet shows, as bench/gen can know it without the core: the summary
 * page (identity, the five years, verdict, filing chain) and the detail pages (every approved
 * activity of the span, year by year), as src/core/xs-sheet.c lays them out. The wording of
 * kinds and reasons follows data/rules/hunan-2026.xml closely enough to set the same amount of
 * text; the baselines (--sheet-data for bench/sheet-floor, --fodt-dir for LibreOffice) render
 * this, so they do the same work as `xueshi-cli sheet`. */

static const struct
{
  const char *kind;
  const char *name;
} kind_names[] = {
  { "training", "培训班、研修班、进修班" },
  { "practice", "继续教育实践活动" },
  { "academic-event", "学术会议、研讨、讲座、访问、交流" },
  { "online-course", "网络平台课程等远程教育" },
  { "research-project", "课题研究与项目开发" },
  { "book", "出版著作、译作、教材" },
  { "paper", "统一刊号刊物论文" },
  { "invention-patent", "国家发明专利" },
  { "utility-patent", "实用新型专利" },
  { "award", "科技（社科）奖项" },
  { "aid-posting", "“三援”（援藏、援疆、援外）" },
  { "expert-service", "专家服务基层" },
  { "degree-course", "学历（学位）教育" },
  { "qualification-exam", "职业资格考试" },
  { "digital-skills-exam", "数字技术应用能力水平考试" },
  { "overseas-exchange", "海外交换（交流）" },
  { "skills-contest", "技能大赛" },
  { "certified-year", "既往《学时认定单》" },
};

static void
format_tenths (gint64 tenths, char *out, gsize size)
{
  if (tenths % 10 == 0)
    g_snprintf (out, size, "%" G_GINT64_FORMAT, tenths / 10);
  else
    g_snprintf (out, size, "%" G_GINT64_FORMAT ".%" G_GINT64_FORMAT, tenths / 10, tenths % 10);
}

static const char *
param_of (const Activity *a, const char *name)
{
  for (guint i = 0; i < a->n_params; i++)
    if (g_str_equal (a->params[i].name, name))
      return a->params[i].value;
  return NULL;
}

static const char *
kind_name (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_str_equal (kind_names[i].kind, kind))
      return kind_names[i].name;
  return kind;
}

/* The reason the sheet prints beside the hours, in the rule file's words. */
static void
describe_credit (const Activity *a, char *out, gsize size)
{
  const char *k = a->kind;
  const char *role = param_of (a, "role"), *level = param_of (a, "level");
  char h[32];

  format_tenths (a->public_tenths + a->professional_tenths, h, sizeof h);
  if (g_str_equal (k, "training") || g_str_equal (k, "practice") ||
      g_str_equal (k, "academic-event"))
    g_snprintf (out, size, "%s 天 × 8 学时", param_of (a, "days"));
  else if (g_str_equal (k, "online-course"))
    g_snprintf (out, size, "证书认定 %s 学时", h);
  else if (g_str_equal (k, "paper") || g_str_equal (k, "book"))
    g_snprintf (out, size, "%s：%s 学时",
                g_str_equal (role, "other") ? "其他作者"
                : g_str_equal (k, "paper")  ? "独立、第一作者或通讯作者"
                                            : "独立或第一作者",
                h);
  else if (g_str_equal (k, "research-project"))
    g_snprintf (out, size, "%s%s：%s 学时",
                g_str_equal (level, "provincial") ? "省部级以上课题" : "市厅级课题",
                g_str_equal (role, "host")   ? "主持人"
                : g_str_equal (role, "main") ? "主要完成人（除主持人外署名前三）"
                                             : "其他参与人",
                h);
  else if (g_str_equal (k, "invention-patent") || g_str_equal (k, "utility-patent"))
    {
      guint rank = (guint)g_ascii_strtoull (param_of (a, "rank"), NULL, 10);

      if (g_str_equal (k, "utility-patent") && rank >= 4)
        g_snprintf (out, size, "实用新型专利排名第四及以后，通知未规定学时，不折算");
      else
        g_snprintf (out, size, "%s：%s 学时",
                    rank == 1   ? "专利证书独立或排名第一"
                    : rank <= 3 ? "专利证书排名前三"
                                : "其他参与人",
                    h);
    }
  else if (g_str_equal (k, "award") || g_str_equal (k, "skills-contest"))
    {
      if (a->professional_tenths == 0)
        g_snprintf (out, size, "技能大赛未获奖（无名次），不折算学时");
      else
        g_snprintf (out, size, "%s%s：%s 学时",
                    g_str_equal (level, "national")     ? "国际、国家级"
                    : g_str_equal (level, "provincial") ? "省部级及以上"
                                                        : "市厅级",
                    g_str_equal (k, "award") ? "科技奖项" : "技能大赛", h);
    }
  else if (g_str_equal (k, "expert-service"))
    {
      if (g_str_equal (param_of (a, "mode"), "onsite"))
        g_snprintf (out, size, "现场服务 %s 天 × 8 学时", param_of (a, "days"));
      else
        g_snprintf (out, size, "线上服务实际时间 %s 学时", h);
    }
  else if (g_str_equal (k, "degree-course") || g_str_equal (k, "qualification-exam") ||
           g_str_equal (k, "digital-skills-exam"))
    g_snprintf (out, size, "%s %s 门 × 30 学时",
                g_str_equal (k, "degree-course") ? "通过课程" : "通过考试科目",
                param_of (a, "count"));
  else if (g_str_equal (k, "certified-year"))
    g_snprintf (out, size, "既往《学时认定单》：公需 %s 学时，专业 %s 学时", param_of (a, "public"),
                param_of (a, "professional"));
  else if (a->deemed_from != 0)
    g_snprintf (out, size, "%s，考核合格，视为完成 %u 年度继续教育 90 学时",
                g_str_equal (k, "aid-posting") ? "“三援”" : "海外交换", a->deemed_from);
  else
    g_snprintf (out, size, "考核未合格，不视为完成");
}

typedef struct
{
  guint year;
  const char *date; /* start, else end; NULL with only a year: those come last */
  guint order;
  const Activity *activity;
} DetailRow;

typedef struct
{
  const Person *person;
  const char *unit_name;
  const UnitKind *unit_kind;
  guint from;
  gint64 public_tenths[N_YEARS];
  gint64 professional_tenths[N_YEARS];
  gboolean deemed[N_YEARS];
  GArray *rows; /* DetailRow, by year, date, order */
} Sheet;

static int
compare_rows (gconstpointer pa, gconstpointer pb)
{
  const DetailRow *a = pa, *b = pb;
  int cmp = (int)a->year - (int)b->year;

  if (cmp == 0)
    cmp = (a->date == NULL) - (b->date == NULL);
  if (cmp == 0 && a->date != NULL)
    cmp = strcmp (a->date, b->date);
  if (cmp == 0)
    cmp = (int)a->order - (int)b->order;
  return cmp;
}

static gboolean
is_certified_year (const Activity *a)
{
  return g_str_equal (a->kind, "certified-year");
}

/* Whether activities[k] is a certified year that one of activities[0..k-1] already holds. */
static gboolean
certified_year_taken (const Activity *activities, guint k)
{
  if (!is_certified_year (&activities[k]))
    return FALSE;
  for (guint i = 0; i < k; i++)
    if (is_certified_year (&activities[i]) &&
        activities[i].credit_year == activities[k].credit_year)
      return TRUE;
  return FALSE;
}

/* Whether an approved certified year gives @year its printed figures (certified-year-
 * combination "replace"): the year's other activities are listed, not added. */
static gboolean
year_certified (const Activity *activities, guint n, guint year)
{
  for (guint k = 0; k < n; k++)
    if (is_certified_year (&activities[k]) && g_str_equal (activities[k].status, "approved") &&
        activities[k].credit_year == year)
      return TRUE;
  return FALSE;
}

static void
sheet_init (Sheet *s, const Person *p, guint from, const Activity *activities, guint n)
{
  memset (s, 0, sizeof *s);
  s->person = p;
  s->from = from;
  s->rows = g_array_new (FALSE, FALSE, sizeof (DetailRow));

  for (guint k = 0; k < n; k++)
    {
      const Activity *a = &activities[k];
      DetailRow row = { 0, param_of (a, "start"), k, a };
      guint first = a->deemed_from ? a->deemed_from : a->credit_year;
      guint last = a->deemed_from ? a->deemed_to : a->credit_year;

      if (!g_str_equal (a->status, "approved"))
        continue;
      if (row.date == NULL)
        row.date = param_of (a, "end");
      for (guint y = first; y <= last; y++)
        {
          if (y < from || y >= from + N_YEARS)
            continue;
          if (a->deemed_from != 0)
            s->deemed[y - from] = TRUE;
          else if (is_certified_year (a) || !year_certified (activities, n, y))
            {
              s->public_tenths[y - from] += a->public_tenths;
              s->professional_tenths[y - from] += a->professional_tenths;
            }
          row.year = y;
          g_array_append_val (s->rows, row);
        }
    }
  g_array_sort (s->rows, compare_rows);
}

static gboolean
sheet_year_compliant (const Sheet *s, guint i)
{
  return s->deemed[i] || (s->public_tenths[i] >= 300 && s->professional_tenths[i] >= 600);
}

/* The year table's rows: year, public, professional, total, verdict; i == N_YEARS: totals. */
static void
sheet_year_cells (const Sheet *s, guint i, char cells[5][64])
{
  gint64 pub = 0, prof = 0;
  guint met = 0;

  for (guint y = (i == N_YEARS ? 0 : i); y < (i == N_YEARS ? N_YEARS : i + 1); y++)
    {
      pub += s->deemed[y] ? 300 : s->public_tenths[y];
      prof += s->deemed[y] ? 600 : s->professional_tenths[y];
      met += sheet_year_compliant (s, y);
    }
  if (i == N_YEARS)
    {
      g_snprintf (cells[0], 64, "合计");
      g_snprintf (cells[4], 64, "%u/%u 年达标", met, N_YEARS);
    }
  else
    {
      g_snprintf (cells[0], 64, "%u年", s->from + i);
      g_snprintf (cells[4], 64, "%s", s->deemed[i] ? "视同完成" : met ? "达标" : "未达标");
    }
  format_tenths (pub, cells[1], 64);
  format_tenths (prof, cells[2], 64);
  format_tenths (pub + prof, cells[3], 64);
}

static void
sheet_verdict (const Sheet *s, char *out, gsize size)
{
  GString *missing = g_string_new (NULL);

  for (guint i = 0; i < N_YEARS; i++)
    if (!sheet_year_compliant (s, i))
      g_string_append_printf (missing, "%s%u年", missing->len ? "、" : "", s->from + i);
  if (missing->len == 0)
    g_snprintf (out, size, "符合。核认跨度内各年度继续教育学时均达到要求。");
  else
    g_snprintf (out, size, "不符合。%s继续教育学时未达到要求。", missing->str);
  g_string_free (missing, TRUE);
}

/* The detail heading of a year: 2021年度　　公需科目 32 学时　专业科目 64 学时　合计 96 学时　达标 */
static void
sheet_year_heading (const Sheet *s, guint i, char *out, gsize size)
{
  char cells[5][64];

  sheet_year_cells (s, i, cells);
  g_snprintf (out, size, "%u年度　　公需科目 %s 学时　专业科目 %s 学时　合计 %s 学时　%s",
              s->from + i, cells[1], cells[2], cells[3], cells[4]);
}

/* A detail row's cells; '^' stands for a line break. */
static void
detail_cells (const Activity *a, char date[64], const char **subject, char hours[64],
              char reason[256])
{
  const char *start = param_of (a, "start"), *end = param_of (a, "end");

  if (start != NULL && end != NULL && !g_str_equal (start, end))
    g_snprintf (date, 64, "%.4s.%.2s.%.2s^至%.4s.%.2s.%.2s", start, start + 5, start + 8, end,
                end + 5, end + 8);
  else if (start != NULL || end != NULL)
    {
      const char *d = start ? start : end;
      g_snprintf (date, 64, "%.4s.%.2s.%.2s", d, d + 5, d + 8);
    }
  else
    g_snprintf (date, 64, "%s年", param_of (a, "year"));

  if (a->deemed_from != 0)
    {
      *subject = "—";
      g_snprintf (hours, 64, "视同完成");
    }
  else if (g_str_equal (a->kind, "certified-year"))
    {
      char p1[32], p2[32];

      *subject = "公需^专业";
      format_tenths (a->public_tenths, p1, sizeof p1);
      format_tenths (a->professional_tenths, p2, sizeof p2);
      g_snprintf (hours, 64, "%s^%s", p1, p2);
    }
  else
    {
      const char *chosen = param_of (a, "subject");

      *subject =
          chosen != NULL && g_str_equal (chosen, "public") ? "公需"
          : g_str_equal (a->kind, "aid-posting") || g_str_equal (a->kind, "overseas-exchange")
              ? "—"
              : "专业";
      format_tenths (a->public_tenths + a->professional_tenths, hours, 64);
    }
  describe_credit (a, reason, 256);
}

#define SHEET_FOOTER_TIME "生成时间：2026年6月1日 10:00　操作员：基准测试　"

static void
write_sheet_tsv (Gen *gen, const Sheet *s)
{
  FILE *f = gen->sheet;
  const Person *p = s->person;
  char verdict[256];
  guint shown = G_MAXUINT;

  sheet_verdict (s, verdict, sizeof verdict);
  fprintf (f, "S\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%u\t%u", p->id, p->name, p->male ? "男" : "女",
           p->id_number, s->unit_name, p->series->current, p->series->applying, p->specialty,
           s->from, s->from + N_YEARS - 1);
  for (guint i = 0; i <= N_YEARS; i++)
    {
      char cells[5][64];

      sheet_year_cells (s, i, cells);
      for (guint c = 0; c < 5; c++)
        fprintf (f, "\t%s", cells[c]);
    }
  for (guint c = 0; c < 3; c++)
    fprintf (f, "\t%s", s->unit_kind->chain[c] ? s->unit_kind->chain[c] : "");
  fprintf (f, "\t%s\n", verdict);

  /* Detail pages: a heading per year, then its rows (or a line saying there are none). */
  for (guint i = 0, r = 0; i < N_YEARS; i++)
    {
      char heading[256];

      sheet_year_heading (s, i, heading, sizeof heading);
      fprintf (f, "H\t%s\n", heading);
      shown = 0;
      for (; r < s->rows->len && g_array_index (s->rows, DetailRow, r).year == s->from + i; r++)
        {
          const Activity *a = g_array_index (s->rows, DetailRow, r).activity;
          char date[64], hours[64], reason[256];
          const char *subject;

          detail_cells (a, date, &subject, hours, reason);
          fprintf (f, "D\t%u\t%s\t%s\t%s\t%s\t%s\t%s\n", r + 1, kind_name (a->kind), a->title, date,
                   subject, hours, reason);
          shown++;
        }
      if (shown == 0)
        fputs ("N\t本年度无已认定的活动。\n", f);
    }
}

static const char fodt_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\"\n"
    " xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"\n"
    " xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\"\n"
    " xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\"\n"
    " xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\"\n"
    " xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\"\n"
    " office:version=\"1.3\" office:mimetype=\"application/vnd.oasis.opendocument.text\">\n"
    " <office:font-face-decls>\n"
    "  <style:font-face style:name=\"Serif\" svg:font-family=\"'AR PL UMing CN'\"/>\n"
    "  <style:font-face style:name=\"Sans\" svg:font-family=\"'WenQuanYi Zen Hei'\"/>\n"
    " </office:font-face-decls>\n"
    " <office:styles>\n"
    "  <style:default-style style:family=\"paragraph\">\n"
    "   <style:text-properties style:font-name=\"Serif\" style:font-name-asian=\"Serif\" "
    "fo:font-size=\"10.5pt\" style:font-size-asian=\"10.5pt\" style:language-asian=\"zh\" "
    "style:country-asian=\"CN\"/>\n"
    "  </style:default-style>\n"
    " </office:styles>\n"
    " <office:automatic-styles>\n"
    "  <style:page-layout style:name=\"A4\">\n"
    "   <style:page-layout-properties fo:page-width=\"210mm\" fo:page-height=\"297mm\" "
    "fo:margin-top=\"20mm\" fo:margin-bottom=\"10mm\" fo:margin-left=\"20mm\" "
    "fo:margin-right=\"20mm\"/>\n"
    "   <style:footer-style><style:header-footer-properties fo:min-height=\"8mm\"/>"
    "</style:footer-style>\n"
    "  </style:page-layout>\n"
    "  <style:style style:name=\"Title\" style:family=\"paragraph\">\n"
    "   <style:paragraph-properties fo:text-align=\"center\" fo:margin-bottom=\"8pt\"/>\n"
    "   <style:text-properties fo:font-size=\"19pt\" style:font-size-asian=\"19pt\" "
    "style:font-name=\"Sans\" style:font-name-asian=\"Sans\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"Heading\" style:family=\"paragraph\">\n"
    "   <style:paragraph-properties fo:text-align=\"center\" fo:break-before=\"page\"/>\n"
    "   <style:text-properties fo:font-size=\"15pt\" style:font-size-asian=\"15pt\" "
    "style:font-name=\"Sans\" style:font-name-asian=\"Sans\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"Gap\" style:family=\"paragraph\">\n"
    "   <style:paragraph-properties fo:margin-top=\"6pt\" fo:margin-bottom=\"6pt\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"Small\" style:family=\"paragraph\">\n"
    "   <style:text-properties fo:font-size=\"9pt\" style:font-size-asian=\"9pt\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"SmallBold\" style:family=\"paragraph\">\n"
    "   <style:text-properties fo:font-size=\"9pt\" style:font-size-asian=\"9pt\" "
    "style:font-name=\"Sans\" style:font-name-asian=\"Sans\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"Figure\" style:family=\"paragraph\">\n"
    "   <style:paragraph-properties fo:text-align=\"center\"/>\n"
    "   <style:text-properties fo:font-size=\"9pt\" "
    "style:font-size-asian=\"9pt\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"Verdict\" style:family=\"paragraph\">\n"
    "   <style:paragraph-properties fo:margin-top=\"6pt\"/>\n"
    "   <style:text-properties fo:font-size=\"13pt\" style:font-size-asian=\"13pt\" "
    "style:font-name=\"Sans\" style:font-name-asian=\"Sans\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"Footer\" style:family=\"paragraph\">\n"
    "   <style:paragraph-properties fo:text-align=\"center\"/>\n"
    "   <style:text-properties fo:font-size=\"8pt\" style:font-size-asian=\"8pt\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"Table\" style:family=\"table\">\n"
    "   <style:table-properties style:width=\"170mm\" table:align=\"center\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"Cell\" style:family=\"table-cell\">\n"
    "   <style:table-cell-properties fo:border=\"0.5pt solid #000000\" fo:padding=\"3pt\" "
    "style:vertical-align=\"middle\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"Head\" style:family=\"table-cell\">\n"
    "   <style:table-cell-properties fo:border=\"0.5pt solid #000000\" fo:padding=\"3pt\" "
    "style:vertical-align=\"middle\" fo:background-color=\"#ebebeb\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"Sign\" style:family=\"table-cell\">\n"
    "   <style:table-cell-properties fo:border=\"0.5pt solid #000000\" fo:padding=\"6pt\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"Row\" style:family=\"table-row\">\n"
    "   <style:table-row-properties style:min-row-height=\"24pt\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"DetailRow\" style:family=\"table-row\">\n"
    "   <style:table-row-properties style:min-row-height=\"20pt\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"SignRow\" style:family=\"table-row\">\n"
    "   <style:table-row-properties style:min-row-height=\"118pt\"/>\n"
    "  </style:style>\n"
    "  <style:style style:name=\"D1\" style:family=\"table-column\">"
    "<style:table-column-properties style:column-width=\"9.4mm\"/></style:style>\n"
    "  <style:style style:name=\"D2\" style:family=\"table-column\">"
    "<style:table-column-properties style:column-width=\"25.5mm\"/></style:style>\n"
    "  <style:style style:name=\"D3\" style:family=\"table-column\">"
    "<style:table-column-properties style:column-width=\"51mm\"/></style:style>\n"
    "  <style:style style:name=\"D4\" style:family=\"table-column\">"
    "<style:table-column-properties style:column-width=\"23.8mm\"/></style:style>\n"
    "  <style:style style:name=\"D5\" style:family=\"table-column\">"
    "<style:table-column-properties style:column-width=\"12.7mm\"/></style:style>\n"
    "  <style:style style:name=\"D6\" style:family=\"table-column\">"
    "<style:table-column-properties style:column-width=\"14.5mm\"/></style:style>\n"
    "  <style:style style:name=\"D7\" style:family=\"table-column\">"
    "<style:table-column-properties style:column-width=\"33.1mm\"/></style:style>\n"
    " </office:automatic-styles>\n"
    " <office:master-styles>\n"
    "  <style:master-page style:name=\"Standard\" style:page-layout-name=\"A4\">\n"
    "   <style:footer><text:p text:style-name=\"Footer\">第 <text:page-number "
    "text:select-page=\"current\"/> 页　共 <text:page-count/> 页</text:p></style:footer>\n"
    "  </style:master-page>\n"
    " </office:master-styles>\n"
    " <office:body>\n"
    "  <office:text>\n";

/* One cell; '^' in @text breaks the line. */
static void
fodt_cell (GString *s, const char *cell_style, const char *para_style, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  g_autofree char *broken = NULL;
  g_auto (GStrv) lines = g_strsplit (escaped, "^", -1);

  broken = g_strjoinv ("<text:line-break/>", lines);
  g_string_append_printf (s,
                          "     <table:table-cell table:style-name=\"%s\" "
                          "office:value-type=\"string\"><text:p text:style-name=\"%s\">%s</text:p>"
                          "</table:table-cell>\n",
                          cell_style, para_style, broken);
}

static void
fodt_paragraph (GString *s, const char *style, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  g_string_append_printf (s, "   <text:p text:style-name=\"%s\">%s</text:p>\n", style, escaped);
}

static gboolean
write_fodt (Gen *gen, const Sheet *sh, GError **error)
{
  const Person *p = sh->person;
  g_autoptr (GString) s = g_string_new (fodt_head);
  g_autofree char *name = g_strdup_printf ("%s.fodt", p->id);
  g_autofree char *path = g_build_filename (gen->fodt_dir, name, NULL);
  char span[64], verdict[256], line[512];
  const char *identity[4][4] = {
    { "姓名", p->name, "性别", p->male ? "男" : "女" },
    { "身份证号", p->id_number, "专业", p->specialty },
    { "工作单位", sh->unit_name, "核认跨度", span },
    { "现专业技术职务（资格）", p->series->current, "申报职称", p->series->applying },
  };
  static const char *const year_headers[5] = { "年度", "公需科目学时", "专业科目学时", "合计",
                                               "是否达标" };
  static const char *const detail_headers[7] = { "序号", "形式", "名称",    "日期",
                                                 "科目", "学时", "认定理由" };
  guint n_chain = 0;

  g_snprintf (span, sizeof span, "%u年至%u年（共%u年）", sh->from, sh->from + N_YEARS - 1, N_YEARS);
  fodt_paragraph (s, "Title", "湖南省专业技术人员继续教育学时认定单");
  g_snprintf (line, sizeof line, "编号：XS-2026-%s", p->id);
  fodt_paragraph (s, "Small", line);

  g_string_append (s, "   <table:table table:name=\"Identity\" table:style-name=\"Table\">\n"
                      "    <table:table-column table:number-columns-repeated=\"4\"/>\n");
  for (guint r = 0; r < 4; r++)
    {
      g_string_append (s, "    <table:table-row table:style-name=\"Row\">\n");
      for (guint c = 0; c < 4; c++)
        fodt_cell (s, c % 2 == 0 ? "Head" : "Cell", "Standard", identity[r][c]);
      g_string_append (s, "    </table:table-row>\n");
    }
  g_string_append (s, "   </table:table>\n   <text:p text:style-name=\"Gap\"/>\n");

  g_string_append (s, "   <table:table table:name=\"Years\" table:style-name=\"Table\">\n"
                      "    <table:table-column table:number-columns-repeated=\"5\"/>\n"
                      "    <table:table-row table:style-name=\"Row\">\n");
  for (guint c = 0; c < 5; c++)
    fodt_cell (s, "Head", "Standard", year_headers[c]);
  g_string_append (s, "    </table:table-row>\n");
  for (guint i = 0; i <= N_YEARS; i++)
    {
      char cells[5][64];

      sheet_year_cells (sh, i, cells);
      g_string_append (s, "    <table:table-row table:style-name=\"Row\">\n");
      for (guint c = 0; c < 5; c++)
        fodt_cell (s, "Cell", c == 0 || c == 4 ? "Standard" : "Figure", cells[c]);
      g_string_append (s, "    </table:table-row>\n");
    }
  g_string_append (s, "   </table:table>\n");
  fodt_paragraph (s, "Small",
                  "注：每年度公需科目不少于30学时、专业科目不少于60学时（合计不少于90学时）为达标；"
                  "视同完成的年度按公需30学时、专业60学时计。只计已审核认定的学时。");
  sheet_verdict (sh, verdict, sizeof verdict);
  g_snprintf (line, sizeof line, "核认结论：%s", verdict);
  fodt_paragraph (s, "Verdict", line);

  while (n_chain < 3 && sh->unit_kind->chain[n_chain] != NULL)
    n_chain++;
  fodt_paragraph (s, "Gap", "审核与备案");
  g_string_append_printf (s,
                          "   <table:table table:name=\"Chain\" table:style-name=\"Table\">\n"
                          "    <table:table-column table:number-columns-repeated=\"%u\"/>\n"
                          "    <table:table-row table:style-name=\"SignRow\">\n",
                          n_chain);
  for (guint c = 0; c < n_chain; c++)
    {
      g_autofree char *step = g_markup_escape_text (sh->unit_kind->chain[c], -1);

      g_string_append_printf (s,
                              "     <table:table-cell table:style-name=\"Sign\" "
                              "office:value-type=\"string\"><text:p>%s</text:p><text:p/>"
                              "<text:p>（盖章）</text:p><text:p>经办人：</text:p>"
                              "<text:p>日期：　　年　月　日</text:p></table:table-cell>\n",
                              step);
    }
  g_string_append (s, "    </table:table-row>\n   </table:table>\n");
  g_snprintf (line, sizeof line, SHEET_FOOTER_TIME "验证码：XS26-%s", p->id);
  fodt_paragraph (s, "Small", line);

  /* The detail pages. */
  fodt_paragraph (s, "Heading", "继续教育活动认定明细");
  g_snprintf (line, sizeof line, "姓名：%s　　身份证号：%s　　核认跨度：%u年至%u年", p->name,
              p->id_number, sh->from, sh->from + N_YEARS - 1);
  fodt_paragraph (s, "Small", line);
  g_string_append (s, "   <table:table table:name=\"Detail\" table:style-name=\"Table\">\n");
  for (guint c = 0; c < 7; c++)
    g_string_append_printf (s, "    <table:table-column table:style-name=\"D%u\"/>\n", c + 1);
  g_string_append (s, "    <table:table-header-rows><table:table-row "
                      "table:style-name=\"DetailRow\">\n");
  for (guint c = 0; c < 7; c++)
    fodt_cell (s, "Head", "SmallBold", detail_headers[c]);
  g_string_append (s, "    </table:table-row></table:table-header-rows>\n");
  for (guint i = 0, r = 0; i < N_YEARS; i++)
    {
      guint shown = 0;

      sheet_year_heading (sh, i, line, sizeof line);
      g_string_append (s, "    <table:table-row table:style-name=\"DetailRow\">\n");
      {
        g_autofree char *escaped = g_markup_escape_text (line, -1);
        g_string_append_printf (s,
                                "     <table:table-cell table:style-name=\"Head\" "
                                "table:number-columns-spanned=\"7\" office:value-type=\"string\">"
                                "<text:p text:style-name=\"SmallBold\">%s</text:p>"
                                "</table:table-cell>\n",
                                escaped);
      }
      for (guint c = 1; c < 7; c++)
        g_string_append (s, "     <table:covered-table-cell/>\n");
      g_string_append (s, "    </table:table-row>\n");

      for (; r < sh->rows->len && g_array_index (sh->rows, DetailRow, r).year == sh->from + i; r++)
        {
          const Activity *a = g_array_index (sh->rows, DetailRow, r).activity;
          char date[64], hours[64], reason[256], index[16];
          const char *subject;

          detail_cells (a, date, &subject, hours, reason);
          g_snprintf (index, sizeof index, "%u", r + 1);
          g_string_append (s, "    <table:table-row table:style-name=\"DetailRow\">\n");
          fodt_cell (s, "Cell", "Figure", index);
          fodt_cell (s, "Cell", "Small", kind_name (a->kind));
          fodt_cell (s, "Cell", "Small", a->title);
          fodt_cell (s, "Cell", "Figure", date);
          fodt_cell (s, "Cell", "Small", subject);
          fodt_cell (s, "Cell", "Figure", hours);
          fodt_cell (s, "Cell", "Small", reason);
          g_string_append (s, "    </table:table-row>\n");
          shown++;
        }
      if (shown == 0)
        {
          g_string_append (s, "    <table:table-row table:style-name=\"DetailRow\">\n"
                              "     <table:table-cell table:style-name=\"Cell\" "
                              "table:number-columns-spanned=\"7\" office:value-type=\"string\">"
                              "<text:p text:style-name=\"Small\">本年度无已认定的活动。</text:p>"
                              "</table:table-cell>\n");
          for (guint c = 1; c < 7; c++)
            g_string_append (s, "     <table:covered-table-cell/>\n");
          g_string_append (s, "    </table:table-row>\n");
        }
    }
  g_string_append (s, "   </table:table>\n"
                      "  </office:text>\n </office:body>\n</office:document>\n");
  return g_file_set_contents (path, s->str, (gssize)s->len, error);
}

/* ---------------------------------------------------------------- the whole file */

static const char sql_schema[] =
    "PRAGMA journal_mode = WAL;\n"
    "PRAGMA synchronous = FULL;\n"
    "PRAGMA foreign_keys = ON;\n"
    "PRAGMA cache_size = -8000;\n"
    "BEGIN IMMEDIATE;\n"
    "CREATE TABLE units (id TEXT PRIMARY KEY NOT NULL, category TEXT NOT NULL CHECK (category "
    "IN ('provincial','municipal','other','central')), name TEXT NOT NULL, supervisor TEXT, "
    "region TEXT);\n"
    "CREATE TABLE persons (id TEXT PRIMARY KEY NOT NULL, unit_id TEXT NOT NULL REFERENCES "
    "units (id), name TEXT NOT NULL, gender TEXT NOT NULL CHECK (gender IN ('male','female')), "
    "id_number TEXT NOT NULL, current_title TEXT, applying_title TEXT, specialty TEXT, "
    "span_from INTEGER, span_to INTEGER);\n"
    "CREATE INDEX persons_unit ON persons (unit_id);\n"
    "CREATE TABLE activities (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, person_id "
    "TEXT NOT NULL REFERENCES persons (id) ON DELETE CASCADE, kind TEXT NOT NULL, status TEXT "
    "NOT NULL CHECK (status IN ('pending','approved','rejected')), title TEXT, organizer TEXT, "
    "params TEXT NOT NULL, credit_year INTEGER, credit_public INTEGER NOT NULL DEFAULT 0, "
    "credit_professional INTEGER NOT NULL DEFAULT 0, deemed_from INTEGER, deemed_to "
    "INTEGER);\n"
    "CREATE INDEX activities_person ON activities (person_id);\n"
    "CREATE TABLE evidence (rowid INTEGER PRIMARY KEY, activity INTEGER NOT NULL REFERENCES "
    "activities (rowid) ON DELETE CASCADE, material TEXT NOT NULL, sha256 TEXT NOT NULL CHECK "
    "(length (sha256) = 64), file_name TEXT, size INTEGER NOT NULL);\n"
    "CREATE INDEX evidence_activity ON evidence (activity);\n"
    "CREATE INDEX evidence_sha256 ON evidence (sha256);\n"
    "CREATE TABLE reviews (rowid INTEGER PRIMARY KEY, activity INTEGER NOT NULL REFERENCES "
    "activities (rowid) ON DELETE CASCADE, reviewer TEXT NOT NULL, date TEXT NOT NULL, "
    "decision TEXT NOT NULL CHECK (decision IN ('pending','approved','rejected')), reason TEXT "
    "NOT NULL DEFAULT '');\n"
    "CREATE INDEX reviews_activity ON reviews (activity);\n"
    "CREATE INDEX activities_deemed ON activities (person_id) WHERE deemed_from IS NOT NULL;\n"
    "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL);\n"
    "CREATE TABLE audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, actor TEXT NOT NULL, "
    "action TEXT NOT NULL, person_id TEXT, target TEXT, old_value TEXT, new_value TEXT, "
    "prev_hash TEXT NOT NULL, hash TEXT NOT NULL);\n"
    "CREATE INDEX audit_person ON audit (person_id);\n"
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit "
    "BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;\n"
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit "
    "BEGIN SELECT RAISE (ABORT, 'the audit trail is append-only'); END;\n"
    "ALTER TABLE activities ADD COLUMN credit_replaces INTEGER NOT NULL DEFAULT 0;\n"
    "CREATE INDEX activities_totals ON activities "
    "(person_id, credit_year, status, credit_replaces, credit_public, credit_professional) "
    "WHERE status != 'rejected' AND credit_year IS NOT NULL AND deemed_from IS NULL;\n"
    "CREATE TABLE round_events (rowid INTEGER PRIMARY KEY, person_id TEXT NOT NULL REFERENCES "
    "persons (id) ON DELETE CASCADE, year INTEGER NOT NULL, stage TEXT NOT NULL, decision TEXT "
    "NOT NULL CHECK (decision IN ('passed', 'returned', 'reopened')), reviewer TEXT NOT NULL, "
    "date TEXT NOT NULL, opinion TEXT, override TEXT);\n"
    "CREATE INDEX round_events_person ON round_events (person_id, year);\n"
    "ALTER TABLE persons ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n"
    "ALTER TABLE activities ADD COLUMN version INTEGER NOT NULL DEFAULT 1;\n"
    "CREATE TRIGGER persons_version AFTER UPDATE OF unit_id, name, gender, id_number, "
    "current_title, applying_title, specialty, span_from, span_to ON persons "
    "BEGIN UPDATE persons SET version = OLD.version + 1 WHERE id = NEW.id; END;\n"
    "CREATE TRIGGER activities_version AFTER UPDATE OF kind, status, title, organizer, params "
    "ON activities "
    "BEGIN UPDATE activities SET version = OLD.version + 1 WHERE rowid = NEW.rowid; END;\n"
    "CREATE TRIGGER evidence_added_version AFTER INSERT ON evidence "
    "BEGIN UPDATE activities SET version = version + 1 WHERE rowid = NEW.activity; END;\n"
    "CREATE TRIGGER evidence_removed_version AFTER DELETE ON evidence "
    "BEGIN UPDATE activities SET version = version + 1 WHERE rowid = OLD.activity; END;\n"
    "CREATE TRIGGER evidence_retagged_version AFTER UPDATE ON evidence "
    "BEGIN UPDATE activities SET version = version + 1 WHERE rowid = NEW.activity; END;\n"
    "CREATE TRIGGER reviews_version AFTER INSERT ON reviews "
    "BEGIN UPDATE activities SET version = version + 1 WHERE rowid = NEW.activity; END;\n"
    "PRAGMA user_version = 7;\n";

static gboolean
generate (Gen *gen, GError **error)
{
  guint n_units = MAX (1, (gen->persons + PERSONS_PER_UNIT - 1) / PERSONS_PER_UNIT);
  Activity *activities = g_new (Activity, gen->per_person);
  gboolean ok = TRUE;

  gen->id_width = 5;
  for (guint n = gen->persons; n >= 100000; n /= 10)
    gen->id_width++;

  if (!gen->no_evidence && !write_scans (gen, error))
    return FALSE;
  if (gen->fodt_dir != NULL && g_mkdir_with_parents (gen->fodt_dir, 0755) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "Cannot create %s: %s",
                   gen->fodt_dir, g_strerror (saved));
      return FALSE;
    }

  gen->xml = open_output (gen->output, error);
  if (gen->xml == NULL)
    return FALSE;
  if (gen->sql_path != NULL && (gen->sql = open_output (gen->sql_path, error)) == NULL)
    return FALSE;
  if (gen->sheet_path != NULL && (gen->sheet = open_output (gen->sheet_path, error)) == NULL)
    return FALSE;

  fprintf (gen->xml,
           "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
           "<!-- Fictitious records for the benchmarks, made by bench/gen: seed %" G_GUINT64_FORMAT
           ", %u persons, %u activities each. -->\n"
           "<xueshi xmlns=\"urn:xueshi:exchange:1\" version=\"1\">\n",
           gen->seed, gen->persons, gen->per_person);
  if (gen->sql != NULL)
    fputs (sql_schema, gen->sql);

  write_units (gen, n_units);

  for (guint i = 0; i < gen->persons && ok; i++)
    {
      Rng rng;
      Person p;
      guint from;
      UnitInfo unit;
      g_autofree char *unit_name = NULL;
      char unit_id[16];

      rng_init (&rng, gen->seed, i + 1);
      make_person (gen, i, &rng, &p);
      g_snprintf (unit_id, sizeof unit_id, "U%03u", p.unit + 1);
      from = p.span_from ? p.span_from : FIRST_YEAR;

      fputs ("  <person", gen->xml);
      write_attr (gen->xml, "id", p.id);
      write_attr (gen->xml, "unit", unit_id);
      if (p.span_from != 0)
        fprintf (gen->xml, " span-from=\"%u\" span-to=\"%u\"", p.span_from, p.span_to);
      fputs (">\n", gen->xml);
      write_element (gen->xml, "    ", "name", p.name);
      write_element (gen->xml, "    ", "gender", p.male ? "male" : "female");
      write_element (gen->xml, "    ", "id-number", p.id_number);
      write_element (gen->xml, "    ", "current-title", p.series->current);
      write_element (gen->xml, "    ", "applying-title", p.series->applying);
      write_element (gen->xml, "    ", "specialty", p.specialty);

      if (gen->sql != NULL)
        {
          FILE *s = gen->sql;

          fputs ("INSERT INTO persons (id, unit_id, name, gender, id_number, current_title, "
                 "applying_title, specialty, span_from, span_to) VALUES (",
                 s);
          write_sql_text (s, p.id);
          fputc (',', s);
          write_sql_text (s, unit_id);
          fputc (',', s);
          write_sql_text (s, p.name);
          fputc (',', s);
          write_sql_text (s, p.male ? "male" : "female");
          fputc (',', s);
          write_sql_text (s, p.id_number);
          fputc (',', s);
          write_sql_text (s, p.series->current);
          fputc (',', s);
          write_sql_text (s, p.series->applying);
          fputc (',', s);
          write_sql_text (s, p.specialty);
          if (p.span_from != 0)
            fprintf (s, ",%u,%u);\n", p.span_from, p.span_to);
          else
            fputs (",NULL,NULL);\n", s);
        }

      for (guint k = 0; k < gen->per_person; k++)
        {
          /* One certified year per person and year: the program refuses a second. */
          do
            make_activity (&rng, &activities[k]);
          while (certified_year_taken (activities, k));
          write_activity (gen, &p, k, &rng, &activities[k]);
        }
      fputs ("  </person>\n", gen->xml);

      if (gen->sheet != NULL || gen->fodt_dir != NULL)
        {
          Sheet sheet;

          unit_name = unit_describe (gen, p.unit, &unit);
          g_clear_pointer (&unit.supervisor, g_free);
          sheet_init (&sheet, &p, from, activities, gen->per_person);
          sheet.unit_name = unit_name;
          sheet.unit_kind = unit.kind;
          if (gen->sheet != NULL)
            write_sheet_tsv (gen, &sheet);
          if (gen->fodt_dir != NULL)
            ok = write_fodt (gen, &sheet, error);
          g_array_unref (sheet.rows);
        }
    }

  fputs ("</xueshi>\n", gen->xml);
  if (gen->sql != NULL)
    fputs ("COMMIT;\n", gen->sql);
  g_free (activities);

  if (!close_output (gen->xml, gen->output, ok ? error : NULL))
    ok = FALSE;
  if (gen->sql != NULL && !close_output (gen->sql, gen->sql_path, ok ? error : NULL))
    ok = FALSE;
  if (gen->sheet != NULL && !close_output (gen->sheet, gen->sheet_path, ok ? error : NULL))
    ok = FALSE;
  return ok;
}

int
main (int argc, char **argv)
{
  Gen gen = { 0 };
  gint64 seed = 2026, persons = 1000, per_person = 50;
  gboolean no_evidence = FALSE;
  g_autofree char *output = NULL;
  g_autofree char *sql_path = NULL;
  g_autofree char *sheet_path = NULL;
  g_autofree char *fodt_dir = NULL;
  const GOptionEntry entries[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 2026)", "N" },
    { "persons", 0, 0, G_OPTION_ARG_INT64, &persons, "Persons (default 1000)", "N" },
    { "activities-per-person", 0, 0, G_OPTION_ARG_INT64, &per_person,
      "Activities per person (default 50)", "M" },
    { "no-evidence", 0, 0, G_OPTION_ARG_NONE, &no_evidence, "Write no evidence references", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      "The exchange file to write (scans go to evidence/ beside it)", "FILE.xml" },
    { "sql", 0, 0, G_OPTION_ARG_FILENAME, &sql_path,
      "Also write the same rows as an SQL script for the sqlite3 shell", "FILE.sql" },
    { "sheet-data", 0, 0, G_OPTION_ARG_FILENAME, &sheet_path,
      "Also write each person's sheet content as TSV lines (bench/sheet-floor)", "FILE.tsv" },
    { "fodt-dir", 0, 0, G_OPTION_ARG_FILENAME, &fodt_dir,
      "Also write each person's sheet as a flat ODF document into DIR", "DIR" },
    { NULL },
  };
  g_autoptr (GOptionContext) context =
      g_option_context_new ("— write a deterministic exchange file for the benchmarks");
  g_autoptr (GError) error = NULL;
  gint64 started = g_get_monotonic_time ();

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("gen: %s\n", error->message);
      return 2;
    }
  if (output == NULL || argc != 1 || persons < 1 || persons > 9999999 || per_person < 0 ||
      per_person > 99 || seed < 0)
    {
      g_printerr ("gen: give -o FILE.xml; 1 ≤ persons ≤ 9999999, 0 ≤ activities-per-person ≤ 99"
                  "\n");
      return 2;
    }

  gen.seed = (guint64)seed;
  gen.persons = (guint)persons;
  gen.per_person = (guint)per_person;
  gen.no_evidence = no_evidence;
  gen.output = output;
  gen.sql_path = sql_path;
  gen.sheet_path = sheet_path;
  gen.fodt_dir = fodt_dir;

  if (!generate (&gen, &error))
    {
      g_printerr ("gen: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < N_SCANS; i++)
    {
      g_free (gen.scans[i].relative);
      g_free (gen.scans[i].base);
      g_free (gen.scans[i].sha256);
    }
  g_printerr ("gen: %u persons, %" G_GUINT64_FORMAT " activities, %" G_GUINT64_FORMAT
              " evidence references in %s (%.1f s)\n",
              gen.persons, gen.n_activities, gen.n_evidence, output,
              (double)(g_get_monotonic_time () - started) / G_USEC_PER_SEC);
  return 0;
}
