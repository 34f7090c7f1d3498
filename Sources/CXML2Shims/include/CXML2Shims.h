#ifndef EARSHOT_CXML2_SHIMS_H
#define EARSHOT_CXML2_SHIMS_H
// Helpers for libxml2 globals that Swift 6 cannot touch safely.
// Deliberately includes no libxml2 header (see the CXML2 module's header).

/// Frees memory that libxml2 allocated, through its global `xmlFree` pointer.
void earshot_xml_free(void *pointer);

/// Silences libxml2's generic (variadic) error channel on the calling thread.
void earshot_xml_silence_generic_errors(void);

#endif
