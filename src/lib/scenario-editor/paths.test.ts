import { describe, expect, it } from 'vitest';
import { child, genericPath, getAt, isWithin, keysOf, parentPath, pathOf, setAt } from './paths';

describe('field paths', () => {
	it('splits and joins paths in the format’s own notation', () => {
		expect(keysOf('channels[2].hill.slope')).toEqual(['channels', 2, 'hill', 'slope']);
		expect(pathOf(['channels', 2, 'hill', 'slope'])).toBe('channels[2].hill.slope');
		expect(child('channels[2]', 'creatives', 0, 'name')).toBe('channels[2].creatives[0].name');
		expect(parentPath('channels[2].hill')).toBe('channels[2]');
		expect(parentPath('name')).toBe('');
	});

	it('refuses a malformed path', () => {
		expect(() => keysOf('channels[2]..hill')).toThrow(/Not a field path/);
	});

	it('blanks list indexes for the generic path of a field', () => {
		expect(genericPath('channels[2].creatives[11].fatigueRate')).toBe(
			'channels[].creatives[].fatigueRate'
		);
		expect(genericPath('seasonality.weekly[3]')).toBe('seasonality.weekly[]');
	});

	it('reads missing steps as undefined and writes by creating them', () => {
		const root: Record<string, unknown> = { channels: [{ hill: { slope: 1 } }] };
		expect(getAt(root, 'channels[0].hill.slope')).toBe(1);
		expect(getAt(root, 'channels[3].hill.slope')).toBeUndefined();
		setAt(root, 'intraday.cpmIndex[1]', 2);
		expect(root.intraday).toEqual({ cpmIndex: [undefined, 2] });
		setAt(root, 'channels[0].hill.slope', undefined);
		expect(root.channels).toEqual([{ hill: {} }]);
	});

	it('knows which paths lie within a card', () => {
		expect(isWithin('channels[1].hill.slope', 'channels[1]')).toBe(true);
		expect(isWithin('channels[10].hill.slope', 'channels[1]')).toBe(false);
		expect(isWithin('channels[1]', 'channels[1]')).toBe(true);
		expect(isWithin('anything', '')).toBe(true);
	});
});
