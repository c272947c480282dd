/*
 * model_data.c: embeds the compiled-in data blobs.
 *
 *   models/sentiment.bin    the default sentiment model
 *   models/embeddings.bin   the word embeddings its featuriser uses
 *   models/tagger.bin       the named-entity tagger and its gazetteer
 *   models/channel.bin      the channel ("Jenis Media") classifier
 *
 * Both are produced by `make model` and committed; .incbin puts their bytes
 * into read-only data unchanged, which is smaller and faster to build than a
 * generated C array.  Paths are relative to the top of the source tree, where
 * make runs the compiler.
 */
#include <stddef.h>

#define EMBED_BLOB(sym, path) \
	__asm__( \
		"	.section .rodata\n" \
		"	.balign 16\n" \
		"	.globl " #sym "\n" \
		"	.hidden " #sym "\n" \
		#sym ":\n" \
		"	.incbin \"" path "\"\n" \
		"	.globl " #sym "_end\n" \
		"	.hidden " #sym "_end\n" \
		#sym "_end:\n" \
		"	.byte 0\n" \
		"	.previous\n")

EMBED_BLOB(sentimen_sentiment_blob, "models/sentiment.bin");
EMBED_BLOB(sentimen_embeddings_blob, "models/embeddings.bin");
EMBED_BLOB(sentimen_tagger_blob, "models/tagger.bin");
EMBED_BLOB(sentimen_channel_blob, "models/channel.bin");

extern const char sentimen_sentiment_blob[];
extern const char sentimen_sentiment_blob_end[];
extern const char sentimen_embeddings_blob[];
extern const char sentimen_embeddings_blob_end[];
extern const char sentimen_tagger_blob[];
extern const char sentimen_tagger_blob_end[];
extern const char sentimen_channel_blob[];
extern const char sentimen_channel_blob_end[];

size_t		sentimen_default_model_size(void);
const void *sentimen_default_model_data(void);
size_t		sentimen_default_embeddings_size(void);
const void *sentimen_default_embeddings_data(void);
size_t		sentimen_default_tagger_size(void);
const void *sentimen_default_tagger_data(void);
size_t		sentimen_default_channel_size(void);
const void *sentimen_default_channel_data(void);

size_t
sentimen_default_model_size(void)
{
	return (size_t) (sentimen_sentiment_blob_end - sentimen_sentiment_blob);
}

const void *
sentimen_default_model_data(void)
{
	return sentimen_sentiment_blob;
}

size_t
sentimen_default_embeddings_size(void)
{
	return (size_t) (sentimen_embeddings_blob_end - sentimen_embeddings_blob);
}

const void *
sentimen_default_embeddings_data(void)
{
	return sentimen_embeddings_blob;
}

size_t
sentimen_default_tagger_size(void)
{
	return (size_t) (sentimen_tagger_blob_end - sentimen_tagger_blob);
}

const void *
sentimen_default_tagger_data(void)
{
	return sentimen_tagger_blob;
}

size_t
sentimen_default_channel_size(void)
{
	return (size_t) (sentimen_channel_blob_end - sentimen_channel_blob);
}

const void *
sentimen_default_channel_data(void)
{
	return sentimen_channel_blob;
}
