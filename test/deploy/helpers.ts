import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { CliIo } from '../../src/io/cli-io.js';
import { FAKE_CREDENTIALS } from '../support/aws-json-server.js';

/** A scaffold directory holding only infra/sagemaker/deploy.json (raw text, or an object as JSON). */
export function scaffoldWith(deployJson: unknown): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'mlda-deploy-'));
  mkdirSync(join(dir, 'infra', 'sagemaker'), { recursive: true });
  const text = typeof deployJson === 'string' ? deployJson : JSON.stringify(deployJson, null, 2);
  writeFileSync(join(dir, 'infra', 'sagemaker', 'deploy.json'), text);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Captured streams for running `main()` in process. */
export function captureIo(env: NodeJS.ProcessEnv = {}, cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  const sink = (into: string[]) =>
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        into.push(chunk.toString());
        callback();
      },
    });
  const io: CliIo = { stdout: sink(out), stderr: sink(err), stdin: new PassThrough(), env, cwd };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

/** Environment for a CLI process talking to the loopback server only: fake keys, no instance metadata. */
export function loopbackEnv(endpoint: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: tmpdir(),
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(tmpdir(), 'mlda-no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(tmpdir(), 'mlda-no-aws-credentials'),
    ML_DEPLOY_ADVISOR_SAGEMAKER_ENDPOINT: endpoint,
  };
}
