"""axe-core 4.x in Chromium: no violation of impact 'serious' or 'critical' on one page of every
kind — home, home page 2, an article (on the generated site one with a table, a task list and
footnotes), a standalone page, a taxonomy index, a term page, a source page and the 404 page —
at 1280 px, in light and in dark colours.

axe is the axe.min.js that the PyPI package axe-playwright-python bundles (read from its folder;
neither Playwright nor any network is used), injected through Selenium. Each page's full result,
moderate and minor violations included, is written to bench-out/axe/ (not committed).
"""

import importlib.util
import json
import pathlib
import re
import urllib.parse

import pytest

import harness
from harness import open_page

AXE_RESULTS = harness.SCREENSHOTS.parent / "axe"
FAILING_IMPACTS = ("critical", "serious")
SCHEMES = ("light", "dark")

# (site, kind): the path, or None when it is looked up on the site.
PAGES = [
    ("seed", "home", "/"),
    ("seed", "article", None),
    ("seed", "page", "/about/"),
    ("seed", "taxonomy", "/topics/"),
    ("seed", "term", None),
    ("seed", "source", None),
    ("seed", "404", "/no-such-page-for-axe/"),
    ("generated", "home", "/"),
    ("generated", "home-page-2", "/page/2/"),
    ("generated", "article-table-tasks-footnotes", None),
    ("generated", "taxonomy", "/topics/"),
    ("generated", "term", None),
    ("generated", "source", None),
    ("generated", "404", "/no-such-page-for-axe/"),
    ("generated", "authors", "/authors/"),
    ("generated", "author", "/authors/ana-ruiz/"),
    ("generated", "archive", "/archive/"),
    ("generated", "archive-year", None),
    ("generated", "archive-month", None),
    ("generated", "corrections", "/corrections/"),
    ("generated", "article-corrected", None),
    ("init", "home", "/"),
    ("init", "article", None),
    ("init", "page", "/about/"),
    ("init", "term", None),
    ("init", "source", None),
    ("init", "author", "/authors/sam-rivera/"),
    ("init", "404", "/no-such-page-for-axe/"),
]

RUN_AXE_JS = """
const done = arguments[arguments.length - 1];
axe.run(document, {resultTypes: ['violations']}).then(result => done({
  version: axe.version,
  url: result.url,
  violations: result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => ({html: n.html, target: n.target, impact: n.impact, summary: n.failureSummary})),
  })),
})).catch(error => done({error: String((error && error.stack) || error)}));
"""

_axe = {}


def axe_source():
    """The text of axe.min.js from axe-playwright-python, checked to be axe 4.x."""
    if "source" not in _axe:
        spec = importlib.util.find_spec("axe_playwright_python")
        if spec is None or not spec.submodule_search_locations:
            raise harness.Loud("the Python package axe-playwright-python (it bundles axe.min.js) is not "
                               "installed; scripts/browser-tests installs it")
        path = pathlib.Path(list(spec.submodule_search_locations)[0]) / "axe.min.js"
        if not path.is_file():
            raise harness.Loud(f"axe-playwright-python has no axe.min.js at {path}")
        source = path.read_text()
        match = re.search(r"axe v(\d+)\.(\d+)\.(\d+)", source[:300])
        if not match or int(match.group(1)) != 4:
            raise harness.Loud(f"{path} is not axe-core 4.x (its header: {source[:60]!r})")
        _axe.update(source=source, version=".".join(match.groups()), path=path)
    return _axe["source"]


def _sitemap_paths(server):
    """The paths of the sitemap's URLs (whatever base URL `sitegen serve` gives them)."""
    return [urllib.parse.urlsplit(url).path for url in harness.sitemap_urls(server)]


def _rich_article(server):
    """The path of an article of the site whose Markdown has a table, a task list and footnotes."""
    for path in sorted((server.source / "Content" / "articles").rglob("*.md")):
        text = path.read_text()
        if (re.search(r"^\|.*\|\s*\n\|[\s:|-]*-[\s:|-]*\|?\s*$", text, re.M)
                and re.search(r"^\s*[-*+] \[[ xX]\] ", text, re.M)
                and re.search(r"^\[\^[^\]]+\]:", text, re.M)):
            slug = re.search(r"^slug:\s*[\"']?([^\"'\s]+)", text, re.M)
            name = path.parent.name if path.name == "index.md" else path.stem
            slug = slug.group(1) if slug else re.sub(r"^\d{4}-\d{2}-\d{2}-", "", name)
            return f"/articles/{slug}/"
    raise harness.Loud(f"no article of {server.source} has a table, a task list and footnotes")


