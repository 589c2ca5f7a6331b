"""sitemap.xml and news-sitemap.xml read by lxml and checked against the sitemaps protocol
(https://www.sitemaps.org/protocol.html) and Google's news sitemap rules, structurally: the
schemas cannot be downloaded here and third-party files are not copied into the repository.
robots.txt names both sitemaps.

Besides both sites, a site of 1,005 articles all of the last 48 hours checks the news sitemap's
limit of 1,000 URLs.
"""

import datetime
import re
import shutil

import pytest
from lxml import etree

import sites
from sites import NOW_DATETIME, absolute, require_none, w3c_datetime

SM = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS = "http://www.google.com/schemas/sitemap-news/0.9"
NS = {"sm": SM, "news": NEWS}
NEWS_WINDOW = datetime.timedelta(hours=48)
NEWS_LIMIT = 1000
CHANGEFREQ = {"always", "hourly", "daily", "weekly", "monthly", "yearly", "never"}
# Google News: an ISO 639 code of two or three letters, or zh-cn / zh-tw.
NEWS_LANGUAGE = re.compile(r"^(?:[a-z]{2,3}|zh-cn|zh-tw)$")


def parse(path, problems):
    if not path.is_file():
        problems.append(f"{path.name}: missing")
        return None
    if path.stat().st_size > 50 * 1024 * 1024:
        problems.append(f"{path.name}: over 50 MB")
    try:
        return etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        problems.append(f"{path.name}: not well-formed XML: {error}")
        return None


def check_loc(site, where, loc, problems):
    text = (loc.text or "").strip() if loc is not None else ""
    if not text:
        problems.append(f"{where}: no <loc>")
    elif text != (loc.text or ""):
        problems.append(f"{where}: <loc> {loc.text!r} has white space around the URL")
    elif not absolute(text):
        problems.append(f"{where}: <loc> {text!r} is not an absolute URL")
    elif not text.startswith(site.base_url):
        problems.append(f"{where}: <loc> {text} is not under the site's URL {site.base_url}")
    elif site.file_of(text) is None:
        problems.append(f"{where}: <loc> {text} leads to no file of the site")
    return text


def sitemap_entries(site, problems):
    """Checks sitemap.xml; returns its URLs."""
    tree = parse(site.output / "sitemap.xml", problems)
    if tree is None:
        return []
    root = tree.getroot()
    if root.tag != f"{{{SM}}}urlset":
        problems.append(f"sitemap.xml: the root is {root.tag}, not {{{SM}}}urlset")
        return []
    urls = []
    for n, url in enumerate(root, 1):
        if not isinstance(url.tag, str):
            continue
        where = f"sitemap.xml:{url.sourceline}"
        if url.tag != f"{{{SM}}}url":
            problems.append(f"{where}: unexpected element {url.tag} in <urlset>")
            continue
        locs = url.findall("sm:loc", NS)
        if len(locs) != 1:
            problems.append(f"{where}: {len(locs)} <loc> elements in one <url>")
        urls.append(check_loc(site, where, locs[0] if locs else None, problems))
        for child in url:
            if not isinstance(child.tag, str):
                continue
            name = etree.QName(child)
            if name.namespace != SM:
                continue  # an extension (image:, xhtml:) is allowed
            value = (child.text or "").strip()
            if name.localname == "lastmod" and w3c_datetime(value) is None:
                problems.append(f"sitemap.xml:{child.sourceline}: <lastmod> {value!r} is not a W3C datetime")
            elif name.localname == "changefreq" and value not in CHANGEFREQ:
                problems.append(f"sitemap.xml:{child.sourceline}: <changefreq> {value!r}")
            elif name.localname == "priority" and not re.match(r"^(0(\.\d+)?|1(\.0+)?)$", value):
                problems.append(f"sitemap.xml:{child.sourceline}: <priority> {value!r} is not between 0.0 and 1.0")
            elif name.localname not in ("loc", "lastmod", "changefreq", "priority"):
                problems.append(f"sitemap.xml:{child.sourceline}: unknown element <{name.localname}> in <url>")
            if name.localname in ("lastmod", "changefreq", "priority") and len(url.findall(f"sm:{name.localname}", NS)) > 1:
                problems.append(f"sitemap.xml:{child.sourceline}: <{name.localname}> twice in one <url>")
    if len(urls) > 50000:
        problems.append(f"sitemap.xml: {len(urls)} URLs, more than 50,000")
    duplicates = sorted({u for u in urls if urls.count(u) > 1}) if len(urls) < 5000 else []
    for url in duplicates:
        problems.append(f"sitemap.xml: {url} listed more than once")
    return urls


