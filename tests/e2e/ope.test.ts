/**
 * The off-policy evaluation page in the built app: generate a log from a simulated run, see all
 * five estimators with intervals and the simulator's true value inside most of them (the same
 * truth the engine computes here in node), download the log, upload a malformed CSV and read
 * the row and column of the problem — with every request staying on the app's origin.
 */
import { expect, test, type BrowserContext, type Page } from './fixtures';
import { OpeSession } from '../../src/lib/experiment/ope/ope-session';

/** The page's default request, evaluated by the engine in node. */
function engineTruth(): number {
	const result = new OpeSession().evaluate(
		{
			kind: 'simulated',
			preset: 'dtc-default',
			seed: 1,
			logging: { kind: 'epsilon-greedy', epsilon: 0.3 }
		},
		{ kind: 'greedy-model' },
		{ seed: 1, replicates: 0 }
	);
	if (!result.ok) throw new Error(result.errors[0].message);
	return result.value.truth!;
}

/** Fail on console errors, page errors and any request that leaves the app's origin. */
function watch(context: BrowserContext, page: Page, origin: string) {
	const problems: string[] = [];
	const foreign: string[] = [];
	context.on('request', (request) => {
		const url = new URL(request.url());
		if (url.protocol !== 'blob:' && url.protocol !== 'data:' && url.origin !== origin) {
			foreign.push(request.url());
		}
	});
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(`console: ${message.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	return { problems, foreign };
}

const ESTIMATORS = ['replay', 'ipw', 'snipw', 'dm', 'dr'];

test('evaluates a target on a simulated log and reports a malformed CSV by row and column', async ({
	page,
	context,
	baseURL
}) => {
	const origin = new URL(baseURL!).origin;
	const { problems, foreign } = watch(context, page, origin);
	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(worker.url()));

	await page.goto('/ope');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'What would a new policy have earned?'
	);
	await page.getByRole('button', { name: 'Generate a log from a simulated run' }).click();

	const table = page.getByTestId('ope-estimates');
	await expect(table.locator('tbody tr')).toHaveCount(5);
	expect(workers.some((url) => url.includes('ope.worker'))).toBe(true);
	await expect(page.getByTestId('log-summary')).toContainText('2,190 decisions, 3 actions');

	// The truth on the page is the engine's.
	const truth = Number(await page.getByTestId('ope-truth').getAttribute('data-value'));
	expect(Math.abs(truth - engineTruth())).toBeLessThanOrEqual(1e-6 * Math.abs(truth));

	let inside = 0;
	for (const estimator of ESTIMATORS) {
		const row = table.locator(`tr[data-estimator="${estimator}"]`);
		const [value, lower, upper] = await Promise.all(
			['data-value', 'data-lower', 'data-upper'].map(async (a) => Number(await row.getAttribute(a)))
		);
		expect(Number.isFinite(lower) && Number.isFinite(upper), estimator).toBe(true);
		expect(lower).toBeLessThanOrEqual(value);
		expect(value).toBeLessThanOrEqual(upper);
		await expect(row.locator('td.interval')).toHaveText(/^[\d,.]+ – [\d,.]+$/);
		if (lower <= truth && truth <= upper) inside++;
		await expect(row.locator('td.covers')).toHaveText(
			lower <= truth && truth <= upper ? 'Yes' : 'No'
		);
	}
	expect(inside, 'intervals containing the truth').toBeGreaterThanOrEqual(4);

	// The chart: one row per estimator with its interval, the truth line, axis with its unit.
	const chart = page.locator('[data-chart="ope-estimates"]');
	await expect(chart.locator('g.row')).toHaveCount(5);
	await expect(chart.locator('line.ci')).toHaveCount(5);
	await expect(chart.locator('line.truth')).toHaveCount(1);
	await expect(chart.locator('.axis-bottom text.title')).toHaveText('Value (clicks per decision)');
	await expect(chart.locator('svg[role="img"]')).toHaveAttribute('aria-label', /True value/);
	await expect(page.getByTestId('ope-diagnostics')).toContainText('Effective sample size');

	// Another target re-evaluates on the same log.
	await page.getByRole('combobox', { name: /^Target policy/ }).selectOption('uniform');
	await expect(page.locator('[data-testid="ope-progress"]')).toHaveCount(0);
	await expect(page.getByTestId('ope-truth')).not.toHaveAttribute('data-value', String(truth));

	// Download the simulated log as CSV.
	const downloadPromise = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download the log as CSV' }).click();
	const download = await downloadPromise;
	expect(download.suggestedFilename()).toBe('decision-log-dtc-default-seed-1.csv');
	const stream = await download.createReadStream();
	let text = '';
	for await (const chunk of stream) text += chunk;
	const lines = text.trim().split('\n');
	expect(lines).toHaveLength(2191);
	expect(lines[0]).toMatch(/,action,reward,propensity$/);

	// A malformed CSV: the message names the row and the column.
	await page.getByText('Upload a CSV').click();
	const bad = [
		'x_age,action,reward,propensity',
		...Array.from({ length: 12 }, (_, i) => `${i},${i % 2},1,${i === 4 ? 'often' : 0.5}`)
	].join('\n');
	await page.getByLabel('Choose a CSV decision log').setInputFiles({
		name: 'bad-log.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(bad)
	});
	const errors = page.getByTestId('ope-errors');
	await expect(errors).toContainText('The log could not be read.');
	await expect(errors).toContainText('Row 6, column “propensity”');
	await expect(table).toHaveCount(0);

	// A good CSV with the target's probabilities: evaluated with the file's target.
	const good = [
		'x_age,action,reward,propensity,pi_0,pi_1',
		...Array.from({ length: 40 }, (_, i) => `${i % 7},${i % 2},${(i * 7) % 5},0.5,0.8,0.2`)
	].join('\n');
	await page.getByLabel('Choose a CSV decision log').setInputFiles({
		name: 'good-log.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(good)
	});
	await expect(table.locator('tbody tr')).toHaveCount(5);
	await expect(page.getByRole('combobox', { name: /^Target policy/ })).toHaveValue('file');
	await expect(page.getByTestId('ope-truth')).toHaveCount(0);

	expect(foreign, 'requests to other origins').toEqual([]);
	expect(problems).toEqual([]);
});
