import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { startChat, tick, waitFor, type Chat } from './chat-harness.js';

/** The chat on screen for the defects people met (issues 13 and 14), typed as they typed. */
let chat: Chat | undefined;
afterEach(() => chat?.unmount());

const ESC = '\u001B';
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const SENTENCE =
  'we have a pytorch recommender, about 800MB, 30 rps average with peaks of 200 at lunch, needs to answer in 150ms, budget maybe 2k a month, no k8s';

describe('the chat on screen', () => {
  it('takes the one-sentence workload, echoes it, and asks only what remains', async () => {
    chat = await startChat();
    await chat.waitForText('What is the model built with?');
    await chat.say(SENTENCE);
    await chat.waitForText('Understood: Kubernetes none · framework pytorch · model size 800 MB');
    await chat.waitForText('? Does inference need a GPU?');
    await chat.waitForText(/Ranking: 1 \S+ \$\d/);
  });

  it('keeps the answer just given in view on an 80x24 terminal, with the ranking in one line', async () => {
    chat = await startChat({ width: 80 });
    await chat.waitForText('What is the model built with?');
    await chat.say(SENTENCE);
    await chat.say('');
    await chat.waitForText('What shape is the load?');
    await chat.say('spiky');
    await chat.waitForText('Where may it run?');
    const screen = chat.frame().split('\n').slice(-24).join('\n');
    expect(screen).toContain('? What shape is the load? spiky');
    expect(screen.match(/Ranking: /g)).toHaveLength(1);
    expect(screen).not.toMatch(/#\s+option\s+score/);
  });

  it('opens a command menu on "/" and completes with Tab', async () => {
    chat = await startChat();
    await chat.waitForText('What is the model built with?');
    await chat.key('/sc');
    expect(chat.frame()).toMatch(
      /\/scaffold \[option\] \[dir\] \[--force\]\s+generate the starter repository/,
    );
    await chat.key('\t');
    expect(chat.frame().replace(SGR, '')).toMatch(/^› \/scaffold\s*$/m);
  });

  it('lays the ranking out at 60 columns with the reason on its own line', async () => {
    chat = await startChat({ width: 60 });
    await chat.waitForText('What is the model built with?');
    await chat.say(SENTENCE);
    await chat.say('/done');
    await chat.waitForText('That is every question');
    const lines = chat.frame().split('\n');
    const at = lines.findIndex((l) => /^\s+1\s+\S+\s+\d+\s+\$/.test(l));
    expect(lines[at + 1]!.trim().length).toBeGreaterThan(30);
    for (const line of lines) expect(line.replace(SGR, '').length).toBeLessThanOrEqual(60);
  });

  it('draws /chart with a legend line per option and a line style each without colour', async () => {
    chat = await startChat({ color: false });
    await chat.waitForText('What is the model built with?');
    await chat.say('sklearn 20 rps, 250 ms, $800 a month');
    await chat.say('/done');
    await chat.say('/chart');
    await chat.waitForText('Monthly cost against traffic');
    expect(chat.frame()).toMatch(/ {2}A ── \S+\n\s+B ·· \S+\n\s+C \+\+ \S+/);
  });
});

describe('hostile input on screen (issue 14)', () => {
  it('survives pasted colour codes and Ctrl+Tab, and keeps working', async () => {
    chat = await startChat();
    await chat.waitForText('What is the model built with?');
    for (const sequence of [`${ESC}[0m`, `${ESC}[31m`, `${ESC}[1;5I`, `${ESC}]0;pwned\u0007`]) {
      chat.write(sequence);
      await tick();
    }
    chat.write(`sk${ESC}[31mlearn${ESC}[0m`);
    await tick();
    await chat.say('');
    await chat.waitForText('? What is the model built with? sklearn');
    expect(chat.exits).toEqual([]);
  });

  it('cuts a 200 KB paste at once and says so', async () => {
    chat = await startChat();
    await chat.waitForText('What is the model built with?');
    const began = Date.now();
    chat.write('x'.repeat(200_000));
    await chat.waitForText('That paste was longer than 2000 characters');
    expect(Date.now() - began).toBeLessThan(3000);
    await chat.say('');
    await chat.waitForText(/not one I know/);
  });

  it('never echoes BEL, backspace or escape sequences from a pasted line', async () => {
    chat = await startChat();
    await chat.waitForText('What is the model built with?');
    chat.write('why\u0007 not\u0008 lam\u001B[2Jbda\u001B]52;c;AAAA\u0007?\r');
    await chat.waitForText(/why not lambda\?|The ranking needs/);
    expect(chat.frame().replace(SGR, '')).not.toMatch(CONTROL);
  });

  it('no byte sequence crashes the input or puts a control character on screen', async () => {
    chat = await startChat();
    await chat.waitForText('What is the model built with?');
    const piece = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom(
        `${ESC}[0m`,
        `${ESC}[1;5I`,
        `${ESC}[`,
        `${ESC}`,
        '\u009b1m',
        '\u0007',
        '\u0008',
        '\t',
        `${ESC}P`,
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 8 }), async (parts) => {
        // eslint-disable-next-line no-control-regex
        chat!.write(parts.join('').replace(/[\r\n\u0003]/g, ''));
        await tick();
        expect(chat!.frame().replace(SGR, '')).not.toMatch(CONTROL);
      }),
      { numRuns: 40 },
    );
    await waitFor(() => chat!.frame().includes('›'), 'the prompt');
    expect(chat.exits).toEqual([]);
  });
});
