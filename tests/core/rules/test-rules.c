/* test-rules.c — the rule file: what the shipped one says, and hostile or broken ones refused.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>

#include "xs-core.h"
#include "xs-test-rules.h"

static void
assert_refused (GBytes *bytes, int code, const char *message_part)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsRules) rules = xs_rules_new_from_bytes (bytes, &error);

  g_assert_null (rules);
  g_assert_error (error, XS_RULES_ERROR, code);
  if (message_part != NULL && strstr (error->message, message_part) == NULL)
    g_error ("message “%s” lacks “%s”", error->message, message_part);
}

static void
test_shipped_rules_load_with_the_notice_figures (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, &error);
  guint sm, sd, em, ed;
  GDate date;

  g_assert_no_error (error);
  g_assert_cmpstr (xs_rules_get_id (rules), ==, "hunan-2026");
  g_assert_cmpuint (xs_rules_get_year (rules), ==, 2026);
  g_assert_cmpint (xs_rules_get_min_public (rules), ==, 300);
  g_assert_cmpint (xs_rules_get_min_professional (rules), ==, 600);
  g_assert_cmpint (xs_rules_get_min_total (rules), ==, 900);
  g_assert_cmpuint (xs_rules_get_span_from (rules), ==, 2021);
  g_assert_cmpuint (xs_rules_get_span_to (rules), ==, 2025);
  g_assert_cmpint (xs_rules_get_span_mode (rules), ==, XS_SPAN_PER_YEAR);

  xs_rules_get_window (rules, &sm, &sd, &em, &ed);
  g_assert_cmpuint (sm * 100 + sd, ==, 525);
  g_assert_cmpuint (em * 100 + ed, ==, 725);
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 25, 5, 2026);
  g_assert_true (xs_rules_date_in_window (rules, &date));
  g_date_set_dmy (&date, 25, 7, 2026);
  g_assert_true (xs_rules_date_in_window (rules, &date));
  g_date_set_dmy (&date, 24, 5, 2026);
  g_assert_false (xs_rules_date_in_window (rules, &date));
  g_date_set_dmy (&date, 26, 7, 2026);
  g_assert_false (xs_rules_date_in_window (rules, &date));
}

static void
test_shipped_rules_have_every_kind_and_material (void)
{
  static const char *const kinds[] = {
    "training",
    "practice",
    "academic-event",
    "online-course",
    "research-project",
    "book",
    "paper",
    "invention-patent",
    "utility-patent",
    "award",
    "aid-posting",
    "expert-service",
    "degree-course",
    "qualification-exam",
    "digital-skills-exam",
    "overseas-exchange",
    "skills-contest",
    "certified-year",
  };
  static const char *const materials[] = {
    "notice",
    "schedule",
    "agenda",
    "sign-in",
    "certificate",
    "dispatch-notice",
    "registration-form",
    "activity-log",
    "course-hours",
    "course-content",
    "invitation",
    "attendance-receipt",
    "study-notes",
    "participant-list",
    "email-receipt",
    "reimbursement",
    "conclusion-certificate",
    "book-cover",
    "copyright-page",
    "contents",
    "journal-cover",
    "serial-number",
    "patent-certificate",
    "award-certificate",
    "assessment-form",
    "transcript",
    "score-report",
    "pass-certificate",
    "host-certificate",
    "study-material",
    "certified-sheet",
    "other",
  };
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);

  g_assert_cmpuint (xs_rules_get_kinds (rules)->len, ==, G_N_ELEMENTS (kinds));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      const XsKind *kind = xs_rules_get_kind (rules, kinds[i]);
      g_assert_nonnull (kind);
      g_assert_cmpuint (kind->bundles->len, >, 0);
    }
  g_assert_cmpuint (xs_rules_get_materials (rules)->len, ==, G_N_ELEMENTS (materials));
  for (guint i = 0; i < G_N_ELEMENTS (materials); i++)
    g_assert_nonnull (xs_rules_get_material_name (rules, materials[i]));
  g_assert_cmpstr (xs_rules_get_material_name (rules, "certified-sheet"), ==, "既往《学时认定单》");
}

static void
test_shipped_rules_name_every_interpretation (void)
{
  static const struct
  {
    const char *name, *value;
  } settings[] = {
    { "span-mode", "per-year" },
    { "span-override", "per-person" },
    { "cross-year-placement", "end" },
    { "deemed-majority-tie", "end" },
    { "deemed-band-edges", "lower-inclusive" },
    { "overseas-exchange-year", "end" },
    { "expert-service-subject", "professional" },
    { "academic-event-supporting", "any-one" },
    { "days-within-dates", "true" },
  };
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_assert_cmpstr (xs_rules_get_setting (rules, settings[i].name), ==, settings[i].value);
      g_assert_cmpuint (strlen (xs_rules_get_setting_note (rules, settings[i].name)), >, 0);
    }
}

static void
test_shipped_rules_have_themes_bases_and_chains (void)
{
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, NULL);
  GPtrArray *bases = xs_rules_get_bases (rules);
  const XsChain *chain;

  g_assert_cmpuint (xs_rules_get_themes (rules)->len, ==, 3);
  g_assert_cmpstr (xs_rules_get_theme_name (rules, "2"), ==, "数字技术与产业融合创新");

  g_assert_cmpuint (bases->len, ==, 4);
  g_assert_cmpstr (((XsBase *)g_ptr_array_index (bases, 0))->name, ==, "中南大学");
  g_assert_cmpstr (((XsBase *)g_ptr_array_index (bases, 3))->platform, ==, "sydw.hnit.edu.cn");

  chain = xs_rules_get_chain (rules, "provincial");
  g_assert_cmpuint (g_strv_length (chain->steps), ==, 3);
  g_assert_nonnull (strstr (chain->steps[1], "主管单位"));
  g_assert_nonnull (strstr (chain->steps[2], "省人力资源社会保障厅"));
  chain = xs_rules_get_chain (rules, "municipal");
  g_assert_cmpuint (g_strv_length (chain->steps), ==, 2);
  chain = xs_rules_get_chain (rules, "other");
  g_assert_cmpuint (g_strv_length (chain->steps), ==, 1);
  g_assert_nonnull (strstr (chain->steps[0], "人事档案所在地"));
  chain = xs_rules_get_chain (rules, "central");
  g_assert_nonnull (strstr (chain->steps[1], "省人力资源社会保障厅"));
  g_assert_null (xs_rules_get_chain (rules, "county"));
}

static void
test_rules_for_a_year_without_a_file_are_not_found (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2019, &error);

  g_assert_null (rules);
  g_assert_error (error, XS_RULES_ERROR, XS_RULES_ERROR_NOT_FOUND);
}

static const char xxe[] = "<?xml version=\"1.0\"?>\n"
                          "<!DOCTYPE rules [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                          "<rules xmlns=\"urn:xueshi:rules:1\">&x;</rules>\n";

static const char billion_laughs[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE lolz [\n"
    " <!ENTITY lol \"lol\">\n"
    " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
    " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
    " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
    " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
    " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
    " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
    " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
    " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
    " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
    "]>\n"
    "<rules xmlns=\"urn:xueshi:rules:1\" title=\"&lol9;\"/>\n";

static void
test_xxe_is_refused_as_doctype (void)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (xxe, sizeof xxe - 1);
  assert_refused (bytes, XS_RULES_ERROR_DOCTYPE, "DOCTYPE");
}

static void
test_billion_laughs_is_refused_as_doctype (void)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (billion_laughs, sizeof billion_laughs - 1);
  assert_refused (bytes, XS_RULES_ERROR_DOCTYPE, "DOCTYPE");
}

static void
test_a_harmless_doctype_is_refused_too (void)
{
  g_autoptr (GBytes) shipped = xs_test_rules_file_bytes ();
  g_autoptr (GString) s = g_string_new ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                                        "<!-- a comment first -->\n<!DOCTYPE rules>\n");
  const char *body = strstr (g_bytes_get_data (shipped, NULL), "<rules ");
  g_autoptr (GBytes) bytes = NULL;

  g_string_append (s, body);
  bytes = g_string_free_to_bytes (g_steal_pointer (&s));
  assert_refused (bytes, XS_RULES_ERROR_DOCTYPE, "DOCTYPE");
}

static void
test_a_50_mb_rule_file_is_refused_unread (void)
{
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "huge-rules.xml", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (XsRules) rules = NULL;
  FILE *f = fopen (path, "w");
  g_autofree char *chunk = g_strnfill (1024 * 1024, ' ');

  g_assert_nonnull (f);
  fputs ("<?xml version=\"1.0\"?><rules xmlns=\"urn:xueshi:rules:1\">", f);
  for (int i = 0; i < 50; i++)
    fwrite (chunk, 1, 1024 * 1024, f);
  fputs ("</rules>", f);
  fclose (f);

  rules = xs_rules_new_from_file (file, &error);
  g_assert_null (rules);
  g_assert_error (error, XS_RULES_ERROR, XS_RULES_ERROR_TOO_LARGE);
  g_unlink (path);
}

static void
test_deep_nesting_is_refused (void)
{
  g_autoptr (GString) s =
      g_string_new ("<?xml version=\"1.0\"?><rules xmlns=\"urn:xueshi:rules:1\">");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (XsRules) rules = NULL;

  for (int i = 0; i < 10000; i++)
    g_string_append (s, "<a>");
  for (int i = 0; i < 10000; i++)
    g_string_append (s, "</a>");
  g_string_append (s, "</rules>");
  bytes = g_string_free_to_bytes (g_steal_pointer (&s));

  rules = xs_rules_new_from_bytes (bytes, &error);
  g_assert_null (rules);
  g_assert_error (error, XS_RULES_ERROR, XS_RULES_ERROR_MALFORMED);
  g_assert_nonnull (strstr (error->message, "nested too deeply"));
}

static void
test_invalid_utf8_is_refused_with_its_line (void)
{
  g_autoptr (GBytes) bytes =
      xs_test_edited_rules_bytes ("title=\"湖南省", "title=\"\xff\xfe湖南省");
  assert_refused (bytes, XS_RULES_ERROR_MALFORMED, "UTF-8");
}

static void
test_utf16_is_refused (void)
{
  static const char utf16[] = "\xff\xfe<\0?\0x\0m\0l\0";
  g_autoptr (GBytes) bytes = g_bytes_new_static (utf16, sizeof utf16 - 1);
  assert_refused (bytes, XS_RULES_ERROR_MALFORMED, "UTF-8");
}

static void
test_not_xml_is_refused (void)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static ("hours = 8 per day\n", 18);
  assert_refused (bytes, XS_RULES_ERROR_MALFORMED, "line 1");
}

static void
test_a_schema_violation_names_its_line (void)
{
  g_autoptr (GBytes) bytes =
      xs_test_edited_rules_bytes ("<requirement public=\"30\"", "<requirement public=\"lots\"");
  assert_refused (bytes, XS_RULES_ERROR_INVALID, "line 1");
}

static void
test_an_undeclared_material_is_inconsistent (void)
{
  g_autoptr (GBytes) bytes = xs_test_edited_rules_bytes ("<item>conclusion-certificate</item>",
                                                         "<item>conclusion-photo</item>");
  assert_refused (bytes, XS_RULES_ERROR_INCONSISTENT, "conclusion-photo");
}

static void
test_a_missing_interpretation_is_inconsistent (void)
{
  g_autoptr (GBytes) bytes =
      xs_test_edited_rules_bytes ("name=\"deemed-majority-tie\"", "name=\"deemed-majority-rule\"");
  assert_refused (bytes, XS_RULES_ERROR_INCONSISTENT, "deemed-majority-tie");
}

static void
test_an_unknown_setting_reference_is_inconsistent (void)
{
  g_autoptr (GBytes) bytes = xs_test_edited_rules_bytes (
      "subject=\"setting:expert-service-subject\"", "subject=\"setting:no-such-setting\"");
  assert_refused (bytes, XS_RULES_ERROR_INCONSISTENT, "no-such-setting");
}

static void
test_a_match_on_an_undeclared_parameter_is_inconsistent (void)
{
  g_autoptr (GBytes) bytes = xs_test_edited_rules_bytes (
      "<match param=\"medal\" value=\"gold\"/>", "<match param=\"colour\" value=\"gold\"/>");
  assert_refused (bytes, XS_RULES_ERROR_INCONSISTENT, "colour");
}

static void
test_a_kind_declared_twice_is_inconsistent (void)
{
  g_autoptr (GBytes) bytes =
      xs_test_edited_rules_bytes ("<kind id=\"practice\"", "<kind id=\"training\"");
  assert_refused (bytes, XS_RULES_ERROR_INCONSISTENT, "twice");
}

static void
test_a_span_mode_that_is_neither_is_inconsistent (void)
{
  g_autoptr (GBytes) bytes = xs_test_edited_rules_bytes ("name=\"span-mode\" value=\"per-year\"",
                                                         "name=\"span-mode\" value=\"sometimes\"");
  assert_refused (bytes, XS_RULES_ERROR_INCONSISTENT, "span-mode");
}

/* The line, from 1, of the first @needle in @bytes: the refusal must name it. */
static char *
dup_line_of (GBytes *bytes, const char *needle)
{
  const char *text = g_bytes_get_data (bytes, NULL);
  const char *at = strstr (text, needle);
  guint line = 1;

  g_assert_nonnull (at);
  for (const char *p = text; p < at; p++)
    line += *p == '\n';
  return g_strdup_printf ("line %u,", line);
}

