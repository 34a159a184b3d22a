/* test-flatpak-manifest.c — the Flatpak manifests are valid JSON and say what a store needs.
 *
 * Run with the manifests as arguments and the expected application ID in XUESHI_APP_ID; a
 * manifest whose file name ends in .Devel.json must name XUESHI_APP_ID + ".Devel".
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <json-glib/json-glib.h>
#include <string.h>

static JsonObject *
load (const char *path, JsonParser *parser)
{
  g_autoptr (GError) error = NULL;
  JsonNode *root;

  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("%s is not valid JSON: %s", path, error->message);
  root = json_parser_get_root (parser);
  g_assert_nonnull (root);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    g_error ("%s: the top level is not an object", path);
  return json_node_get_object (root);
}

static char *
expected_id (const char *path)
{
  const char *app_id = g_getenv ("XUESHI_APP_ID");

  g_assert_nonnull (app_id);
  if (g_str_has_suffix (path, ".Devel.json"))
    return g_strconcat (app_id, ".Devel", NULL);
  return g_strdup (app_id);
}

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
is_sha256 (const char *s)
{
  if (s == NULL || strlen (s) != 64)
    return FALSE;
  for (const char *p = s; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

static void
test_names_the_app (gconstpointer data)
{
  const char *path = data;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *m = load (path, parser);
  g_autofree char *id = expected_id (path);
  const char *manifest_id = member_string (m, "id");

  if (manifest_id == NULL)
    manifest_id = member_string (m, "app-id");
  g_assert_cmpstr (manifest_id, ==, id);
  g_assert_cmpstr (member_string (m, "runtime"), ==, "org.gnome.Platform");
  g_assert_cmpstr (member_string (m, "sdk"), ==, "org.gnome.Sdk");
  g_assert_nonnull (member_string (m, "runtime-version"));
  g_assert_cmpstr (member_string (m, "command"), ==, "xueshi");
}

/* Files and printing go through the portals: no broad filesystem access. */
static void
test_sandbox_is_narrow (gconstpointer data)
{
  const char *path = data;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *m = load (path, parser);
  JsonArray *args;
  /* The network for a shared PostgreSQL database and network scanners; USB for the others
   * (no portal scans). */
  const char *wanted[] = { "--share=ipc",  "--socket=fallback-x11", "--socket=wayland",
                           "--device=dri", "--share=network",       "--device=usb" };

  g_assert_true (json_object_has_member (m, "finish-args"));
  args = json_object_get_array_member (m, "finish-args");
  for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (args); i++)
        found |= g_strcmp0 (json_array_get_string_element (args, i), wanted[w]) == 0;
      if (!found)
        g_error ("%s: finish-args lacks %s", path, wanted[w]);
    }
  for (guint i = 0; i < json_array_get_length (args); i++)
    {
      const char *arg = json_array_get_string_element (args, i);

      if (g_str_has_prefix (arg, "--filesystem=host") ||
          g_str_has_prefix (arg, "--filesystem=home") || g_str_equal (arg, "--socket=x11") ||
          g_str_equal (arg, "--device=all"))
        g_error ("%s: finish-args has %s; the portals make it unnecessary", path, arg);
    }
}

/* What the core links and Debian gives the build machine, the runtime does not: the shared
 * database's client, the scanners' library, Tesseract and its Chinese and English models. */
static void
test_carries_the_libraries (gconstpointer data)
{
  const char *path = data;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *m = load (path, parser);
  JsonArray *modules = json_object_get_array_member (m, "modules");
  const char *wanted[] = { "libpq", "sane-backends", "leptonica", "tesseract",
                           "tessdata" };

  for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < json_array_get_length (modules); i++)
        found |= g_strcmp0 (member_string (json_array_get_object_element (modules, i), "name"),
                            wanted[w]) == 0;
      if (!found)
        g_error ("%s: no module %s", path, wanted[w]);
    }
}

/* Every downloaded source is pinned by a checksum; the last module is Xueshi, built by meson. */
static void
test_sources_are_pinned (gconstpointer data)
{
  const char *path = data;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *m = load (path, parser);
  JsonArray *modules;
  JsonObject *last;
  guint n;

  g_assert_true (json_object_has_member (m, "modules"));
  modules = json_object_get_array_member (m, "modules");
  n = json_array_get_length (modules);
  g_assert_cmpuint (n, >, 1);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *module = json_array_get_object_element (modules, i);
      JsonArray *sources;
      const char *name = member_string (module, "name");

      g_assert_nonnull (name);
      g_assert_true (json_object_has_member (module, "sources"));
      sources = json_object_get_array_member (module, "sources");
      g_assert_cmpuint (json_array_get_length (sources), >, 0);
      for (guint k = 0; k < json_array_get_length (sources); k++)
        {
          JsonObject *source = json_array_get_object_element (sources, k);
          const char *type = member_string (source, "type");
          const char *url = member_string (source, "url");

          g_assert_nonnull (type);
          if (g_str_equal (type, "archive") || g_str_equal (type, "file"))
            {
              if (url == NULL)
                continue; /* a local path */
              if (!g_str_has_prefix (url, "https://"))
                g_error ("%s: module %s downloads %s without https", path, name, url);
              if (!is_sha256 (member_string (source, "sha256")))
                g_error ("%s: module %s: %s has no sha256", path, name, url);
            }
          else if (g_str_equal (type, "git"))
            {
              if (member_string (source, "commit") == NULL && member_string (source, "tag") == NULL)
                g_error ("%s: module %s: git source pinned by neither commit nor tag", path, name);
            }
        }
    }
  last = json_array_get_object_element (modules, n - 1);
  g_assert_cmpstr (member_string (last, "name"), ==, "xueshi");
  g_assert_cmpstr (member_string (last, "buildsystem"), ==, "meson");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  if (argc < 2)
    g_error ("usage: %s MANIFEST.json…", argv[0]);
  for (int i = 1; i < argc; i++)
    {
      g_autofree char *base = g_path_get_basename (argv[i]);
      g_autofree char *p1 = g_strdup_printf ("/flatpak/%s/names-the-app", base);
      g_autofree char *p2 = g_strdup_printf ("/flatpak/%s/sandbox-is-narrow", base);
      g_autofree char *p3 = g_strdup_printf ("/flatpak/%s/sources-are-pinned", base);
      g_autofree char *p4 = g_strdup_printf ("/flatpak/%s/carries-the-libraries", base);

      g_test_add_data_func (p1, argv[i], test_names_the_app);
      g_test_add_data_func (p2, argv[i], test_sandbox_is_narrow);
      g_test_add_data_func (p3, argv[i], test_sources_are_pinned);
      g_test_add_data_func (p4, argv[i], test_carries_the_libraries);
    }
  return g_test_run ();
}
