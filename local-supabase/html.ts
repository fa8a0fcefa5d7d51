/** Escaping for the few HTML pages and mails the stack renders itself. */
const htmlEntities: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => htmlEntities[char]);
