import { describe, expect, it } from 'vitest';
import { Stagger, type Scheduler } from './stagger.svelte';

/** A scheduler run by hand: `tick()` runs the task waiting, as the event loop would. */
function manual() {
	let waiting: (() => void) | null = null;
	const schedule: Scheduler = (run) => {
		waiting = run;
		return () => {
			if (waiting === run) waiting = null;
		};
	};
	return {
		schedule,
		tick() {
			const run = waiting;
			waiting = null;
			run?.();
		},
		get pending() {
			return waiting !== null;
		}
	};
}

const slots = (stagger: Stagger<string>, n: number) =>
	Array.from({ length: n }, (_, i) => stagger.get(i));

describe('Stagger', () => {
	it('hands a value to one slot per task, none in the task that set it', () => {
		const clock = manual();
		const stagger = new Stagger<string>(3, clock.schedule);
		stagger.set('a');
		expect(slots(stagger, 3)).toEqual([null, null, null]);
		clock.tick();
		expect(slots(stagger, 3)).toEqual(['a', null, null]);
		clock.tick();
		expect(slots(stagger, 3)).toEqual(['a', 'a', null]);
		clock.tick();
		expect(slots(stagger, 3)).toEqual(['a', 'a', 'a']);
		expect(clock.pending).toBe(false);
	});

	it('restarts from the first slot when a newer value arrives mid-pass (latest wins)', () => {
		const clock = manual();
		const stagger = new Stagger<string>(3, clock.schedule);
		stagger.set('a');
		clock.tick();
		clock.tick();
		stagger.set('b');
		clock.tick();
		expect(slots(stagger, 3)).toEqual(['b', 'a', null]);
		clock.tick();
		clock.tick();
		expect(slots(stagger, 3)).toEqual(['b', 'b', 'b']);
	});

	it('skips slots that already hold the value without spending a task on them', () => {
		const clock = manual();
		const stagger = new Stagger<string>(3, clock.schedule);
		stagger.set('a');
		clock.tick();
		stagger.set('a');
		clock.tick();
		expect(slots(stagger, 3)).toEqual(['a', 'a', null]);
	});

	it('stops handing out values once destroyed', () => {
		const clock = manual();
		const stagger = new Stagger<string>(2, clock.schedule);
		stagger.set('a');
		stagger.destroy();
		expect(clock.pending).toBe(false);
		expect(slots(stagger, 2)).toEqual([null, null]);
	});
});
