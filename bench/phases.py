"""Where one `mkdocs build` spends its time: reading the records (on_config), MkDocs' page loop (from the
end of on_files to the last page's on_post_page) and what follows it (search index, .gz copies), for a
portal of N procedures; a first build, then a rebuild in the
same process (records read again only if changed, QR codes and cards from the cache). Checkouts given
with --code take turns, each round on a fresh cache, so their figures share the machine's state.

    python3 bench/phases.py --size 2000 --rounds 3 --code . --code /tmp/old   # /tmp/old: a `git worktree`
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HOOKS = ("on_config", "on_files", "on_post_page", "on_post_build")


def timed_builds(config: str) -> None:
    """In a process whose PYTHONPATH is the checkout under test: two builds, their phases printed."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import generator.plugin as plugin

    marks: dict[str, float] = {}

    def timed(name):
        original = getattr(plugin.PortalPlugin, name)

        def hook(self, *args, **kwargs):
            marks.setdefault(name + " start", time.perf_counter())
            result = original(self, *args, **kwargs)
            marks[name + " end"] = time.perf_counter()
            return result
        return hook

    for name in HOOKS:
        setattr(plugin.PortalPlugin, name, timed(name))
    for run in ("first build", "rebuild"):
        marks.clear()
        start, cpu = time.perf_counter(), os.times()
        settings = load_config(config)
        settings.plugins.on_startup(command="build", dirty=False)
        build(settings)
        end, used = time.perf_counter(), os.times()
        own = used.user - cpu.user + used.system - cpu.system
        print(f"  {run:11}  {end - start:5.1f} s;  records {marks['on_config end'] - marks['on_config start']:4.1f} s,"
              f"  page loop {marks['on_post_page end'] - marks['on_files end']:4.1f} s,"
              f"  after the pages {marks['on_post_build end'] - marks['on_post_build start']:4.1f} s;"
              f"  CPU of the main process {own:5.1f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--code", action="append", help="a checkout to build with (default: this one)")
    args = parser.parse_args()
    root = Path(__file__).resolve().parent.parent
    sys.path.insert(0, str(root / "bench"))
    from synthetic import make_portal

    codes = [Path(code).resolve() for code in args.code or [root]]
    with tempfile.TemporaryDirectory() as work:
        config = make_portal(Path(work), args.size)
        for round_ in range(1, args.rounds + 1):
            for code in codes:
                for folder in (".cache", "site"):  # a first build from nothing
                    shutil.rmtree(Path(work) / folder, ignore_errors=True)
                print(f"{code}, round {round_}, {args.size} procedures:", flush=True)
                subprocess.run([sys.executable, __file__, "--child", str(config)], cwd=work, check=True,
                               env={**os.environ, "PYTHONPATH": str(code), "NO_MKDOCS_2_WARNING": "1"})


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        timed_builds(sys.argv[2])
    else:
        main()