/* An edit of the shipped file refused as inconsistent, naming the element's line and @part. */
static void
assert_edit_refused (const char *from, const char *to, const char *element, const char *part)
{
  g_autoptr (GBytes) bytes = xs_test_edited_rules_bytes (from, to);
  g_autofree char *line = dup_line_of (bytes, to);
  g_autofree char *named = g_strdup_printf ("<%s>", element);

  assert_refused (bytes, XS_RULES_ERROR_INCONSISTENT, line);
  assert_refused (bytes, XS_RULES_ERROR_INCONSISTENT, named);
  assert_refused (bytes, XS_RULES_ERROR_INCONSISTENT, part);
}

static void
test_per_unit_hours_on_a_non_numeric_parameter_are_inconsistent (void)
{
  assert_edit_refused ("<per-unit param=\"days\"", "<per-unit param=\"subject\"", "per-unit",
                       "“subject”");
}

static void
test_as_given_hours_from_a_non_numeric_parameter_are_inconsistent (void)
{
  assert_edit_refused ("<as-given param=\"hours\"", "<as-given param=\"theme\"", "as-given",
                       "“theme”");
}

static void
test_an_unknown_setting_value_is_inconsistent (void)
{
  assert_edit_refused ("name=\"days-within-dates\" value=\"true\"",
                       "name=\"days-within-dates\" value=\"maybe\"", "setting", "“maybe”");
  assert_edit_refused ("name=\"certified-year-combination\" value=\"replace\"",
                       "name=\"certified-year-combination\" value=\"merge\"", "setting",
                       "“certified-year-combination”");
}

