import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTION_IDS } from '../../src/core/options.js';
import { packageRoot } from '../../src/paths.js';
import { runCli } from '../support/run-cli.js';
import { runInProcess } from '../support/run-main.js';
import { copyKnowledge, editKnowledgeFile, lineOf } from '../support/knowledge-copy.js';

const dir = mkdtempSync(join(tmpdir(), 'mlda-recommend-'));
function answersFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const good = answersFile(
  'good.yaml',
  'framework: sklearn\nrequestsPerSecond: 20\nlatencyP95Ms: 250\nmonthlyBudgetUsd: 800\n',
);

/**
 * The contract JSON runs as a process (the built bundle: exit code, a clean stdout, no colour);
 * everything else calls the CLI's main() in this process, which returns the exit code the process
 * would exit with (test/support/run-main.ts).
 */
describe('recommend as a process', () => {
  it('prints the contract JSON alone on stdout, every option once, feasible first', () => {
    const result = runCli(['recommend', '--answers', good, '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout);
    expect(json.pricing).toMatchObject({ source: 'snapshot', region: 'us-east-1' });
    expect(json.pricing.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(json.ranking.map((r: { option: string }) => r.option).sort()).toEqual([...OPTION_IDS].sort());
    let seenInfeasible = false;
    json.ranking.forEach((r: Record<string, unknown>, i: number) => {
      expect(r).toMatchObject({ rank: i + 1, feasible: expect.any(Boolean), score: expect.any(Number) });
      expect(typeof r.monthlyCostUsd).toBe('number');
      expect(Array.isArray(r.reasons)).toBe(true);
      for (const reason of r.reasons as Record<string, unknown>[]) {
        expect(reason).toMatchObject({ text: expect.any(String), effect: expect.any(Number) });
      }
      if (!r.feasible) {
        seenInfeasible = true;
        const [blocker] = r.blockers as { text: string; value: unknown; unit: string }[];
        expect(blocker!.text.length).toBeGreaterThan(10);
        expect(blocker!.value).toBeDefined();
      } else {
        expect(seenInfeasible).toBe(false);
        expect(r.blockers).toEqual([]);
      }
    });
    expect(json.inputs.defaulted.map((d: { field: string }) => d.field)).toContain('gpu');
  });

  it('prints a readable table without --json', async () => {
    const result = await runInProcess(['recommend', '--answers', good]);
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^#\s+option\s+score\s+\$\/month/);
    for (const option of OPTION_IDS) expect(result.stdout).toContain(option);
    // Reasons wrap under their column; read them with the line breaks undone.
    const flat = result.stdout.replace(/\s+/g, ' ');
    expect(flat).toMatch(
      /BLOCKED: TensorFlow Serving serves TensorFlow SavedModels; a model built with sklearn/,
    );
    expect(result.stdout).toMatch(/modelled from snapshot prices \(us-east-1, as of \d{4}-\d{2}-\d{2}\)/);
    expect(result.stdout).not.toContain(String.fromCharCode(27));
  });

  it('reads JSON answers too', async () => {
    const json = answersFile(
      'good.json',
      JSON.stringify({
        framework: 'pytorch',
        requestsPerSecond: 1,
        latencyP95Ms: null,
        monthlyBudgetUsd: 100,
      }),
    );
    expect((await runInProcess(['recommend', '--answers', json, '--json'])).code).toBe(0);
  });

  const bad: [string, string, RegExp][] = [
    [
      'unknown framework',
      'framework: keras\nrequestsPerSecond: 1\nlatencyP95Ms: 1\nmonthlyBudgetUsd: 1\n',
      /framework: "keras" is not allowed; allowed: pytorch/,
    ],
    [
      'negative rate',
      'framework: sklearn\nrequestsPerSecond: -4\nlatencyP95Ms: 1\nmonthlyBudgetUsd: 1\n',
      /requestsPerSecond: -4 is too small; must be >= 0/,
    ],
    [
      'missing budget',
      'framework: sklearn\nrequestsPerSecond: 4\nlatencyP95Ms: 1\n',
      /monthlyBudgetUsd: required/,
    ],
    [
      'unknown key',
      'framework: sklearn\nrequestsPerSecond: 4\nlatencyP95Ms: 1\nmonthlyBudgetUsd: 1\nbudget: 3\n',
      /line 5: budget: unknown key/,
    ],
    ['broken YAML', 'framework: [sklearn\nrequestsPerSecond: 4\n', /bad\.yaml:\d+: not valid YAML/],
  ];
  for (const [what, text, message] of bad) {
    it(`exits 2 naming the field for ${what}, with no stack trace`, async () => {
      const file = answersFile('bad.yaml', text);
      const result = await runInProcess(['recommend', '--answers', file]);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('exits 2 for broken JSON, naming the file and line', async () => {
    const file = answersFile('broken.json', '{"framework": "sklearn",\n "requestsPerSecond": }');
    const result = await runInProcess(['recommend', '--answers', file, '--json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/broken\.json:2: not valid JSON/);
  });

  it('exits 2 for a missing file, a missing flag and an unknown flag', async () => {
    expect((await runInProcess(['recommend', '--answers', join(dir, 'nope.yaml')])).stderr).toMatch(
      /nope\.yaml: cannot read the answers file \(no such file\)/,
    );
    const noFlag = await runInProcess(['recommend']);
    expect(noFlag.code).toBe(2);
    expect(noFlag.stderr).toMatch(/--answers is required/);
    const unknown = await runInProcess(['recommend', '--answers', good, '--colour']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--colour.*allowed flags: --answers/);
  });

  it('exits 2 naming file and line when the rules base is broken', async () => {
    const kb = copyKnowledge();
    editKnowledgeFile(
      kb,
      'limits.yaml',
      'violatedWhen: { fact: memoryNeededMb, gt: 10240 }',
      'violatedWhen: { fact: memoryNeededMb, gt: lots }',
    );
    const line = lineOf('limits.yaml', 'violatedWhen: { fact: memoryNeededMb, gt: 10240 }');
    for (const args of [
      ['knowledge', 'check', '--dir', kb],
      ['recommend', '--answers', good, '--knowledge-dir', kb],
    ]) {
      const result = await runInProcess(args);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`limits.yaml:${line}:`);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('knowledge check', () => {
  it('passes on the bundled rules base', async () => {
    const result = await runInProcess(['knowledge', 'check']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/knowledge ok: 10 options/);
  });

  it('names a broken price snapshot', async () => {
    const kb = copyKnowledge();
    editKnowledgeFile(kb, 'prices/us-east-1.yaml', 'source: https://', 'source: not-a-url');
    const result = await runInProcess(['knowledge', 'check', '--dir', kb]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/prices\/us-east-1\.yaml:\d+:/);
  });
});

describe('the CLI shell', () => {
  it('answers --help and --version, and rejects an unknown command with exit 2', async () => {
    const help = await runInProcess(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/recommend/);
    expect((await runInProcess(['--version'])).stdout).toMatch(/^\d+\.\d+\.\d+/);
    for (const command of [
      'recommend',
      'knowledge',
      'cost',
      'pricing',
      'report',
      'scaffold',
      'deploy',
      'chat',
    ]) {
      const result = await runInProcess([command, '--help']);
      expect(result.code, command).toBe(0);
      expect(result.stdout, command).toMatch(/Usage/);
    }
    const unknown = await runInProcess(['recomend']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "recomend"/);
  });
});

describe('recommend --from-notebook', () => {
  const nb = (name: string) => join(packageRoot(), 'test', 'fixtures', 'notebooks', name);
  const traffic = answersFile(
    'traffic.yaml',
    'requestsPerSecond: 5\nlatencyP95Ms: 300\nmonthlyBudgetUsd: 400\n',
  );

  it('prefills the framework from the notebook and says which answers came from it', async () => {
    const result = await runInProcess([
      'recommend',
      '--answers',
      traffic,
      '--from-notebook',
      nb('pytorch-quickstart.ipynb'),
      '--json',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.inputs.answers.framework).toBe('pytorch');
    expect(json.inputs.fromNotebook.fields).toContain('framework');
    expect(json.inputs.fromNotebook.dependencies.map((d: { package: string }) => d.package)).toEqual([
      'torch',
      'torchvision',
    ]);
    expect(result.stderr).toMatch(/notebook .*pytorch-quickstart\.ipynb/);
  });

  it('lets the answers file win over the notebook', async () => {
    const file = answersFile(
      'explicit.yaml',
      'framework: onnx\nrequestsPerSecond: 5\nlatencyP95Ms: 300\nmonthlyBudgetUsd: 400\n',
    );
    const json = JSON.parse(
      (
        await runInProcess([
          'recommend',
          '--answers',
          file,
          '--from-notebook',
          nb('pytorch-quickstart.ipynb'),
          '--json',
        ])
      ).stdout,
    );
    expect(json.inputs.answers.framework).toBe('onnx');
    expect(json.inputs.fromNotebook.fields).not.toContain('framework');
  });

  it('exits 2 for a malformed notebook, saying what is wrong', async () => {
    const result = await runInProcess([
      'recommend',
      '--answers',
      traffic,
      '--from-notebook',
      nb('hostile-truncated.ipynb'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/hostile-truncated\.ipynb: not valid JSON/);
  });
});
