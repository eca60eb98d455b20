#ifndef REC_PREFETCH_H
#define REC_PREFETCH_H

// Software prefetch, which Swift does not expose. A pass over a large log knows the rows ahead of
// the one it is on; asking for their state early turns a cache miss per row into one the
// processor waits for alongside others. A prefetch never faults and never changes a value.

/// Brings the cache line holding `address` closer, for a read soon.
static inline void rec_prefetch_read(const void *address) { __builtin_prefetch(address, 0, 3); }

/// Brings the cache line holding `address` closer, for a write soon.
static inline void rec_prefetch_write(const void *address) { __builtin_prefetch(address, 1, 3); }

/// Brings every cache line of the `bytes` bytes at `address` closer, for a read soon.
static inline void rec_prefetch_read_bytes(const void *address, long bytes) {
  const char *start = (const char *)address;
  for (long offset = 0; offset < bytes; offset += 64) __builtin_prefetch(start + offset, 0, 3);
  if (bytes > 0) __builtin_prefetch(start + bytes - 1, 0, 3);
}

#endif
