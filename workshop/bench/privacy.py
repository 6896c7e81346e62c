"""Benchmark of the privacy guard: recall per kind, false alarms, scan time, load time and memory (a developer tool).

`python -m workshop.bench.privacy [--part PART|all] [--show] [--anchor deduce]` (PART: tune, holdout, patterns,
holdout2, patterns3, holdout3, patterns4) reads the annotated corpus in tests/core/fixtures (privacy_corpus_*.txt;
format in their headers) and prints: recall per kind and overall, the false-alarm rate on the clean sentences (with
and without the session's known-good words) and on the older clean corpus, p50/p99 scan time per sentence, and,
measured in a fresh process, the import time, the time to load the name lists and the growth of resident memory.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

FIXTURES = Path(__file__).resolve().parents[2] / "tests" / "core" / "fixtures"
PARTS = {
    "tune": "privacy_corpus_tune.txt",
    "holdout": "privacy_corpus_holdout.txt",
    "patterns": "privacy_corpus_patterns.txt",
    "holdout2": "privacy_corpus_holdout2.txt",
    "patterns3": "privacy_corpus_patterns3.txt",
    "holdout3": "privacy_corpus_holdout3.txt",
    "patterns4": "privacy_corpus_patterns4.txt",
}
OLD_CLEAN = "privacy_corpus_clean.txt"
TODAY = date(2026, 11, 23)
# What a session would pass as known-good: its team, its organisation, a ward of the same location.
SESSION_KNOWN_GOOD = ("De Linde", "Zorggroep Oost", "Rivierland Zorg")
# Corpus label -> the kind the guard reports for it.
LABELS = {
    "name": "name",
    "titled_name": "name",
    "room": "room",
    "address": "address",
    "birth_date": "birth_date",
    "bsn": "bsn",
    "iban": "iban",
    "phone": "phone",
    "email": "email",
    "postcode": "postcode",
}
TARGETS = {
    "name": 0.85,
    "titled_name": 0.85,
    "room": 0.85,
    "address": 0.85,
    "birth_date": 0.85,
    "bsn": 0.95,
    "iban": 0.95,
    "phone": 0.95,
    "email": 0.95,
    "postcode": 0.95,
}
TARGET_OVERALL = 0.90
TARGET_FALSE_ALARMS = 0.05


@dataclass(frozen=True)
class Entity:
    label: str
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    text: str
    entities: tuple[Entity, ...]
    line: int

    @property
    def clean(self) -> bool:
        return not self.entities


def read_corpus(path: Path) -> list[Sentence]:
    """Return the sentences of an annotated corpus file; raise ValueError naming the line of a bad annotation."""
    out: list[Sentence] = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip() or raw.startswith("#"):
            continue
        text, _, notes = raw.partition(" || ")
        entities: list[Entity] = []
        searched_from: dict[str, int] = {}
        for note in filter(None, (n.strip() for n in notes.split(";"))):
            label, _, surface = note.partition("=")
            if label not in LABELS or not surface:
                raise ValueError(f"{path.name} line {number}: bad annotation {note!r} (want kind=exact text)")
            start = text.find(surface, searched_from.get(surface, 0))
            if start < 0:
                raise ValueError(f"{path.name} line {number}: {surface!r} is not in the sentence")
            searched_from[surface] = start + len(surface)
            entities.append(Entity(label, start, start + len(surface)))
        out.append(Sentence(text, tuple(entities), number))
    return out


def read_clean(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


Spans = list[tuple[str, int, int]]  # (kind, start, end)
Detector = Callable[[str], Spans]


@dataclass
class Result:
    found: dict[str, int] = field(default_factory=dict)
    total: dict[str, int] = field(default_factory=dict)
    misses: list[str] = field(default_factory=list)
    clean: int = 0
    false_alarms: list[str] = field(default_factory=list)

    def recall(self, label: str | None = None) -> float:
        if label is None:
            total = sum(self.total.values())
            return sum(self.found.values()) / total if total else 1.0
        return self.found.get(label, 0) / self.total[label] if self.total.get(label) else 1.0

    @property
    def false_alarm_rate(self) -> float:
        return len(self.false_alarms) / self.clean if self.clean else 0.0


def evaluate(sentences: Sequence[Sentence], detect: Detector, *, any_kind: bool = False) -> Result:
    """Score `detect` on `sentences`: an entity counts as found when a finding of its kind overlaps it."""
    result = Result()
    for sentence in sentences:
        spans = detect(sentence.text)
        if sentence.clean:
            result.clean += 1
            if spans:
                result.false_alarms.append(f"line {sentence.line}: {sentence.text}  <- {_shown(sentence.text, spans)}")
            continue
        for entity in sentence.entities:
            result.total[entity.label] = result.total.get(entity.label, 0) + 1
            hit = any(
                (any_kind or kind == LABELS[entity.label]) and start < entity.end and entity.start < end
                for kind, start, end in spans
            )
            if hit:
                result.found[entity.label] = result.found.get(entity.label, 0) + 1
            else:
                surface = sentence.text[entity.start : entity.end]
                result.misses.append(f"line {sentence.line} {entity.label}={surface!r}: {sentence.text}")
    return result


def _shown(text: str, spans: Spans) -> str:
    return ", ".join(f"{kind}={text[start:end]!r}" for kind, start, end in spans)


def guard(known_good: Sequence[str] = ()) -> Detector:
    from workshop.core import privacy

    known = privacy.known_good_words(*known_good)

    def detect(text: str) -> Spans:
        return [(f.kind, f.start, f.end) for f in privacy.scan(text, today=TODAY, known_good=known)]

    return detect


def deduce_anchor() -> Detector:
    """The `deduce` package (if installed) as the anchor: any of its annotations counts, whatever its tag."""
    from deduce import Deduce

    model = Deduce()

    def detect(text: str) -> Spans:
        return [(a.tag, a.start_char, a.end_char) for a in model.deidentify(text).annotations]

    return detect


def scan_times(texts: Sequence[str], rounds: int = 5) -> list[float]:
    """Return the time of every scan in milliseconds, `rounds` times over `texts`, after the lists are loaded."""
    from workshop.core import privacy

    privacy.warm_up().result()
    known = privacy.known_good_words(*SESSION_KNOWN_GOOD)
    times = []
    for _ in range(rounds):
        for text in texts:
            began = time.perf_counter()
            privacy.scan(text, today=TODAY, known_good=known)
            times.append((time.perf_counter() - began) * 1000)
    return times


_COST_PROBE = """
import json, time
def rss():
    with open("/proc/self/status") as f:
        return next(int(l.split()[1]) for l in f if l.startswith("VmRSS")) / 1024
