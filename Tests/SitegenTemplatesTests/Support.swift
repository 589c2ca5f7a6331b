import Foundation
@testable import SitegenTemplates

/// Renders `name` from in-memory templates.
func render(_ templates: [String: String], _ name: String = "t.html", _ context: [String: Value] = [:],
            options: TemplateOptions = .init()) throws -> String {
    let env = try TemplateEnvironment(loader: .memory(templates, displayPrefix: "Templates"), options: options)
    return try env.render(name, context: context)
}

/// Renders one template given as text.
func render(_ text: String, _ context: [String: Value] = [:], options: TemplateOptions = .init()) throws -> String {
    try render(["t.html": text], "t.html", context, options: options)
}

/// The errors loading these templates reports (none if it loads).
func loadErrors(_ templates: [String: String]) -> [TemplateError] {
    do {
        _ = try TemplateEnvironment(loader: .memory(templates, displayPrefix: "Templates"))
        return []
    } catch {
        return error.errors
    }
}

/// The error rendering reports, or nil.
func renderError(_ templates: [String: String], _ name: String = "t.html", _ context: [String: Value] = [:]) throws -> TemplateRenderError? {
    let env = try TemplateEnvironment(loader: .memory(templates, displayPrefix: "Templates"))
    do {
        _ = try env.render(name, context: context)
        return nil
    } catch {
        return error
    }
}
