/*
 * hash.h: the one string hash of the core.
 *
 * Feature ids in a model are hashes of strings, so this function is part of
 * the model format: changing it invalidates every model (bump
 * SENTIMEN_FEATURE_VERSION).  Bytes are assembled explicitly so the value
 * does not depend on the host's byte order.
 */
#ifndef SENTIMEN_HASH_H
#define SENTIMEN_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t
sentimen_mix64(uint64_t x)
{
	x ^= x >> 32;
	x *= UINT64_C(0xd6e8feb86659fd93);
	x ^= x >> 32;
	x *= UINT64_C(0xd6e8feb86659fd93);
	x ^= x >> 32;
	return x;
}

/*
 * The hash of data[0..len), where `avail` >= len bytes may be read from data.
 * With 8 or more readable bytes past the last full block (a token inside its
 * text, a buffer with room), the last bytes are one load and a mask instead
 * of a loop whose varying length cost a branch miss per call; the value is
 * the same either way.  The load is the assembled value on little-endian
 * hosts only; elsewhere the loop always runs.
 */
static inline uint64_t
sentimen_hash64_avail(const void *data, size_t len, size_t avail, uint64_t seed)
{
	const unsigned char *p = (const unsigned char *) data;
	uint64_t	h = seed ^ (UINT64_C(0x9e3779b97f4a7c15) * (len + 1));

	while (len >= 8)
	{
		uint64_t	v = (uint64_t) p[0] | (uint64_t) p[1] << 8 |
			(uint64_t) p[2] << 16 | (uint64_t) p[3] << 24 |
			(uint64_t) p[4] << 32 | (uint64_t) p[5] << 40 |
			(uint64_t) p[6] << 48 | (uint64_t) p[7] << 56;

		h = (h ^ sentimen_mix64(v)) * UINT64_C(0x9fb21c651e98df25);
		p += 8;
		len -= 8;
		avail -= 8;
	}
	if (len)
	{
		uint64_t	v = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		if (avail >= 8)
		{
			memcpy(&v, p, 8);
			v &= (UINT64_C(1) << (8 * len)) - 1;
		}
		else
#endif
			for (size_t i = 0; i < len; i++)
				v |= (uint64_t) p[i] << (8 * i);
		h = (h ^ sentimen_mix64(v)) * UINT64_C(0x9fb21c651e98df25);
	}
	return sentimen_mix64(h);
}

static inline uint64_t
sentimen_hash64(const void *data, size_t len, uint64_t seed)
{
	return sentimen_hash64_avail(data, len, len, seed);
}

/* Combine two hashes (for bigrams and namespaced features). */
static inline uint64_t
sentimen_hash_combine(uint64_t a, uint64_t b)
{
	return sentimen_mix64(a ^ (b + UINT64_C(0x9e3779b97f4a7c15) + (a << 6) + (a >> 2)));
}

#endif							/* SENTIMEN_HASH_H */
