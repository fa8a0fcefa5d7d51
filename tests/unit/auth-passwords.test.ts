import { describe, expect, it } from 'vitest';
import {
	assertStrongPassword,
	hashPassword,
	verifyPassword
} from '../../local-supabase/auth/passwords.ts';

// pgcrypto: select crypt('leadwerk-demo', gen_salt('bf')), as seed files write passwords.
const pgcryptoHash = '$2a$06$yaZPk8eDopfoEEHsFcXrZ./iIw7KWwBkEFC3Sm9MJs6TPmVHq2WSG';

describe('passwords', () => {
	it('hash as $2a$ bcrypt with cost 10, like GoTrue', async () => {
		const hash = await hashPassword('leadwerk-demo');
		expect(hash).toMatch(/^\$2a\$10\$[./A-Za-z0-9]{53}$/);
		expect(await verifyPassword('leadwerk-demo', hash)).toBe(true);
		expect(await verifyPassword('leadwerk-dem0', hash)).toBe(false);
	});

	it('verify hashes written by pgcrypto crypt()', async () => {
		expect(await verifyPassword('leadwerk-demo', pgcryptoHash)).toBe(true);
		expect(await verifyPassword('wrong', pgcryptoHash)).toBe(false);
	});

	it('never match an empty or foreign hash', async () => {
		expect(await verifyPassword('', '')).toBe(false);
		expect(await verifyPassword('x', null)).toBe(false);
		expect(await verifyPassword('x', 'plain-text')).toBe(false);
	});

	it('must have at least six characters', () => {
		expect(() => assertStrongPassword('12345')).toThrow(/at least 6 characters/);
		expect(() => assertStrongPassword('123456')).not.toThrow();
	});
});
