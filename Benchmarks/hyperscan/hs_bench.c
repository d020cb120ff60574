/*
 * hs_bench: Hyperscan with Parapet's pattern set, as the practical speed limit.
 *
 * Build (Benchmarks/compare.sh does this):  gcc -O2 -o hs_bench hs_bench.c -lhs
 *
 * Usage:
 *   hs_bench check PATTERNS                 compile each pattern alone; one line per pattern:
 *                                           "<id>\tok\t<flags>" or "<id>\terror\t<message>"
 *   hs_bench compile PATTERNS DB            compile all into one block-mode database, serialized
 *   hs_bench bench DB TEXTS ITER            time hs_scan per record, one thread; prints JSON
 *   hs_bench match DB TEXTS                 print "<record>\t<id>\t<from>\t<to>" per match
 *
 * PATTERNS: one pattern a line, "<id>\t<flags>\t<expression as hex>", flags a sum of HS_FLAG_*.
 * "check" compiles each pattern alone and reports it; "compile" builds one database of all the
 * patterns of the file (the caller passes only those "check" accepted).
 * TEXTS: records "<byte count>\n<bytes>\n" (UTF-8), as written by Benchmarks/compare/inputs.py.
 * Timing: block mode, one scratch, clock_gettime(CLOCK_MONOTONIC) around each hs_scan; the match
 * callback only counts, as a scanner that collects spans does at least that much.
 */
#include <hs/hs.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct {
    unsigned *ids;
    unsigned *flags;
    char **exprs;
    size_t count;
} PatternSet;

typedef struct {
    char **data;
    size_t *lens;
    size_t count;
} TextSet;

static void die(const char *message, const char *detail) {
    fprintf(stderr, "hs_bench: %s%s%s\n", message, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static PatternSet read_patterns(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) die("cannot open patterns file", path);
    PatternSet set = {0};
    size_t cap = 0;
    char *line = NULL;
    size_t linecap = 0;
    ssize_t n;
    while ((n = getline(&line, &linecap, f)) > 0) {
        if (line[n - 1] == '\n') line[--n] = 0;
        if (n == 0) continue;
        char *tab1 = strchr(line, '\t');
        char *tab2 = tab1 ? strchr(tab1 + 1, '\t') : NULL;
        if (!tab2) die("bad pattern line", line);
        if (set.count == cap) {
            cap = cap ? cap * 2 : 64;
            set.ids = realloc(set.ids, cap * sizeof *set.ids);
            set.flags = realloc(set.flags, cap * sizeof *set.flags);
            set.exprs = realloc(set.exprs, cap * sizeof *set.exprs);
            if (!set.ids || !set.flags || !set.exprs) die("out of memory", NULL);
        }
        const char *hex = tab2 + 1;
        size_t hexlen = strlen(hex);
        char *expr = malloc(hexlen / 2 + 1);
        if (!expr) die("out of memory", NULL);
        for (size_t i = 0; i + 1 < hexlen; i += 2) {
            int hi = hexval(hex[i]), lo = hexval(hex[i + 1]);
            if (hi < 0 || lo < 0) die("bad hex in pattern line", line);
            expr[i / 2] = (char)(hi * 16 + lo);
        }
        expr[hexlen / 2] = 0;
        set.ids[set.count] = (unsigned)strtoul(line, NULL, 10);
        set.flags[set.count] = (unsigned)strtoul(tab1 + 1, NULL, 10);
        set.exprs[set.count] = expr;
        set.count++;
    }
    free(line);
    fclose(f);
    return set;
}

static TextSet read_texts(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open texts file", path);
    TextSet set = {0};
    size_t cap = 0;
    unsigned long long len;
    while (fscanf(f, "%llu", &len) == 1) {
        if (fgetc(f) != '\n') die("bad record header", path);
        if (set.count == cap) {
            cap = cap ? cap * 2 : 1024;
            set.data = realloc(set.data, cap * sizeof *set.data);
            set.lens = realloc(set.lens, cap * sizeof *set.lens);
            if (!set.data || !set.lens) die("out of memory", NULL);
        }
        char *buf = malloc(len ? len : 1);
        if (!buf) die("out of memory", NULL);
        if (fread(buf, 1, len, f) != len) die("truncated record", path);
        if (fgetc(f) != '\n') die("bad record terminator", path);
        set.data[set.count] = buf;
        set.lens[set.count] = (size_t)len;
        set.count++;
    }
    fclose(f);
    return set;
}

/* Compiles each pattern alone and prints "<id>\tok\t<flags>" or "<id>\terror\t<message>". */
static void check_patterns(PatternSet *set) {
    for (size_t i = 0; i < set->count; i++) {
        hs_database_t *single = NULL;
        hs_compile_error_t *err = NULL;
        if (hs_compile(set->exprs[i], set->flags[i], HS_MODE_BLOCK, NULL, &single, &err) != HS_SUCCESS) {
            printf("%u\terror\t%s\n", set->ids[i], err && err->message ? err->message : "?");
            hs_free_compile_error(err);
        } else {
            printf("%u\tok\t%u\n", set->ids[i], set->flags[i]);
            hs_free_database(single);
        }
        fflush(stdout); /* the caller reads line by line to time out a runaway compile */
    }
}

/* Compiles all patterns into one block-mode database. */
static hs_database_t *build_database(PatternSet *set) {
    hs_database_t *db = NULL;
    hs_compile_error_t *err = NULL;
    if (set->count == 0) die("no patterns", NULL);
    if (hs_compile_multi((const char *const *)set->exprs, set->flags, set->ids, (unsigned)set->count,
                         HS_MODE_BLOCK, NULL, &db, &err) != HS_SUCCESS)
        die("hs_compile_multi failed", err ? err->message : "?");
    return db;
}

static int count_match(unsigned id, unsigned long long from, unsigned long long to, unsigned f, void *ctx) {
    (void)id; (void)from; (void)to; (void)f;
    ++*(unsigned long long *)ctx;
    return 0;
}

typedef struct { size_t record; } MatchContext;

static int print_match(unsigned id, unsigned long long from, unsigned long long to, unsigned f, void *ctx) {
    (void)f;
    printf("%zu\t%u\t%llu\t%llu\n", ((MatchContext *)ctx)->record, id, from, to);
    return 0;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static double cpu_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void bench(hs_database_t *db, TextSet *texts, int iterations) {
    hs_scratch_t *scratch = NULL;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) die("hs_alloc_scratch failed", NULL);
    size_t samples = texts->count * (size_t)iterations;
    double *times = malloc(samples * sizeof *times);
    if (!times) die("out of memory", NULL);
    unsigned long long matches = 0, bytes = 0;
    for (size_t i = 0; i < texts->count; i++) /* warm-up pass */
        hs_scan(db, texts->data[i], (unsigned)texts->lens[i], 0, scratch, count_match, &matches);
    matches = 0;
    double total = 0;
    size_t k = 0;
    double cpu0 = cpu_ns();
    for (int it = 0; it < iterations; it++) {
        for (size_t i = 0; i < texts->count; i++) {
            double t0 = now_ns();
            hs_scan(db, texts->data[i], (unsigned)texts->lens[i], 0, scratch, count_match, &matches);
            double dt = now_ns() - t0;
            times[k++] = dt;
            total += dt;
            bytes += texts->lens[i];
        }
    }
    double cpu_seconds = (cpu_ns() - cpu0) / 1e9;
    qsort(times, samples, sizeof *times, cmp_double);
    double seconds = total / 1e9;
    printf("{\"texts\": %zu, \"iterations\": %d, \"bytes\": %llu, \"p50_us\": %.3f, \"mean_us\": %.3f, "
           "\"mb_per_s\": %.2f, \"texts_per_s\": %.1f, \"cpu_mean_us\": %.3f, \"cpu_mb_per_s\": %.2f, "
           "\"matches\": %llu, \"threads\": 1}\n",
           texts->count, iterations, bytes, times[samples / 2] / 1e3, total / (double)samples / 1e3,
           (double)bytes / 1e6 / seconds, (double)samples / seconds, cpu_seconds * 1e6 / (double)samples,
           (double)bytes / 1e6 / cpu_seconds, matches);
    free(times);
    hs_free_scratch(scratch);
}

static void match(hs_database_t *db, TextSet *texts) {
    hs_scratch_t *scratch = NULL;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS) die("hs_alloc_scratch failed", NULL);
    for (size_t i = 0; i < texts->count; i++) {
        MatchContext ctx = {i};
        hs_scan(db, texts->data[i], (unsigned)texts->lens[i], 0, scratch, print_match, &ctx);
    }
    hs_free_scratch(scratch);
}

