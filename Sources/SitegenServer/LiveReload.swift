import SitegenSupport

/// What `serve` adds to the HTML it serves (never to `build` output): the live-reload script,
/// and the error overlay while the last rebuild failed.
enum LiveReload {
    static let eventsPath = "/__sitegen/events"
    static let scriptID = "__sitegen-live"
    static let overlayID = "__sitegen-overlay"

    /// The script: listens to the event stream, reloads, swaps stylesheets, shows and clears the
    /// overlay, and reloads once it reconnects after the server went away.
    static let script = """
        <script id="\(scriptID)">
        (function () {
          if (window.__sitegenLive) return;
          window.__sitegenLive = true;
          var opened = false;
          function overlay(lines) {
            var box = document.getElementById("\(overlayID)");
            if (!box) {
              box = document.createElement("div");
              box.id = "\(overlayID)";
              document.body.appendChild(box);
            }
            box.setAttribute("style", "\(overlayStyle)");
            box.textContent = "";
            var title = document.createElement("strong");
            title.textContent = "sitegen: the build failed; this is the last good site";
            var list = document.createElement("pre");
            list.setAttribute("style", "white-space:pre-wrap;margin:.75em 0 0");
            list.textContent = lines.join("\\n");
            box.appendChild(title);
            box.appendChild(list);
          }
          function swapStylesheets(files) {
            var links = document.querySelectorAll('link[rel~="stylesheet"]');
            var swapped = 0;
            function swap(link) {
              var url = new URL(link.href, location.href);
              url.searchParams.set("sitegen", String(Date.now()));
              link.href = url.href;
              swapped++;
            }
            links.forEach(function (link) {
              var path = new URL(link.href, location.href).pathname;
              if (files.some(function (file) { return path.endsWith("/" + file); })) swap(link);
            });
            if (!swapped) links.forEach(swap);
          }
          var source = null;
          function connect() {
            source = new EventSource("\(eventsPath)");
            source.onopen = function () {
              if (opened) location.reload();
              opened = true;
            };
            source.addEventListener("reload", function () { location.reload(); });
            source.addEventListener("css", function (event) { swapStylesheets(JSON.parse(event.data).files); });
            source.addEventListener("diagnostics", function (event) { overlay(JSON.parse(event.data).diagnostics); });
            source.onerror = function () {
              if (source.readyState === EventSource.CLOSED) { source.close(); setTimeout(connect, 1000); }
            };
          }
          // A page kept in the back/forward cache must not keep its stream: a browser gives a host
          // six connections, and six cached pages would take them all.
          window.addEventListener("pagehide", function () { if (source) { source.close(); source = null; } });
          window.addEventListener("pageshow", function (event) {
            if (event.persisted && !source) { opened = false; connect(); }
          });
          connect();
        })();
        </script>

        """

    static let overlayStyle = "position:fixed;z-index:2147483647;left:0;right:0;top:0;max-height:80vh;overflow:auto;"
        + "padding:1em 1.25em;background:#2b0b0e;color:#ffd7d7;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;"
        + "border-bottom:3px solid #ff5c5c;box-shadow:0 4px 16px rgba(0,0,0,.4)"

    /// The overlay as markup, for pages served while the build is failing (shown even before the script runs).
    static func overlay(_ diagnostics: [String]) -> String {
        """
        <div id="\(overlayID)" style="\(overlayStyle)"><strong>sitegen: the build failed; this is the last good site</strong>\
        <pre style="white-space:pre-wrap;margin:.75em 0 0">\(HTMLEscape.escape(diagnostics.joined(separator: "\n")))</pre></div>

        """
    }

    static let warningPanelStyle = "position:fixed;z-index:2147483646;left:0;right:0;bottom:0;max-height:40vh;overflow:auto;"
        + "padding:.5em 1.25em;background:#2b230b;color:#ffe8a8;font:14px/1.45 ui-monospace,Menlo,Consolas,monospace;"
        + "border-top:3px solid #e0a800;box-shadow:0 -4px 16px rgba(0,0,0,.4)"

    /// The warnings of a good build (broken links, images without alt text), as a panel at the
    /// bottom of each page, folded to one line until opened; not shown on the published site.
    static func warningPanel(_ warnings: [String]) -> String {
        let count = warnings.count
        return """
            <details id="\(overlayID)" style="\(warningPanelStyle)"><summary style="cursor:pointer">\
            <strong>sitegen: \(count) warning\(count == 1 ? "" : "s")</strong> (run 'sitegen check' for the full report)</summary>\
            <pre style="white-space:pre-wrap;margin:.5em 0 0">\(HTMLEscape.escape(warnings.joined(separator: "\n")))</pre></details>

            """
    }

    /// A page for when no build has succeeded yet: just the overlay and the script.
    static func errorPage(_ diagnostics: [String]) -> [UInt8] {
        Array("""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>sitegen: build failed</title></head>
            <body>
            \(overlay(diagnostics))\(script)</body></html>

            """.utf8)
    }

    /// `html` with `extra` put just before its last `</body>`, or at its end when it has none.
    static func inject(_ extra: String, into html: [UInt8]) -> [UInt8] {
        let marker = Array("</body>".utf8)
        var result = html
        if let at = lastIndex(of: marker, in: html) {
            result.insert(contentsOf: Array(extra.utf8), at: at)
        } else {
            result += Array(extra.utf8)
        }
        return result
    }

    private static func lastIndex(of marker: [UInt8], in bytes: [UInt8]) -> Int? {
        guard bytes.count >= marker.count else { return nil }
        var index = bytes.count - marker.count
        while index >= 0 {
            var matches = true
            for offset in 0..<marker.count {
                var byte = bytes[index + offset]
                if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
                if byte != marker[offset] { matches = false; break }
            }
            if matches { return index }
            index -= 1
        }
        return nil
    }
}
