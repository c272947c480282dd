/*
 * channel.h: the compiled-in channel ("Jenis Media") model.
 *
 * A classifier (model.h) over the fixed channel set below, trained by the
 * sentiment model's trainer on outlet channel labels (models/train_channel.sh)
 * and scored with sentimen_classify().
 */
#ifndef SENTIMEN_CHANNEL_H
#define SENTIMEN_CHANNEL_H

#include "common.h"
#include "model.h"

#define SENTIMEN_N_CHANNELS 8

/* The channels, in the model's class order. */
extern const char *const sentimen_channel_names[SENTIMEN_N_CHANNELS];

/*
 * The compiled-in channel model, validated once per process (NULL when it is
 * unusable; the status says why).  A model whose classes are not exactly the
 * channel set is refused (SENTIMEN_ERR_MODEL_KIND).
 */
extern const sentimen_model *sentimen_default_channel(void);
extern sentimen_status sentimen_default_channel_status(void);

/* Check that m is a channel model (its classes are the channel set, in order). */
extern sentimen_status sentimen_channel_check(const sentimen_model *m);

#endif							/* SENTIMEN_CHANNEL_H */
