/**
 * The written recommendation report (issue 6).
 *
 * ```ts
 * const recommendation = advise(parsed, knowledge, book);
 * const markdown = renderReportMarkdown({ recommendation, knowledge, prices: book });
 * // docs/RECOMMENDATION.md in the scaffold, or `report --out FILE.md`
 * ```
 */
export { buildReportModel, type NotebookSummary, type ReportInput, type ReportModel } from './model.js';
export {
  loadReportResources,
  loadReportTemplates,
  renderReportHtml,
  renderReportMarkdown,
  type ReportResources,
} from './render.js';
export { loadReportData, type ReportData } from './data.js';
export { costCurves, scaledWorkload, type CostCurves, type BreakEven } from './curves.js';
export { writeFileAtomic } from './write.js';
