"""SVG safety in a real browser: no SVG that sitegen publishes runs script, wherever it is opened.

An SVG from content is served from the site's own origin, and an SVG opened on its own is a
document of that origin: script in it would run with the site's rights. `sitegen serve` adds
`Content-Security-Policy: script-src 'none'` to SVGs, but a production static host adds nothing,
so the sanitiser alone must stop script. This module:

1. builds a throwaway seed site with the real binary, each vector of
   Tests/SitegenImagesTests/Fixtures/svg-vectors and each legitimate SVG of …/svg-legit the image
   of a page bundle (`Content/pages/svg-v-NN/index.md`: `![vector N](name.svg)`); a file the
   build refuses is recorded and taken out. Each published SVG's URL is read from its page's HTML.
2. serves the output with a plain static server (Python's http.server on 127.0.0.1: no CSP
   header), and the site with `sitegen serve`.
3. probes each published vector: opened on its own (top-level, no CSP), and all of them embedded
   on one page, each in an `<object>` and an `<iframe>`, twice: without CSP and with
   `Content-Security-Policy-Report-Only: script-src 'none'` (a sensor that blocks nothing, so the
   document behaves as with no CSP, and reports any inline script, handler or `javascript:` URL
   about to run). In each document the probe seeks the animations far ahead (a `<set>` on a link
   applies), dispatches every event type on every element (and the type of any `on…` attribute
   left), focuses what can be, then clicks the root and each link: trusted clicks top-level,
   pointer and mouse events in the frames. Script shows as: a JavaScript dialog; a call of
   alert/confirm/prompt/print, a write of `document.title` or `window.name`, console output or
   an uncaught error (recorded by a script injected before any of the document's own); a
   `securitypolicyviolation` or CSP report; a `javascript:`/`data:` URL in a window or frame; a
   new window. Under `sitegen serve` each is opened on its own too (its CSP blocks script, so a
   violation there is script that only the header stopped).
4. controls the probe, or it would prove nothing: `<svg onload="alert(1)">` written into the
   output must raise a dialog top-level and be recorded embedded; the raw bytes of a vector with
   a `javascript:` link must raise a dialog on the click; the raw bytes of every vector, embedded,
   are probed too, and the vectors that run script there are listed.
5. renders every legitimate SVG as written and as published, as an `<img>` and as a document
   (animations paused at several times), and asserts the pixels are the same and its links kept.
6. asserts no published SVG contains `<script`, `javascript:`, `onload` or `foreignObject`, and
   that `sitegen serve` serves the same bytes with its CSP.

What the probes found and did, the timings and the screenshots are written to
bench-out/browser-screenshots/svg-safety/ (report.json, legit/).
"""
import base64
import collections
import html
import html.parser
import http.server
import json
import os
import pathlib
import re
import shutil
import struct
import subprocess
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
import zlib

import pytest

import harness

FIXTURES = harness.REPO / "Tests" / "SitegenImagesTests" / "Fixtures"
VECTORS = pathlib.Path(os.environ.get("SITEGEN_SVG_VECTORS", FIXTURES / "svg-vectors"))
LEGIT = pathlib.Path(os.environ.get("SITEGEN_SVG_LEGIT", FIXTURES / "svg-legit"))
MIN_VECTORS = int(os.environ.get("SITEGEN_SVG_MIN_VECTORS", "40"))

XLINK_NS = "http://www.w3.org/1999/xlink"
CONTROL = b'<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100" onload="alert(1)"/>'
SENSOR_CSP = "script-src 'none'; report-uri /__csp-report"
FORBIDDEN = ("<script", "javascript:", "onload", "foreignobject")
FRAME = (200, 120)  # the <object>s and <iframe>s of the embedding pages

# What the probe records, in every document and frame, before any of the document's own script:
# calls of the dialog functions, writes of document.title and window.name, console output, and
# (when a report-only policy is there) every securitypolicyviolation. Records go to the window,
# to the top window (frames) and to localStorage (they outlive a navigation of the document).
PROBE_JS = r"""
(() => {
  if (window.__svgProbeInstalled) return;
  window.__svgProbeInstalled = true;
  const KEY = 'sitegen-svg-probe';
  const own = window.__svgProbe = window.__svgProbe || [];
  // On a page asking for quiet (the raw corpus' grid) the calls are recorded, not shown.
  let quiet = false;
  try { quiet = /[?&]quiet\b/.test(window.top.location.search); } catch (e) {}
  function mark(kind, detail) {
    const record = {kind: kind, detail: String(detail).slice(0, 200), url: String(location.href).slice(0, 200)};
    own.push(record);
    try { if (window.top !== window) (window.top.__svgProbe = window.top.__svgProbe || []).push(record); } catch (e) {}
    try {
      const list = JSON.parse(localStorage.getItem(KEY) || '[]');
      list.push(record);
      localStorage.setItem(KEY, JSON.stringify(list));
    } catch (e) {}
  }
  // The first call in a document shows its dialog (the probe closes it); later ones are only
  // recorded: a handler that runs again whenever a dialog closes (onfocusin) cannot loop.
  let shown = false;
  for (const name of ['alert', 'confirm', 'prompt', 'print']) {
    const original = window[name];
    window[name] = function (...args) {
      mark(name, args.length ? args[0] : '');
      if (quiet || shown) return name === 'confirm' ? false : null;
      shown = true;
      return original.apply(this, args);
    };
  }
  for (const name of ['log', 'info', 'warn', 'error', 'debug']) {
    const original = console[name];
    console[name] = function (...args) { mark('console.' + name, args.join(' ')); return original.apply(this, args); };
  }
  const title = Object.getOwnPropertyDescriptor(Document.prototype, 'title');
  if (title && title.set) {
    Object.defineProperty(Document.prototype, 'title', {configurable: true, enumerable: true, get: title.get,
      set(value) { mark('document.title', value); return title.set.call(this, value); }});
  }
  for (const holder of [window, Window.prototype]) {
    const name = Object.getOwnPropertyDescriptor(holder, 'name');
    if (name && name.set) {
      Object.defineProperty(holder, 'name', {configurable: true, enumerable: true, get: name.get,
        set(value) { mark('window.name', value); return name.set.call(this, value); }});
      break;
    }
  }
  const open = window.open;
  window.open = function (...args) { mark('window.open', args[0]); return open.apply(this, args); };
  document.addEventListener('securitypolicyviolation', event => {
    mark('csp-violation', event.violatedDirective + ' ' + event.blockedURI + ' ' + (event.sample || ''));
  }, true);
})();
"""

