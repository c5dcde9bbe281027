import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startChat, waitFor, type Chat } from './chat-harness.js';

/** What an impatient engineering lead ran into on screen (issue 13, second pass). */
let chat: Chat | undefined;
afterEach(() => chat?.unmount());

/** The live area: what follows the last finished turn (ink-testing-library frames hold both). */
const live = (frame: string) => frame.slice(frame.lastIndexOf('Ranking:'));

async function ranked(cwd?: string): Promise<Chat> {
  const c = await startChat(cwd ? { cwd } : {});
  await c.waitForText('What is the model built with?');
  await c.say('sklearn, 20 rps, 250 ms, $800 a month');
  await c.say('/done');
  await c.waitForText('That is every question.');
  return c;
}

describe('Ctrl+C at a y/N question', () => {
  it('first cancels the question and writes nothing, then leaves, offering /save', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-cancel-'));
    writeFileSync(join(dir, 'a.json'), 'keep me');
    chat = await ranked(dir);
    await chat.say('/save a.json');
    await waitFor(() => live(chat!.frame()).includes('Overwrite it?'), 'the y/N question');
    await chat.key('\u0003');
    await chat.waitForText('Cancelled; nothing written, a.json is unchanged.');
    expect(live(chat.frame())).not.toContain('Overwrite it?');
    expect(chat.frame()).toMatch(
      /Press Ctrl\+C again to leave\. Your answers are not saved: \/save keeps them/,
    );
    expect(chat.exits).toEqual([]);
    chat.write('\u0003');
    await waitFor(() => chat!.exits.length > 0, 'the exit');
    expect(chat.exits).toEqual([130]);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('keep me');
  });

  it('two Ctrl+C in one read at the question leave without writing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-cancel2-'));
    writeFileSync(join(dir, 'RECOMMENDATION.md'), 'keep me');
    chat = await ranked(dir);
    await chat.say('/report');
    await waitFor(() => live(chat!.frame()).includes('Overwrite it?'), 'the y/N question');
    chat.write('\u0003\u0003');
    await waitFor(() => chat!.exits.length > 0, 'the exit', 1000);
    expect(chat.exits).toEqual([130]);
    expect(readFileSync(join(dir, 'RECOMMENDATION.md'), 'utf8')).toBe('keep me');
  });
});

describe('the one-line ranking stays under the conversation', () => {
  it('after /report, /save and /scaffold, and after a y/N question is answered', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-actions-'));
    chat = await ranked(dir);
    const summary = /Ranking: 1 \S+ \$[\d,]+/;
    for (const [command, done] of [
      ['/report', 'Wrote the report to RECOMMENDATION.md'],
      ['/save', 'Saved the answers to answers.yaml'],
      ['/scaffold', 'starter repository'],
    ] as const) {
      await chat.say(command);
      await chat.waitForText(done);
      await waitFor(
        () => summary.test(chat!.frame().split(done).at(-1)!),
        `the ranking line after ${command}`,
      );
    }
    await chat.say('/report');
    await waitFor(() => live(chat!.frame()).includes('Overwrite it?'), 'the y/N question');
    expect(live(chat.frame())).toMatch(summary);
    await chat.say('y');
    await waitFor(
      () => chat!.frame().split('Wrote the report to RECOMMENDATION.md').length > 2,
      'the second report',
    );
    expect(chat.frame().split('Wrote the report to RECOMMENDATION.md').at(-1)).toMatch(summary);
    expect(readdirSync(dir)).toContain('RECOMMENDATION.md');
  });
});

describe('the GPU question on screen', () => {
  it('hints the words it accepts, matching the choices listed', async () => {
    chat = await startChat();
    await chat.waitForText('What is the model built with?');
    await chat.say('pytorch');
    await chat.say('');
    await chat.waitForText('Does inference need a GPU?');
    expect(chat.frame()).toContain(
      'none (no, not needed), optional (nice to have, maybe) or required (yes, must) (Enter: none)',
    );
    await chat.say('nice to have');
    await chat.waitForText('? Does inference need a GPU? optional');
  });
});
