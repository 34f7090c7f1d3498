// The Templating room: HTML pages and mail from Mustache templates shipped with the modules that
// use them.
//
// Job: load a module's bundled `.mustache` files once, and render values through them with every
// variable escaped by `MarkupText` (the five markup characters, at the level of Unicode scalars,
// and direction controls shown as U+FFFD), so that text from the internet can neither add markup
// nor reorder a page.
//
// Inputs: a bundle and the folder of templates in it; values to render (structs, arrays, strings,
// numbers and booleans, read by name). Outputs: text, or a `TemplateError` naming the template.
//
// Rules, checked as templates load: each one declares the markup content type on its first line
// (swift-mustache's own escaping works on Characters, so a quote followed by a combining mark
// would pass it unescaped, and partials fall back to it unless they declare otherwise); no
// template turns escaping off (`{{{…}}}`, `{{&…}}`) or changes the delimiters.