# Every event an SVG could listen to, dispatched (untrusted) on each element; plus the type of
# every on… attribute still there. An event handler attribute runs for any event of its type.
EVENT_TYPES = [
    "load", "error", "abort", "unload", "resize", "scroll", "click", "dblclick", "auxclick", "contextmenu",
    "mousedown", "mouseup", "mouseover", "mouseout", "mouseenter", "mouseleave", "mousemove", "wheel",
    "pointerdown", "pointerup", "pointerover", "pointerout", "pointerenter", "pointerleave", "pointermove",
    "touchstart", "touchend", "focus", "blur", "focusin", "focusout", "keydown", "keyup", "keypress",
    "input", "change", "select", "submit", "begin", "end", "repeat", "beginEvent", "endEvent", "repeatEvent",
    "animationstart", "animationend", "animationiteration", "transitionend", "activate", "DOMActivate",
    "SVGLoad", "copy", "paste", "drag", "dragstart", "drop",
]

# act(doc): seeks the document's animations far ahead (a <set>/<animate> on a link applies, and
# their begin/end events fire), dispatches every event type on every element, focuses what can
# be, seeks again. targets(doc, frame): where a click hits the root (away from links, when it
# can) and each link, in the top page's viewport coordinates, with the element hit.
FUNCTIONS_JS = r"""
function act(doc, types) {
  const root = doc.documentElement;
  function seek(t) { try { if (root.setCurrentTime) root.setCurrentTime(t); } catch (e) {} }
  seek(100);
  for (const element of Array.from(doc.querySelectorAll('*')).concat([doc, doc.defaultView])) {
    const all = new Set(types);
    if (element.attributes) {
      for (const attribute of element.attributes) {
        if (attribute.name.toLowerCase().startsWith('on')) all.add(attribute.name.slice(2));
      }
    }
    for (const type of all) {
      try { element.dispatchEvent(new Event(type, {bubbles: true, cancelable: true})); } catch (e) {}
    }
    try { if (element.focus) element.focus(); } catch (e) {}
  }
  seek(200);
}
function targets(doc, frame) {
  const view = doc.defaultView;
  const offset = frame ? frame.getBoundingClientRect() : {left: 0, top: 0};
  function hit(box, test) {
    const left = Math.max(box.left, 0), top = Math.max(box.top, 0);
    const width = Math.min(box.right, view.innerWidth) - left, height = Math.min(box.bottom, view.innerHeight) - top;
    if (width <= 0 || height <= 0) return null;
    for (let i = 0; i < 8; i++) for (let j = 0; j < 8; j++) {
      const x = left + width * ((i * 5 + 4) % 8 + 0.5) / 8, y = top + height * ((j * 3 + 4) % 8 + 0.5) / 8;
      const found = doc.elementFromPoint(x, y);
      if (found && test(found)) return {at: [Math.round(offset.left + x), Math.round(offset.top + y)], element: found, x: x, y: y};
    }
    return null;
  }
  const out = [];
  const whole = {left: 0, top: 0, right: view.innerWidth, bottom: view.innerHeight};
  const root = hit(whole, found => !found.closest('a')) || hit(whole, found => true);
  if (root) { root.what = 'root'; out.push(root); }
  for (const link of doc.querySelectorAll('a')) {
    const point = hit(link.getBoundingClientRect(), found => found === link || link.contains(found));
    if (point) {
      point.what = 'link ' + (link.getAttribute('href') || link.getAttributeNS('http://www.w3.org/1999/xlink', 'href') || '(no href)');
      out.push(point);
    }
  }
  return out;
}
function press(target) {
  const init = {bubbles: true, cancelable: true, composed: true, view: target.element.ownerDocument.defaultView,
                clientX: target.x, clientY: target.y, button: 0};
  for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup']) {
    target.element.dispatchEvent(new (type.startsWith('pointer') ? PointerEvent : MouseEvent)(type, init));
  }
  target.element.dispatchEvent(new MouseEvent('click', init));
}
"""

ACT_JS = FUNCTIONS_JS + "act(document, arguments[0]); return targets(document, null).map(t => ({what: t.what, at: t.at}));"

