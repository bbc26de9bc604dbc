import { describe, expect, it } from 'vitest';
import { formatRemaining, ProgressTracker, remainingMs } from './run-progress';

describe('remainingMs', () => {
	it('extrapolates the pace so far once a seed’s worth of runs is done', () => {
		expect(remainingMs(6, 24, 3000, 6)).toBe(9000);
		expect(remainingMs(12, 24, 3000, 6)).toBe(3000);
	});
	it('has no estimate before a seed’s worth of runs, and nothing left at the end', () => {
		expect(remainingMs(5, 24, 3000, 6)).toBeNull();
		expect(remainingMs(6, 24, 0, 6)).toBeNull();
		expect(remainingMs(24, 24, 3000, 6)).toBe(0);
	});
});

describe('ProgressTracker', () => {
	it('counts policy runs per seed and finished seeds once', () => {
		const tracker = new ProgressTracker(3, 4, 1000);
		tracker.policyDone(42, 1);
		tracker.policyDone(43, 2);
		tracker.policyDone(42, 1); // repeated report
		expect(tracker.at(2000)).toMatchObject({ runsDone: 3, runs: 12, seedsDone: 0, seeds: 4 });
		tracker.seedDone(42);
		tracker.seedDone(42);
		const p = tracker.at(3000);
		expect(p).toMatchObject({ runsDone: 5, seedsDone: 1, elapsedMs: 2000 });
		expect(p.remainingMs).toBeCloseTo((2000 * 7) / 5);
	});
	it('never counts more runs for a seed than it has policies', () => {
		const tracker = new ProgressTracker(3, 1, 0);
		tracker.policyDone(1, 7);
		expect(tracker.at(10).runsDone).toBe(3);
	});
	it('forgets the partial runs of a seed that starts over, but not a finished one', () => {
		const tracker = new ProgressTracker(3, 2, 0);
		tracker.policyDone(1, 2);
		tracker.seedDone(2);
		tracker.restart(1);
		tracker.restart(2);
		expect(tracker.at(10)).toMatchObject({ runsDone: 3, seedsDone: 1 });
	});
});

describe('formatRemaining', () => {
	it('words the time left in round figures', () => {
		expect(formatRemaining(null)).toBe('estimating time left…');
		expect(formatRemaining(3000)).toBe('less than 5 s left');
		expect(formatRemaining(42_000)).toBe('about 40 s left');
		expect(formatRemaining(150_000)).toBe('about 3 min left');
	});
});