def news_entries(site, problems):
    """Checks news-sitemap.xml; returns [(loc, publication datetime)]."""
    tree = parse(site.output / "news-sitemap.xml", problems)
    if tree is None:
        return []
    root = tree.getroot()
    if root.tag != f"{{{SM}}}urlset":
        problems.append(f"news-sitemap.xml: the root is {root.tag}, not {{{SM}}}urlset")
        return []
    if NEWS not in root.nsmap.values():
        problems.append(f"news-sitemap.xml: the news namespace {NEWS} is not declared on <urlset>")
    entries = []
    for url in root:
        if not isinstance(url.tag, str):
            continue
        where = f"news-sitemap.xml:{url.sourceline}"
        if url.tag != f"{{{SM}}}url":
            problems.append(f"{where}: unexpected element {url.tag} in <urlset>")
            continue
        locs = url.findall("sm:loc", NS)
        if len(locs) != 1:
            problems.append(f"{where}: {len(locs)} <loc> elements in one <url>")
        loc = check_loc(site, where, locs[0] if locs else None, problems)
        news = url.findall("news:news", NS)
        if len(news) != 1:
            problems.append(f"{where}: {len(news)} <news:news> elements, not 1")
            continue
        news = news[0]
        publications = news.findall("news:publication", NS)
        if len(publications) != 1:
            problems.append(f"{where}: {len(publications)} <news:publication> elements, not 1")
        else:
            names = publications[0].findall("news:name", NS)
            languages = publications[0].findall("news:language", NS)
            if len(names) != 1 or not (names[0].text or "").strip():
                problems.append(f"{where}: <news:publication> needs one non-empty <news:name>")
            if len(languages) != 1 or not NEWS_LANGUAGE.match((languages[0].text or "").strip()):
                problems.append(f"{where}: <news:language> {[l.text for l in languages]} is not one ISO 639 code")
        dates = news.findall("news:publication_date", NS)
        moment = w3c_datetime((dates[0].text or "").strip()) if len(dates) == 1 else None
        if moment is None:
            problems.append(f"{where}: <news:publication_date> {[d.text for d in dates]} is not one W3C datetime")
        titles = news.findall("news:title", NS)
        if len(titles) != 1 or not (titles[0].text or "").strip():
            problems.append(f"{where}: <news:news> needs one non-empty <news:title>")
        entries.append((loc, moment))
    if len(entries) > NEWS_LIMIT:
        problems.append(f"news-sitemap.xml: {len(entries)} URLs, more than Google's limit of {NEWS_LIMIT}")
    if site.now_accepted:
        for loc, moment in entries:
            if moment is not None and not (NOW_DATETIME - NEWS_WINDOW <= moment <= NOW_DATETIME):
                problems.append(f"news-sitemap.xml: {loc} was published {moment:%Y-%m-%dT%H:%M:%SZ}, "
                                f"outside the 48 hours before the build's clock {sites.NOW}")
    return entries


def articles_of_the_window(site):
    """How many of the site's articles are dated within the 48 hours before --now (a date
    without a time is midnight UTC: both sites' time zone)."""
    count = 0
    for path in (site.source / "Content" / "articles").rglob("*.md"):
        match = re.search(r"^date:\s*[\"']?([0-9][^\"'\s]*)", path.read_text(), re.M)
        moment = w3c_datetime(match.group(1)) if match else None
        if moment is not None and NOW_DATETIME - NEWS_WINDOW <= moment <= NOW_DATETIME:
            count += 1
    return count


