/** The reassignment form's schema and who is told that they have no role yet. */
import { describe, expect, it } from 'vitest';
import { fieldErrors } from '../../src/lib/forms/field-errors.ts';
import { reassignmentSchema } from '../../src/lib/team/lead-reassignment.ts';
import { awaitsRole } from '../../src/lib/team/profile.ts';

const from = '3f0b7c1e-1d5a-4c47-9b5e-2f1a6d9c8e01';
const to = '7a2d4e6f-8b1c-4d3e-a5f7-9c0b1d2e3f40';
const roleId = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';

describe('reassignmentSchema', () => {
	it('accepts two different members', () => {
		expect(reassignmentSchema.parse({ from, to, onlyOpen: true })).toEqual({
			from,
			to,
			onlyOpen: true
		});
	});

	it('asks for another member at the target field when none or the same is chosen', () => {
		for (const target of ['', from]) {
			const parsed = reassignmentSchema.safeParse({ from, to: target, onlyOpen: false });
			expect(parsed.success).toBe(false);
			if (!parsed.success) {
				expect(fieldErrors(parsed.error)).toEqual({ to: 'validation.team.reassignTargetRequired' });
			}
		}
	});
});

describe('awaitsRole', () => {
	it('is true only for a member who is neither administrator nor holds a role', () => {
		expect(awaitsRole({ full_name: 'Rolf', is_admin: false, role_id: null })).toBe(true);
		expect(awaitsRole({ full_name: 'Alex', is_admin: true, role_id: null })).toBe(false);
		expect(awaitsRole({ full_name: 'Max', is_admin: false, role_id: roleId })).toBe(false);
		expect(awaitsRole(null)).toBe(false);
	});
});
