/**
 * A problem with what the user gave us (answers, flags, files): exit code 2, one clear message,
 * never a stack trace. Everything else is a bug or an outside failure (exit 1).
 */
export class UserInputError extends Error {
  override readonly name = 'UserInputError';
  constructor(
    message: string,
    /** Each problem on its own line, already naming the field and what is allowed. */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

/** At most this many detail lines are printed (50,000 unknown keys are not 50,000 lines). */
export const MAX_ERROR_DETAILS = 50;
