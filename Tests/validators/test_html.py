"""Every page of both sites, and their CSS and SVG files, pass the Nu HTML checker (vnu 26.x): no
error, and no footnotes section without a heading. Its other warnings fail nothing; the run's
summary lists them. A preview of the seed site (--drafts --future: badges, noindex) passes too."""

import vnu
from sites import require_none


def test_nu_checker_finds_no_error(site, nu_messages):
    errors = vnu.failures(nu_messages["messages"])
    require_none([vnu.describe(m, site.output) for m in errors],
                 f"Nu HTML checker {nu_messages['version']} on the {len(nu_messages['pages'])} pages and "
                 f"{len(nu_messages['others'])} CSS and SVG files of the {site.name} site ({site.output})")


def test_footnotes_section_has_heading(site, nu_messages):
    found = [m for m in nu_messages["messages"] if vnu.is_footnotes_without_heading(m)]
    require_none([f"{vnu.where(m, site.output)}: {vnu.extract(m)}" for m in found],
                 f"footnotes sections without a heading on the {site.name} site (Nu checker: "
                 f"'{found[0]['message'] if found else ''}')")


def test_preview_passes_nu_checker_and_is_noindex(preview_site):
    """A preview's pages (with the Draft and Scheduled badges and the injected robots meta) are
    valid HTML, each carries noindex, and the preview has no sitemap."""
    messages = vnu.check(preview_site)
    errors = vnu.failures(messages["messages"])
    require_none([vnu.describe(m, preview_site.output) for m in errors],
                 f"Nu HTML checker {messages['version']} on the {len(messages['pages'])} pages of the preview site")
    lacking = [str(p.relative_to(preview_site.output)) for p in preview_site.pages()
               if '<meta name="robots" content="noindex, nofollow">' not in p.read_text().split("</head>")[0]]
    require_none(lacking, "preview pages without noindex")
    draft = (preview_site.output / "articles" / "draft-story" / "index.html").read_text()
    assert "<strong>Draft</strong>" in draft
    assert not (preview_site.output / "sitemap.xml").exists()
    assert not (preview_site.output / "news-sitemap.xml").exists()
