/**
 * The app's promises about the network and the page: a strict Content-Security-Policy that
 * nothing violates on any page, no request to another origin, and — after one online visit —
 * every page and the simulator work with the network off (service worker).
 */
import { expect, test, type Page } from './fixtures';

const PAGES = [
	'/',
	'/editor',
	'/runs',
	'/report',
	'/market',
	'/data',
	'/ope',
	'/models',
	'/lessons',
	'/lessons/explore-exploit',
	'/experiments'
];

/** Record CSP violations in the page before any script of the app runs. */
async function watchViolations(page: Page) {
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { __violations: string[] }).__violations = seen;
		document.addEventListener('securitypolicyviolation', (event) => {
			seen.push(
				`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
			);
		});
	});
}

const violations = (page: Page) =>
	page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

test('every page carries a strict CSP that nothing violates, and asks only its own origin', async ({
	page,
	baseURL
}) => {
	const origin = new URL(baseURL!).origin;
	const foreign: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.protocol.startsWith('http') && url.origin !== origin) foreign.push(request.url());
	});
	const refused: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy|Refused to/i.test(message.text())) refused.push(message.text());
	});
	await watchViolations(page);
	for (const path of PAGES) {
		await page.goto(path);
		await expect(page.locator('h1').first()).toBeVisible();
		const csp = await page
			.locator('meta[http-equiv="content-security-policy"]')
			.getAttribute('content');
		expect(csp, path).toContain("script-src 'self'");
		expect(csp, path).not.toContain("'unsafe-eval'");
		expect(csp, path).toContain("object-src 'none'");
		await page.waitForTimeout(300);
		expect(await violations(page), path).toEqual([]);
	}
	expect(refused).toEqual([]);
	expect(foreign).toEqual([]);
});

test('after one online visit, the app loads and runs a pilot with the network off', async ({
	page,
	context
}) => {
	test.setTimeout(180_000);
	await page.goto('/');
	// The service worker has installed, cached the app and taken control of the page.
	await expect
		.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), {
			timeout: 30_000
		})
		.toBe(true);
	await context.setOffline(true);
	await page.reload();
	await expect(page.getByRole('button', { name: 'Run pilot' })).toBeVisible({ timeout: 30_000 });
	await page.getByTestId('scenario').selectOption('preset:two-channels');
	await page.getByLabel('Seeds', { exact: true }).fill('2');
	await page.getByRole('button', { name: 'Run pilot' }).click();
	await expect(page.getByTestId('fingerprint')).toBeVisible({ timeout: 90_000 });
	await expect(page.getByTestId('save-status').getByText('Saved in this browser')).toBeVisible({
		timeout: 60_000
	});
	// The run was stored; Runs, a lesson and the market page load from the cache and work.
	await page.goto('/runs');
	await expect(page.getByTestId('run-headline').first()).toBeVisible({ timeout: 30_000 });
	await page.goto('/lessons/last-click');
	await page.getByRole('radio').first().check();
	await page.getByRole('button', { name: 'Reveal the result' }).click();
	await expect(page.getByTestId('lesson-result')).toBeVisible({ timeout: 30_000 });
	await page.goto('/experiments');
	await expect(page.getByTestId('ab-verdict')).toContainText('Stop the test');
	await context.setOffline(false);
});
