import type { CodeView } from './cells.js';
import { cellNames, PYTHON_BUILTINS } from './names.js';
import { pipArguments } from './pip-args.js';
import type { Call } from './python.js';
import { redactText, SECRET_LABELS, type SecretHit } from './secrets.js';
import type { AnalyzedCell, Finding, PathUse } from './types.js';

/** Outputs heavier than this in one cell are reported (1 MiB). */
export const LARGE_OUTPUT_BYTES = 1024 * 1024;

export interface FindingInput {
  cells: AnalyzedCell[];
  views: CodeView[];
  paths: PathUse[];
  /** Credentials seen in each cell's outputs (the outputs themselves are not kept). */
  outputSecrets: { cell: number; hits: SecretHit[] }[];
}

/** Production-readiness findings, sorted by cell then line. Messages never contain a secret. */
export function productionFindings({ cells, views, paths, outputSecrets }: FindingInput): Finding[] {
  const findings: Finding[] = [
    ...credentialFindings(cells, outputSecrets),
    ...executionFindings(cells, views),
    ...nameFindings(views),
    ...pathFindings(paths),
    ...trainPredictFindings(views),
    ...ipythonFindings(views),
    ...outputFindings(cells),
  ];
  return findings.sort((a, b) => a.cell - b.cell || (a.line ?? 0) - (b.line ?? 0));
}

function credentialFindings(cells: AnalyzedCell[], outputSecrets: FindingInput['outputSecrets']): Finding[] {
  const out: Finding[] = [];
  for (const cell of cells) {
    for (const hit of cell.secrets) {
      out.push({
        kind: 'credential',
        severity: 'error',
        cell: cell.index,
        line: hit.line,
        message:
          `${SECRET_LABELS[hit.kind]} is written in the ${cell.type === 'code' ? 'code' : `${cell.type} text`} ` +
          `(line ${hit.line}); revoke it, and read it from the environment (${hit.envName}) or a secrets manager` +
          (hit.example
            ? '. It contains "EXAMPLE" like the sample keys in documentation, but it has the shape of a real key, so it is treated as one and never copied'
            : ''),
      });
    }
  }
  for (const { cell, hits } of outputSecrets) {
    const kinds = [...new Set(hits.map((h) => SECRET_LABELS[h.kind]))];
    const example = hits.some((h) => h.example)
      ? ' (one looks like a documentation example, still treated as real)'
      : '';
    if (kinds.length === 0) continue;
    out.push({
      kind: 'credential',
      severity: 'error',
      cell,
      message: `the saved output shows ${kinds.join(' and ')}${example}; clear the outputs and revoke it`,
    });
  }
  return out;
}

function executionFindings(cells: AnalyzedCell[], views: CodeView[]): Finding[] {
  // Cells with only comments or blank lines do nothing when run: they need no execution count.
  const withCode = new Set(
    views
      .filter((v) => v.ipython.length > 0 || v.tokens.some((t) => t.type !== 'comment'))
      .map((v) => v.cell),
  );
  const code = cells.filter((c) => withCode.has(c.index));
  if (code.length === 0) return [];
  // Jupyter counts from 1. A 0 (Colab and other exporters write it in every cell) or a missing count
  // says the cell did not run in the saved session: it is never compared with other counts.
  const ran = (c: AnalyzedCell) => c.executionCount !== null && c.executionCount > 0;
  const counted = code.filter(ran);
  if (counted.length === 0) {
    return [
      {
        kind: 'missing-execution-count',
        severity: 'info',
        cell: code[0]!.index,
        message:
          'no code cell has an execution count (all are empty or 0, as in notebooks exported from Colab or saved with ' +
          'outputs cleared), so nothing shows ' +
          'that it runs top to bottom; run it once from a fresh kernel (Restart & Run All)',
      },
    ];
  }
  const out: Finding[] = [];
  // Cells left unrun while others ran: one finding, at the first of them, naming them all.
  const unrun = code.filter((c) => !ran(c));
  if (unrun.length > 0) {
    const cells = unrun.map((c) => c.index);
    out.push({
      kind: 'missing-execution-count',
      severity: 'warning',
      cell: cells[0]!,
      message:
        `${cells.length === 1 ? `this cell was` : `${cells.length} code cells (${listCells(cells)}) were`} not run in the saved ` +
        `session although ${counted.length === 1 ? `cell ${counted[0]!.index} was` : `${counted.length} others were`}; ` +
        'later cells may depend on state never created: Restart & Run All before trusting the results',
    });
  }
  let previous: AnalyzedCell | undefined;
  for (const cell of counted) {
    if (previous && cell.executionCount! <= previous.executionCount!) {
      out.push({
        kind: 'execution-order',
        severity: 'warning',
        cell: cell.index,
        message:
          `out of order: execution count ${cell.executionCount} comes after ${previous.executionCount} (cell ${previous.index}); ` +
          'the saved results may not come from a top-to-bottom run: Restart & Run All before trusting them',
      });
    }
    previous = cell;
  }
  return out;
}

