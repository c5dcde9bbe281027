import { codeView } from './cells.js';
import { detectDependencies } from './dependencies.js';
import { detectFrameworks, findImports, primaryFramework } from './frameworks.js';
import { detectGpu } from './gpu.js';
import { detectModelSize } from './model-size.js';
import { choosePrimarySave, detectSaves } from './saves.js';
import { productionFindings } from './findings.js';
import { parseNotebook } from './parse.js';
import { detectPaths } from './paths.js';
import { redactCode, redactText } from './secrets.js';
import type { AnalyzedCell, NotebookAnalysis } from './types.js';

/**
 * Analyses a notebook's text: pure (no I/O). Throws UserInputError for anything that is not a
 * Python nbformat-4 notebook. Credentials are redacted first; nothing after that sees them.
 */
export function analyzeNotebook(text: string, fileName: string): NotebookAnalysis {
  const nb = parseNotebook(text, fileName);
  const cells: AnalyzedCell[] = nb.cells.map((cell) => {
    const { text: source, hits } = cell.type === 'code' ? redactCode(cell.source) : redactText(cell.source);
    return {
      index: cell.index,
      type: cell.type,
      source,
      executionCount: cell.executionCount,
      outputBytes: cell.outputBytes,
      secrets: hits,
    };
  });
  const outputs = nb.cells
    .filter((c) => c.outputText !== '')
    .map((c) => ({ cell: c.index, ...redactText(c.outputText) }));
  const views = cells.filter((c) => c.type === 'code').map(codeView);
  const imports = findImports(views);
  const frameworks = detectFrameworks(imports);
  const saves = detectSaves(views, imports);
  const primarySave = choosePrimarySave(saves);
  const gpu = detectGpu(views, nb.accelerator);
  const paths = detectPaths(views);
  return {
    fileName,
    nbformat: `${nb.nbformat}.${nb.nbformatMinor}`,
    kernel: { language: nb.language, name: nb.kernelName },
    cells,
    imports,
    frameworks,
    framework: primaryFramework(frameworks, primarySave),
    gpu: gpu.need,
    gpuSignals: gpu.signals,
    saves,
    primarySave,
    modelSizeMb: detectModelSize(
      outputs.map((o) => ({ cell: o.cell, text: o.text })),
      primarySave,
    ),
    dependencies: detectDependencies({
      views,
      imports,
      outputs: outputs.map((o) => ({ cell: o.cell, text: o.text })),
      kernelDisplayName: nb.kernelDisplayName,
    }),
    pythonVersion: nb.pythonVersion,
    paths,
    findings: productionFindings({
      cells,
      views,
      paths,
      outputSecrets: outputs.map((o) => ({ cell: o.cell, hits: o.hits })),
    }),
  };
}