base = rss(); began = time.perf_counter()
from workshop.core import privacy
imported = time.perf_counter(); after_import = rss()
privacy.warm_up().result()
loaded = time.perf_counter()
print(json.dumps({"import_ms": (imported - began) * 1000, "load_ms": (loaded - imported) * 1000,
                  "rss_import_mb": after_import - base, "rss_load_mb": rss() - after_import}))
"""


def cost() -> dict[str, float]:
    """Measure in a fresh interpreter: import time, load time of the lists, and resident memory growth."""
    out = subprocess.run([sys.executable, "-c", _COST_PROBE], capture_output=True, text=True, check=True)
    return dict(json.loads(out.stdout))


def _percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def report(name: str, result: Result, plain_fa: Result | None, show: bool) -> bool:
    """Print one part's figures; return True when every target is met."""
    ok = True
    print(
        f"\n== {name}: {sum(result.total.values())} items of personal data in {len(result.total)} kinds; "
        f"{result.clean} clean sentences =="
    )
    for label in TARGETS:
        if not result.total.get(label):
            continue
        r = result.recall(label)
        met = r >= TARGETS[label]
        ok &= met
        print(
            f"  {label:12} recall {r:6.1%}  ({result.found.get(label, 0)}/{result.total[label]})"
            f"  target {TARGETS[label]:.0%} {'ok' if met else 'MISSED'}"
        )
    overall = result.recall()
    ok &= overall >= TARGET_OVERALL and result.false_alarm_rate <= TARGET_FALSE_ALARMS
    print(f"  {'overall':12} recall {overall:6.1%}  target {TARGET_OVERALL:.0%}")
    print(
        f"  false alarms {result.false_alarm_rate:6.1%}  ({len(result.false_alarms)}/{result.clean})"
        f" with the session's known-good words; target ≤ {TARGET_FALSE_ALARMS:.0%}"
    )
    if plain_fa is not None:
        print(
            f"  false alarms {plain_fa.false_alarm_rate:6.1%}  ({len(plain_fa.false_alarms)}/{plain_fa.clean})"
            " without known-good words"
        )
    if show:
        for line in result.misses:
            print("  MISS  " + line)
        for line in result.false_alarms:
            print("  FALSE " + line)
    return ok


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=(*PARTS, "all"), default="all")
    parser.add_argument("--show", action="store_true", help="print the misses and false alarms (corpus text)")
    parser.add_argument("--anchor", choices=("deduce",), help="also score the deduce package on the same corpus")
    parser.add_argument("--rounds", type=int, default=5, help="rounds over the corpus for the scan times")
    args = parser.parse_args(argv)

    parts = [p for p in PARTS if args.part in (p, "all") and (FIXTURES / PARTS[p]).exists()]
    corpora = {p: read_corpus(FIXTURES / PARTS[p]) for p in parts}
    measured = cost()
    print(f"corpus: {', '.join(f'{p} {len(s)} sentences' for p, s in corpora.items())}")
    print(
        f"cost (fresh process): import {measured['import_ms']:.1f} ms (+{measured['rss_import_mb']:.1f} MB), "
        f"name lists {measured['load_ms']:.1f} ms (+{measured['rss_load_mb']:.1f} MB resident memory)"
    )

    ok = True
    detect, plain = guard(SESSION_KNOWN_GOOD), guard()
    for part, sentences in corpora.items():
        ok &= report(part, evaluate(sentences, detect), evaluate(sentences, plain), args.show)
    old = read_clean(FIXTURES / OLD_CLEAN)
    flagged = [t for t in old if detect(t)]
    print(f"\nolder clean corpus ({OLD_CLEAN}): {len(flagged)}/{len(old)} = {len(flagged) / len(old):.1%} flagged")
    if args.show:
        for text in flagged:
            print("  FALSE " + text + "  <- " + _shown(text, detect(text)))

    texts = [s.text for sentences in corpora.values() for s in sentences] + old
    times = scan_times(texts, args.rounds)
    # The median of each sentence's rounds shows the scan's own cost; the raw p99 also holds the machine's noise.
    per_text = [statistics.median(times[i :: len(texts)]) for i in range(len(texts))]
    print(
        f"\nscan time per sentence over {len(times)} scans: p50 {statistics.median(times):.3f} ms, "
        f"p99 {_percentile(times, 0.99):.3f} ms, max {max(times):.3f} ms (target p99 ≤ 5 ms); "
        f"per sentence (median of {args.rounds} rounds): p99 {_percentile(per_text, 0.99):.3f} ms, "
        f"max {max(per_text):.3f} ms"
    )

    if args.anchor == "deduce":
        began = time.perf_counter()
        anchor = deduce_anchor()
        print(f"\n== anchor: deduce (loaded in {time.perf_counter() - began:.1f} s; any tag counts) ==")
        for part, sentences in corpora.items():
            result = evaluate(sentences, anchor, any_kind=True)
            recalls = ", ".join(f"{label} {result.recall(label):.0%}" for label in TARGETS if result.total.get(label))
            print(f"  {part}: overall {result.recall():.1%}; {recalls}; false alarms {result.false_alarm_rate:.1%}")
    print("\nall targets met" if ok else "\nsome targets missed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
