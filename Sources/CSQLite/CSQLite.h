#ifndef EARSHOT_CSQLITE_H
#define EARSHOT_CSQLITE_H
#include <sqlite3.h>
#endif
