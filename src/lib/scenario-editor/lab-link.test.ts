import { describe, expect, it } from 'vitest';
import { labSearch, scenarioIdFrom } from './lab-link';

describe('lab link', () => {
	it('hands a saved scenario id to the lab as ?scenario=', () => {
		expect(labSearch('k3x-9')).toBe('?scenario=k3x-9');
		expect(labSearch('a b&c')).toBe('?scenario=a+b%26c');
	});

	it('reads the id back from a URL, ignoring an empty one', () => {
		expect(scenarioIdFrom(new URL(`http://x/editor${labSearch('a b&c')}`))).toBe('a b&c');
		expect(scenarioIdFrom(new URL('http://x/editor?scenario='))).toBeNull();
		expect(scenarioIdFrom(new URL('http://x/editor'))).toBeNull();
	});
});
