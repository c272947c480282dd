/*
 * model.c: model blob validation, serialisation and the compiled-in default.
 */
#include "model.h"
#include "embed.h"

#include <string.h>

#define ALIGN8(x) (((x) + 7) & ~(size_t) 7)

static uint32_t crc_table[256];
static bool crc_ready = false;

static void
crc_init(void)
{
	for (uint32_t i = 0; i < 256; i++)
	{
		uint32_t	c = i;

		for (int k = 0; k < 8; k++)
			c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
		crc_table[i] = c;
	}
	crc_ready = true;
}

uint32_t
sentimen_crc32(const void *data, size_t len, uint32_t crc)
{
	const unsigned char *p = data;

	if (!crc_ready)
		crc_init();
	crc = ~crc;
	for (size_t i = 0; i < len; i++)
		crc = crc_table[(crc ^ p[i]) & 0xFF] ^ (crc >> 8);
	return ~crc;
}

static uint32_t
blob_checksum(const void *blob, size_t size)
{
	sentimen_model_header h;
	uint32_t	crc;

	memcpy(&h, blob, sizeof(h));
	h.checksum = 0;
	crc = sentimen_crc32(&h, sizeof(h), 0);
	return sentimen_crc32((const char *) blob + sizeof(h), size - sizeof(h), crc);
}

static bool
host_is_little_endian(void)
{
	uint32_t	x = 1;
	unsigned char b;

	memcpy(&b, &x, 1);
	return b == 1;
}

/* section offsets for a header; false if they overflow the stated size */
static bool
layout(const sentimen_model_header *h, size_t *names, size_t *bias, size_t *keys,
	   size_t *weights, size_t *meta, size_t *end)
{
	uint64_t	off = sizeof(sentimen_model_header);

	*names = off;
	off += (uint64_t) h->n_classes * SENTIMEN_CLASS_NAME_LEN;
	off = ALIGN8(off);
	*bias = off;
	off += (uint64_t) h->n_classes * sizeof(float);
	off = ALIGN8(off);
	*keys = off;
	off += (uint64_t) h->table_cap * sizeof(uint32_t);
	off = ALIGN8(off);
	*weights = off;
	off += (uint64_t) h->table_cap * h->n_classes * h->n_domains * sizeof(int16_t);
	*meta = off;
	off += h->meta_len;
	*end = ALIGN8(off);
	return *end <= h->total_size;
}

sentimen_status
sentimen_model_open(sentimen_model *m, const void *blob, size_t size)
{
	return sentimen_model_open_kind(m, blob, size, SENTIMEN_MODEL_KIND_CLASSIFIER);
}

