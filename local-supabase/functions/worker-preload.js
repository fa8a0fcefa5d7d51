/**
 * Runs in each function's Deno process before its module (`deno run --preload`). The stack keeps
 * the process's stdin open and never writes to it, so end of input means the stack is gone, even
 * when it was killed without cleaning up: the worker then exits instead of lingering.
 */
Deno.stdin.readable.pipeTo(new WritableStream()).finally(() => Deno.exit(0));
