import Testing
@testable import SitegenTemplates

@Suite struct LexerTests {
    private func kinds(_ source: String) throws -> [TokenKind] {
        try Lexer.tokenize(source).map(\.kind)
    }

    @Test func textAndPrintTagsBecomeTokens() throws {
        #expect(try kinds("Hi {{ name }}!") == [
            .text(Array("Hi ".utf8)), .printOpen, .name("name"), .printClose, .text(Array("!".utf8)), .end,
        ])
    }

    @Test func expressionTokensCoverLiteralsAndOperators() throws {
        #expect(try kinds(#"{% if a.b[0] >= 1.5 and "x" ~ 'y' != 2 %}"#) == [
            .tagOpen, .name("if"), .name("a"), .symbol("."), .name("b"), .symbol("["), .int(0), .symbol("]"),
            .symbol(">="), .double(1.5), .name("and"), .string("x"), .symbol("~"), .string("y"), .symbol("!="),
            .int(2), .tagClose, .end,
        ])
    }

    @Test func tokensKnowTheirLineAndColumn() throws {
        let tokens = try Lexer.tokenize("a\n  {{ x | upper }}")
        let positions = tokens.map { "\($0.location.line):\($0.location.column)" }
        #expect(positions == ["1:1", "2:3", "2:6", "2:8", "2:10", "2:16", "2:18"])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let tokens = try Lexer.tokenize("é€ {{ x }}")
        #expect(tokens[1].location.column == 4)
    }

    @Test func commentsProduceNoTokens() throws {
        #expect(try kinds("a{# hidden {{ x }} #}b") == [.text(Array("a".utf8)), .text(Array("b".utf8)), .end])
    }

    @Test func dashesTrimWhitespaceAroundTags() throws {
        #expect(try kinds("a \n {{- x -}} \n b") == [.text(Array("a".utf8)), .printOpen, .name("x"), .printClose, .text(Array("b".utf8)), .end])
        #expect(try kinds("a  {#- c -#}  b") == [.text(Array("a".utf8)), .text(Array("b".utf8)), .end])
    }

    @Test func stringEscapesAreDecoded() throws {
        #expect(try kinds(#"{{ "a\"b\n" }}"#) == [.printOpen, .string("a\"b\n"), .printClose, .end])
    }

    @Test func anUnclosedTagIsReportedWhereItOpens() {
        #expect(throws: SyntaxProblem.self) { try Lexer.tokenize("x\n {{ name ") }
        do { _ = try Lexer.tokenize("x\n {{ name ") } catch {
            #expect(error.location == Location(file: 0, line: 2, column: 2))
            #expect(error.message == "unclosed '{{' (expected '}}')")
        }
    }

    @Test func anUnexpectedCharacterIsReportedWhereItIs() {
        do {
            _ = try Lexer.tokenize("{{ a @ b }}")
            Issue.record("expected an error")
        } catch {
            #expect(error.location.column == 6)
            #expect(error.message == "unexpected character '@'")
        }
    }
}
