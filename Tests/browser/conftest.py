"""Fixtures: the served seed site, the served 200-article site, a served `sitegen init` site, and a
headless Chromium.

A missing browser, driver, Selenium, sitegen binary or corpus generator ends the whole run with
exit status 1 and a banner saying what is missing: these tests never skip.
"""

import shutil
import sys

import pytest

import harness


def pytest_sessionstart(session):
    try:
        harness.check_browser_installed()
        harness.sitegen_binary()
        harness.corpus_generator()
    except harness.Loud as problem:
        sys.stderr.write(harness.banner(str(problem)))
        pytest.exit(f"browser tests cannot run: {problem}", returncode=1)
    if harness.SCREENSHOTS.exists():
        shutil.rmtree(harness.SCREENSHOTS)
    harness.SCREENSHOTS.mkdir(parents=True)


def pytest_terminal_summary(terminalreporter):
    shots = sorted(harness.SCREENSHOTS.glob("**/*.png")) if harness.SCREENSHOTS.exists() else []
    terminalreporter.write_line(f"browser screenshots: {len(shots)} PNG files in {harness.SCREENSHOTS}")


def _loud(call):
    try:
        return call()
    except harness.Loud as problem:
        sys.stderr.write(harness.banner(str(problem)))
        pytest.fail(f"browser tests cannot run: {problem}", pytrace=False)


def _serve(site):
    server = harness.Server(site)
    try:
        yield server
    finally:
        code = server.stop()
        # SIGTERM is a graceful shutdown: the server ends by itself, with status 0.
        assert code == 0, f"sitegen serve ended with {code} after SIGTERM:\n{server.log()}"


@pytest.fixture(scope="session")
def seed_server(tmp_path_factory):
    site = harness.make_seed_site(tmp_path_factory.mktemp("seed-site"))
    yield from _serve(site)


@pytest.fixture(scope="session")
def generated_server(tmp_path_factory):
    site = _loud(lambda: harness.make_generated_site(tmp_path_factory.mktemp("generated-site"), articles=200))
    yield from _serve(site)


@pytest.fixture(scope="session")
def init_server(tmp_path_factory):
    """A new site as `sitegen init` writes it, without a base URL (serve gives its own), served."""
    site = _loud(lambda: harness.make_init_site(tmp_path_factory.mktemp("init-site") / "site", now=harness.INIT_NOW, base_url=None))
    yield from _serve(site)


@pytest.fixture(params=["seed", "generated"])
def server(request):
    """Each test that takes `server` runs on both sites."""
    return request.getfixturevalue(f"{request.param}_server")


@pytest.fixture(scope="module")
def driver():
    browser = _loud(lambda: harness.new_driver())
    try:
        yield browser
    finally:
        browser.quit()


@pytest.fixture
def desktop(driver):
    """The browser at 1280×800, light colours."""
    harness.set_viewport(driver, 1280, 800)
    harness.set_color_scheme(driver, None)
    return driver


@pytest.fixture(scope="session")
def screenshots():
    return harness.SCREENSHOTS

