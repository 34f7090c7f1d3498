/// The workspace's one style sheet, served from /static/style.css.
///
/// High contrast (text at least 7:1 on its background), a thick visible focus ring, a skip link
/// that appears on focus, and a single column on narrow screens.
enum StyleSheet {
    static let css = """
    *, *::before, *::after { box-sizing: border-box; }
    html { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; font-size: 100%; line-height: 1.5; }
    body { margin: 0; color: #111; background: #fff; }
    main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
    a { color: #0b3d91; }
    a:hover { color: #062456; }
    :focus-visible { outline: 3px solid #c04a00; outline-offset: 2px; }
    .skip { position: absolute; left: -999px; top: 0; background: #111; color: #fff; padding: .5rem 1rem; z-index: 10; }
    .skip:focus { left: .5rem; top: .5rem; }
    .top { display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .5rem;
           padding: .5rem 1rem; background: #0b3d91; color: #fff; }
    .top a { color: #fff; font-weight: bold; text-decoration: none; }
    .top .brand { margin: 0; }
    .top .brand span { margin-left: .5rem; }
    .signout { display: flex; gap: .5rem; align-items: center; margin: 0; }
    h1 { font-size: 1.6rem; line-height: 1.25; }
    h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid #666; }
    h3 { font-size: 1.1rem; margin: 0 0 .5rem; }
    label { display: block; font-weight: bold; margin-top: .5rem; }
    input[type=text], input[type=password], select, textarea {
        width: 100%; max-width: 40rem; padding: .5rem; font: inherit; color: #111; background: #fff;
        border: 2px solid #555; border-radius: 4px; }
    button { font: inherit; padding: .5rem 1rem; margin-top: .5rem; color: #fff; background: #0b3d91;
             border: 2px solid #0b3d91; border-radius: 4px; cursor: pointer; }
    button:hover { background: #062456; }
    .top button { background: #fff; color: #0b3d91; margin: 0; padding: .25rem .75rem; }
    .filters { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-end; }
    .filters > div { flex: 1 1 10rem; }
    .queue { list-style: none; padding: 0; }
    .case { border: 1px solid #767676; border-left: 6px solid #0b3d91; border-radius: 4px; padding: .75rem; margin-bottom: .75rem; }
    .case-title { font-size: 1.1rem; margin: 0 0 .25rem; }
    .meta { color: #333; font-size: .95rem; margin: .25rem 0; }
    .snippet { margin: .25rem 0; }
    .flag { display: inline-block; font-size: .85rem; font-weight: bold; padding: 0 .5rem; border-radius: 4px; }
    .flag.overdue { background: #8b0000; color: #fff; }
    .flag.risk { background: #ffd966; color: #111; border: 1px solid #111; }
    .notice { padding: .75rem; border: 2px solid #0b3d91; border-radius: 4px; background: #eef3fb; }
    .notice.error { border-color: #8b0000; background: #fdecec; color: #5a0000; }
    .facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
    .facts dt { font-weight: bold; }
    .facts dd { margin: 0; }
    .post, .draft { border: 1px solid #767676; border-radius: 4px; padding: .75rem; margin-bottom: 1rem; }
    blockquote { margin: .5rem 0; padding-left: .75rem; border-left: 4px solid #767676; white-space: pre-wrap; overflow-wrap: anywhere; }
    pre { white-space: pre-wrap; overflow-wrap: anywhere; font: inherit; background: #f4f4f4; padding: .5rem; }
    mark { background: #ffe58a; color: #111; }
    .problems li { color: #5a0000; }
    .check.ok { color: #0a5c0a; font-weight: bold; }
    .actions { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr)); align-items: end; }
    .stack { max-width: 40rem; }
    .nav { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; margin: 0; padding: 0; }
    .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
    .stats { display: flex; flex-wrap: wrap; gap: .75rem; margin: 1rem 0; }
    .stats div { border: 1px solid #767676; border-radius: 4px; padding: .5rem .75rem; min-width: 8rem; }
    .stats dt { font-size: .9rem; color: #333; }
    .stats dd { margin: 0; font-size: 1.5rem; font-weight: bold; }
    .flag.ok { background: #0a5c0a; color: #fff; }
    .url { overflow-wrap: anywhere; }
    .bars { border-collapse: collapse; margin-bottom: 1rem; font-size: .9rem; }
    .bars caption { text-align: left; font-weight: bold; padding: .25rem 0; }
    .bars th, .bars td { padding: 1px .5rem; text-align: left; font-weight: normal; }
    .bars td.left { text-align: right; border-right: 2px solid #555; }
    .bars td.left, .bars td.left + td { width: 8rem; }
    .bar { display: inline-block; height: .7rem; vertical-align: middle; }
    .bar.negative { background: #a11212; }
    .bar.positive { background: #1b6e1b; }
    \(BarWidths.css)
    .audit, .grid { border-collapse: collapse; width: 100%; font-size: .95rem; }
    .audit th, .audit td, .grid th, .grid td { border: 1px solid #767676; padding: .25rem .5rem; text-align: left; vertical-align: top; }
    @media (max-width: 40rem) {
        main { padding: .75rem; }
        .facts { grid-template-columns: 1fr; }
        .audit, .audit tbody, .audit tr, .audit td, .grid, .grid tbody, .grid tr, .grid td { display: block; width: 100%; }
        .audit thead, .grid thead { display: none; }
        .audit tr, .grid tr { margin-bottom: .5rem; border: 1px solid #767676; }
        .audit td, .grid td { border: none; }
    }
    """
}

/// The widths of the sentiment bars, `w0` to `w20`: 0 % to 100 % of the cell in 5 % steps.
private enum BarWidths {
    static let css = (0...20).map { ".bar.w\($0) { width: \($0 * 5)%; }" }.joined(separator: "\n")
}
