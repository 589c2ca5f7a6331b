"""Layout: screenshots at phone and desktop sizes, no sideways scrolling on a phone, a dark
theme when the reader asks for one, and a readable line length for article text.

Screenshots go to bench-out/browser-screenshots/ (not committed; SITEGEN_SCREENSHOTS moves it);
the run prints the folder at the end.
"""

import pytest

import harness
from harness import describe, open_page

PHONE = (390, 844)
DESKTOP = (1280, 800)
SIZES = {"390x844": PHONE, "1280x800": DESKTOP}

OVERFLOW_JS = """
const width = document.documentElement.clientWidth;
return Array.from(document.querySelectorAll('body *')).filter(e => {
  const r = e.getBoundingClientRect();
  return r.width > 0 && r.right > width + 0.5;
}).slice(0, 8).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ').join('.') : '')
  + ' (right edge at ' + Math.round(e.getBoundingClientRect().right) + ' px)');
"""

# Characters per line of the article's body text: the paragraph's content width divided by the
# average width of a character of its own text, set in its own font on one line.
MEASURE_JS = """
const paragraphs = Array.from(document.querySelectorAll('.article-body > p'))
  .filter(p => p.textContent.trim().length > 120);
if (!paragraphs.length) return null;
const p = paragraphs[0];
const style = getComputedStyle(p);
const width = p.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
const probe = document.createElement('span');
probe.style.cssText = 'position:absolute;left:-100000px;top:0;white-space:nowrap;visibility:hidden';
probe.textContent = paragraphs.slice(0, 5).map(q => q.textContent.replace(/\\s+/g, ' ').trim()).join(' ');
p.appendChild(probe);
const textWidth = probe.getBoundingClientRect().width;
const length = probe.textContent.length;
probe.remove();
return {width: width, averageCharacter: textWidth / length, characters: width / (textWidth / length),
        font: style.fontSize + ' ' + style.fontFamily.split(',')[0]};
"""


def _pages(server, driver, newsroom=False, author=None):
    """home, the lead article, its first topic, the sources page and the archive (with `newsroom`,
    the author pages, /corrections/ and a corrected article too; with `author`, the author pages),
    as URLs of `server`."""
    status, errors = open_page(driver, server.url)
    assert status == 200 and not errors, describe(errors)
    article = driver.execute_script("return document.querySelector('.card-list .card-title a').href")
    open_page(driver, article)
    topic = driver.execute_script("return document.querySelector('.article-header a.chip').href")
    found = {"home": server.url, "article": article, "topic": topic,
             "sources": server.at("/sources/"), "topics": server.at("/topics/"), "archive": server.at("/archive/")}
    open_page(driver, server.at("/archive/"))
    found["archive-month"] = driver.execute_script("return document.querySelector('.archive-months a').href")
    if newsroom:
        # The generated site carries the newsroom overlay (harness.add_newsroom): bylines, an author
        # file, corrections.
        open_page(driver, server.at("/corrections/"))
        corrected = driver.execute_script("return document.querySelector('.correction-title a').href")
        found.update({"authors": server.at("/authors/"), "author": server.at("/authors/ana-ruiz/"),
                      "corrections": server.at("/corrections/"), "corrected-article": corrected})
    if author:
        found.update({"authors": server.at("/authors/"), "author": server.at(author)})
    return found


@pytest.fixture(scope="module")
def pages(driver, seed_server, generated_server, init_server):
    harness.set_viewport(driver, *DESKTOP)
    return {"seed": _pages(seed_server, driver), "generated": _pages(generated_server, driver, newsroom=True),
            "init": _pages(init_server, driver, author="/authors/sam-rivera/")}


def _show(driver, url, size, scheme=None):
    errors = harness.show(driver, url, size, scheme)
    assert not errors, f"console errors on {url}:\n{describe(errors)}"
    driver.execute_script("return document.fonts.ready.then(() => true)")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("site", ["seed", "generated", "init"])
