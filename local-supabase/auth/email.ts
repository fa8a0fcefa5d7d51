/** E-mail addresses as GoTrue accepts them: trimmed, lower-cased, a plausible address. */
import { validationFailed } from './errors.ts';

const addressPattern =
	/^[a-z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** The normalized address, or 400 `validation_failed` when it is not one. */
export function normalizeEmail(value: unknown): string {
	const email = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (email.length === 0 || email.length > 255 || !addressPattern.test(email)) {
		throw validationFailed('Unable to validate email address: invalid format');
	}
	return email;
}
