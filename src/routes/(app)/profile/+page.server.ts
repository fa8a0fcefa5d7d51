import { fail } from '@sveltejs/kit';
import { fieldErrors } from '$lib/forms/field-errors';
import { localeCookieName } from '$lib/i18n/locales';
import { fetchProfile, newPasswordSchema, profileSchema, saveProfile } from '$lib/team/profile';
import type { Actions, PageServerLoad } from './$types';

const oneYearInSeconds = 60 * 60 * 24 * 365;

export const load: PageServerLoad = async ({ locals, parent }) => {
	const { user } = await parent();
	const profile = await fetchProfile(locals.supabase, user.id);
	const avatarUrl = profile.avatar_path
		? (await locals.supabase.storage.from('avatars').createSignedUrl(profile.avatar_path, 3600))
				.data?.signedUrl
		: undefined;
	return { profile, avatarUrl: avatarUrl ?? null };
};

export const actions: Actions = {
	profile: async ({ request, locals, cookies }) => {
		const { user } = await locals.safeGetSession();
		if (!user) return fail(401, { profileError: 'error.forbidden' as const });
		const form = Object.fromEntries(await request.formData());
		const parsed = profileSchema.safeParse(form);
		if (!parsed.success) {
			return fail(400, { profileErrors: fieldErrors(parsed.error), fullName: form.full_name });
		}
		await saveProfile(locals.supabase, user.id, parsed.data);
		// The UI language follows the stored one from now on.
		cookies.set(localeCookieName, parsed.data.language, {
			path: '/',
			maxAge: oneYearInSeconds,
			sameSite: 'lax',
			httpOnly: true
		});
		return { profileSaved: true };
	},
	password: async ({ request, locals }) => {
		const form = Object.fromEntries(await request.formData());
		const parsed = newPasswordSchema.safeParse(form);
		if (!parsed.success) return fail(400, { passwordErrors: fieldErrors(parsed.error) });
		const { error } = await locals.supabase.auth.updateUser({ password: parsed.data.password });
		if (error) return fail(400, { passwordError: 'error.unexpected' as const });
		return { passwordSaved: true };
	}
};
