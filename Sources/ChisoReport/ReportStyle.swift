/// The page's style sheet, inline in every report: no fonts, images or scripts from elsewhere.
/// Fonts are the reader's own (a stack that covers Vietnamese); wide tables and code scroll
/// inside their own boxes, so the page itself never scrolls sideways; print drops the folds.
enum ReportStyle {
  static let css = """
    :root { --ink: #1f2933; --muted: #52606d; --line: #d9dee4; --soft: #f5f7fa; --code: #f6f8fa;
      --link: #0b5cad; --accent: #d1363a; --warn: #fff8e6; --warn-line: #e5a50a; --error: #fdecea; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #fff; font-size: 16px; line-height: 1.55;
      font-family: 'Noto Sans', 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif; }
    main { max-width: 62rem; margin: 0 auto; padding: 2rem 1.25rem 4rem; overflow-wrap: break-word; }
    a { color: var(--link); }
    h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 .4rem; }
    h2 { font-size: 1.45rem; line-height: 1.3; margin: 2.4rem 0 .6rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
    h3 { font-size: 1.15rem; margin: 1.8rem 0 .5rem; }
    h4, h5, h6 { font-size: 1rem; margin: 1.4rem 0 .4rem; }
    p, li { max-width: 46rem; }
    code, pre { font-family: 'DejaVu Sans Mono', 'Noto Sans Mono', Menlo, Consolas, monospace; font-size: .88rem; }
    p code, li code { background: var(--code); padding: .05rem .3rem; border-radius: 3px; }
    pre { margin: .5rem 0; overflow-x: auto; }
    blockquote { margin: .8rem 0; padding: .1rem 1rem; border-left: 4px solid var(--line); color: var(--muted); }
    .meta, .rows, .note, figcaption { color: var(--muted); font-size: .88rem; }
    .note { font-style: italic; }
    header.report { border-bottom: 3px solid var(--ink); padding-bottom: 1rem; margin-bottom: 1.5rem; }
    nav.contents ol { padding-left: 1.4rem; }
    section.chapter { margin-top: 3rem; }
    section.query { margin: 1.6rem 0 2.4rem; }
    figure { margin: 0; }
    figure.code pre { background: var(--code); border: 1px solid var(--line); border-radius: 6px; padding: .75rem 1rem; }
    figure.code figcaption a { color: var(--muted); text-decoration: none; font-weight: bold; }
    .prql .k { color: #8a3ab9; font-weight: bold; }
    .prql .t { color: #0b5cad; font-weight: bold; }
    .prql .s { color: #1b7a3a; }
    .prql .n, .prql .b { color: #b35c00; }
    .prql .o, .prql .p { color: #52606d; }
    .prql .c { color: #6b7785; font-style: italic; }
    .prql .x { color: var(--accent); text-decoration: underline wavy var(--accent); }
    .table-wrap { overflow-x: auto; width: fit-content; max-width: 100%; margin: .6rem 0 .2rem; border: 1px solid var(--line); border-radius: 6px; }
    table.data { border-collapse: collapse; font-size: .9rem; }
    table.data caption { text-align: left; padding: .4rem .6rem; color: var(--muted); font-size: .85rem; }
    table.data th, table.data td { padding: .3rem .65rem; text-align: left; white-space: nowrap; border-bottom: 1px solid var(--line); vertical-align: top; }
    table.data th { background: var(--soft); position: sticky; top: 0; }
    table.data th .type { display: block; font-weight: normal; color: var(--muted); font-size: .72rem; }
    table.data .num { text-align: right; font-variant-numeric: tabular-nums; }
    table.data td.null { color: var(--muted); font-style: italic; }
    table.data td.long { white-space: normal; min-width: 16rem; max-width: 34rem; }
    table.data tbody tr:nth-child(even) { background: #fafbfc; }
    table.params td, table.params th { white-space: normal; }
    details > summary { cursor: pointer; color: var(--link); margin: .3rem 0; }
    .result:has(details.more[open]) > .table-wrap.head { display: none; }
    figure.chart { margin: 1rem 0; max-width: 100%; overflow-x: auto; }
    figure.chart svg { display: block; max-width: 100%; height: auto; }
    .diagnostic { margin: .6rem 0; padding: .55rem .9rem; background: var(--warn); border-left: 4px solid var(--warn-line); border-radius: 0 6px 6px 0; overflow-x: auto; }
    .diagnostic pre { margin: 0; white-space: pre; font-size: .82rem; }
    .diagnostic.error { background: var(--error); border-left-color: var(--accent); }
    .diagnostic p { margin: 0; }
    .exercise { margin: 1.2rem 0; padding: .4rem 1.25rem 1rem; border: 2px dashed var(--link); border-radius: 8px; background: #f3f8fd; }
    .exercise > h2, .exercise > h3 { border: 0; margin-top: 1rem; }
    .badge { display: inline-block; font-size: .75rem; font-weight: bold; letter-spacing: .04em; text-transform: uppercase;
      color: #fff; background: var(--link); border-radius: 3px; padding: .05rem .45rem; vertical-align: middle; margin-right: .4rem; }
    .steps ol { padding-left: 1.2rem; }
    .steps li { margin: .8rem 0 1.2rem; }
    .steps .summary { margin: .2rem 0; }
    section.sources dl { display: grid; grid-template-columns: minmax(7rem, max-content) 1fr; gap: .25rem 1rem; margin: .5rem 0 1rem; }
    section.sources dt { color: var(--muted); }
    section.sources dd { margin: 0; min-width: 0; }
    ul.breaks li.crossed { font-weight: bold; }
    ul.breaks li.crossed::marker { color: var(--accent); }
    .crossed-by { color: var(--accent); }
    footer.report { margin-top: 3rem; padding-top: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: .88rem; }
    @media (max-width: 40rem) {
      main { padding: 1rem .8rem 3rem; }
      h1 { font-size: 1.5rem; }
      section.sources dl { grid-template-columns: 1fr; }
    }
    @media print {
      main { max-width: none; padding: 0; }
      details.more, a.csv { display: none; }
      section.query, figure.chart { break-inside: avoid; }
      .table-wrap, pre { overflow: visible; }
    }
    """
}
