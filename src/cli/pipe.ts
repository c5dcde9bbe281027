/**
 * A reader that stops early (`scaffold --dry-run | head`) closes the pipe; the next write fails
 * with EPIPE, which Node raises as an unhandled 'error' event: a stack trace and exit 1. The
 * reader has what it wanted, so the rest of the output is dropped quietly and the command
 * finishes as it would have (a scaffold being written still completes or cleans up).
 */
export function quietOnBrokenPipe(stream: NodeJS.WriteStream): void {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    // EIO: the terminal went away (SIGHUP); the same: nobody is reading.
    if (error.code !== 'EPIPE' && error.code !== 'EIO') throw error;
    // Later writes go nowhere instead of raising again.
    stream.write = (() => true) as typeof stream.write;
  });
}
