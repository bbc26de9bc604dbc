import { describe, expect, it } from 'vitest';
import { runPolicy } from '../experiment/runner';
import { DEFAULT_GUARDRAILS } from '../guardrails/types';
import { loadPreset } from '../sim/presets';
import { formatFieldError } from '../sim/scenario';
import { createBauLastClick, parseBauLastClick } from './bau-last-click';
import { createBauPlatformRoas, parseBauPlatformRoas } from './bau-platform-roas';

const dtc = loadPreset('dtc-default');
const C = dtc.channels.length;
const shares = Object.fromEntries(dtc.channels.map((c) => [c.id, c.historicalShare]));
const display = dtc.channels.findIndex((c) => c.id === 'display');

function platformRun(days: number, seed = 1) {
	const parsed = parseBauPlatformRoas({ kind: 'bau-platform-roas', shares });
	if (!parsed.ok) throw new Error(parsed.errors.map(formatFieldError).join('; '));
	return runPolicy(dtc, createBauPlatformRoas(parsed.value), {
		seed,
		days,
		objective: 'revenue',
		guardrails: DEFAULT_GUARDRAILS
	});
}

const shareAt = (row: Float64Array, i: number, c: number) => {
	let total = 0;
	for (let j = 0; j < C; j++) total += row[i * C + j];
	return row[i * C + c] / total;
};

describe('BAU (c): monthly shift by platform-reported ROAS', () => {
	it('gives more budget every month to the channel the platforms report the best ROAS for', () => {
		const { log } = platformRun(121);
		for (let i = 1; i < log.length; i++) {
			const roas = Array.from(log.marginalReturn.slice(i * C, (i + 1) * C));
			const best = roas.indexOf(Math.max(...roas));
			expect(shareAt(log.newSpend, i, best)).toBeGreaterThan(shareAt(log.newSpend, i - 1, best));
		}
	});

	it('trusts the platforms over the site: display (view-through claims) grows here and shrinks under last click', () => {
		const platform = platformRun(121).log;
		const parsed = parseBauLastClick({ kind: 'bau-last-click', shares });
		if (!parsed.ok) throw new Error('invalid');
		const lastClick = runPolicy(dtc, createBauLastClick(parsed.value), {
			seed: 1,
			days: 121,
			objective: 'revenue',
			guardrails: DEFAULT_GUARDRAILS
		}).log;
		const first = shareAt(platform.newSpend, 0, display);
		expect(shareAt(platform.newSpend, 4, display)).toBeGreaterThan(first + 0.05);
		expect(shareAt(lastClick.newSpend, 4, display)).toBeLessThan(first - 0.05);
	});

	it('stays within the daily budget and is deterministic', () => {
		const a = platformRun(61, 9);
		const b = platformRun(61, 9);
		expect(Array.from(a.log.newSpend)).toEqual(Array.from(b.log.newSpend));
		for (let i = 0; i < a.log.length; i++) {
			let asked = 0;
			for (let c = 0; c < C; c++) asked += a.log.askedSpend[i * C + c];
			expect(asked).toBeLessThanOrEqual(dtc.dailyBudget * (1 + 1e-12));
		}
	});

	it('validates its config like BAU (b)', () => {
		const parsed = parseBauPlatformRoas({ kind: 'bau-platform-roas', shares, minShare: 0.9 });
		expect(parsed.ok ? [] : parsed.errors.map(formatFieldError)).toEqual([
			'minShare: must be between 0 and 0.5'
		]);
	});
});
