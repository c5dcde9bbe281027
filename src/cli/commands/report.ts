import type { Command } from '../io.js';
import { writeLine } from '../io.js';

/** Placeholder until the command lands; says so plainly rather than pretending. */
export const reportCommand: Command = async (_args, io) => {
  writeLine(io.stderr, 'error: `report` is not available in this build yet');
  return 1;
};