static void
test_a_setting_nothing_reads_is_inconsistent (void)
{
  assert_edit_refused ("<setting name=\"span-mode\"",
                       "<setting name=\"span-colour\" value=\"red\">x</setting>\n"
                       "    <setting name=\"span-mode\"",
                       "setting", "“span-colour”");
}

static void
test_an_impossible_window_day_is_inconsistent (void)
{
  assert_edit_refused ("window-start=\"05-25\"", "window-start=\"02-31\"", "span", "“02-31”");
  assert_edit_refused ("window-end=\"07-25\"", "window-end=\"04-31\"", "span", "“04-31”");
  /* 2026 is not a leap year. */
  assert_edit_refused ("window-end=\"07-25\"", "window-end=\"02-29\"", "span", "“02-29”");
  assert_edit_refused ("window-start=\"05-25\"", "window-start=\"08-01\"", "span", "ends before");
}

static void
test_a_named_parameter_of_another_type_is_inconsistent (void)
{
  /* The engine reads start as a date: a year there would be read as garbage. */
  assert_edit_refused ("<param name=\"start\" type=\"date\"", "<param name=\"start\" type=\"year\"",
                       "param", "“date”");
  assert_edit_refused ("<param name=\"days\" type=\"half-days\"",
                       "<param name=\"days\" type=\"hours\"", "param", "“half-days”");
}

