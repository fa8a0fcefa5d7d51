/**
 * The dotenv format of `supabase/functions/.env`, as the CLI reads it (godotenv): `KEY=value`
 * lines, an optional `export ` prefix, `#` comments, single quotes literal, double quotes with
 * escapes and line breaks. Variable expansion (`${OTHER}`) is not supported.
 */

export class DotenvError extends Error {
	constructor(
		readonly line: number,
		message: string
	) {
		super(`line ${line}: ${message}`);
	}
}

const keyPattern = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const doubleQuoteEscapes: Record<string, string> = {
	n: '\n',
	r: '\r',
	t: '\t',
	'"': '"',
	'\\': '\\'
};

export function parseDotenv(text: string): Record<string, string> {
	const values: Record<string, string> = {};
	const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
	let position = 0;
	let line = 1;

	while (position < source.length) {
		const lineEnd = endOfLine(source, position);
		const statement = source.slice(position, lineEnd).trim();
		const startLine = line;
		if (statement === '' || statement.startsWith('#')) {
			position = lineEnd + 1;
			line += 1;
			continue;
		}
		const assignment = statement.replace(/^export\s+/, '');
		const equals = assignment.indexOf('=');
		if (equals < 0) throw new DotenvError(startLine, `expected KEY=value, got "${statement}"`);
		const key = assignment.slice(0, equals).trim();
		if (!keyPattern.test(key)) throw new DotenvError(startLine, `invalid name "${key}"`);

		// The value starts after `=` on the original line; quoted values may run over lines.
		const valueStart = source.indexOf('=', position) + 1;
		const rest = source.slice(valueStart).replace(/^[ \t]+/, '');
		const restStart = source.length - rest.length;
		const quote = rest[0];
		if (quote === '"' || quote === "'") {
			const { value, end } = readQuoted(source, restStart, quote, startLine);
			values[key] = value;
			const trailing = source.slice(end, endOfLine(source, end)).trim();
			if (trailing !== '' && !trailing.startsWith('#')) {
				throw new DotenvError(startLine, `unexpected text after the closing quote of ${key}`);
			}
			line += countNewlines(source, position, end);
			position = endOfLine(source, end) + 1;
		} else {
			values[key] = rest
				.slice(0, endOfLine(rest, 0))
				.replace(/\s+#.*$/, '')
				.trim();
			position = lineEnd + 1;
		}
		line += 1;
	}
	return values;
}

function endOfLine(text: string, from: number): number {
	const index = text.indexOf('\n', from);
	return index < 0 ? text.length : index;
}

function countNewlines(text: string, from: number, to: number): number {
	let count = 0;
	for (let index = from; index < to; index += 1) if (text[index] === '\n') count += 1;
	return count;
}

/** Reads a quoted value starting at the opening quote; `end` is just past the closing quote. */
function readQuoted(
	text: string,
	openAt: number,
	quote: '"' | "'",
	line: number
): { value: string; end: number } {
	let value = '';
	for (let index = openAt + 1; index < text.length; index += 1) {
		const char = text[index];
		if (char === quote) return { value, end: index + 1 };
		if (quote === '"' && char === '\\' && index + 1 < text.length) {
			const next = text[index + 1];
			value += doubleQuoteEscapes[next] ?? `\\${next}`;
			index += 1;
		} else {
			value += char;
		}
	}
	throw new DotenvError(line, `unterminated ${quote} quote`);
}
