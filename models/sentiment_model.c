/*
 * sentiment_model.c: embeds models/sentiment.bin, the default sentiment model.
 *
 * The blob is produced by `make model` (models/train_sentiment.sh) and
 * committed; .incbin puts its bytes into read-only data unchanged, which is
 * smaller and faster to build than a generated C array.  The path is relative
 * to the top of the source tree, where make runs the compiler.
 */
#include <stddef.h>

__asm__(
		"	.section .rodata\n"
		"	.balign 16\n"
		"	.globl sentimen_default_model_blob\n"
		"	.hidden sentimen_default_model_blob\n"
		"sentimen_default_model_blob:\n"
		"	.incbin \"models/sentiment.bin\"\n"
		"	.globl sentimen_default_model_blob_end\n"
		"	.hidden sentimen_default_model_blob_end\n"
		"sentimen_default_model_blob_end:\n"
		"	.byte 0\n"
		"	.previous\n");

extern const char sentimen_default_model_blob[];
extern const char sentimen_default_model_blob_end[];

size_t		sentimen_default_model_size(void);
const void *sentimen_default_model_data(void);

size_t
sentimen_default_model_size(void)
{
	return (size_t) (sentimen_default_model_blob_end - sentimen_default_model_blob);
}

const void *
sentimen_default_model_data(void)
{
	return sentimen_default_model_blob;
}
