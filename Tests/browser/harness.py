"""What the browser tests share: the sites, `sitegen serve` as a subprocess, Chromium, and
small helpers that ask the page what a reader would see.

Nothing here touches the network beyond 127.0.0.1: the driver is the Debian one, given by path,
and Chromium resolves every other host to nothing.
"""

import json
import datetime
import os
import pathlib
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

REPO = pathlib.Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("SITEGEN_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("SITEGEN_CHROMEDRIVER", "/usr/bin/chromedriver")
SCREENSHOTS = pathlib.Path(os.environ.get("SITEGEN_SCREENSHOTS", REPO / "bench-out" / "browser-screenshots"))

SERVER_START_TIMEOUT = 120  # seconds: a debug build of the 200-article site takes well under one


class Loud(Exception):
    """A set-up problem that must fail the run with a message a person reads."""


def banner(message, suite="BROWSER"):
    line = "!" * 78
    return f"\n{line}\n{suite} TESTS CANNOT RUN: {message}\n{line}\n"


# ---------------------------------------------------------------------------------------------
# The sitegen binary and the sites


def sitegen_binary(runner="scripts/browser-tests"):
    """The binary the runner script built (SITEGEN_BIN), or the debug build in .build/."""
    path = os.environ.get("SITEGEN_BIN") or str(REPO / ".build" / "debug" / "sitegen")
    if not os.access(path, os.X_OK):
        raise Loud(f"no sitegen binary at {path}; run {runner} (it builds one) "
                   "or set SITEGEN_BIN")
    return path


def make_seed_site(dest):
    """A copy of the repository's own site (Content/, Templates/ and static/, which holds its
    logo), so edits never reach the repo."""
    dest = pathlib.Path(dest)
    for part in ("Content", "Templates", "static"):
        shutil.copytree(REPO / part, dest / part)
    return dest


def make_init_site(dest, now, base_url="https://example.org/"):
    """A new site as `sitegen init` writes it (no Templates/: the built-in theme), its example
    article dated `now`, so that a clock at or after it publishes it."""
    dest = pathlib.Path(dest)
    command = [sitegen_binary(), "init", str(dest), "--title", "Riverside Gazette", "--timezone", "UTC", "--now", now]
    if base_url:
        command += ["--base-url", base_url]
    run = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if run.returncode != 0 or not (dest / "Content" / "site.yml").is_file():
        raise Loud(f"sitegen init failed (exit {run.returncode}): {' '.join(command)}\n{run.stdout}\n{run.stderr}")
    return dest


def serve_seed_site_with(dest, files):
    """A generator for a module fixture: the seed site plus `files` (site path: text, or a Path to
    copy), served; stopped at the end, which must be a clean shutdown."""
    site = make_seed_site(dest)
    for path, content in files.items():
        target = site / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, pathlib.Path):
            shutil.copy(content, target)
        else:
            target.write_text(content)
    server = Server(site)
    try:
        yield server
    finally:
        assert server.stop() == 0, server.log()


def corpus_generator():
    """The corpus generator kept in the repository (Benchmarks/corpus, a copy of shared/bench's)."""
    script = REPO / "Benchmarks" / "corpus" / "gen_corpus.py"
    if not script.is_file():
        raise Loud(f"the corpus generator {script} is missing; the navigation tests need a 200-article site")
    return script


def make_generated_site(dest, articles=200, seed=1):
    """A generated news site of `articles` articles with the repository's theme."""
    dest = pathlib.Path(dest)
    script = corpus_generator()
    run = subprocess.run(
        [sys.executable, str(script), "--articles", str(articles), "--seed", str(seed), "--layout", "sitegen", str(dest)],
        capture_output=True, text=True, timeout=120)
    if run.returncode != 0 or not (dest / "Content" / "site.yml").is_file():
        raise Loud(f"{script} failed (exit {run.returncode}):\n{run.stdout}\n{run.stderr}")
    shutil.copytree(REPO / "Templates", dest / "Templates")
    add_newsroom(dest)
    return dest


# The bylines the newsroom overlay gives the generated articles, in turn: people, a pair, and the
# desk (an organisation, `organizations:` in site.yml), so that every page kind of a newsroom
# (author pages, /authors/, corrections) is in the sites the validators and browsers walk.
BYLINES = ['Ana Ruiz', '[Li Wei, Sam Okafor]', 'Sam Okafor', 'Staff', 'Li Wei']


