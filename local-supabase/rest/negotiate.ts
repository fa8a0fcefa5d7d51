/** Request headers that shape the response: Accept (media type) and the schema profile. */
import type { IncomingHttpHeaders } from 'node:http';
import { RestError } from './errors.ts';

export interface MediaChoice {
	/** `application/vnd.pgrst.object+json`: exactly one row, sent as an object. */
	singular: boolean;
	/** `text/csv`: rows as comma-separated values. */
	csv: boolean;
	stripNulls: boolean;
	contentType: string;
}

const supported = new Map<string, boolean>([
	['application/json', false],
	['application/vnd.pgrst.array+json', false],
	['application/vnd.pgrst.object+json', true],
	['application/*', false],
	['text/csv', false],
	['*/*', false]
]);

export function negotiateMedia(accept: string | undefined): MediaChoice {
	const offered = (accept ?? '*/*').split(',').map((entry) => {
		const [type, ...params] = entry.split(';').map((part) => part.trim().toLowerCase());
		return { type, stripNulls: params.includes('nulls=stripped') };
	});
	const chosen = offered.find((entry) => supported.has(entry.type) || entry.type === '');
	if (!chosen) {
		throw new RestError(406, 'PGRST107', `None of these media types are available: ${accept}`);
	}
	const singular = supported.get(chosen.type) === true;
	if (chosen.type === 'text/csv') {
		return {
			singular: false,
			csv: true,
			stripNulls: false,
			contentType: 'text/csv; charset=utf-8'
		};
	}
	const base = singular ? 'application/vnd.pgrst.object+json' : 'application/json';
	return {
		singular,
		csv: false,
		stripNulls: chosen.stripNulls,
		contentType: `${base}${chosen.stripNulls ? ';nulls=stripped' : ''}; charset=utf-8`
	};
}

/** Accept-Profile (reads) / Content-Profile (writes) pick one of the exposed schemas. */
export function chooseSchema(
	method: string,
	headers: IncomingHttpHeaders,
	exposed: string[]
): string {
	const header =
		method === 'GET' || method === 'HEAD' ? headers['accept-profile'] : headers['content-profile'];
	const wanted = Array.isArray(header) ? header[0] : header;
	if (wanted === undefined || wanted === '') return exposed[0];
	if (!exposed.includes(wanted)) {
		throw new RestError(
			406,
			'PGRST106',
			`Invalid schema: ${wanted}`,
			null,
			`Only the following schemas are exposed: ${exposed.join(', ')}`
		);
	}
	return wanted;
}
