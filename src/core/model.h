/*
 * model.h: the binary model format and its reader.
 *
 * A model is one contiguous little-endian blob, usable in place (compiled-in
 * data, a bytea, a file mapped into memory):
 *
 *   header (sentimen_model_header, 8-byte aligned)
 *   class names      n_classes * SENTIMEN_CLASS_NAME_LEN bytes
 *   bias             float32[n_classes]
 *   keys             uint32[table_cap]: bucket + 1, 0 = empty slot (linear probing)
 *   weights          int16[table_cap][n_domains][n_classes], weight = w * weight_scale
 *                    A slot holds the shared weights (domain 0) and those of
 *                    each augmentation domain (featurize.h), so a feature costs
 *                    one lookup.  Keys are apart from weights: most lookups
 *                    miss (unseen bigrams), and the key array stays in cache.
 *   metadata         meta_len bytes of UTF-8 text (training sources, metrics)
 *   auxiliary        from the next 8-byte boundary to total_size: data of the
 *                    model's kind (the tagger's gazetteer); empty for classifiers
 *
 * The checksum is CRC-32 of the whole blob with the checksum field zeroed, so
 * a stored model that was truncated or altered is refused rather than
 * trusted.  Models record the featuriser version and configuration they were
 * trained with; a model from an incompatible version is refused.
 */
#ifndef SENTIMEN_MODEL_H
#define SENTIMEN_MODEL_H

#include "common.h"
#include "featurize.h"

#define SENTIMEN_MODEL_MAGIC "SENTIMEN"
#define SENTIMEN_MODEL_FORMAT 1
#define SENTIMEN_MODEL_KIND_CLASSIFIER 1
#define SENTIMEN_MODEL_KIND_TAGGER 2
#define SENTIMEN_MAX_CLASSES 16
#define SENTIMEN_CLASS_NAME_LEN 32

typedef struct sentimen_model_header
{
	char		magic[8];
	uint32_t	format_version;
	uint32_t	kind;
	uint64_t	total_size;
	uint32_t	checksum;
	uint32_t	feature_version;
	sentimen_feature_config fcfg;
	uint32_t	n_classes;
	float		temperature;	/* calibration of short texts */
	uint32_t	table_cap;		/* power of two */
	uint32_t	n_entries;
	uint32_t	meta_len;
	float		weight_scale;	/* int16 weight -> float */
	float		temperature_long;	/* calibration of long documents (fcfg.long_bytes) */
	uint32_t	n_domains;		/* weight sets per row: 1 or SENTIMEN_NDOMAINS */
} sentimen_model_header;

/* A validated view of a model blob (does not own the memory). */
typedef struct sentimen_model
{
	const sentimen_model_header *hdr;
	const char *class_names;	/* n_classes * SENTIMEN_CLASS_NAME_LEN */
	const float *bias;
	const uint32_t *keys;
	const int16_t *weights;
	size_t		row_size;		/* int16 values per slot: n_domains * n_classes */
	const char *meta;
	const void *aux;
	size_t		aux_len;
	uint32_t	n_classes;
	uint32_t	n_domains;
	uint32_t	cap_mask;
	int			shift;			/* for slot = (bucket * golden) >> shift */
	int			idx_pos;		/* class index of "positif", -1 if none */
	int			idx_neg;
	int			idx_neu;
} sentimen_model;

/* Validate blob (a classifier) and fill m.  The blob must be 8-byte aligned. */
extern sentimen_status sentimen_model_open(sentimen_model *m, const void *blob, size_t size);

/* The same for a blob of the given kind. */
extern sentimen_status sentimen_model_open_kind(sentimen_model *m, const void *blob, size_t size,
												uint32_t kind);

static inline uint32_t
sentimen_model_slot(uint32_t key, int shift)
{
	return (uint32_t) (((uint64_t) key * UINT64_C(0x9E3779B97F4A7C15)) >> shift);
}

/* the table slot where the probe for a bucket starts (keys are bucket + 1) */
static inline uint32_t
sentimen_model_first_slot(const sentimen_model *m, uint32_t bucket)
{
	return sentimen_model_slot(bucket + 1, m->shift) & m->cap_mask;
}

/* Quantised weights of a bucket (scale by weight_scale), or NULL. */
static inline const int16_t *
sentimen_model_lookup(const sentimen_model *m, uint32_t bucket)
{
	uint32_t	key = bucket + 1;
	uint32_t	slot = sentimen_model_first_slot(m, bucket);

	/* the weights are a second miss on a hit: start it with the key probe */
	__builtin_prefetch(m->weights + (size_t) slot * m->row_size);
	for (;;)
	{
		uint32_t	k = m->keys[slot];

		if (k == key)
			return m->weights + (size_t) slot * m->row_size;
		if (k == 0)
			return NULL;
		slot = (slot + 1) & m->cap_mask;
	}
}

/* start loading what sentimen_model_lookup(m, bucket) will read first (a hint) */
static inline void
sentimen_model_prefetch(const sentimen_model *m, uint32_t bucket)
{
	uint32_t	slot = sentimen_model_first_slot(m, bucket);

	__builtin_prefetch(&m->keys[slot]);
	__builtin_prefetch(m->weights + (size_t) slot * m->row_size);
}

extern const char *sentimen_model_class_name(const sentimen_model *m, int c);

/* Builder used by the trainer. */
typedef struct sentimen_model_builder
{
	sentimen_feature_config fcfg;
	uint32_t	n_classes;
	char		class_names[SENTIMEN_MAX_CLASSES][SENTIMEN_CLASS_NAME_LEN];
	float		bias[SENTIMEN_MAX_CLASSES];
	float		temperature;
	float		temperature_long;
	uint32_t	n_entries;
	uint32_t	n_domains;
	const uint32_t *buckets;	/* n_entries */
	const float *weights;		/* n_entries * n_domains * n_classes */
	const char *meta;
	uint32_t	kind;			/* 0 = classifier */
	const void *aux;
	size_t		aux_len;
} sentimen_model_builder;

/* Serialise; the result is allocated with a and 8-byte aligned. */
extern sentimen_status sentimen_model_build(const sentimen_model_builder *b,
											const sentimen_allocator *a,
											void **blob, size_t *size);

extern uint32_t sentimen_crc32(const void *data, size_t len, uint32_t crc);

/* The compiled-in default sentiment model. */
extern const sentimen_model *sentimen_default_model(void);
extern sentimen_status sentimen_default_model_status(void);

#endif							/* SENTIMEN_MODEL_H */
