/**
 * Runs in each function's Deno process before its module (`deno run --preload`): when the stack
 * that started the worker is gone (the worker is handed to another parent), even after a kill
 * that left no time to clean up, the worker exits instead of lingering.
 */
const stack = Deno.ppid;
Deno.unrefTimer(
	setInterval(() => {
		if (Deno.ppid !== stack) Deno.exit(0);
	}, 1000)
);
