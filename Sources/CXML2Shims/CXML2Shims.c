#include "../CXML2/CXML2.h"
#include "CXML2Shims.h"

static void earshot_xml_ignore_generic_error(void *context, const char *message, ...) {
    (void)context;
    (void)message;
}

void earshot_xml_silence_generic_errors(void) {
    xmlSetGenericErrorFunc(NULL, earshot_xml_ignore_generic_error);
}
