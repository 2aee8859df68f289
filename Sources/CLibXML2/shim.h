#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/tree.h>
#include <libxml/HTMLtree.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
static inline void clibxml2_free(void *p) { xmlFree(p); }
/* The name that marks a text node to be written without escaping (an array Swift cannot import). */
static inline const xmlChar *clibxml2_text_noenc_name(void) { return xmlStringTextNoenc; }
