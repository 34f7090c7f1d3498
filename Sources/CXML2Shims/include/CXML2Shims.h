#ifndef EARSHOT_CXML2_SHIMS_H
#define EARSHOT_CXML2_SHIMS_H
// Helpers for libxml2 calls that Swift cannot make directly (variadic callbacks).
// Deliberately includes no libxml2 header (see the CXML2 module's header).

/// Silences libxml2's generic (variadic) error channel on the calling thread.
void earshot_xml_silence_generic_errors(void);

#endif
