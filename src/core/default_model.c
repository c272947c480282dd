/*
 * default_model.c: the compiled-in sentiment model (models/sentiment.bin).
 *
 * The blob is validated once per process; afterwards it is used in place
 * (read-only data shared by all backends through the page cache).
 */
#include "model.h"

/* defined in models/sentiment_model.c */
extern size_t sentimen_default_model_size(void);
extern const void *sentimen_default_model_data(void);

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
