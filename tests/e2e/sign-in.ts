import { expect, type Page } from '@playwright/test';

/** A demo staff member from supabase/seed.sql (design.md §10). */
export const max = { email: 'max@leadwerk.test', password: 'leadwerk-demo', name: 'Max Vogel' };

/** Fills the German sign-in form on the current page and submits it. */
export async function submitSignIn(page: Page, email: string, password: string) {
	await page.getByLabel('E-Mail').fill(email);
	await page.getByLabel('Passwort').fill(password);
	await page.getByRole('button', { name: 'Anmelden' }).click();
}

/** Signs Max in from the login page and waits until the app shows him. */
export async function signIn(page: Page) {
	await page.goto('/login');
	await submitSignIn(page, max.email, max.password);
	await expect(page.getByRole('banner')).toContainText(max.name);
}
