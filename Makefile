# sentimen: Indonesian news sentiment and entities inside PostgreSQL (PGXS).
#
#   make                 the extension and the CLI (bin/sentimen)
#   make install         install the extension
#   make installcheck    pg_regress tests against a running server
#   make unittest        C unit tests of the core
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

EXTRA_CLEAN = bin test/unit/*.o test/unit/run_unit src/cli/*.o

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

.PHONY: unittest model test demo
unittest: test/unit/run_unit
	./test/unit/run_unit

test/unit/run_unit: $(wildcard test/unit/*.c) $(CORE_SRCS) $(MODEL_SRCS) $(MODEL_BLOBS) $(wildcard src/core/*.h)
	$(CC) $(CLI_CFLAGS) -Isrc/core -o $@ $(wildcard test/unit/*.c) $(CORE_SRCS) $(MODEL_SRCS) $(CLI_LIBS)

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
