/*
 * The floor of Earshot's parsing design, for scripts/bench-parse: libxml2 doing only the two
 * parses the design needs, with SAX callbacks that keep nothing (they count bytes and elements so
 * that the work cannot be skipped).
 *
 *   bench_parse_floor xml FILE...    each feed through libxml2's XML parser
 *   bench_parse_floor html FILE...   each file of item bodies through libxml2's HTML parser
 *
 * Prints one JSON object: bytes, cpu_seconds (this process's CPU time spent parsing), and the
 * counts.
 */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static long characters_seen;
static long elements_seen;

static void count_characters(void *context, const xmlChar *text, int length) { characters_seen += length; }

static void count_html_element(void *context, const xmlChar *name, const xmlChar **attributes) { elements_seen++; }

static void count_xml_element(void *context, const xmlChar *local_name, const xmlChar *prefix, const xmlChar *uri,
                              int namespace_count, const xmlChar **namespaces, int attribute_count, int defaulted_count,
                              const xmlChar **attributes) {
    elements_seen++;
}

static char *read_file(const char *path, long *size) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(1); }
    fseek(file, 0, SEEK_END);
    *size = ftell(file);
    fseek(file, 0, SEEK_SET);
    char *buffer = malloc(*size + 1);
    if (fread(buffer, 1, *size, file) != (size_t)*size) { perror(path); exit(1); }
    buffer[*size] = 0;
    fclose(file);
    return buffer;
}

static double cpu_seconds(void) {
    struct timespec now;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return now.tv_sec + now.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    if (argc < 2 || (strcmp(argv[1], "xml") != 0 && strcmp(argv[1], "html") != 0)) {
        fprintf(stderr, "usage: bench_parse_floor xml|html FILE...\n");
        return 64;
    }
    int is_html = strcmp(argv[1], "html") == 0;
    double bytes = 0, parsing = 0;
    for (int index = 2; index < argc; index++) {
        long size;
        char *buffer = read_file(argv[index], &size);
        bytes += size;
        double started = cpu_seconds();
        if (is_html) {
            htmlSAXHandler handler;
            memset(&handler, 0, sizeof handler);
            handler.characters = count_characters;
            handler.startElement = count_html_element;
            htmlDocPtr document = htmlSAXParseDoc((const xmlChar *)buffer, "UTF-8", &handler, NULL);
            if (document) xmlFreeDoc(document);
        } else {
            xmlSAXHandler handler;
            memset(&handler, 0, sizeof handler);
            handler.initialized = XML_SAX2_MAGIC;
            handler.characters = count_characters;
            handler.cdataBlock = count_characters;
            handler.startElementNs = count_xml_element;
            xmlSAXUserParseMemory(&handler, NULL, buffer, (int)size);
        }
        parsing += cpu_seconds() - started;
        free(buffer);
    }
    printf("{\"bytes\": %.0f, \"cpu_seconds\": %.6f, \"characters\": %ld, \"elements\": %ld}\n", bytes, parsing,
           characters_seen, elements_seen);
    return 0;
}
