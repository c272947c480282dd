/*
 * default_model.c: the compiled-in sentiment model and embeddings (models/).
 *
 * The blob is validated once per process; afterwards it is used in place
 * (read-only data shared by all backends through the page cache).
 */
#include "model.h"

#include "embed.h"
#include "tagger.h"

/* defined in models/model_data.c */
extern size_t sentimen_default_model_size(void);
extern const void *sentimen_default_model_data(void);
extern size_t sentimen_default_embeddings_size(void);
extern const void *sentimen_default_embeddings_data(void);
extern size_t sentimen_default_tagger_size(void);
extern const void *sentimen_default_tagger_data(void);

static sentimen_model default_model;
static bool default_checked = false;
static sentimen_status default_status = SENTIMEN_ERR_MODEL_CORRUPT;

const sentimen_model *
sentimen_default_model(void)
{
	if (!default_checked)
	{
		default_status = sentimen_model_open(&default_model, sentimen_default_model_data(),
											 sentimen_default_model_size());
		default_checked = true;
	}
	return default_status == SENTIMEN_OK ? &default_model : NULL;
}

sentimen_status
sentimen_default_model_status(void)
{
	sentimen_default_model();
	return default_status;
}

static sentimen_embeddings default_embeddings;
static bool embeddings_checked = false;
static const sentimen_embeddings *embeddings_override = NULL;

const sentimen_embeddings *
sentimen_default_embeddings(void)
{
	if (embeddings_override)
		return embeddings_override;
	if (!embeddings_checked)
	{
		if (sentimen_embeddings_open(&default_embeddings, sentimen_default_embeddings_data(),
									 sentimen_default_embeddings_size()) != SENTIMEN_OK)
			default_embeddings.hdr = NULL;
		embeddings_checked = true;
	}
	return default_embeddings.hdr ? &default_embeddings : NULL;
}

void
sentimen_set_embeddings(const sentimen_embeddings *e)
{
	embeddings_override = e;
}

static sentimen_tagger default_tagger;
static bool tagger_checked = false;
static sentimen_status tagger_status = SENTIMEN_ERR_MODEL_CORRUPT;
static const sentimen_tagger *tagger_override = NULL;

const sentimen_tagger *
sentimen_default_tagger(void)
{
	if (tagger_override)
		return tagger_override;
	if (!tagger_checked)
	{
		tagger_status = sentimen_tagger_open(&default_tagger, sentimen_default_tagger_data(),
											 sentimen_default_tagger_size());
		tagger_checked = true;
	}
	return tagger_status == SENTIMEN_OK ? &default_tagger : NULL;
}

sentimen_status
sentimen_default_tagger_status(void)
{
	sentimen_default_tagger();
	return tagger_status;
}

void
sentimen_set_tagger(const sentimen_tagger *t)
{
	tagger_override = t;
}
