#ifndef KWAL_CPOPPLER_H
#define KWAL_CPOPPLER_H

// poppler-glib, the GLib interface to Poppler (the PDF library of evince and pdftotext), loaded
// when the first PDF is read rather than when Kwal starts: it brings some forty shared libraries
// (cairo, fontconfig, NSS, GLib …) whose loading took half of every command's start-up, and
// a machine without it can still read every other format. Kwal reads text only; nothing here
// renders.
//
// The types below are poppler-glib's and GLib's public structures as their headers declare
// them (PopplerRectangle, PopplerColor, PopplerTextAttributes, GList, GError), under Kwal's
// names; every function forwards to the one named in its comment.

#include <stddef.h>
#include <stdint.h>

typedef struct KwalPopplerDocument KwalPopplerDocument;
typedef struct KwalPopplerPage KwalPopplerPage;

/// GError: a GQuark domain, a code and a message.
typedef struct {
  uint32_t domain;
  int32_t code;
  char *message;
} KwalGError;

/// PopplerRectangle: one character's box.
typedef struct {
  double x1, y1, x2, y2;
} KwalPopplerRectangle;

/// PopplerColor.
typedef struct {
  uint16_t red, green, blue;
} KwalPopplerColor;

/// PopplerTextAttributes: the font of a range of characters (both ends inclusive).
typedef struct {
  char *font_name;
  double font_size;
  int32_t is_underlined;
  KwalPopplerColor color;
  int32_t start_index;
  int32_t end_index;
} KwalPopplerTextAttributes;

/// GList.
typedef struct KwalGList {
  void *data;
  struct KwalGList *next;
  struct KwalGList *prev;
} KwalGList;

/// Loads poppler-glib once (later calls return the first outcome): 0 when loaded; otherwise -1,
/// with what went wrong written into `message` (at most `size` bytes, NUL-terminated).
int kwal_poppler_load(char *message, size_t size);

/// poppler_document_new_from_bytes over `count` bytes at `bytes`, which must outlive the
/// document; NULL with `*error` set when they are no readable PDF. Call after kwal_poppler_load.
KwalPopplerDocument *kwal_poppler_document_new(const void *bytes, size_t count, KwalGError **error);
/// Whether `error` says the document is encrypted (POPPLER_ERROR_ENCRYPTED).
int kwal_poppler_error_is_encrypted(const KwalGError *error);
/// g_error_free (NULL is ignored).
void kwal_g_error_free(KwalGError *error);
/// g_free.
void kwal_g_free(void *memory);
/// g_object_unref for a document (NULL is ignored).
void kwal_poppler_document_free(KwalPopplerDocument *document);
/// g_object_unref for a page (NULL is ignored).
void kwal_poppler_page_free(KwalPopplerPage *page);
/// poppler_document_get_n_pages.
int kwal_poppler_document_page_count(KwalPopplerDocument *document);
/// poppler_document_get_page (index from 0).
KwalPopplerPage *kwal_poppler_document_page(KwalPopplerDocument *document, int index);
/// poppler_document_get_title: a UTF-8 string to free with kwal_g_free, or NULL.
char *kwal_poppler_document_title(KwalPopplerDocument *document);
/// poppler_page_get_size, in points.
void kwal_poppler_page_size(KwalPopplerPage *page, double *width, double *height);
/// poppler_page_get_text: UTF-8 to free with kwal_g_free, or NULL.
char *kwal_poppler_page_text(KwalPopplerPage *page);
/// poppler_page_get_text_layout: one box per character of the page's text (free the array with
/// kwal_g_free); 0 when the page has none.
int kwal_poppler_page_text_layout(KwalPopplerPage *page, KwalPopplerRectangle **boxes, unsigned int *count);
/// poppler_page_get_text_attributes: a list of KwalPopplerTextAttributes, freed with
/// kwal_poppler_page_free_text_attributes.
KwalGList *kwal_poppler_page_text_attributes(KwalPopplerPage *page);
/// poppler_page_free_text_attributes.
void kwal_poppler_page_free_text_attributes(KwalGList *list);

#endif
