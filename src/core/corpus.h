/*
 * corpus.h: reading labelled training and evaluation files.
 *
 *   TSV    label<TAB>text, one row per line; a first line "label<TAB>text" is
 *          a header.
 *   JSONL  one object per line with "label" and either "text" or
 *          "title"/"body" (scored as title + "\n\n" + body, the convention of
 *          the SQL functions).
 * Sentiment labels are canonicalised (positive/positif/pos -> positif, ...).
 */
#ifndef SENTIMEN_CORPUS_H
#define SENTIMEN_CORPUS_H

#include "common.h"
#include "train.h"

/* Canonical name of a sentiment label, or the label itself. */
extern const char *sentimen_canonical_label(const char *label);

/* Register negatif, netral, positif as classes 0, 1, 2. */
extern void sentimen_dataset_sentiment_classes(sentimen_dataset *ds);

/*
 * Extract string fields from one JSON object.  For each name in names, out[i]
 * receives the decoded string (NUL-terminated, in arena) or NULL when the field
 * is absent, null or not a string.  Returns SENTIMEN_ERR_PARSE for malformed
 * JSON.
 */
extern sentimen_status sentimen_json_strings(const char *json, size_t len, const char *const *names,
											 int n_names, char **out, size_t *out_len,
											 sentimen_arena *arena);

/*
 * Parse one line of a labelled file into label and text (in arena).  Returns
 * SENTIMEN_OK, SENTIMEN_ERR_NO_DATA for a header or blank line to skip, or
 * SENTIMEN_ERR_PARSE.
 */
extern sentimen_status sentimen_corpus_parse_line(const char *line, size_t len, bool jsonl,
												  char **label, char **text, size_t *text_len,
												  sentimen_arena *arena);

/*
 * Load a file into ds with the given group and weight.  Labels not yet known
 * are added when add_classes is true, else rows with unknown labels are
 * skipped.  On a parse error, err receives "file:line: message".
 */
extern sentimen_status sentimen_corpus_load(const char *path, sentimen_dataset *ds, int group,
											float weight, bool add_classes, sentimen_arena *arena,
											char *err, size_t errlen);

/*
 * Load the texts of a file (.jsonl with text or title/body, .tsv with or
 * without a label column, or plain lines) into ds as unlabelled rows
 * (SENTIMEN_UNLABELED, for self-training) with the given group and weight.
 * Texts already in ds and repeated texts are skipped; limit > 0 stops after
 * that many rows.
 */
extern sentimen_status sentimen_corpus_load_unlabeled(const char *path, sentimen_dataset *ds,
													  int group, float weight, size_t limit,
													  sentimen_arena *arena, char *err,
													  size_t errlen);

#endif							/* SENTIMEN_CORPUS_H */
