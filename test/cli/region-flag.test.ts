import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/paths.js';
import { runCli } from '../support/run-cli.js';

// examples/answers.yaml says us-east-1. `--region eu-west-1` priced eu-west-1 while the advice
// still spoke of us-east-1: "No prices for us-east-1 here: every cost uses eu-west-1 prices".
describe('--region stands for the answers region', () => {
  const answers = join(packageRoot(), 'examples', 'answers.yaml');

  it('prices and describes the region the flag names, with no fallback note', () => {
    const result = runCli([
      'recommend',
      '--answers',
      answers,
      '--json',
      '--region',
      'eu-west-1',
      '--pricing',
      'snapshot',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as {
      pricing: { priceRegion: string; regionNote: string | null };
      inputs: { answers: { region: string } };
    };
    expect(json.pricing.priceRegion).toBe('eu-west-1');
    expect(json.pricing.regionNote).toBeNull();
    expect(JSON.stringify(json.inputs)).toContain('eu-west-1');
    expect(JSON.stringify(json.inputs)).not.toContain('us-east-1');
  });
});
