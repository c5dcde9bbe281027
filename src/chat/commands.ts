/**
 * The chat's slash commands: one table for /help, the `/` menu under the prompt, and "did you
 * mean" on a typo.
 */
export interface SlashCommand {
  name: string;
  args: string;
  text: string;
  /** Other spellings that run it. */
  aliases?: readonly string[];
}

export const COMMANDS: readonly SlashCommand[] = [
  { name: 'help', args: '', text: 'what you can ask and type', aliases: ['h', '?'] },
  { name: 'ranking', args: '', text: 'the full ranking table', aliases: ['rank'] },
  { name: 'why', args: '[option|#N]', text: 'why an option ranks where it does' },
  { name: 'whynot', args: 'OPTION', text: 'what counts against an option' },
  { name: 'compare', args: '[A B]', text: 'two options side by side (default: the top two)' },
  { name: 'cheapest', args: '', text: 'the cheapest option that works' },
  { name: 'cost', args: '[option|#N]', text: 'the modelled bill, line by line' },
  { name: 'chart', args: '', text: 'monthly cost against traffic for the leading options' },
  {
    name: 'whatif',
    args: 'ANSWER VALUE',
    text: 'try one change from your answers (a sandbox)',
    aliases: ['what-if'],
  },
  { name: 'keep', args: '', text: 'apply the last what-if to your answers' },
  { name: 'answers', args: '', text: 'what you have answered so far' },
  { name: 'save', args: '[file.yaml|file.json]', text: 'save the answers (YAML or JSON by extension)' },
  { name: 'report', args: '[file.md|file.html]', text: 'write the recommendation report' },
  { name: 'scaffold', args: '[option] [dir] [--force]', text: 'generate the starter repository' },
  { name: 'back', args: '', text: 'the previous question, or undo the last change', aliases: ['undo'] },
  { name: 'done', args: '', text: 'skip the remaining questions (defaults apply)', aliases: ['skip'] },
  { name: 'quit', args: '', text: 'leave (Ctrl+C twice works too)', aliases: ['exit', 'q'] },
];

/** Every spelling of every command, without the slash. */
export const COMMAND_WORDS: readonly string[] = COMMANDS.flatMap((c) => [c.name, ...(c.aliases ?? [])]);

/** The commands whose name starts with what is typed after the slash (the `/` menu). */
export function commandsMatching(typed: string): SlashCommand[] {
  const t = typed.replace(/^\//, '').toLowerCase();
  if (/\s/.test(t)) return [];
  return COMMANDS.filter((c) => c.name.startsWith(t) || (c.aliases ?? []).some((a) => a.startsWith(t) && t));
}
