// PCRE2's generic names are macros over the code-unit width; Parapet uses the 8-bit library
// and calls the `_8` functions directly with explicit UTF-8 byte lengths.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
