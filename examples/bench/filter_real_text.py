#!/usr/bin/env python3
# Copyright 2026 the containment4j authors.
# SPDX-License-Identifier: Apache-2.0
"""False positives of the content filter on real clean text that exists on this machine.

The project's corpus is written by us; this check uses text nobody wrote for it: Debian package docs and changelogs
(/usr/share/doc), Python standard-library sources, and man pages; with `--translated`, the man pages translated into
other languages (/usr/share/man/LANG: German, Spanish, French, Italian, Japanese, Korean, Polish, Portuguese, Russian,
Turkish, ...), for the cues written in those languages. A quarantine or withheld decision on any of them is
a false positive (none of these files is a prompt injection). E-mail addresses found as PII are counted separately:
they are annotated, not quarantined, under the default policy.

    examples/bench/filter_real_text.py [--max N] [--seed S] [--show K] [--translated]

Needs `bin/containment` built (mvn -q -o install -DskipTests). Prints the rate with a Wilson 95% interval, the rules
that fired and the first K offending snippets.
"""
import argparse
import collections
import glob
import gzip
import json
import math
import os
import random
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PATTERNS = ['/usr/share/doc/*/README*', '/usr/share/doc/*/*.md*', '/usr/share/doc/*/changelog*',
            '/usr/share/doc/*/NEWS*', '/usr/share/doc/*/*.txt*', '/usr/share/doc/*/*.html',
            '/usr/lib/python3*/*.py', '/usr/lib/python3*/*/*.py', '/usr/share/man/man1/*.1.gz']
TRANSLATED = ['/usr/share/man/[a-z][a-z]/man*/*.gz', '/usr/share/man/[a-z][a-z]_[A-Z][A-Z]/man*/*.gz']
MAX_CHARS = 100_000


def read_text(path):
    try:
        with open(path, 'rb') as f:
            data = f.read(4 * MAX_CHARS)
        if path.endswith('.gz'):
            data = gzip.decompress(data) if len(data) < 4 * MAX_CHARS else None
        if data is None:
            return None
        text = data.decode('utf-8')
    except (OSError, UnicodeDecodeError, EOFError, gzip.BadGzipFile):
        return None
    return text[:MAX_CHARS] if len(text) >= 1000 else None


def wilson(k, n):
    if n == 0:
        return (0.0, 0.0)
    z = 1.96
    p = k / n
    d = 1 + z * z / n
    c = (p + z * z / (2 * n)) / d
    h = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return (max(0.0, c - h), min(1.0, c + h))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--max', type=int, default=1500)
    ap.add_argument('--seed', type=int, default=7)
    ap.add_argument('--show', type=int, default=20)
    ap.add_argument('--translated', action='store_true', help='translated man pages instead of the default set')
    args = ap.parse_args()
    files = sorted({f for p in (TRANSLATED if args.translated else PATTERNS) for f in glob.glob(p)})
    random.Random(args.seed).shuffle(files)
    items = []
    for f in files:
        t = read_text(f)
        if t is not None:
            items.append((f, t))
        if len(items) >= args.max:
            break
    print(f'{len(items)} files of real clean text ({sum(len(t) for _, t in items) / 1e6:.1f} MB)', file=sys.stderr)
    payload = ''.join(json.dumps({'text': t}) + '\n' for _, t in items)
    cli = os.path.join(ROOT, 'bin', 'containment')
    out = subprocess.run([cli, 'filter', '--jsonl'], input=payload, capture_output=True, text=True, check=True)
    results = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(results) == len(items), (len(results), len(items))
    decisions = collections.Counter(r.get('decision') for r in results)
    rules = collections.Counter()
    flagged = []
    pii_files = 0
    for (path, text), r in zip(items, results):
        findings = r.get('findings', [])
        if any(f.get('type') == 'pii' for f in findings):
            pii_files += 1
        inj = [f for f in findings if f.get('type') == 'injection']
        if r.get('decision') in ('quarantine', 'withhold', 'block'):
            for f in inj:
                rules[f.get('rule')] += 1
            flagged.append((path, inj, text))
    k, n = len(flagged), len(items)
    lo, hi = wilson(k, n)
    print(f'decisions: {dict(decisions)}')
    print(f'false positives (quarantined/withheld clean files): {k}/{n} = {100 * k / n:.1f}% '
          f'(95% CI {100 * lo:.1f}-{100 * hi:.1f}%)')
    print(f'files with PII findings (annotated, not quarantined): {pii_files}')
    print(f'rules in false positives: {dict(rules.most_common())}')
    for path, inj, text in flagged[:args.show]:
        for f in inj[:2]:
            s, e = f.get('start', 0), f.get('end', 0)
            snippet = text[max(0, s - 80):e + 40].replace('\n', ' ')
            print(f'  {path} [{f.get("rule")} {f.get("score")}] ...{snippet}...')


if __name__ == '__main__':
    main()
