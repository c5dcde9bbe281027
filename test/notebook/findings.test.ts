import { describe, expect, it } from 'vitest';
import { analyzeNotebook, formatFindings, LARGE_OUTPUT_BYTES } from '../../src/notebook/index.js';
import { MAX_LISTED } from '../../src/notebook/format.js';
import { code, markdown, notebook, stream } from './builders.js';

// Cell numbers: 1-based among all cells, markdown included (cell 1 below is markdown).
const NB = notebook([
  markdown('# Churn model'),
  code('import pickle\nimport pandas as pd\nfrom sklearn.linear_model import LogisticRegression', 1),
  code("df = pd.read_csv('/home/alice/data/train.csv')\nX = df[features]", 3),
  code('model = LogisticRegression()\nmodel.fit(X, y)\npreds = model.predict(X)', 2),
  code(
    "features = ['a', 'b']\ny = df['label']\nfor i, row in df.iterrows():\n    total = i\n" +
      "with open(r'C:\\Users\\bob\\model.pkl', 'wb') as fh:\n    pickle.dump(model, fh)",
    4,
  ),
  code('%time score = model.score(X, y)\n!ls ~/models', null),
  code("print('x' * 1100000)", 5, [stream('x'.repeat(1_100_000))]),
  code('squares = [v * v for v in range(3)]\nfn = lambda q: q + 1\nprint(fn(q=2), squares, total)', 6),
  code('v = 1\nq = 2\n', 7),
  code(
    "train = pd.read_csv('/kaggle/input/titanic/train.csv')\ndrive = '/content/drive/MyDrive/model.joblib'",
    8,
  ),
]);

describe('production-readiness findings on a notebook written to have each problem', () => {
  const a = analyzeNotebook(NB, 'churn.ipynb');
  const at = (kind: string) => a.findings.filter((f) => f.kind === kind).map((f) => [f.cell, f.line]);

  it('names used before the cell that defines them', () => {
    expect(at('used-before-defined')).toEqual([
      [3, 2], // features, defined in cell 5
      [4, 2], // y, defined in cell 5
    ]);
    expect(a.findings.find((f) => f.kind === 'used-before-defined')?.message).toMatch(/`features` .* cell 5/);
  });

  it('out-of-order and missing execution counts', () => {
    expect(at('execution-order')).toEqual([[4, undefined]]);
    expect(a.findings.find((f) => f.kind === 'execution-order')?.message).toMatch(
      /count 2 comes after 3 \(cell 3\)/,
    );
    expect(at('missing-execution-count')).toEqual([[6, undefined]]);
  });

  it('hard-coded local paths in code and in shell escapes', () => {
    expect(at('local-path')).toEqual([
      [3, 1],
      [5, 5],
      [6, 2],
      [10, 1],
      [10, 2],
    ]);
    expect(a.findings.filter((f) => f.kind === 'local-path').map((f) => f.message)).toEqual([
      expect.stringContaining('"/home/alice/data/train.csv"'),
      expect.stringContaining('"C:\\Users\\bob\\model.pkl"'),
      expect.stringContaining('"~/models"'),
      expect.stringContaining('"/kaggle/input/titanic/train.csv"'),
      expect.stringContaining('"/content/drive/MyDrive/model.joblib"'),
    ]);
  });

  it('training and prediction in one cell', () => {
    expect(at('train-and-predict')).toEqual([[4, 2]]);
  });

  it('magics and shell escapes', () => {
    expect(at('magic')).toEqual([[6, 1]]);
    expect(at('shell-escape')).toEqual([[6, 2]]);
  });

  it('a cell whose outputs weigh over 1 MB', () => {
    expect(at('large-output')).toEqual([[7, undefined]]);
    expect(a.cells[6]!.outputBytes).toBeGreaterThan(LARGE_OUTPUT_BYTES);
  });

  it('comprehension and lambda variables, keyword arguments and for targets are not uses', () => {
    // Cell 8 reads v and q only as locals; cell 9 defines them globally later: no finding for cell 8.
    expect(a.findings.filter((f) => f.cell === 8)).toEqual([]);
  });

  it('finds the pickle save through the open() of the with statement', () => {
    expect(a.saves).toEqual([
      expect.objectContaining({ format: 'pickle', path: 'C:\\Users\\bob\\model.pkl', cell: 5 }),
    ]);
    expect(a.framework?.value).toBe('sklearn');
  });

  it('formats findings for a terminal and for Markdown, with cell numbers', () => {
    const text = formatFindings(a.findings);
    expect(text.split('\n')[0]).toMatch(
      /^\d+ warnings, \d+ infos? \(cell numbers count every cell from the top, markdown included\)$/,
    );
    expect(text).toMatch(/^warning cell {3}3 {2}`features` is used here/m);
    const md = formatFindings(a.findings, 'markdown');
    expect(md).toMatch(/^- \*\*warning\*\* \(cell 4\): trains/m);
    // Escaped outside code spans only: `model.fit` stays as written, "train_test" style words get \_.
    expect(md).toContain('(`model.fit`, line 2)');
    expect(md).toContain('clear outputs before committing (jupyter nbconvert --clear-output)');
    const one = formatFindings(
      [
        {
          kind: 'used-before-defined',
          severity: 'warning',
          cell: 2,
          message: '`y_train` read in my_cell <x>',
        },
      ],
      'markdown',
    );
    expect(one).toContain('- **warning** (cell 2): `y_train` read in my\\_cell \\<x\\>');
    expect(formatFindings([])).toBe('No production-readiness findings.\n');
  });
});

describe('many findings', () => {
  // Before: one line per finding, 60,000 lines of stderr for a 60,000-cell notebook.
  it('lists the first ones, most severe first, then "and N more"; the counts stay whole', () => {
    const findings = Array.from({ length: 500 }, (_, k) => ({
      kind: 'execution-order' as const,
      severity: k === 499 ? ('error' as const) : ('warning' as const),
      cell: k + 1,
      message: `finding ${k + 1}`,
    }));
    const terminal = formatFindings(findings).trimEnd().split('\n');
    expect(terminal[0]).toContain('1 error, 499 warnings');
    expect(terminal[1]).toContain('finding 500');
    expect(terminal).toHaveLength(1 + MAX_LISTED.terminal + 1);
    expect(terminal.at(-1)).toBe(`and ${500 - MAX_LISTED.terminal} more (the most severe are listed first)`);
    const markdown = formatFindings(findings, 'markdown').trimEnd().split('\n');
    expect(markdown.at(-1)).toBe(
      `- and ${500 - MAX_LISTED.markdown} more (the most severe are listed first)`,
    );
  });
});
