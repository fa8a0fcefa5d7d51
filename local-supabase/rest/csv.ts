/** `Accept: text/csv` (supabase-js `.csv()`): the JSON rows as a header line plus one line per row. */

function csvField(value: unknown): string {
	if (value === null || value === undefined) return '';
	const text = typeof value === 'object' ? JSON.stringify(value) : String(value);
	return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function jsonRowsToCsv(json: string): string {
	const parsed: unknown = JSON.parse(json);
	const rows = (Array.isArray(parsed) ? parsed : [parsed]) as Record<string, unknown>[];
	if (rows.length === 0) return '';
	const columns = Object.keys(rows[0]);
	const lines = [columns.map(csvField).join(',')];
	for (const row of rows) lines.push(columns.map((column) => csvField(row[column])).join(','));
	return lines.join('\n');
}
