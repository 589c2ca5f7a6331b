#!/bin/bash
# Times each refusal of an input past a bound (issue 28): wall time and peak memory, under ulimit -v 2 GB.
# Usage: Benchmarks/bounds.sh [SITEGEN_BINARY]   (default: .build/debug/sitegen)
repo="$(cd "$(dirname "$0")/.." && pwd)"
B="${1:-$repo/.build/debug/sitegen}"
root=$(mktemp -d)
mk() { rm -rf "$root/s"; mkdir -p "$root/s"; cp -r "$repo/Templates" "$root/s/"; mkdir -p "$root/s/Content/articles"; printf 'title: T\nbaseURL: https://example.org/\n' > "$root/s/Content/site.yml"; printf -- '---\ntitle: A\ndate: 2025-07-31\n---\nText.\n' > "$root/s/Content/articles/a.md"; sed -i 's/{% block content %}/{% block content %}{% include "partials\/heavy.html" %}/' "$root/s/Templates/index.html"; echo "" > "$root/s/Templates/partials/heavy.html"; }
run() { (cd "$root/s" && bash -c "ulimit -v 2000000; /usr/bin/time -f '%e s, %M KB peak' $B build --quiet --no-cache" 2>&1 | grep -E "error:|peak" | sed 's/^\(.\{160\}\).*/\1…/'); }
echo "== triple loop over 1,000 items"; mk; python3 -c "print('{% set l = [' + ','.join(['1']*1000) + '] %}{% for a in l %}{% for b in l %}{% for c in l %}x{% endfor %}{% endfor %}{% endfor %}')" > "$root/s/Templates/partials/heavy.html"; run
echo "== set l = l + l, forty times"; mk; python3 -c "print('{% set l = [\"x\"] %}' + '{% set l = l + l %}'*40)" > "$root/s/Templates/partials/heavy.html"; run
echo "== 100 MB of output"; mk; python3 -c "print('{% set l = [' + ','.join(['1']*1000) + '] %}{% for a in l %}{% for b in l %}' + 'x'*100 + '{% endfor %}{% endfor %}')" > "$root/s/Templates/partials/heavy.html"; run
echo "== 4,000 topics"; mk; python3 -c "print('---\ntitle: Many\ndate: 2025-07-31\ntopics: [' + ', '.join('T%d'%i for i in range(4000)) + ']\n---\nx')" > "$root/s/Content/articles/a.md"; run
echo "== 16,000 topics (150 KB file)"; mk; python3 -c "print('---\ntitle: Many\ndate: 2025-07-31\ntopics: [' + ', '.join('T%d'%i for i in range(16000)) + ']\n---\nx')" > "$root/s/Content/articles/a.md"; run
echo "== memo.bin a link to /dev/zero"; mk; (cd "$root/s" && $B build --quiet >/dev/null 2>&1; rm .sitegen-cache/memo.bin; ln -s /dev/zero .sitegen-cache/memo.bin; bash -c "ulimit -v 2000000; /usr/bin/time -f '%e s, %M KB peak' $B build --quiet" 2>&1 | grep -E "ignoring|peak")
echo "== memo.bin a FIFO"; mk; (cd "$root/s" && $B build --quiet >/dev/null 2>&1; rm .sitegen-cache/memo.bin; mkfifo .sitegen-cache/memo.bin; bash -c "ulimit -v 2000000; /usr/bin/time -f '%e s, %M KB peak' timeout 60 $B build --quiet" 2>&1 | grep -E "ignoring|peak")
rm -rf "$root"
