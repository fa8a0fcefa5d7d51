import { z } from 'zod';
import type { LeadwerkClient } from '$lib/supabase/client';
import type { MessageKey } from '$lib/i18n/translate';
import { locales } from '$lib/i18n/locales';

const message = (key: MessageKey) => ({ error: key });

/** Name and language on the own staff row; mirrors staff_full_name_length, staff_language_known. */
export const profileSchema = z.object({
	full_name: z
		.string()
		.trim()
		.min(1, message('validation.team.nameRequired'))
		.max(200, message('validation.tooLong')),
	language: z.enum(locales)
});

export type Profile = z.infer<typeof profileSchema>;

/** A new password typed twice; stricter than config.toml's minimum_password_length (6). */
export const newPasswordSchema = z
	.object({
		password: z
			.string()
			.min(8, message('validation.team.passwordTooShort'))
			.max(72, message('validation.tooLong')),
		confirmation: z.string()
	})
	.refine((value) => value.password === value.confirmation, {
		path: ['confirmation'],
		error: 'validation.team.passwordMismatch'
	});

export type NewPassword = z.infer<typeof newPasswordSchema>;

/** Avatars live in the `avatars` bucket under the owner's id (storage policies check it). */
export const avatarRules = {
	bucket: 'avatars',
	maxBytes: 2 * 1024 * 1024,
	mimeTypes: ['image/png', 'image/jpeg', 'image/webp']
} as const;

export function avatarObjectPath(staffId: string, file: File): string {
	const extension = file.type.split('/')[1] ?? 'png';
	return `${staffId}/avatar-${Date.now()}.${extension}`;
}

export async function fetchProfile(client: LeadwerkClient, staffId: string) {
	const { data } = await client
		.from('staff')
		.select('full_name, email, language, avatar_path')
		.eq('id', staffId)
		.single()
		.throwOnError();
	return z
		.object({
			full_name: z.string(),
			email: z.string().nullable(),
			language: z.enum(locales),
			avatar_path: z.string().nullable()
		})
		.parse(data);
}

/** What every signed-in page shows of the member (see routes/(app)/+layout.server.ts). */
export const signedInStaffSchema = z.object({
	full_name: z.string(),
	is_admin: z.boolean(),
	role_id: z.guid().nullable()
});

export type SignedInStaff = z.infer<typeof signedInStaffSchema>;

/** The member's own staff row (readable to them even when deactivated); null if there is none. */
export async function fetchSignedInStaff(
	client: LeadwerkClient,
	staffId: string
): Promise<SignedInStaff | null> {
	const { data } = await client
		.from('staff')
		.select('full_name, is_admin, role_id')
		.eq('id', staffId)
		.maybeSingle()
		.throwOnError();
	return signedInStaffSchema.nullable().parse(data);
}

/** A member without a role and without the admin flag sees only what the lead rule gives anyone. */
export function awaitsRole(staff: SignedInStaff | null): boolean {
	return staff !== null && !staff.is_admin && staff.role_id === null;
}

export async function saveProfile(client: LeadwerkClient, staffId: string, profile: Profile) {
	await client
		.from('staff')
		.update(profileSchema.parse(profile))
		.eq('id', staffId)
		.select('id')
		.single()
		.throwOnError();
}

/** Uploads a new avatar and points the staff row at it; the old file is removed afterwards. */
export async function replaceAvatar(
	client: LeadwerkClient,
	staffId: string,
	file: File,
	previousPath: string | null
): Promise<string> {
	const path = avatarObjectPath(staffId, file);
	const storage = client.storage.from(avatarRules.bucket);
	const { error } = await storage.upload(path, file, { contentType: file.type });
	if (error) throw error;
	await client
		.from('staff')
		.update({ avatar_path: path })
		.eq('id', staffId)
		.select('id')
		.single()
		.throwOnError();
	if (previousPath) await storage.remove([previousPath]);
	return path;
}
