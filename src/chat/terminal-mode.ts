/**
 * Interactive or not, decided once before anything renders: Ink's raw-mode input needs a TTY on
 * stdin, cursor movement needs one on stdout, and in CI Ink itself holds every frame back until
 * exit (it checks CI and CONTINUOUS_INTEGRATION exactly like this).
 */
export function inCi(env: NodeJS.ProcessEnv): boolean {
  const set = (key: string) => key in env && env[key] !== '0' && env[key] !== 'false';
  return set('CI') || set('CONTINUOUS_INTEGRATION');
}

export function isInteractive(io: {
  stdin: { isTTY?: boolean };
  stdout: { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}): boolean {
  return io.stdin.isTTY === true && io.stdout.isTTY === true && !inCi(io.env);
}

/** Whether to colour: not with NO_COLOR set (https://no-color.org), not on a dumb terminal. */
export function colorAllowed(env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}
