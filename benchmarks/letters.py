"""Benchmark: letter PDFs a second on two cores (issue 15 asks for 10), against bare WeasyPrint on
the same HTML.

Not part of the test suite (timings vary by machine). Run it alone or through `python -m benchmarks`:

    python -m benchmarks.letters [SECONDS]

Real letters: each kind's example data (the data `recourse letter --example` uses) through
app.letters.render.render(..., fmt="pdf"), the path a letter download takes, for five kinds in
four jurisdictions and three languages, one of them Chinese (CJK fonts are the slow part of a
PDF). Two processes render letters one after another for a fixed time, the kinds in turn, after a
warm-up; the figure is the sum of their rates. Then the same with bare WeasyPrint
(`HTML(string=html).write_pdf()`) on the HTML the letters rendered to: the difference is what the
app adds (its Jinja2 templates, the static-only URL fetcher, dropping attachments).
"""

from __future__ import annotations

import multiprocessing
import os
import statistics
import sys
import time

LETTERS = (("us.dispute-cra", "en"), ("us.debt-validation", "en"), ("uk.access", "en"), ("eu.access", "de"),
           ("cn.objection", "zh"))
PROCESSES = 2
TARGET = 10.0


def _html(kind_id: str, lang: str) -> str:
    from app.letters.catalog import example_data, get_kind
    from app.letters.render import render_html

    kind = get_kind(kind_id)
    return render_html(kind, example_data(kind, lang), lang=lang)


def _one(mode: str, kind_id: str, lang: str, html: str) -> bytes:
    if mode == "app":
        from app.letters.catalog import example_data, get_kind
        from app.letters.render import render

        kind = get_kind(kind_id)
        return render(kind, example_data(kind, lang), lang=lang, fmt="pdf")
    from weasyprint import HTML

    from app.pdf import STATIC

    return HTML(string=html, base_url=STATIC.as_uri() + "/").write_pdf()


def _worker(mode: str, seconds: float, htmls: dict, barrier, results) -> None:
    for (kind_id, lang), html in htmls.items():  # warm up: imports, fonts, templates
        _one(mode, kind_id, lang, html)
    barrier.wait()
    times: dict[str, list[float]] = {}
    count, start, cpu = 0, time.perf_counter(), time.process_time()
    end = start + seconds
    while time.perf_counter() < end:
        kind_id, lang = LETTERS[count % len(LETTERS)]
        t = time.perf_counter()
        pdf = _one(mode, kind_id, lang, htmls[(kind_id, lang)])
        assert pdf.startswith(b"%PDF")
        times.setdefault(f"{kind_id} ({lang})", []).append((time.perf_counter() - t) * 1000)
        count += 1
    results.put((count, time.perf_counter() - start, times, time.process_time() - cpu))


def rate(mode: str, seconds: float, processes: int = PROCESSES) -> tuple[float, float, dict[str, float]]:
    """PDFs a second over `processes` processes, the CPU milliseconds a PDF took on average (what a
    free core would need, whatever else runs), and the median wall milliseconds of each kind."""
    htmls = {letter: _html(*letter) for letter in LETTERS}
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(processes), ctx.Queue()
    workers = [ctx.Process(target=_worker, args=(mode, seconds, htmls, barrier, results)) for _ in range(processes)]
    for w in workers:
        w.start()
    done = [results.get(timeout=seconds + 300) for _ in workers]
    for w in workers:
        w.join()
    per_kind: dict[str, list[float]] = {}
    for _, _, times, _ in done:
        for kind, ms in times.items():
            per_kind.setdefault(kind, []).extend(ms)
    cpu_ms = sum(d[3] for d in done) / sum(d[0] for d in done) * 1000
    return (sum(count / elapsed for count, elapsed, _, _ in done), cpu_ms,
            {k: statistics.median(v) for k, v in per_kind.items()})


def run(*, seconds: float = 10.0) -> tuple[list[tuple[str, str, str, float]], dict[str, dict[str, float]]]:
    """Table rows (figure, measured, target, ratio >= 1 is met) and the median ms per kind."""
    app_rate, app_cpu, app_ms = rate("app", seconds)
    bare_rate, bare_cpu, bare_ms = rate("bare", seconds)
    free = PROCESSES * 1000 / app_cpu  # the rate two free cores would give at this CPU cost
    rows = [
        (f"letter PDFs a second, {PROCESSES} processes, 5 kinds incl. Chinese", f"{app_rate:.1f}/s",
         f"{TARGET:.0f}/s on 2 cores", app_rate / TARGET),
        ("letter PDF, CPU each (2 free cores would make 2000 / it)", f"{app_cpu:.0f} ms",
         f"< {PROCESSES * 1000 / TARGET:.0f} ms ({free:.1f}/s)", PROCESSES * 1000 / TARGET / app_cpu),
        ("bare WeasyPrint on the same HTML, 2 processes", f"{bare_rate:.1f}/s", f"(CPU each {bare_cpu:.0f} ms)", 1.0),
    ]
    return rows, {"app": app_ms, "bare": bare_ms}


def main() -> int:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 10.0
    rows, ms = run(seconds=seconds)
    for figure, measured, target, ratio in rows:
        print(f"{figure:<62} {measured:>10}  {target:<18} {ratio:5.2f}{'' if ratio >= 1 else '  (missed)'}")
    print(f"\nmedian ms per PDF, under {PROCESSES} processes at once:   app     bare")
    for kind in ms["app"]:
        print(f"  {kind:<40} {ms['app'][kind]:8.0f} {ms['bare'].get(kind, float('nan')):8.0f}")
    print(f"\n{os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
