"""Fixtures: the seed site, a generated 300-article site and a site as `sitegen init` writes it,
each built once per session by the real sitegen binary into a temporary folder, and the Nu HTML
checker's findings for each.

A missing tool (sitegen binary, Java, vnu.jar, feedparser, lxml, the corpus generator) ends the
whole run with exit status 1 and a banner saying what is missing: these tests never skip.
"""

import collections
import sys

import pytest

import sites
import vnu


def pytest_sessionstart(session):
    try:
        sites.check_tools()
    except sites.Loud as problem:
        sys.stderr.write(sites.banner(str(problem)))
        pytest.exit(f"validator tests cannot run: {problem}", returncode=1)


def pytest_terminal_summary(terminalreporter):
    """The Nu checker's warnings and infos, listed (they fail no test, except the footnotes one)."""
    if not vnu.NOTES:
        if vnu.RUNS:
            terminalreporter.write_line("Nu HTML checker: no warnings")
        return
    terminalreporter.section("Nu HTML checker warnings (not failures)")
    grouped = collections.OrderedDict()
    for site, output, message in vnu.NOTES:
        key = (site, message.get("subType") or message.get("type"), message.get("message"))
        grouped.setdefault(key, []).append((output, message))
    for (site, kind, text), messages in grouped.items():
        output, first = messages[0]
        terminalreporter.write_line(f"{site} site: {len(messages)}× {kind}: {text}")
        terminalreporter.write_line(f"    first at {vnu.where(first, output)}: {vnu.extract(first)}")


def _loud(call):
    try:
        return call()
    except sites.Loud as problem:
        sys.stderr.write(sites.banner(str(problem)))
        pytest.fail(f"validator tests cannot run: {problem}", pytrace=False)


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory):
    return _loud(lambda: sites.make_seed(tmp_path_factory.mktemp("seed")))


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory):
    return _loud(lambda: sites.make_generated(tmp_path_factory.mktemp("generated")))


@pytest.fixture(scope="session")
def init_site(tmp_path_factory):
    return _loud(lambda: sites.make_init(tmp_path_factory.mktemp("init")))


@pytest.fixture(scope="session")
def preview_site(tmp_path_factory):
    return _loud(lambda: sites.make_preview(tmp_path_factory.mktemp("preview")))


@pytest.fixture(scope="session", params=["seed", "generated", "init"])
def site(request):
    """Each test that takes `site` runs on every site: the seed, the generated and a new `sitegen init` one."""
    return request.getfixturevalue(f"{request.param}_site")


_vnu_results = {}


@pytest.fixture(scope="session")
def nu_messages(site):
    """The Nu checker's messages for every page of `site`: one JVM for the whole site."""
    if site.name not in _vnu_results:
        _vnu_results[site.name] = _loud(lambda: vnu.check(site))
    return _vnu_results[site.name]
