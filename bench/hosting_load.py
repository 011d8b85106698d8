"""Load on generator.server with many clients at once, measured by wrk (Debian's `wrk` package) from its
own process, against two baselines in the same run: the standard library's threading server
(http.server, a thread per connection, what main's server was built on) with its default listen
backlog of 5, and the same with a backlog of 1024. Every server runs in its own process; the clients
fetch a mix of pages, CSS and QR codes with Accept-Encoding: gzip on keep-alive connections.
Run by hand, not in CI.

    python3 bench/hosting_load.py                      # builds the sample from content/ into a temp folder
    python3 bench/hosting_load.py site/ --clients 500  # a built site
"""

import argparse
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import build  # noqa: E402
from synthetic import make_portal, sample_procedures  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SERVERS = {
    "generator.server": "from generator.server import Server; Server(site, port).thread.join()",
    "http.server, backlog 5": "threading_server(5)",
    "http.server, backlog 1024": "threading_server(1024)",
}
# A server process: `site` and `port` from argv, then one line from SERVERS.
SERVER_PROCESS = """
import functools, http.server, sys
sys.path.insert(0, {root!r})
site, port = sys.argv[1], int(sys.argv[2])

def threading_server(backlog):
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=site)
    handler.func.protocol_version = "HTTP/1.1"  # keep-alive, as main's handler had
    server_class = type("Server", (http.server.ThreadingHTTPServer,), {{"request_queue_size": backlog}})
    server_class(("127.0.0.1", port), handler).serve_forever()

{start}
"""
# wrk's script: each request the next path of the mix.
WRK_SCRIPT = """
local paths = {{{paths}}}
local next_path = 0
request = function()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path], {{["Accept-Encoding"] = "gzip"}})
end
"""


def mix(site: Path) -> list[str]:
    """URL paths a visitor fetches: every page, then CSS and QR codes."""
    pages = ["/" + "".join(f"{part}/" for part in path.parent.relative_to(site).parts)
             for path in sorted(site.glob("**/index.html"))]
    files = sorted(site.glob("assets/**/*.css")) + sorted(site.glob("thu-tuc/*/qr.svg"))
    return pages + ["/" + path.relative_to(site).as_posix() for path in files]


def load(site: Path, name: str, start: str, port: int, script: Path, args) -> dict:
    code = SERVER_PROCESS.format(root=str(ROOT), start=start)
    # The baselines print a traceback for every connection a client drops; the numbers tell enough.
    server = subprocess.Popen([sys.executable, "-c", code, str(site), str(port)], stderr=subprocess.DEVNULL)
    try:
        _wait_for(port)
        result = subprocess.run(["wrk", f"-c{args.clients}", "-t2", f"-d{args.seconds}s", f"--timeout={args.timeout}s",
                                 "--latency", "-s", str(script), f"http://127.0.0.1:{port}"],
                                capture_output=True, text=True, check=True).stdout
    finally:
        server.terminate()
        server.wait()
    return {"name": name, **parse(result)}


def _wait_for(port: int) -> None:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"no server answered on port {port}")


def parse(output: str) -> dict:
    def number(pattern: str) -> float:
        found = re.search(pattern, output)
        return float(found.group(1)) if found else 0.0

    def ms(label: str) -> float:
        found = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)\b", output)
        return float(found.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[found.group(2)] if found else float("nan")

    errors = {kind: int(number(rf"{kind} (\d+)")) for kind in ("connect", "read", "write", "timeout")}
    errors["non-2xx/3xx"] = int(number(r"Non-2xx or 3xx responses: (\d+)"))
    return {"requests": int(number(r"(\d+) requests in")), "errors": errors,
            "throughput": number(r"Requests/sec:\s+([\d.]+)"), "p50": ms("50"), "p90": ms("90"), "p99": ms("99")}


def report(result: dict) -> str:
    errors = ", ".join(f"{kind} {count}" for kind, count in result["errors"].items() if count) or "none"
    return (f"{result['name']:>26}: {result['requests']} requests, errors: {errors}; {result['throughput']:.0f} req/s; "
            f"latency p50 {result['p50']:.1f} ms, p90 {result['p90']:.1f} ms, p99 {result['p99']:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", nargs="?", type=Path, help="a built site (default: build the sample)")
    parser.add_argument("--clients", type=int, default=200, help="connections open at once")
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--timeout", type=float, default=5, help="seconds before wrk counts a request as timed out")
    parser.add_argument("--port", type=int, default=8790)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    with tempfile.TemporaryDirectory() as work:
        site = args.site
        if site is None:
            site = Path(work) / "site"
            print(f"Building the sample into {site} ...", flush=True)
            build(make_portal(Path(work), len(sample_procedures())))
        paths = mix(site)
        script = Path(work) / "mix.lua"
        script.write_text(WRK_SCRIPT.format(paths=", ".join(f'"{path}"' for path in paths)))
        print(f"{args.clients} clients for {args.seconds} s, {len(paths)} URLs, time-out {args.timeout:g} s", flush=True)
        results = []
        for offset, (name, start) in enumerate(SERVERS.items()):
            results.append(load(site, name, start, args.port + offset, script, args))
            print(report(results[-1]), flush=True)
    ours = results[0]
    for baseline in results[1:]:
        print(f"generator.server ÷ {baseline['name']}: throughput {ours['throughput'] / baseline['throughput']:.3g}×, "
              f"p99 {ours['p99'] / baseline['p99']:.3g}×, errors {sum(ours['errors'].values())} vs "
              f"{sum(baseline['errors'].values())}")


if __name__ == "__main__":
    main()
