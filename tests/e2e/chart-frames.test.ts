/**
 * The data page's carry-over, ROAS and split charts on a simulated market, drawn with the shared
 * plot pieces (LinePlot, RowPlot, PlotBox, HitArea): the carry-over chart is a keyboard slider
 * over its lags whose text says what its tooltip shows; hovering a row of the ROAS and split
 * charts shows that channel's tooltip; no two axis labels overlap.
 */
import { expect, test } from './fixtures';
import { overlappingLabels } from './chart-labels';

test('the carry-over chart steps through lags by keyboard; the row charts show a row’s tooltip', async ({
	page
}) => {
	test.setTimeout(120_000);
	const problems: string[] = [];
	page.on('pageerror', (error) => problems.push(error.message));
	await page.goto('/data');
	await page.getByLabel('Seed').fill('3');
	await page.getByRole('button', { name: 'Simulate a market' }).click();
	await page.getByTestId('import-ready').getByRole('button', { name: 'Keep this dataset' }).click();
	await page.getByTestId('fit').click();
	const report = page.getByTestId('mmm-report');
	await expect(report).toBeVisible({ timeout: 100_000 });

	const adstock = page
		.getByRole('slider')
		.filter({ has: page.locator('svg[data-chart="mmm-adstock"]') });
	await expect(adstock).toHaveCount(1);
	await expect(adstock).toHaveAttribute('aria-valuetext', 'Nothing chosen');
	await expect(adstock.locator('path.lag')).toHaveCount(8);
	const tooltip = adstock.locator('.tooltip');
	await adstock.focus();
	await adstock.press('Home');
	await expect(adstock).toHaveAttribute('aria-valuetext', /^0 weeks later: \w.+ [\d.]+ %$/);
	await adstock.press('ArrowRight');
	await expect(adstock).toHaveAttribute('aria-valuenow', '1');
	await expect(adstock).toHaveAttribute('aria-valuetext', /^1 week later: /);
	await expect(tooltip).toContainText('1 week later');
	// The slider's text names every channel with the share the tooltip shows.
	const text = (await adstock.getAttribute('aria-valuetext'))!;
	const lines = (await tooltip.innerText()).split('\n').slice(1).filter(Boolean);
	expect(lines).toHaveLength(8);
	for (const line of lines) expect(text).toContain(line.replace(': ', ' '));
	expect(await adstock.locator('.axis-bottom text').count()).toBeGreaterThan(2);
	await expect(adstock.locator('.axis-bottom text.title')).toHaveText(
		'Lag (weeks after the spend)'
	);
	expect(await overlappingLabels(adstock.locator('svg'))).toEqual([]);
	await adstock.blur();
	await expect(tooltip).toHaveCount(0);
	// The pointer moves the same cursor: at the right end of the plot, the last lag.
	const svg = adstock.locator('svg');
	const box = (await svg.boundingBox())!;
	await svg.hover({ position: { x: box.width - 20, y: box.height / 2 } });
	await expect(tooltip).toContainText('weeks later');
	const last = Number(await adstock.getAttribute('aria-valuemax'));
	await expect(tooltip).toContainText(`${last} weeks later`);
	await page.mouse.move(0, 0);
	await expect(tooltip).toHaveCount(0);

	// Rows: hovering a channel's row shows its tooltip; leaving the chart hides it.
	for (const [name, says] of [
		['mmm-roas', /Marginal ROAS .+\(.+ to .+\)/],
		['mmm-split', /Spend .+ → .+ per week/]
	] as const) {
		const plot = page.locator('.plot').filter({ has: page.locator(`svg[data-chart="${name}"]`) });
		await expect(plot).toHaveAttribute('role', 'img');
		const svg = plot.locator('svg');
		await expect(svg.locator('text.name')).toHaveCount(8);
		const label = svg.locator('text.name').nth(1);
		await label.hover();
		const rowName = (await label.textContent())!.replace('…', '');
		await expect(plot.locator('.tooltip'), name).toContainText(rowName);
		await expect(plot.locator('.tooltip'), name).toContainText(says);
		expect(await overlappingLabels(svg), name).toEqual([]);
		await page.mouse.move(0, 0);
		await expect(plot.locator('.tooltip'), name).toHaveCount(0);
	}
	expect(problems).toEqual([]);
});
