#include "parapet_scan.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// The runs being followed, one per delimiter, and the runs found so far.
typedef struct {
    size_t start[4], count[4], lines[4], end[4], header_end[4];
    ps_run *runs;
    size_t capacity;
    size_t found;
} run_state;

static void emit(run_state *state, int d) {
    if (state->lines[d] < 2) return;
    if (state->found < state->capacity) {
        state->runs[state->found] = (ps_run){d, state->start[d], state->header_end[d], state->end[d]};
    }
    state->found++;
}

/// One line start ..< end holding counts[d] of each delimiter: extends each delimiter's run or
/// ends it and starts a new one.
static void end_line(run_state *state, size_t start, size_t end, const size_t counts[4]) {
    for (int d = 0; d < 4; d++) {
        // Most lines hold none of most delimiters: nothing to end, nothing to start.
        if (counts[d] == 0 && state->count[d] == 0) continue;
        if (counts[d] > 0 && counts[d] == state->count[d]) {
            state->lines[d]++;
            state->end[d] = end;
            continue;
        }
        emit(state, d);
        state->start[d] = start;
        state->count[d] = counts[d];
        state->lines[d] = counts[d] > 0;
        state->end[d] = end;
        state->header_end[d] = end;
    }
}

static inline int delimiter_index(uint8_t byte) {
    switch (byte) {
    case ',': return 0;
    case ';': return 1;
    case '\t': return 2;
    case '|': return 3;
    default: return -1;
    }
}

size_t ps_delimited_runs(const uint8_t *text, size_t length, ps_run *runs, size_t capacity) {
    run_state state = {{0}, {0}, {0}, {0}, {0}, runs, capacity, 0};
    size_t counts[4] = {0, 0, 0, 0};
    size_t line_start = 0;
    size_t i = 0;
#if defined(__SSE2__)
    // 16 bytes a step: one compare and mask per byte looked for; the delimiters before each
    // newline of the block belong to the line it ends.
    const __m128i newline = _mm_set1_epi8('\n'), comma = _mm_set1_epi8(','), semicolon = _mm_set1_epi8(';');
    const __m128i tab = _mm_set1_epi8('\t'), pipe = _mm_set1_epi8('|');
    for (; i + 16 <= length; i += 16) {
        __m128i block = _mm_loadu_si128((const __m128i *)(text + i));
        unsigned lines = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, newline));
        unsigned masks[4] = {
            (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, comma)),
            (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, semicolon)),
            (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, tab)),
            (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(block, pipe)),
        };
        while (lines) {
            int bit = __builtin_ctz(lines);
            unsigned before = (1u << bit) - 1;
            for (int d = 0; d < 4; d++) {
                counts[d] += (size_t)__builtin_popcount(masks[d] & before);
                masks[d] &= ~(before | (1u << bit));
            }
            end_line(&state, line_start, i + (size_t)bit, counts);
            counts[0] = counts[1] = counts[2] = counts[3] = 0;
            line_start = i + (size_t)bit + 1;
            lines &= lines - 1;
        }
        for (int d = 0; d < 4; d++) counts[d] += (size_t)__builtin_popcount(masks[d]);
    }
#endif
    for (; i < length; i++) {
        if (text[i] == '\n') {
            end_line(&state, line_start, i, counts);
            counts[0] = counts[1] = counts[2] = counts[3] = 0;
            line_start = i + 1;
            continue;
        }
        int d = delimiter_index(text[i]);
        if (d >= 0) counts[d]++;
    }
    end_line(&state, line_start, length, counts);
    for (int d = 0; d < 4; d++) emit(&state, d);
    return state.found;
}
