/**
 * The home page of the built app: it runs the default scenario in the simulator worker and
 * draws what the engine computes. Expected numbers come from the engine itself, run here in
 * node with the same preset and seed, through the trace's own helpers (not the app's shaping).
 */
import { expect, test, type BrowserContext, type Locator, type Page } from './fixtures';
import { overlappingLabels } from './chart-labels';
import { formatMoneyShort, formatMoneySigned, formatRatio } from '../../src/lib/charts/format';
import { loadPreset } from '../../src/lib/sim/presets';
import { trueResponse } from '../../src/lib/sim/response';
import { runFixedSplit } from '../../src/lib/sim/run';
import { cellsByChannel, ckByChannel, csByChannel, totalOverDays } from '../../src/lib/sim/trace';

const sum = (values: ArrayLike<number>) => Array.from(values).reduce((a, b) => a + b, 0);

/** The default preset, simulated in node for its year under the fixed split. */
function engine() {
	const scenario = loadPreset('dtc-default');
	const market = runFixedSplit(scenario);
	const trace = market.trace;
	const { C, daysDone: days } = trace;
	const byChannel = (dayMajor: Float64Array) => totalOverDays(dayMajor, C, days);
	const spend = byChannel(cellsByChannel(trace, trace.observables.spend));
	const incRevenue = byChannel(csByChannel(trace, trace.truth.incRevenue));
	const lastClick = byChannel(csByChannel(trace, trace.observables.lastClickRevenue));
	const platform = byChannel(ckByChannel(trace, trace.observables.platformRevenue));
	const margin = byChannel(csByChannel(trace, trace.truth.incLtvMargin));
	// Total platform-reported revenue per day, and its largest 7-day trailing mean.
	const platformByDay = ckByChannel(trace, trace.observables.platformRevenue);
	const platformDaily = Array.from({ length: days }, (_, d) =>
		sum(platformByDay.subarray(d * C, (d + 1) * C))
	);
	let platformPeak = 0;
	for (let d = 0; d < days; d++) {
		const window = platformDaily.slice(Math.max(0, d - 6), d + 1);
		platformPeak = Math.max(platformPeak, sum(window) / window.length);
	}
	return {
		scenario,
		days,
		channelIds: trace.channelIds,
		spend,
		lastClick,
		platform,
		totals: {
			spend: sum(spend),
			incRevenue: sum(incRevenue),
			lastClickRevenue: sum(lastClick),
			platformRevenue: sum(platform),
			ltvProfit: sum(margin) - sum(spend)
		},
		operatingProfit: trace.channelIds.map(
			(_, c) => trueResponse(market, c, spend[c] / days).ltvProfit
		),
		platformPeak
	};
}

const expected = engine();
const currency = expected.scenario.currency;

/**
 * Equal to a millionth: the browser's V8 and node's may differ in the last bits of Math.exp and
 * friends, which the auction and Hill curves amplify to ~1e-8 relative; a wrong number is off by
 * far more.
 */
function expectClose(actual: number, wanted: number, what: string) {
	expect(
		Math.abs(actual - wanted),
		`${what}: page ${actual}, engine ${wanted}`
	).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(wanted)));
}

