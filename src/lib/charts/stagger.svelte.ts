import { flushSync } from 'svelte';

/**
 * Hands a value to a row of slots one slot per frame, so that the charts of a report, each
 * reading its own slot, mount and redraw in separate tasks instead of one long one: the main
 * thread must never block more than 100 ms, and eight charts of a year of days drawn at once
 * did (0.2–1.4 s on a loaded two-core machine). Latest wins: a new value restarts the pass from
 * the first slot, and slots already holding that value are skipped without waiting.
 */

/** One slot's value; `$state.raw` because values are large plain data, replaced, never mutated. */
class Slot<T> {
	value = $state.raw<T | null>(null);
}

/** Run something later; returns a function that cancels it. */
export type Scheduler = (run: () => void) => () => void;

/**
 * After the next frame: charts size themselves in the frame's ResizeObserver callbacks, so one
 * chart mounted per frame is also one chart drawn per frame (timer tasks alone run several
 * times between two frames, and the frame would then draw them all at once). The timer after
 * `requestAnimationFrame` runs once the frame has been rendered. In a hidden tab frames stop,
 * and the charts wait until it is shown again.
 */
const nextFrame: Scheduler = (run) => {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const frame = requestAnimationFrame(() => (timer = setTimeout(run, 0)));
	return () => {
		cancelAnimationFrame(frame);
		clearTimeout(timer);
	};
};

export class Stagger<T> {
	readonly #slots: Slot<T>[];
	readonly #schedule: Scheduler;
	#latest: T | null = null;
	#next = 0;
	#cancel: (() => void) | null = null;

	/** `count` slots, all empty until the first `set` reaches them. */
	constructor(count: number, schedule: Scheduler = nextFrame) {
		this.#slots = Array.from({ length: count }, () => new Slot<T>());
		this.#schedule = schedule;
	}

	/** Slot `i`'s value (null: not reached yet). Reactive. */
	get(i: number): T | null {
		return this.#slots[i]?.value ?? null;
	}

	/** Give `value` to every slot, the first one after the next frame, then one slot per frame. */
	set(value: T): void {
		this.#latest = value;
		this.#next = 0;
		this.#cancel?.();
		this.#cancel = this.#schedule(this.#step);
	}

	/** Stop handing out values (the component is gone). */
	destroy(): void {
		this.#cancel?.();
		this.#cancel = null;
	}

	readonly #step = (): void => {
		this.#cancel = null;
		const value = this.#latest;
		while (this.#next < this.#slots.length) {
			const slot = this.#slots[this.#next++];
			if (slot.value === value) continue;
			const t0 = performance.now();
			slot.value = value;
			// Draw now, inside this task, so the measure (DevTools' Timings track) shows what each
			// chart costs; the charts then size themselves in the next frame.
			flushSync();
			performance.measure(`marginal:chart-slot-${this.#next - 1}`, { start: t0 });
			break;
		}
		if (this.#next < this.#slots.length) this.#cancel = this.#schedule(this.#step);
	};
}