def test_screenshots_and_no_horizontal_scrolling(driver, pages, screenshots, site, size):
    width, height = SIZES[size]
    problems = []
    for name, url in pages[site].items():
        _show(driver, url, (width, height))
        assert driver.execute_script("return innerWidth") == width
        harness.screenshot(driver, screenshots / f"{site}-{name}-{size}.png")
        harness.screenshot(driver, screenshots / f"{site}-{name}-{size}-full.png", full_page=True)
        scroll_width = driver.execute_script("return document.documentElement.scrollWidth")
        if scroll_width > width:
            problems.append(f"{name} ({url}) scrolls sideways at {width} px: scrollWidth {scroll_width}; "
                            f"too wide: {driver.execute_script(OVERFLOW_JS)}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("site", ["seed", "generated", "init"])
def test_dark_mode_gives_a_dark_background(driver, pages, screenshots, site):
    problems = []
    names = ["home", "article", "topic", "sources", "archive", "archive-month"]
    names += ["authors", "author", "corrections", "corrected-article"] if site == "generated" else []
    names += ["authors", "author"] if site == "init" else []
    for name in names:
        url = pages[site][name]
        for scheme in ("light", "dark"):
            _show(driver, url, DESKTOP, scheme)
            background, text = driver.execute_script(
                "const s = getComputedStyle(document.body); return [s.backgroundColor, s.color];")
            if scheme == "dark":
                harness.screenshot(driver, screenshots / f"{site}-{name}-1280x800-dark.png")
                if name in ("article", "author", "corrected-article", "archive"):
                    harness.set_viewport(driver, *PHONE)
                    harness.screenshot(driver, screenshots / f"{site}-{name}-390x844-dark.png")
            lb, lt = harness.luminance(background), harness.luminance(text)
            dark_enough = lb < 0.05 and lt > 0.5 if scheme == "dark" else lb > 0.8 and lt < 0.1
            if not dark_enough:
                problems.append(f"{name} in {scheme} mode: body background {background} (luminance {lb:.3f}), "
                                f"text {text} (luminance {lt:.3f})")
    harness.set_color_scheme(driver, None)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("site", ["seed", "generated", "init"])
def test_article_text_column_is_45_to_90_characters_on_desktop(driver, pages, site):
    _show(driver, pages[site]["article"], DESKTOP)
    measure = driver.execute_script(MEASURE_JS)
    assert measure, "the article has no paragraph of body text to measure"
    characters = measure["characters"]
    print(f"{site} article: {characters:.1f} characters a line "
          f"({measure['width']:.0f} px / {measure['averageCharacter']:.2f} px, {measure['font']})")
    assert 45 <= characters <= 90, f"the article's text column is {characters:.1f} characters wide: {measure}"


HEADER_MARK_JS = """
const mark = document.querySelector('.site-title .logo');
if (!mark) return null;
const r = mark.getBoundingClientRect();
const text = mark.querySelector('text');
return {tag: mark.tagName.toLowerCase(), width: r.width, height: r.height,
        loaded: mark.tagName === 'IMG' ? mark.complete && mark.naturalWidth > 0 : null,
        color: getComputedStyle(mark).color,
        background: getComputedStyle(document.querySelector('.site-header')).backgroundColor,
        letter: text ? text.textContent : null,
        title: document.querySelector('.site-title span').textContent};
"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("site", ["seed", "generated"])
def test_the_header_mark_is_the_sites_logo_or_its_initial(driver, pages, screenshots, site, size):
    """The theme has no brand of its own: the seed site's mark is its logo: (an image of its
    static/), the generated site, which sets none, gets its title's initial in the accent colour,
    28 px square either way, light and dark."""
    problems = []
    for scheme in ("light", "dark"):
        _show(driver, pages[site]["home"], SIZES[size], scheme)
        harness.screenshot(driver, screenshots / f"{site}-header-{size}-{scheme}.png")
        mark = driver.execute_script(HEADER_MARK_JS)
        if mark is None:
            problems.append(f"{scheme}: no .site-title .logo")
            continue
        if (mark["width"], mark["height"]) != (28, 28):
            problems.append(f"{scheme}: the mark is {mark['width']}×{mark['height']} px, not 28×28")
        if site == "seed":
            if mark["tag"] != "img" or not mark["loaded"]:
                problems.append(f"{scheme}: the seed site's mark is not its loaded logo image: {describe(mark)}")
        else:
            contrast = abs(harness.luminance(mark["color"]) - harness.luminance(mark["background"]))
            if mark["tag"] != "svg" or mark["letter"] != mark["title"][:1].upper() or contrast < 0.3:
                problems.append(f"{scheme}: the generated site's mark is not its initial, set apart from the header: "
                                f"{describe(mark)} (luminance difference {contrast:.2f})")
    harness.set_color_scheme(driver, None)
    assert not problems, "\n".join(problems)
