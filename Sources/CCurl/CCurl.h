#ifndef EARSHOT_CCURL_H
#define EARSHOT_CCURL_H
#include <curl/curl.h>
#endif
