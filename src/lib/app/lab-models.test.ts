import { describe, expect, it } from 'vitest';
import { offerLabModel, readLabModels } from './lab-models';

const rl = { kind: 'rl', weights: { inputs: 1 } };
const ltv = { kind: 'ts-curve-ltv', ltvModel: { columns: 1 } };

describe('models handed to the Lab', () => {
	it('keeps one spec per kind and remembers the latest', () => {
		const first = offerLabModel(undefined, rl);
		const second = offerLabModel(first, ltv);
		expect(second).toEqual({ specs: { rl, 'ts-curve-ltv': ltv }, latest: 'ts-curve-ltv' });
		const again = offerLabModel(second, { ...rl, weights: { inputs: 2 } });
		expect(again.specs.rl).toEqual({ kind: 'rl', weights: { inputs: 2 } });
		expect(again.latest).toBe('rl');
	});

	it('reads an older single spec as an offer of it, and junk as none', () => {
		expect(readLabModels(rl)).toEqual({ specs: { rl }, latest: 'rl' });
		expect(readLabModels(undefined)).toEqual({ specs: {}, latest: null });
		expect(readLabModels('nope')).toEqual({ specs: {}, latest: null });
		expect(readLabModels({ specs: { rl: ltv }, latest: 'rl' })).toEqual({
			specs: {},
			latest: null
		});
	});
});