# One round on an embedding page: in each frame still showing its SVG, act (first round), then
# click (untrusted pointer and mouse events, which activate links too) its next target: the root,
# then each link. A frame that left its SVG with targets left is `stale`: the page is loaded again
# for those, `start` saying where each goes on. A dialog interrupting the script makes the probe
# run it again with the same `token`: frames done in this round are skipped.
GRID_JS = FUNCTIONS_JS + r"""
const token = arguments[0], types = arguments[1], start = arguments[2];
const state = window.__grid = window.__grid || {frames: {}, acted: 0, pressed: 0};
const frames = Array.from(document.querySelectorAll('[data-svg]'));
frames.forEach((frame, index) => {
  const f = state.frames[index] = state.frames[index] ||
    {next: start ? (index in start ? start[index] : -1) : 0, count: null, stale: false, token: null};
  if (f.token === token || f.stale || f.next < 0) return;
  f.token = token;
  const doc = frame.contentDocument;
  const expected = new URL(frame.dataset.svg, location.href).href;
  if (!doc || !doc.documentElement || doc.URL !== expected) {
    if (f.count === null || f.next < f.count) f.stale = true;
    return;
  }
  if (f.count === null) { act(doc, types); state.acted += 1; }
  const found = targets(doc, frame);
  if (f.count === null) f.count = found.length;
  if (f.next < found.length) {
    const target = found[f.next];
    f.next += 1;
    state.pressed += 1;
    press(target);
  }
});
let pending = 0, stale = 0;
const resume = {};
frames.forEach((frame, index) => {
  const f = state.frames[index];
  if (f.next < 0 || f.count === null || f.next >= f.count) return;
  resume[index] = f.next;
  if (f.stale) stale += 1; else pending += 1;
});
return {frames: frames.length, pending: pending, stale: stale, resume: resume, acted: state.acted, pressed: state.pressed};
"""

READ_JS = r"""
const own = (window.__svgProbe || []).splice(0);
let stored = [];
try { stored = JSON.parse(localStorage.getItem('sitegen-svg-probe') || '[]'); localStorage.removeItem('sitegen-svg-probe'); } catch (e) {}
return {records: own.concat(stored), name: window.name, url: location.href};
"""

REPORT = {"vectors": {}, "raw": {}, "legit": {}, "timing": {}}


# ---------------------------------------------------------------------------------------------
# The corpus and the build


def corpus(folder):
    files = sorted(folder.glob("*.svg"))
    return files


def slug(stem):
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "file"


class ImgSources(html.parser.HTMLParser):
    """Every <img src>/<img srcset>/<source srcset> URL of a page, but the header's mark (the
    theme's <img class="logo">: the site's logo:, like the theme's /assets/ not the page's own)."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img" and "logo" in (attrs.get("class") or "").split():
            return
        if tag in ("img", "source"):
            for key in ("src", "srcset"):
                for part in (attrs.get(key) or "").split(","):
                    url = part.strip().split(" ")[0]
                    if url:
                        self.urls.append(url)


class Case:
    def __init__(self, kind, number, source):
        self.kind, self.number, self.source = kind, number, source
        self.bundle = f"svg-{kind}-{number:02d}"
        self.file = f"{slug(source.stem)}.svg"
        self.name = source.name
        self.refused = None  # the build's error, when it refused the file
        self.url = None  # the published SVG's path, e.g. /images/name-digest.svg
        self.page = None  # the built page's path


def build(site, out, cases):
    """`sitegen build`; a vector the build refuses is taken out and recorded, and the site built again."""
    binary = harness.sitegen_binary()
    by_bundle = {case.bundle: case for case in cases}
    for attempt in range(4):
        if out.exists():
            shutil.rmtree(out)
        run = subprocess.run([binary, "build", "--source", str(site), "--output", str(out), "--no-cache", "--quiet"],
                             capture_output=True, text=True, timeout=300)
        if run.returncode == 0:
            return run
        text = run.stdout + run.stderr
        refused = {}
        for match in re.finditer(r"Content/pages/(svg-[vl]-\d+)/index\.md:\d+:\d+: error: (.*)", text):
            refused.setdefault(match.group(1), match.group(2))
        unknown = [line for line in text.splitlines()
                   if "error:" in line and not re.search(r"Content/pages/svg-[vl]-\d+/index\.md:", line)
                   and "build failed" not in line]
        assert refused and not unknown, f"sitegen build failed (exit {run.returncode}) for another reason:\n{text}"
        for bundle, message in refused.items():
            case = by_bundle[bundle]
            case.refused = message
            shutil.rmtree(site / "Content" / "pages" / bundle)
    raise AssertionError(f"sitegen build still fails after taking out refused files:\n{text}")


@pytest.fixture(scope="module")
def svg_site(tmp_path_factory):
    vectors, legit = corpus(VECTORS), corpus(LEGIT)
    assert VECTORS.is_dir() and LEGIT.is_dir(), f"the SVG corpus is missing: {VECTORS} and {LEGIT} must exist"
    assert len(vectors) >= MIN_VECTORS, f"{VECTORS} holds {len(vectors)} vectors, fewer than {MIN_VECTORS}"
    assert legit, f"{LEGIT} holds no SVG"
    root = tmp_path_factory.mktemp("svg-safety")
    site = harness.make_seed_site(root / "site")
    out = root / "out"
    cases = [Case("v", n, path) for n, path in enumerate(vectors, 1)] + [Case("l", n, path) for n, path in enumerate(legit, 1)]
    for case in cases:
        bundle = site / "Content" / "pages" / case.bundle
        bundle.mkdir(parents=True)
        label = "vector" if case.kind == "v" else "legit"
        (bundle / "index.md").write_text(
            f"---\ntitle: SVG {case.kind}{case.number}\n---\n![{label} {case.number}]({case.file})\n", encoding="utf-8")
        shutil.copy(case.source, bundle / case.file)
    started = time.monotonic()
    build(site, out, cases)
    REPORT["timing"]["build"] = round(time.monotonic() - started, 2)
    for case in cases:
        if case.refused:
            continue
        pages = [p for p in out.rglob("index.html") if p.parent.name == case.bundle]
        assert len(pages) == 1, f"{case.name}: no single built page for {case.bundle}: {pages}"
        case.page = "/" + pages[0].parent.relative_to(out).as_posix() + "/"
        parser = ImgSources()
        parser.feed(pages[0].read_text(encoding="utf-8"))
        svgs = sorted({u for u in parser.urls if u.split("?")[0].endswith(".svg") and not u.startswith("/assets/")})
        assert len(svgs) == 1, f"{case.name}: the page {case.page} shows {svgs}, not one published SVG"
        case.url = urllib.parse.urljoin(case.page, svgs[0])
        assert (out / case.url.lstrip("/")).is_file(), f"{case.name}: {case.url} is not in the output"
    add_probe_pages(out, cases)
    return {"site": site, "out": out, "cases": cases}


def grid_page(path, entries, sensor_only=False):
    """An HTML page (no CSP of its own) with each SVG of `entries` (label, URL) in an <object> and
    an <iframe>, served without CSP and again with the report-only sensor (the frame's own
    response carries its policy); each frame's query says which it is (`o`, `f`, `sensor&o`…)."""
    cells = []
    for label, url in entries:
        for tag, mark in (("object", "o"), ("iframe", "f")) * (1 if sensor_only else 2):
            sensor = sensor_only or len(cells) % 4 >= 2
            src = html.escape(f"{url}?{'sensor&' if sensor else ''}{mark}")
            title = html.escape(label)
            if tag == "object":
                cells.append(f'<object data-svg="{src}" data="{src}" type="image/svg+xml" title="{title}"'
                             f' width={FRAME[0]} height={FRAME[1]}></object>')
            else:
                cells.append(f'<iframe data-svg="{src}" src="{src}" title="{title}" width={FRAME[0]} height={FRAME[1]}></iframe>')
    path.write_text(
        "<!doctype html><html lang=en><meta charset=utf-8><title>SVG embeddings</title>"
        "<style>html,body{margin:0;background:#fff} body{display:flex;flex-wrap:wrap;gap:4px}"
        "object,iframe{display:block;border:0;margin:0}</style>\n" + "\n".join(cells), encoding="utf-8")


