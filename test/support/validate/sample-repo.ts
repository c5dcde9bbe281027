import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { RepoReport, Validator } from './index.js';
import { GOOD_CFN, GOOD_DEPLOYMENT } from './samples.js';

/**
 * A small repository for the validateRepo* tests (fast and end-to-end): one file per validator,
 * valid Kubernetes and CloudFormation, a shell script with an unquoted variable and a Python file
 * that does not parse. `files` adds or replaces files (path -> content).
 */
export const SAMPLE_REPO: Record<string, string> = {
  'k8s/app.yaml': GOOD_DEPLOYMENT,
  'infra/stack.yaml': GOOD_CFN,
  'run.sh': '#!/usr/bin/env bash\necho $1\n',
  Dockerfile: 'FROM python:3.11.10-slim\nUSER 10001\n',
  'app.py': 'def f(:\n  pass\n',
};

export interface SampleRepoResult {
  report: RepoReport;
  /** The validators that ran on one file. */
  ran(file: string): Validator[];
  /** Every problem as `file:validator`. */
  problems: string[];
}

/** Writes the sample repository (with `files` on top) to a temp folder, validates it, removes it. */
export async function validateSampleRepo(
  validate: (root: string) => RepoReport | Promise<RepoReport>,
  files: Record<string, string> = {},
): Promise<SampleRepoResult> {
  const root = mkdtempSync(join(tmpdir(), 'repo-'));
  try {
    for (const [path, text] of Object.entries({ ...SAMPLE_REPO, ...files })) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    const report = await validate(root);
    return {
      report,
      ran: (file) => report.ran.filter((r) => r.file === file).map((r) => r.validator),
      problems: report.problems.map((p) => `${p.file}:${p.validator}`),
    };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
