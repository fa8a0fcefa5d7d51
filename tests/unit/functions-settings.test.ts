/** `[functions.<name>]` tables of supabase/config.toml: enabled and verify_jwt, default true. */
import { describe, expect, it } from 'vitest';
import { parseFunctionSettings } from '../../local-supabase/functions/function-settings.ts';

describe('parseFunctionSettings', () => {
	const toml = [
		'[edge_runtime]',
		'enabled = false',
		'',
		'# public probe',
		'[functions.health]',
		'verify_jwt = false # no JWT needed',
		'',
		'[functions."send-reminders"]',
		'enabled = false',
		'',
		'[ functions.invite-staff ]',
		'verify_jwt = true',
		'import_map = "./import_map.json"',
		'',
		'[functions.health.static]',
		'verify_jwt = true',
		'',
		'[analytics]',
		'verify_jwt = false'
	].join('\n');
	const settings = parseFunctionSettings(toml);

	it('reads verify_jwt and enabled per function, defaulting both to true', () => {
		expect(settings.get('health')).toEqual({ enabled: true, verifyJwt: false });
		expect(settings.get('send-reminders')).toEqual({ enabled: false, verifyJwt: true });
		expect(settings.get('invite-staff')).toEqual({ enabled: true, verifyJwt: true });
	});

	it('ignores other tables, nested tables and functions without a table', () => {
		expect([...settings.keys()].sort()).toEqual(['health', 'invite-staff', 'send-reminders']);
		expect(parseFunctionSettings('verify_jwt = false').size).toBe(0);
	});
});
