#include <zlib.h>

// `inflateInit2` is a macro that passes the library's version and stream size: Swift cannot
// call it, so this wrapper does.
static inline int rec_inflateInit2(z_stream *stream, int windowBits) {
  return inflateInit2(stream, windowBits);
}
