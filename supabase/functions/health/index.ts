/**
 * Liveness of the edge runtime: public (`verify_jwt = false` in config.toml), reveals nothing.
 * `curl http://127.0.0.1:54321/functions/v1/health` → {"ok":true}
 */
Deno.serve(() => Response.json({ ok: true }));
