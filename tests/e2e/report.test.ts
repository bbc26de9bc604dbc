/**
 * The pilot report (`/report?run=<id>`) against real IndexedDB in Chromium: a real pilot run
 * here in node, written into the app's database in the records `saveRun` writes, then opened as
 * a report — headline with its interval, the three charts, guardrails, reasons, the downloads —
 * and printed to PDF with its charts.
 */
import { expect, test, type Page } from './fixtures';
import { readFile, writeFile } from 'node:fs/promises';
import { formatMoneySigned } from '../../src/lib/charts/format';
import { runPilot } from '../../src/lib/experiment/pilot';
import { parsePilotConfig } from '../../src/lib/experiment/pilot-config';
import { reportFacts } from '../../src/lib/experiment/report-facts';
import { loadPreset } from '../../src/lib/sim/presets';
import { runRecords } from '../../src/lib/storage/run-record';

const scenario = loadPreset('two-channels');
const parsed = parsePilotConfig(
	{
		policies: [{ kind: 'bau-fixed' }, { kind: 'thompson' }],
		seeds: 3,
		days: 40,
		guardrails: { maxShiftPct: 15, minExplorationShare: 0.05 }
	},
	scenario
);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
const config = parsed.value;
const result = runPilot(scenario, config)!;
const records = runRecords(
	{ name: 'Spring pilot', preset: 'two-channels', scenario, config, result },
	'run-report-1',
	1_763_900_000_000
);
const facts = reportFacts(result, config, scenario);
const reportUrl = `/report?run=${records.summary.id}`;

/** Put the run's two records into the app's database (which the app has created). */
async function saveRun(page: Page) {
	await page.evaluate(async ({ summary, data }) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('marginal');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const tx = db.transaction(['runs', 'runData'], 'readwrite');
		tx.objectStore('runData').put(data);
		tx.objectStore('runs').put(summary);
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, records);
}

/** Open the report list on a fresh database (the app creates it), then save the run. */
async function seed(page: Page) {
	await page.goto('/report');
	await expect(page.getByTestId('report-empty')).toBeVisible();
	await saveRun(page);
}

test('without runs the page says how to get one, and an unknown id says what is wrong', async ({
	page
}) => {
	await page.goto('/report');
	await expect(page.getByTestId('report-empty')).toContainText('No saved runs yet');
	await expect(page.getByRole('link', { name: 'Go to the Lab' }).first()).toBeVisible();
	await page.goto('/report?run=nope');
	await expect(page.getByRole('alert')).toContainText('No saved run has this id');
	await page.getByRole('link', { name: 'Choose a saved run' }).click();
	await expect(page.getByTestId('report-empty')).toBeVisible();
});

