package report

import "html/template"

// pageTemplate is the report page: one HTML file with its CSS inline, the
// charts as inline SVG, no script and no resource from elsewhere, so that
// it opens offline from a USB stick and prints as it shows.
var pageTemplate = template.Must(template.New("report").Parse(`<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mutualsim">
<title>{{.Title}}</title>
<style>
:root { --ink: #1b1b1b; --muted: #555; --rule: #d4d4d4; --panel: #f6f6f4; --accent: #0b5c8a; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; font: 16px/1.5 "Liberation Sans", "Helvetica Neue", Arial, sans-serif; }
main { max-width: 62rem; margin: 0 auto; padding: 2rem 1.25rem 3rem; }
header.top { border-bottom: 3px solid var(--ink); margin-bottom: 1.5rem; padding-bottom: 1rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; margin: 2.25rem 0 .75rem; padding-top: .5rem; border-top: 1px solid var(--rule); }
p.question { font-size: 1.15rem; margin: .25rem 0 .75rem; }
p { margin: .5rem 0; }
nav.toc { background: var(--panel); padding: .75rem 1rem; margin: 1rem 0; font-size: .95rem; }
nav.toc a { color: var(--accent); margin-right: 1rem; white-space: nowrap; }
a { color: var(--accent); }
table { border-collapse: collapse; margin: .75rem 0 1.25rem; font-size: .9rem; width: 100%; }
caption { text-align: left; font-weight: bold; padding: .25rem 0; }
th, td { padding: .3rem .55rem; border-bottom: 1px solid var(--rule); vertical-align: top; }
th { text-align: left; background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: pre-line; }
div.table { overflow-x: auto; }
figure { margin: 1.25rem 0 1.75rem; break-inside: avoid; page-break-inside: avoid; }
figure svg { width: 100%; height: auto; display: block; }
svg text { font-family: "Liberation Sans", Arial, Helvetica, sans-serif !important; }
figcaption { margin-top: .35rem; }
div.missing { border: 1px dashed var(--rule); background: var(--panel); color: var(--muted); padding: 1.5rem 1rem; }
div.missing strong { color: var(--ink); }
figcaption .reading { font-size: 1rem; }
figcaption .files { font-size: .8rem; color: var(--muted); }
footer { margin-top: 3rem; border-top: 3px solid var(--ink); padding-top: .75rem; font-size: .85rem; color: var(--muted); }
footer dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; }
footer dt { font-weight: 600; color: var(--ink); }
footer dd { margin: 0; overflow-wrap: anywhere; }
@media print { nav.toc { display: none; } main { padding: 0; } h2 { break-after: avoid; } }
</style>
</head>
<body>
<main>
<header class="top">
<h1>{{.Title}}</h1>
{{with .Question}}<p class="question">{{.}}</p>{{end}}
{{range .Intro}}<p>{{.}}</p>
{{end}}</header>
{{if gt (len .Sections) 2}}<nav class="toc">{{range .Sections}}<a href="#{{.ID}}">{{.Heading}}</a> {{end}}</nav>{{end}}
{{range .Sections}}<section id="{{.ID}}">
<h2>{{.Heading}}</h2>
{{range .Text}}<p>{{.}}</p>
{{end}}{{if .Links}}<ul>{{range .Links}}<li><a href="{{index . 1}}">{{index . 0}}</a></li>{{end}}</ul>
{{end}}{{range .Figures}}<figure id="fig-{{.ID}}"{{if .Missing}} class="missing"{{end}}>
{{if .Missing}}<div class="missing"><strong>{{.Title}}</strong><br>{{.Missing}}</div>
<figcaption>{{with .Reading}}<span class="reading">{{.}}</span>{{end}}</figcaption>
{{else}}{{.SVG}}
<figcaption><span class="reading">{{.Reading}}</span><br><span class="files">charts/{{.ID}}.svg, charts/{{.ID}}.png</span></figcaption>
{{end}}</figure>
{{end}}{{range .Tables}}{{$left := .Left}}<div class="table"><table>
{{with .Caption}}<caption>{{.}}</caption>{{end}}
<thead><tr>{{range $i, $h := .Head}}<th{{if ge $i $left}} class="num"{{end}}>{{$h}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range $i, $c := .}}<td{{if ge $i $left}} class="num"{{end}}>{{$c}}</td>{{end}}</tr>
{{end}}</tbody>
</table></div>
{{end}}</section>
{{end}}<footer>
<strong>Manifest</strong>
<dl>
{{range .Foot}}<dt>{{index . 0}}</dt><dd>{{index . 1}}</dd>
{{end}}</dl>
<p>Written by mutualsim from the files of this folder; "mutualsim report" rebuilds it.</p>
</footer>
</main>
</body>
</html>
`))