function listCells(cells: number[]): string {
  const shown = cells.slice(0, 12).join(', ');
  return cells.length > 12 ? `cells ${shown} and ${cells.length - 12} more` : `cells ${shown}`;
}

function nameFindings(views: CodeView[]): Finding[] {
  const all = views.map(cellNames);
  const firstDefined = new Map<string, number>();
  for (const names of all)
    for (const name of names.defined) if (!firstDefined.has(name)) firstDefined.set(name, names.cell);
  const out: Finding[] = [];
  for (const names of all) {
    const reported = new Set<string>();
    for (const use of names.uses) {
      if (reported.has(use.name) || names.defined.has(use.name) || PYTHON_BUILTINS.has(use.name)) continue;
      const definedIn = firstDefined.get(use.name);
      if (definedIn === undefined || definedIn <= names.cell) continue;
      reported.add(use.name);
      out.push({
        kind: 'used-before-defined',
        severity: 'warning',
        cell: names.cell,
        line: use.line,
        message: `\`${use.name}\` is used here (line ${use.line}) but first defined in cell ${definedIn}, further down: a top-to-bottom run fails with NameError`,
      });
    }
  }
  return out;
}

/** Absolute places on someone's machine (home folders, drives, Colab Drive, Kaggle inputs). */
const PERSONAL_PATH =
  /^(?:\/home\/[^/\s]+|\/Users\/[^/\s]+|[A-Za-z]:[\\/]|~[\\/]|\/content\/|\/mnt\/[a-z]\/|\/kaggle\/(?:input|working)\/)/;

/**
 * Local files the code reads (a container will not have them), absolute or parent-folder paths it
 * writes or names, and URLs it reads data from at run time. A relative file the notebook writes
 * (`model.joblib`, `preds.csv`) is its own output, not a finding.
 */
