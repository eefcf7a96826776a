// Compiled by PDFTests (never linked): the structures CPoppler.h declares by hand must be
// poppler-glib's and GLib's as their own headers declare them.
#include <stddef.h>
#include <poppler.h>
#include "CPoppler.h"

_Static_assert(sizeof(KwalPopplerRectangle) == sizeof(PopplerRectangle), "PopplerRectangle");
_Static_assert(offsetof(KwalPopplerRectangle, y2) == offsetof(PopplerRectangle, y2), "PopplerRectangle.y2");
_Static_assert(sizeof(KwalPopplerColor) == sizeof(PopplerColor), "PopplerColor");
_Static_assert(sizeof(KwalPopplerTextAttributes) == sizeof(PopplerTextAttributes), "PopplerTextAttributes");
_Static_assert(offsetof(KwalPopplerTextAttributes, font_size) == offsetof(PopplerTextAttributes, font_size), "font_size");
_Static_assert(offsetof(KwalPopplerTextAttributes, color) == offsetof(PopplerTextAttributes, color), "color");
_Static_assert(offsetof(KwalPopplerTextAttributes, start_index) == offsetof(PopplerTextAttributes, start_index), "start_index");
_Static_assert(offsetof(KwalPopplerTextAttributes, end_index) == offsetof(PopplerTextAttributes, end_index), "end_index");
_Static_assert(sizeof(KwalGError) == sizeof(GError), "GError");
_Static_assert(offsetof(KwalGError, code) == offsetof(GError, code), "GError.code");
_Static_assert(offsetof(KwalGError, message) == offsetof(GError, message), "GError.message");
_Static_assert(sizeof(KwalGList) == sizeof(GList), "GList");
_Static_assert(offsetof(KwalGList, next) == offsetof(GList, next), "GList.next");
_Static_assert(POPPLER_ERROR_ENCRYPTED == 1, "POPPLER_ERROR_ENCRYPTED");
