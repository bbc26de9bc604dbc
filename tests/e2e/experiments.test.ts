import { expect, test } from './fixtures';

test('the A/B tool analyses, the factorial finds the planted best cell, the simulation compares designs', async ({
	page,
	baseURL
}) => {
	const foreign: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.protocol.startsWith('http') && url.origin !== new URL(baseURL!).origin)
			foreign.push(request.url());
	});
	await page.goto('/experiments');
	// Default counts: 480/10,000 vs 545/10,000 → P(B best) ≈ 98.1 % (closed form, unit-tested).
	await expect(page.getByTestId('ab-verdict')).toContainText('Stop the test');
	await expect(page.getByTestId('prob-best').nth(1)).toHaveText('98.1 %');

	// A bad count names the field and does not compute.
	await page.getByLabel('Conversions of A').fill('20000');
	await expect(page.getByRole('alert').first()).toContainText(
		'arms[0] (A).conversions: cannot exceed visitors (10000)'
	);
	await page.getByLabel('Conversions of A').fill('530');
	await page.getByRole('button', { name: 'Analyse' }).first().click();
	await expect(page.getByTestId('ab-verdict')).toContainText('Keep testing');

	const mvt = page.getByRole('region', { name: 'Multivariate test' });
	await mvt.getByRole('button', { name: 'Analyse' }).click();
	await expect(page.getByTestId('mvt-best')).toContainText('Offer · Returning · Buy now');

	const designs = page.getByRole('region', { name: 'Fixed split or Thompson sampling?' });
	await designs.getByLabel('Replications').fill('20');
	await designs.getByRole('button', { name: 'Simulate' }).click();
	const table = page.getByTestId('designs-table');
	await expect(table).toContainText('Thompson sampling');
	await expect(table).toContainText('Fixed split');
	expect(foreign).toEqual([]);
});

test('counts come from a simulated creative test', async ({ page }) => {
	await page.goto('/experiments');
	await page.getByText('Take the counts from a simulated creative test').click();
	await page.getByRole('button', { name: 'Simulate and fill' }).click();
	await expect(page.getByLabel('Visitors of', { exact: false }).first()).not.toHaveValue('10000');
	await expect(page.getByTestId('ab-verdict')).toBeVisible();
});
