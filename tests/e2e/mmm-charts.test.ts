/**
 * The data page's MMM time charts (where the KPI comes from, residuals, forecast) on Meta's Robyn
 * example: each is a keyboard slider over its periods that names the chosen week and shows its
 * tooltip, and no two axis labels overlap.
 */
import { expect, test, type Page } from './fixtures';
import { overlappingLabels } from './chart-labels';
import { readFileSync } from 'node:fs';

const robyn = readFileSync(
	new URL('../fixtures/reference/robyn_dt_simulated_weekly.csv', import.meta.url)
);

/** The slider (the plot) that holds the chart `name`'s svg. */
const plotOf = (page: Page, name: string) =>
	page.getByRole('slider').filter({ has: page.locator(`svg[data-chart="${name}"]`) });

test('the MMM time charts step through their weeks by keyboard, with tooltips and clear axes', async ({
	page
}) => {
	test.setTimeout(150_000);
	const problems: string[] = [];
	page.on('pageerror', (error) => problems.push(error.message));
	await page.goto('/data');

	await page.getByTestId('data-file').setInputFiles({
		name: 'robyn.csv',
		mimeType: 'text/csv',
		buffer: robyn
	});
	await expect(page.getByTestId('layout')).toContainText('Robyn');
	await page.getByTestId('import-ready').getByRole('button', { name: 'Keep this dataset' }).click();
	await page.getByTestId('fit').click();
	await expect(page.getByTestId('mmm-report')).toBeVisible({ timeout: 120_000 });
	const forecast = page.getByTestId('forecast');
	await forecast.getByTestId('run-forecast').click();
	// 13 weeks after the data's last week (2019-11-11).
	await expect(forecast.getByTestId('forecast-total')).toContainText('Over the next 13 weeks');

	const charts = [
		{ name: 'mmm-decomposition', last: 'Nov 11, 2019', before: 'Nov 4, 2019' },
		{ name: 'mmm-residuals', last: 'Nov 11, 2019', before: 'Nov 4, 2019' },
		{ name: 'mmm-forecast', last: 'Feb 10, 2020', before: 'Feb 3, 2020' }
	];
	for (const { name, last, before } of charts) {
		const plot = plotOf(page, name);
		await expect(plot, name).toHaveCount(1);
		await expect(plot).toHaveAttribute('aria-valuetext', 'Nothing chosen');
		const tooltip = plot.locator('.tooltip');
		await expect(tooltip).toHaveCount(0);

		await plot.focus();
		await plot.press('End');
		await expect(plot).toHaveAttribute('aria-valuetext', new RegExp(`^${last}: `));
		await expect(tooltip).toBeVisible();
		await expect(tooltip).toContainText(last);

		await plot.press('ArrowLeft');
		await expect(plot).toHaveAttribute('aria-valuetext', new RegExp(`^${before}: `));
		await expect(tooltip).toContainText(before);
		// The slider's text says what the tooltip shows: every figure of the tooltip is in it.
		const text = (await plot.getAttribute('aria-valuetext'))!;
		const figures = (await tooltip.textContent())!.match(/−?\d[\d.,]*[KMB]?/g)!;
		expect(figures.length, name).toBeGreaterThan(2);
		for (const figure of figures) expect(text, name).toContain(figure);

		const svg = plot.locator('svg');
		expect(await svg.locator('.axis-bottom text').count(), name).toBeGreaterThan(2);
		expect(await overlappingLabels(svg), name).toEqual([]);
		await plot.blur();
		await expect(tooltip).toHaveCount(0);
	}
	// The forecast's last week is a forecast with its interval; the data's last is observed.
	await expect(plotOf(page, 'mmm-forecast')).toHaveAttribute('aria-valuetext', 'Nothing chosen');
	const residuals = plotOf(page, 'mmm-residuals');
	await residuals.focus();
	await residuals.press('End');
	await expect(residuals).toHaveAttribute('aria-valuetext', /observed .*, fitted .*, residual /);
	const future = plotOf(page, 'mmm-forecast');
	await future.focus();
	await future.press('End');
	await expect(future).toHaveAttribute('aria-valuetext', /: forecast .* \(90 % interval .* to /);
	await future.press('Home');
	await expect(future).toHaveAttribute('aria-valuetext', /: observed /);

	expect(problems).toEqual([]);
});
