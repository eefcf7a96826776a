#include "CPoppler.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// POPPLER_ERROR_ENCRYPTED in poppler-glib's PopplerError.
enum { kwal_poppler_error_encrypted = 1 };

static struct {
  void *(*bytes_new_static)(const void *, size_t);
  void (*bytes_unref)(void *);
  void (*free)(void *);
  void (*object_unref)(void *);
  void (*error_free)(KwalGError *);
  uint32_t (*error_quark)(void);
  KwalPopplerDocument *(*document_new_from_bytes)(void *, const char *, KwalGError **);
  int (*document_get_n_pages)(KwalPopplerDocument *);
  KwalPopplerPage *(*document_get_page)(KwalPopplerDocument *, int);
  char *(*document_get_title)(KwalPopplerDocument *);
  void (*page_get_size)(KwalPopplerPage *, double *, double *);
  char *(*page_get_text)(KwalPopplerPage *);
  int (*page_get_text_layout)(KwalPopplerPage *, KwalPopplerRectangle **, unsigned int *);
  KwalGList *(*page_get_text_attributes)(KwalPopplerPage *);
  void (*page_free_text_attributes)(KwalGList *);
} api;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int loaded = -1;
static char failure[512];

#define KWAL_BIND(field, name)                                                                     \
  do {                                                                                             \
    *(void **)(&api.field) = dlsym(library, name);                                                 \
    if (!api.field) {                                                                              \
      snprintf(failure, sizeof failure, "%s lacks %s", soname, name);                              \
      dlclose(library);                                                                            \
      return;                                                                                      \
    }                                                                                              \
  } while (0)

static void load(void) {
  // KWAL_POPPLER_LIBRARY names the library when it is elsewhere; otherwise the soname of
  // poppler-glib since 2011 (Homebrew's name on macOS), then the development package's link.
  // Only major version 8: the structures in CPoppler.h are that version's. On macOS a bare name
  // is not looked for in Homebrew's folders.
#if defined(__APPLE__)
  const char *names[] = {
    "libpoppler-glib.8.dylib", "/opt/homebrew/lib/libpoppler-glib.8.dylib", "/usr/local/lib/libpoppler-glib.8.dylib"};
#else
  const char *names[] = {"libpoppler-glib.so.8"};
#endif
  size_t count = sizeof names / sizeof names[0];
  const char *chosen = getenv("KWAL_POPPLER_LIBRARY");
  if (chosen && *chosen) {
    names[0] = chosen;
    count = 1;
  }
  void *library = NULL;
  const char *soname = names[0];
  for (size_t index = 0; index < count && !library; index++) {
    soname = names[index];
    library = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
    // The first name's error says most (a library it needs that is missing, say).
    if (!library && index == 0) {
      const char *reason = dlerror();
      snprintf(failure, sizeof failure, "%s", reason ? reason : "poppler-glib not found");
    }
  }
  if (!library) return;
  // GLib's functions are found through poppler-glib's own dependencies.
  KWAL_BIND(bytes_new_static, "g_bytes_new_static");
  KWAL_BIND(bytes_unref, "g_bytes_unref");
  KWAL_BIND(free, "g_free");
  KWAL_BIND(object_unref, "g_object_unref");
  KWAL_BIND(error_free, "g_error_free");
  KWAL_BIND(error_quark, "poppler_error_quark");
  KWAL_BIND(document_new_from_bytes, "poppler_document_new_from_bytes");
  KWAL_BIND(document_get_n_pages, "poppler_document_get_n_pages");
  KWAL_BIND(document_get_page, "poppler_document_get_page");
  KWAL_BIND(document_get_title, "poppler_document_get_title");
  KWAL_BIND(page_get_size, "poppler_page_get_size");
  KWAL_BIND(page_get_text, "poppler_page_get_text");
  KWAL_BIND(page_get_text_layout, "poppler_page_get_text_layout");
  KWAL_BIND(page_get_text_attributes, "poppler_page_get_text_attributes");
  KWAL_BIND(page_free_text_attributes, "poppler_page_free_text_attributes");
  loaded = 0;
}

int kwal_poppler_load(char *message, size_t size) {
  pthread_once(&once, load);
  if (loaded != 0 && message && size > 0) snprintf(message, size, "%s", failure);
  return loaded;
}

KwalPopplerDocument *kwal_poppler_document_new(const void *bytes, size_t count, KwalGError **error) {
  void *wrapped = api.bytes_new_static(bytes, count);
  // The document holds its own reference to the bytes.
  KwalPopplerDocument *document = api.document_new_from_bytes(wrapped, NULL, error);
  api.bytes_unref(wrapped);
  return document;
}

int kwal_poppler_error_is_encrypted(const KwalGError *error) {
  return error && error->domain == api.error_quark() && error->code == kwal_poppler_error_encrypted;
}

void kwal_g_error_free(KwalGError *error) {
  if (error) api.error_free(error);
}

void kwal_g_free(void *memory) { api.free(memory); }

void kwal_poppler_document_free(KwalPopplerDocument *document) {
  if (document) api.object_unref(document);
}

void kwal_poppler_page_free(KwalPopplerPage *page) {
  if (page) api.object_unref(page);
}

int kwal_poppler_document_page_count(KwalPopplerDocument *document) { return api.document_get_n_pages(document); }

KwalPopplerPage *kwal_poppler_document_page(KwalPopplerDocument *document, int index) {
  return api.document_get_page(document, index);
}

char *kwal_poppler_document_title(KwalPopplerDocument *document) { return api.document_get_title(document); }

void kwal_poppler_page_size(KwalPopplerPage *page, double *width, double *height) {
  api.page_get_size(page, width, height);
}

char *kwal_poppler_page_text(KwalPopplerPage *page) { return api.page_get_text(page); }

int kwal_poppler_page_text_layout(KwalPopplerPage *page, KwalPopplerRectangle **boxes, unsigned int *count) {
  return api.page_get_text_layout(page, boxes, count);
}

KwalGList *kwal_poppler_page_text_attributes(KwalPopplerPage *page) { return api.page_get_text_attributes(page); }

void kwal_poppler_page_free_text_attributes(KwalGList *list) { api.page_free_text_attributes(list); }
