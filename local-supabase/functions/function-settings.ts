/**
 * Per-function settings from `supabase/config.toml`, as `supabase functions serve` reads them:
 * `[functions.<name>]` tables with `enabled` and `verify_jwt` (both default true). Only those
 * tables are read, so this is a reader for that part of TOML, not a TOML parser.
 */
import { readFileSync, statSync } from 'node:fs';

export interface FunctionSettings {
	enabled: boolean;
	verifyJwt: boolean;
}

const defaults: FunctionSettings = { enabled: true, verifyJwt: true };

const tableHeader = /^\[\s*([^\]]*?)\s*\]$/;
const functionTable = /^functions\s*\.\s*(?:"([^"]+)"|'([^']+)'|([A-Za-z0-9_-]+))$/;
const booleanEntry = /^(enabled|verify_jwt)\s*=\s*(true|false)$/;

/** Settings of every function that has a `[functions.<name>]` table. */
export function parseFunctionSettings(toml: string): Map<string, FunctionSettings> {
	const settings = new Map<string, FunctionSettings>();
	let current: FunctionSettings | undefined;
	for (const rawLine of toml.split(/\r?\n/)) {
		const line = rawLine.replace(/\s+#.*$/, '').trim();
		if (line === '' || line.startsWith('#')) continue;
		if (line.startsWith('[')) {
			const name = line.startsWith('[[') ? undefined : functionName(line);
			current = name === undefined ? undefined : { ...(settings.get(name) ?? defaults) };
			if (name !== undefined && current) settings.set(name, current);
			continue;
		}
		const entry = current && line.match(booleanEntry);
		if (current && entry) {
			const value = entry[2] === 'true';
			if (entry[1] === 'enabled') current.enabled = value;
			else current.verifyJwt = value;
		}
	}
	return settings;
}

function functionName(headerLine: string): string | undefined {
	const table = headerLine.match(tableHeader)?.[1];
	const match = table?.match(functionTable);
	return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** Reads config.toml again whenever it changes, so edits apply without a restart. */
export function createSettingsReader(
	configPath: string,
	log: (message: string) => void
): (name: string) => FunctionSettings {
	let cached: { mtimeMs: number; settings: Map<string, FunctionSettings> } | undefined;
	return (name) => {
		let mtimeMs: number;
		try {
			mtimeMs = statSync(configPath).mtimeMs;
		} catch {
			return defaults;
		}
		if (cached?.mtimeMs !== mtimeMs) {
			try {
				cached = { mtimeMs, settings: parseFunctionSettings(readFileSync(configPath, 'utf8')) };
			} catch (error) {
				log(`[functions] could not read ${configPath}: ${String(error)}`);
				return defaults;
			}
		}
		return cached.settings.get(name) ?? defaults;
	};
}
