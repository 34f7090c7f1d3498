#ifndef EARSHOT_CCURL_SHIMS_H
#define EARSHOT_CCURL_SHIMS_H

// Typed wrappers for libcurl's variadic calls, which Swift cannot call directly.
// Includes the header the CCurl module map names, never <curl/curl.h> on its own.
#include "../../CCurl/CCurl.h"

typedef size_t (*earshot_curl_data_callback)(char *buffer, size_t size, size_t count, void *context);
typedef int (*earshot_curl_progress_callback)(void *context, curl_off_t download_total, curl_off_t download_now,
                                               curl_off_t upload_total, curl_off_t upload_now);

CURLcode earshot_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode earshot_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);
CURLcode earshot_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode earshot_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode earshot_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode earshot_curl_setopt_data_callback(CURL *handle, CURLoption option, earshot_curl_data_callback value);
CURLcode earshot_curl_setopt_progress_callback(CURL *handle, earshot_curl_progress_callback value);

CURLcode earshot_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode earshot_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);
CURLcode earshot_curl_getinfo_double(CURL *handle, CURLINFO info, double *value);
CURLcode earshot_curl_getinfo_string(CURL *handle, CURLINFO info, const char **value);
CURLcode earshot_curl_getinfo_pointer(CURL *handle, CURLINFO info, void **value);

CURLMcode earshot_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value);

/// Which peer addresses a transfer may connect to. Passed to the socket guard by pointer,
/// which must stay alive until the easy handle is cleaned up.
typedef struct earshot_curl_address_guard {
    /// When non-zero, addresses that connect to this machine are allowed: loopback (127.0.0.0/8,
    /// ::1), the unspecified addresses (0.0.0.0/8, ::) and their IPv4-mapped and -compatible forms.
    /// Without it they are refused whatever `allows_private` says.
    int allows_loopback;
    /// When non-zero, private and link-local ranges are allowed as well.
    int allows_private;
    /// When non-zero, the host of every request (redirects included) is resolved and judged just
    /// before the request is sent: through a proxy, the socket guard sees only the proxy's address.
    int checks_target_hosts;
    /// Set by the guard when it refused a connection or a request.
    int refused_connection;
    /// The transfer's handle, whose current URL the request check reads.
    CURL *handle;
} earshot_curl_address_guard;

/// Installs a socket-open callback that refuses private, link-local and (unless allowed) loopback
/// peers and, when `checks_target_hosts` is set, a pre-request callback that refuses requests to
/// hosts resolving to such addresses. A host that does not resolve on this machine is left to the
/// proxy, which resolves names itself.
CURLcode earshot_curl_install_address_guard(CURL *handle, earshot_curl_address_guard *guard);

/// Whether this libcurl was built with the named feature bit (CURL_VERSION_*).
int earshot_curl_has_feature(int feature_bit);
/// Whether this libcurl can decode Brotli responses.
int earshot_curl_has_brotli(void);

#endif
