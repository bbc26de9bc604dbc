import { expect, test } from './fixtures';

const LESSON_TITLES = [
	'Explore or exploit?',
	'Saturation and the next marginal dollar',
	'Last click vs true incrementality',
	'Creative fatigue and refresh',
	'CPA or lifetime value?',
	'Guardrails: what a cap costs and protects'
];

test('every lesson opens from the index, takes a prediction and reveals the simulation', async ({
	page
}) => {
	test.setTimeout(180_000);
	for (const title of LESSON_TITLES) {
		await page.goto('/lessons');
		await page.getByRole('link', { name: title }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
		const reveal = page.getByRole('button', { name: 'Reveal the result' });
		await expect(reveal).toBeDisabled();
		await page.getByRole('radio').first().check();
		await expect(reveal).toBeEnabled({ timeout: 60_000 });
		await reveal.click();
		const result = page.getByTestId('lesson-result');
		await expect(result).toBeVisible();
		await expect(result).toContainText('You predicted');
		// The reveal carries the simulation's numbers.
		await expect(result).toContainText(/\d/);
	}
});

test('a lesson link opens with its settings, hidden controls hidden and locked ones locked', async ({
	page
}) => {
	await page.goto(
		'/lessons/explore-exploit?set=arms%3Afar%2Cepsilon%3A0.3&hide=epsilon&lock=visitors'
	);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Explore or exploit?');
	await expect(page.locator('[data-control=epsilon]')).toHaveCount(0);
	await expect(page.getByLabel('Ads and their true conversion rates')).toHaveValue('far');
	await expect(page.getByLabel('Visitors')).toBeDisabled();
	// The author sees hidden controls (marked) and builds the same link.
	await page.getByLabel('Author mode').check();
	await expect(page.locator('[data-control=epsilon]')).toContainText('hidden');
	await expect(page.getByLabel('Lesson link (opens exactly these settings)')).toHaveValue(
		/\/lessons\/explore-exploit\?set=arms%3Afar%2Cepsilon%3A0\.3&hide=epsilon&lock=visitors$/
	);
	// A damaged link still opens the lesson, with a message.
	await page.goto('/lessons/explore-exploit?set=epsilon:7');
	await expect(page.getByRole('alert')).toContainText('"epsilon" must be a number from 0 to 0.5');
});