def add_newsroom(dest):
    """Bylines on every generated article, a correction on every tenth (dated the day after it),
    and an author file with a portrait, role, links and biography. The corpus generator is the
    shared one, kept as it is: this is what a newsroom adds to it."""
    dest = pathlib.Path(dest)
    content = dest / "Content"
    with open(content / "site.yml", "a", encoding="utf-8") as config:
        config.write("organizations: [Staff]\n")
    articles = sorted((content / "articles").rglob("*.md"))
    for n, path in enumerate(articles):
        text = path.read_text(encoding="utf-8")
        head, sep, body = text[4:].partition("\n---\n")
        lines = head.split("\n")
        date = next((l.split(":", 1)[1].strip() for l in lines if l.startswith("date:")), None)
        lines.append(f"author: {BYLINES[n % len(BYLINES)]}")
        if n % 10 == 3 and date:
            day = datetime.date.fromisoformat(date[:10]) + datetime.timedelta(days=1)
            lines.append(f'corrections: [{{date: {day.isoformat()}, text: "An earlier version of this article misstated a figure."}}]')
        path.write_text("---\n" + "\n".join(lines) + sep + body, encoding="utf-8")
    (content / "authors").mkdir(exist_ok=True)
    (content / "images").mkdir(exist_ok=True)
    shutil.copy(REPO / "Tests" / "browser" / "fixtures" / "harbour.jpg", content / "images" / "ana-ruiz.jpg")
    (content / "authors" / "ana-ruiz.md").write_text(
        "---\nname: Ana Ruiz\ntitle: Science editor\n"
        "image: {src: /images/ana-ruiz.jpg, alt: Ana Ruiz at the harbour}\n"
        "links: [https://example.social/@ana, {title: Newsletter, url: \"https://ana.example/\"}]\n---\n"
        "Ana covers *crewed spaceflight* and the agencies behind it.\n", encoding="utf-8")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# The clock of every `sitegen serve` here: after the generated corpus's last date, so that all of
# its articles are published (the corpus is dated up to 2026-12-31).
SERVE_NOW = "2027-01-01T00:00:00Z"
# The example article of the `sitegen init` site is dated this, before SERVE_NOW: published.
INIT_NOW = "2026-12-31T12:00:00Z"


class Server:
    """`sitegen serve --source SITE --port PORT`, its output kept, stopped with SIGTERM (then SIGKILL)."""

    def __init__(self, source, binary=None):
        self.source = pathlib.Path(source)
        self.binary = binary or sitegen_binary()
        self.port = free_port()
        self.lines = []
        self._lines = queue.Queue()
        self.proc = subprocess.Popen(
            # The clock after the generated corpus's last date (2026-12-31): every article is published.
            [self.binary, "serve", "--source", str(self.source), "--port", str(self.port), "--now", SERVE_NOW],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self._wait_for_url()
        parts = urllib.parse.urlsplit(self.url)
        self.origin = f"{parts.scheme}://{parts.netloc}"

    def _read(self):
        for line in self.proc.stdout:
            line = line.rstrip("\n")
            self.lines.append(line)
            self._lines.put(line)
        self._lines.put(None)

    def _wait_for_url(self):
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                line = self._lines.get(timeout=max(0.05, deadline - time.monotonic()))
            except queue.Empty:
                break
            if line is None:
                self.proc.wait(timeout=10)
                raise AssertionError(f"sitegen serve exited with {self.proc.returncode} before serving:\n{self.log()}")
            match = re.search(r"Serving (http://\S+)", line)
            if match:
                return match.group(1)
        self.stop()
        raise AssertionError(f"sitegen serve printed no 'Serving http://…' line within {SERVER_START_TIMEOUT} s:\n{self.log()}")

    def log(self, last=40):
        return "\n".join(self.lines[-last:])

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        return self.proc.returncode

    def at(self, path):
        return urllib.parse.urljoin(self.url, path.lstrip("/"))


# ---------------------------------------------------------------------------------------------
# Plain HTTP (statuses of links that are not pages, the sitemap)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is reported as what it is, not followed


_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}), _NoRedirect())


def fetch(url, timeout=10):
    """(status, content type, body bytes) of a GET, redirects not followed."""
    try:
        with _opener.open(url, timeout=timeout) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


def sitemap_urls(server):
    status, _, body = fetch(server.at("/sitemap.xml"))
    assert status == 200, f"/sitemap.xml answered {status}"
    return re.findall(r"<loc>([^<]+)</loc>", body.decode())


# ---------------------------------------------------------------------------------------------
# Chromium


def check_browser_installed():
    problems = []
    for name, path in (("chromium", CHROMIUM), ("chromedriver", CHROMEDRIVER)):
        if not os.access(path, os.X_OK):
            problems.append(f"{name} is not installed at {path} (Debian packages chromium and chromium-driver; "
                            "scripts/browser-tests installs them)")
    try:
        import selenium  # noqa: F401
    except ImportError:
        problems.append("the Python package selenium is not importable (scripts/browser-tests installs it)")
    if problems:
        raise Loud("; ".join(problems))