def grid_height(count, per_entry=4):
    per_row = 1280 // (FRAME[0] + 4)
    rows = -(-count * per_entry // per_row)
    return rows * (FRAME[1] + 4) + 8


def add_probe_pages(out, cases):
    """Pages of our own in the output: the control, the raw vectors, the originals of the legit
    files, and the embedding pages."""
    probe = out / "__probe"
    probe.mkdir()
    (probe / "control.svg").write_bytes(CONTROL)
    raw = probe / "raw"
    raw.mkdir()
    for case in cases:
        if case.kind == "v":
            # The vector as it was written, beside nothing sitegen made: the probe's control.
            shutil.copy(case.source, raw / case.file)
        else:
            # The original beside the published file, so that relative references resolve alike.
            shutil.copy(case.source, out / "images" / f"original-{case.bundle}-{case.file}")
    published = [(c.name, c.url) for c in cases if c.kind == "v" and c.url]
    grid_page(probe / "grid.html", published)
    raws = [("control", "/__probe/control.svg")] + [(c.name, f"/__probe/raw/{c.file}") for c in cases if c.kind == "v"]
    grid_page(probe / "grid-raw.html", raws, sensor_only=True)
    (probe / "render.html").write_text(
        "<!doctype html><html lang=en><meta charset=utf-8><title>render</title>"
        "<style>html,body{margin:0;background:#fff}img{position:absolute;left:0;top:0;display:block}</style>"
        "<img id=shown alt=''>", encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The servers


class StaticServer:
    """A plain static file server on 127.0.0.1, as a production host: no CSP header, unless the
    query asks for the report-only sensor (`?sensor`), which blocks nothing."""

    def __init__(self, root):
        reports = self.reports = []

        class Handler(http.server.SimpleHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive: Chromium opens six connections at most
            extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                              ".svg": "image/svg+xml", ".html": "text/html; charset=utf-8"}

            def __init__(self, *args, **kwargs):
                super().__init__(*args, directory=str(root), **kwargs)

            def end_headers(self):
                if "sensor" in urllib.parse.urlsplit(self.path).query:
                    self.send_header("Content-Security-Policy-Report-Only", SENSOR_CSP)
                self.send_header("Cache-Control", "no-store")
                super().end_headers()

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode("utf-8", "replace")
                reports.append(body)
                self.send_response(204)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def at(self, path):
        return self.origin + path

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def static(svg_site):
    server = StaticServer(svg_site["out"])
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def serve(svg_site):
    server = harness.Server(svg_site["site"])
    try:
        yield server
    finally:
        assert server.stop() == 0, server.log()


@pytest.fixture(scope="module")
def probe_driver(driver):
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE_JS})
    driver.set_page_load_timeout(15)
    harness.set_viewport(driver, 800, 600)
    yield driver


@pytest.fixture(scope="module", autouse=True)
def write_report():
    yield
    folder = harness.SCREENSHOTS / "svg-safety"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(REPORT, indent=1, ensure_ascii=False), encoding="utf-8")


# ---------------------------------------------------------------------------------------------
# The probe

SCRIPT_URL = re.compile(r"\s*(javascript|data|vbscript):", re.I)
MAX_DIALOGS = 40


class Bail(Exception):
    """Dialogs keep opening: script runs, noted; the probe leaves the document."""


