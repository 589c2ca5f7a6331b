// libvips (Debian's libvips-dev) for sitegen's image stage. Swift cannot call C's variadic
// functions, so each call sitegen makes is wrapped here with its options spelt out; they are
// static inline, compiled by Clang when Swift imports the module.
#include <vips/vips.h>

/// Starts libvips once: no operation cache (every image is read once; the cache only holds
/// memory), and one worker per image, since sitegen works on several images at once.
static inline int sg_vips_start(const char *argv0) {
    if (VIPS_INIT(argv0)) return -1;
    vips_cache_set_max(0);
    vips_cache_set_max_mem(0);
    vips_concurrency_set(1);
    return 0;
}

/// The header of an encoded image, read without decoding its pixels; the name of the loader
/// that recognised the bytes (NULL when none did: not an image vips knows).
static inline VipsImage *sg_header(const void *bytes, size_t length, const char **loader) {
    vips_error_clear();
    *loader = vips_foreign_find_load_buffer(bytes, length);
    if (*loader == NULL) return NULL;
    return vips_image_new_from_buffer(bytes, length, "", "access", VIPS_ACCESS_SEQUENTIAL, NULL);
}

/// The image, decoded into memory, shrunk to fit `width` × `height` (never enlarged), rotated upright by its EXIF
/// orientation and turned into sRGB; with `crop`, cut to exactly that box: around the most
/// interesting part (vips' attention). A crop around a chosen point is `sg_crop` on the uncropped result.
static inline VipsImage *sg_thumbnail(const void *bytes, size_t length, int width, int height, int crop) {
    VipsImage *out = NULL, *memory = NULL;
    vips_error_clear();
    if (vips_thumbnail_buffer((void *)bytes, length, &out, width, "height", height,
                              "size", VIPS_SIZE_DOWN, "fail_on", VIPS_FAIL_ON_TRUNCATED,
                              "crop", crop ? VIPS_INTERESTING_ATTENTION : VIPS_INTERESTING_NONE,
                              "export_profile", "srgb", NULL)) {
        return NULL;
    }
    // Decoded once into memory: the image is then encoded in several formats, and a sequential
    // read can be read only once.
    memory = vips_image_copy_memory(out);
    g_object_unref(out);
    return memory;
}

/// The box (`left`, `top`, `width`, `height`) of an image.
static inline VipsImage *sg_crop(VipsImage *in, int left, int top, int width, int height) {
    VipsImage *out = NULL;
    if (vips_crop(in, &out, left, top, width, height, NULL)) return NULL;
    return out;
}

/// A copy of the image without one piece of metadata: EXIF (GPS positions with it), XMP,
/// IPTC, comments, the orientation already applied, the ICC profile of pixels already in sRGB.
/// The savers' own `strip` is set too, but vips 8.14's WebP saver writes EXIF regardless.
static inline VipsImage *sg_without_metadata(VipsImage *in) {
    VipsImage *out = NULL;
    if (vips_copy(in, &out, NULL)) return NULL;
    gchar **fields = vips_image_get_fields(out);
    for (int i = 0; fields[i] != NULL; i++) vips_image_remove(out, fields[i]);
    g_strfreev(fields);
    return out;
}

/// Encoders: metadata stripped (EXIF, GPS, XMP, IPTC; the ICC profile of sRGB is dropped too).
static inline int sg_save_webp(VipsImage *in, void **buffer, size_t *length, int quality) {
    return vips_webpsave_buffer(in, buffer, length, "Q", quality, "strip", TRUE, "effort", 4, NULL);
}
static inline int sg_save_jpeg(VipsImage *in, void **buffer, size_t *length, int quality) {
    return vips_jpegsave_buffer(in, buffer, length, "Q", quality, "strip", TRUE,
                                "optimize_coding", TRUE, "interlace", TRUE, NULL);
}
static inline int sg_save_png(VipsImage *in, void **buffer, size_t *length) {
    return vips_pngsave_buffer(in, buffer, length, "strip", TRUE, "compression", 9, NULL);
}
static inline int sg_save_avif(VipsImage *in, void **buffer, size_t *length, int quality) {
    return vips_heifsave_buffer(in, buffer, length, "Q", quality, "strip", TRUE,
                                "compression", VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "effort", 4, NULL);
}

/// A black sRGB picture of `width` × `height`: what the encoder probe encodes.
static inline VipsImage *sg_blank(int width, int height) {
    VipsImage *black = NULL, *out = NULL;
    if (vips_black(&black, width, height, "bands", 3, NULL)) return NULL;
    int failed = vips_cast(black, &out, VIPS_FORMAT_UCHAR, NULL);
    g_object_unref(black);
    if (failed) return NULL;
    VipsImage *srgb = NULL;
    failed = vips_copy(out, &srgb, "interpretation", VIPS_INTERPRETATION_sRGB, NULL);
    g_object_unref(out);
    return failed ? NULL : srgb;
}

/// An sRGB picture of `width` × `height` from 8-bit RGB pixels, row by row (copied: the
/// caller's buffer may go at once). What `sitegen init` draws its example photo into.
static inline VipsImage *sg_rgb_from_memory(const void *pixels, size_t length, int width, int height) {
    vips_error_clear();
    VipsImage *raw = vips_image_new_from_memory_copy(pixels, length, width, height, 3, VIPS_FORMAT_UCHAR);
    if (raw == NULL) return NULL;
    VipsImage *srgb = NULL;
    int failed = vips_copy(raw, &srgb, "interpretation", VIPS_INTERPRETATION_sRGB, NULL);
    g_object_unref(raw);
    return failed ? NULL : srgb;
}

/// The message of the last failure on this thread's libvips calls, then forgotten.
static inline char *sg_take_error(void) {
    char *message = g_strdup(vips_error_buffer());
    vips_error_clear();
    return message;
}
