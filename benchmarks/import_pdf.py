"""Benchmark: importing the bureaus' annual-report PDFs (target: a 35-page report in under 2 s on
one core).

Not part of the test suite (timings vary by machine). Run it by hand:

    python benchmarks/import_pdf.py [RUNS]

It pins itself to one CPU core where the system allows, then times import_report on each sample
in tests/reports/samples (23 to 38 pages) and on a 35-page cut of the TransUnion sample, the
layout with the most text per page, and prints the median and worst wall-clock and CPU times.
The import runs in this process, so the CPU time is all of its work; on a busy machine the wall
time is longer than the CPU time by the time spent waiting for a core.

`run()` gives `python -m benchmarks` its rows: the 35-page cut in process (CPU time) and the same
file the way an upload reads it (app.reports.limited.read_reports: a child process with time and
memory limits), wall-clock.
"""

import io
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pypdfium2 as pdfium  # noqa: E402

from app.reports.importers import import_report  # noqa: E402

SAMPLES = Path(__file__).resolve().parent.parent / "tests" / "reports" / "samples"
TARGET_SECONDS = 2.0


def first_pages(data: bytes, count: int) -> bytes:
    source = pdfium.PdfDocument(data)
    out = pdfium.PdfDocument.new()
    out.import_pages(source, list(range(min(count, len(source)))))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def timed(data: bytes, runs: int) -> tuple[list[float], list[float], int]:
    walls, cpus = [], []
    accounts = 0
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        result = import_report(data, "pdf")
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        accounts = len(result.report.accounts)
    return walls, cpus, accounts


def run(runs: int = 3) -> dict[str, float]:
    """Median seconds for the 35-page cut: CPU in process, and wall-clock as an upload reads it."""
    from app.reports.limited import read_reports

    data = first_pages((SAMPLES / "transunion-2024-annual-sample.pdf").read_bytes(), 35)
    import_report(data, "pdf")  # warm up
    walls, cpus, _ = timed(data, runs)
    read_reports(data, "pdf")  # warm up the fork server
    uploads = []
    for _ in range(runs):
        start = time.perf_counter()
        read_reports(data, "pdf")
        uploads.append(time.perf_counter() - start)
    return {"cpu": statistics.median(cpus), "wall": statistics.median(walls), "upload": statistics.median(uploads)}


def main() -> int:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    cases = {p.name: p.read_bytes() for p in sorted(SAMPLES.glob("*.pdf"))}
    cases["transunion, first 35 pages"] = first_pages(
        (SAMPLES / "transunion-2024-annual-sample.pdf").read_bytes(), 35
    )
    import_report(cases["transunion, first 35 pages"], "pdf")  # warm up: imports, regexes
    slowest = 0.0
    print(f"{'file':58} {'pages':>5} {'accounts':>8} {'wall med/max':>14} {'cpu med/max':>14}")
    for name, data in cases.items():
        pages = len(pdfium.PdfDocument(data))
        walls, cpus, accounts = timed(data, runs)
        slowest = max(slowest, max(cpus) * 35 / pages)
        print(f"{name:58} {pages:5} {accounts:8} "
              f"{statistics.median(walls):6.3f}/{max(walls):6.3f} "
              f"{statistics.median(cpus):6.3f}/{max(cpus):6.3f}")  # fmt: skip
    verdict = "under" if slowest < TARGET_SECONDS else "OVER"
    print(f"worst CPU time scaled to 35 pages: {slowest:.3f} s ({verdict} {TARGET_SECONDS} s)")
    return 0 if slowest < TARGET_SECONDS else 1


if __name__ == "__main__":
    raise SystemExit(main())
