"""The feeds of both sites, the site's and every term's (topics/nasa/feed.xml, …): Atom
(feed.xml) and RSS 2.0 (rss.xml) read by feedparser, which must find nothing wrong (bozo 0),
and JSON Feed 1.1 (feed.json) checked against the spec's required fields (feedparser 6.0, the
newest on PyPI, does not read JSON Feed). Every entry has a title, a link to a page of the site,
a publication date and content; no author is nameless; links inside content are absolute (a
feed reader shows the content away from the site, where '/x' and '#x' lead elsewhere).

Content is read from the raw XML (lxml), not from feedparser, which resolves relative links
against xml:base and so would hide them.
"""

import email.utils
import json
import re

import feedparser
from lxml import etree, html as lxml_html

from sites import absolute, require_none, w3c_datetime

ATOM = "http://www.w3.org/2005/Atom"
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
NS = {"a": ATOM, "content": CONTENT, "dc": DC}
FEEDS = ("feed.xml", "rss.xml", "feed.json")
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"


def feeds(site, name):
    """(folder, file) of every `name` feed of the site, for the folders that have one."""
    return [(folder, site.output / folder / name) for folder in site.feed_folders()
            if (site.output / folder / name).is_file()]


def content_links(html_text):
    """The URLs of a piece of HTML content that are not absolute: [(attribute, value)]."""
    if not html_text or not html_text.strip():
        return []
    bad = []
    for element in lxml_html.fragment_fromstring(html_text, create_parent="div").iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("href", "src", "poster", "cite", "action", "data"):
            value = element.get(attribute)
            if value is not None and not _absolute_link(value):
                bad.append((f"<{element.tag} {attribute}>", value))
        for attribute in ("srcset",):
            for candidate in (element.get(attribute) or "").split(","):
                value = candidate.strip().split(" ")[0] if candidate.strip() else ""
                if value and not _absolute_link(value):
                    bad.append((f"<{element.tag} {attribute}>", value))
    return bad


def _absolute_link(value):
    value = value.strip()
    return absolute(value) or re.match(r"^(mailto|tel|data):", value, re.I) is not None


def check_content(where, html_text, problems):
    if not html_text or not html_text.strip():
        problems.append(f"{where}: empty content")
        return
    for attribute, value in content_links(html_text):
        problems.append(f"{where}: relative link in content: {attribute}={value!r}")


RFC_822 = re.compile(r"^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                     r"\d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UT|[A-Z]{3})$")


def rfc_822(text):
    """Whether `text` is an RFC 822 date, as RSS 2.0 wants (with a four-digit year)."""
    if not RFC_822.match(text or ""):
        return False
    try:
        return email.utils.parsedate_to_datetime(text) is not None
    except (TypeError, ValueError):
        return False


def rfc_3339(text):
    """Whether `text` is an RFC 3339 date-time (a W3C datetime with a time and a zone)."""
    return "T" in (text or "") and w3c_datetime(text) is not None


def check_entry_link(site, where, link, problems):
    if not absolute(link):
        problems.append(f"{where}: link {link!r} is not absolute")
    elif site.file_of(link) is None:
        problems.append(f"{where}: link {link} leads to no page of the site")


def parse_xml(path, problems, where):
    try:
        return etree.parse(str(path))
    except etree.XMLSyntaxError as error:
        problems.append(f"{where}: not well-formed XML: {error}")
        return None


def test_every_feed_is_there(site):
    missing = [f"{folder / name}" for folder in site.feed_folders() for name in FEEDS
               if not (site.output / folder / name).is_file()]
    assert len(site.feed_folders()) > 1, f"the {site.name} site has no term pages under {site.taxonomies}"
    require_none(missing, f"feeds missing from the {site.name} site (the site's and each term's)")


