"""Coverage: does every line of the raw input reach a page? (the no-loss check)

Two views, both shown by `jinaq check` and `jinaq evaluate`:
- the partition: every raw line is owned by exactly one article or named region of the volume
  model, or was removed by a named page-furniture rule (`Volume.furniture`);
- the words: a content line (three words of four letters or more) reaches the model when at least
  half of its words occur somewhere in the model's own text (not in the derived timeline, glossary
  or people, which quote sentences and would hide a loss). Words split by a line-end hyphen count
  when the joined word is found.
"""
from __future__ import annotations

import re
from collections.abc import Iterable

from ..language.textutil import OLD_KAZAKH_FONT, fix_mojibake

WORD = re.compile(r"[^\W\d_]{4,}")
# Letters the clean stage's named rules replace, read as what they become: Latin schwa as ә, the
# old Kazakh fonts' ѓ њ ќ ї ў as ғ ң қ і ү.
# Superscript marks glued to names (`Бекова¹`) are no part of a word.
_FOLD = str.maketrans({"\u0259": "\u04d9", "\u018f": "\u04d8",
                       **{k.lower(): v.lower() for k, v in OLD_KAZAKH_FONT.items()},
                       **dict.fromkeys("¹²³⁴⁵⁶⁷⁸⁹⁰", " ")})
_DERIVED = {"timeline", "glossary", "people"}


def _strings(x, out: list[str]) -> None:
    if isinstance(x, str):
        out.append(x)
    elif isinstance(x, dict):
        for v in x.values():
            _strings(v, out)
    elif isinstance(x, list):
        for v in x:
            _strings(v, out)


def model_words(model: dict) -> set[str]:
    """The lower-cased words of every string the model holds, derived parts left out."""
    out: list[str] = []
    for k, v in model.items():
        if k not in _DERIVED:
            _strings(v, out)
    return set(WORD.findall(" ".join(out).lower().translate(_FOLD)))


def lost_lines(raw_lines: list[str], model: dict) -> tuple[int, list[int]]:
    """(number of content lines, the 1-based numbers of those whose words mostly reach nothing).
    Lines the model lists as page furniture are accounted for by their rule and not counted."""
    found = model_words(model)
    furniture = {n for f in model.get("furniture", []) for n in f.get("lines") or []}
    lines = [fix_mojibake(line)[0].lower().translate(_FOLD) for line in raw_lines]
    words = [WORD.findall(line) for line in lines]
    n, lost = 0, []
    for i, ws in enumerate(words):
        if len(ws) < 3 or i + 1 in furniture:  # removed by a named furniture rule
            continue
        n += 1
        nxt = words[i + 1] if i + 1 < len(words) else []
        prev = words[i - 1] if i else []
        miss = 0
        for j, w in enumerate(ws):
            if w in found:
                continue
            if (j == len(ws) - 1 and lines[i].rstrip().endswith(("-", "\u00ad")) and nxt
                    and w + nxt[0] in found):
                continue
            if j == 0 and prev and prev[-1] + w in found:
                continue
            miss += 1
        if miss * 2 > len(ws):
            lost.append(i + 1)
    return n, lost


def ranges(numbers: Iterable[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs: [1, 2, 3, 7] -> [(1, 3), (7, 7)]."""
    out: list[list[int]] = []
    for x in sorted(set(numbers)):
        if out and x == out[-1][1] + 1:
            out[-1][1] = x
        else:
            out.append([x, x])
    return [(a, b) for a, b in out]


def partition_gaps(model: dict, line_counts: dict[str, int]) -> dict[str, dict[str, list[int]]]:
    """Per source file: lines no article, region or furniture rule claims ('unclaimed') and lines
    claimed twice ('overlap'). Both empty when the model is a partition of its input."""
    owners: dict[str, dict[int, int]] = {s: {} for s in line_counts}
    for unit in [*model.get("articles", []), *model.get("regions", [])]:
        src = unit.get("source")
        for a, b in unit.get("line_ranges") or []:
            for n in range(a, b + 1):
                owners.setdefault(src, {})[n] = owners.get(src, {}).get(n, 0) + 1
    for f in model.get("furniture", []):
        src = f.get("source")
        for n in f.get("lines") or []:
            owners.setdefault(src, {})[n] = owners.get(src, {}).get(n, 0) + 1
    out = {}
    for src, total in line_counts.items():
        seen = owners.get(src, {})
        out[src] = {"unclaimed": [n for n in range(1, total + 1) if n not in seen],
                    "overlap": sorted(n for n, c in seen.items() if c > 1)}
    return out


def report_lines(model: dict, raw_by_source: dict[str, list[str]]) -> list[str]:
    """What `jinaq check` prints about coverage: the share of content lines that reach a page,
    the line ranges that do not (and what took them), and the furniture removed by each rule."""
    out = ["Coverage:"]
    total = lost_total = 0
    for name, raw in raw_by_source.items():
        sub = dict(model)
        sub["furniture"] = [f for f in model.get("furniture", []) if f.get("source") == name]
        n, lost = lost_lines(raw, sub)
        total, lost_total = total + n, lost_total + len(lost)
        gaps = partition_gaps(model, {name: len(raw)})[name]
        for a, b in ranges(gaps["unclaimed"]):
            out.append(f"  {name}:{a}-{b}: owned by no article or region (report this)")
        for a, b in ranges(lost):
            out.append(f"  {name}:{a}-{b}: text that reaches no page")
    share = 1 - lost_total / total if total else 1.0
    out.insert(1, f"  {total - lost_total} of {total} content lines reach a page ({share:.1%})")
    by_rule: dict[str, int] = {}
    for f in model.get("furniture", []):
        by_rule[f["rule"]] = by_rule.get(f["rule"], 0) + len(f.get("lines") or [])
    if by_rule:
        out.append("  removed as page furniture: " + ", ".join(
            f"{n} by {rule}" for rule, n in sorted(by_rule.items())))
    regions = model.get("regions") or []
    if regions:
        out.append("  not articles: " + ", ".join(
            f"{r['kind'].replace('_', ' ')} {r['source']}:{r['lines'][0]}-{r['lines'][1]}"
            for r in regions))
    return out
