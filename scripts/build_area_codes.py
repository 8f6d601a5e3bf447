"""Build ``warcount/data/us_area_codes.tsv``: each US telephone area code and the state it serves.

    pip install --target /tmp/zc zipcodes==3.0.0 && PYTHONPATH=/tmp/zc .venv/bin/python scripts/build_area_codes.py

Why: US local news gives a tip line or a police number ("call Crime Stoppers at 615-742-7463") far more
often than it names its state, and an area code lies in one state. Source: ``zipcodes`` 3.0.0 (MIT; its
ZIP list is unitedstateszipcodes.org's with USPS's active ZIPs), already the build-time source of the
gazetteer's post-office towns: every ZIP with its state and area codes. An area code is kept when at
least 75 % of the ten or more ZIPs that list it lie in one state (border ZIPs list their neighbours' codes
too; Canadian codes a few Vermont ZIPs list fall short of ten); toll-free and
non-geographic codes are never in the list. Rows: ``area code <TAB> state's postal code <TAB> ZIPs``.
Build only: not a run-time dependency.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "warcount" / "data" / "us_area_codes.tsv"
_SHARE = 0.75
_MIN_ZIPS = 10
_TOLL_FREE = {"800", "833", "844", "855", "866", "877", "888", "900"}


def main() -> None:
    import zipcodes

    by_code: dict[str, Counter] = defaultdict(Counter)
    for z in zipcodes.list_all():
        if not z.get("active", True):
            continue
        for code in z.get("area_codes") or ():
            if len(code) == 3 and code.isdigit() and code not in _TOLL_FREE:
                by_code[code][z["state"]] += 1
    rows = []
    for code, states in sorted(by_code.items()):
        state, n = states.most_common(1)[0]
        if n >= _MIN_ZIPS and n >= _SHARE * sum(states.values()):
            rows.append(f"{code}\t{state}\t{n}")
    OUT.write_text("# area code\tstate\tZIPs (scripts/build_area_codes.py, from zipcodes 3.0.0)\n" + "\n".join(rows) + "\n",
                   encoding="utf-8")
    print(f"{len(rows)} area codes of {len(by_code)} -> {OUT}")


if __name__ == "__main__":
    main()
