import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { requireTools } from '../e2e-tools.js';
import { validateRepo, validateShell } from './index.js';
import { validateSampleRepo } from './sample-repo.js';

/** The validators that run Debian's tools: shellcheck, yamllint and Python's compiler. */
requireTools('shellcheck', 'yamllint', 'python');

describe('shell embedded in templates', () => {
  it('finds UserData scripts and shellcheck sees their problems', async () => {
    const template = `Resources:
  Template:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        UserData: !Base64
          Fn::Sub: |
            #!/bin/bash
            echo "\${AWS::Region}"
            rm -rf $target/*
`;
    const root = mkdtempSync(join(tmpdir(), 'userdata-'));
    try {
      writeFileSync(join(root, 'stack.yaml'), `AWSTemplateFormatVersion: "2010-09-09"\n${template}`);
      const report = await validateRepo(root);
      const problems = report.problems.filter((p) => p.validator === 'shellcheck').map((p) => p.message);
      expect(problems.join('\n')).toMatch(/UserData: shellcheck .*SC2086/);
      expect(problems.join('\n')).not.toMatch(/SUB_AWS__Region/);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('shellcheck', () => {
  it('accepts a clean script and flags an unquoted variable', () => {
    expect(validateShell('#!/usr/bin/env bash\nset -euo pipefail\nname="$1"\necho "$name"\n')).toEqual([]);
    expect(validateShell('#!/usr/bin/env bash\nrm -rf $1/*\n').join('\n')).toMatch(/SC2086/);
  });
});

describe('validateRepo', () => {
  it('runs the right validators per file and reports their problems', async () => {
    const { ran, problems } = await validateSampleRepo(validateRepo, {
      // Parses, but does not compile: only compile() (as py_compile does) catches it.
      'misplaced.py': 'return 1\n',
    });
    expect(ran('k8s/app.yaml')).toEqual(expect.arrayContaining(['kubernetes', 'yamllint', 'secretlint']));
    expect(ran('infra/stack.yaml')).toContain('cloudformation');
    expect(ran('Dockerfile')).toContain('dockerfile');
    expect(problems).toContain('run.sh:shellcheck');
    expect(problems).toContain('app.py:python-syntax');
    expect(problems).toContain('misplaced.py:python-syntax');
    expect(problems).not.toContain('k8s/app.yaml:kubernetes');
    expect(problems).not.toContain('infra/stack.yaml:cloudformation');
  });
});