static void write_database(hs_database_t *db, const char *path) {
    char *bytes = NULL;
    size_t length = 0;
    if (hs_serialize_database(db, &bytes, &length) != HS_SUCCESS) die("hs_serialize_database failed", NULL);
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(bytes, 1, length, f) != length) die("cannot write database", path);
    fclose(f);
    free(bytes);
}

static hs_database_t *read_database(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) die("cannot open database", path);
    fseek(f, 0, SEEK_END);
    long length = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *bytes = malloc(length > 0 ? (size_t)length : 1);
    if (!bytes || fread(bytes, 1, (size_t)length, f) != (size_t)length) die("cannot read database", path);
    fclose(f);
    hs_database_t *db = NULL;
    if (hs_deserialize_database(bytes, (size_t)length, &db) != HS_SUCCESS) die("hs_deserialize_database failed", path);
    free(bytes);
    return db;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        fprintf(stderr, "usage: hs_bench check PATTERNS | compile PATTERNS DB | bench DB TEXTS ITER | match DB TEXTS\n");
        return 2;
    }
    const char *mode = argv[1];
    if (strcmp(mode, "check") == 0) {
        PatternSet patterns = read_patterns(argv[2]);
        check_patterns(&patterns);
        return 0;
    }
    if (argc < 4) die("missing argument", mode);
    if (strcmp(mode, "compile") == 0) {
        PatternSet patterns = read_patterns(argv[2]);
        double t0 = now_ns();
        hs_database_t *db = build_database(&patterns);
        double ms = (now_ns() - t0) / 1e6;
        size_t size = 0;
        hs_database_size(db, &size);
        write_database(db, argv[3]);
        printf("{\"patterns\": %zu, \"compile_ms\": %.1f, \"database_bytes\": %zu}\n", patterns.count, ms, size);
        hs_free_database(db);
        return 0;
    }
    hs_database_t *db = read_database(argv[2]);
    TextSet texts = read_texts(argv[3]);
    if (strcmp(mode, "bench") == 0) {
        int iterations = argc > 4 ? atoi(argv[4]) : 1;
        bench(db, &texts, iterations < 1 ? 1 : iterations);
    } else if (strcmp(mode, "match") == 0) {
        match(db, &texts);
    } else {
        die("unknown mode", mode);
    }
    hs_free_database(db);
    return 0;
}
