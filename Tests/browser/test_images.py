"""Photos in the browser: at 390 px the browser picks a candidate no wider than 800, the lead
image is visible above the fold, and nothing shifts as images load (cumulative layout shift 0,
from a `layout-shift` PerformanceObserver). Screenshots at 390 and 1280 px, light and dark."""

import pathlib
import re

import pytest

import harness

HERE = pathlib.Path(__file__).parent
STORY = """---
title: "Harbour reopens after the storm"
date: 2025-08-03T09:15:00Z
topics: [Weather]
sources: [Port Authority]
image: {src: harbour.jpg, alt: "Cranes and warehouses of the harbour at dusk", caption: "The harbour on Sunday evening.", credit: "Orbit Desk/A. Ruiz"}
---
Ships entered the harbour again on Sunday. (Port Authority)

![The quay after the storm](harbour.jpg "The quay, cleared overnight.")

Dock workers cleared the quay overnight, and the first container ship moored at dawn. (Port Authority)
"""

SIZES = {"390x844": (390, 844), "1280x800": (1280, 800)}

CLS_JS = """
return new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: 'layout-shift', buffered: true});
  window.scrollTo(0, document.body.scrollHeight);
  setTimeout(() => { window.scrollTo(0, 0); setTimeout(() => resolve(total), 300); }, 500);
});
"""


@pytest.fixture(scope="module")
def photo_server(tmp_path_factory):
    bundle = "Content/articles/2025-08-03-harbour-reopens"
    yield from harness.serve_seed_site_with(tmp_path_factory.mktemp("photo-site"), {
        f"{bundle}/index.md": STORY, f"{bundle}/harbour.jpg": HERE / "fixtures" / "harbour.jpg"})


def width_of(url):
    match = re.search(r"-(\d+)\.(?:webp|jpg|png|avif)$", url)
    assert match, url
    return int(match.group(1))


@pytest.mark.parametrize("scheme", [None, "dark"])
@pytest.mark.parametrize("size", SIZES)
def test_lead_image_is_sized_above_the_fold_and_nothing_shifts(driver, screenshots, photo_server, size, scheme):
    width, height = SIZES[size]
    harness.show(driver, photo_server.at("/articles/harbour-reopens/"), (width, height), scheme)
    driver.execute_script("return Promise.all(Array.from(document.images).map(i => i.decode().catch(() => null)))")
    lead = driver.find_element("css selector", ".lead-image img")
    chosen = driver.execute_script("return arguments[0].currentSrc", lead)
    if width == 390:
        assert width_of(chosen) <= 800, f"at 390 px the browser took {chosen}"
    box = lead.rect
    assert box["y"] < height and box["height"] > 100, f"the lead image is above the fold: {box}"
    assert abs(box["height"] - box["width"] * 1200 / 1800) <= 2, f"its 3:2 space is kept: {box}"
    shift = driver.execute_script(CLS_JS)
    assert shift == 0, f"cumulative layout shift {shift}"
    name = f"article-{size}{'-dark' if scheme else ''}"
    harness.screenshot(driver, screenshots / "images" / f"{name}.png")
    harness.screenshot(driver, screenshots / "images" / f"{name}-full.png", full_page=True)


@pytest.mark.parametrize("size", SIZES)
def test_home_shows_the_lead_story_photo(driver, screenshots, photo_server, size):
    width, height = SIZES[size]
    harness.show(driver, photo_server.at("/"), (width, height))
    image = driver.find_element("css selector", ".card-lead .card-image img")
    assert driver.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image)
    assert driver.execute_script("return document.documentElement.scrollWidth") <= width
    harness.screenshot(driver, screenshots / "images" / f"home-{size}.png")
