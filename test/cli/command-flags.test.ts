import { describe, expect, it } from 'vitest';
import { flagHelp, parseOptions, type FlagTable } from '../../src/cli/command-flags.js';
import { runMain } from '../support/run-main.js';

/**
 * Flags are declared once per command, as a table that both parses and documents them: every flag
 * a command accepts is in its --help, and the help lists nothing it would refuse.
 */

const COMMANDS = ['recommend', 'report', 'scaffold', 'chat', 'cost', 'pricing', 'deploy', 'knowledge'];

describe('each command documents exactly the flags it parses', () => {
  it.each(COMMANDS)('%s', async (command) => {
    const refused = await runMain([command, '--no-such-flag']);
    expect(refused.code).toBe(2);
    const allowed = /allowed flags: (.*)$/m.exec(refused.stderr)?.[1]?.split(', ') ?? [];
    expect(allowed.length, refused.stderr).toBeGreaterThan(1);
    const help = await runMain([command, '--help']);
    expect(help.code).toBe(0);
    const documented = new Set(help.stdout.match(/--[a-z][a-z0-9-]*/g));
    for (const flag of allowed)
      if (flag !== '--help') expect(documented, `${command} ${flag}`).toContain(flag);
  });
});

describe('each Usage line names the flags a user reaches for', () => {
  // A new contributor read `recommend --help` and did not find --from-notebook or --knowledge-dir
  // in its Usage line, though the list below it had them.
  it.each(['recommend', 'report', 'chat'])('%s', async (command) => {
    const help = await runMain([command, '--help']);
    const usage = help.stdout.slice(0, help.stdout.indexOf('\n\n'));
    expect(usage).toMatch(/^Usage: /);
    for (const flag of ['--from-notebook', '--knowledge-dir']) expect(usage, command).toContain(flag);
  });
});

describe('the flag table', () => {
  const table = {
    answers: { type: 'string', value: 'FILE', help: 'the answers' },
    force: { type: 'boolean', help: ['first line', 'second line'] },
    help: { type: 'boolean', short: 'h', help: '' },
  } as const satisfies FlagTable;

  it('gives parseArgs the type and short name only', () => {
    expect(parseOptions(table)).toEqual({
      answers: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
  });

  it('writes one aligned help entry per documented flag, continuation lines indented', () => {
    expect(flagHelp(table, 20)).toBe(
      [
        '  --answers FILE    the answers',
        '  --force           first line',
        '                    second line',
      ].join('\n'),
    );
  });
});
