/** Sign-in, sign-out and the guard around the signed-in part of the app. */
import { expect, test } from '@playwright/test';
import { max, signIn, submitSignIn } from './sign-in.ts';

test('signing in shows the staff member in the header and greets them', async ({ page }) => {
	await signIn(page);
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('heading', { name: 'Willkommen, Max Vogel' })).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Hauptnavigation' })).toContainText('Leads');
});

test('a wrong password gets a translated error and keeps the e-mail', async ({ page }) => {
	await page.goto('/login');
	await submitSignIn(page, max.email, 'not-the-password');
	await expect(page.getByRole('alert')).toHaveText('E-Mail oder Passwort ist falsch.');
	await expect(page.getByLabel('E-Mail')).toHaveValue(max.email);
	await expect(page).toHaveURL('/login');
});

test('an invalid e-mail gets a message at the field', async ({ page }) => {
	await page.goto('/login');
	await submitSignIn(page, 'max@', 'leadwerk-demo');
	const email = page.getByLabel('E-Mail');
	await expect(email).toHaveAccessibleDescription('Bitte gib eine gültige E-Mail-Adresse ein.');
	await expect(email).toHaveAttribute('aria-invalid', 'true');
	await expect(email).toHaveValue('max@');
	await expect(page.getByLabel('Passwort')).not.toHaveAttribute('aria-invalid');
});

test('what is typed before the page becomes interactive is kept', async ({ page }) => {
	let releaseScripts = () => {};
	const scriptsHeld = new Promise<void>((resolve) => (releaseScripts = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await scriptsHeld;
		await route.continue();
	});
	await page.goto('/login', { waitUntil: 'domcontentloaded' });
	await page.getByLabel('E-Mail').fill('max@');
	releaseScripts();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('E-Mail')).toHaveValue('max@');
});

test('empty fields each get their own message', async ({ page }) => {
	await page.goto('/login');
	await submitSignIn(page, '', '');
	await expect(page.getByLabel('E-Mail')).toHaveAccessibleDescription(
		'Bitte gib deine E-Mail-Adresse ein.'
	);
	await expect(page.getByLabel('Passwort')).toHaveAccessibleDescription(
		'Bitte gib dein Passwort ein.'
	);
});

test('a signed-out visit is sent to the login and back after signing in', async ({ page }) => {
	await page.goto('/leads');
	await expect(page).toHaveURL('/login?redirectTo=%2Fleads');
	await submitSignIn(page, max.email, max.password);
	await expect(page).toHaveURL('/leads');
	await expect(page.getByRole('heading', { name: 'Leads' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Interessent hinzufügen' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Leads', exact: true })).toHaveAttribute(
		'aria-current',
		'page'
	);
});

test('redirectTo never leads off the site', async ({ page }) => {
	await page.goto('/login?redirectTo=' + encodeURIComponent('//example.com/phish'));
	await submitSignIn(page, max.email, max.password);
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('banner')).toContainText(max.name);
});

test('a signed-in visit to the login goes to the start page', async ({ page }) => {
	await signIn(page);
	await page.goto('/login');
	await expect(page).toHaveURL('/');
});

test('signing out returns to the login and guards the app again', async ({ page }) => {
	await signIn(page);
	await page.getByRole('button', { name: 'Abmelden' }).click();
	await expect(page).toHaveURL('/login');
	await page.goto('/');
	await expect(page).toHaveURL('/login?redirectTo=%2F');
	await expect(page.getByRole('heading', { name: 'Anmelden' })).toBeVisible();
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the login form reports errors and signs in', async ({ page }) => {
		await page.goto('/login?redirectTo=%2Fleads');
		await submitSignIn(page, max.email, 'not-the-password');
		await expect(page.getByRole('alert')).toHaveText('E-Mail oder Passwort ist falsch.');
		await expect(page.getByLabel('E-Mail')).toHaveValue(max.email);
		await page.getByLabel('Passwort').fill(max.password);
		await page.getByRole('button', { name: 'Anmelden' }).click();
		await expect(page).toHaveURL('/leads');
		await expect(page.getByRole('banner')).toContainText(max.name);
	});
});
