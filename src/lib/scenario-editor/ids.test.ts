import { describe, expect, it } from 'vitest';
import { idAfterRename, idFromName, renameInPath, slugify, uniqueId } from './ids';

describe('ids from names', () => {
	it('slugifies names into the format’s id alphabet', () => {
		expect(slugify('Social — prospecting (EU)')).toBe('social-prospecting-eu');
		expect(slugify('Crème brûlée')).toBe('creme-brulee');
		expect(slugify('!!!')).toBe('');
		expect(slugify('x'.repeat(60))).toHaveLength(40);
	});

	it('makes ids unique among siblings, within 40 characters', () => {
		expect(uniqueId('display', ['display'])).toBe('display-2');
		expect(uniqueId('display', ['display', 'display-2'])).toBe('display-3');
		expect(uniqueId('', [], 'channel')).toBe('channel');
		const long = 'a'.repeat(40);
		const next = uniqueId(long, [long]);
		expect(next).toHaveLength(40);
		expect(next.endsWith('-2')).toBe(true);
	});

	it('regenerates a generated id on rename and keeps a chosen one', () => {
		expect(idAfterRename('display', 'Display', 'Display ads', ['display', 'video'])).toBe(
			'display-ads'
		);
		expect(idAfterRename('disp', 'Display', 'Display ads', ['disp', 'video'])).toBe('disp');
		expect(idAfterRename('video-2', 'Video', 'Video', ['video', 'video-2'])).toBe('video-2');
		expect(idFromName('Video', ['video'])).toBe('video-2');
	});

	it('renames an id inside a regime-shift path only at its start', () => {
		expect(renameInPath('channels[display].hill.slope', 'channels', 'display', 'ads')).toBe(
			'channels[ads].hill.slope'
		);
		expect(renameInPath('segments[display].propensity', 'channels', 'display', 'ads')).toBe(
			'segments[display].propensity'
		);
		expect(renameInPath('channels[display-2].ctr', 'channels', 'display', 'ads')).toBe(
			'channels[display-2].ctr'
		);
	});
});
