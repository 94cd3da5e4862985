#!/usr/bin/env python3
"""Compare a Slither JSON report with packages/contracts/slither-triage.json.

A finding is identified by its check name and the declarations it names (contract, function
signature, variable, pragma...), never by line numbers, so edits elsewhere in a file do not
invalidate the triage. Exits non-zero if any finding is High or Medium (triaged or not), if any
finding is not in the triage file, or if a `slither-disable` comment in src/ is not listed under
"inline" in the triage file. Triage entries that no longer match anything are reported as stale.

usage: slither-check.py REPORT.json TRIAGE.json SRC_DIR
"""
import json
import pathlib
import re
import sys

BLOCKING = {"High", "Medium"}


def element_key(e):
    t = e.get("type")
    name = e.get("name", "")
    f = e.get("type_specific_fields") or {}
    parent = (f.get("parent") or {}).get("name")
    if t == "function":
        sig = f.get("signature") or name
        return f"function:{parent}.{sig}" if parent else f"function:{sig}"
    if t == "pragma":
        return f"pragma:{name}"
    if t == "node":
        return None
    return f"{t}:{parent}.{name}" if parent else f"{t}:{name}"


def finding_key(r):
    keys = sorted({k for k in (element_key(e) for e in r.get("elements", [])) if k})
    if not keys:  # only nodes: fall back to their expressions
        keys = sorted({"node:" + e.get("name", "") for e in r.get("elements", [])})
    return r["check"] + "|" + ",".join(keys)


def main():
    report_path, triage_path, src_dir = sys.argv[1:4]
    report = json.load(open(report_path))
    if not report.get("success"):
        print(f"slither: the run failed: {report.get('error')}", file=sys.stderr)
        return 2
    triage = json.load(open(triage_path))
    triaged = {}
    for t in triage.get("findings", []):
        if not t.get("reason"):
            print(f"triage entry without a reason: {t['key']}", file=sys.stderr)
            return 2
        triaged[t["key"]] = t
    results = (report.get("results") or {}).get("detectors", [])

    seen, untriaged, blocking, ok = set(), [], [], 0
    for r in results:
        key = finding_key(r)
        seen.add(key)
        first = r["description"].strip().splitlines()[0]
        if r["impact"] in BLOCKING:
            blocking.append((r["impact"], key, first))
        if key in triaged:
            ok += 1
        else:
            untriaged.append((r["impact"], key, first))

    # Inline suppressions must be listed too, so that nothing is hidden from the triage file.
    listed = {(i["file"], i["check"]) for i in triage.get("inline", []) if i.get("reason")}
    found_inline = set()
    for path in sorted(pathlib.Path(src_dir).rglob("*.sol")):
        rel = path.as_posix()
        for line in path.read_text().splitlines():
            m = re.search(r"slither-disable(?:-next-line|-start|-end)?\s+([\w,-]+)", line)
            if m and "-end" not in m.group(0):
                for check in m.group(1).split(","):
                    found_inline.add((rel, check))
    unlisted_inline = sorted(found_inline - listed)

    for impact, key, first in blocking:
        print(f"BLOCKING {impact}: {key}\n    {first}")
    for impact, key, first in untriaged:
        print(f"UNTRIAGED {impact}: {key}\n    {first}")
    for rel, check in unlisted_inline:
        print(f"UNLISTED inline suppression: {check} in {rel} (add it to \"inline\" with a reason)")
    for key in sorted(set(triaged) - seen):
        print(f"stale triage entry (no longer reported): {key}")
    for rel, check in sorted(listed - found_inline):
        print(f"stale inline entry (no such comment): {check} in {rel}")
    print(f"slither: {len(found_inline)} inline suppressions, all listed" if not unlisted_inline
          else f"slither: {len(unlisted_inline)} inline suppressions not listed")
    print(f"slither: {len(results)} findings, {ok} triaged, {len(untriaged)} untriaged"
          + (f", {len(blocking)} high/medium" if blocking else ""))
    return 1 if (untriaged or blocking or unlisted_inline) else 0


if __name__ == "__main__":
    sys.exit(main())