def test_atom_feeds(site):
    problems = []
    found = feeds(site, "feed.xml")
    assert found, f"the {site.name} site has no feed.xml"
    for folder, path in found:
        where = str(folder / "feed.xml")
        parsed = feedparser.parse(path.read_bytes())
        if parsed.bozo:
            problems.append(f"{where}: feedparser: bozo {parsed.bozo}: {parsed.get('bozo_exception')!r}")
        if parsed.version != "atom10":
            problems.append(f"{where}: feedparser reads it as {parsed.version!r}, not Atom 1.0 ('atom10')")
        if not (parsed.feed.get("title") or "").strip():
            problems.append(f"{where}: the feed has no title")
        selves = [l.get("href") for l in parsed.feed.get("links", []) if l.get("rel") == "self"]
        if selves != [site.url_of(folder / "feed.xml")]:
            problems.append(f"{where}: self link {selves}, not [{site.url_of(folder / 'feed.xml')!r}]")
        if not parsed.entries:
            problems.append(f"{where}: no entries")
        for n, entry in enumerate(parsed.entries, 1):
            at = f"{where} entry {n}"
            if not (entry.get("title") or "").strip():
                problems.append(f"{at}: no title")
            check_entry_link(site, at, entry.get("link"), problems)
            if not entry.get("published_parsed"):
                problems.append(f"{at}: no published date ({entry.get('published')!r})")
            if not entry.get("content"):
                problems.append(f"{at}: no content")
        tree = parse_xml(path, problems, where)
        if tree is None:
            continue
        root = tree.getroot()
        for author in root.iter(f"{{{ATOM}}}author"):
            names = author.findall("a:name", NS)
            if len(names) != 1 or not (names[0].text or "").strip():
                problems.append(f"{where}:{author.sourceline}: an author without a name "
                                f"({etree.tostring(author, encoding='unicode').strip()!r})")
        for element in root.iter(f"{{{ATOM}}}published", f"{{{ATOM}}}updated"):
            if not rfc_3339((element.text or "").strip()):
                problems.append(f"{where}:{element.sourceline}: <{etree.QName(element).localname}> "
                                f"{element.text!r} is not an RFC 3339 date-time")
        feed_has_author = root.find("a:author", NS) is not None
        for n, entry in enumerate(root.findall("a:entry", NS), 1):
            at = f"{where} entry {n}"
            if not feed_has_author and entry.find("a:author", NS) is None:
                problems.append(f"{at}: no author, and the feed has none (RFC 4287 4.1.1)")
            if not (entry.findtext("a:id", default="", namespaces=NS)).strip():
                problems.append(f"{at}: no id")
            content = entry.find("a:content", NS)
            if content is None:
                continue
            if content.get("type") == "xhtml":
                text = "".join(etree.tostring(child, encoding="unicode") for child in content)
            else:
                text = content.text or ""
            check_content(at, text, problems)
    require_none(problems, f"Atom feeds of the {site.name} site")


def test_rss_feeds(site):
    problems = []
    found = feeds(site, "rss.xml")
    assert found, f"the {site.name} site has no rss.xml"
    for folder, path in found:
        where = str(folder / "rss.xml")
        parsed = feedparser.parse(path.read_bytes())
        if parsed.bozo:
            problems.append(f"{where}: feedparser: bozo {parsed.bozo}: {parsed.get('bozo_exception')!r}")
        if parsed.version != "rss20":
            problems.append(f"{where}: feedparser reads it as {parsed.version!r}, not RSS 2.0 ('rss20')")
        for field in ("title", "link", "description"):  # RSS 2.0's required channel elements
            if not (parsed.feed.get(field) or "").strip():
                problems.append(f"{where}: the channel has no {field}")
        if parsed.feed.get("link") and not absolute(parsed.feed.get("link")):
            problems.append(f"{where}: the channel's link {parsed.feed.get('link')!r} is not absolute")
        if not parsed.entries:
            problems.append(f"{where}: no items")
        for n, entry in enumerate(parsed.entries, 1):
            at = f"{where} item {n}"
            if not (entry.get("title") or "").strip():
                problems.append(f"{at}: no title")
            check_entry_link(site, at, entry.get("link"), problems)
            if not entry.get("published_parsed"):
                problems.append(f"{at}: no pubDate feedparser reads ({entry.get('published')!r})")
            if not entry.get("content"):
                problems.append(f"{at}: no content:encoded")
        tree = parse_xml(path, problems, where)
        if tree is None:
            continue
        root = tree.getroot()
        selves = [l.get("href") for l in root.iterfind("channel/a:link", NS) if l.get("rel") == "self"]
        if selves != [site.url_of(folder / "rss.xml")]:
            problems.append(f"{where}: atom:link rel=self {selves}, not [{site.url_of(folder / 'rss.xml')!r}]")
        for element in list(root.iterfind("channel/lastBuildDate")) + list(root.iterfind("channel/pubDate")) \
                + list(root.iterfind("channel/item/pubDate")):
            if not rfc_822((element.text or "").strip()):
                problems.append(f"{where}:{element.sourceline}: <{element.tag}> {element.text!r} is not an RFC 822 date")
        for n, item in enumerate(root.iterfind("channel/item"), 1):
            at = f"{where} item {n}"
            for creator in item.findall("dc:creator", NS):
                if not (creator.text or "").strip():
                    problems.append(f"{at}:{creator.sourceline}: empty dc:creator")
            for author in item.findall("author"):
                if "@" not in (author.text or ""):  # RSS 2.0: 'email (Name)'
                    problems.append(f"{at}:{author.sourceline}: <author> {author.text!r} is not an e-mail address")
            guid = item.findtext("guid", default="")
            if not guid.strip():
                problems.append(f"{at}: no guid")
            check_content(at, item.findtext("content:encoded", default="", namespaces=NS), problems)
    require_none(problems, f"RSS feeds of the {site.name} site")


