import Foundation
@testable import SitegenTestSupport
@testable import SitegenServer
import Testing

@Suite("Paths never leave the site")
struct PathSafetyTests {
    static let attempts = [
        "/../secret.txt", "/../../secret.txt", "/..", "/./secret.txt", "/articles/../../secret.txt",
        "/%2e%2e/secret.txt", "/%2E%2E/%2e%2E/secret.txt", "/.%2e/secret.txt", "/assets/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt", "/..%2Fsecret.txt", "/assets%2f..%2f..%2fsecret.txt", "/%2f%2fsecret.txt",
        "//secret.txt", "//../secret.txt", "/assets//../../secret.txt", "///etc/passwd", "//example.org/",
        "/%00", "/secret.txt%00.html", "/index.html%00", "/assets/style.css%00../../secret.txt",
        "/..\\secret.txt", "/assets\\..\\..\\secret.txt", "/%5c..%5csecret.txt", "/..%5Csecret.txt",
        "/%252e%252e/secret.txt", "/secret.txt", "/site/secret.txt", "/%", "/%zz", "/%2", "/Content/site.yml",
        "/Templates/base.html", "/../site/Content/site.yml",
    ]

    @Test("Traversal attempts get 400 or 404 and never the secret", arguments: attempts)
    func traversal(target: String) async throws {
        let site = SiteFolder.newsSite(articles: 2)
        try await withServer(site) { server in
            for method in ["GET", "HEAD"] {
                let reply = try await request(server.port, target, method: method)
                #expect([400, 404].contains(reply.status), "\(method) \(target) → \(reply.status)")
                #expect(!reply.text.contains(SiteFolder.secret))
                #expect(reply["Location"] == nil)
            }
        }
    }

    @Test("The resolver refuses every climbing, hidden-separator and NUL form")
    func resolver() {
        let exists: (String) -> Bool = { ["topics/index.html", "a.css", "index.html"].contains($0) }
        #expect(RequestPath.resolve("/", mount: "/", exists: exists) == .file("index.html"))
        #expect(RequestPath.resolve("/a.css?v=2", mount: "/", exists: exists) == .file("a.css"))
        #expect(RequestPath.resolve("/topics", mount: "/", exists: exists) == .folderRedirect("/topics/"))
        #expect(RequestPath.resolve("/topics/", mount: "/", exists: exists) == .file("topics/index.html"))
        #expect(RequestPath.resolve("/%74opics/", mount: "/", exists: exists) == .file("topics/index.html"))
        for target in ["/../a.css", "/%2e%2e/a.css", "/x/..", "//a.css", "/x//a.css", "/a%2fb", "/a\\b", "/a%5cb", "/./a.css"] {
            #expect(RequestPath.resolve(target, mount: "/", exists: exists) == .notFound, "\(target)")
        }
        for target in ["/%00", "/a%0", "/%g1", "a.css", "*"] {
            #expect(RequestPath.resolve(target, mount: "/", exists: exists) == .badRequest, "\(target)")
        }
        #expect(RequestPath.resolve("/a.css", mount: "/news/", exists: exists) == .notFound)
        #expect(RequestPath.resolve("/news/a.css", mount: "/news/", exists: exists) == .file("a.css"))
    }
}