sentimen_status
sentimen_model_open_kind(sentimen_model *m, const void *blob, size_t size, uint32_t kind)
{
	const sentimen_model_header *h = blob;
	size_t		names,
				bias,
				keys,
				weights,
				meta,
				end;

	memset(m, 0, sizeof(*m));
	if (blob == NULL || size < sizeof(sentimen_model_header) ||
		memcmp(h->magic, SENTIMEN_MODEL_MAGIC, 8) != 0)
		return SENTIMEN_ERR_MODEL_CORRUPT;
	if (((uintptr_t) blob & 7) != 0)
		return SENTIMEN_ERR_INVALID_ARGUMENT;
	if (!host_is_little_endian() || h->format_version != SENTIMEN_MODEL_FORMAT)
		return SENTIMEN_ERR_MODEL_VERSION;
	if (h->total_size != size)
		return SENTIMEN_ERR_MODEL_CORRUPT;
	if (blob_checksum(blob, size) != h->checksum)
		return SENTIMEN_ERR_MODEL_CORRUPT;
	if (h->feature_version != SENTIMEN_FEATURE_VERSION)
		return SENTIMEN_ERR_MODEL_VERSION;
	if (h->kind != kind)
		return SENTIMEN_ERR_MODEL_KIND;
	/* a model trained with word vectors needs exactly those */
	if (h->fcfg.flags & (SENTIMEN_FC_EMBED | SENTIMEN_FC_CLUSTERS))
	{
		const sentimen_embeddings *e = sentimen_default_embeddings();

		if (e == NULL || e->hdr->checksum != h->fcfg.embed_checksum)
			return SENTIMEN_ERR_MODEL_VERSION;
	}
	/* sanity of the declared shape (a valid checksum does not make it sane) */
	if (h->n_classes < 2 || h->n_classes > SENTIMEN_MAX_CLASSES ||
		h->table_cap == 0 || (h->table_cap & (h->table_cap - 1)) != 0 ||
		h->table_cap > (UINT32_C(1) << 28) || h->n_entries >= h->table_cap ||
		h->fcfg.hash_bits < 8 || h->fcfg.hash_bits > 30 ||
		h->fcfg.char_max > 8 || h->fcfg.char_min > h->fcfg.char_max ||
		h->fcfg.negation_window > 16 ||
		(h->n_domains != 1 && h->n_domains != SENTIMEN_NDOMAINS) ||
		!(h->temperature > 0.01f && h->temperature < 100.0f) ||
		!(h->temperature_long > 0.01f && h->temperature_long < 100.0f) ||
		!(h->weight_scale > 0.0f && h->weight_scale < 1.0f) ||
		!(h->fcfg.pool_power >= 0.0f && h->fcfg.pool_power <= 1.0f))
		return SENTIMEN_ERR_MODEL_CORRUPT;
	if (!layout(h, &names, &bias, &keys, &weights, &meta, &end))
		return SENTIMEN_ERR_MODEL_CORRUPT;
	if (h->meta_len == 0 || ((const char *) blob)[meta + h->meta_len - 1] != '\0')
		return SENTIMEN_ERR_MODEL_CORRUPT;
	m->hdr = h;
	m->n_classes = h->n_classes;
	m->class_names = (const char *) blob + names;
	m->bias = (const float *) ((const char *) blob + bias);
	m->keys = (const uint32_t *) ((const char *) blob + keys);
	m->weights = (const int16_t *) ((const char *) blob + weights);
	m->row_size = (size_t) h->n_classes * h->n_domains;
	m->n_domains = h->n_domains;
	m->meta = (const char *) blob + meta;
	m->aux = (const char *) blob + ALIGN8(meta + h->meta_len);
	m->aux_len = size - ALIGN8(meta + h->meta_len);
	m->cap_mask = h->table_cap - 1;
	m->shift = 64;
	for (uint32_t c = h->table_cap; c > 1; c >>= 1)
		m->shift--;
	if (m->shift == 64)
		m->shift = 63;
	m->idx_pos = m->idx_neg = m->idx_neu = -1;
	for (uint32_t c = 0; c < h->n_classes; c++)
	{
		const char *name = m->class_names + (size_t) c * SENTIMEN_CLASS_NAME_LEN;

		if (name[SENTIMEN_CLASS_NAME_LEN - 1] != '\0' || name[0] == '\0')
			return SENTIMEN_ERR_MODEL_CORRUPT;
		if (strcmp(name, "positif") == 0)
			m->idx_pos = (int) c;
		else if (strcmp(name, "negatif") == 0)
			m->idx_neg = (int) c;
		else if (strcmp(name, "netral") == 0)
			m->idx_neu = (int) c;
	}
	/* the table must have an empty slot for lookups to terminate */
	{
		uint32_t	used = 0;

		for (uint32_t i = 0; i < h->table_cap; i++)
			used += m->keys[i] != 0;
		if (used != h->n_entries)
			return SENTIMEN_ERR_MODEL_CORRUPT;
	}
	return SENTIMEN_OK;
}

const char *
sentimen_model_class_name(const sentimen_model *m, int c)
{
	return m->class_names + (size_t) c * SENTIMEN_CLASS_NAME_LEN;
}

