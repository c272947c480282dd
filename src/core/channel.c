/*
 * channel.c: the compiled-in channel model (models/channel.bin).
 */
#include "channel.h"

#include <string.h>

/* defined in models/model_data.c */
extern size_t sentimen_default_channel_size(void);
extern const void *sentimen_default_channel_data(void);

const char *const sentimen_channel_names[SENTIMEN_N_CHANNELS] = {
	"nasional", "internasional", "ekonomi", "olahraga",
	"hiburan", "tekno", "otomotif", "gaya_hidup",
};

sentimen_status
sentimen_channel_check(const sentimen_model *m)
{
	if (m->n_classes != SENTIMEN_N_CHANNELS)
		return SENTIMEN_ERR_MODEL_KIND;
	for (int c = 0; c < SENTIMEN_N_CHANNELS; c++)
		if (strcmp(sentimen_model_class_name(m, c), sentimen_channel_names[c]) != 0)
			return SENTIMEN_ERR_MODEL_KIND;
	return SENTIMEN_OK;
}

static sentimen_model channel_model;
static bool channel_checked = false;
static sentimen_status channel_status = SENTIMEN_ERR_MODEL_CORRUPT;

const sentimen_model *
sentimen_default_channel(void)
{
	if (!channel_checked)
	{
		channel_status = sentimen_model_open(&channel_model, sentimen_default_channel_data(),
											 sentimen_default_channel_size());
		if (channel_status == SENTIMEN_OK)
			channel_status = sentimen_channel_check(&channel_model);
		channel_checked = true;
	}
	return channel_status == SENTIMEN_OK ? &channel_model : NULL;
}

sentimen_status
sentimen_default_channel_status(void)
{
	sentimen_default_channel();
	return channel_status;
}
