/**
 * The models page in the built app: train a small RL allocator in the browser (TF.js in the
 * models worker), save it to IndexedDB, reload the page, load it back and see exactly the same
 * budget shares in the probe states; no request leaves the app's origin.
 */
import { expect, test } from './fixtures';

test('trains, saves, reloads and loads a model with identical predictions', async ({ page }) => {
	const foreign: string[] = [];
	page.on('request', (request) => {
		const url = new URL(request.url());
		if (!['http:', 'https:'].includes(url.protocol)) return;
		if (url.origin !== new URL(page.url() || request.url()).origin && url.hostname !== 'localhost')
			foreign.push(request.url());
	});
	await page.goto('/models');
	await expect(page.getByRole('heading', { name: 'Models', level: 1 })).toBeVisible();
	await expect(page.getByTestId('backend')).toContainText(/TF\.js backend: (wasm|webgl|cpu)/);

	await page.getByLabel('Scenario').selectOption('preset:two-channels');
	await page.getByLabel('Iterations').fill('3');
	await page.getByRole('button', { name: 'Train RL allocator' }).click();
	await expect(page.getByTestId('train-status')).toContainText('Done: 3 iterations', {
		timeout: 60_000
	});
	await expect(page.getByTestId('validation-summary')).toBeVisible();
	const table = page.getByTestId('probe-table');
	const before = await table.innerText();
	expect(before).toMatch(/Neutral state/);

	await page.getByLabel('Name').fill('E2E model');
	await page.getByRole('button', { name: 'Save model' }).click();
	await expect(page.getByTestId('saved-models')).toContainText('E2E model');

	await page.reload();
	await expect(page.getByTestId('saved-models')).toContainText('E2E model');
	await expect(page.getByTestId('probe-table')).toHaveCount(0);
	await page
		.getByTestId('saved-models')
		.getByRole('listitem')
		.filter({ hasText: 'E2E model' })
		.getByRole('button', { name: 'Load' })
		.click();
	await expect(page.getByRole('heading', { name: 'Model “E2E model”' })).toBeVisible();
	expect(await page.getByTestId('probe-table').innerText()).toBe(before);

	// Deleting removes it from the list (and from tf.io's database).
	page.once('dialog', (dialog) => void dialog.accept());
	await page
		.getByTestId('saved-models')
		.getByRole('listitem')
		.filter({ hasText: 'E2E model' })
		.getByRole('button', { name: 'Delete' })
		.click();
	await expect(page.getByText('No saved models yet')).toBeVisible();

	// "Use in a pilot" hands the weights to the Lab (setting 'lab.extraPolicy') and opens it.
	await page.getByRole('button', { name: 'Use in a pilot' }).click();
	// The Lab opens on the model's scenario with the trained allocator chosen, and runs it.
	await expect(page).toHaveURL(/\/\?preset=two-channels$/);
	await expect(page.getByTestId('policy-rl')).toBeChecked();
	await page.getByLabel('Seeds', { exact: true }).fill('2');
	await page.getByRole('button', { name: 'Run pilot' }).click();
	await expect(page.getByTestId('fingerprint')).toBeVisible({ timeout: 60_000 });
	expect(foreign).toEqual([]);
});

const ITERATIONS = 100;

test('cancels and resumes training to the same model as an uninterrupted run', async ({ page }) => {
	await page.goto('/models');
	await page.getByLabel('Scenario').selectOption('preset:two-channels');
	// Enough iterations that Cancel lands mid-training even on an idle machine.
	await page.getByLabel('Iterations').fill(String(ITERATIONS));
	await page.getByRole('button', { name: 'Train RL allocator' }).click();
	await expect(page.getByTestId('train-status')).toContainText(
		/Training: [1-9]\d* iterations done/
	);
	await page.getByRole('button', { name: 'Cancel' }).click();
	await expect(page.getByTestId('train-status')).toContainText(/Cancelled after \d+ iterations/);
	await page.getByRole('button', { name: 'Resume' }).click();
	await expect(page.getByTestId('train-status')).toContainText(`Done: ${ITERATIONS} iterations`, {
		timeout: 60_000
	});
	const resumed = await page.getByTestId('probe-table').innerText();

	await page.getByRole('button', { name: 'Train RL allocator' }).click();
	await expect(page.getByTestId('train-status')).toContainText(`Done: ${ITERATIONS} iterations`, {
		timeout: 60_000
	});
	expect(await page.getByTestId('probe-table').innerText()).toBe(resumed);
});

test('trains an LTV model that beats the naive baseline and reloads with the same error', async ({
	page
}) => {
	await page.goto('/models');
	await page.getByLabel('Epochs').fill('8');
	await page.getByRole('button', { name: 'Train LTV model' }).click();
	const errors = page.getByTestId('ltv-errors');
	await expect(errors).toBeVisible({ timeout: 60_000 });
	const holdout = errors.getByRole('row', { name: /Temporal holdout/ });
	const cells = await holdout.getByRole('cell').allInnerTexts();
	const [modelMae, naiveMae] = cells.slice(0, 2).map(Number);
	expect(modelMae).toBeLessThan(naiveMae);
	await expect(page.getByTestId('ltv-importance').getByRole('listitem')).toHaveCount(10);

	await page.getByRole('button', { name: 'Save LTV model' }).click();
	await expect(page.getByTestId('saved-models')).toContainText('LTV model');
	await page.reload();
	await page
		.getByTestId('saved-models')
		.getByRole('listitem')
		.filter({ hasText: 'LTV model' })
		.first()
		.getByRole('button', { name: 'Load' })
		.click();
	await expect(page.getByTestId('ltv-reloaded')).toContainText(
		`holdout MAE ${modelMae.toFixed(2)}`
	);

	// "Use in a pilot" hands the reloaded network to the Lab as ts-curve with early LTV.
	await page.getByTestId('ltv-use').click();
	await expect(page).toHaveURL(/\/\?preset=dtc-default$/);
	await expect(page.getByTestId('policy-ts-curve-ltv')).toBeChecked();
	await page.getByLabel('Seeds', { exact: true }).fill('2');
	await page.getByRole('button', { name: 'Run pilot' }).click();
	await expect(page.getByTestId('fingerprint')).toBeVisible({ timeout: 90_000 });
	await expect(page.getByRole('main')).toContainText('early LTV');
});

test('the drift watch catches a planted CPM shift on two-channels', async ({ page }) => {
	await page.goto('/models');
	await page.getByLabel('Scenario').selectOption('preset:two-channels');
	await page.getByRole('button', { name: 'Run drift checks' }).click();
	await expect(page.getByTestId('drift-summary')).toContainText(
		/The planted shift on search \(pilot day 91\) was caught on pilot day \d+, (7|14|21) days later\./
	);
	// Before and after ts-curve's refit on drift, in true LTV-profit per day.
	await expect(page.getByTestId('refit-summary')).toContainText(/first refitted on pilot day \d+/);
	const table = page.getByTestId('refit-table');
	await expect(table.getByRole('row', { name: /^Before/ })).toBeVisible();
	await expect(table.getByRole('row', { name: /^After/ })).toBeVisible();
});
