/** Every command, in the order the help lists them (main.ts holds what each one does). */
export const COMMAND_NAMES = [
  'chat',
  'recommend',
  'report',
  'scaffold',
  'deploy',
  'cost',
  'pricing',
  'knowledge',
] as const;

export type CommandName = (typeof COMMAND_NAMES)[number];

/**
 * The commands the built CLI runs from dist/fast.js, one file holding all they use (see
 * scripts/build.mjs): they must start within twice the time of an empty Node process, and
 * loading thirty chunks cost more than their own work. The chat, report, scaffold and deploy
 * run from the split bundle, whose chunks only they load.
 */
export const FAST_COMMANDS: readonly string[] = [
  'recommend',
  'knowledge',
  'cost',
  'pricing',
] satisfies CommandName[];