/** Fail on console errors, page errors and any request that leaves the app's origin. */
function watch(context: BrowserContext, page: Page, origin: string) {
	const problems: string[] = [];
	const foreign: string[] = [];
	context.on('request', (request) => {
		if (new URL(request.url()).origin !== origin) foreign.push(request.url());
	});
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(`console: ${message.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
	return { problems, foreign };
}

async function chartsDrawn(page: Page) {
	await expect(page.locator('[data-chart="daily"] path[data-series="incRevenue"]')).toBeVisible();
	await expect(page.locator('[data-chart="response-curves"] path.curve')).toHaveCount(
		expected.channelIds.length
	);
}

const dataValue = async (locator: Locator) => Number(await locator.getAttribute('data-value'));

test('runs the default scenario in a worker and draws the engine’s numbers', async ({
	page,
	context,
	baseURL
}) => {
	const origin = new URL(baseURL!).origin;
	const { problems, foreign } = watch(context, page, origin);
	const workers: string[] = [];
	page.on('worker', (worker) => workers.push(worker.url()));
	// Record every state of the progress indicator (it may show for only a fraction of a second).
	await page.addInitScript(() => {
		const seen: string[] = [];
		(window as unknown as { progressSeen: string[] }).progressSeen = seen;
		new MutationObserver(() => {
			const text = document.querySelector('[data-testid="progress"] p')?.textContent?.trim();
			if (text && seen.at(-1) !== text) seen.push(text);
		}).observe(document, { subtree: true, childList: true, characterData: true });
	});

	await page.goto('/market');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'What your marketing budget really buys'
	);
	await chartsDrawn(page);
	expect(workers.some((url) => url.includes('sim.worker'))).toBe(true);
	// The worker reported its progress day by day before the charts appeared.
	const progress = await page.evaluate(
		() => (window as unknown as { progressSeen: string[] }).progressSeen
	);
	const days = progress
		.map((text) => new RegExp(`day (\\d+) of ${expected.days}`).exec(text)?.[1])
		.filter((day): day is string => day !== undefined)
		.map(Number);
	expect(days.length, progress.join(' | ')).toBeGreaterThan(3);
	expect(days).toEqual([...days].sort((a, b) => a - b));
	await expect(page.getByTestId('progress')).toHaveCount(0);
	await expect(page.getByTestId('scenario')).toContainText(
		`${expected.days} days from Jan 5, 2026`
	);

	// Headline numbers: exact values in data-value, the same short labels the app writes.
	const headlines = page.locator('.headlines');
	for (const metric of [
		'spend',
		'incRevenue',
		'lastClickRevenue',
		'platformRevenue',
		'ltvProfit'
	] as const) {
		const figure = headlines.locator(`[data-metric="${metric}"]`);
		const wanted = expected.totals[metric];
		expectClose(await dataValue(figure), wanted, `headline ${metric}`);
		const label =
			metric === 'ltvProfit'
				? formatMoneySigned(wanted, currency)
				: formatMoneyShort(wanted, currency);
		await expect(figure).toHaveText(label);
	}

	// Response curves: one panel per channel, each operating point valued on the true curve.
	for (const [c, id] of expected.channelIds.entries()) {
		const panel = page.locator(`[data-chart="response-curves"] [data-channel="${id}"]`);
		const profit = panel.locator('[data-metric="operating-ltv-profit"]');
		expectClose(await dataValue(profit), expected.operatingProfit[c], `${id} operating profit`);
		await expect(profit).toHaveText(formatMoneySigned(expected.operatingProfit[c], currency));
		await expect(panel.locator('circle.operating')).toHaveCount(1);
		const xLabels = await panel.locator('.axis-bottom text').allTextContents();
		expect(xLabels).toContain('$0');
		expect(xLabels).toContain('Spend per day (USD)');
		await expect(panel.locator('.axis-left text.title')).toHaveText('LTV-profit per day');
		expect(await overlappingLabels(panel.locator('.plot svg'))).toEqual([]);
	}

	// Hovering a curve reads out the point under the pointer; leaving restores the operating point.
	const video = page.locator('[data-chart="response-curves"] [data-channel="online-video"]');
	const videoPlot = video.locator('.plot svg');
	const videoBox = (await videoPlot.boundingBox())!;
	await videoPlot.hover({ position: { x: videoBox.width * 0.7, y: videoBox.height * 0.5 } });
	await expect(video.locator('.now')).toHaveText(/^At \$[\d.]+K\/day → [+−]\$[\d.]+K?\/day/);
	await expect(video.locator('circle.cursor')).toHaveCount(1);
	await page.mouse.move(0, 0);
	await expect(video.locator('.now')).toHaveText(/^Now /);

	// Daily chart: the y axis reaches just above the largest 7-day average it plots.
	const daily = page.locator('[data-chart="daily"]');
	const yLabels = await daily.locator('.axis-left g text').allTextContents();
	const top = Math.max(
		...yLabels.map((label) => Number(label.replace(/[$K]/g, '')) * (label.endsWith('K') ? 1e3 : 1))
	);
	expect(top).toBeGreaterThanOrEqual(expected.platformPeak);
	expect(top).toBeLessThan(expected.platformPeak * 1.5);
	await expect(daily.locator('.axis-left text.title')).toHaveText('$ per day (USD)');
	expect(await overlappingLabels(daily.locator('.plot svg'))).toEqual([]);
	await expect(daily.locator('figcaption')).toContainText(
		`last click credited ${formatMoneyShort(expected.totals.lastClickRevenue, currency)}`
	);

	// Choosing a channel redraws the chart and its caption for that channel.
	const before = await daily.locator('path[data-series="lastClickRevenue"]').getAttribute('d');
	await daily.locator('[data-control="channel"]').selectOption({ label: 'Brand search' });
	const brand = expected.channelIds.indexOf('brand-search');
	await expect(daily.locator('figcaption')).toContainText(
		`Brand search: spend ${formatMoneyShort(expected.spend[brand], currency)}`
	);
	await expect(daily.locator('figcaption')).toContainText(
		`last click credited ${formatMoneyShort(expected.lastClick[brand], currency)}`
	);
	expect(await daily.locator('path[data-series="lastClickRevenue"]').getAttribute('d')).not.toBe(
		before
	);

	// Hovering the daily chart shows the day's four values.
	const plot = daily.locator('.plot svg');
	const box = (await plot.boundingBox())!;
	await plot.hover({ position: { x: box.width * 0.6, y: box.height * 0.5 } });
	const tooltip = daily.locator('.tooltip');
	await expect(tooltip).toBeVisible();
	await expect(tooltip.locator('tr')).toHaveCount(4);
	await expect(tooltip).toContainText(/\w{3}, \w{3} \d{1,2}, 2026/);

	// The keyboard moves the same cursor; its text is what a screen reader hears.
	const slider = daily.getByRole('slider');
	await slider.focus();
	await page.keyboard.press('End');
	await expect(slider).toHaveAttribute('aria-valuenow', String(expected.days - 1));
	await expect(slider).toHaveAttribute('aria-valuetext', /^Mon, Jan 4, 2027: Spend \$[\d,]+, /);
	await page.keyboard.press('ArrowLeft');
	await expect(slider).toHaveAttribute('aria-valuetext', /^Sun, Jan 3, 2027: /);

	// The table agrees with the engine per channel and with the headline in total.
	const rows = page.locator('[data-table="channels"] tbody tr');
	await expect(rows).toHaveCount(expected.channelIds.length);
	let tableSpend = 0;
	for (const [c, id] of expected.channelIds.entries()) {
		const row = page.locator(`[data-table="channels"] tr[data-channel="${id}"]`);
		const spend = await dataValue(row.locator('[data-metric="spend"]'));
		expectClose(spend, expected.spend[c], `${id} spend`);
		expectClose(
			await dataValue(row.locator('[data-metric="platformRevenue"]')),
			expected.platform[c],
			`${id} platform revenue`
		);
		tableSpend += spend;
	}
	expectClose(tableSpend, expected.totals.spend, 'table spend total');
	await expect(page.locator('[data-table="channels"] tfoot')).toContainText(
		formatRatio(expected.totals.platformRevenue / expected.totals.incRevenue)
	);

	expect(problems).toEqual([]);
	expect(foreign).toEqual([]);
});

test('reads on a phone: nothing wider than the screen, labels apart', async ({
	page,
	context,
	baseURL
}) => {
	const { problems, foreign } = watch(context, page, new URL(baseURL!).origin);
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto('/market');
	await chartsDrawn(page);
	const widths = await page.evaluate(() => ({
		page: document.documentElement.scrollWidth,
		svgs: [...document.querySelectorAll('main svg')].map((svg) => svg.getBoundingClientRect().right)
	}));
	expect(widths.page).toBeLessThanOrEqual(390);
	for (const right of widths.svgs) expect(right).toBeLessThanOrEqual(390);
	for (const svg of await page.locator('[data-chart] .plot svg').all()) {
		expect(await overlappingLabels(svg)).toEqual([]);
	}
	// A tooltip stays inside its chart wherever the pointer is (it flips past the middle).
	const daily = page.locator('[data-chart="daily"] .plot').first();
	await daily.scrollIntoViewIfNeeded();
	const box = (await daily.boundingBox())!;
	const hit = (await daily.locator('rect.hit').boundingBox())!;
	for (const share of [0.1, 0.45, 0.55, 0.6, 0.9]) {
		await page.mouse.move(hit.x + hit.width * share, hit.y + hit.height / 2);
		const tip = daily.locator('.tooltip');
		await expect(tip).toBeVisible();
		const tipBox = (await tip.boundingBox())!;
		expect(tipBox.x, `tooltip at ${share}`).toBeGreaterThanOrEqual(box.x - 0.5);
		expect(tipBox.x + tipBox.width, `tooltip at ${share}`).toBeLessThanOrEqual(
			box.x + box.width + 0.5
		);
	}
	expect(problems).toEqual([]);
	expect(foreign).toEqual([]);
});