function pathFindings(paths: PathUse[]): Finding[] {
  const out: Finding[] = [];
  const local = (path: string) => path.replace(/^\.\//, '');
  const base = (path: string) =>
    path
      .replace(/[?#].*$/, '')
      .replace(/\/+$/, '')
      .split('/')
      .pop() ?? path;
  // What the notebook writes or downloads itself is its own output, not a file a container lacks.
  const written = new Set(paths.filter((p) => p.role === 'write').map((p) => local(p.path)));
  const downloaded = new Set(paths.filter((p) => p.kind === 'url').map((p) => base(p.path)));
  // URLs: one finding per cell, at the first, however many the cell downloads.
  const urlsByCell = new Map<number, PathUse[]>();
  for (const use of paths.filter((p) => p.kind === 'url'))
    urlsByCell.set(use.cell, [...(urlsByCell.get(use.cell) ?? []), use]);
  for (const [cell, uses] of urlsByCell) {
    const first = uses[0]!;
    const more =
      uses.length > 1 ? ` and ${uses.length - 1} more (lines ${uses.map((u) => u.line).join(', ')})` : '';
    out.push({
      kind: 'network-data',
      severity: 'info',
      cell,
      line: first.line,
      message:
        `data read from the network at run time: "${quoteCode(first.path)}" (line ${first.line}${first.call ? `, ${first.call}` : ''})${more}; ` +
        'a server must not depend on it at start-up: fetch it when the image is built, or ship it with the model',
    });
  }
  for (const use of paths) {
    if (use.kind === 'url' || out.some((f) => f.cell === use.cell && f.line === use.line)) continue;
    const shown = `"${quoteCode(use.path)}"`;
    const how = use.call ? `, ${use.call}` : '';
    const outside = PERSONAL_PATH.test(use.path) || /^(?:[\\/]|\.\.[\\/])/.test(use.path);
    // A file the notebook writes itself (a checkpoint it reloads) is its own output.
    if (use.role === 'read' && !written.has(local(use.path)) && !downloaded.has(base(use.path))) {
      out.push({
        kind: 'local-path',
        severity: 'warning',
        cell: use.cell,
        line: use.line,
        message:
          `reads the local ${/[\\/]$/.test(use.path) || !/\.\w+$/.test(use.path) ? 'path' : 'file'} ${shown} (line ${use.line}${how}): ` +
          'a container will not have it; ship it with the image or the model, or take the path from configuration',
      });
    } else if (outside) {
      out.push({
        kind: 'local-path',
        severity: 'warning',
        cell: use.cell,
        line: use.line,
        message:
          `hard-coded local path ${shown} (line ${use.line}${use.role === 'write' ? `, written by ${use.call ?? 'the code'}` : ''}) ` +
          'will not exist in a container; take it from configuration (an environment variable or argument) or ship the file with the model',
      });
    }
  }
  return out;
}

const TRAIN_METHODS = new Set(['fit', 'fit_generator', 'partial_fit', 'train_on_batch', 'backward']);
const PREDICT_METHODS = new Set([
  'predict',
  'predict_proba',
  'predict_log_proba',
  'predict_on_batch',
  'predict_generator',
  'predict_classes',
]);

function isTraining(call: Call): boolean {
  if (TRAIN_METHODS.has(call.method) && call.receiver !== '') return true;
  // `trainer.train()`, `xgb.train(params, dtrain)`; PyTorch's `model.train()` only switches mode.
  if (call.method === 'train')
    return /(?:^|\.)(?:trainer|xgb|xgboost|lgb|lightgbm)$/i.test(call.receiver) || call.args.length > 0;
  return false;
}

function trainPredictFindings(views: CodeView[]): Finding[] {
  const out: Finding[] = [];
  for (const view of views) {
    const calls = view.calls;
    const train = calls.find(isTraining);
    const predict = calls.find((c) => PREDICT_METHODS.has(c.method) && c.receiver !== '');
    if (!train || !predict) continue;
    out.push({
      kind: 'train-and-predict',
      severity: 'warning',
      cell: view.cell,
      line: Math.min(train.line, predict.line),
      message:
        `trains (\`${train.callee}\`, line ${train.line}) and predicts (\`${predict.callee}\`, line ${predict.line}) in one cell; ` +
        'split training from inference so a server can load the saved model without retraining',
    });
  }
  return out;
}

function ipythonFindings(views: CodeView[]): Finding[] {
  const out: Finding[] = [];
  for (const view of views) {
    const shell = view.ipython.filter((l) => l.kind === 'shell');
    const magic = view.ipython.filter((l) => l.kind !== 'shell');
    if (shell.length > 0) {
      const pip = shell.some((l) =>
        /\bpip3?\s+install\b|\bconda\s+install\b|\bapt(?:-get)?\s+install\b/.test(l.text),
      );
      out.push({
        kind: 'shell-escape',
        severity: pip ? 'warning' : 'info',
        cell: view.cell,
        line: shell[0]!.line,
        message:
          `${describeLines(shell, 'shell escape')}: ` +
          (pip
            ? 'installs packages at run time; pin them in requirements.txt and install them when the image is built'
            : 'shell commands do not run in the serving code (the seed code drops them); move them to the Dockerfile or CI'),
      });
    }
    for (const l of view.ipython) {
      for (const arg of pipArguments(l.text).rejected) {
        out.push({
          kind: 'pip-argument',
          severity: 'warning',
          cell: view.cell,
          line: l.line,
          message:
            `pip install argument ${JSON.stringify(quoteCode(arg, 60))} (line ${l.line}) is not a valid requirement ` +
            '(name, extras, version specifier); it is left out of requirements.txt, check what the line meant to install',
        });
      }
    }
    if (magic.length > 0) {
      out.push({
        kind: 'magic',
        severity: 'info',
        cell: view.cell,
        line: magic[0]!.line,
        message: `${describeLines(magic, 'IPython magic')}: not Python, dropped from the seed code; replace what it does with plain code or configuration`,
      });
    }
  }
  return out;
}

function describeLines(lines: { text: string; line: number }[], what: string): string {
  const first = lines[0]!;
  const command = quoteCode(first.text.split('\n')[0]!, 60);
  return lines.length === 1
    ? `${what} \`${command}\` (line ${first.line})`
    : `${lines.length} ${what}s, first \`${command}\` (line ${first.line})`;
}

function outputFindings(cells: AnalyzedCell[]): Finding[] {
  return cells
    .filter((c) => c.outputBytes > LARGE_OUTPUT_BYTES)
    .map((c) => ({
      kind: 'large-output' as const,
      severity: 'warning' as const,
      cell: c.index,
      message:
        `the outputs weigh ${(c.outputBytes / (1024 * 1024)).toFixed(2)} MB (limit ${LARGE_OUTPUT_BYTES / (1024 * 1024)} MB); ` +
        'clear outputs before committing (jupyter nbconvert --clear-output), they bloat the repository and can leak data',
    }));
}

/**
 * Notebook code quoted in a finding: the one place such text is redacted again (the cells were
 * redacted when read, this guards every quote) before it is cut, so a cut never splits a secret
 * out of the shape that finds it.
 */
function quoteCode(text: string, max = 80): string {
  return shorten(redactText(text).text, max);
}

function shorten(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
