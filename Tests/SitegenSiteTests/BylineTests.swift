import Foundation
@testable import SitegenTestSupport
import Testing

/// The byline's date: a time of day when the front-matter gives one, and an update the same day shown by its time.
@Suite struct BylineTests {
    static func byline(date: String, updated: String? = nil, zone: String = "UTC") throws -> String {
        let files = """
            -- Content/site.yml --
            \(SiteFolder.config(extra: "timezone: \(zone)"))
            -- Content/articles/a.md --
            \(SiteFolder.article("Storm", date: date, updated.map { "updated: \($0)" } ?? ""))
            """
        let page = try #require(try SiteFolder(files).build()["articles/a/index.html"])
        return page.between("<p class=\"byline\">", "</p>")
            .replacing(/\s+/, with: " ").replacing(/<span>\d+ min read<\/span>/, with: "").trimmingCharacters(in: .whitespaces)
    }

    @Test("a date alone shows the day; a date and time shows the time in the site's time zone", arguments: [
        ("2025-08-01", "UTC",
         "<span>By <span class=\"author\">Test Staff</span></span> <span><a class=\"date-link\" href=\"/archive/2025/08/\"><time datetime=\"2025-08-01\">August 1, 2025</time></a></span>"),
        ("2025-08-01T14:30:00Z", "UTC",
         "<span>By <span class=\"author\">Test Staff</span></span> "
            + "<span><a class=\"date-link\" href=\"/archive/2025/08/\"><time datetime=\"2025-08-01T14:30:00Z\">August 1, 2025, 14:30</time></a></span>"),
        ("2025-08-01T02:00:00Z", "America/New_York",
         "<span>By <span class=\"author\">Test Staff</span></span> "
            + "<span><a class=\"date-link\" href=\"/archive/2025/07/\"><time datetime=\"2025-07-31T22:00:00-04:00\">July 31, 2025, 22:00</time></a></span>"),
    ])
    func publishedTime(date: String, zone: String, expected: String) throws {
        #expect(try Self.byline(date: date, zone: zone) == expected)
    }

    @Test("an update later the same day shows 'Updated 18:10'; on another day, its date (and time when given)")
    func updates() throws {
        let sameDay = try Self.byline(date: "2025-08-01T09:00:00Z", updated: "2025-08-01T18:10:00Z")
        #expect(sameDay.hasSuffix(
            "<span><a class=\"date-link\" href=\"/archive/2025/08/\"><time datetime=\"2025-08-01T09:00:00Z\">August 1, 2025, 09:00</time></a></span> "
                + "<span>Updated <time datetime=\"2025-08-01T18:10:00Z\">18:10</time></span>"), "\(sameDay)")
        let nextDay = try Self.byline(date: "2025-08-01", updated: "2025-08-02")
        #expect(nextDay.hasSuffix("<span>Updated <time datetime=\"2025-08-02\">August 2, 2025</time></span>"), "\(nextDay)")
        let nextDayTimed = try Self.byline(date: "2025-08-01T09:00:00Z", updated: "2025-08-02T07:05:00Z")
        #expect(nextDayTimed.hasSuffix(
            "<span>Updated <time datetime=\"2025-08-02T07:05:00Z\">August 2, 2025, 07:05</time></span>"), "\(nextDayTimed)")
        for (date, updated) in [("2025-08-01", "2025-08-01"), ("2025-08-01T09:00:00Z", "2025-08-01"),
                                ("2025-08-01T09:00:00Z", "2025-08-01T09:00:00Z")] {
            let same = try Self.byline(date: date, updated: updated)
            #expect(!same.contains("Updated"), "no update to show: \(date) / \(updated): \(same)")
        }
    }
}
