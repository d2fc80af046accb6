# `assay keygen NAME` writes NAME.key (0600) and NAME.pub (0644), refuses to
# overwrite without --force, and the keys work end to end: `assay grade`
# with --curve-key/--server-key against assayd with CURVE, while the same
# command without keys (or with an unlisted key) exits 3.
. "$(dirname "$0")/lib.sh"
need_exe

expect_status 0 "$ASSAY_EXE" keygen "$TMPD/server"
grep -q '^server.key  secret key pair (mode 0600)$' <(sed "s|$TMPD/||" "$TMPD/out") ||
    fail "keygen output: $(cat "$TMPD/out")"
[ "$(stat -c %a "$TMPD/server.key")" = 600 ] || fail "server.key mode"
[ "$(stat -c %a "$TMPD/server.pub")" = 644 ] || fail "server.pub mode"
grep -q '^    secret-key = "' "$TMPD/server.key" || fail "no secret-key"
grep -q 'secret-key' "$TMPD/server.pub" && fail "secret in .pub"
pub=$(sed -n 's/^    public-key = "\(.*\)"$/\1/p' "$TMPD/server.pub")
[ ${#pub} -eq 40 ] || fail "public key length ${#pub}"
grep -qF "public key $pub" "$TMPD/out" || fail "printed public key"

expect_status 2 "$ASSAY_EXE" keygen "$TMPD/server"
grep -q '^assay: io_error: key file .*server.key: File exists (use --force to replace)$' \
    "$TMPD/err" || fail "overwrite message: $(cat "$TMPD/err")"
expect_status 0 "$ASSAY_EXE" keygen --force "$TMPD/server"
expect_status 2 "$ASSAY_EXE" keygen
grep -q '^assay: usage: need a NAME' "$TMPD/err" || fail "usage message"

expect_status 0 "$ASSAY_EXE" keygen "$TMPD/client"
expect_status 0 "$ASSAY_EXE" keygen "$TMPD/other"
mkdir "$TMPD/allow" && cp "$TMPD/client.pub" "$TMPD/allow/"
start_assayd --threads 1 --curve-secret "$TMPD/server.key" --allow-clients "$TMPD/allow"

expect_status 0 "$ASSAY_EXE" grade --endpoint "$EP" --curve-key "$TMPD/client.key" \
    --server-key "$TMPD/server.pub" --question gil --answer "one thread at a time"
grep -q '^band ' "$TMPD/out" || fail "grade output: $(cat "$TMPD/out")"
ASSAY_CURVE_KEY="$TMPD/client.key" ASSAY_SERVER_KEY="$TMPD/server.pub" \
    expect_status 0 "$ASSAY_EXE" questions --endpoint "$EP"
expect_status 3 "$ASSAY_EXE" grade --endpoint "$EP" --timeout 300 --retries 0 \
    --question gil --answer x
# The refusal reason comes from the handshake, which a loaded machine can
# take well over 300 ms to finish: wait for that state, not a short timer.
expect_status 3 "$ASSAY_EXE" grade --endpoint "$EP" --timeout 5000 --retries 0 \
    --curve-key "$TMPD/other.key" --server-key "$TMPD/server.pub" --question gil --answer x
grep -q "the service refused this client's key" "$TMPD/err" || fail "refusal message: $(cat "$TMPD/err")"
expect_status 2 "$ASSAY_EXE" grade --endpoint "$EP" --curve-key "$TMPD/client.key" \
    --question gil --answer x
grep -q '^assay: invalid_argument: client: CURVE needs both' "$TMPD/err" || fail "half keys message"
echo ok
