/**
 * The Runs page against real IndexedDB in Chromium. Runs are real pilots computed here in node
 * and written into the database in the app's own record shapes (as `saveRun` writes them), then
 * the page lists, opens, compares, renames, deletes and shares them. The database's upgrade path
 * is checked from a version-1 database with real records, and with other tabs holding it open.
 */
import { expect, test, type Page } from './fixtures';
import { readFile } from 'node:fs/promises';
import { formatMoneySigned } from '../../src/lib/charts/format';
import { decodeShareLink } from '../../src/lib/share/share-link';
import { runRecords } from '../../src/lib/storage/run-record';
import { smallRun } from '../../src/lib/storage/test-run';

/** Two real runs with different objectives, as their stored records. */
const first = runRecords(
	{ ...smallRun('ltv-profit'), name: 'Spring test' },
	'run-a',
	1_763_900_000_000
);
const second = runRecords(
	{ ...smallRun('revenue'), name: 'Revenue push' },
	'run-b',
	1_763_990_000_000
);

/** Any page of the app's origin that does not open the database itself. */
const ORIGIN_PAGE = '/favicon.svg';

type Records = Record<string, unknown[]>;

/** Put records into the app's database as it is now (the app has created it). */
async function putRecords(page: Page, records: Records) {
	await page.evaluate(async (records) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('marginal');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const tx = db.transaction(Object.keys(records), 'readwrite');
		for (const [store, values] of Object.entries(records)) {
			for (const value of values) tx.objectStore(store).put(value);
		}
		await new Promise((resolve, reject) => {
			tx.oncomplete = resolve;
			tx.onerror = () => reject(tx.error);
		});
		db.close();
	}, records);
}

/**
 * Create the database as version 1 of the app did (its stores and indexes) with `records`, on a
 * page that is not the app. With `keepOpen` the connection stays open, like an old tab's.
 */
async function createVersion1(page: Page, records: Records, keepOpen = false) {
	await page.evaluate(
		async ({ records, keepOpen }) => {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open('marginal', 1);
				request.onupgradeneeded = () => {
					const d = request.result;
					d.createObjectStore('scenarios', { keyPath: 'id' }).createIndex('savedAt', 'savedAt');
					d.createObjectStore('runs', { keyPath: 'id' }).createIndex('createdAt', 'createdAt');
					d.createObjectStore('runData', { keyPath: 'id' });
					d.createObjectStore('settings', { keyPath: 'key' });
				};
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			const tx = db.transaction(Object.keys(records), 'readwrite');
			for (const [store, values] of Object.entries(records)) {
				for (const value of values) tx.objectStore(store).put(value);
			}
			await new Promise((resolve) => (tx.oncomplete = resolve));
			if (keepOpen) (window as unknown as { oldTab: IDBDatabase }).oldTab = db;
			else db.close();
		},
		{ records, keepOpen }
	);
}

/** The database's version and how many records each store holds. */
function inspect(page: Page) {
	return page.evaluate(async () => {
		const names = (await indexedDB.databases()).map((d) => d.name);
		if (!names.includes('marginal')) return { version: 0, counts: {}, databases: names };
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = indexedDB.open('marginal');
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error);
		});
		const counts: Record<string, number> = {};
		for (const store of Array.from(db.objectStoreNames)) {
			counts[store] = await new Promise<number>((resolve) => {
				const request = db.transaction(store).objectStore(store).count();
				request.onsuccess = () => resolve(request.result);
			});
		}
		const version = db.version;
		db.close();
		return { version, counts, databases: names };
	});
}

/** Open the Runs page on a fresh database and wait until the app has created it. */
async function openEmpty(page: Page) {
	await page.goto('/runs');
	await expect(page.getByTestId('runs-empty')).toBeVisible();
}

const seeded = { runs: [first.summary, second.summary], runData: [first.data, second.data] };
const cards = (page: Page) => page.getByTestId('run-card');

test('an empty history says how to get a run', async ({ page }) => {
	await page.goto('/runs');
	await expect(page.getByTestId('runs-empty')).toContainText(
		'No runs yet — run a pilot in the Lab'
	);
	await expect(page.getByRole('link', { name: 'Go to the Lab' })).toBeVisible();
});

