"""Aggregation timing: a region's returns against openpyxl loading the same workbooks.

Run: python benchmarks/bench_aggregate.py [--count 200] [--runs 3]

It writes `count` demo returns from different seeds and both organisation types: half as
.sendassess documents, half as workbooks (filled-in return templates, and every third of them
the compliance workbook the app exports). It then times, as the median of `runs` runs taken in
turns so that all see the same load:

- aggregate() of each return, workbooks and documents apart (and once of all together);
- openpyxl.load_workbook(read_only=True, data_only=True) of each workbook, then close: the
  bare load. Read-only mode reads no cell until a sheet is iterated, so this is the floor;
- the same load reading every sheet's values (iter_rows(values_only=True)): what any importer
  has to do at least.

Per-return costs are printed with their ratios. Target: aggregating the mixed returns costs
within 1.5x per return of openpyxl merely loading a workbook; documents much faster. The
ratio of a workbook return to loading and reading the workbook shows what the import adds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from openpyxl import load_workbook

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from selfassess.framework import Framework, bundled_framework
from selfassess.returns.aggregate import aggregate
from selfassess.returns.demo_returns import write_demo_returns

RATIO_LIMIT = 1.5


def load_only(path: Path) -> None:
    load_workbook(path, read_only=True, data_only=True).close()


def load_and_read(path: Path) -> None:
    workbook = load_workbook(path, read_only=True, data_only=True)
    for sheet in workbook.worksheets:
        for _ in sheet.iter_rows(values_only=True):
            pass
    workbook.close()


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def run_once(paths: list[Path], framework: Framework) -> dict[str, float]:
    """Seconds per kind of work, each file's three timings taken one after the other.

    Taking them in turns, file by file, lets every measure see the same load on a shared
    machine; one aggregate() per file costs nothing measurable over one for all of them.
    """
    totals = dict.fromkeys(
        ("workbooks", "documents", "openpyxl load", "openpyxl load and read"), 0.0
    )
    for path in paths:
        ours = timed(lambda path=path: aggregate([path], framework))
        if path.suffix == ".xlsx":
            totals["workbooks"] += ours
            totals["openpyxl load"] += timed(lambda path=path: load_only(path))
            totals["openpyxl load and read"] += timed(lambda path=path: load_and_read(path))
        else:
            totals["documents"] += ours
    totals["all returns"] = totals["workbooks"] + totals["documents"]
    return totals


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    framework = bundled_framework()
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        paths = write_demo_returns(Path(folder), framework, args.count, compliance_every=3)
        print(f"wrote {len(paths)} returns in {time.perf_counter() - started:.1f} s")
        workbooks = [p for p in paths if p.suffix == ".xlsx"]
        documents = [p for p in paths if p.suffix != ".xlsx"]
        found = aggregate(paths, framework)
        assert len(found.returns) == len(paths) and not found.unreadable, found.unreadable
        started = time.perf_counter()
        whole = aggregate(paths, framework)
        print(f"aggregated {len(whole.returns)} returns at once in "
              f"{time.perf_counter() - started:.1f} s")  # fmt: skip
        runs = [run_once(paths, framework) for _ in range(args.runs)]
        seconds = {name: statistics.median(run[name] for run in runs) for name in runs[0]}
    per = {
        "all returns": seconds["all returns"] / len(paths),
        "workbooks": seconds["workbooks"] / len(workbooks),
        "documents": seconds["documents"] / len(documents),
        "openpyxl load": seconds["openpyxl load"] / len(workbooks),
        "openpyxl load and read": seconds["openpyxl load and read"] / len(workbooks),
    }
    counts = {"all returns": len(paths), "documents": len(documents)}
    print(f"{'':<26}{'total s':>9}{'per return ms':>15}")
    for name, value in per.items():
        count = counts.get(name, len(workbooks))
        print(f"{name:<26}{seconds[name]:>9.2f}{value * 1000:>15.1f}   ({count} files)")
    ratios = {
        "any return (mixed) / openpyxl bare load": per["all returns"] / per["openpyxl load"],
        "workbook return / openpyxl load and read": (
            per["workbooks"] / per["openpyxl load and read"]
        ),
        "workbook return / openpyxl bare load": per["workbooks"] / per["openpyxl load"],
        "document return / workbook return": per["documents"] / per["workbooks"],
    }
    for name, ratio in ratios.items():
        print(f"{name:<42}{ratio:>6.2f}x")
    target = ratios["any return (mixed) / openpyxl bare load"]
    print(f"target: a return within {RATIO_LIMIT}x of openpyxl loading a workbook: {target:.2f}x")
    return 0 if target <= RATIO_LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