sentimen_status
sentimen_model_build(const sentimen_model_builder *b, const sentimen_allocator *a,
					 void **blob_out, size_t *size_out)
{
	sentimen_model_header h;
	size_t		names,
				bias,
				keys,
				weights,
				meta,
				end;
	size_t		nw = (size_t) b->n_classes * b->n_domains;
	char	   *blob;
	uint32_t	cap = 16;
	int			shift = 60;
	float		maxw = 0.0f;

	if (b->n_classes < 2 || b->n_classes > SENTIMEN_MAX_CLASSES ||
		(b->n_domains != 1 && b->n_domains != SENTIMEN_NDOMAINS))
		return SENTIMEN_ERR_INVALID_ARGUMENT;
	/* load factor at most 0.7 */
	while ((uint64_t) cap * 7 < (uint64_t) b->n_entries * 10 + 10)
	{
		cap <<= 1;
		shift--;
	}
	for (size_t i = 0; i < (size_t) b->n_entries * nw; i++)
		if (b->weights[i] > maxw || -b->weights[i] > maxw)
			maxw = b->weights[i] > 0 ? b->weights[i] : -b->weights[i];

	memset(&h, 0, sizeof(h));
	memcpy(h.magic, SENTIMEN_MODEL_MAGIC, 8);
	h.format_version = SENTIMEN_MODEL_FORMAT;
	h.kind = b->kind ? b->kind : SENTIMEN_MODEL_KIND_CLASSIFIER;
	h.feature_version = SENTIMEN_FEATURE_VERSION;
	h.fcfg = b->fcfg;
	h.n_classes = b->n_classes;
	h.temperature = b->temperature;
	h.temperature_long = b->temperature_long > 0 ? b->temperature_long : b->temperature;
	h.n_domains = b->n_domains;
	h.table_cap = cap;
	h.n_entries = b->n_entries;
	h.meta_len = b->meta ? (uint32_t) strlen(b->meta) + 1 : 1;
	h.weight_scale = maxw > 0 ? maxw / 32767.0f : 1e-6f;
	if (!(h.weight_scale < 1.0f))
		return SENTIMEN_ERR_INVALID_ARGUMENT;	/* weights beyond 32767: not a sane model */
	h.total_size = 0;
	layout(&h, &names, &bias, &keys, &weights, &meta, &end);
	h.total_size = end + ALIGN8(b->aux_len);

	blob = sentimen_alloc(a, h.total_size);
	memset(blob, 0, h.total_size);
	if (b->aux_len)
		memcpy(blob + end, b->aux, b->aux_len);
	for (uint32_t c = 0; c < b->n_classes; c++)
		strncpy(blob + names + (size_t) c * SENTIMEN_CLASS_NAME_LEN, b->class_names[c],
				SENTIMEN_CLASS_NAME_LEN - 1);
	memcpy(blob + bias, b->bias, b->n_classes * sizeof(float));
	for (uint32_t i = 0; i < b->n_entries; i++)
	{
		uint32_t	key = b->buckets[i] + 1;
		uint32_t	slot = sentimen_model_slot(key, shift) & (cap - 1);
		uint32_t   *kp = (uint32_t *) (blob + keys);
		int16_t		q[SENTIMEN_MAX_CLASSES * SENTIMEN_NDOMAINS];

		while (kp[slot] != 0)
			slot = (slot + 1) & (cap - 1);
		kp[slot] = key;
		for (size_t c = 0; c < nw; c++)
		{
			float		v = b->weights[(size_t) i * nw + c] / h.weight_scale;

			q[c] = (int16_t) (v >= 0 ? v + 0.5f : v - 0.5f);
		}
		memcpy(blob + weights + (size_t) slot * nw * sizeof(int16_t), q, nw * sizeof(int16_t));
	}
	if (b->meta)
		memcpy(blob + meta, b->meta, strlen(b->meta) + 1);
	memcpy(blob, &h, sizeof(h));
	h.checksum = blob_checksum(blob, h.total_size);
	memcpy(blob, &h, sizeof(h));
	*blob_out = blob;
	*size_out = h.total_size;
	return SENTIMEN_OK;
}
