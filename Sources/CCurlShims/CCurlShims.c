#include "CCurlShims.h"
#include <string.h>
#include <sys/socket.h>
#include <netdb.h>
#include <netinet/in.h>

CURLcode earshot_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode earshot_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode earshot_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode earshot_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode earshot_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode earshot_curl_setopt_data_callback(CURL *handle, CURLoption option, earshot_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode earshot_curl_setopt_progress_callback(CURL *handle, earshot_curl_progress_callback value) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, value);
}

CURLcode earshot_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode earshot_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode earshot_curl_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode earshot_curl_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode earshot_curl_getinfo_pointer(CURL *handle, CURLINFO info, void **value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLMcode earshot_curl_multi_setopt_long(CURLM *multi, CURLMoption option, long value) {
    return curl_multi_setopt(multi, option, value);
}

int earshot_curl_has_feature(int feature_bit) {
    curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
    return (info->features & feature_bit) != 0;
}

int earshot_curl_has_brotli(void) {
    return earshot_curl_has_feature(CURL_VERSION_BROTLI);
}

/* Whether an IPv4 address connects to this machine: 127.0.0.0/8, and 0.0.0.0/8, whose
 * unspecified address Linux connects to the local host. */
static int earshot_is_local_ipv4(const unsigned char *b) {
    return b[0] == 127 || b[0] == 0;
}

/* Whether a peer address connects to this machine, whatever the private-network setting: IPv4
 * loopback and 0.0.0.0/8; ::1 and the unspecified ::; and IPv4-mapped (::ffff:0:0/96) and
 * IPv4-compatible (::/96) forms of IPv4 addresses that connect locally. */
static int earshot_is_loopback(const struct sockaddr *address) {
    if (address->sa_family == AF_INET) {
        return earshot_is_local_ipv4((const unsigned char *)&((const struct sockaddr_in *)address)->sin_addr);
    }
    if (address->sa_family == AF_INET6) {
        const unsigned char *b = ((const struct sockaddr_in6 *)address)->sin6_addr.s6_addr;
        static const unsigned char zeros[10] = {0};
        if (memcmp(b, zeros, 10) != 0) return 0;
        int is_mapped = b[10] == 0xff && b[11] == 0xff;
        int is_compatible = b[10] == 0 && b[11] == 0;  /* also :: and ::1 */
        return (is_mapped || is_compatible) && earshot_is_local_ipv4(b + 12);
    }
    return 0;
}

static int earshot_is_private_ipv4(const unsigned char *b) {
    return b[0] == 10
        || (b[0] == 172 && (b[1] & 0xf0) == 16)
        || (b[0] == 192 && b[1] == 168)
        || (b[0] == 169 && b[1] == 254)
        || (b[0] == 100 && (b[1] & 0xc0) == 64)
        || (b[0] == 198 && (b[1] & 0xfe) == 18)  /* 198.18.0.0/15 benchmarking */
        || b[0] >= 224;                          /* multicast and reserved */
}

static int earshot_is_private(const struct sockaddr *address) {
    if (address->sa_family == AF_INET) {
        return earshot_is_private_ipv4((const unsigned char *)&((const struct sockaddr_in *)address)->sin_addr);
    }
    if (address->sa_family == AF_INET6) {
        const unsigned char *b = ((const struct sockaddr_in6 *)address)->sin6_addr.s6_addr;
        static const unsigned char mapped[12] = {0,0,0,0,0,0,0,0,0,0,0xff,0xff};
        if (memcmp(b, mapped, 12) == 0) return earshot_is_private_ipv4(b + 12);
        /* NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address that is judged as such. */
        static const unsigned char nat64[12] = {0,0x64,0xff,0x9b,0,0,0,0,0,0,0,0};
        if (memcmp(b, nat64, 12) == 0) return earshot_is_private_ipv4(b + 12);
        if (b[0] == 0x20 && b[1] == 0x02) return earshot_is_private_ipv4(b + 2);
        /* IPv4-compatible (::/96, deprecated) carries one as well. */
        static const unsigned char compatible[12] = {0};
        if (memcmp(b, compatible, 12) == 0) return earshot_is_private_ipv4(b + 12);
        return (b[0] & 0xfe) == 0xfc                    /* fc00::/7 unique local */
            || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)  /* fe80::/10 link-local */
            || b[0] == 0xff;                            /* ff00::/8 multicast */
    }
    return 1; /* anything that is not IP is refused */
}

