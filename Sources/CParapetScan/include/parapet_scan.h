/// The byte walk of Parapet's pattern prefilter (ParapetPatterns' LiteralTable profile pass), as a
/// C kernel: an AVX2 path that handles 32 positions per step (byte classes by nibble tables,
/// three-byte hashes looked up with gathers) and a portable loop with the same results.
///
/// Every function takes an `isa` (PS_ISA_PORTABLE or PS_ISA_AVX2) so tests can hold both paths to
/// each other; `ps_best_isa()` says what this CPU runs. No state is kept between calls.
#ifndef PARAPET_SCAN_H
#define PARAPET_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// Portable C loop (any CPU).
#define PS_ISA_PORTABLE 0
/// x86-64 AVX2.
#define PS_ISA_AVX2 1

/// The best instruction set this CPU supports.
int ps_best_isa(void);

/// The tables one scan reads, built once by the caller.
typedef struct {
    /// Two bitmaps of 65,536 bits, interleaved by bit: bit 2·(b & 31) of word b >> 5 is bucket b
    /// of the bitmap consulted at every position, the bit after it that of the bitmap consulted
    /// only at word starts (so both are in 32-bit word b >> 4 on a little-endian machine). Bucket
    /// of three lower-cased bytes a, b, c: ((a << 16 | b << 8 | c) · 0x9E3779B1 mod 2³²) >> 16.
    const uint64_t *triple_bits;
    /// The bytes to report (by value, 256 bits). Only ASCII bytes may be set.
    const uint64_t *noted_bits;
    /// The same set for the AVX2 path: entry l has bit h set when byte (h << 4 | l) is noted.
    const uint8_t *noted_nibbles;
    /// Whether to report word-start capitals (ps_result.capitals).
    int want_capitals;
} ps_tables;

/// What a scan found; the arrays are the caller's and must hold `end − start` entries each.
typedef struct {
    /// Positions p where a literal of three bytes or more (or of two, with any third byte) may
    /// start: p + 2 < length and the hashed lower-cased bytes p, p + 1, p + 2 are set in the
    /// every-position bitmap, or in the word-start bitmap when p = 0 or byte p − 1 is not an ASCII
    /// letter or digit. Ascending.
    uint32_t *candidates;
    size_t candidate_count;
    /// Positions of noted bytes, ascending.
    uint32_t *noted;
    size_t noted_count;
    /// With `want_capitals`: positions p where a capital may start a word: byte p is an ASCII
    /// capital or 0xC0 and up (the lead byte of a scalar that may be one), and p = 0 or byte p − 1
    /// is not an ASCII letter or digit. Ascending.
    uint32_t *capitals;
    size_t capital_count;
    /// The run of token bytes ([A-Za-z0-9_+/=-]) that ends at the position before `start`
    /// (in), at `end − 1` (out), and the longest run seen (in and out).
    size_t run;
    size_t longest;
} ps_result;

/// Scans positions start ..< end of text[0 ..< length] (it may read text[start − 1] and up to
/// text[end + 1] when they exist). Counts in `result` are set, not added to.
void ps_scan(int isa, const uint8_t *text, size_t length, size_t start, size_t end, const ps_tables *tables,
             ps_result *result);

/// A run of two or more lines that hold the same number (at least one) of one delimiter: a
/// candidate table for ParapetPatterns' DelimitedTables.
typedef struct {
    /// 0 `,`, 1 `;`, 2 tab, 3 `|`.
    int delimiter;
    /// Where the run's first line starts and ends (at its newline).
    size_t start;
    size_t header_end;
    /// Where its last line ends.
    size_t end;
} ps_run;

/// Finds the runs of text[0 ..< length], lines split at `\n`: writes the first `capacity` into
/// `runs` (each delimiter's runs in text order) and returns how many there are, so a caller
/// whose buffer was too small calls again with a larger one.
size_t ps_delimited_runs(const uint8_t *text, size_t length, ps_run *runs, size_t capacity);

#endif
