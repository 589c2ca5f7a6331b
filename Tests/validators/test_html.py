"""Every page of both sites, and their CSS and SVG files, pass the Nu HTML checker (vnu 26.x): no
error, and no footnotes section without a heading. Its other warnings fail nothing; the run's
summary lists them."""

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
