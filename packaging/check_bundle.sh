#!/usr/bin/env bash
# Build the bundle with the release recipe, then prove on this machine (Linux, offscreen) that it
# works without Python or the source tree: version, bundled standards, demo, both exports, a
# screenshot, the desktop app starting; then report its size and start-up times against running
# from the source. Slow (a build), so it is not part of `python -m pytest`:
#   bash packaging/check_bundle.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
MAX_MB=150

python3 packaging/build.py

BUNDLE="$ROOT/dist/SEND Self-Assessment"
CLI="$BUNDLE/selfassess"
GUI="$BUNDLE/SEND Self-Assessment"
PY="$ROOT/build/venv/bin/python"
OUT="$ROOT/build/check"
rm -rf "$OUT"
mkdir -p "$OUT/home"

# The bundle runs with a bare environment (no venv, no PYTHONPATH) from outside the source tree,
# and a throwaway home, so it can only use what it carries and leaves the real settings alone.
bare() { (cd "$OUT" && env -i HOME="$OUT/home" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen "$@"); }
step() { printf '\n== %s\n' "$*"; }
fail() { printf 'check_bundle: FAILED: %s\n' "$*" >&2; exit 1; }

step "version"
expected="selfassess $("$PY" -c 'import sys; sys.path.insert(0, "packaging"); import appinfo; print(appinfo.version())')"
got=$(bare "$CLI" --version)
echo "$got"
[ "$got" = "$expected" ] || fail "bundle says '$got', pyproject.toml says '$expected'"

step "bundled standards"
bare "$CLI" check-standards

step "demo"
bare "$CLI" demo demo.sendassess --seed 3
bare "$CLI" summary demo.sendassess

step "exports"
bare "$CLI" export demo.sendassess --xlsx demo.xlsx --pdf demo.pdf
"$PY" -c 'import openpyxl, sys; wb = openpyxl.load_workbook(sys.argv[1]); print("workbook sheets:", ", ".join(wb.sheetnames))' "$OUT/demo.xlsx"
[ "$(head -c 5 "$OUT/demo.pdf")" = "%PDF-" ] || fail "demo.pdf is not a PDF"
if command -v pdfinfo >/dev/null; then pdfinfo "$OUT/demo.pdf" | grep -E '^(Pages|Page size):'; fi

step "screenshot"
bare "$CLI" screenshot demo.sendassess -o dashboard.png --view dashboard
"$PY" -c 'from PIL import Image; import sys; im = Image.open(sys.argv[1]); print("screenshot:", im.format, "%dx%d" % im.size)' "$OUT/dashboard.png"

step "desktop app starts and stays up"
set +e
bare timeout 8 "$GUI" demo.sendassess
status=$?
set -e
[ "$status" -eq 124 ] || fail "the desktop app exited with status $status within 8 s"
echo "still running after 8 s (stopped by timeout): ok"

step "no excluded Qt libraries"
leaked=$(find "$BUNDLE" \( -iname '*WebEngine*' -o -iname '*Qt6Qml*' -o -iname '*Qt6Quick*' \
    -o -iname '*Qt6Network*' -o -iname '*Qt6Multimedia*' -o -iname '*Qt63D*' \) -print)
[ -z "$leaked" ] || fail "excluded Qt libraries in the bundle: $leaked"
echo "none"

step "size"
bytes=$(du -sb "$BUNDLE" | cut -f1)
files=$(find "$BUNDLE" -type f | wc -l)
mb=$((bytes / 1000000))
echo "$BUNDLE: $mb MB ($((bytes / 1048576)) MiB) in $files files; target < $MAX_MB MB"
[ "$mb" -lt "$MAX_MB" ] || fail "bundle is $mb MB, over $MAX_MB MB"

step "start-up: bundle against source (same interpreter and libraries)"
SRC="'$PY' -m selfassess"
if command -v hyperfine >/dev/null; then
    compare() { # runs, then the arguments after the program
        local runs=$1
        shift
        (cd "$ROOT" && hyperfine -N --style basic --warmup 1 --runs "$runs" \
            --prepare "rm -f '$OUT/shot.png'" \
            -n "bundle: $*" "'$CLI' $*" -n "source: $*" "$SRC $*")
    }
else
    compare() { # the same figures without hyperfine: mean of the runs
        local runs=$1
        shift
        for who in bundle source; do
            (cd "$ROOT" && "$PY" - "$runs" "$who" "$@" <<'EOF'
import shlex, subprocess, sys, time
runs, who, args = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
prog = {"bundle": ["dist/SEND Self-Assessment/selfassess"], "source": [sys.executable, "-m", "selfassess"]}[who]
times = []
for _ in range(runs + 1):  # the first run warms the caches
    start = time.perf_counter()
    subprocess.run(prog + [a for arg in args for a in shlex.split(arg)], check=True, capture_output=True)
    times.append(time.perf_counter() - start)
print(f"{who}: {' '.join(args)}: mean {1000 * sum(times[1:]) / runs:.0f} ms over {runs} runs")
EOF
            )
        done
    }
fi
export QT_QPA_PLATFORM=offscreen HOME="$OUT/home"
compare 10 --version
compare 10 check-standards
compare 5 screenshot "'$OUT/demo.sendassess'" -o "'$OUT/shot.png'" --view dashboard

printf '\ncheck_bundle: all checks passed (outputs in %s)\n' "$OUT"
