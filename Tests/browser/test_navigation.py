"""Navigation: a reader walks the served site by clicking, and every internal link loads.

Each page shown in the browser must answer 200 (the Navigation Timing entry's responseStatus)
and leave no error in the console; links that are not pages (feeds, the sitemap, assets) are
fetched and must answer 200 too; a link to `#anchor` must find that id on its page.
"""

import collections
import random
import re
import time
import urllib.parse

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import harness
from harness import click_through, describe, fetch, open_page, page_links, sitemap_urls


def _path(driver):
    return urllib.parse.urlsplit(driver.current_url).path


def _h1(driver):
    return " ".join(driver.find_element(By.TAG_NAME, "h1").text.split())


def _text(element):
    return " ".join(element.text.split())


def _ok(driver, step, result):
    status, errors = result
    assert status == 200, f"{step}: {driver.current_url} answered {status}"
    assert not errors, f"{step}: console errors on {driver.current_url}:\n{describe(errors)}"


def _lists_link_to(driver, url):
    path = urllib.parse.urlsplit(url).path
    return any(urllib.parse.urlsplit(a.get_attribute("href")).path == path
               for a in driver.find_elements(By.CSS_SELECTOR, "main a[href]"))


def _paginate(driver, first_path, what):
    """Older → page 2, then Newer → back to the first page, checking the counters on the way."""
    total = int(re.search(r"of (\d+)", _text(driver.find_element(By.CSS_SELECTOR, ".pagination-count"))).group(1))
    assert total > 1
    assert not driver.find_elements(By.CSS_SELECTOR, ".pagination a[rel=prev]"), f"{what}: page 1 offers a previous page"
    _ok(driver, f"{what} → next page", click_through(driver, driver.find_element(By.CSS_SELECTOR, ".pagination a[rel=next]")))
    assert _path(driver) == first_path + "page/2/", f"{what}: next page is {_path(driver)}"
    assert _text(driver.find_element(By.CSS_SELECTOR, ".pagination-count")) == f"Page 2 of {total}"
    _ok(driver, f"{what} page 2 → previous page",
        click_through(driver, driver.find_element(By.CSS_SELECTOR, ".pagination a[rel=prev]")))
    assert _path(driver) == first_path, f"{what}: previous page of page 2 is {_path(driver)}"
    return total


def _walk(driver, server, paginated):
    mount = urllib.parse.urlsplit(server.url).path

    # Home
    _ok(driver, "home", open_page(driver, server.url))
    assert _path(driver) == mount
    assert _h1(driver) == "Latest"

    # → the lead article
    lead = driver.find_element(By.CSS_SELECTOR, ".card-list .card-title a")
    title = _text(lead)
    _ok(driver, "home → article", click_through(driver, lead))
    assert _path(driver).startswith(mount + "articles/"), _path(driver)
    assert _h1(driver) == title
    article_url = driver.current_url

    # → one of its topics, which lists it
    chip = driver.find_element(By.CSS_SELECTOR, ".article-header .chips a.chip")
    topic = _text(chip)
    _ok(driver, "article → topic", click_through(driver, chip))
    assert _path(driver).startswith(mount + "topics/"), _path(driver)
    assert _h1(driver) == topic
    assert _lists_link_to(driver, article_url), f"topic page {driver.current_url} does not list {article_url}"

    # back to the article (the browser's Back button) → one of its sources, which lists it
    driver.back()
    WebDriverWait(driver, 10, poll_frequency=0.05).until(lambda d: d.current_url == article_url)
    harness.wait_ready(driver)
    assert _h1(driver) == title
    source_link = driver.find_element(By.CSS_SELECTOR, ".article-sources a")
    source = _text(source_link)
    _ok(driver, "article → source", click_through(driver, source_link))
    assert _path(driver).startswith(mount + "sources/"), _path(driver)
    assert _h1(driver) == source
    assert _lists_link_to(driver, article_url), f"source page {driver.current_url} does not list {article_url}"

    # → the topics list, from the site's navigation
    nav_topics = [a for a in driver.find_elements(By.CSS_SELECTOR, "header .site-nav a") if _text(a) == "Topics"]
    assert nav_topics, "the site navigation has no 'Topics' link"
    _ok(driver, "source → topics list", click_through(driver, nav_topics[0]))
    assert _path(driver) == mount + "topics/"
    assert _h1(driver) == "Topics"
    topic_links = [_text(a) for a in driver.find_elements(By.CSS_SELECTOR, "main a")]
    assert topic in topic_links, f"the topics list has no link to {topic!r}"

    # Pagination: next and previous on the home page, and on the biggest topic when it has pages.
    nav_latest = [a for a in driver.find_elements(By.CSS_SELECTOR, "header .site-nav a") if _text(a) == "Latest"]
    _ok(driver, "topics list → home", click_through(driver, nav_latest[0]))
    if not paginated:
        assert not driver.find_elements(By.CSS_SELECTOR, ".pagination"), "one page of articles shows pagination"
        return
    pages = _paginate(driver, mount, "home")
    assert pages == 10, f"200 articles at 20 a page should be 10 pages, not {pages}"

    _ok(driver, "home → topics list", open_page(driver, server.at("/topics/")))
    biggest = driver.find_element(By.CSS_SELECTOR, ".term-bars a")
    _ok(driver, "topics list → biggest topic", click_through(driver, biggest))
    if driver.find_elements(By.CSS_SELECTOR, ".pagination"):
        _paginate(driver, _path(driver), f"topic {_h1(driver)}")


