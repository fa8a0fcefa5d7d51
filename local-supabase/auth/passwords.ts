/**
 * bcrypt like GoTrue (Go's x/crypto writes `$2a$`, cost 10), so hashes interchange with
 * pgcrypto's `crypt(pw, gen_salt('bf'))` that seed files use, in both directions.
 */
import bcrypt from 'bcryptjs';
import { weakPassword } from './errors.ts';
import { authSettings } from './settings.ts';

const cost = 10;

export async function hashPassword(password: string): Promise<string> {
	// bcryptjs writes the `$2b$` prefix; for passwords under 72 bytes `$2a$` is the same algorithm.
	const salt = (await bcrypt.genSalt(cost)).replace(/^\$2b\$/, '$2a$');
	return bcrypt.hash(password, salt);
}

export async function verifyPassword(password: string, hash: string | null): Promise<boolean> {
	if (!hash || !/^\$2[aby]\$\d\d\$/.test(hash)) return false;
	return bcrypt.compare(password, hash);
}

/** Throws 422 `weak_password` when the password is shorter than `minimum_password_length`. */
export function assertStrongPassword(password: string): void {
	if ([...password].length < authSettings.minimumPasswordLength) {
		throw weakPassword(authSettings.minimumPasswordLength);
	}
}
