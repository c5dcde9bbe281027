import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import MarkdownIt from 'markdown-it';
import { templatesDir } from '../paths.js';
import { anchor } from './anchor.js';
import { chartSvg } from './chart-svg.js';
import { loadReportData, type ReportData } from './data.js';
import { buildReportModel, type ReportInput, type ReportModel } from './model.js';

/**
 * Renders the report. Markdown comes from templates/report/report.md.hbs (noEscape: the model's
 * strings are already Markdown-safe); HTML is that Markdown rendered by markdown-it with raw HTML
 * disabled, the chart drawn as inline SVG, inside report.html.hbs (escaping on) with inline CSS.
 * Both templates compile in strict mode: a missing variable is an error, never an empty string.
 */
export interface ReportTemplates {
  markdown: HandlebarsTemplateDelegate;
  html: HandlebarsTemplateDelegate;
  css: string;
}

export interface ReportResources {
  data: ReportData;
  templates: ReportTemplates;
}

let bundled: ReportTemplates | undefined;

export function loadReportTemplates(dir: string = join(templatesDir(), 'report')): ReportTemplates {
  if (bundled && dir === join(templatesDir(), 'report')) return bundled;
  const read = (file: string) => readFileSync(join(dir, file), 'utf8');
  const templates: ReportTemplates = {
    markdown: Handlebars.create().compile(read('report.md.hbs'), { noEscape: true, strict: true }),
    html: Handlebars.create().compile(read('report.html.hbs'), { strict: true }),
    css: read('report.css'),
  };
  if (dir === join(templatesDir(), 'report')) bundled = templates;
  return templates;
}

/** The bundled templates and the report's knowledge files (I/O, once per process). */
export function loadReportResources(knowledgeDir?: string, shownAs?: string): ReportResources {
  return { data: loadReportData(knowledgeDir, shownAs), templates: loadReportTemplates() };
}

/** A report model as Markdown, through the Markdown template. */
export function markdownFromModel(model: ReportModel, templates: ReportTemplates): string {
  const text = templates.markdown(model);
  // Template whitespace never leaves more than one blank line, and the file ends with one newline.
  return `${text.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/**
 * The report as Markdown: what the `report` command writes and what the scaffold puts in
 * docs/RECOMMENDATION.md. Pure given its resources (the default loads the bundled ones).
 */
export function renderReportMarkdown(
  input: ReportInput,
  resources: ReportResources = loadReportResources(),
): string {
  return markdownFromModel(buildReportModel(input, resources.data), resources.templates);
}

/** The report as one self-contained HTML file: inline CSS, inline SVG chart, no script, no network. */
export function renderReportHtml(
  input: ReportInput,
  resources: ReportResources = loadReportResources(),
): string {
  const model = buildReportModel(input, resources.data);
  const markdown = markdownFromModel(model, resources.templates);
  const it = new MarkdownIt({ html: false, linkify: false, typographer: false });
  const fence = it.renderer.rules.fence!;
  it.renderer.rules.fence = (tokens, idx, options, env, self) => {
    const token = tokens[idx]!;
    if (token.info.trim() === 'mermaid' && model.costs.chart) {
      return `<figure class="chart">${chartSvg(model.costs.chart)}</figure>\n`;
    }
    return fence(tokens, idx, options, env, self);
  };
  // Headings get GitHub's ids, so the contents' links work in the HTML too; the appendices get a
  // class the print stylesheet starts a new page with, and the decision one of its own.
  it.core.ruler.push('heading_ids', (state) => {
    const tokens = state.tokens;
    tokens.forEach((token, i) => {
      if (token.type !== 'heading_open') return;
      const text = tokens[i + 1]?.children?.map((c) => c.content).join('') ?? '';
      token.attrSet('id', anchor(text));
      if (token.tag === 'h2' && /^Appendix /.test(text)) token.attrJoin('class', 'appendix');
      if (token.tag === 'h2' && text === 'Contents') token.attrJoin('class', 'contents');
    });
  });
  const body = it.render(markdown);
  const title = model.title.replace(/\\(.)/g, '$1');
  return resources.templates.html({ title, css: resources.templates.css, body });
}
