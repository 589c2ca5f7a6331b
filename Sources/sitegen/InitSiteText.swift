import Foundation

/// The text files `sitegen init` writes: the settings, an example article (a page bundle), an
/// About page, an author, a README and a `.gitignore`. Nothing here names sitegen's own demo:
/// a new site starts as the user's, with placeholders that say what to replace.
struct InitSiteText {
    var title: String
    /// Normalised (ending with `/`), or nil: `site.yml` then has the key commented out.
    var baseURL: String?
    var timeZone: String
    var language: String
    /// The example article's date as written (`2025-08-01T09:30:00+02:00`) and its day.
    var date: String
    var day: String

    /// The example article's folder below `Content/articles/`, its slug `welcome`.
    var articleFolder: String { "\(day)-welcome" }
    static let authorName = "Sam Rivera"
    static let authorFile = "sam-rivera.md"
    static let siteImage = "images/site.jpg"
    static let leadImage = "lead.jpg"
    static let siteImageAlt = "A soft gradient from slate blue to sea green, with two pale discs"
    static let leadImageAlt = "A soft gradient from indigo to apricot, with two pale discs"

    var yamlTitle: String { NewFileText.yamlString(title) }

    /// Every text file, by its path in the site's folder.
    var files: [(path: String, text: String)] {
        [
            ("Content/site.yml", siteYML),
            ("Content/articles/\(articleFolder)/index.md", article),
            ("Content/pages/about.md", about),
            ("Content/authors/\(Self.authorFile)", author),
            ("README.md", readme),
            (".gitignore", Self.gitignore),
        ]
    }

    var siteYML: String {
        let address = baseURL.map { "baseURL: \($0)" } ?? """
            # Not set yet: before 'sitegen build' and 'sitegen check', write the site's address in the
            # line below and uncomment it (or give them --base-url https://example.org/ each time).
            # baseURL: https://example.org/
            """
        return """
            # The site's settings. Each key is described in sitegen's README ("Content/site.yml").

            # The site's name: in every page's header, the window title, the feeds and the news sitemap.
            title: \(yamlTitle)
            # One sentence about the site: search results and social previews show it.
            description: \(NewFileText.yamlString("News and reporting from \(title)."))
            # The address where the site will live: canonical links, feeds and sitemaps are made from it.
            # It may have a path (https://example.org/news/). 'sitegen serve' uses its own address instead.
            \(address)
            # The language of the site's text, a BCP 47 tag: en, en-GB, fr, pt-BR, zh-Hant, ar…
            language: \(language)
            # The time zone (an IANA name) of the dates on pages, and of a date written without an offset.
            timezone: \(timeZone)
            # The publisher: the feeds' author, and the author in structured data of an article without a
            # byline. As a byline it names the newsroom, not a person: no author page.
            author: \(NewFileText.yamlString("\(title) newsroom"))
            # Other bylines that name the newsroom or a desk, not a person.
            organizations: [Staff]
            # The picture shared for a page without a photo of its own (the home page, topic pages), and
            # the structured-data image of articles without one. A file under Content/, with its alt text.
            image: {src: /\(Self.siteImage), alt: \(NewFileText.yamlString(Self.siteImageAlt))}

            """
    }

