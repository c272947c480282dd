# sentimen: Indonesian news sentiment and entities inside PostgreSQL (PGXS).
#
#   make                 the extension and the CLI (bin/sentimen)
#   make install         install the extension
#   make installcheck    pg_regress tests against a running server
#   make unittest        C unit tests of the core
#   make unittest-asan   the same under AddressSanitizer + UBSan
#   make unittest-valgrind  the same under valgrind (memcheck)
#   make fuzz            libFuzzer harnesses (clang) in test/fuzz/build/; run: test/fuzz/run.sh
#   make model           retrain the compiled-in models (needs ../shared/data)
#   make test            every test: unit, pg_regress, accuracy, bench (test/run_all)
#   make demo            score the sample articles on a throwaway database

EXTENSION = sentimen
MODULE_big = sentimen
EXTVERSION = 0.2

CORE_SRCS = $(sort $(wildcard src/core/*.c))
PG_SRCS = $(sort $(wildcard src/pg/*.c))
MODEL_SRCS = models/model_data.c
MODEL_BLOBS = models/sentiment.bin models/embeddings.bin models/tagger.bin models/channel.bin
OBJS = $(CORE_SRCS:.c=.o) $(PG_SRCS:.c=.o) $(MODEL_SRCS:.c=.o)

DATA = $(wildcard sql/sentimen--*.sql)
REGRESS = $(patsubst sql/%.sql,%,$(filter-out sql/sentimen--%,$(sort $(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

SHLIB_LINK = -lutf8proc -lm
PG_CFLAGS = -O3 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers


# The model source is large; LLVM bitcode for JIT inlining is not worth it.
override with_llvm = no

EXTRA_CLEAN = bin test/unit/*.o test/unit/run_unit test/unit/run_unit_asan src/cli/*.o test/fuzz/build

PG_CONFIG ?= /usr/lib/postgresql/15/bin/pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS does not track headers: every object depends on all of ours.
$(OBJS): $(wildcard src/core/*.h src/pg/*.h)

# ---- the command-line tool and unit tests (no PostgreSQL headers) ----
CLI_CFLAGS = -std=gnu11 -O3 -g -Wall -Wextra -Werror -fno-strict-aliasing $(EXTRA_CFLAGS)
CLI_LIBS = -lutf8proc -lm

all: bin/sentimen bin/channel-data

# the embedded model is a dependency of its object
models/model_data.o: $(MODEL_BLOBS)

bin/sentimen: src/cli/sentimen_cli.c $(CORE_SRCS) $(MODEL_SRCS) $(MODEL_BLOBS) $(wildcard src/core/*.h)
	@mkdir -p bin
	$(CC) $(CLI_CFLAGS) -o $@ src/cli/sentimen_cli.c $(CORE_SRCS) $(MODEL_SRCS) $(CLI_LIBS)

# the channel model's data preparation (models/train_channel.sh, test/accuracy_channel.sh)
bin/channel-data: src/cli/channel_data.c $(CORE_SRCS) $(MODEL_SRCS) $(MODEL_BLOBS) $(wildcard src/core/*.h)
	@mkdir -p bin
	$(CC) $(CLI_CFLAGS) -o $@ src/cli/channel_data.c $(CORE_SRCS) $(MODEL_SRCS) $(CLI_LIBS)

.PHONY: unittest unittest-asan unittest-valgrind fuzz model test demo
unittest: test/unit/run_unit
	./test/unit/run_unit

test/unit/run_unit: $(wildcard test/unit/*.c) $(CORE_SRCS) $(MODEL_SRCS) $(MODEL_BLOBS) $(wildcard src/core/*.h)
	$(CC) $(CLI_CFLAGS) -Isrc/core -o $@ $(wildcard test/unit/*.c) $(CORE_SRCS) $(MODEL_SRCS) $(CLI_LIBS)

# The unit tests under AddressSanitizer + UndefinedBehaviorSanitizer (any
# report fails: halt_on_error, no recovery) and under valgrind's memcheck.
SAN_CFLAGS = -std=gnu11 -O1 -g -fno-omit-frame-pointer -Wall -Wextra -Werror -fno-strict-aliasing \
	-fsanitize=address,undefined -fno-sanitize-recover=all
unittest-asan: test/unit/run_unit_asan
	ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=1 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ./test/unit/run_unit_asan

test/unit/run_unit_asan: $(wildcard test/unit/*.c) $(CORE_SRCS) $(MODEL_SRCS) $(MODEL_BLOBS) $(wildcard src/core/*.h)
	$(CC) $(SAN_CFLAGS) -Isrc/core -o $@ $(wildcard test/unit/*.c) $(CORE_SRCS) $(MODEL_SRCS) $(CLI_LIBS)

unittest-valgrind: test/unit/run_unit
	valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect \
		--track-origins=yes ./test/unit/run_unit

# libFuzzer harnesses (test/fuzz/fuzz_*.c): the core and the harness built
# by clang with ASan + UBSan and coverage; test/fuzz/run.sh SECONDS runs them.
FUZZ_CC ?= clang-14
FUZZ_NAMES = tokenize classify entities model trainer_input
FUZZ_BINS = $(addprefix test/fuzz/build/fuzz_,$(FUZZ_NAMES))
FUZZ_CFLAGS = -std=gnu11 -O1 -g -fno-omit-frame-pointer -Wall -Wextra -Werror -Wno-unused-parameter \
	-fno-strict-aliasing -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_OBJS = $(patsubst %.c,test/fuzz/build/%.o,$(CORE_SRCS) $(MODEL_SRCS))

fuzz: $(FUZZ_BINS)

test/fuzz/build/%.o: %.c $(wildcard src/core/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

test/fuzz/build/models/model_data.o: $(MODEL_BLOBS)

test/fuzz/build/fuzz_%: test/fuzz/fuzz_%.c test/fuzz/fuzz_common.h $(FUZZ_OBJS)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJS) $(CLI_LIBS)

# Retrain the compiled-in models from ../shared/data (see models/README.md).
# The channel model uses the word classes of the embeddings: it comes second.
model: bin/sentimen bin/channel-data
	./models/train_sentiment.sh
	./models/train_tagger.sh
	./models/train_channel.sh
	$(MAKE) bin/sentimen

test: all
	./test/run_all

demo: all
	./test/demo.sh
