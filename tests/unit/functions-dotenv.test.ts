/** The dotenv format of supabase/functions/.env, as the Supabase CLI (godotenv) reads it. */
import { describe, expect, it } from 'vitest';
import { DotenvError, parseDotenv } from '../../local-supabase/functions/dotenv.ts';

describe('parseDotenv', () => {
	it('reads KEY=value lines, skipping blank lines and comments', () => {
		const text = ['# secrets', '', 'SMTP_HOST=127.0.0.1', '  SMTP_PORT = 54325  ', '#X=1'].join(
			'\n'
		);
		expect(parseDotenv(text)).toEqual({ SMTP_HOST: '127.0.0.1', SMTP_PORT: '54325' });
	});

	it('accepts an export prefix, CRLF line ends and empty values', () => {
		expect(parseDotenv('export A=1\r\nB=\r\n')).toEqual({ A: '1', B: '' });
	});

	it('cuts inline comments from unquoted values only', () => {
		const text = ['A=one # note', 'B="two # kept"', "C='three # kept'", 'D=pass#word'].join('\n');
		expect(parseDotenv(text)).toEqual({
			A: 'one',
			B: 'two # kept',
			C: 'three # kept',
			D: 'pass#word'
		});
	});

	it('expands escapes in double quotes and keeps single quotes literal', () => {
		const text = ['A="line1\\nline2\\t\\"q\\""', "B='no\\nescape'", 'C="x=y"'].join('\n');
		expect(parseDotenv(text)).toEqual({ A: 'line1\nline2\t"q"', B: 'no\\nescape', C: 'x=y' });
	});

	it('reads quoted values over several lines and keeps counting lines after them', () => {
		const text = ['KEY="-----BEGIN-----', 'abc', '-----END-----"', 'NEXT=1', 'oops'].join('\n');
		expect(() => parseDotenv(text)).toThrow(new DotenvError(5, 'expected KEY=value, got "oops"'));
		expect(parseDotenv(text.replace('\noops', ''))).toEqual({
			KEY: '-----BEGIN-----\nabc\n-----END-----',
			NEXT: '1'
		});
	});

	it('reports malformed lines with their line number', () => {
		expect(() => parseDotenv('A=1\nnot a pair')).toThrow(/^line 2: expected KEY=value/);
		expect(() => parseDotenv('1BAD=x')).toThrow(/^line 1: invalid name "1BAD"/);
		expect(() => parseDotenv('A="open')).toThrow(/^line 1: unterminated " quote/);
		expect(() => parseDotenv('A="x" trailing')).toThrow(/^line 1: unexpected text/);
	});

	it('lets a later definition win', () => {
		expect(parseDotenv('A=1\nA=2')).toEqual({ A: '2' });
	});
});