class Probe:
    """Loads documents, acts on them as a reader and as a script would, and says whether any
    script ran: its findings (none: no script ran)."""

    def __init__(self, driver):
        self.driver = driver
        self.findings = []
        self.main = driver.current_window_handle
        self.stats = collections.Counter()

    def note(self, kind, detail):
        self.findings.append(f"{kind}: {detail}")
        if kind == "dialog":
            self.stats["dialogs"] += 1
            if self.stats["dialogs"] > MAX_DIALOGS:
                raise Bail()

    def dialogs(self):
        """Closes (and notes) every dialog open."""
        from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException
        while True:
            try:
                alert = self.driver.switch_to.alert
                text = alert.text
                alert.accept()
            except NoAlertPresentException:
                return
            except UnexpectedAlertPresentException as error:
                text = error.alert_text
            self.note("dialog", repr(text))

    def run(self, call, *args):
        """A driver command; a dialog it meets is a finding, closed, and the command tried again."""
        from selenium.common.exceptions import UnexpectedAlertPresentException
        while True:
            try:
                return call(*args)
            except UnexpectedAlertPresentException as error:
                self.note("dialog", repr(error.alert_text))
                self.dialogs()

    def leave(self):
        """Away from a document whose dialogs keep opening."""
        from selenium.common.exceptions import UnexpectedAlertPresentException, NoAlertPresentException
        for _ in range(100):
            try:
                self.driver.switch_to.alert.accept()
            except (NoAlertPresentException, UnexpectedAlertPresentException):
                pass
            try:
                self.driver.get("about:blank")
                return
            except UnexpectedAlertPresentException:
                continue
        raise AssertionError("dialogs keep opening: the browser cannot leave the document")

    def load(self, url):
        """Navigates to `url` and waits for it to be loaded, closing (and noting) every dialog on
        the way; the navigation itself is never repeated."""
        from selenium.common.exceptions import TimeoutException, UnexpectedAlertPresentException
        self.run(self.driver.get_log, "browser")  # drop what earlier pages left
        try:
            self.driver.get(url)
        except UnexpectedAlertPresentException as error:
            self.note("dialog", repr(error.alert_text))
        except TimeoutException:
            self.note("timeout", f"{url} did not finish loading")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            self.dialogs()
            if self.run(self.driver.execute_script, "return document.readyState") == "complete":
                return
            time.sleep(0.02)
        self.note("timeout", f"{url} is not ready")

    def check(self, expected_url=None, pause=0.03):
        """Notes what shows that script ran; returns whether the top document is still `expected_url`."""
        driver = self.driver
        time.sleep(pause)
        self.dialogs()
        for handle in self.run(lambda: driver.window_handles):
            if handle == self.main:
                continue
            driver.switch_to.window(handle)
            self.dialogs()
            self.note("window", f"a new window opened at {self.run(lambda: driver.current_url)}")
            self.read()
            driver.close()
            driver.switch_to.window(self.main)
        current = self.read()
        for entry in self.run(driver.get_log, "browser"):
            if entry.get("source") in ("console-api", "javascript"):
                self.note("console", entry.get("message", "")[:200])
        for frame_url in self.frame_urls():
            if SCRIPT_URL.match(frame_url):
                self.note("frame url", frame_url[:200])
        if SCRIPT_URL.match(current):
            self.note("url", current[:200])
        return expected_url is None or current == expected_url

    def read(self):
        """Notes the probe's records; returns the address of the document shown."""
        try:
            state = self.run(self.driver.execute_script, READ_JS)
        except Exception:  # an error page, or an opaque origin: nothing stored to read
            state = {"records": [], "name": "", "url": self.run(lambda: self.driver.current_url)}
        seen = set()
        for record in state["records"]:
            key = json.dumps(record, sort_keys=True)
            if key not in seen:
                seen.add(key)
                self.note(record["kind"], f"{record['detail']!r} in {record['url']}")
        if state["name"]:
            self.note("window.name", repr(state["name"]))
        return state["url"]

    def frame_urls(self):
        try:
            tree = self.run(self.driver.execute_cdp_cmd, "Page.getFrameTree", {})["frameTree"]
        except Exception:
            return []
        urls, stack = [], [tree]
        while stack:
            node = stack.pop()
            urls.append(node["frame"].get("url", "") + node["frame"].get("urlFragment", ""))
            stack.extend(node.get("childFrames", []))
        return urls

    def script(self, source, *args):
        """`source` (a script that returns a value) run in the page; None when it could not be
        (noted, unless a dialog stopped it). A dialog that opens while it runs makes chromedriver
        answer null at once: the script is run again (the probe's are made for that)."""
        from selenium.common.exceptions import JavascriptException, WebDriverException
        before = len(self.findings)
        for _ in range(10):
            try:
                result = self.run(self.driver.execute_script, source, *args)
            except (JavascriptException, WebDriverException) as error:
                if len(self.findings) == before:
                    self.note("probe", f"a probe script failed: {str(error).splitlines()[0][:150]}")
                return None
            if result is not None:
                return result
            self.dialogs()
        return None

    def click_at(self, x, y):
        """A trusted click at (x, y) of the viewport, the pointer moved there at once."""
        from selenium.webdriver.common.actions.action_builder import ActionBuilder
        builder = ActionBuilder(self.driver, duration=0)
        builder.pointer_action.move_to_location(x, y)
        builder.pointer_action.click()
        try:
            self.run(builder.perform)
        except Exception as error:
            self.note("probe", f"a click at {x},{y} failed: {str(error).splitlines()[0][:150]}")

    def document(self, url, clicks=True):
        """Opens `url` as the top-level document, acts on it, and clicks its root and each of its
        links (trusted clicks), coming back after each click that left it; what the acts did is
        read with the first click's."""
        self.load(url)
        self.stats["documents"] += 1
        shown = self.run(lambda: self.driver.current_url)
        points = self.script(ACT_JS, EVENT_TYPES) or []
        self.stats["targets"] += len(points)
        if not clicks or not points:
            self.check(shown)
            return
        for number, point in enumerate(points):
            self.click_at(*point["at"])
            self.stats["trusted clicks"] += 1
            stayed = self.check(shown, pause=0.05)
            if number + 1 == len(points):
                break
            if not stayed:
                self.load(url)
                points = self.script(ACT_JS, EVENT_TYPES) or []
                if len(points) <= number + 1:
                    self.check(shown)
                    break

    def grid(self, page):
        """An embedding page: in every frame, act, then click the root and each link, a round for
        each, on the page as it is; loaded again for the frames that a click took away."""
        start, loads = None, 0
        while loads < 5:
            self.load(page)
            loads += 1
            shown = self.run(lambda: self.driver.current_url)
            result = None
            for token in range(30):
                result = self.script(GRID_JS, token, EVENT_TYPES, start)
                stayed = self.check(shown, pause=0.1)
                if not result or not stayed or not result["pending"]:
                    break
            if result:
                self.stats["frames"] += result["frames"] if loads == 1 else 0
                self.stats["frames acted on"] += result["acted"]
                self.stats["untrusted clicks in frames"] += result["pressed"]
            if not result or not result["resume"]:
                return
            start = {int(k): v for k, v in result["resume"].items()}
        self.note("probe", f"{page}: frames still had targets after {loads} loads")


