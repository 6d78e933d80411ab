"""Measure pages under load with wrk against gunicorn, and compare them with a bare Flask ceiling.

Used by bench/run.py; kept separate so the measuring is independent of what is measured.
"""

from __future__ import annotations

import gzip
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).resolve().parent.parent
DURATION, CONNECTIONS, THREADS = "10s", 8, 2


@dataclass
class Result:
    page: str
    who: str
    path: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    ratio: float | None = None
    queries: int | None = None
    html_bytes: int | None = None
    first_load_kb: float | None = None
    note: str | None = None  # how it was measured when not by wrk, or why it failed


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Gunicorn:
    """``gunicorn`` with 2 sync workers on 127.0.0.1, stopped by its own PID."""

    def __init__(self, app: str, env: dict, log_dir: Path, workers: int = 2):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"gunicorn-{self.port}.log"
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                app,
            ],
            cwd=ROOT,
            env={**os.environ, **env},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait()

    def _wait(self) -> None:
        for _ in range(300):
            if self.process.poll() is not None:
                break
            try:
                urllib.request.urlopen(self.base + "/healthz", timeout=1)
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn did not start on {self.base}: see {self.log_path}")

    def stop(self) -> None:
        """Graceful stop; a worker still busy with a slow request is stopped at once after 40 s."""
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=40)
        except subprocess.TimeoutExpired:
            self.process.send_signal(signal.SIGQUIT)
            self.process.wait(timeout=20)
        self.log.close()


_LATENCY = re.compile(r"^\s+(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$", re.M)
_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def fetch(url: str, cookie: str | None = None, timeout: float = 60) -> tuple[int, float, bytes]:
    """One GET: the status (0 when the server gave no answer), its seconds, the body."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
            return response.status, time.perf_counter() - started, body
    except urllib.error.HTTPError as error:
        return error.code, time.perf_counter() - started, b""
    except OSError:  # reset, timed out, or the worker killed by gunicorn's timeout
        return 0, time.perf_counter() - started, b""


def warm(url: str, cookie: str | None = None, times: int = 3) -> None:
    """A few requests first, so that both workers have loaded what the page needs."""
    for _ in range(times):
        fetch(url, cookie)


def wrk(url: str, cookie: str | None = None) -> tuple[float, float, float, int]:
    """requests/s, p50 ms, p99 ms and failed answers (non-2xx/3xx, socket errors) of one run."""
    # A request is an error after 30 s, gunicorn's own worker timeout (wrk's default is 2 s).
    command = [
        "wrk",
        "-t",
        str(THREADS),
        "-c",
        str(CONNECTIONS),
        "-d",
        DURATION,
        "--timeout",
        "30s",
        "--latency",
        url,
    ]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latencies = {p: float(v) * _UNITS[u] for p, v, u in _LATENCY.findall(output)}
    errors = sum(int(n) for n in re.findall(r"Non-2xx or 3xx responses: (\d+)", output))
    errors += sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", output))
    return rps, latencies.get("50", 0.0), latencies.get("99", 0.0), errors


class _Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "link" and attrs.get("rel") in ("stylesheet", "icon") and attrs.get("href"):
            self.urls.append(attrs["href"])
        elif tag in ("script", "img") and attrs.get("src"):
            self.urls.append(attrs["src"])


def page_weight(base: str, path: str, html: bytes, cookie: str | None = None) -> tuple[int, float]:
    """The HTML's size, and the first load (HTML + CSS + JS + images), gzip-compressed, in KB."""
    parser = _Assets()
    parser.feed(html.decode("utf-8", "replace"))
    total = len(gzip.compress(html))
    for url in dict.fromkeys(parser.urls):
        if url.startswith(("/", base)):
            total += len(gzip.compress(fetch(urljoin(base + path, url), cookie)[2]))
    return len(html), round(total / 1024, 1)


def table(results: list[Result]) -> str:
    header = (
        f"{'page':<22}{'who':<9}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'ratio':>7}{'SQL':>5}"
        f"{'HTML KB':>9}{'1st load KB':>12}{'errors':>8}"
    )
    lines = [header, "-" * len(header)]
    for r in results:
        ratio = f"{r.ratio:.2f}" if r.ratio is not None else "-"
        queries = str(r.queries) if r.queries is not None else "-"
        html = f"{r.html_bytes / 1024:.1f}" if r.html_bytes else "-"
        first = f"{r.first_load_kb:.1f}" if r.first_load_kb is not None else "-"
        rps = f"{r.requests_per_second:.1f}" if r.requests_per_second < 10 else f"{r.requests_per_second:.0f}"
        lines.append(
            f"{r.page:<22}{r.who:<9}{rps:>8}{r.p50_ms:>8.1f}{r.p99_ms:>8.1f}"
            f"{ratio:>7}{queries:>5}{html:>9}{first:>12}{r.errors:>8}{' *' if r.note else ''}"
        )
    lines += [f"* {r.page}, {r.who}: {r.note}" for r in results if r.note]
    return "\n".join(lines)


def as_dicts(results: list[Result]) -> list[dict]:
    return [asdict(result) for result in results]
