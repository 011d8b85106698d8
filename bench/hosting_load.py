"""Load on generator.hosting's server: N clients at once, each making M requests on one keep-alive
connection (pages, CSS and QR codes, with Accept-Encoding: gzip), against the server as it is, the same
server with main's listen backlog of 5, and main's server (backlog 5, Nagle's algorithm on). Latencies
count every request, failed ones until they failed. Run by hand, not in CI.

    python3 bench/hosting_load.py                      # builds the sample from content/ into a temp folder
    python3 bench/hosting_load.py site/ --clients 500  # a built site

The server runs in its own process, so the clients' threads do not share its interpreter lock.
"""

import argparse
import http.client
import multiprocessing
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import build  # noqa: E402
from synthetic import make_portal, sample_procedures  # noqa: E402
from generator.hosting import BACKLOG, start_server  # noqa: E402

OLD_BACKLOG = 5  # socketserver's default request_queue_size, which main used
RUNS = [("now", BACKLOG, True), ("backlog 5", OLD_BACKLOG, True), ("main: backlog 5, Nagle", OLD_BACKLOG, False)]


def mix(site: Path) -> list[str]:
    """URL paths a visitor fetches: pages, then CSS and QR codes."""
    pages = ["/" + "".join(f"{part}/" for part in path.parent.relative_to(site).parts)
             for path in sorted(site.glob("**/index.html"))]
    files = sorted(site.glob("assets/**/*.css")) + sorted(site.glob("thu-tuc/*/qr.svg"))
    return pages + ["/" + path.relative_to(site).as_posix() for path in files]


def _serve(site: Path, backlog: int, no_delay: bool, ports) -> None:
    server = start_server(site, backlog=backlog)
    server.RequestHandlerClass.disable_nagle_algorithm = no_delay  # this server's own handler class
    ports.put(server.server_address[1])
    threading.Event().wait()


def load(site: Path, name: str, backlog: int, no_delay: bool, clients: int, requests: int, timeout: float) -> dict:
    ports = multiprocessing.Queue()
    server = multiprocessing.Process(target=_serve, args=(site, backlog, no_delay, ports), daemon=True)
    server.start()
    port = ports.get()
    urls = mix(site)
    latencies, errors = [], Counter()
    lock = threading.Lock()
    start = threading.Barrier(clients + 1)

    def client(seed: int) -> None:
        paths = random.Random(seed).choices(urls, k=requests)
        mine, failed = [], Counter()
        start.wait()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        for path in paths:
            began = time.perf_counter()
            try:
                connection.request("GET", path, headers={"Accept-Encoding": "gzip"})
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    failed[f"HTTP {response.status}"] += 1
            except (OSError, http.client.HTTPException) as error:
                failed[type(error).__name__] += 1
                connection.close()  # the next request opens a new connection
            mine.append(time.perf_counter() - began)  # failed requests too, until they failed
        connection.close()
        with lock:
            latencies.extend(mine)
            errors.update(failed)

    threads = [threading.Thread(target=client, args=(number,)) for number in range(clients)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - began
    server.terminate()
    server.join()
    latencies.sort()

    def percentile(share: float) -> float:
        return latencies[min(len(latencies) - 1, int(share * len(latencies)))] if latencies else float("nan")

    ok = len(latencies) - sum(errors.values())
    return {"name": name, "requests": len(latencies), "ok": ok, "errors": errors,
            "seconds": seconds, "throughput": ok / seconds, "p50": percentile(0.50),
            "p95": percentile(0.95), "p99": percentile(0.99), "max": latencies[-1] if latencies else float("nan")}


def report(result: dict) -> str:
    errors = ", ".join(f"{kind} {count}" for kind, count in result["errors"].most_common()) or "none"
    return (f"{result['name']:>22}: {result['requests']} requests, {result['ok']} ok, errors: {errors}; "
            f"{result['throughput']:.0f} req/s over {result['seconds']:.1f} s; "
            f"latency p50 {1000 * result['p50']:.1f} ms, p95 {1000 * result['p95']:.1f} ms, "
            f"p99 {1000 * result['p99']:.1f} ms, max {1000 * result['max']:.0f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build the sample)")
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=20, help="requests per client, on one connection")
    parser.add_argument("--timeout", type=float, default=5, help="seconds a client waits for each step")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        site = args.site
        if site is None:
            site = Path(work) / "site"
            print(f"Building the sample into {site} ...", flush=True)
            build(make_portal(Path(work), len(sample_procedures())))
        print(f"{args.clients} clients × {args.requests} requests, {len(mix(site))} URLs, timeout {args.timeout:g} s",
              flush=True)
        results = []
        for run in RUNS:
            results.append(load(site, *run, args.clients, args.requests, args.timeout))
            print(report(results[-1]), flush=True)
    new = results[0]
    for old in results[1:]:
        print(f"now ÷ {old['name']}: throughput {new['throughput'] / old['throughput']:.3g}×, "
              f"p99 {new['p99'] / old['p99']:.3g}×, "
              f"errors {sum(new['errors'].values())} vs {sum(old['errors'].values())}")


if __name__ == "__main__":
    main()
