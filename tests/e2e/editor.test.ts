import { expect, test, type Page } from './fixtures';
import { readFile } from 'node:fs/promises';

/** The input of a scenario field, by its path in the format. */
const input = (page: Page, path: string) => page.locator(`[data-path="${path}"]`);
/** The message shown next to a field. */
const messageFor = (page: Page, path: string) =>
	page.locator(`[data-field="${path}"] [data-message-for="${path}"]`);
const savedOptions = (page: Page) =>
	page.getByTestId('source').locator('optgroup[label^="Saved"] option');

/** Answer every dialog (leave-page warnings, delete confirmations) and remember what it said. */
function answerDialogs(page: Page) {
	const state = { accept: true, seen: [] as string[] };
	page.on('dialog', (dialog) => {
		state.seen.push(`${dialog.type()}: ${dialog.message()}`);
		void (state.accept ? dialog.accept() : dialog.dismiss());
	});
	return state;
}

/** Export the draft and return the downloaded file's path and text. */
async function exportDraft(page: Page) {
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Export JSON' }).click()
	]);
	const path = await download.path();
	return { path, name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

test('a Hill parameter moves the preview and an invalid value is named next to its field', async ({
	page
}) => {
	await page.goto('/editor');
	await expect(page.getByTestId('source')).toHaveValue('preset:dtc-default');
	const curve = page.locator(
		'[data-chart="response-preview"] path.curve[data-channel="brand-search"]'
	);
	await expect(curve).toHaveAttribute('d', /^M/);
	const before = (await curve.getAttribute('d')) ?? '';
	const profit = page.locator(
		'[data-chart="response-preview"] li[data-channel="brand-search"] [data-metric="historical-ltv-profit"]'
	);
	const profitBefore = Number(await profit.getAttribute('data-value'));

	await page.locator('[data-item="channel-0"] > summary').click();
	await input(page, 'channels[0].hill.halfSaturation').fill('0.05');
	await expect(curve).not.toHaveAttribute('d', before);
	await expect
		.poll(async () => Number(await profit.getAttribute('data-value')))
		.not.toBe(profitBefore);
	await expect(page.getByTestId('preview')).toHaveAttribute('data-stale', 'false');
	// The preview runs on the main thread: it must stay far below a long task.
	const ms = Number(await page.getByTestId('preview').getAttribute('data-compute-ms'));
	expect(ms).toBeLessThan(100);

	await input(page, 'channels[0].hill.slope').fill('9');
	await expect(messageFor(page, 'channels[0].hill.slope')).toHaveText('must be between 0.1 and 5');
	await expect(input(page, 'channels[0].hill.slope')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('[data-item="channel-0"] [data-problems="1"]')).toBeVisible();
	await expect(page.getByTestId('draft-state')).toContainText('1 problem');
	// An invalid draft keeps the last valid preview instead of going blank.
	await expect(curve).toHaveAttribute('d', /^M/);

	await input(page, 'channels[0].hill.slope').fill('abc');
	await expect(messageFor(page, 'channels[0].hill.slope')).toHaveText('must be a number');
	await input(page, 'channels[0].hill.slope').fill('1.2');
	await expect(messageFor(page, 'channels[0].hill.slope')).toHaveCount(0);
	await expect(page.getByTestId('draft-state')).toContainText('Valid');
});

test('save, reload, duplicate, export, re-import, refuse a broken file, open in lab', async ({
	page
}) => {
	answerDialogs(page);
	await page.goto('/editor');
	await input(page, 'name').fill('E2E market');
	await input(page, 'dailyBudget').fill('25000');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByTestId('notice')).toHaveText('Saved “E2E market”.');

	await page.reload();
	await expect(savedOptions(page)).toHaveCount(1);
	await expect(savedOptions(page).first()).toContainText('E2E market');
	await expect(input(page, 'dailyBudget')).toHaveValue('25000');
	await expect(page.getByTestId('draft-state')).toContainText('Saved in this browser');
	await expect(page.getByTestId('draft-state')).not.toContainText('Unsaved');

	await page.getByRole('button', { name: 'Duplicate' }).click();
	await expect(page.getByTestId('notice')).toHaveText('Saved “E2E market (copy)”.');
	await expect(savedOptions(page)).toHaveCount(2);
	await expect(input(page, 'name')).toHaveValue('E2E market (copy)');

	const exported = await exportDraft(page);
	expect(exported.name).toBe('e2e-market-copy.scenario.json');
	expect(JSON.parse(exported.text)).toMatchObject({
		name: 'E2E market (copy)',
		dailyBudget: 25000
	});

	// Start from another preset, then import the file: the same scenario comes back.
	await page.getByTestId('source').selectOption('preset:two-channels');
	await expect(input(page, 'name')).not.toHaveValue('E2E market (copy)');
	await page.getByTestId('import').setInputFiles(exported.path);
	await expect(input(page, 'name')).toHaveValue('E2E market (copy)');
	expect((await exportDraft(page)).text).toBe(exported.text);

	// A broken file: a clear message naming the field, nothing changed, nothing stored lost.
	const broken = JSON.parse(exported.text);
	broken.channels[1].hill.slope = -1;
	await page.getByTestId('import').setInputFiles({
		name: 'broken.json',
		mimeType: 'application/json',
		buffer: Buffer.from(JSON.stringify(broken))
	});
	const problem = page.getByTestId('import-problem');
	await expect(problem).toContainText('broken.json is not a valid scenario');
	await expect(problem).toContainText('channels[1].hill.slope: must be between 0.1 and 5');
	await expect(input(page, 'name')).toHaveValue('E2E market (copy)');
	await expect(savedOptions(page)).toHaveCount(2);
	await page.getByTestId('import').setInputFiles({
		name: 'cut.json',
		mimeType: 'application/json',
		buffer: Buffer.from('{"version": 1, "name": ')
	});
	await expect(problem).toContainText('Not valid JSON');
	await page.reload();
	await expect(savedOptions(page)).toHaveCount(2);

	// The imported file was never saved: "Open in lab" saves it first, then hands over its id.
	await page.getByRole('button', { name: 'Open in lab' }).click();
	await expect(page).toHaveURL(/\/\?scenario=[\w-]+$/);
	const id = new URL(page.url()).searchParams.get('scenario');
	await page.goto('/editor');
	await expect(savedOptions(page)).toHaveCount(3);
	await expect(page.getByTestId('source').locator(`option[value="saved:${id}"]`)).toHaveCount(1);
});

test('unsaved changes survive a reload, and leaving asks first', async ({ page }) => {
	const dialogs = answerDialogs(page);
	await page.goto('/editor');
	await page.getByRole('button', { name: 'Add channel' }).click();
	// A new channel opens so its fields show.
	await expect(page.locator('[data-item="channel-6"]')).toHaveAttribute('open', '');
	await input(page, 'channels[6].name').fill('Podcasts');
	await input(page, 'seed').fill('-3');
	await expect(messageFor(page, 'seed')).toContainText('must be between 0 and');

	await page.reload();
	await expect(input(page, 'channels[6].name')).toHaveValue('Podcasts');
	await expect(input(page, 'channels[6].id')).toHaveValue('podcasts');
	await expect(input(page, 'seed')).toHaveValue('-3');
	await expect(page.getByTestId('draft-state')).toContainText('Unsaved changes');

	dialogs.accept = false;
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
	await expect.poll(() => dialogs.seen.some((d) => d.includes('unsaved changes'))).toBe(true);
	await expect(page).toHaveURL(/\/editor$/);
	dialogs.accept = true;
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Runs' }).click();
	await expect(page).toHaveURL(/\/runs$/);
});