def test_reader_walk_on_the_seed_site(desktop, seed_server):
    _walk(desktop, seed_server, paginated=False)


def test_reader_walk_on_the_generated_site(desktop, generated_server):
    _walk(desktop, generated_server, paginated=True)


def _check_anchors(wanted, ids_of):
    problems = []
    for target, wants in sorted(wanted.items()):
        if target not in ids_of:
            continue
        for fragment, source in sorted(wants):
            if urllib.parse.unquote(fragment) not in ids_of[target]:
                problems.append(f"{source}: link to #{fragment} on {target}, which has no such id")
    return problems


def _crawl(driver, server, site, most=500):
    """Breadth-first from the home page and the sitemap: pages in the browser, the rest over HTTP.
    Returns how many pages and other files (feeds, assets) it reached."""
    start = [server.url] + sitemap_urls(server) + [server.at("/404.html")]
    queue = collections.deque(dict.fromkeys(start))
    referrer = {url: "(start)" for url in queue}
    ids_of, wanted = {}, collections.defaultdict(set)
    problems, pages, others = [], 0, 0
    while queue:
        url = queue.popleft()
        status, content_type, _ = fetch(url)
        if status != 200:
            problems.append(f"{url} (linked from {referrer[url]}) answered {status}")
            continue
        if not content_type.startswith("text/html"):
            others += 1
            continue
        pages += 1
        assert pages < most, f"the {site} site should not have {most} pages: the crawl is running away"
        shown, errors = open_page(driver, url)
        if shown != 200:
            problems.append(f"{url} (linked from {referrer[url]}) answered {shown} in the browser")
        if errors:
            problems.append(f"{url}: console errors:\n{describe(errors)}")
        links, ids, here = page_links(driver, server.origin)
        ids_of[here] = ids
        for _, base, fragment in links:
            if fragment:
                wanted[base].add((fragment, url))
            if base not in referrer:
                referrer[base] = url
                queue.append(base)
    problems += _check_anchors(wanted, ids_of)
    assert not problems, "\n".join(problems)
    return pages, others


def test_every_internal_link_of_the_seed_site_loads(desktop, seed_server):
    pages, others = _crawl(desktop, seed_server, "seed")
    # The seed site: home, one article, an about page, topic and source pages, lists, feeds, assets.
    assert pages >= 15, f"only {pages} pages were reached"
    assert others >= 5, f"only {others} feeds and assets were reached"


def test_every_internal_link_of_the_init_site_loads(desktop, init_server):
    """A new site as `sitegen init` writes it: every link of the built-in theme and of the
    example content leads somewhere, the example photos included."""
    pages, others = _crawl(desktop, init_server, "init", most=100)
    # Home, the example article, About, topics and sources with their terms, the author, archives, 404.
    assert pages >= 12, f"only {pages} pages were reached"
    assert others >= 5, f"only {others} feeds, photos and assets were reached"


def test_fifty_sampled_pages_of_the_generated_site_load(desktop, generated_server):
    """50 pages of the sitemap (a fixed sample) in the browser; every internal link on them over HTTP."""
    driver = desktop
    urls = sorted(set(sitemap_urls(generated_server)))
    assert len(urls) > 400, f"the 200-article site's sitemap has only {len(urls)} entries"
    sample = random.Random(8).sample(urls, 50)
    problems, links_of = [], {}
    ids_of, wanted = {}, collections.defaultdict(set)
    started = time.monotonic()
    for url in sample:
        shown, errors = open_page(driver, url)
        if shown != 200:
            problems.append(f"{url} answered {shown} in the browser")
        if errors:
            problems.append(f"{url}: console errors:\n{describe(errors)}")
        links, ids, here = page_links(driver, generated_server.origin)
        ids_of[here] = ids
        for _, base, fragment in links:
            links_of.setdefault(base, url)
            if fragment:
                wanted[base].add((fragment, url))
    browsed = time.monotonic() - started
    for base, source in sorted(links_of.items()):
        if base in ids_of:
            continue  # shown in the browser above
        status, _, _ = fetch(base)
        if status != 200:
            problems.append(f"{base} (linked from {source}) answered {status}")
    problems += _check_anchors(wanted, ids_of)
    assert not problems, "\n".join(problems)
    assert len(links_of) > 200, f"only {len(links_of)} distinct internal links on 50 pages"
    print(f"50 pages in the browser in {browsed:.1f} s; {len(links_of)} distinct internal links fetched")
