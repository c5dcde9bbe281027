import { describe, expect, it } from 'vitest';
import { analyzeNotebook, mergeRequirements } from '../../src/notebook/index.js';
import { pipInstalled } from '../../src/notebook/dependencies.js';
import { code, notebook } from './builders.js';

// pip install arguments are read as shell words and checked as PEP 508 requirements: splitting on
// spaces made packages named `2` or `src` out of quoted specifiers (dependency confusion).

describe('pip install arguments', () => {
  it('keeps a quoted specifier with spaces in one requirement', () => {
    expect(pipInstalled(`!pip install 'numpy < 2' "pandas >= 2.0"`)).toEqual([
      { name: 'numpy', spec: '<2' },
      { name: 'pandas', spec: '>=2.0' },
    ]);
  });

  it('skips options and their values, and stops at the end of the command', () => {
    expect(
      pipInstalled(
        '%pip install -q -U -r req.txt --index-url https://pypi.example/simple -e ./lib torch==2.1 "transformers[torch]>=4.30,<5" && echo done',
      ),
    ).toEqual([
      { name: 'torch', spec: '==2.1' },
      { name: 'transformers', spec: '>=4.30,<5' },
    ]);
    expect(pipInstalled('!pip install numpy>=2 2>&1 > /dev/null')).toEqual([{ name: 'numpy', spec: '>=2' }]);
  });

  it('drops an argument that is not a requirement, with a finding, and never writes it to requirements.txt', () => {
    const a = analyzeNotebook(
      notebook([code(`!pip install 'numpy < 2' "pandas >= 2.0" 'foo<img src=x onerror=alert(1)>==1.0'`, 1)]),
      'pip.ipynb',
    );
    const names = a.dependencies.map((d) => d.package).sort();
    expect(names).toEqual(['numpy', 'pandas']);
    const requirements = mergeRequirements('fastapi==0.110.0\n', a.dependencies, 'pip.ipynb');
    const listed = requirements
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .map((l) => /^[A-Za-z0-9._-]+/.exec(l)?.[0]);
    expect(listed.sort()).toEqual(['fastapi', 'numpy', 'pandas']);
    expect(requirements).not.toMatch(/^(?:src|2|2\.0|onerror|foo)\b/m);
    const bad = a.findings.filter((f) => f.kind === 'pip-argument');
    expect(bad).toHaveLength(1);
    expect(bad[0]).toMatchObject({ severity: 'warning', cell: 1, line: 1 });
    expect(bad[0]!.message).toContain('foo<img src=x');
  });
});
