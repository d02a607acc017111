// A file's bytes mapped into memory instead of read into a fresh buffer (issue 19: reading a
// national export, 231 MB, cost 0.15 s of page faults and copying before the first row).
//
// A mapped file that shrinks while mapped makes a read past its new end raise SIGBUS, which would
// kill the process. While a mapping is in use, a SIGBUS inside it maps a page of zeros where the
// read fell and marks the mapping instead; whoever reads it asks `atbalsts_mapping_changed` before
// trusting what it read. A SIGBUS anywhere else goes to the handler that was there before.
#ifndef ATBALSTS_CFILEMAP_H
#define ATBALSTS_CFILEMAP_H

#include <stddef.h>
#include <stdint.h>

// Maps the first `size` bytes (more than 0) of the open file `descriptor` read-only and private,
// and watches them. Returns the mapping's number (0 or more), or -1 with errno set: no free
// number (EMFILE), or mmap's own error. `base` receives the first byte.
int atbalsts_map_file(int descriptor, size_t size, const uint8_t **base);

// 1 when a read of mapping `number` has found the file shorter than it was mapped (and read
// zeros there), else 0.
int atbalsts_mapping_faulted(int number);

// Unmaps mapping `number` and frees its number.
void atbalsts_unmap_file(int number);

#endif
