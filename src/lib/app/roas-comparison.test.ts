import { describe, expect, it } from 'vitest';
import { reportFixture } from '../../../tests/unit/report-fixture';
import { roasByChannel, roasMax } from './roas-comparison';

const { result } = reportFixture(2);
const base = result.policies[0];
const rows = roasByChannel(base, result.channelNames);

describe('roasByChannel', () => {
	it('divides each kind of revenue by the channel spend', () => {
		expect(rows.map((r) => r.name)).toEqual(['Search', 'Social']);
		const c = 1;
		expect(rows[c].spend).toBe(base.channels.spend[c]);
		expect(rows[c].roas.platform).toBeCloseTo(
			base.channels.platformRevenue[c] / base.channels.spend[c],
			12
		);
		expect(rows[c].roas.lastClick).toBeCloseTo(
			base.channels.lastClickRevenue[c] / base.channels.spend[c],
			12
		);
		expect(rows[c].roas.trueRoas).toBeCloseTo(
			base.channels.incRevenue[c] / base.channels.spend[c],
			12
		);
		expect(rows[c].roas.ltvRoas).toBeCloseTo(
			base.channels.incLtvMargin[c] / base.channels.spend[c],
			12
		);
		expect(rows[c].overClaim).toBeCloseTo(rows[c].roas.platform / rows[c].roas.trueRoas, 12);
	});

	it('platforms claim more than the ads truly caused', () => {
		for (const row of rows) expect(row.roas.platform).toBeGreaterThan(row.roas.trueRoas);
	});

	it('gives NaN for a channel without spend', () => {
		const idle = { ...base, channels: { ...base.channels, spend: [0, 0] } };
		expect(roasByChannel(idle, result.channelNames)[0].roas.platform).toBeNaN();
	});
});

describe('roasMax', () => {
	it('is the largest finite ROAS or interval top, and at least break-even', () => {
		const all = rows.flatMap((r) => [
			...Object.values(r.roas),
			...Object.values(r.interval ?? {}).map((band) => band[1])
		]);
		expect(rows.some((r) => r.interval !== null)).toBe(true);
		expect(roasMax(rows)).toBe(Math.max(1, ...all.filter(Number.isFinite)));
		expect(roasMax([])).toBe(1);
	});
});