static void
test_within_dates_on_other_than_days_is_inconsistent (void)
{
  assert_edit_refused (
      "<param name=\"hours\" type=\"hours\" required=\"true\"",
      "<param name=\"hours\" type=\"hours\" within-dates=\"true\" required=\"true\"", "param",
      "“hours”");
}

static void
test_a_deemed_kind_requiring_a_non_boolean_is_inconsistent (void)
{
  assert_edit_refused ("requires=\"passed\"", "requires=\"start\"", "deemed", "“start”");
}

static void
test_the_rules_env_variable_picks_another_file (void)
{
  g_autoptr (GBytes) bytes =
      xs_test_edited_rules_bytes ("<requirement public=\"30\"", "<requirement public=\"24\"");
  g_autofree char *path = g_build_filename (g_get_tmp_dir (), "other-rules.xml", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (XsRules) rules = NULL;

  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
  g_setenv ("XUESHI_RULES", path, TRUE);
  rules = xs_rules_get_default (&error);
  g_unsetenv ("XUESHI_RULES");
  g_assert_no_error (error);
  g_assert_cmpint (xs_rules_get_min_public (rules), ==, 240);
}

/* The verification window, 05-25 to 07-25, both days in it. */
static void
test_window_days_count_to_both_ends (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (XsRules) rules = xs_rules_new_for_year (2026, &error);
  static const struct
  {
    guint month, day;
    XsWindowState state;
    guint days;
  } cases[] = {
    { 1, 1, XS_WINDOW_BEFORE, 144 },  { 5, 24, XS_WINDOW_BEFORE, 1 },
    { 5, 25, XS_WINDOW_OPEN, 62 },    { 7, 24, XS_WINDOW_OPEN, 2 },
    { 7, 25, XS_WINDOW_OPEN, 1 },     { 7, 26, XS_WINDOW_CLOSED, 1 },
    { 12, 3, XS_WINDOW_CLOSED, 131 },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GDate) today = g_date_new_dmy (cases[i].day, cases[i].month, 2026);
      guint days = 0;

      g_assert_cmpint (xs_rules_window_days (rules, today, &days), ==, cases[i].state);
      g_assert_cmpuint (days, ==, cases[i].days);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  xs_core_init ();

  g_test_add_func ("/rules/shipped/loads-with-the-notice-figures",
                   test_shipped_rules_load_with_the_notice_figures);
  g_test_add_func ("/rules/shipped/has-every-kind-and-material",
                   test_shipped_rules_have_every_kind_and_material);
  g_test_add_func ("/rules/shipped/names-every-interpretation",
                   test_shipped_rules_name_every_interpretation);
  g_test_add_func ("/rules/shipped/has-themes-bases-and-chains",
                   test_shipped_rules_have_themes_bases_and_chains);
  g_test_add_func ("/rules/year-without-a-file-is-not-found",
                   test_rules_for_a_year_without_a_file_are_not_found);
  g_test_add_func ("/rules/hostile/xxe-is-refused", test_xxe_is_refused_as_doctype);
  g_test_add_func ("/rules/hostile/billion-laughs-is-refused",
                   test_billion_laughs_is_refused_as_doctype);
  g_test_add_func ("/rules/hostile/harmless-doctype-is-refused-too",
                   test_a_harmless_doctype_is_refused_too);
  g_test_add_func ("/rules/hostile/50-mb-file-is-refused-unread",
                   test_a_50_mb_rule_file_is_refused_unread);
  g_test_add_func ("/rules/hostile/deep-nesting-is-refused", test_deep_nesting_is_refused);
  g_test_add_func ("/rules/broken/invalid-utf8-is-refused",
                   test_invalid_utf8_is_refused_with_its_line);
  g_test_add_func ("/rules/broken/utf16-is-refused", test_utf16_is_refused);
  g_test_add_func ("/rules/broken/not-xml-is-refused", test_not_xml_is_refused);
  g_test_add_func ("/rules/broken/schema-violation-names-its-line",
                   test_a_schema_violation_names_its_line);
  g_test_add_func ("/rules/broken/undeclared-material",
                   test_an_undeclared_material_is_inconsistent);
  g_test_add_func ("/rules/broken/missing-interpretation",
                   test_a_missing_interpretation_is_inconsistent);
  g_test_add_func ("/rules/broken/unknown-setting-reference",
                   test_an_unknown_setting_reference_is_inconsistent);
  g_test_add_func ("/rules/broken/match-on-undeclared-parameter",
                   test_a_match_on_an_undeclared_parameter_is_inconsistent);
  g_test_add_func ("/rules/broken/kind-declared-twice", test_a_kind_declared_twice_is_inconsistent);
  g_test_add_func ("/rules/broken/span-mode-neither",
                   test_a_span_mode_that_is_neither_is_inconsistent);
  g_test_add_func ("/rules/broken/per-unit-on-a-non-numeric-parameter",
                   test_per_unit_hours_on_a_non_numeric_parameter_are_inconsistent);
  g_test_add_func ("/rules/broken/as-given-from-a-non-numeric-parameter",
                   test_as_given_hours_from_a_non_numeric_parameter_are_inconsistent);
  g_test_add_func ("/rules/broken/unknown-setting-value",
                   test_an_unknown_setting_value_is_inconsistent);
  g_test_add_func ("/rules/broken/setting-nothing-reads",
                   test_a_setting_nothing_reads_is_inconsistent);
  g_test_add_func ("/rules/broken/impossible-window-day",
                   test_an_impossible_window_day_is_inconsistent);
  g_test_add_func ("/rules/broken/named-parameter-of-another-type",
                   test_a_named_parameter_of_another_type_is_inconsistent);
  g_test_add_func ("/rules/broken/within-dates-on-other-than-days",
                   test_within_dates_on_other_than_days_is_inconsistent);
  g_test_add_func ("/rules/broken/deemed-requiring-a-non-boolean",
                   test_a_deemed_kind_requiring_a_non_boolean_is_inconsistent);
  g_test_add_func ("/rules/window-days-count-to-both-ends", test_window_days_count_to_both_ends);
  g_test_add_func ("/rules/env-variable-picks-another-file",
                   test_the_rules_env_variable_picks_another_file);

  return g_test_run ();
}