def probe(driver, documents=(), grids=(), clicks=True, stats=None):
    """The findings of the probe on `documents` (top-level) and `grids` (embedding pages); what
    it did is added to `stats`."""
    found = Probe(driver)
    try:
        for url in documents:
            found.document(url, clicks)
        for page in grids:
            found.grid(page)
    except Bail:
        found.findings.append(f"probe: more than {MAX_DIALOGS} dialogs; the document was left")
        found.leave()
    if stats is not None:
        stats.update(found.stats)
    return found.findings


def summary(findings_by_case):
    return "\n".join(f"  {name}:\n" + "\n".join(f"    {f}" for f in findings[:12])
                     for name, findings in findings_by_case.items() if findings)


def vectors(svg_site):
    return [c for c in svg_site["cases"] if c.kind == "v"]


def legits(svg_site):
    return [c for c in svg_site["cases"] if c.kind == "l"]


def by_document(findings, cases, folder):
    """The findings of a grid, by the case whose document they came from (`(unattributed)` for
    dialogs, which carry no address: the records of the same calls do)."""
    out = {}
    for finding in findings:
        name = "(unattributed)"
        for case in cases:
            if f"/{folder}/{case.file}" in finding or (case.url and case.url in finding):
                name = case.name
                break
        else:
            if "/__probe/control.svg" in finding:
                name = "control"
        out.setdefault(name, []).append(finding)
    return out


# ---------------------------------------------------------------------------------------------
# The tests


def test_every_legit_svg_is_published_and_every_vector_published_clean_or_refused(svg_site):
    refused_legit = {c.name: c.refused for c in legits(svg_site) if c.refused}
    for case in vectors(svg_site):
        REPORT["vectors"][case.name] = {"refused": case.refused, "url": case.url}
    REPORT["counts"] = {
        "vectors": len(vectors(svg_site)),
        "vectors refused by the build": sum(1 for c in vectors(svg_site) if c.refused),
        "vectors published sanitised": sum(1 for c in vectors(svg_site) if c.url),
        "legit": len(legits(svg_site)),
    }
    assert not refused_legit, f"legitimate SVGs refused by the build: {refused_legit}"
    assert all(c.url or c.refused for c in svg_site["cases"])


def test_the_probe_detects_script_in_unsanitised_svgs(probe_driver, static, svg_site):
    """The control: without it, a probe that sees nothing would pass every vector."""
    started = time.monotonic()
    driver = probe_driver
    control = static.at("/__probe/control.svg")
    failures = []
    # <svg onload="alert(1)"> opened on its own: a dialog; with the sensor, a violation too.
    plain = probe(driver, [control])
    if not any(f.startswith("dialog") for f in plain) or not any(f.startswith("alert") for f in plain):
        failures.append(f"top-level, no CSP: no dialog or alert record from <svg onload=alert(1)>: {plain}")
    sensed = probe(driver, [control + "?sensor"])
    if not any(f.startswith("csp-violation") for f in sensed):
        failures.append(f"top-level, report-only sensor: no violation from <svg onload=alert(1)>: {sensed}")
    REPORT["raw"]["control top-level"] = plain + sensed
    # A javascript: link of the corpus, unsanitised: only the trusted click on it runs it.
    linked = [c for c in vectors(svg_site) if re.search(rb'<a\s[^>]*href="javascript:', c.source.read_bytes())]
    if linked:
        clicked = probe(driver, [static.at(f"/__probe/raw/{linked[0].file}")])
        REPORT["raw"][f"{linked[0].name} top-level"] = clicked
        if not any(f.startswith("dialog") for f in clicked):
            failures.append(f"top-level: clicking the javascript: link of {linked[0].name} raised no dialog: {clicked}")
    # Every vector of the corpus, unsanitised, in <object> and <iframe>, with the sensor.
    harness.set_viewport(driver, 1280, grid_height(len(vectors(svg_site)) + 1, per_entry=2))
    grid = probe(driver, [], [static.at("/__probe/grid-raw.html?quiet")])
    harness.set_viewport(driver, 800, 600)
    found = by_document(grid, vectors(svg_site), "__probe/raw")
    REPORT["raw"].update(found)
    for mark in ("?sensor&o", "?sensor&f"):
        hits = [f for f in found.get("control", []) if mark in f]
        if not any(f.startswith("alert") for f in hits) or not any(f.startswith("csp-violation") for f in hits):
            failures.append(f"embedded ({mark}): no alert record and violation from <svg onload=alert(1)>: {hits}")
    live = sorted(name for name in found if name not in ("control", "(unattributed)"))
    REPORT["raw live"] = live
    REPORT["raw not live"] = sorted(c.name for c in vectors(svg_site) if c.name not in live)
    REPORT["timing"]["control"] = round(time.monotonic() - started, 2)
    assert live, "the probe saw script in none of the corpus' unsanitised vectors"
    assert not failures, "\n".join(failures)


