#ifndef EARSHOT_CXML2_H
#define EARSHOT_CXML2_H
// Debian builds libxml2 with ICU; ICU's types clash with Foundation's in Swift.
// Read the version header first and switch ICU off before anything else is included.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/HTMLparser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlstring.h>
#include <libxml/encoding.h>
#endif
