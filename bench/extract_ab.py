"""Two trees of warcount side by side as whole ``warcount extract`` processes, with trafilatura alone
between them, alternately, ``--rounds`` times: the CPU (user + system, rusage) of each, the medians,
each one's ratio to trafilatura alone and the ratio of the two trees, and whether their JSONL agree.

    python bench/extract_ab.py BEFORE_TREE AFTER_TREE [--rounds 5] [--corpus ../shared/corpus]

Why: on a shared machine the CPU of one process still varies by 10 % from run to run, so the
before and after of a change, run minutes apart (``extract_compare.py --processes`` once per tree),
can differ by more than the change; alternated round by round they see the same load. A tree is a
checkout of the repository (``git archive <commit> | tar -x -C DIR``), put first on PYTHONPATH.
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("before", type=Path)
    ap.add_argument("after", type=Path)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--corpus", type=Path, default=Path("../shared/corpus"))
    args = ap.parse_args()
    folder = str((args.corpus / "dev" / "html-articles" / "html").resolve())
    exe = str(Path(sys.executable).with_name("warcount"))
    here = str(Path(__file__).resolve().with_name("extract_compare.py"))
    runs = {
        "trafilatura alone": ([sys.executable, here, "--trafilatura-alone", folder], args.after),
        f"extract {args.before.name}": ([exe, "extract", "--format", "jsonl", folder], args.before),
        f"extract {args.after.name}": ([exe, "extract", "--format", "jsonl", folder], args.after),
    }
    cpu: dict[str, list[float]] = {name: [] for name in runs}
    outs: dict[str, bytes] = {}
    for i in range(args.rounds):
        for name, (cmd, tree) in runs.items():
            env = dict(os.environ, PYTHONPATH=str(tree.resolve()))
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            with tempfile.TemporaryFile() as sink:
                subprocess.run(cmd, stdout=sink, stderr=subprocess.DEVNULL, env=env, cwd=tree)
                sink.seek(0)
                outs[name] = sink.read()
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu[name].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        print(i, {k: round(v[-1], 2) for k, v in cpu.items()}, flush=True)
    med = {k: statistics.median(v) for k, v in cpu.items()}
    base = med["trafilatura alone"]
    for name, c in med.items():
        print(f"{name:32s} CPU median {c:6.2f} s  ratio to trafilatura alone {c / base:.3f}")
    names = list(runs)
    print(f"after / before {med[names[2]] / med[names[1]]:.3f}; same JSONL: {outs[names[1]] == outs[names[2]]}; "
          f"load {' '.join('%.2f' % x for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
