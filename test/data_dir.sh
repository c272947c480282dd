# test/data_dir.sh: sourced; sets DATA to the shared corpora directory.
# SENTIMEN_DATA wins; otherwise the first of ../shared/data (a checkout next to
# shared/), ../../shared/data and /work/shared/data that exists.  DATA stays
# ../shared/data (missing) when none does, and callers skip.
if [ -n "${SENTIMEN_DATA:-}" ]; then
    DATA=$SENTIMEN_DATA
else
    DATA=../shared/data
    for d in ../shared/data ../../shared/data /work/shared/data; do
        if [ -d "$d/sentiment" ]; then DATA=$d; break; fi
    done
fi
