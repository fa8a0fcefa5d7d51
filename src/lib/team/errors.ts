import type { MessageKey } from '$lib/i18n/translate';
import { errorCode, errorMessageKey } from '$lib/query/request-error';

/**
 * Team and settings failures the generic messages would explain badly: a status, source or role
 * still in use (foreign key, 23503), the last administrator (check, 23514), leads reassigned to
 * a deactivated member (reassign_leads, PT422).
 */
export function teamErrorKey(error: unknown): MessageKey {
	switch (errorCode(error)) {
		case '23503':
			return 'team.error.inUse';
		case '23514':
		case 'last_administrator':
			return 'team.error.lastAdmin';
		case 'PT404':
			return 'error.notFoundOrHidden';
		case 'PT422':
			return 'team.error.reassignTargetInactive';
		case 'email_exists':
			return 'team.error.emailExists';
		case 'forbidden':
		case 'role_refused':
			return 'error.forbidden';
		default:
			return errorMessageKey(error);
	}
}
