"""Live reload in the browser: edits in Content/ and Templates/ reach the open tab by themselves.

The tab is never reloaded by the test. Whether a change reloaded the page or was applied in place
is told by a variable set on `window`: a reload loses it.
"""

import re
import time
import urllib.parse

import pytest
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.support.ui import WebDriverWait

import harness
from harness import describe, open_page

LIVE = 2.0  # seconds from saving a file to seeing the change

# Counts the live-reload stream's openings, so the test edits only once the tab is listening.
# It wraps EventSource without changing what it does.
WATCH_STREAMS = """
(function () {
  const Original = window.EventSource;
  if (!Original || Original.__watched) return;
  window.__streamsOpened = 0;
  function Watched(url, init) {
    const source = new Original(url, init);
    source.addEventListener('open', function () { window.__streamsOpened += 1; });
    return source;
  }
  Watched.prototype = Original.prototype;
  Watched.CONNECTING = Original.CONNECTING;
  Watched.OPEN = Original.OPEN;
  Watched.CLOSED = Original.CLOSED;
  Watched.__watched = true;
  window.EventSource = Watched;
})();
"""


@pytest.fixture(scope="module")
def live_site(tmp_path_factory):
    site = harness.make_seed_site(tmp_path_factory.mktemp("live-site"))
    server = harness.Server(site)
    yield site, server
    server.stop()


def _wait(driver, condition, timeout, what, server):
    try:
        return WebDriverWait(driver, timeout, poll_frequency=0.05).until(lambda d: condition())
    except TimeoutException:
        raise AssertionError(f"{what} within {timeout} s; sitegen serve said:\n{server.log(15)}") from None


def _listening(driver, server):
    _wait(driver, lambda: driver.execute_script("return window.__streamsOpened || 0") >= 1, 5,
          "the live-reload stream did not open", server)


def _h1(driver):
    return driver.execute_script("const h = document.querySelector('h1'); return h && h.textContent.trim();")


def _overlay(driver):
    return driver.execute_script(
        "const o = document.getElementById('__sitegen-overlay'); return o ? o.innerText : null;")


def _write(path, text):
    # One write of the whole file, as an editor saving it.
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def test_edits_reach_the_open_tab(live_site):
    site, server = live_site
    driver = harness.new_driver()
    try:
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": WATCH_STREAMS})
        article_file = sorted((site / "Content" / "articles").glob("*.md"))[0]
        relative = article_file.relative_to(site).as_posix()
        original = article_file.read_text(encoding="utf-8")
        old_title = re.search(r'^title: "(.*)"$', original, re.M).group(1)

        status, errors = open_page(driver, server.at("/"))
        assert status == 200 and not errors, describe(errors)
        href = driver.execute_script("return document.querySelector('.card-list .card-title a').href")
        status, errors = open_page(driver, href)
        assert status == 200 and not errors, describe(errors)
        assert _h1(driver) == old_title
        _listening(driver, server)

        # 1. A new title: the tab reloads by itself and shows it.
        new_title = "Crew-11 Docks at the Station After a Night of Live Reloads"
        changed = original.replace(f'title: "{old_title}"', f'title: "{new_title}"', 1)
        assert changed != original
        saved = time.monotonic()
        _write(article_file, changed)
        _wait(driver, lambda: _h1(driver) == new_title, LIVE, f"the open tab did not show the new title", server)
        took = time.monotonic() - saved
        assert driver.title.startswith(new_title)
        assert urllib.parse.urlsplit(driver.current_url).path == urllib.parse.urlsplit(href).path
        print(f"new title shown {took:.2f} s after saving")

        # 2. Broken front-matter: the overlay names the file and the line, over the last good page.
        _listening(driver, server)
        driver.execute_script("window.__sameDocument = 'broken';")
        lines = changed.split("\n")
        date_line = next(i for i, line in enumerate(lines, 1) if line.startswith("date:"))
        lines[date_line - 1] = "date: 2025-02-30"
        _write(article_file, "\n".join(lines))
        _wait(driver, lambda: _overlay(driver) is not None, LIVE, "no error overlay appeared", server)
        overlay = _overlay(driver)
        assert f"{relative}:{date_line}:" in overlay, f"the overlay does not name {relative}:{date_line}:\n{overlay}"
        assert "2025-02-30" in overlay, overlay
        assert _h1(driver) == new_title, "the last good page should stay under the overlay"
        assert driver.execute_script("return window.__sameDocument") == "broken", \
            "the overlay should come without a reload"
        visible = driver.execute_script(
            "const r = document.getElementById('__sitegen-overlay').getBoundingClientRect();"
            "return r.width > 0 && r.height > 0 && r.top < innerHeight;")
        assert visible, "the overlay is in the page but not on screen"

        # 3. Fixed: the overlay goes away.
        _write(article_file, changed)
        _wait(driver, lambda: _overlay(driver) is None, LIVE, "the error overlay stayed after the fix", server)
        _wait(driver, lambda: _h1(driver) == new_title, LIVE, "the page did not come back after the fix", server)
        _listening(driver, server)

        # 4. A stylesheet change: the new style applies, and the page was not reloaded.
        driver.execute_script("window.__sameDocument = 'css';")
        color = "rgb(1, 102, 3)"
        before = driver.execute_script(
            "return getComputedStyle(document.querySelector('h1')).color")
        assert before != color
        stylesheet = site / "Templates" / "assets" / "style.css"
        css = stylesheet.read_text(encoding="utf-8")
        saved = time.monotonic()
        _write(stylesheet, css + "\n.article-title { color: " + color + "; }\n")
        _wait(driver, lambda: driver.execute_script(
            "return getComputedStyle(document.querySelector('h1')).color") == color,
            LIVE, "the new style did not apply", server)
        took = time.monotonic() - saved
        assert driver.execute_script("return window.__sameDocument") == "css", \
            "the stylesheet change reloaded the page; it should swap the stylesheet in place"
        print(f"stylesheet swapped {took:.2f} s after saving, without a reload")

        errors = harness.console_errors(driver)
        assert not errors, f"console errors during live reload:\n{describe(errors)}"
        _write(stylesheet, css)
        _write(article_file, original)
    finally:
        driver.quit()
    assert server.alive(), f"sitegen serve died:\n{server.log()}"


def test_live_reload_streams_do_not_starve_navigation(seed_server):
    """A reader clicking through ten pages with the back/forward cache on, as in a real browser."""
    driver = harness.new_driver(bfcache=True)
    driver.set_page_load_timeout(5)
    try:
        urls = [u for u in harness.sitemap_urls(seed_server) if u.endswith("/")][:10]
        assert len(urls) == 10
        for url in urls:
            started = time.monotonic()
            try:
                status, errors = open_page(driver, url)
            except TimeoutException:
                raise AssertionError(f"{url} did not load within 5 s") from None
            assert status == 200 and not errors, describe(errors)
            assert time.monotonic() - started < 5
    finally:
        driver.quit()