static int earshot_refuses(const earshot_curl_address_guard *guard, const struct sockaddr *address) {
    if (earshot_is_loopback(address)) return !guard->allows_loopback;
    if (earshot_is_private(address)) return !guard->allows_private;
    return 0;
}

static curl_socket_t earshot_guarded_open_socket(void *context, curlsocktype purpose, struct curl_sockaddr *address) {
    earshot_curl_address_guard *guard = context;
    (void)purpose;
    if (earshot_refuses(guard, &address->addr)) {
        guard->refused_connection = 1;
        return CURL_SOCKET_BAD;
    }
    return socket(address->family, address->socktype, address->protocol);
}

/* Whether the host of `url` resolves, on this machine, to an address the guard refuses. A URL
 * without a host (file:) and a host that does not resolve here are not refused. The look-up runs on
 * the transfer engine's thread: a name server that does not answer holds the other transfers up for
 * the resolver's timeout. */
static int earshot_refuses_host_of(const earshot_curl_address_guard *guard, const char *url) {
    CURLU *parts = curl_url();
    if (!parts) return 1;
    char *host = NULL;
    /* A URL that cannot be read is refused; one without a host (file:) is not. */
    if (curl_url_set(parts, CURLUPART_URL, url, 0) != CURLUE_OK) {
        curl_url_cleanup(parts);
        return 1;
    }
    int refuse = 0;
    /* The host as the proxy will be asked for it: an internationalised name in punycode. */
    if (curl_url_get(parts, CURLUPART_HOST, &host, CURLU_PUNYCODE) == CURLUE_OK && host) {
        char *name = host;
        size_t length = strlen(name);
        if (length >= 2 && name[0] == '[' && name[length - 1] == ']') {
            name[length - 1] = 0;
            name++;
            char *zone = strchr(name, '%');
            if (zone) *zone = 0;
        }
        struct addrinfo hints;
        memset(&hints, 0, sizeof hints);
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        struct addrinfo *results = NULL;
        if (getaddrinfo(name, NULL, &hints, &results) == 0) {
            for (struct addrinfo *result = results; result && !refuse; result = result->ai_next) {
                refuse = earshot_refuses(guard, result->ai_addr);
            }
            freeaddrinfo(results);
        }
        curl_free(host);
    }
    curl_url_cleanup(parts);
    return refuse;
}

static int earshot_guarded_request(void *context, char *primary_ip, char *local_ip, int primary_port, int local_port) {
    earshot_curl_address_guard *guard = context;
    (void)primary_ip; (void)local_ip; (void)primary_port; (void)local_port;
    char *url = NULL;
    if (curl_easy_getinfo(guard->handle, CURLINFO_EFFECTIVE_URL, &url) != CURLE_OK || !url
        || earshot_refuses_host_of(guard, url)) {
        guard->refused_connection = 1;
        return CURL_PREREQFUNC_ABORT;
    }
    return CURL_PREREQFUNC_OK;
}

CURLcode earshot_curl_install_address_guard(CURL *handle, earshot_curl_address_guard *guard) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, earshot_guarded_open_socket);
    if (code != CURLE_OK) return code;
    code = curl_easy_setopt(handle, CURLOPT_OPENSOCKETDATA, guard);
    if (code != CURLE_OK || !guard->checks_target_hosts) return code;
    code = curl_easy_setopt(handle, CURLOPT_PREREQFUNCTION, earshot_guarded_request);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_PREREQDATA, guard);
}
