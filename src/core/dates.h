/*
 * dates.h: rule-based Indonesian date and time expressions.
 *
 * "25 April 2023", "Senin (12/3)", "Senin, 12 Maret 2023", "pukul 10.00 WIB",
 * "Desember lalu", "pada April", "12/3/2024", "tahun 2023".  A month or
 * weekday becomes part of a DATE only with evidence around it (a day
 * number, a year, a cue word, a relative word); a bare capitalised "April"
 * is left to the tagger, which sees the in_date feature of its neighbours.
 */
#ifndef SENTIMEN_DATES_H
#define SENTIMEN_DATES_H

#include "tagger.h"

/*
 * Find the date/time spans of one sentence: sets in_date on their tokens and
 * date_begin on each span's first token.  Returns the number of spans.
 */
extern size_t sentimen_dates_mark(sentimen_ntoken *toks, size_t n);

/* Word classes used by the rules (exposed for the unit tests). */
extern bool sentimen_is_month_word(const char *norm, size_t len);
extern bool sentimen_is_weekday_word(const char *norm, size_t len);

#endif							/* SENTIMEN_DATES_H */
