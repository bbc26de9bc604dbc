import { describe, expect, it } from 'vitest';
import { fromException, storageError } from './errors';

const dom = (name: string, message = 'browser text') => Object.assign(new Error(message), { name });

describe('storage errors', () => {
	it('says storage is full and that nothing was lost', () => {
		const error = fromException(dom('QuotaExceededError'), 'save the run');
		expect(error.kind).toBe('quota');
		expect(error.message).toMatch(
			/^Storage is full: Marginal could not save the run, and nothing was lost\./
		);
	});

	it('asks to close other tabs when an upgrade is blocked', () => {
		expect(storageError('blocked', 'list your runs').message).toMatch(/^Close other Marginal tabs/);
	});

	it('reads a newer database as “reload the page”', () => {
		const error = fromException(dom('VersionError'), 'open your runs', true);
		expect(error).toMatchObject({ kind: 'outdated' });
		expect(error.message).toMatch(/Reload the page/);
	});

	it.each(['InvalidStateError', 'SecurityError', 'UnknownError'])(
		'treats %s when opening as storage being unavailable (private windows)',
		(name) => {
			const error = fromException(dom(name), 'save the run', true);
			expect(error.kind).toBe('unavailable');
			expect(error.message).toMatch(/The lab still works/);
		}
	);

	it('keeps the browser’s words for anything unexpected', () => {
		const error = fromException(
			dom('InvalidStateError', 'The transaction finished.'),
			'rename the run'
		);
		expect(error).toEqual({
			kind: 'failed',
			message:
				'Storage failed: Marginal could not rename the run (InvalidStateError: The transaction finished.). Nothing already saved was lost; try again, or reload the page.'
		});
		expect(fromException('odd', 'x').kind).toBe('failed');
	});

	it('explains data the browser cannot clone', () => {
		expect(fromException(dom('DataCloneError'), 'save the run').message).toMatch(
			/cannot store\. Nothing already saved was lost/
		);
	});
});
