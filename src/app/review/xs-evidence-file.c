/* xs-evidence-file.c — one attached file of an activity, with its thumbnail made off-thread.
 *
 * Thumbnails are decoded in a worker thread by the core's scan reader (EXIF orientation,
 * pixel cap, first PDF page) and kept by SHA-256, so a file shown twice is decoded once.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gi18n.h>

#include "xs-evidence-file.h"
#include "xs-thumbnail.h"

#define THUMBNAIL_SIZE 160
#define CACHE_LIMIT 512

struct _XsEvidenceFile
{
  GObject parent_instance;

  char *material;
  char *material_name;
  char *sha256;
  char *file_name;
  char *path;
  GdkPaintable *thumbnail;
  gboolean loading;
  gboolean failed;
};

G_DEFINE_FINAL_TYPE (XsEvidenceFile, xs_evidence_file, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_MATERIAL_NAME,
  PROP_FILE_NAME,
  PROP_THUMBNAIL,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];
static GHashTable *thumbnail_cache; /* sha256 → GdkTexture, main thread only */

/* The core's thumbnailer (the same caps as the viewer, cached on disk by content). */
static void
thumbnail_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (XsEvidenceFile) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GdkPixbuf) pixbuf = xs_thumbnail_load_finish (result, &error);
  g_autoptr (GdkTexture) texture = pixbuf ? gdk_texture_new_for_pixbuf (pixbuf) : NULL;

  self->loading = FALSE;
  if (texture == NULL)
    {
      g_debug ("No thumbnail for %s: %s", self->path, error->message);
      self->failed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ICON_NAME]);
      return;
    }
  if (thumbnail_cache == NULL)
    thumbnail_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  if (g_hash_table_size (thumbnail_cache) >= CACHE_LIMIT)
    g_hash_table_remove_all (thumbnail_cache);
  g_hash_table_insert (thumbnail_cache, g_strdup (self->sha256), g_object_ref (texture));
  g_set_object (&self->thumbnail, GDK_PAINTABLE (texture));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THUMBNAIL]);
}

static void
xs_evidence_file_dispose (GObject *object)
{
  XsEvidenceFile *self = XS_EVIDENCE_FILE (object);

  g_clear_object (&self->thumbnail);
  G_OBJECT_CLASS (xs_evidence_file_parent_class)->dispose (object);
}

static void
xs_evidence_file_finalize (GObject *object)
{
  XsEvidenceFile *self = XS_EVIDENCE_FILE (object);

  g_free (self->material);
  g_free (self->material_name);
  g_free (self->sha256);
  g_free (self->file_name);
  g_free (self->path);
  G_OBJECT_CLASS (xs_evidence_file_parent_class)->finalize (object);
}

static void
xs_evidence_file_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  XsEvidenceFile *self = XS_EVIDENCE_FILE (object);

  switch (prop_id)
    {
    case PROP_MATERIAL_NAME:
      g_value_set_string (value, self->material_name);
      break;
    case PROP_FILE_NAME:
      g_value_set_string (value, self->file_name);
      break;
    case PROP_THUMBNAIL:
      g_value_set_object (value, self->thumbnail);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value,
                          self->failed ? "image-missing-symbolic" : "image-x-generic-symbolic");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
xs_evidence_file_class_init (XsEvidenceFileClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = xs_evidence_file_dispose;
  object_class->finalize = xs_evidence_file_finalize;
  object_class->get_property = xs_evidence_file_get_property;

  properties[PROP_MATERIAL_NAME] = g_param_spec_string ("material-name", NULL, NULL, NULL, flags);
  properties[PROP_FILE_NAME] = g_param_spec_string ("file-name", NULL, NULL, NULL, flags);
  properties[PROP_THUMBNAIL] =
      g_param_spec_object ("thumbnail", NULL, NULL, GDK_TYPE_PAINTABLE, flags);
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
xs_evidence_file_init (XsEvidenceFile *self)
{
}

/**
 * xs_evidence_file_new:
 * @path: (nullable): the stored file, %NULL when the store does not have it
 *
 * Returns: (transfer full): the item
 */
XsEvidenceFile *
xs_evidence_file_new (XsRules *rules, const XsEvidence *evidence, const char *path)
{
  XsEvidenceFile *self = g_object_new (XS_TYPE_EVIDENCE_FILE, NULL);
  const char *name = xs_rules_get_material_name (rules, evidence->material);

  self->material = g_strdup (evidence->material);
  self->material_name = g_strdup (name ? name : evidence->material);
  self->sha256 = g_strdup (evidence->sha256);
  self->file_name = g_strdup (evidence->file_name ? evidence->file_name : evidence->sha256);
  self->path = g_strdup (path);
  self->failed = path == NULL;
  if (thumbnail_cache != NULL)
    {
      GdkTexture *cached = g_hash_table_lookup (thumbnail_cache, self->sha256);

      if (cached != NULL)
        self->thumbnail = g_object_ref (GDK_PAINTABLE (cached));
    }
  return self;
}

const char *
xs_evidence_file_get_material (XsEvidenceFile *self)
{
  g_return_val_if_fail (XS_IS_EVIDENCE_FILE (self), NULL);
  return self->material;
}

const char *
xs_evidence_file_get_sha256 (XsEvidenceFile *self)
{
  g_return_val_if_fail (XS_IS_EVIDENCE_FILE (self), NULL);
  return self->sha256;
}

/**
 * xs_evidence_file_get_path:
 *
 * Returns: (nullable): the stored file
 */
const char *
xs_evidence_file_get_path (XsEvidenceFile *self)
{
  g_return_val_if_fail (XS_IS_EVIDENCE_FILE (self), NULL);
  return self->path;
}

const char *
xs_evidence_file_get_file_name (XsEvidenceFile *self)
{
  g_return_val_if_fail (XS_IS_EVIDENCE_FILE (self), NULL);
  return self->file_name;
}

/**
 * xs_evidence_file_get_thumbnail:
 *
 * Returns: (transfer none) (nullable): the thumbnail, once made
 */
GdkPaintable *
xs_evidence_file_get_thumbnail (XsEvidenceFile *self)
{
  g_return_val_if_fail (XS_IS_EVIDENCE_FILE (self), NULL);
  return self->thumbnail;
}

/* Starts making the thumbnail, unless it is there or on its way. */
void
xs_evidence_file_load_thumbnail (XsEvidenceFile *self)
{
  g_return_if_fail (XS_IS_EVIDENCE_FILE (self));

  if (self->thumbnail != NULL || self->loading || self->failed)
    return;
  self->loading = TRUE;
  xs_thumbnail_load_async (self->path, self->sha256, THUMBNAIL_SIZE, NULL, thumbnail_done_cb,
                           g_object_ref (self));
}