test('a saved run reports its question, result, charts, guardrails and reasons', async ({
	page
}, info) => {
	await seed(page);
	await page.reload();
	await expect(page.getByTestId('report-run')).toContainText(records.summary.scenarioName);
	await page.screenshot({ path: info.outputPath('report-list.png') });
	await page.getByRole('link', { name: 'Spring pilot' }).click();
	await expect(page).toHaveURL(/\/report\?run=run-report-1$/);

	const report = page.getByTestId('report');
	await expect(report.getByRole('heading', { level: 1 })).toHaveText('Spring pilot');
	await expect(page.getByTestId('report-question')).toContainText(
		'Thompson sampling (Beta–Bernoulli) earn more LTV-profit than BAU: fixed historical split'
	);
	await expect(page.getByTestId('report-question')).toContainText('40 days on 3 seeds');
	await expect(page.getByTestId('report-scenario')).toContainText('2 channels (Search and Social)');

	const d = facts.headline.difference!;
	await expect(page.getByTestId('headline-difference')).toHaveText(
		formatMoneySigned(d.mean, 'USD')
	);
	await expect(page.getByTestId('headline-ci')).toContainText('95 % CI');
	await expect(page.getByTestId('headline-text')).toHaveText(facts.headline.text);

	// The three charts: each an SVG with labelled axes and a caption.
	const figures = report.locator('figure');
	await expect(figures).toHaveCount(3);
	for (const title of [
		'Cumulative LTV-profit vs',
		'Allocation over time',
		'Reported vs true ROAS'
	]) {
		const figure = figures.filter({ hasText: title });
		await expect(figure.locator('svg[data-chart]')).toBeVisible();
		expect(await figure.locator('svg[data-chart] text').count()).toBeGreaterThan(4);
		await expect(figure.locator('figcaption')).not.toBeEmpty();
	}
	await expect(figures.first().locator('svg[data-chart]')).toContainText('$');

	// Guardrails: the configured rules, and Thompson's clips per rule as counted from its log.
	const guardrails = page.getByTestId('report-guardrails');
	await expect(guardrails).toContainText('At most 15 % shift per decision');
	const thompson = facts.guardrails.find((g) => g.id === 'thompson')!;
	const shift = thompson.rules.find((r) => r.rule === 'max-shift')!;
	await expect(guardrails.getByRole('row', { name: /Max shift per decision/ })).toContainText(
		`${shift.clips} clips on ${shift.decisions} of ${thompson.decisions} decisions`
	);

	const reasons = page.getByTestId('report-reasons');
	await expect(reasons.locator('ol li')).toHaveCount(Math.min(4, facts.reasons!.reasons.length));
	await expect(reasons).toContainText('first week → last week');

	// Downloads: results CSV (one row per policy), results JSON and the scenario JSON.
	const csvDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download results CSV' }).click();
	const csvFile = await csvDownload;
	expect(csvFile.suggestedFilename()).toBe('spring-pilot-results.csv');
	const [header, ...rows] = (await readFile((await csvFile.path())!, 'utf8')).trim().split('\n');
	expect(
		header.startsWith('policy,name,baseline,spend,spend_low,spend_high,spend_vs_baseline')
	).toBe(true);
	expect(header).toContain('ltv_profit_vs_baseline_low');
	expect(rows.map((r) => r.split(',')[0])).toEqual(['bau-fixed', 'thompson', 'oracle']);

	const scenarioDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download scenario JSON' }).click();
	const scenarioFile = await (await scenarioDownload).path();
	expect(JSON.parse(await readFile(scenarioFile!, 'utf8'))).toEqual(scenario);

	const jsonDownload = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Download results JSON' }).click();
	const json = JSON.parse(await readFile((await (await jsonDownload).path())!, 'utf8'));
	expect(json.result.policies).toHaveLength(3);

	await page.screenshot({ path: info.outputPath('report-desktop.png'), fullPage: true });
	await page.setViewportSize({ width: 390, height: 844 });
	await expect(figures.first().locator('svg[data-chart]')).toBeVisible();
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
	await page.screenshot({ path: info.outputPath('report-phone.png'), fullPage: true });
});

test('the report prints to PDF with its charts', async ({ page }, info) => {
	await seed(page);
	await page.goto(reportUrl);
	await expect(page.getByTestId('report').locator('figure svg').first()).toBeVisible();

	await page.emulateMedia({ media: 'print' });
	await expect(page.locator('.site-header')).toBeHidden();
	await expect(page.locator('.site-footer')).toBeHidden();
	await expect(page.getByRole('button', { name: 'Print / save as PDF' })).toBeHidden();
	await expect(page.getByRole('button', { name: 'Download SVG' }).first()).toBeHidden();
	// Every chart is drawn and fits the paper's width (A4 less margins ≈ 700 px).
	const charts = page.getByTestId('report').locator('figure svg[data-chart]');
	await expect(charts).toHaveCount(3);
	for (const chart of await charts.all()) {
		await expect(chart).toBeVisible();
		const box = (await chart.boundingBox())!;
		expect(box.width).toBeGreaterThan(200);
		expect(box.width).toBeLessThanOrEqual(720);
		expect(box.height).toBeGreaterThan(80);
	}
	await page.screenshot({ path: info.outputPath('report-print.png'), fullPage: true });

	const pdf = await page.pdf({ format: 'A4', printBackground: true });
	expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
	expect(pdf.length).toBeGreaterThan(20_000);
	await writeFile(info.outputPath('report.pdf'), pdf);
});
