/**
 * Hostile files on the data page, through its file input: 10 years of daily data × 50
 * channels parse in the import worker without a main-thread task over 100 ms; a UTF-16 file
 * and a Windows-1252 file are decoded (the latter with a note on how to fix it); formula-like
 * cells are refused by row and column, never evaluated, and formula- or HTML-like names stay
 * text. No request leaves the origin.
 */
import { expect, test, type Page } from './fixtures';
import { writeFileSync } from 'node:fs';
import { hugeCsv } from '../../src/cli/bench-import';
import { utf16 } from '../unit/import-fixtures';

declare global {
	interface Window {
		/** Long tasks seen since the page started: [start, duration] in ms. */
		__longTasks: [number, number][];
	}
}

/** Record long tasks from the first script on, and fail on requests to another origin. */
async function watch(page: Page, origin: string) {
	const foreign: string[] = [];
	const problems: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin)
			foreign.push(request.url());
	});
	page.on('pageerror', (error) => problems.push(error.message));
	await page.addInitScript(() => {
		window.__longTasks = [];
		new PerformanceObserver((list) => {
			for (const entry of list.getEntries())
				window.__longTasks.push([entry.startTime, entry.duration]);
		}).observe({ type: 'longtask', buffered: true });
	});
	return { foreign, problems };
}

/** A weekly file of 40 rows, `date,revenue,<a>,<b>`, with cell (file row, column) overridable. */
function weekly(
	a: string,
	b: string,
	edit: (r: number, c: number, cell: string) => string = (_r, _c, cell) => cell
) {
	const rows = Array.from({ length: 40 }, (_, i) => [
		new Date(Date.UTC(2022, 0, 3) + i * 7 * 86_400_000).toISOString().slice(0, 10),
		String(10_000 + ((i * 131) % 977)),
		String(((i * 37) % 97) * 10 + 5),
		String(((i * 53) % 89) * 10 + 7)
	]);
	return [['date', 'revenue', a, b], ...rows]
		.map((row, r) => row.map((cell, c) => edit(r + 1, c, cell)).join(','))
		.join('\n');
}

async function upload(page: Page, name: string, buffer: Buffer) {
	await page.getByTestId('data-file').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

test('parses 10 years of daily data × 50 channels without blocking the page', async ({
	page,
	baseURL
}, testInfo) => {
	test.setTimeout(120_000);
	// Chosen from a file on disk: with a buffer, Playwright's own script decodes 1 MB of base64
	// on the page's main thread (a 150 ms long task that is not the app's).
	const file = testInfo.outputPath('ten-years.csv');
	writeFileSync(file, hugeCsv(3_652, 50));
	const { foreign, problems } = await watch(page, new URL(baseURL!).origin);
	await page.goto('/data');
	await expect(page.getByTestId('privacy')).toBeVisible();
	// Let start-up work settle so only the import is measured.
	await page.waitForTimeout(1_000);
	const start = await page.evaluate(() => performance.now());

	await page.getByTestId('data-file').setInputFiles(file);
	const ready = page.getByTestId('import-ready');
	await expect(ready).toContainText(/Ready: 3[,.\u00a0\u202f]?652\s+days from/, {
		timeout: 60_000
	});
	await expect(ready).toContainText('50 paid channels');
	const longTasks = await page.evaluate(
		(since) => window.__longTasks.filter(([at]) => at >= since),
		start
	);
	console.log(`import-hostile e2e: long tasks during the import: ${JSON.stringify(longTasks)}`);
	expect(longTasks.filter(([, ms]) => ms > 100)).toEqual([]);
	expect(foreign).toEqual([]);
	expect(problems).toEqual([]);
});

test('decodes UTF-16 and Windows-1252 files, and says how to fix the latter', async ({
	page,
	baseURL
}) => {
	const { foreign, problems } = await watch(page, new URL(baseURL!).origin);
	await page.goto('/data');

	const text = weekly('télé_spend', 'recherche_spend');
	await upload(page, 'unicode.csv', Buffer.from(utf16(`\uFEFF${text}`, true)));
	const ready = page.getByTestId('import-ready');
	await expect(ready).toContainText('2 paid channels (télé, recherche)');

	await upload(page, 'latin1.csv', Buffer.from(text, 'latin1'));
	await expect(ready).toContainText('2 paid channels (télé, recherche)');
	await expect(page.getByTestId('import-warnings')).toContainText('not UTF-8');
	await expect(page.getByTestId('import-warnings')).toContainText('CSV UTF-8');
	expect(foreign).toEqual([]);
	expect(problems).toEqual([]);
});

test('never evaluates formula-like cells and shows hostile names as text', async ({
	page,
	baseURL
}) => {
	const { foreign, problems } = await watch(page, new URL(baseURL!).origin);
	await page.goto('/data');
	const dialogs: string[] = [];
	page.on('dialog', (dialog) => {
		dialogs.push(dialog.message());
		void dialog.dismiss();
	});

	const formulas: Record<number, string> = { 6: '=SUM(A1)', 7: '-1+1', 8: '@x', 9: '+cmd' };
	const bad = weekly('tv_spend', 'search_spend', (r, c, cell) => (c === 2 && formulas[r]) || cell);
	await upload(page, 'formulas.csv', Buffer.from(bad));
	const errors = page.getByTestId('import-errors');
	await expect(errors).toContainText(
		'Row 6, column “tv_spend”: “=SUM(A1)” looks like a spreadsheet formula'
	);
	await expect(errors).toContainText('Row 7, column “tv_spend”: “-1+1”');
	await expect(errors).toContainText('never evaluated');
	await expect(page.getByTestId('import-ready')).toHaveCount(0);

	const names = weekly('=HYPERLINK("http://x")_spend', '<img src=x onerror=alert(1)>_spend');
	await upload(
		page,
		'names.csv',
		Buffer.from(names.replace('=HYPERLINK("http://x")_spend', '"=HYPERLINK(""http://x"")_spend"'))
	);
	await expect(page.getByTestId('import-ready')).toContainText(
		'2 paid channels (=HYPERLINK("http://x"), <img src=x onerror=alert(1)>)'
	);
	await expect(page.locator('img[src="x"]')).toHaveCount(0);
	expect(dialogs).toEqual([]);
	expect(foreign).toEqual([]);
	expect(problems).toEqual([]);
});
