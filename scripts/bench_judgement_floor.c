/*
 * The floor of any lexicon scorer, for scripts/bench-judgement: the least such a scorer must do
 * to each text, in plain C. Each line is split into words (ASCII letters and apostrophes, lowered);
 * each word is looked up in an open-addressing hash table of Earshot's lexicon.tsv; the valences
 * found are summed and the sum normalised as Earshot does. No negation, modifiers, idioms,
 * contrast, punctuation, emoticons, sentences or concerns: every rule a real scorer has costs
 * more than this.
 *
 *   bench_judgement_floor LEXICON.tsv CORPUS ROUNDS
 *
 * Prints one JSON object: texts, bytes, cpu_seconds (this thread's CPU time over the rounds),
 * texts_per_cpu_second, mb_per_cpu_second and a checksum, so the work cannot be skipped.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SLOT_COUNT (1 << 16)
#define LONGEST_WORD 255

struct slot {
    uint64_t hash;
    char *word;
    int length;
    double valence;
};

static struct slot slots[SLOT_COUNT];

static uint64_t hash_of(const unsigned char *bytes, int length) {
    uint64_t hash = 0xcbf29ce484222325ULL;
    for (int index = 0; index < length; index++) {
        hash ^= bytes[index];
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

static void insert(const char *word, int length, double valence) {
    uint64_t hash = hash_of((const unsigned char *)word, length);
    size_t index = hash & (SLOT_COUNT - 1);
    while (slots[index].word) index = (index + 1) & (SLOT_COUNT - 1);
    slots[index] = (struct slot){hash, strndup(word, length), length, valence};
}

static double valence_of(const unsigned char *word, int length) {
    uint64_t hash = hash_of(word, length);
    size_t index = hash & (SLOT_COUNT - 1);
    while (slots[index].word) {
        struct slot *slot = &slots[index];
        if (slot->hash == hash && slot->length == length && memcmp(slot->word, word, length) == 0) return slot->valence;
        index = (index + 1) & (SLOT_COUNT - 1);
    }
    return 0;
}

static void load_lexicon(const char *path) {
    FILE *file = fopen(path, "r");
    if (!file) { perror(path); exit(1); }
    char line[4096];
    int entries = 0;
    while (fgets(line, sizeof line, file)) {
        if (line[0] == '#') continue;
        char *tab = strchr(line, '\t');
        if (!tab) continue;
        if (++entries > SLOT_COUNT / 2) { fprintf(stderr, "%s: too many entries\n", path); exit(1); }
        insert(line, (int)(tab - line), atof(tab + 1));
    }
    fclose(file);
}

static unsigned char *read_file(const char *path, long *size) {
    FILE *file = fopen(path, "rb");
    if (!file) { perror(path); exit(1); }
    fseek(file, 0, SEEK_END);
    *size = ftell(file);
    fseek(file, 0, SEEK_SET);
    unsigned char *buffer = malloc(*size + 1);
    if (fread(buffer, 1, *size, file) != (size_t)*size) { perror(path); exit(1); }
    fclose(file);
    return buffer;
}

static double seconds(struct timespec time) { return time.tv_sec + time.tv_nsec / 1e9; }

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s LEXICON.tsv CORPUS ROUNDS\n", argv[0]);
        return 64;
    }
    load_lexicon(argv[1]);
    long size;
    unsigned char *corpus = read_file(argv[2], &size);
    int rounds = atoi(argv[3]);

    long texts = 0;
    double checksum = 0;
    unsigned char word[LONGEST_WORD];
    struct timespec start, end;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start);
    for (int round = 0; round < rounds; round++) {
        long index = 0;
        while (index < size) {
            double sum = 0;
            int length = 0;
            for (; index < size && corpus[index] != '\n'; index++) {
                unsigned char byte = corpus[index];
                unsigned char lowered = byte | 0x20;
                if ((lowered >= 'a' && lowered <= 'z') || byte == '\'') {
                    if (length < LONGEST_WORD) word[length++] = byte == '\'' ? byte : lowered;
                } else if (length > 0) {
                    sum += valence_of(word, length);
                    length = 0;
                }
            }
            if (length > 0) sum += valence_of(word, length);
            checksum += sum / sqrt(sum * sum + 15);
            texts++;
            index++;
        }
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end);
    double cpu = seconds(end) - seconds(start);
    printf("{\"texts\": %ld, \"bytes\": %ld, \"cpu_seconds\": %.4f, \"texts_per_cpu_second\": %.0f, "
           "\"mb_per_cpu_second\": %.2f, \"checksum\": %.3f}\n",
           texts, size * (long)rounds, cpu, texts / cpu, size * (double)rounds / cpu / 1e6, checksum);
    return 0;
}
