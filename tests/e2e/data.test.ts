/**
 * The data page in the built app: an analyst's CSV is imported in a worker, mapped where the
 * importer could not tell, kept in IndexedDB, fitted in the MMM worker, split and turned into a
 * twin the Lab opens — and no request leaves the origin. A malformed file is refused with a
 * message naming its row and column, and the datasets already kept are untouched.
 */
import { expect, test, type BrowserContext, type Page } from './fixtures';
import { readFileSync } from 'node:fs';

const fixture = (path: string) => readFileSync(new URL(`../fixtures/${path}`, import.meta.url));

/** Fail on page errors and on any request to another origin (data: and blob: URLs are local). */
function watch(context: BrowserContext, page: Page, origin: string) {
	const problems: string[] = [];
	const foreign: string[] = [];
	context.on('request', (request) => {
		const url = new URL(request.url());
		if (url.protocol === 'data:' || url.protocol === 'blob:') return;
		if (url.origin !== origin) foreign.push(request.url());
	});
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin)
			foreign.push(request.url());
	});
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	return { problems, foreign };
}

/** Choose a file in the import drop zone. */
async function upload(page: Page, name: string, buffer: Buffer) {
	await page.getByTestId('data-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

test('maps, keeps and fits a CSV, splits the budget and pilots a twin, all in the browser', async ({
	page,
	context,
	baseURL
}) => {
	test.setTimeout(180_000);
	const origin = new URL(baseURL!).origin;
	const { problems, foreign } = watch(context, page, origin);

	await page.goto('/data');
	await expect(page.getByTestId('privacy')).toContainText('never leaves this browser');

	// A German export with a semicolon, decimal commas and no known convention: the importer
	// guesses, the analyst corrects the KPI and the weather control, and applies the mapping.
	await upload(page, 'manual_semicolon.csv', fixture('csv/manual_semicolon.csv'));
	await expect(page.getByTestId('layout')).toContainText('Not recognised');
	const mapping = page.getByTestId('mapping');
	await expect(mapping).toBeVisible();
	await expect(mapping.locator('tbody tr')).not.toHaveCount(0);
	await mapping.locator('select[data-column="Umsatz"]').selectOption('kpi');
	await mapping.locator('select[data-column="Wetter"]').selectOption('control');
	await mapping.getByRole('button', { name: 'Apply mapping' }).click();
	const ready = page.getByTestId('import-ready');
	await expect(ready).toContainText('KPI “Umsatz” (revenue)');
	await expect(ready).toContainText('2 paid channels (Fernsehen, Radio)');
	await ready.getByRole('button', { name: 'Keep this dataset' }).click();

	// Kept in IndexedDB and open.
	await expect(page.getByTestId('datasets').locator('li')).toHaveCount(1);
	await expect(page.getByTestId('open-dataset')).toContainText('Fernsehen, Radio');

	// Fit in the worker: diagnostics, curves with the operating point, ROAS per channel.
	await page.getByTestId('fit').click();
	const report = page.getByTestId('mmm-report');
	await expect(report).toBeVisible({ timeout: 90_000 });
	const r2 = Number(await report.locator('[data-metric="r2"]').textContent());
	expect(r2).toBeGreaterThan(0);
	expect(r2).toBeLessThanOrEqual(1);
	await expect(report.locator('[data-chart="mmm-curves"] article')).toHaveCount(2);
	await expect(report.locator('[data-chart="mmm-curves"] circle.now')).toHaveCount(2);
	await expect(report.locator('[data-chart="mmm-decomposition"] path.band')).toHaveCount(3);
	await expect(report.locator('[data-chart="mmm-residuals"] circle.dot')).toHaveCount(25);
	await expect(report.locator('[data-chart="mmm-roas"]')).toBeVisible();
	await expect(report.locator('[data-chart="mmm-adstock"] path.lag')).toHaveCount(2);

	// The recommended split spends the same total, with an explanation and the ±20 % scenarios.
	const split = page.getByTestId('split');
	await expect(split.locator('[data-chart="mmm-split"]')).toBeVisible();
	await expect(split.getByTestId('split-explanation')).not.toBeEmpty();
	await expect(split.getByTestId('budget-scenarios').locator('tbody tr')).toHaveCount(3);
	await expect(split.getByTestId('split-headline')).toContainText('Expected change');

	// The budget for a target, found in the worker: an out-of-reach volume is said, and a low
	// return floor holds up to the channel limits, whose budget the split then shows.
	const target = split.getByTestId('split-target');
	await expect(target.getByTestId('target-today')).toContainText(
		/^Today’s split: .+ per week from the media, /
	);
	const before = await split.getByTestId('split-total').inputValue();
	await target.getByTestId('target-kind').selectOption('kpi');
	await target.getByTestId('target-value').fill('1e15');
	await target.getByRole('button', { name: 'Find the budget' }).click();
	await expect(target.getByTestId('target-result')).toContainText(
		'Within the channel limits the curves reach at most'
	);
	await expect(split.getByTestId('split-total')).toHaveValue(before);
	await target.getByTestId('target-kind').selectOption('efficiency');
	await target.getByTestId('target-value').fill('0.001');
	await target.getByRole('button', { name: 'Find the budget' }).click();
	await expect(target.getByTestId('target-result')).toContainText(
		'Even with every channel at its maximum'
	);
	await expect(split.getByTestId('split-total')).not.toHaveValue(before);
	// Every channel at three times today's spend: the split is of three times today's budget.
	const ceiling = Number(await split.getByTestId('split-total').inputValue());
	expect(ceiling / Number(before)).toBeCloseTo(3, 2);
	await expect(split.getByTestId('split-headline')).toContainText('Expected change');

	// The twin: saved as a scenario, what it assumed listed, and the Lab opens it.
	const twin = page.getByTestId('twin');
	await twin.getByRole('button', { name: 'Create twin' }).click();
	await expect(twin.getByTestId('twin-assumed')).toContainText('the data cannot tell');
	const pilot = twin.getByTestId('pilot-twin');
	const href = await pilot.getAttribute('href');
	expect(href).toMatch(/\?scenario=[^&]+$/);
	const scenarioId = new URL(href!, origin).searchParams.get('scenario');
	await pilot.click();
	await expect(page).toHaveURL(/\/\?scenario=[^&]+$/);

	// The Lab preselects the twin; a short pilot on it runs to the end.
	await expect(page.getByTestId('scenario')).toHaveValue(`saved:${scenarioId}`);
	await expect(page.getByTestId('open-error')).toHaveCount(0);
	await page.getByTestId('seeds').fill('2');
	await page.getByTestId('days').fill('30');
	await page.getByTestId('run').click();
	await expect(page.getByTestId('headline')).toContainText('2 of 2 seeds', { timeout: 90_000 });
	await expect(page.getByTestId('fingerprint')).toHaveText(/^[0-9a-f]{16}$/);

	expect(foreign, 'requests to another origin').toEqual([]);
	expect(problems).toEqual([]);
});

test('refuses a malformed CSV with its row and column and keeps the stored datasets', async ({
	page,
	context,
	baseURL
}) => {
	const origin = new URL(baseURL!).origin;
	const { problems, foreign } = watch(context, page, origin);
	await page.goto('/data');

	await upload(page, 'pymc_weekly.csv', fixture('csv/pymc_weekly.csv'));
	await expect(page.getByTestId('layout')).toContainText('PyMC-Marketing');
	await page.getByRole('button', { name: 'Keep this dataset' }).click();
	const list = page.getByTestId('datasets').locator('li');
	await expect(list).toHaveCount(1);

	// Row 4 (the header is row 1) has a word where the spend of x1 should be.
	const lines = fixture('csv/pymc_weekly.csv').toString('utf8').split('\n');
	const cells = lines[3].split(',');
	cells[2] = 'lots';
	lines[3] = cells.join(',');
	await upload(page, 'broken.csv', Buffer.from(lines.join('\n')));
	const errors = page.getByTestId('import-errors');
	await expect(errors).toContainText('Row 4, column “x1”');
	await expect(errors).toContainText('Nothing was saved');
	await expect(page.getByTestId('import-ready')).toHaveCount(0);

	// Google's Meridian example, dropped on the page as it is: recognised and complete.
	const meridian = fixture('reference/meridian_national_all_channels.csv').toString('utf8');
	const dataTransfer = await page.evaluateHandle((text) => {
		const transfer = new DataTransfer();
		transfer.items.add(new File([text], 'meridian.csv', { type: 'text/csv' }));
		return transfer;
	}, meridian);
	await page.getByRole('group', { name: 'Drop a CSV or TSV file here' }).dispatchEvent('drop', {
		dataTransfer
	});
	await expect(page.getByTestId('layout')).toContainText('Meridian');
	await expect(page.getByTestId('import-ready')).toContainText('5 paid channels');
	await expect(page.getByTestId('import-errors')).toHaveCount(0);

	// The kept dataset is still there after a reload, and opens.
	await page.reload();
	await expect(list).toHaveCount(1);
	await expect(list.first()).toContainText('pymc_weekly.csv');
	await list.first().getByRole('button', { name: /^Open/ }).click();
	await expect(page.getByTestId('open-dataset')).toContainText('x1, x2');

	expect(foreign, 'requests to another origin').toEqual([]);
	expect(problems).toEqual([]);
});

test('fits a simulated market and compares every channel with its true ROAS; the dataset downloads as CSV', async ({
	page,
	context,
	baseURL
}) => {
	test.setTimeout(180_000);
	const origin = new URL(baseURL!).origin;
	const { problems, foreign } = watch(context, page, origin);
	await page.goto('/data');

	await page.getByLabel('Seed').fill('3');
	await page.getByRole('button', { name: 'Simulate a market' }).click();
	const ready = page.getByTestId('import-ready');
	await expect(ready).toContainText('104 weeks');
	await expect(ready).toContainText('8 paid channels');
	await ready.getByRole('button', { name: 'Keep this dataset' }).click();
	await expect(page.getByTestId('open-dataset')).toContainText('Connected TV');

	await page.getByTestId('fit').click();
	const report = page.getByTestId('mmm-report');
	await expect(report).toBeVisible({ timeout: 120_000 });
	await expect(report.locator('[data-metric="true-roas"]')).toHaveCount(8);
	// Convergence and residual checks in words: the search, the residuals, the holdout.
	await expect(report.getByTestId('fit-checks').locator('li')).toHaveCount(3);
	await expect(report.locator('[data-check="converged"]')).toContainText('search');
	const check = report.getByTestId('truth-check');
	await expect(check).toContainText('seed 3, 104 weeks');
	const [, recovered, counted] = (await check.textContent())!.match(/(\d+) of (\d+) channels/)!;
	expect(Number(counted)).toBeGreaterThanOrEqual(5);
	expect(Number(recovered)).toBeLessThanOrEqual(Number(counted));

	// A forecast of the next 13 weeks under today's split, with its interval and chart.
	const forecast = page.getByTestId('forecast');
	await forecast.getByTestId('run-forecast').click();
	await expect(forecast.getByTestId('forecast-total')).toContainText('Over the next 13 weeks');
	await expect(forecast.locator('[data-chart="mmm-forecast"] path.band')).toHaveCount(1);

	// Simulated lift tests on the two channels the fit pins least; the refit is pulled to them.
	await page.getByLabel('Calibrate with lift tests').check();
	await page.getByRole('button', { name: 'Add another lift test' }).click();
	const tests = page.getByTestId('lift-test');
	await expect(tests).toHaveCount(2);
	for (const i of [0, 1]) {
		await tests.nth(i).getByTestId('simulate-lift').click();
		await expect(tests.nth(i).getByLabel(/^Incremental/)).not.toHaveValue('');
	}
	await page.getByTestId('fit').click();
	await expect(report.getByText(/^Lift test on /)).toHaveCount(2, { timeout: 120_000 });

	// The kept dataset downloads as a CSV file that names its columns by role.
	const downloading = page.waitForEvent('download');
	await page.getByTestId('datasets').getByRole('button', { name: /^CSV/ }).click();
	const download = await downloading;
	expect(download.suggestedFilename()).toBe('simulated-market-seed-3.csv');
	const text = readFileSync((await download.path())!, 'utf8');
	expect(text.split('\n')[0]).toMatch(/^date,revenue,Brand search spend,Brand search impressions,/);
	expect(text.trim().split('\n')).toHaveLength(105);

	// The split downloads as CSV too: one row per channel, spends that add up to its budget.
	const split = page.getByTestId('split');
	await expect(split.getByTestId('split-headline')).toContainText('Expected change');
	const savingSplit = page.waitForEvent('download');
	await split.getByRole('button', { name: 'Download the split (CSV)' }).click();
	const splitFile = await savingSplit;
	expect(splitFile.suggestedFilename()).toMatch(/^simulated-market-seed-3-split-\d+\.csv$/);
	const rows = readFileSync((await splitFile.path())!, 'utf8')
		.trim()
		.split(/\r?\n/);
	expect(rows[0]).toBe(
		'channel,spend_today,spend_recommended,change,min,max,binding,kpi_today,kpi_recommended,marginal_return_today,marginal_return_recommended'
	);
	expect(rows).toHaveLength(9);
	const budget = Number(splitFile.suggestedFilename().match(/(\d+)\.csv$/)![1]);
	const spent = rows.slice(1).reduce((a, row) => a + Number(row.split(',')[2]), 0);
	expect(spent).toBeCloseTo(budget, -1);

	expect(foreign, 'requests to another origin').toEqual([]);
	expect(problems).toEqual([]);
});
