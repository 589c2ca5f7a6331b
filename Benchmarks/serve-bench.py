#!/usr/bin/env python3
"""Time from saving a file to the live-reload event of `sitegen serve`.

    python3 Benchmarks/serve-bench.py SITEGEN SITE_DIR [--runs N]

SITE_DIR holds Content/ and Templates/ (e.g. from Benchmarks/corpus/gen_corpus.py --layout sitegen,
with Templates/ copied in). Edits one article's title N times, then base.html N times, and
prints the milliseconds from the write to the `reload` event, with the server's own report.
The files are restored at the end.
"""
import argparse, os, re, socket, subprocess, sys, time


def open_events(port):
    s = socket.create_connection(("127.0.0.1", port))
    s.sendall(b"GET /__sitegen/events HTTP/1.1\r\nHost: x\r\nAccept: text/event-stream\r\n\r\n")
    s.settimeout(30)
    buf = b""
    while b": connected" not in buf:
        buf += s.recv(65536)
    return s


def wait_event(s, name):
    buf = b""
    while True:
        buf += s.recv(65536)
        if f"event: {name}".encode() in buf:
            return


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("sitegen")
    ap.add_argument("site")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    # --now after the generated corpus's last date (2026-12-31): every article is published.
    server = subprocess.Popen([a.sitegen, "serve", "--source", a.site, "--port", "0", "--now", "2027-01-01T00:00:00Z"],
                              stdout=subprocess.PIPE, text=True)
    port = None
    while port is None:
        line = server.stdout.readline()
        if not line:
            sys.exit("server exited")
        print("server:", line.rstrip())
        m = re.search(r"Serving http://[^:]+:(\d+)/", line)
        if m:
            port = int(m.group(1))
    events = open_events(port)
    articles = os.path.join(a.site, "Content", "articles")
    article = os.path.join(articles, sorted(os.listdir(articles))[len(os.listdir(articles)) // 2])
    template = os.path.join(a.site, "Templates", "base.html")
    originals = {p: open(p, encoding="utf-8").read() for p in (article, template)}
    try:
        for label, path, edit in (
            ("article", article, lambda t, i: re.sub(r"^title: .*$", f'title: "Edited headline {i}"', t, count=1, flags=re.M)),
            ("template", template, lambda t, i: t.replace("</body>", f"<!-- edit {i} --></body>", 1)),
        ):
            times = []
            for i in range(a.runs):
                text = edit(originals[path], i)
                start = time.perf_counter()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text)
                wait_event(events, "reload")
                times.append((time.perf_counter() - start) * 1000)
                print("server:", server.stdout.readline().rstrip())
                time.sleep(0.3)
            times.sort()
            print(f"{label}: save → reload event, ms: median {times[len(times) // 2]:.0f}, "
                  f"min {times[0]:.0f}, max {times[-1]:.0f} ({a.runs} runs)")
    finally:
        for p, t in originals.items():
            with open(p, "w", encoding="utf-8") as f:
                f.write(t)
        server.terminate()
        server.wait(5)


if __name__ == "__main__":
    main()
