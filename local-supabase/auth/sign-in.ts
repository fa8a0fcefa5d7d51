/** Loading a user and starting a session for one who just authenticated. */
import type { PoolClient } from '../db.ts';
import type { ServiceRequest } from '../http.ts';
import { clientInfo, type AuthServices } from './context.ts';
import { userNotFound } from './errors.ts';
import {
	findUserById,
	syncEmailIdentity,
	updateUserColumns,
	type Db,
	type UserRow
} from './users.ts';

export async function loadUser(db: Db, id: string): Promise<UserRow> {
	const user = await findUserById(db, id);
	if (!user) throw userNotFound();
	return user;
}

/** Records the sign-in on the user and its identity, then starts a session (`amr` = `method`). */
export async function signIn(
	db: PoolClient,
	services: AuthServices,
	userId: string,
	method: string,
	request: ServiceRequest
) {
	await updateUserColumns(db, userId, { last_sign_in_at: new Date() });
	await syncEmailIdentity(db, userId, { signedIn: true });
	const user = await loadUser(db, userId);
	return services.sessions.create(db, user, method, clientInfo(request));
}