def test_published_svgs_carry_no_script_markup(static, serve, svg_site):
    problems = []
    for case in svg_site["cases"]:
        if not case.url:
            continue
        status, kind, body = harness.fetch(static.at(case.url))
        assert status == 200 and kind.startswith("image/svg+xml"), f"{case.url}: {status} {kind}"
        text = html.unescape(body.decode("utf-8", "replace")).lower()
        for word in FORBIDDEN:
            if word in text:
                at = text.index(word)
                problems.append(f"{case.name} ({case.url}): contains {word!r}: …{text[max(0, at - 60):at + 60]!r}…")
        # `sitegen serve` shows the same file on the same page, with its CSP.
        served = harness.fetch(serve.at(case.page))
        assert served[0] == 200, f"sitegen serve: {case.page} answered {served[0]}"
        parser = ImgSources()
        parser.feed(served[2].decode("utf-8", "replace"))
        svgs = sorted({urllib.parse.urljoin(case.page, u) for u in parser.urls
                       if u.split("?")[0].endswith(".svg") and not u.startswith("/assets/")})
        if svgs != [case.url]:
            problems.append(f"sitegen serve shows {svgs} on {case.page}; the build {case.url}")
            continue
        with harness._opener.open(serve.at(case.url), timeout=10) as response:
            csp = response.headers.get("Content-Security-Policy", "")
            serve_body = response.read()
        if "script-src 'none'" not in csp:
            problems.append(f"sitegen serve: {case.url} has no script-src 'none' (CSP {csp!r})")
        if serve_body != body:
            problems.append(f"sitegen serve: {case.url} is not the built file")
    assert not problems, "\n".join(problems)


def test_no_published_vector_runs_script_on_a_host_without_csp(probe_driver, static, svg_site):
    started = time.monotonic()
    driver = probe_driver
    published = [c for c in vectors(svg_site) if c.url]
    ran = {}
    top, embedded = collections.Counter(), collections.Counter()
    # Each one opened on its own (no CSP header at all): trusted clicks on its root and links.
    for case in published:
        findings = probe(driver, [static.at(case.url)], stats=top)
        REPORT["vectors"].setdefault(case.name, {})["top-level findings"] = findings
        if findings:
            ran[f"{case.name} (top-level)"] = findings
    REPORT["timing"]["static top-level"] = round(time.monotonic() - started, 2)
    # All of them embedded, each in an <object> and an <iframe>, without CSP and with the sensor.
    already = len(static.reports)
    harness.set_viewport(driver, 1280, grid_height(len(published)))
    findings = by_document(probe(driver, [], [static.at("/__probe/grid.html")], stats=embedded), published, "images")
    for name, found in findings.items():
        REPORT["vectors"].get(name, {}).setdefault("embedded findings", []).extend(found)
        ran[f"{name} (embedded)"] = found
    harness.set_viewport(driver, 800, 600)
    time.sleep(0.3)  # the browser posts reports on its own time
    reports = [r for r in static.reports[already:] if "/images/" in r]
    if reports:
        REPORT["csp reports"] = reports
        ran["(report-uri)"] = [f"csp report: {r[:400]}" for r in reports]
    REPORT["timing"]["static probe"] = round(time.monotonic() - started, 2)
    REPORT["coverage"] = {"top-level": dict(top), "embedded": dict(embedded)}
    assert not ran, "script ran in published SVGs served without CSP:\n" + summary(ran)
    # The probe did what it says: every document opened and clicked, every frame acted on.
    assert top["documents"] == len(published) and top["trusted clicks"] >= len(published), top
    assert embedded["frames"] == 4 * len(published) == embedded["frames acted on"], embedded


def test_no_published_vector_runs_script_under_sitegen_serve(probe_driver, serve, svg_site):
    """The same documents from `sitegen serve`, whose CSP would block script: a violation there is
    script the sanitiser let through that only the header stopped."""
    started = time.monotonic()
    ran = {}
    for case in vectors(svg_site):
        if case.url:
            # Load, events, animations; the trusted clicks on the same bytes are the static test's.
            findings = probe(probe_driver, [serve.at(case.url)], clicks=False)
            REPORT["vectors"].setdefault(case.name, {})["serve findings"] = findings
            if findings:
                ran[case.name] = findings
    REPORT["timing"]["serve probe"] = round(time.monotonic() - started, 2)
    assert not ran, "script ran (or was only stopped by the CSP) in published SVGs under sitegen serve:\n" + summary(ran)


# ---------------------------------------------------------------------------------------------
# Legitimate SVGs: the same pixels, the same links


