/**
 * The run report (src/lib/app/RunReport.svelte) in real Chromium, through the Lab: a short pilot
 * on the creative-fatigue preset fills every chart (curves and per-day detail from the workers
 * too); each chart has a caption and a drawing; "why spend moved" answers the keyboard;
 * "Download SVG" gives a standalone file with the colours resolved, "Download PNG" a PNG; on a
 * phone nothing overflows the page.
 */
import { expect, test, type Page } from './fixtures';
import { readFile } from 'node:fs/promises';

async function runPilot(page: Page): Promise<void> {
	await page.goto('/');
	await page.getByTestId('scenario').selectOption('preset:creative-fatigue');
	await page.getByTestId('seeds').fill('2');
	await page.getByTestId('days').fill('90');
	await page.getByTestId('run').click();
	const report = page.getByTestId('run-report');
	await expect(report).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('headline')).toContainText('2 of 2 seeds', { timeout: 60_000 });
	// Every chart drawn: nothing is still being computed.
	await expect(report.getByText(/^Computing/)).toHaveCount(0, { timeout: 60_000 });
}

test('the run report draws every chart with a caption, and why spend moved follows the keys', async ({
	page
}) => {
	await runPilot(page);
	const report = page.getByTestId('run-report');
	const figures = report.locator('figure');
	await expect(figures).toHaveCount(8);
	for (const figure of await figures.all()) {
		await expect(figure.locator('figcaption')).not.toBeEmpty();
		// Charts are drawn one per frame after the report mounts: wait for each drawing.
		await expect(figure.locator('svg[data-chart]').first()).toBeAttached();
	}
	await expect(report.getByRole('table').first()).toContainText('Oracle');

	const timeline = report.getByRole('slider', { name: /^Decisions of/ });
	await timeline.focus();
	await page.keyboard.press('Home');
	await expect(report.getByText(/^Decision 1 of \d+/)).toBeVisible();
	await page.keyboard.press('ArrowRight');
	await expect(report.getByText(/^Decision 2 of \d+/)).toBeVisible();
	await expect(timeline).toHaveAttribute('aria-valuenow', '2');
	await page.screenshot({ path: 'test-results/run-report-desktop.png', fullPage: true });
});

test('the per-seed charts show any seed: another seed is run again in a worker', async ({
	page
}) => {
	await runPilot(page);
	const report = page.getByTestId('run-report');
	const why = report.getByRole('figure', { name: 'Why spend moved' });
	const fatigue = report.getByRole('figure', { name: 'Creative fatigue' });
	const cohorts = report.getByRole('figure', { name: 'LTV cohorts' });
	const seed = why.getByLabel('Seed');
	// The chart takes the finished result a moment after the headline does (staged drawing).
	await expect(seed.locator('option')).toHaveCount(2);
	const [first, second] = await seed
		.locator('option')
		.evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value));
	await expect(why.getByText(`Decisions of seed ${first}.`, { exact: false })).toBeVisible();
	await seed.selectOption(second);
	await expect(why.getByText(`Decisions of seed ${second}.`, { exact: false })).toBeVisible({
		timeout: 30_000
	});
	await expect(why.getByRole('slider', { name: /^Decisions of/ })).toBeVisible();
	// One choice for every per-seed chart: their captions, pickers and drawings follow.
	for (const figure of [why, fatigue, cohorts]) {
		await expect(figure.locator('figcaption')).toContainText(`seed ${second}`);
		await expect(figure.getByLabel('Seed')).toHaveValue(second);
		await expect(figure.locator('svg[data-chart]').first()).toBeAttached();
	}
	// Every policy's log and detail of that seed came at once: switching policy runs nothing again.
	await why.getByLabel('Policy').selectOption({ label: 'Oracle (ground truth)' });
	await expect(report.getByText(/^Running seed/)).toHaveCount(0);
	await expect(why.getByText(`Decisions of seed ${second}.`, { exact: false })).toBeVisible();
	await cohorts.getByLabel('Seed').selectOption(first);
	await expect(why.getByText(`Decisions of seed ${first}.`, { exact: false })).toBeVisible();
	await expect(fatigue.locator('figcaption')).toContainText(`seed ${first}`);
});

test('Download SVG saves a standalone file with the chart, its title and legend', async ({
	page
}) => {
	await runPilot(page);
	const figure = page.getByTestId('run-report').locator('figure').first();
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		figure.getByRole('button', { name: 'Download SVG' }).click()
	]);
	expect(download.suggestedFilename()).toMatch(/^marginal-cumulative-ltv-profit.*\.svg$/);
	const svg = await readFile((await download.path())!, 'utf8');
	expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
	expect(svg).toContain('Cumulative LTV-profit');
	expect(svg).toContain('<path');
	// Colours are resolved: the page's CSS variables mean nothing in a file.
	expect(svg).not.toContain('var(--');

	const [png] = await Promise.all([
		page.waitForEvent('download'),
		figure.getByRole('button', { name: 'Download PNG' }).click()
	]);
	expect(png.suggestedFilename()).toMatch(/\.png$/);
	const bytes = await readFile((await png.path())!);
	expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
});

test('on a phone the run report fits the screen width', async ({ page }) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await runPilot(page);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	await page.screenshot({ path: 'test-results/run-report-phone.png', fullPage: true });
});
