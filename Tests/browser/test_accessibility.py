"""Accessibility basics, read from the DOM the browser built: a language, one h1, alt text,
landmarks, links with names, labelled form controls.

Names are computed as a screen reader would, in short: aria-labelledby, aria-label, then the
visible text and the alt text of images inside, skipping what is aria-hidden; title last.
"""

import random

import harness
from harness import describe, open_page

AUDIT_JS = """
function hidden(node) {
  for (let e = node; e && e.nodeType === 1; e = e.parentElement) {
    if (e.getAttribute('aria-hidden') === 'true' || e.hidden) return true;
    const s = getComputedStyle(e);
    if (s.display === 'none') return true;
  }
  return false;
}
function textOf(node) {
  if (node.nodeType === 3) return node.textContent;
  if (node.nodeType !== 1 || node.getAttribute('aria-hidden') === 'true') return '';
  if (getComputedStyle(node).display === 'none') return '';
  if (node.tagName === 'IMG') return node.getAttribute('alt') || '';
  if (node.tagName === 'svg' || node.tagName === 'SVG') {
    const t = node.querySelector('title');
    return node.getAttribute('aria-label') || (t ? t.textContent : '');
  }
  return Array.from(node.childNodes, textOf).join(' ');
}
function byIds(ids) {
  return ids.split(/\\s+/).map(id => document.getElementById(id)).filter(Boolean).map(textOf).join(' ');
}
function name(el) {
  const parts = [];
  if (el.getAttribute('aria-labelledby')) parts.push(byIds(el.getAttribute('aria-labelledby')));
  parts.push(el.getAttribute('aria-label') || '');
  return parts.join(' ').trim() || textOf(el).trim() || (el.getAttribute('title') || '').trim();
}
function where(el) {
  return el.outerHTML.slice(0, 160);
}
const problems = [];
const taskBoxes = [];
const lang = (document.documentElement.getAttribute('lang') || '').trim();
if (!lang) problems.push('<html> has no lang');
const h1 = document.querySelectorAll('h1');
if (h1.length !== 1) problems.push(h1.length + ' h1 elements, not 1: ' + Array.from(h1, h => h.textContent.trim()).join(' | '));
document.querySelectorAll('img').forEach(img => {
  if (!img.hasAttribute('alt')) problems.push('img without alt: ' + where(img));
});
const mains = document.querySelectorAll('main, [role=main]');
if (mains.length !== 1) problems.push(mains.length + ' main landmarks, not 1');
if (!document.querySelector('nav, [role=navigation]')) problems.push('no nav landmark');
const banner = Array.from(document.querySelectorAll('header, [role=banner]')).filter(h =>
  h.getAttribute('role') === 'banner' || !h.parentElement.closest('article, aside, main, nav, section'));
if (banner.length !== 1) problems.push(banner.length + ' page headers (banner landmarks), not 1');
document.querySelectorAll('nav').forEach(n => {
  if (document.querySelectorAll('nav').length > 1 && !name(n) && !n.getAttribute('aria-label'))
    problems.push('one of several nav landmarks has no name: ' + where(n));
});
document.querySelectorAll('a[href]').forEach(a => {
  if (hidden(a)) return;
  if (!name(a)) problems.push('link without discernible text: ' + where(a));
});
document.querySelectorAll('input:not([type=hidden]), select, textarea, button').forEach(c => {
  if (hidden(c)) return;
  let label = name(c.tagName === 'BUTTON' ? c : document.createElement('span'));
  if (c.tagName !== 'BUTTON') {
    label = [
      c.getAttribute('aria-labelledby') ? byIds(c.getAttribute('aria-labelledby')) : '',
      c.getAttribute('aria-label') || '',
      Array.from(c.labels || [], l => textOf(l)).join(' '),
      c.getAttribute('title') || '',
      (c.type === 'submit' || c.type === 'button' || c.type === 'reset') ? (c.value || '') : '',
    ].join(' ').trim();
  }
  if (label) return;
  // GitHub task lists: cmark-gfm writes a bare disabled checkbox at the start of the item.
  const item = c.closest('li');
  if (c.type === 'checkbox' && c.disabled && item && item.closest('.prose')) taskBoxes.push(where(c));
  else problems.push('form control without a label: ' + where(c));
});
return {problems: problems, taskBoxes: taskBoxes};
"""


def _audit(driver, url, status=200):
    shown, errors = open_page(driver, url)
    assert shown == status, f"{url} answered {shown}"
    assert not errors or status != 200, f"console errors on {url}:\n{describe(errors)}"
    return driver.execute_script(AUDIT_JS)


def _generated_pages(server):
    """One of each kind, page 2s included, and a fixed sample of articles."""
    urls = sorted(set(harness.sitemap_urls(server)))
    articles = [u for u in urls if "/articles/" in u]
    terms = [u for u in urls if "/topics/" in u and not u.endswith("/topics/")]
    sources = [u for u in urls if "/sources/" in u and not u.endswith("/sources/")]
    chosen = [server.url, server.at("/page/2/"), server.at("/topics/"), server.at("/sources/")]
    chosen += random.Random(5).sample(articles, 6) + random.Random(6).sample(terms, 3)
    chosen += random.Random(7).sample(sources, 3) + [u for u in terms if "/page/2/" in u][:1]
    return chosen


def test_accessibility_basics_on_every_seed_page(desktop, seed_server):
    urls = [u for u in harness.sitemap_urls(seed_server) if u.endswith("/")] + [seed_server.at("/404.html")]
    assert len(urls) >= 10
    problems = []
    for url in urls:
        report = _audit(desktop, url)
        problems += [f"{url}: {p}" for p in report["problems"] + report["taskBoxes"]]
    # A page that is not there answers 404 with the theme's 404 page, which must pass too.
    report = _audit(desktop, seed_server.at("/no-such-page/"), status=404)
    problems += [f"/no-such-page/ (404): {p}" for p in report["problems"]]
    assert not problems, "\n".join(problems)


def test_accessibility_basics_on_the_generated_site(desktop, generated_server):
    problems = []
    for url in _generated_pages(generated_server):
        problems += [f"{url}: {p}" for p in _audit(desktop, url)["problems"]]
    assert not problems, "\n".join(problems)


def _pages_with_task_lists(server):
    found = []
    for url in sorted(set(harness.sitemap_urls(server))):
        if "/articles/" in url and b'type="checkbox"' in harness.fetch(url)[2]:
            found.append(url)
    return found


def test_task_list_checkboxes_are_labelled(desktop, generated_server):
    pages = _pages_with_task_lists(generated_server)
    assert pages, "the 200-article site was expected to have task lists"
    unlabelled = []
    for url in pages[:3]:
        unlabelled += [f"{url}: {box}" for box in _audit(desktop, url)["taskBoxes"]]
    assert not unlabelled, "task-list checkboxes without a label:\n" + "\n".join(unlabelled)