test('lists, opens, shares, exports, compares, renames and deletes saved runs', async ({
	page
}) => {
	await openEmpty(page);
	await putRecords(page, seeded);
	await page.reload();

	// Newest first, each with its headline difference and interval.
	await expect(cards(page)).toHaveCount(2);
	await expect(cards(page).first()).toContainText('Revenue push');
	const a = first.summary.headline;
	const spring = cards(page).filter({ hasText: 'Spring test' });
	await expect(spring.getByTestId('run-headline')).toContainText(
		formatMoneySigned(a.vsBaseline!.mean, a.currency)
	);
	await expect(spring.getByTestId('run-headline')).toContainText('95 % CI');
	await expect(spring).toContainText(first.summary.scenarioName);

	// Open: the metrics of every policy, a share link that carries the run's settings.
	await spring.getByRole('link', { name: 'Open' }).click();
	await expect(page).toHaveURL(/\?run=run-a$/);
	const detail = page.getByTestId('run-detail');
	await expect(detail.getByRole('heading', { level: 1 })).toHaveText('Spring test');
	for (const policy of first.data.result.policies) {
		await expect(page.getByTestId('run-detail')).toContainText(policy.name);
	}
	await detail.getByRole('button', { name: 'Share link' }).click();
	const link = await page.getByTestId('share-link').inputValue();
	expect(link.startsWith(`${new URL(page.url()).origin}/#pilot=1.`)).toBe(true);
	const decoded = decodeShareLink(link);
	expect(decoded.ok && decoded.value.config).toEqual(first.data.config);

	// Export: the whole run as JSON, its metrics as CSV.
	const [json] = await Promise.all([
		page.waitForEvent('download'),
		detail.getByRole('button', { name: 'Export JSON' }).click()
	]);
	expect(json.suggestedFilename()).toBe('spring-test.json');
	const file = JSON.parse(await readFile((await json.path())!, 'utf8'));
	expect(file).toMatchObject({ marginalRun: 1, name: 'Spring test', preset: 'two-channels' });
	expect(file.result.policies).toHaveLength(first.data.result.policies.length);
	const [csv] = await Promise.all([
		page.waitForEvent('download'),
		detail.getByRole('button', { name: 'Export metrics CSV' }).click()
	]);
	const lines = (await readFile((await csv.path())!, 'utf8')).trim().split('\n');
	expect(lines[0]).toMatch(/^policy,name,baseline,spend,/);
	expect(lines).toHaveLength(1 + first.data.result.policies.length);

	// Rename, and the new name survives a reload.
	await detail.getByRole('button', { name: 'Rename' }).click();
	await page.getByLabel('New name').fill('  Spring   test, final ');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(detail.getByRole('heading', { level: 1 })).toHaveText('Spring test, final');
	await page.reload();
	await expect(page.getByTestId('run-detail').getByRole('heading', { level: 1 })).toHaveText(
		'Spring test, final'
	);

	// Compare the two side by side.
	await page.getByRole('link', { name: '← All runs' }).click();
	await expect(cards(page)).toHaveCount(2);
	await page.getByLabel('Compare “Spring test, final”').check();
	await page.getByLabel('Compare “Revenue push”').check();
	await page.getByRole('button', { name: 'Compare', exact: true }).click();
	const compare = page.getByTestId('run-compare');
	await expect(compare.getByTestId('compare-headline')).toHaveCount(2);
	await expect(compare.getByRole('row', { name: /Objective \(differs\)/ })).toContainText(
		'revenue'
	);
	const table = compare.getByTestId('compare-policies');
	for (const policy of first.data.result.policies) {
		await expect(table.getByRole('rowheader', { name: policy.name })).toBeVisible();
	}
	// The oracle optimises each run's objective, so its LTV-profit changes between the two.
	const oracle = (r: typeof first) =>
		r.data.result.policies.find((p) => p.id === 'oracle')!.metrics.ltvProfit.value.mean;
	const oracleName = first.data.result.policies.find((p) => p.id === 'oracle')!.name;
	expect(oracle(second)).not.toBe(oracle(first));
	await expect(table.getByRole('row').filter({ hasText: oracleName })).toContainText(
		formatMoneySigned(oracle(second) - oracle(first), 'USD')
	);

	// Delete one, after confirming; cancelling keeps it.
	await compare.getByRole('link', { name: '← All runs' }).click();
	const revenue = cards(page).filter({ hasText: 'Revenue push' });
	await revenue.getByRole('button', { name: 'Delete' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
	await expect(cards(page)).toHaveCount(2);
	await revenue.getByRole('button', { name: 'Delete' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete run' }).click();
	await expect(page.getByRole('status')).toContainText('Deleted “Revenue push”.');
	await expect(cards(page)).toHaveCount(1);
	await page.reload();
	await expect(cards(page)).toHaveCount(1);
	expect((await inspect(page)).counts).toMatchObject({ runs: 1, runData: 1 });
});

test('“Delete all my data” empties every store and tf.io’s models', async ({ page }) => {
	await openEmpty(page);
	await putRecords(page, {
		...seeded,
		scenarios: [
			{ id: 's1', name: 'Mine', savedAt: 1, preset: null, scenario: first.data.scenario }
		],
		settings: [{ key: 'objective', value: 'revenue' }],
		models: [{ id: 'm1', kind: 'rl', name: 'Net', savedAt: 1, url: 'indexeddb://marginal-m1' }]
	});
	// A model saved by tf.io lives in its own database.
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				const request = indexedDB.open('tensorflowjs', 1);
				request.onupgradeneeded = () => request.result.createObjectStore('models_store');
				request.onsuccess = () => {
					request.result.close();
					resolve();
				};
			})
	);
	await page.reload();
	await expect(cards(page)).toHaveCount(2);
	expect((await inspect(page)).databases).toContain('tensorflowjs');

	await page.getByRole('button', { name: 'Delete all my data' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Delete everything' }).click();
	await expect(page.getByRole('status')).toContainText('All your data in Marginal is deleted');
	await expect(page.getByTestId('runs-empty')).toBeVisible();
	const after = await inspect(page);
	expect(after.databases).not.toContain('tensorflowjs');
	expect(Object.values(after.counts).every((n) => n === 0)).toBe(true);
	expect(Object.keys(after.counts).sort()).toEqual(
		['datasets', 'models', 'runData', 'runs', 'scenarios', 'settings'].sort()
	);
});

test('a version-1 database upgrades with its runs, scenarios and settings intact', async ({
	page
}) => {
	await page.goto(ORIGIN_PAGE);
	const scenario = {
		id: 's1',
		name: 'Mine',
		savedAt: 5,
		preset: null,
		scenario: first.data.scenario
	};
	await createVersion1(page, {
		runs: [first.summary],
		runData: [first.data],
		scenarios: [scenario],
		settings: [{ key: 'objective', value: 'revenue' }]
	});
	expect((await inspect(page)).version).toBe(1);

	await page.goto('/runs');
	await expect(cards(page)).toHaveCount(1);
	await expect(cards(page)).toContainText('Spring test');
	const upgraded = await inspect(page);
	expect(upgraded.version).toBe(2);
	expect(upgraded.counts).toEqual({
		runs: 1,
		runData: 1,
		scenarios: 1,
		settings: 1,
		datasets: 0,
		models: 0
	});
	await cards(page).getByRole('link', { name: 'Open' }).click();
	for (const policy of first.data.result.policies) {
		await expect(page.getByTestId('run-detail')).toContainText(policy.name);
	}
});

test('two tabs list the same runs', async ({ page, context }) => {
	await openEmpty(page);
	await putRecords(page, seeded);
	await page.reload();
	const other = await context.newPage();
	await other.goto('/runs');
	await expect(cards(page)).toHaveCount(2);
	await expect(cards(other)).toHaveCount(2);
	// A rename in one tab shows in the other when it comes back into view.
	await cards(page).first().getByRole('button', { name: 'Rename' }).click();
	await page.getByLabel('New name').fill('Renamed elsewhere');
	await page.getByRole('button', { name: 'Save' }).click();
	await other.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
	await expect(cards(other).first()).toContainText('Renamed elsewhere');
});

test('an old tab blocking the upgrade gives a message, and the list appears once it closes', async ({
	page,
	context
}) => {
	await page.goto(ORIGIN_PAGE);
	await createVersion1(page, { runs: [first.summary], runData: [first.data] }, true);
	const app = await context.newPage();
	await app.goto('/runs');
	await expect(app.getByRole('alert')).toContainText('Close other Marginal tabs');
	await expect(app.getByRole('alert')).toContainText('Nothing was lost');
	await page.evaluate(() => (window as unknown as { oldTab: IDBDatabase }).oldTab.close());
	await expect(cards(app)).toHaveCount(1);
	await expect(app.getByRole('alert')).toHaveCount(0);
});

test('an open tab steps aside for a newer version and then says to reload', async ({
	page,
	context
}) => {
	await openEmpty(page);
	await putRecords(page, seeded);
	await page.reload();
	await expect(cards(page)).toHaveCount(2);
	// A newer Marginal (database version 3) opens in another tab: this one closes its connection.
	const newer = await context.newPage();
	await newer.goto(ORIGIN_PAGE);
	const outcome = await newer.evaluate(
		() =>
			new Promise<string>((resolve) => {
				const request = indexedDB.open('marginal', 3);
				request.onblocked = () => resolve('blocked');
				request.onsuccess = () => {
					request.result.close();
					resolve('upgraded');
				};
				request.onerror = () => resolve('error');
			})
	);
	expect(outcome).toBe('upgraded');
	await page.reload();
	await expect(page.getByRole('alert')).toContainText('written by a newer version of Marginal');
});

test('without IndexedDB (private windows) the page says so instead of going blank', async ({
	page
}) => {
	await page.addInitScript(() => {
		Object.defineProperty(window, 'indexedDB', {
			get() {
				throw new DOMException(
					'The user denied permission to access the database.',
					'SecurityError'
				);
			}
		});
	});
	await page.goto('/runs');
	await expect(page.getByRole('alert')).toContainText(
		'Saving is not available in this browser window'
	);
	await expect(page.getByRole('heading', { name: 'Runs', level: 1 })).toBeVisible();
});

test('a full disk while renaming says so and keeps the run as it was', async ({ page }) => {
	await openEmpty(page);
	await putRecords(page, seeded);
	await page.reload();
	await expect(cards(page)).toHaveCount(2);
	await page.evaluate(() => {
		IDBObjectStore.prototype.put = () => {
			throw new DOMException('Quota exceeded.', 'QuotaExceededError');
		};
	});
	await cards(page).first().getByRole('button', { name: 'Rename' }).click();
	await page.getByLabel('New name').fill('Will not fit');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('alert')).toContainText('Storage is full');
	await page.getByRole('button', { name: 'Cancel' }).click();
	await page.reload();
	await expect(cards(page).first()).toContainText('Revenue push');
});
