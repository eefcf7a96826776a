#ifndef KWAL_CLIBXML2_SHIM_H
#define KWAL_CLIBXML2_SHIM_H
// libxml2's headers include the system ICU when LIBXML_ICU_ENABLED is set; that ICU clashes
// with the copy inside Foundation on a clean build. Kwal never uses libxml2's ICU API.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlreader.h>

// xmlFree is a global function pointer, which Swift 6 refuses to call directly.
static inline void kwal_xml_free(void *p) { xmlFree(p); }

#endif