def _check_authors(where, holder, problems):
    authors = holder.get("authors")
    if authors is None:
        return
    if not isinstance(authors, list):
        problems.append(f"{where}: authors is not an array: {authors!r}")
        return
    for author in authors:
        if not isinstance(author, dict) or not str(author.get("name") or "").strip():
            problems.append(f"{where}: an author without a name: {author!r}")
    if "author" in holder and not str((holder.get("author") or {}).get("name") or "").strip():
        problems.append(f"{where}: 'author' without a name: {holder.get('author')!r}")


def test_json_feeds(site):
    problems = []
    found = feeds(site, "feed.json")
    assert found, f"the {site.name} site has no feed.json"
    for folder, path in found:
        where = str(folder / "feed.json")
        try:
            feed = json.loads(path.read_text())
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            problems.append(f"{where}: not JSON: {error}")
            continue
        if not isinstance(feed, dict):
            problems.append(f"{where}: not a JSON object")
            continue
        if feed.get("version") != JSON_FEED_VERSION:
            problems.append(f"{where}: version {feed.get('version')!r}, not {JSON_FEED_VERSION!r}")
        if not isinstance(feed.get("title"), str) or not feed["title"].strip():
            problems.append(f"{where}: no title")
        for field in ("home_page_url", "feed_url"):
            if not absolute(feed.get(field)):
                problems.append(f"{where}: {field} {feed.get(field)!r} is not an absolute URL")
        if feed.get("feed_url") != site.url_of(folder / "feed.json"):
            problems.append(f"{where}: feed_url {feed.get('feed_url')!r}, not {site.url_of(folder / 'feed.json')!r}")
        _check_authors(where, feed, problems)
        items = feed.get("items")
        if not isinstance(items, list):
            problems.append(f"{where}: items is not an array")
            continue
        if not items:
            problems.append(f"{where}: no items")
        ids = set()
        for n, item in enumerate(items, 1):
            at = f"{where} item {n}"
            if not isinstance(item, dict):
                problems.append(f"{at}: not an object")
                continue
            if not isinstance(item.get("id"), str) or not item["id"].strip():
                problems.append(f"{at}: no id (a non-empty string)")
            elif item["id"] in ids:
                problems.append(f"{at}: id {item['id']!r} twice")
            ids.add(item.get("id"))
            if not any(isinstance(item.get(f), str) and item[f].strip() for f in ("content_html", "content_text")):
                problems.append(f"{at}: neither content_html nor content_text")
            if not isinstance(item.get("title"), str) or not item["title"].strip():
                problems.append(f"{at}: no title")
            check_entry_link(site, at, item.get("url"), problems)
            for field in ("date_published", "date_modified"):
                if (field == "date_published" or field in item) and not rfc_3339(item.get(field)):
                    problems.append(f"{at}: {field} {item.get(field)!r} is not an RFC 3339 date-time")
            _check_authors(at, item, problems)
            if isinstance(item.get("content_html"), str):
                check_content(at, item["content_html"], problems)
    require_none(problems, f"JSON feeds of the {site.name} site")


def test_the_three_feeds_of_a_folder_agree(site):
    """feed.xml, rss.xml and feed.json of one folder list the same articles in the same order."""
    problems = []
    for folder in site.feed_folders():
        lists = {}
        for name in FEEDS:
            path = site.output / folder / name
            if not path.is_file():
                continue
            try:
                if name == "feed.json":
                    lists[name] = [i.get("url") for i in json.loads(path.read_text()).get("items", [])]
                else:
                    lists[name] = [e.get("link") for e in feedparser.parse(path.read_bytes()).entries]
            except (ValueError, AttributeError) as error:
                problems.append(f"{folder / name}: unreadable: {error}")
        if len({tuple(v) for v in lists.values()}) > 1:
            problems.append(f"{folder}/: " + "; ".join(f"{k}: {len(v)} entries, first {v[:2]}" for k, v in lists.items()))
    require_none(problems, f"feeds of one folder that disagree on the {site.name} site")
