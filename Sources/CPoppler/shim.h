#ifndef KWAL_CPOPPLER_SHIM_H
#define KWAL_CPOPPLER_SHIM_H
// poppler-glib: the GLib interface to Poppler, the PDF library of evince and pdftotext.
// Kwal reads text only; nothing here renders.
#include <poppler.h>

// GLib's memory and object functions, wrapped so that Kwal calls them by one name each
// (g_object_unref and g_free take gpointer, g_clear_* are macros Swift cannot call).
static inline void kwal_g_object_unref(void *object) { if (object) g_object_unref(object); }
static inline void kwal_g_free(void *p) { g_free(p); }
static inline void kwal_g_error_free(GError *error) { if (error) g_error_free(error); }
static inline void kwal_g_bytes_unref(GBytes *bytes) { if (bytes) g_bytes_unref(bytes); }

// POPPLER_ERROR is a macro over a function call, which Swift does not import.
static inline GQuark kwal_poppler_error_domain(void) { return POPPLER_ERROR; }

#endif
