import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startChat, tick, waitFor, type Chat } from './chat-harness.js';

let chat: Chat | undefined;
afterEach(() => chat?.unmount());

/** The last ranking table row for one option: "  3  lambda   60   $18  ...". */
function row(frame: string, option: string): string {
  const line = frame
    .split('\n')
    .filter((l) => new RegExp(`^\\s*(\\d+|-)\\s+${option}\\s`).test(l))
    .at(-1);
  if (!line) throw new Error(`no ranking row for ${option} in:\n${frame}`);
  return line;
}

async function ranked(): Promise<Chat> {
  const c = await startChat();
  await c.waitForText('What is the model built with?');
  for (const text of ['sklearn', '', '', '20 requests per second', '', '250 ms', '$800 per month'])
    await c.say(text);
  return c;
}

describe('the chat, typed as a person would', () => {
  it('reaches a ranking with monthly costs in under 15 turns from plain answers', async () => {
    chat = await startChat();
    await chat.waitForText('What is the model built with?');
    await waitFor(
      () =>
        /Prices: snapshot of \d{4}-\d{2}-\d{2}, us-east-1\. The ranking appears once the framework, request rate, p95 latency and monthly budget are answered\./.test(
          chat!.frame().replace(/\s+/g, ' '),
        ),
      'the price source before the ranking',
    );
    let turns = 0;
    for (const text of ['sklearn', '', '', '20 requests per second', '', '250 ms', '$800 per month']) {
      await chat.say(text);
      turns++;
    }
    await chat.waitForText(/Ranking: 1 \S+ \$\d/);
    while (!chat.frame().includes('That is every question')) {
      if (turns > 20) throw new Error(chat.frame());
      await chat.say('');
      turns++;
    }
    expect(turns).toBeLessThan(15);
    const frame = chat.frame();
    // Every option is listed with a monthly cost; infeasible ones show their blocker.
    for (const option of ['ecs-fargate', 'lambda', 'sagemaker-serverless', 'on-prem'])
      expect(row(frame, option)).toMatch(/\$[\d,]+/);
    expect(row(frame, 'on-prem')).toMatch(/\s-\s/);
    expect(frame).toContain('? What is the model built with? sklearn');
    expect(frame).toContain('? What p95 latency must a request meet? 250 ms');
  });

  it('answers "why not lambda?" from the rules', async () => {
    chat = await ranked();
    await chat.say('why not lambda?');
    await chat.waitForText(/AWS Lambda ranks #\d with score \d+/);
    const frame = chat.frame();
    expect(frame).toContain('The rules that count against it:');
    expect(frame).toMatch(/A steady 20 requests\/s keeps instances busy/);
  });

  it('gives a reason for a bad answer and asks the question again', async () => {
    chat = await startChat();
    await chat.waitForText('What is the model built with?');
    await chat.say('cobol');
    expect(chat.frame()).toMatch(/"cobol" is not one I know; choose one of pytorch/);
    expect(chat.frame().split('\n').slice(-12).join('\n')).toContain('What is the model built with?');
    await chat.say('sklearn');
    await chat.say('');
    await chat.say('');
    await chat.say('lots');
    expect(chat.frame()).toMatch(/"lots" is not a request rate; try "20 rps"/);
    expect(chat.frame()).toMatch(/\? How many requests, on average over the month\?\n/);
  });

  it('picks a choice with the arrow keys', async () => {
    chat = await startChat();
    await chat.waitForText('What is the model built with?');
    await chat.key('\u001B[B'); // down: pytorch
    await chat.key('\u001B[B'); // down: tensorflow
    expect(chat.frame()).toMatch(/❯ tensorflow/);
    await chat.say('');
    expect(chat.frame()).toContain('? What is the model built with? tensorflow');
  });

  it('recalls earlier lines with the up arrow', async () => {
    chat = await ranked();
    await chat.say('/done');
    await chat.waitForText('That is every question');
    await chat.say('cheapest');
    await chat.waitForText('Cheapest that works');
    const input = () =>
      chat!
        .frame()
        .split('\n')
        .filter((l) => l.startsWith('›'))
        .at(-1)!
        .replace(/Ask a follow-up.*$/, '')
        .trim();
    expect(input()).toBe('›');
    await chat.key('\u001B[A');
    expect(input()).toBe('› cheapest');
    await chat.key('\u001B[A');
    expect(input()).toBe('› /done');
    await chat.key('\u001B[B');
    expect(input()).toBe('› cheapest');
  });

  it('re-ranks on screen after an answer edit', async () => {
    chat = await ranked();
    await chat.say('/done');
    await chat.waitForText('That is every question');
    const before = row(chat.frame(), 'ecs-fargate');
    await chat.say('gpu is required');
    await waitFor(() => chat!.frame().includes('Changed: GPU none → required'), 'the edit');
    const frame = chat.frame();
    expect(frame).toMatch(/lambda .*now blocked/);
    await chat.say('/ranking');
    await waitFor(() => row(chat!.frame(), 'lambda').includes(' - '), 'lambda blocked in the ranking');
    expect(row(chat.frame(), 'ecs-fargate')).not.toEqual(before);
  });

  it('shows a what-if as a sandbox, then keeps it, and /back undoes it', async () => {
    chat = await ranked();
    await chat.say('what if traffic is 10x');
    await chat.waitForText('What if: request rate 20 requests/s → 200 requests/s');
    expect(chat.frame()).toMatch(/lambda\s+#\d+ → #\d+\s+\$\d+ → \$\d+/);
    expect(chat.frame()).toContain('earlier what-ifs are not included');
    await chat.say('keep');
    await chat.waitForText('Kept: request rate 20 requests/s → 200 requests/s');
    await chat.say('/back');
    await chat.waitForText(/Undone: the answers before/);
  });

  it('compares two options', async () => {
    chat = await ranked();
    const frame = await chat.say('compare lambda and fargate');
    expect(frame).toMatch(/lambda\s+ecs-fargate/);
    expect(frame).toMatch(/monthly\s+\$\d+\s+\$\d+/);
    expect(frame).toContain('Operations:');
  });

  it('answers every follow-up, with display names and no dead ends', async () => {
    chat = await ranked();
    await chat.say('/done');
    await chat.waitForText('That is every question');
    const asks: [string, RegExp][] = [
      ['/help', /\/scaffold \[option\] \[dir\] \[--force\]/],
      ['why ecs-fargate?', /Amazon ECS on AWS Fargate: #\d of 10/],
      ['/why', /#1 of 10, score/],
      ['cheapest', /Cheapest that works:/],
      ['/cost lambda', /AWS Lambda: \$[\d.]+\/month \(modelled, snapshot prices/],
      ['/chart', /Monthly cost against traffic \(modelled\):/],
      ['/compare', /ranks higher\./],
      ['/whatif budget $30', /What if: monthly budget \$800\/month → \$30\/month/],
      ['budget is $900', /Changed: monthly budget \$800\/month → \$900\/month/],
      ['/ranking', /#\s+option\s+score\s+monthly\s+why/],
      ['/report', /Wrote the report to RECOMMENDATION\.md \(Markdown\)/],
      ['/report', /RECOMMENDATION\.md exists\. Overwrite it\? \(y\/N, or type another file name\)/],
      [
        'y',
        /Wrote the report to RECOMMENDATION\.md \(Markdown\)[\s\S]*Wrote the report to RECOMMENDATION\.md/,
      ],
      ['/report r.html', /Wrote the report to r\.html \(HTML\)[\s\S]*Next:[\s\S]*\/scaffold /],
      ['/frobnicate', /unknown command \/frobnicate/],
      ['/sav', /unknown command \/sav; did you mean \/save\?/],
      ['tell me a joke', /I did not understand "tell me a joke"/],
    ];
    for (const [text, expected] of asks) {
      await chat.say(text);
      await chat.waitForText(expected);
    }
    expect(chat.frame()).not.toMatch(/monthlyBudgetUsd|requestsPerSecond|latencyP95Ms/);
    expect(readFileSync(join(chat.cwd, 'RECOMMENDATION.md'), 'utf8')).toMatch(/^# /m);
    expect(readFileSync(join(chat.cwd, 'r.html'), 'utf8')).toMatch(/<html/i);
    await chat.say('/quit');
    await waitFor(() => chat!.exits.length > 0, 'the chat to quit');
    expect(chat.exits).toEqual([0]);
  });

  it('/save writes the answers file and asks before overwriting it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-save-'));
    chat = await startChat({ cwd: dir });
    await chat.waitForText('What is the model built with?');
    for (const text of ['sklearn', '', '', '20 requests per second', '', '250 ms', '$800 per month'])
      await chat.say(text);
    await chat.say('/save answers.yaml');
    await chat.waitForText('Saved the answers to answers.yaml');
    expect(parse(readFileSync(join(dir, 'answers.yaml'), 'utf8'))).toEqual({
      framework: 'sklearn',
      gpu: 'none',
      requestsPerSecond: 20,
      latencyP95Ms: 250,
      monthlyBudgetUsd: 800,
    });
    writeFileSync(join(dir, 'a.json'), 'keep me');
    await chat.say('/save a.json');
    await chat.waitForText('a.json exists. Overwrite it? (y/N, or type another file name)');
    await chat.say('');
    await chat.waitForText('Nothing written; a.json is unchanged.');
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe('keep me');
    await chat.say('/save a.json');
    await waitFor(
      () => chat!.frame().split('a.json exists. Overwrite it?').length > 3,
      'the second question',
    );
    await chat.say('y');
    await chat.waitForText('Saved the answers to a.json');
    expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'))).toMatchObject({ framework: 'sklearn' });
  });

  it('opens on the ranking with preloaded answers', async () => {
    chat = await startChat({
      draft: { framework: 'xgboost', requestsPerSecond: 5, latencyP95Ms: 100, monthlyBudgetUsd: 200 },
    });
    await chat.waitForText('Loaded the answers from answers.yaml');
    await chat.waitForText('Ask a follow-up');
    await chat.waitForText(/Ranking: 1 \S+ \$\d/);
  });

  it('says what it is loading while prices are fetched, and still asks the first question', async () => {
    chat = await startChat({
      advisor: (_signal, onStatus) => {
        onStatus('Fetching live prices for us-east-1 from the AWS Price List API…');
        return new Promise(() => undefined);
      },
    });
    await chat.waitForText('Fetching live prices for us-east-1 from the AWS Price List API…');
    expect(chat.frame()).toContain('What is the model built with?');
    await chat.say('sklearn');
    expect(chat.frame()).toContain('? What is the model built with? sklearn');
  });

  it('/scaffold writes the starter repository for the leader into a new folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chat-scaffold-'));
    chat = await startChat({ cwd: dir });
    await chat.waitForText('What is the model built with?');
    for (const text of ['sklearn', '', '', '20 requests per second', '', '250 ms', '$800 per month', '/done'])
      await chat.say(text);
    await chat.say('/scaffold sagemaker-serverless svc');
    await chat.waitForText(/Wrote the sagemaker-serverless starter repository \(\d+ files\) to svc/);
    expect(readFileSync(join(dir, 'svc', 'README.md'), 'utf8').length).toBeGreaterThan(100);
    expect(chat.frame()).toMatch(
      /Next:\n\s+cd svc\n\s+python3 -m pip install -r requirements-dev\.txt\n\s+make test\n\s+make run/,
    );
    await chat.say('/scaffold sagemaker-serverless svc');
    await chat.waitForText(
      /svc is not empty \(.*\)\. Write into it, replacing files of the same name\? \(y\/N, or type another folder\)/,
    );
    await chat.say('svc2');
    await chat.waitForText(/starter repository \(\d+ files\) to svc2/);
    await chat.say('/scaffold --force');
    await chat.waitForText(/starter repository \(\d+ files\) to ml-model-/);
    expect(existsSync(join(dir, '--force'))).toBe(false);
    await chat.say('/scaffold sagemaker-serverless svc --force');
    await chat.waitForText(/Replaced \d+ file\(s\) that were there/);
  });

  it('Ctrl+C clears the line first, then leaves with 130, offering /save', async () => {
    chat = await startChat();
    await chat.waitForText('What is the model built with?');
    await chat.say('sklearn');
    await chat.key('half typed');
    await chat.key('\u0003');
    expect(chat.frame()).toMatch(
      /Press Ctrl\+C again to leave\. Your answers are not saved: \/save keeps them/,
    );
    expect(chat.frame()).not.toContain('› half typed');
    expect(chat.exits).toEqual([]);
    chat.write('\u0003');
    await waitFor(() => chat!.exits.length > 0, 'the exit');
    expect(chat.exits).toEqual([130]);
  });

  it('leaves on two Ctrl+C that arrive in one read', async () => {
    chat = await startChat({ advisor: () => new Promise(() => undefined) });
    await chat.waitForText('Loading the rules base and prices…');
    await tick();
    const start = Date.now();
    chat.write('\u0003\u0003');
    await waitFor(() => chat!.exits.length > 0, 'the exit', 1000);
    expect(chat.exits).toEqual([130]);
    expect(Date.now() - start).toBeLessThan(1000);
  });
});