def decode_png(data):
    """(width, height, RGBA bytes) of an 8-bit PNG (grey, RGB, grey+alpha or RGBA, not interlaced)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    at, idat, header = 8, [], None
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        chunk = data[at + 8:at + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat.append(chunk)
        at += 12 + length
    width, height, depth, color, _, _, interlace = header
    assert depth == 8 and interlace == 0 and color in (0, 2, 4, 6), f"unsupported PNG {header}"
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[color]
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    out = bytearray(height * stride)
    previous = bytearray(stride)
    for y in range(height):
        kind = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if kind == 1:
            for i in range(channels, stride):
                line[i] = (line[i] + line[i - channels]) & 255
        elif kind == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, previous))
        elif kind == 3:
            for i in range(stride):
                left = line[i - channels] if i >= channels else 0
                line[i] = (line[i] + ((left + previous[i]) >> 1)) & 255
        elif kind == 4:
            for i in range(stride):
                a = line[i - channels] if i >= channels else 0
                b = previous[i]
                c = previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        out[y * stride:(y + 1) * stride] = line
        previous = line
    if channels == 4:
        return width, height, bytes(out)
    rgba = bytearray()
    for i in range(0, len(out), channels):
        pixel = out[i:i + channels]
        if channels == 1:
            rgba += bytes((pixel[0],) * 3 + (255,))
        elif channels == 2:
            rgba += bytes((pixel[0],) * 3 + (pixel[1],))
        else:
            rgba += bytes(pixel) + b"\xff"
    return width, height, bytes(rgba)


def compare_png(first, second):
    """None when the two screenshots are the same (no pixel off by more than 8 levels in any
    channel: the rasteriser's rounding), else what differs."""
    if first == second:
        return None
    w1, h1, a = decode_png(first)
    w2, h2, b = decode_png(second)
    if (w1, h1) != (w2, h2):
        return f"sizes differ: {w1}x{h1} and {w2}x{h2}"
    differing, worst, box = 0, 0, None
    for i in range(0, len(a), 4):
        delta = max(abs(a[i + k] - b[i + k]) for k in range(4))
        worst = max(worst, delta)
        if delta > 8:
            differing += 1
            x, y = (i // 4) % w1, (i // 4) // w1
            box = (x, y, x, y) if box is None else (min(box[0], x), min(box[1], y), max(box[2], x), max(box[3], y))
    if differing:
        return (f"{differing} of {w1 * h1} pixels differ by more than 8 levels (the worst by {worst}), "
                f"within x {box[0]}-{box[2]}, y {box[1]}-{box[3]}")
    return None


def colours(png):
    width, height, pixels = decode_png(png)
    return len({pixels[i:i + 4] for i in range(0, len(pixels), 4)})


def capture(driver, width, height):
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    return base64.b64decode(shot["data"])


SHOW_JS = """
const img = document.getElementById('shown');
img.removeAttribute('width'); img.removeAttribute('height');
img.src = arguments[0];
return img.decode().then(() => [img.naturalWidth, img.naturalHeight, img.width, img.height],
                          error => ['error', String(error)]);
"""


def hrefs(data):
    """The links of an SVG document: (element, href) of every element with href or xlink:href."""
    root = ET.fromstring(data)
    found = []
    for element in root.iter():
        for key in ("href", f"{{{XLINK_NS}}}href"):
            if key in element.attrib:
                found.append((element.tag.rsplit("}", 1)[-1], element.attrib[key].strip()))
    return sorted(found)


def safe_href(value):
    scheme = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", value)
    return not scheme or scheme.group(1).lower() in ("http", "https", "mailto")


ANIMATION = re.compile(rb"<(?:\w+:)?(?:animate|animateTransform|animateMotion|set)\b")
ANIMATION_TIMES = (0, 0.4, 0.9, 1.3, 2.2)


def test_legit_svgs_render_the_same_and_keep_their_links(probe_driver, static, svg_site, screenshots):
    started = time.monotonic()
    driver = probe_driver
    harness.set_viewport(driver, 800, 600)
    folder = screenshots / "svg-safety" / "legit"
    folder.mkdir(parents=True, exist_ok=True)
    differences = {}
    for case in legits(svg_site):
        if not case.url:
            continue
        problems = []
        original_path = f"/images/original-{case.bundle}-{case.file}"
        source = case.source.read_bytes()
        published = (svg_site["out"] / case.url.lstrip("/")).read_bytes()
        animated = bool(ANIMATION.search(source))
        # Links: every safe link of the original is in the published file, on the same element.
        want = [link for link in hrefs(source) if safe_href(link[1])]
        have = hrefs(published)
        missing = [link for link in want if link not in have]
        if missing:
            problems.append(f"links lost: {missing} (published: {have})")
        # As an <img>, at the same place of the same page (an animated one runs on its own clock
        # there: its pixels are compared as a document, below, at set times).
        harness.open_page(driver, static.at("/__probe/render.html"))
        shots = {}
        for which, url in (("original", original_path), ("published", case.url)):
            size = driver.execute_script(SHOW_JS, static.at(url))
            if size[0] == "error":
                problems.append(f"the {which} file does not render as an <img>: {size[1]}")
                continue
            width, height = max(1, min(size[2], 800)), max(1, min(size[3], 600))
            shots[which] = (size, capture(driver, width, height))
            (folder / f"{case.bundle}-img-{which}.png").write_bytes(shots[which][1])
            if colours(shots[which][1]) < 2:
                problems.append(f"the {which} file renders as an <img> of one colour: nothing to compare")
        if len(shots) == 2:
            if shots["original"][0] != shots["published"][0]:
                problems.append(f"<img> sizes differ: original {shots['original'][0]}, published {shots['published'][0]}")
            elif not animated:
                difference = compare_png(shots["original"][1], shots["published"][1])
                if difference:
                    problems.append(f"<img> renderings differ: {difference}")
        # As a document of its own, the pointer away from it, animations paused (at several times).
        renderings = {}
        for which, url in (("original", original_path), ("published", case.url)):
            harness.open_page(driver, static.at(url))
            box = driver.execute_script(
                "const b = document.documentElement.getBoundingClientRect();"
                "return [Math.ceil(Math.min(b.right, 800)), Math.ceil(Math.min(b.bottom, 600))]")
            for moment in (ANIMATION_TIMES if animated else (0,)):
                driver.execute_script(
                    "const r = document.documentElement;"
                    "try { r.pauseAnimations(); r.setCurrentTime(arguments[0]); } catch (e) {}", moment)
                driver.execute_script("return new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
                renderings[which, moment] = capture(driver, max(box[0], 1), max(box[1], 1))
                (folder / f"{case.bundle}-document-{which}-t{moment}.png").write_bytes(renderings[which, moment])
        for moment in (ANIMATION_TIMES if animated else (0,)):
            difference = compare_png(renderings["original", moment], renderings["published", moment])
            if difference:
                problems.append(f"document renderings differ at t={moment}s: {difference}")
        REPORT["legit"][case.name] = {"url": case.url, "animated": animated, "links": have, "problems": problems}
        if problems:
            differences[case.name] = problems
    REPORT["timing"]["legit"] = round(time.monotonic() - started, 2)
    assert not differences, "legitimate SVGs changed by sitegen:\n" + summary(differences)
