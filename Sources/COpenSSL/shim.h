// The low-level SHA-256 functions (openssl/sha.h) are deprecated in OpenSSL 3 but kept: their
// state is a plain struct, so an HMAC key's padded state can be copied per message without an
// allocation (Digest.swift, `HMACSHA256`). Documented switch: no deprecation attributes.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
