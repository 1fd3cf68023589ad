#!/usr/bin/env python3
"""`uvimap summary` against its two baselines, side by side in one run
(scripts/bench-summary starts the Dovecot fixture and calls this).

1. One INBOX of 10,000 messages over TLS (user big): uvimap, the raw floor
   (bench_raw_floor: LOGIN, EXAMINE, one UID FETCH and LOGOUT in one write,
   the answer discarded) and the chapter's way (chapter_summary.py: imaplib
   FETCH BODY.PEEK[] of every message, then the email package).
2. 1,000 accounts of 20 messages each, at several concurrencies: uvimap and
   the floor, each with full TLS handshakes and with resumed sessions.

Every tool prints the same JSON line of what it cost (uvimap --stats, the
floor's result, chapter_summary.py --stats): wall time, client CPU time,
IMAP bytes read, peak resident set. Each tool runs once unmeasured, to warm
the server, then --runs times, the tools taking turns, and the median is
kept. Ratios are taken between tools
measured in the same round, so that a shared, noisy machine moves both
sides of a ratio alike. The figures go to standard output as tables (the
form docs/benchmarks.md shows) and to --out as JSON.
"""

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path


def read_env(fixture_dir):
    env = {}
    for line in (Path(fixture_dir) / "env").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, _, value = line.partition("=")
            env[key] = value
    return env


def run_tool(command, stdin_text=None, stats_on="stderr"):
    """Runs one tool, its output thrown away; returns its cost line."""
    done = subprocess.run(command, input=stdin_text, text=True, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    stream = done.stdout if stats_on == "stdout" else done.stderr
    lines = [line for line in stream.splitlines() if line.startswith("{")]
    if done.returncode != 0 or not lines:
        sys.exit(f"summary_bench: {' '.join(command)} failed ({done.returncode}):\n"
                 f"{done.stderr[-2000:]}")
    stats = json.loads(lines[-1])
    stats["cpu_s"] = stats["cpu_user_s"] + stats["cpu_sys_s"]
    return stats


def median_of(runs):
    keys = ("wall_s", "cpu_s", "bytes_read", "max_rss_kib")
    return {key: statistics.median(run[key] for run in runs) for key in keys}


def measure(tools, rounds):
    """tools: name -> zero-argument function returning a cost line. Runs
    each once unmeasured (Dovecot builds a folder's index and caches at the
    first SELECT, which would count against whoever comes first), then all
    of them in turn, `rounds` times; returns name -> median and the
    per-round lines."""
    for run in tools.values():
        run()
    runs = {name: [] for name in tools}
    for _ in range(rounds):
        for name, run in tools.items():
            runs[name].append(run())
    return {name: median_of(lines) for name, lines in runs.items()}, runs


def ratio_medians(runs, name, baseline, key):
    """The median over rounds of name/baseline, each ratio within a round."""
    return statistics.median(a[key] / b[key] for a, b in zip(runs[name], runs[baseline]))


def mib(kib):
    return kib / 1024


def big_folder(args, env, ca_file, big_dir):
    host, port = env["HOST"], env["IMAPS_PORT"]
    user, password = env["BIG_USER"], env["BIG_PASSWORD"] + "\n"
    tools = {
        "uvimap summary": lambda: run_tool(
            [args.uvimap, "summary", host, user, "INBOX", "--port", port, "--cafile", ca_file,
             "--stats"], password),
        "raw floor": lambda: run_tool(
            [args.floor, "--accounts", str(big_dir / "accounts.txt"), "--netrc",
             str(big_dir / "netrc"), "--ca-file", ca_file], stats_on="stdout"),
        "chapter (imaplib)": lambda: run_tool(
            ["python3", args.chapter, host, port, user, "INBOX", ca_file, "--stats"], password),
    }
    medians, runs = measure(tools, args.runs)
    print(f"\n## summary of one INBOX of {env['BIG_MESSAGES']} messages over TLS "
          f"(median of {args.runs} rounds)\n")
    print("| client | wall s | client CPU s | IMAP bytes read | max RSS MiB | wall / floor |")
    print("|---|---|---|---|---|---|")
    for name, m in medians.items():
        print(f"| {name} | {m['wall_s']:.2f} | {m['cpu_s']:.3f} | {m['bytes_read']:,.0f} | "
              f"{mib(m['max_rss_kib']):.1f} | "
              f"{ratio_medians(runs, name, 'raw floor', 'wall_s'):.2f} |")
    return {"medians": medians, "runs": runs}


def many_accounts(args, env, ca_file, many_dir):
    accounts = str(many_dir / "accounts.txt")
    netrc = str(many_dir / "netrc")
    count = sum(1 for line in open(accounts, encoding="utf-8") if line.strip())
    results = {}
    print(f"\n## summary of {count} accounts of {env['GEN_MESSAGES']} messages each "
          f"(median of {args.runs} rounds)\n")
    print("| concurrency | client | handshakes | wall s | client CPU s | max RSS MiB | "
          "accounts/s | wall / floor (full) |")
    print("|---|---|---|---|---|---|---|---|")
    for concurrency in args.concurrency:
        c = str(concurrency)

        def uvimap(*extra):
            return lambda: run_tool(
                [args.uvimap, "summary", "INBOX", "--accounts", accounts, "--netrc", netrc,
                 "--cafile", ca_file, "--concurrency", c, "--json", "--stats", "--no-progress",
                 *extra])

        def floor(*extra):
            return lambda: run_tool(
                [args.floor, "--accounts", accounts, "--netrc", netrc, "--ca-file", ca_file,
                 "--concurrency", c, *extra], stats_on="stdout")

        tools = {
            ("raw floor", "full"): floor("--no-resume"),
            ("uvimap", "full"): uvimap("--no-session-resumption"),
            ("uvimap", "resumed"): uvimap(),
            ("raw floor", "resumed"): floor(),
        }
        named = {f"{client}/{handshakes}": run for (client, handshakes), run in tools.items()}
        medians, runs = measure(named, args.runs)
        for key, m in medians.items():
            client, handshakes = key.split("/")
            print(f"| {concurrency} | {client} | {handshakes} | {m['wall_s']:.2f} | "
                  f"{m['cpu_s']:.3f} | {mib(m['max_rss_kib']):.1f} | "
                  f"{count / m['wall_s']:.0f} | "
                  f"{ratio_medians(runs, key, 'raw floor/full', 'wall_s'):.2f} |")
        results[concurrency] = {"medians": medians, "runs": runs}
    return results


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--fixture", required=True, help="the running fixture's directory")
    p.add_argument("--uvimap", required=True)
    p.add_argument("--floor", required=True, help="bench_raw_floor")
    p.add_argument("--chapter", required=True, help="chapter_summary.py")
    p.add_argument("--fixture-accounts", required=True, help="scripts/fixture-accounts")
    p.add_argument("--work", required=True, help="a directory for accounts files")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--concurrency", type=int, nargs="+", default=[64, 256, 1000])
    p.add_argument("--out", help="write the figures here as JSON")
    args = p.parse_args(argv)

    env = read_env(args.fixture)
    work = Path(args.work)
    big_dir, many_dir = work / "big", work / "many"

    def accounts(out_dir, *flags):
        return subprocess.run([args.fixture_accounts, args.fixture, str(out_dir), *flags],
                              check=True, text=True, stdout=subprocess.PIPE).stdout.strip()

    ca_file = accounts(big_dir, "--big")
    accounts(many_dir)

    results = {
        "big_folder": big_folder(args, env, ca_file, big_dir),
        "many_accounts": many_accounts(args, env, ca_file, many_dir),
    }
    if args.out:
        Path(args.out).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
