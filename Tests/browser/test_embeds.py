"""A YouTube link alone in its paragraph: a placeholder that loads nothing from the provider until
the reader clicks it, then the player; and the warnings panel `serve` shows for a broken link.
Screenshots at 390 and 1280 px, light and dark."""

import pytest

import harness

STORY = """---
title: "Storm footage from the coast"
date: 2025-08-02T18:10:00Z
updated: 2025-08-02T20:45:00Z
topics: [Weather]
sources: [National Weather Service]
---
The storm reached the coast at noon. (National Weather Service)

https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42

Earlier coverage: [the forecast](/articles/forcast/).
"""

SIZES = {"390x844": (390, 844), "1280x800": (1280, 800)}


@pytest.fixture(scope="module")
def video_server(tmp_path_factory):
    yield from harness.serve_seed_site_with(
        tmp_path_factory.mktemp("video-site"), {"Content/articles/2025-08-02-storm-footage.md": STORY})


def provider_requests(driver):
    return driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"
        ".filter(n => /youtube|ytimg|vimeo|googlevideo/.test(n))")


@pytest.mark.parametrize("scheme", [None, "dark"])
@pytest.mark.parametrize("size", SIZES)
def test_video_placeholder_loads_nothing_until_clicked(driver, screenshots, video_server, size, scheme):
    width, height = SIZES[size]
    harness.show(driver, video_server.at("/articles/storm-footage/"), (width, height), scheme)
    figure = driver.find_element("css selector", ".video-embed")
    assert driver.find_elements("css selector", "iframe") == []
    assert provider_requests(driver) == [], "nothing is fetched from the provider before a click"
    box = figure.rect
    assert abs(box["height"] - box["width"] * 9 / 16) <= 2, f"the placeholder keeps the player's 16:9 space: {box}"
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", figure)
    name = f"video-{size}{'-dark' if scheme else ''}"
    harness.screenshot(driver, screenshots / "embeds" / f"{name}.png")

    link = figure.find_element("css selector", "a.video-embed-link")
    assert link.get_attribute("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42"
    driver.execute_script("arguments[0].click()", link)
    frame = driver.find_element("css selector", ".video-embed iframe")
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=42"
    assert frame.get_attribute("title") == "YouTube video"
    assert driver.current_url.endswith("/articles/storm-footage/"), "the click plays in place, it does not navigate"


def test_broken_link_shows_in_the_folded_warnings_panel(driver, screenshots, video_server):
    harness.show(driver, video_server.at("/"), (1280, 800))
    panel = driver.find_element("css selector", "details#__sitegen-overlay")
    assert panel.get_attribute("open") is None, "folded until opened"
    assert panel.rect["height"] < 60, f"folded, it takes one line: {panel.rect}"
    assert "sitegen: 1 warning" in panel.text
    harness.screenshot(driver, screenshots / "embeds" / "warnings-folded.png")
    driver.execute_script("arguments[0].open = true", panel)
    assert "link to '/articles/forcast/' leads nowhere" in panel.text
    harness.screenshot(driver, screenshots / "embeds" / "warnings-open.png")
