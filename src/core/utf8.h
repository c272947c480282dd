/*
 * utf8.h: strict UTF-8 decoding for the tokeniser.
 *
 * Invalid sequences (overlong forms, surrogates, truncation, values above
 * U+10FFFF) decode as -1 with length 1, so a scan always makes progress and
 * never reads past the end.
 */
#ifndef SENTIMEN_UTF8_H
#define SENTIMEN_UTF8_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

static inline int
sentimen_utf8_decode(const unsigned char *s, size_t avail, int32_t *cp)
{
	unsigned char c = s[0];
	int			n;
	int32_t		v;
	int32_t		min;

	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
	{
		n = 2;
		v = c & 0x1F;
		min = 0x80;
	}
	else if (c >= 0xE0 && c <= 0xEF)
	{
		n = 3;
		v = c & 0x0F;
		min = 0x800;
	}
	else if (c >= 0xF0 && c <= 0xF4)
	{
		n = 4;
		v = c & 0x07;
		min = 0x10000;
	}
	else
	{
		*cp = -1;
		return 1;
	}
	if (avail < (size_t) n)
	{
		*cp = -1;
		return 1;
	}
	for (int i = 1; i < n; i++)
	{
		if ((s[i] & 0xC0) != 0x80)
		{
			*cp = -1;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
	{
		*cp = -1;
		return 1;
	}
	*cp = v;
	return n;
}

/* Number of code points in a valid UTF-8 string (invalid bytes count 1). */
static inline size_t
sentimen_utf8_count(const char *s, size_t len)
{
	size_t		n = 0;

	for (size_t i = 0; i < len; i++)
		if (((unsigned char) s[i] & 0xC0) != 0x80)
			n++;
	return n;
}

extern bool sentimen_utf8_valid(const char *s, size_t len);
extern int	sentimen_utf8_encode(int32_t cp, char *out);

#endif							/* SENTIMEN_UTF8_H */