def test_sitemap(site):
    problems = []
    urls = set(sitemap_entries(site, problems))
    if urls:
        articles = site.output / "articles"
        unlisted = [site.url_of(p.relative_to(site.output)) for p in sorted(articles.glob("*/index.html"))
                    if site.url_of(p.relative_to(site.output)) not in urls]
        problems += [f"sitemap.xml: the article {u} is not listed" for u in unlisted]
        if site.base_url not in urls:
            problems.append(f"sitemap.xml: the home page {site.base_url} is not listed")
    else:
        problems.append("sitemap.xml lists no URL")
    require_none(problems, f"sitemap.xml of the {site.name} site")


def test_news_sitemap(site):
    problems = []
    entries = news_entries(site, problems)
    sitemap = set(sitemap_entries(site, []))
    for loc, _ in entries:
        if loc and loc not in sitemap:
            problems.append(f"news-sitemap.xml: {loc} is not in sitemap.xml")
    expected = min(NEWS_LIMIT, articles_of_the_window(site))
    if len(entries) != expected:
        problems.append(f"news-sitemap.xml: {len(entries)} URLs, but {expected} articles of the site are "
                        f"dated in the 48 hours before {sites.NOW}")
    require_none(problems, f"news-sitemap.xml of the {site.name} site")


def test_robots_txt_names_both_sitemaps(site):
    path = site.output / "robots.txt"
    assert path.is_file(), f"the {site.name} site has no robots.txt"
    named = re.findall(r"^\s*sitemap\s*:\s*(\S+)\s*$", path.read_text(), re.I | re.M)
    problems = [f"Sitemap: {url} is not an absolute URL" for url in named if not absolute(url)]
    for name in ("sitemap.xml", "news-sitemap.xml"):
        if site.base_url + name not in named:
            problems.append(f"no 'Sitemap: {site.base_url}{name}' line (it names {named})")
    require_none(problems, f"robots.txt of the {site.name} site")


# ---------------------------------------------------------------------------------------------
# The limit of 1,000


CAP_ARTICLES = NEWS_LIMIT + 5
CAP_START = NOW_DATETIME - datetime.timedelta(hours=40)  # article i is CAP_START + i minutes


@pytest.fixture(scope="module")
def busy_site(tmp_path_factory):
    """1,005 short articles, one a minute, all in the 48 hours before --now, with the seed's
    settings and theme."""
    tmp = tmp_path_factory.mktemp("busy")
    source = tmp / "site"
    sites.harness.make_seed_site(source)
    articles = source / "Content" / "articles"
    for old in list(articles.iterdir()):
        if old.is_dir():
            shutil.rmtree(old)
        else:
            old.unlink()
    for i in range(CAP_ARTICLES):
        moment = CAP_START + datetime.timedelta(minutes=i)
        (articles / f"busy-{i:04d}.md").write_text(
            f"---\ntitle: \"Busy hour report {i}\"\ndate: {moment:%Y-%m-%dT%H:%M:%SZ}\n"
            f"topics: [Busy]\nsummary: \"Report {i}.\"\n---\n\nReport number {i} of a busy news day.\n")
    try:
        return sites.Site("busy", source, tmp / "out").build()
    except sites.Loud as problem:
        pytest.fail(sites.banner(str(problem)), pytrace=False)


def test_news_sitemap_keeps_the_newest_1000(busy_site):
    problems = []
    entries = news_entries(busy_site, problems)
    locs = {loc for loc, _ in entries}
    if len(entries) != NEWS_LIMIT:
        problems.append(f"news-sitemap.xml: {len(entries)} URLs; all {CAP_ARTICLES} articles are of the last "
                        f"48 hours, so it should list the newest {NEWS_LIMIT}")
    oldest = {loc for loc in locs if re.search(r"/busy-000[0-4]/$", loc or "")}
    if oldest:
        problems.append(f"news-sitemap.xml: it keeps the oldest articles {sorted(oldest)}, not the newest")
    require_none(problems, "news-sitemap.xml of a site of 1,005 recent articles")