    var article: String {
        """
        ---
        # An example article. Its folder is a "page bundle": this index.md and the photo beside it.
        # Edit it, or delete the folder once the site has articles of its own.
        title: \(NewFileText.yamlString("Welcome to \(title)"))
        date: \(date)
        author: \(NewFileText.yamlString(Self.authorName))
        topics: ["Site news", "How to"]
        sources: ["Example Wire"]
        summary: "A first article, to show how an article, its photo, its sources and its byline work."
        image: {src: \(Self.leadImage), alt: \(NewFileText.yamlString(Self.leadImageAlt)), caption: "The photo beside this article: replace lead.jpg with one of your own."}
        ---

        This is the site's first article, written by `sitegen init` to show how an article is put
        together. Replace it with your own reporting, or delete its folder,
        `Content/articles/\(articleFolder)/`, once the site has stories of its own.

        ## An article is a folder

        This article is a *page bundle*: a folder holding `index.md`, the text with its front-matter
        (the title, date, byline, topics, sources and summary between the `---` lines), and
        `lead.jpg`, the photo at the top, which sitegen resizes for every screen and strips of its
        metadata. `sitegen new "Headline"` writes the next article; with `--image photo.jpg` it makes a
        folder like this one.

        ## Sources are credited paragraph by paragraph

        A paragraph that ends with a source's name in parentheses is attributed to that source: the
        name links to the source's page, which lists every article that cites it. Each source is
        declared under `sources:` in the front-matter, as this one is. (Example Wire)

        ## The rest of the site

        The byline links to the author's page, made from `Content/authors/\(Self.authorFile)`. The
        [About page](/about/) is `Content/pages/about.md`. The site's name, address, language and
        time zone are in `Content/site.yml`.

        """
    }

    var about: String {
        """
        ---
        title: About
        ---

        \(title) is a news site. Replace this page with who you are and what you cover, how readers
        can reach the newsroom, and how you correct your mistakes.

        ## How to reach us

        Write here how readers can send a tip or a correction: an email address, a postal address, a
        form.

        """
    }

    var author: String {
        """
        ---
        # An author file: the byline "\(Self.authorName)" is matched to it by this name. The body is the
        # biography on the author's page. Rename or replace it for your own newsroom.
        name: \(NewFileText.yamlString(Self.authorName))
        title: Reporter
        ---

        \(Self.authorName) writes the example article of \(title). Replace this biography with a few
        sentences about the author: what they cover, and since when.

        """
    }

    var readme: String {
        let build = baseURL == nil ? "sitegen build --base-url https://example.org/" : "sitegen build"
        let addressNote = baseURL == nil ? """

            `build` and `check` need the address where the site will live: set `baseURL:` in
            `Content/site.yml` (then plain `sitegen build` works), or pass `--base-url` each time.

            """ : ""
        let lines = [
            ("sitegen serve", "a preview at http://127.0.0.1:8000/ that reloads as you save"),
            ("sitegen new \"Headline\"", "a new article in Content/articles/, a draft until you publish it"),
            (build, "the site into Public/, to upload to a web host"),
            ("sitegen check --strict", "every link, anchor, source and alt text, before you publish"),
            ("sitegen theme eject", "the built-in theme into Templates/, to change how pages look"),
        ]
        let width = lines.map(\.0.count).max() ?? 0
        let commands = lines.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  # " + $0.1 }.joined(separator: "\n")
        return """
            # \(title)

            A news site made with sitegen: articles and pages are Markdown files in `Content/`, built
            into a static site in `Public/` that any web host can serve.

            ## Commands

            Run them in this folder (`sitegen help COMMAND` says more of each):

            ```sh
            \(commands)
            ```
            \(addressNote)
            ## Where things are

            | path | what |
            |---|---|
            | `Content/site.yml` | the site's settings: name, address, language, time zone, publisher (each explained there) |
            | `Content/articles/` | one article a Markdown file, or a folder with `index.md` and its photos (the example, `\(articleFolder)/`) |
            | `Content/pages/` | pages outside the news flow: `about.md` is `/about/` |
            | `Content/authors/` | one file an author (name, role, biography), shown on their author page |
            | `Content/images/` | the site's own pictures: `site.jpg` is shared for pages without a photo of their own |
            | `static/` | files published as they are (`favicon.ico`, `ads.txt`): create it when you need it |
            | `Templates/` | none yet: the site uses the theme built into sitegen until `sitegen theme eject` |
            | `Public/` | the built site, not kept in git (nor are the build's cache and previews: see `.gitignore`) |

            """
    }

    /// What a build and a preview write beside the source, which git should not keep.
    static let gitignore = """
        # Written by sitegen build and serve: the built site, its previous copy and record, previews, the cache.
        /Public/
        /Public.preview/
        /.Public.previous/
        /.Public.record
        /.Public.preview.*
        /.sitegen-cache/

        """
}
