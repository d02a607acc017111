#define _GNU_SOURCE
#include "CFileMap.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

// A fixed table, read by the signal handler without locks: a number is claimed by setting
// `used`, and its range is published after the mapping is made and withdrawn before it goes.
enum { MAPPINGS = 64 };

struct mapping {
    atomic_int used;
    atomic_uintptr_t start;
    atomic_uintptr_t end;
    atomic_int faulted;
};

static struct mapping mappings[MAPPINGS];
static struct sigaction previous;
static pthread_once_t installed = PTHREAD_ONCE_INIT;
static atomic_int installFailed;
static long pageSize;

static void on_sigbus(int signal, siginfo_t *info, void *context) {
    uintptr_t address = (uintptr_t)info->si_addr;
    for (int number = 0; number < MAPPINGS; number++) {
        struct mapping *mapping = &mappings[number];
        if (address < atomic_load(&mapping->start) || address >= atomic_load(&mapping->end)) continue;
        // The file ends before this page now: zeros in its place, and the reader is told.
        void *at = (void *)(address & ~(uintptr_t)(pageSize - 1));
        if (mmap(at, (size_t)pageSize, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED) break;
        atomic_store(&mapping->faulted, 1);
        return;
    }
    // Not ours (or zeros could not be mapped): what would have happened without this handler.
    if ((previous.sa_flags & SA_SIGINFO) && previous.sa_sigaction != NULL) {
        previous.sa_sigaction(signal, info, context);
    } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
        previous.sa_handler(signal);
    } else {
        // Returning re-runs the faulting read, which now takes the default action.
        sigaction(SIGBUS, &(struct sigaction){.sa_handler = SIG_DFL}, NULL);
    }
}

static void install(void) {
    pageSize = sysconf(_SC_PAGESIZE);
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = on_sigbus;
    action.sa_flags = SA_SIGINFO | SA_ONSTACK;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGBUS, &action, &previous) != 0) atomic_store(&installFailed, 1);
}

int atbalsts_map_file(int descriptor, size_t size, const uint8_t **base) {
    pthread_once(&installed, install);
    if (atomic_load(&installFailed)) {
        errno = ENOTSUP;
        return -1;
    }
    int number = 0;
    for (; number < MAPPINGS; number++) {
        int unused = 0;
        if (atomic_compare_exchange_strong(&mappings[number].used, &unused, 1)) break;
    }
    if (number == MAPPINGS) {
        errno = EMFILE;
        return -1;
    }
    void *bytes = mmap(NULL, size, PROT_READ, MAP_PRIVATE, descriptor, 0);
    if (bytes == MAP_FAILED) {
        int error = errno;
        atomic_store(&mappings[number].used, 0);
        errno = error;
        return -1;
    }
    atomic_store(&mappings[number].faulted, 0);
    atomic_store(&mappings[number].end, (uintptr_t)bytes + size);
    atomic_store(&mappings[number].start, (uintptr_t)bytes);
    *base = bytes;
    return number;
}

int atbalsts_mapping_faulted(int number) { return atomic_load(&mappings[number].faulted); }

void atbalsts_unmap_file(int number) {
    struct mapping *mapping = &mappings[number];
    uintptr_t start = atomic_load(&mapping->start);
    uintptr_t end = atomic_load(&mapping->end);
    atomic_store(&mapping->start, 0);
    atomic_store(&mapping->end, 0);
    munmap((void *)start, end - start);
    atomic_store(&mapping->used, 0);
}