def _corrected_article(server):
    """The first article with a correction, as /corrections/ links it."""
    status, _, body = harness.fetch(server.at("/corrections/"))
    match = re.search(r'<h2 class="correction-title"><a href="([^"]+)"', body.decode("utf-8", "replace"))
    if status != 200 or not match:
        raise harness.Loud(f"{server.source}'s /corrections/ lists no article")
    return match.group(1)


def page_path(server, site, kind, path):
    if path:
        return path
    if kind == "article-corrected":
        return _corrected_article(server)
    if kind.startswith("article-"):
        return _rich_article(server)
    if kind.startswith("archive-"):
        depth = {"archive-year": 3, "archive-month": 4}[kind]
        found = [p for p in _sitemap_paths(server) if p.startswith("/archive/") and p.count("/") == depth and "/page/" not in p]
        if not found:
            raise harness.Loud(f"the {site} site's sitemap lists no {kind} page")
        return found[0]
    prefix = {"article": "/articles/", "term": "/topics/", "source": "/sources/"}[kind]
    found = [p for p in _sitemap_paths(server) if p.startswith(prefix) and p != prefix and "/page/" not in p]
    if not found:
        raise harness.Loud(f"the {site} site's sitemap lists no page under {prefix}")
    return found[0]


def describe_violations(violations, nodes=3):
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} — {len(v['nodes'])} node(s); {v['helpUrl']}")
        for node in v["nodes"][:nodes]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:240]}")
            summary = (node.get("summary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(v["nodes"]) > nodes:
            lines.append(f"    … and {len(v['nodes']) - nodes} more")
    return "\n".join(lines)


def audit(request, driver, site, kind, path, scheme, width):
    """Opens the page in Chromium at `width` px in `scheme` colours, runs axe, keeps its result in
    bench-out/axe/, and fails listing every serious or critical violation."""
    try:
        source = axe_source()
    except harness.Loud as problem:
        pytest.fail(harness.banner(str(problem)), pytrace=False)
    server = request.getfixturevalue(f"{site}_server")
    try:
        path = page_path(server, site, kind, path)
    except harness.Loud as problem:
        pytest.fail(harness.banner(str(problem)), pytrace=False)

    harness.set_viewport(driver, width, 800)
    harness.set_color_scheme(driver, scheme)
    status, _ = open_page(driver, server.at(path))
    expected = 404 if kind == "404" else 200
    assert status == expected, f"{path} answered {status}, not {expected}"
    driver.execute_script(source)
    driver.set_script_timeout(90)
    try:
        result = driver.execute_async_script(RUN_AXE_JS)
    finally:
        driver.set_script_timeout(15)
    assert result and not result.get("error"), f"axe.run failed on {path}: {result}"

    AXE_RESULTS.mkdir(parents=True, exist_ok=True)
    (AXE_RESULTS / f"{site}-{kind}-{scheme}-{width}.json").write_text(
        json.dumps(dict(result, path=path, scheme=scheme, width=width), indent=1))
    failing = [v for v in result["violations"] if v["impact"] in FAILING_IMPACTS]
    others = [v for v in result["violations"] if v["impact"] not in FAILING_IMPACTS]
    if failing:
        message = (f"axe {result['version']}: {len(failing)} serious or critical violation(s) on the {site} "
                   f"site's {kind} page {path}, {scheme} colours, {width} px:\n{describe_violations(failing)}")
        if others:
            message += f"\nalso (not failing):\n{describe_violations(others, nodes=1)}"
        pytest.fail(message, pytrace=False)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("site,kind,path", PAGES, ids=[f"{s}-{k}" for s, k, _ in PAGES])
def test_no_serious_axe_violation(request, driver, site, kind, path, scheme):
    audit(request, driver, site, kind, path, scheme, width=1280)


def test_no_serious_axe_violation_on_a_phone(request, driver):
    """The article with a table at 390 px, where a wide table scrolls (axe checks a scrolling
    region only when it does)."""
    audit(request, driver, "generated", "article-table-tasks-footnotes", None, "light", width=390)
