#!/usr/bin/env python3
"""Builds generated news corpora with sitegen and Hugo in the same run, alternating, and
prints medians of wall time, CPU time and peak memory, with the ratios sitegen / Hugo and
sitegen / the one-thread cmark-gfm floor.

    Benchmarks/run.sh [--sizes 1000,10000] [--runs 3] [--no-hugo] [--out bench-out]

Corpora come from Benchmarks/corpus/gen_corpus.py (seed 1; a copy of shared/bench's) and are kept in --out between runs.
Every build writes into a fresh folder of its own under --runs-dir (default <out>/runs). The
folders are removed only at the end, and the next run waits until seven minutes have passed
since then: on ext4 without a journal (this machine's disk) every new inode is checked
against the inode table for one deleted recently (`recently_deleted` in fs/ext4/ialloc.c: 60 s,
or 360 s while the table block is dirty), and after tens of thousands of deletions that scan
made the same 10,000-article build spend 7 s in the kernel instead of 0.5 s. New folders go
to their parent's block group, so the outputs of the next run land right among the deleted
ones. Deletions made outside this script are not seen: leave the disk alone for seven
minutes before measuring.
A --runs-dir on tmpfs (/dev/shm/x) measures without the disk's share and waits for nothing.
Needs GNU time (/usr/bin/time, Debian's `time`) and Hugo (`apt-get install hugo`).
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GEN = os.path.join(HERE, "corpus", "gen_corpus.py")
SITEGEN = os.path.join(ROOT, ".build", "release", "sitegen")


def sh(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def corpus(out, size, layout):
    path = os.path.join(out, f"{layout}-{size}")
    if not os.path.exists(os.path.join(path, ".complete")):
        shutil.rmtree(path, ignore_errors=True)
        sh([sys.executable, GEN, "--articles", str(size), "--seed", "1", "--layout", layout, path],
           stdout=subprocess.DEVNULL)
        if layout == "sitegen":
            shutil.copytree(os.path.join(ROOT, "Templates"), os.path.join(path, "Templates"))
        open(os.path.join(path, ".complete"), "w").close()
    elif layout == "sitegen":
        # The theme may have changed since the corpus was made.
        shutil.rmtree(os.path.join(path, "Templates"))
        shutil.copytree(os.path.join(ROOT, "Templates"), os.path.join(path, "Templates"))
    return path


def timed(cmd, cwd=None):
    """Runs cmd under GNU time; returns (wall s, cpu s, peak MiB, stdout)."""
    with tempfile.NamedTemporaryFile("r") as t:
        p = subprocess.run(["/usr/bin/time", "-f", "%e %U %S %M", "-o", t.name] + cmd, cwd=cwd,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if p.returncode != 0:
            sys.exit(f"failed: {' '.join(cmd)}\n{p.stderr[-2000:]}")
        wall, user, system, rss = t.read().split()[-4:]
    return float(wall), float(user) + float(system), int(rss) / 1024, p.stdout


RUN = [0]


def fresh_dest(runs, tool):
    RUN[0] += 1
    return os.path.join(runs, f"{tool}-{RUN[0]}")


def sitegen_build(path, runs):
    return timed([SITEGEN, "build", "--source", path, "--output", fresh_dest(runs, "sitegen")])


def hugo_build(path, runs):
    return timed(["hugo", "--quiet", "-s", path, "-d", fresh_dest(runs, "hugo")])


# How long ext4 without a journal keeps scanning past deleted inodes (see the top of this file), and a margin.
DELETE_SETTLE = 400


def on_tmpfs(path):
    """Whether path is on a tmpfs (read from /proc/mounts: the longest mount point above it)."""
    path = os.path.realpath(path)
    best, kind = "", ""
    try:
        with open("/proc/mounts") as f:
            for line in f:
                fields = line.split()
                mount, fstype = fields[1], fields[2]
                if (path == mount or path.startswith(mount.rstrip("/") + "/")) and len(mount) > len(best):
                    best, kind = mount, fstype
    except OSError:
        return False
    return kind == "tmpfs"


def remove_runs(runs, out):
    """Removes the build outputs, syncs, and notes when, so the next run can wait it out."""
    if not os.path.exists(runs):
        return
    shutil.rmtree(runs, ignore_errors=True)
    os.sync()
    if not on_tmpfs(os.path.dirname(runs)):
        with open(os.path.join(out, ".removed-at"), "w") as f:
            f.write(str(time.time()))


def wait_for_settled_disk(out):
    try:
        with open(os.path.join(out, ".removed-at")) as f:
            removed = float(f.read())
    except (OSError, ValueError):
        return
    wait = DELETE_SETTLE - (time.time() - removed)
    if wait > 0:
        print(f"waiting {wait:.0f} s: the last run's outputs were deleted {DELETE_SETTLE - wait:.0f} s ago "
              "(ext4 allocates inodes slowly for six minutes after mass deletions)", flush=True)
        time.sleep(wait)


def floor(path):
    return timed([SITEGEN, "bench-floor", "--source", path])


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-hugo", action="store_true")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench-out"))
    ap.add_argument("--runs-dir", help="where the builds write (default <out>/runs)")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    runs_dir = args.runs_dir or os.path.join(args.out, "runs")
    remove_runs(runs_dir, args.out)  # left by an interrupted run
    os.makedirs(runs_dir)
    if not on_tmpfs(runs_dir):
        wait_for_settled_disk(args.out)
    hugo = not args.no_hugo and shutil.which("hugo") is not None
    if not args.no_hugo and not hugo:
        print("note: hugo is not installed (apt-get install hugo); measuring sitegen alone")

    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}; runs {args.runs}")
    rows = []
    for size in [int(s) for s in args.sizes.split(",")]:
        site = corpus(args.out, size, "sitegen")
        peer = corpus(args.out, size, "hugo") if hugo else None
        s_runs, h_runs, f_runs = [], [], []
        report = ""
        for _ in range(args.runs):  # alternate, so both see the same machine
            wall, cpu, rss, report = sitegen_build(site, runs_dir)
            s_runs.append((wall, cpu, rss))
            if peer:
                wall, cpu, rss, _ = hugo_build(peer, runs_dir)
                h_runs.append((wall, cpu, rss))
            wall, cpu, rss, _ = floor(site)
            f_runs.append((wall, cpu, rss))
        s = [median([r[i] for r in s_runs]) for i in range(3)]
        h = [median([r[i] for r in h_runs]) for i in range(3)] if h_runs else None
        f = [median([r[i] for r in f_runs]) for i in range(3)]
        rows.append((size, s, h, f))
        stages = [line for line in report.splitlines() if line.startswith("Time:")]
        print(f"\n{size} articles — sitegen's own report of its last run: {stages[0] if stages else ''}")

    print()
    print(f"{'articles':>9} | {'sitegen wall':>12} {'cpu':>7} {'peak MiB':>9} | {'hugo wall':>9} {'cpu':>7} {'peak MiB':>9}"
          f" | {'floor wall':>10} | {'wall/hugo':>9} {'mem/hugo':>8} {'wall/floor':>10}")
    for size, s, h, f in rows:
        hw = f"{h[0]:9.2f} {h[1]:7.2f} {h[2]:9.0f}" if h else f"{'-':>9} {'-':>7} {'-':>9}"
        ratios = f"{s[0] / h[0]:9.3f} {s[2] / h[2]:8.3f}" if h else f"{'-':>9} {'-':>8}"
        print(f"{size:>9} | {s[0]:12.2f} {s[1]:7.2f} {s[2]:9.0f} | {hw} | {f[0]:10.2f} | {ratios} {s[0] / f[0]:10.2f}")
    remove_runs(runs_dir, args.out)
    if len(rows) >= 2:
        (n1, s1, _, _), (n2, s2, _, _) = rows[-2], rows[-1]
        print(f"\nscaling {n1} → {n2} articles: wall × {s2[0] / s1[0]:.2f} for × {n2 / n1:.0f} the articles")


if __name__ == "__main__":
    main()
