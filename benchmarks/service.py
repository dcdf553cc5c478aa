"""Requests per second and latency percentiles of `kpcert serve`, on loopback only.

Run by hand (never as a timed test):

    python benchmarks/service.py [--workers N] [--seconds 5] [--clients 1,8,64]

Starts `kpcert serve` on 127.0.0.1 (a free port, N worker processes, default one per core) with
the example trust list, then for each endpoint (validate: the JSON example; verify: its signed
twin) and each number of concurrent clients runs keep-alive clients (threads of this process,
on the same cores as the server) for a fixed time and
prints requests/s and the 50th, 90th and 99th latency percentiles. Every answer is checked
(200, verdict valid), so the figures are of work done right. The server is stopped at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
WHEN = "2026-02-18T00:00:00Z"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _start(port: int, workers: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "kpstandard.cli", "serve", "--host", "127.0.0.1",
               "--port", str(port), "--workers", str(workers),
               "--trust-list", str(ROOT / "examples/signed/trust-list.xml"),
               "--trust-anchor", str(ROOT / "examples/pki/operator/operator.cert.pem")]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the service did not start")


def _client(port: int, path: str, body: bytes, stop: float, latencies: list[float]) -> None:
    # http.client on a kept-alive connection sends headers and body in one write; httpx's
    # AsyncClient added a ~40 ms delayed-ACK stall per request on loopback, which measured the
    # client, not the service.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        while time.monotonic() < stop:
            start = time.perf_counter()
            connection.request("POST", path, body=body)
            response = connection.getresponse()
            answer = response.read()
            latencies.append(time.perf_counter() - start)
            if response.status != 200 or json.loads(answer)["verdict"] != "valid":
                raise SystemExit(f"unexpected answer: {response.status} {answer[:200]!r}")
    finally:
        connection.close()


def _run(
    port: int, path: str, body: bytes, clients: int, seconds: float
) -> tuple[float, list[float]]:
    latencies: list[float] = []
    start = time.monotonic()
    stop = start + seconds
    threads = [
        threading.Thread(target=_client, args=(port, path, body, stop, latencies))
        for _ in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(latencies) / (time.monotonic() - start), latencies


def _percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] * 1000 if len(values) > 1 else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", default="1,8,64")
    args = parser.parse_args()
    port = _free_port()
    server = _start(port, args.workers)
    cases = {
        "validate": ("/v1/validate", (ROOT / "examples/documents/bw-eu-unmixed.json")),
        "verify": (f"/v1/verify?verificationTime={WHEN}",
                   (ROOT / "examples/signed/bw-eu-unmixed.xml")),
    }  # fmt: skip
    print(f"kpcert serve, {args.workers} workers, {os.cpu_count()} cores, loopback, "
          f"{args.seconds:g} s per run")  # fmt: skip
    print(f"{'endpoint':<9} {'clients':>7} {'req/s':>8} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8}")
    try:
        for name, (url, path) in cases.items():
            body = path.read_bytes()
            for clients in (int(c) for c in args.clients.split(",")):
                rate, latencies = _run(port, url, body, clients, args.seconds)
                p50, p90, p99 = (_percentile(latencies, q) for q in (50, 90, 99))
                print(f"{name:<9} {clients:>7} {rate:>8.0f} {p50:>8.1f} {p90:>8.1f} {p99:>8.1f}")
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
