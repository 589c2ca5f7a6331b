"""The sites are built with a fixed clock: `sitegen build --now 2025-08-01T12:00:00Z` (the news
sitemap lists the articles of the 48 hours before it). A binary without --now still builds them,
without it, so that the other checks run; this test fails for it."""

import pytest

import sites


def test_build_takes_now(site):
    if not site.now_accepted:
        pytest.fail(f"sitegen build rejected --now {sites.NOW}, so the {site.name} site was built with the real "
                    f"clock: {site.now_rejection}", pytrace=False)
