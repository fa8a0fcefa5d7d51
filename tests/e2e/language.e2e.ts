/** The UI language: German by default, English when the browser prefers it, switchable. */
import { expect, test } from '@playwright/test';
import { max, signIn } from './sign-in.ts';

test('a German browser gets German', async ({ page }) => {
	await page.goto('/login');
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
});

test('a browser that prefers neither language gets German', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ locale: 'fr-FR' });
	const page = await context.newPage();
	await page.goto(`${baseURL}/login`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
	await expect(page.getByLabel('Passwort')).toBeVisible();
	await context.close();
});

test('an English browser gets English', async ({ browser, baseURL }) => {
	const context = await browser.newContext({ locale: 'en-US' });
	const page = await context.newPage();
	await page.goto(`${baseURL}/login`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
	await expect(page.getByLabel('Password')).toBeVisible();
	await context.close();
});

test('the header switch changes the language and it stays after a reload', async ({ page }) => {
	await signIn(page);
	const language = page.getByRole('group', { name: 'Sprache' });
	await language.getByRole('button', { name: 'English' }).click();

	await expect(page.getByRole('heading', { name: `Welcome, ${max.name}` })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(
		page.getByRole('group', { name: 'Language' }).getByRole('button', { name: 'English' })
	).toHaveAttribute('aria-pressed', 'true');

	await page.reload();
	await expect(page.getByRole('heading', { name: `Welcome, ${max.name}` })).toBeVisible();

	await page
		.getByRole('group', { name: 'Language' })
		.getByRole('button', { name: 'Deutsch' })
		.click();
	await expect(page.getByRole('heading', { name: `Willkommen, ${max.name}` })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'de');
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the switch reloads the same page in the other language', async ({ page }) => {
		await page.goto('/login?redirectTo=%2Fleads');
		await page.getByRole('button', { name: 'English' }).click();
		await expect(page).toHaveURL('/login?redirectTo=%2Fleads');
		await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	});
});
