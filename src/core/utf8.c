/*
 * utf8.c: UTF-8 validation and encoding helpers.
 */
#include "utf8.h"

bool
sentimen_utf8_valid(const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		int32_t		cp;
		int			k = sentimen_utf8_decode((const unsigned char *) s + i, len - i, &cp);

		if (cp < 0)
			return false;
		i += k;
	}
	return true;
}

int
sentimen_utf8_encode(int32_t cp, char *out)
{
	unsigned char *o = (unsigned char *) out;

	if (cp < 0x80)
	{
		o[0] = (unsigned char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		o[0] = 0xC0 | (cp >> 6);
		o[1] = 0x80 | (cp & 0x3F);
		return 2;
	}
	if (cp < 0x10000)
	{
		o[0] = 0xE0 | (cp >> 12);
		o[1] = 0x80 | ((cp >> 6) & 0x3F);
		o[2] = 0x80 | (cp & 0x3F);
		return 3;
	}
	o[0] = 0xF0 | (cp >> 18);
	o[1] = 0x80 | ((cp >> 12) & 0x3F);
	o[2] = 0x80 | ((cp >> 6) & 0x3F);
	o[3] = 0x80 | (cp & 0x3F);
	return 4;
}