def new_driver(width=1280, height=800, bfcache=False):
    """Headless Chromium through the Debian chromedriver, console messages kept, no network but 127.0.0.1.

    The back/forward cache is off unless asked for: with it, every page left behind keeps its
    live-reload stream open, and after six pages Chromium has no connection left for the next
    one (see test_live_reload_streams_do_not_starve_navigation, which runs with it on).
    """
    check_browser_installed()
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must never download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in (
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        f"--window-size={width},{height}", "--no-first-run", "--no-default-browser-check",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-extensions",
        "--disable-features=Translate,MediaRouter,OptimizationHints" + ("" if bfcache else ",BackForwardCache"),
        "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--lang=en-US",
        "--force-color-profile=srgb",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.page_load_strategy = "normal"
    try:
        driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    except Exception as error:  # the message of a browser that does not start is the useful part
        raise Loud(f"Chromium did not start through {CHROMEDRIVER}: {error}") from error
    driver.set_page_load_timeout(30)
    driver.set_script_timeout(15)
    set_viewport(driver, width, height)
    return driver


def set_viewport(driver, width, height):
    """An exact CSS viewport; below 600 px it is a phone (the viewport meta tag applies)."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def set_color_scheme(driver, scheme):
    """Emulates prefers-color-scheme: 'dark', 'light', or None for the default."""
    features = [{"name": "prefers-color-scheme", "value": scheme}] if scheme else []
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": features})


def console_errors(driver):
    """The console's errors since the last call (reading the log empties it)."""
    return [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]


def navigation_status(driver):
    """The HTTP status of the document now shown, from the Navigation Timing entry."""
    return driver.execute_script(
        "const e = performance.getEntriesByType('navigation')[0]; return e ? e.responseStatus : null;")


def wait_ready(driver, timeout=10):
    from selenium.webdriver.support.ui import WebDriverWait
    WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def open_page(driver, url):
    """Loads `url`, returns (status, console errors of this load)."""
    console_errors(driver)  # drop what earlier pages left
    driver.get(url)
    wait_ready(driver)
    return navigation_status(driver), console_errors(driver)



def show(driver, url, size, scheme=None):
    """Opens `url` at `size` (width, height) in the colour `scheme` (None: light); asserts it
    answered 200 and returns its console errors."""
    set_viewport(driver, *size)
    set_color_scheme(driver, scheme)
    status, errors = open_page(driver, url)
    assert status == 200, f"{url} answered {status}"
    return errors

def click_through(driver, element, timeout=10):
    """Clicks a link as a reader does and waits for the next page to be loaded."""
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
    old = driver.find_element("tag name", "html")
    console_errors(driver)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()
    WebDriverWait(driver, timeout, poll_frequency=0.05).until(EC.staleness_of(old))
    wait_ready(driver, timeout)
    return navigation_status(driver), console_errors(driver)


LINKS_JS = """
const seen = new Set();
const out = [];
function add(kind, raw, resolved) {
  if (!raw) return;
  const key = kind + ' ' + resolved;
  if (seen.has(key)) return;
  seen.add(key);
  out.push({kind: kind, raw: raw, url: resolved});
}
document.querySelectorAll('a[href], area[href]').forEach(a => add('a', a.getAttribute('href'), a.href));
document.querySelectorAll('link[href]').forEach(l => add('link', l.getAttribute('href'), l.href));
document.querySelectorAll('img[src], script[src], iframe[src], video[src], audio[src], source[src]')
  .forEach(e => add(e.tagName.toLowerCase(), e.getAttribute('src'), e.src));
const ids = Array.from(document.querySelectorAll('[id]'), e => e.id);
return {links: out, ids: ids, url: location.href};
"""


def page_links(driver, origin):
    """The internal links of the page shown: [(kind, url without fragment, fragment)], and its ids."""
    data = driver.execute_script(LINKS_JS)
    links = []
    for link in data["links"]:
        url = link["url"]
        if not url.startswith(origin + "/") and url != origin:
            continue
        base, _, fragment = url.partition("#")
        links.append((link["kind"], base, fragment))
    return links, set(data["ids"]), data["url"].partition("#")[0]


def luminance(css_color):
    """Relative luminance (WCAG) of 'rgb(r, g, b)' / 'rgba(r, g, b, a)'."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", css_color)[:3]]
    assert len(numbers) == 3, f"not an rgb() colour: {css_color!r}"

    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(n) for n in numbers)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def screenshot(driver, path, full_page=False):
    """A PNG of the viewport, or of the whole page at the viewport's width."""
    import base64
    params = {"format": "png"}
    if full_page:
        size = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        params.update(captureBeyondViewport=True,
                      clip={"x": 0, "y": 0, "width": size[0], "height": min(size[1], 16000), "scale": 1})
    data = driver.execute_cdp_cmd("Page.captureScreenshot", params)["data"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(base64.b64decode(data))
    return path


def describe(entries):
    return json.dumps(entries, indent=1, ensure_ascii=False)
