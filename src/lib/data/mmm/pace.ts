/**
 * Progress, cancellation and yielding for a long fit that runs in a worker or in node: the fit
 * calls `tick()` after each unit of work; every ~40 ms this reports progress, yields to the event
 * loop (so an abort can arrive) and throws an AbortError if the signal has fired.
 */
import type { MmmHooks } from './types';

/** Milliseconds since an arbitrary origin (performance.now when present). */
export function now(): number {
	const perf = (globalThis as { performance?: { now(): number } }).performance;
	return perf ? perf.now() : Date.now();
}

/** The error a cancelled fit rejects with (name 'AbortError', as fetch and DOM APIs use). */
export function abortError(): Error {
	const error = new Error('The fit was cancelled.');
	error.name = 'AbortError';
	return error;
}

type SetTimeout = (callback: () => void, ms: number) => unknown;

/** Let the event loop run (a macrotask, so abort events and messages are delivered). */
function yieldToLoop(): Promise<void> {
	const setTimeout = (globalThis as { setTimeout?: SetTimeout }).setTimeout;
	return new Promise((resolve) => (setTimeout ? setTimeout(resolve, 0) : resolve()));
}

/** A pacer over `total` units of work. */
export interface Pace {
	/** One unit done; returns a promise to await now and then, undefined otherwise. */
	tick: () => Promise<void> | undefined;
	/** Add planned work discovered later (keeps done ≤ total). */
	grow(units: number): void;
	/** Report completion. */
	finish(): void;
	/** Throw if cancelled. */
	check(): void;
}

/** Create a pacer reporting to `hooks`. */
export function createPace(hooks: MmmHooks, total: number): Pace {
	let done = 0;
	let planned = Math.max(1, total);
	let last = now();
	const check = () => {
		if (hooks.signal?.aborted) throw abortError();
	};
	const pause = async () => {
		hooks.onProgress?.(Math.min(done, planned), planned);
		await yieldToLoop();
		check();
	};
	return {
		tick() {
			done++;
			if (done > planned) planned = done;
			const time = now();
			if (time - last < 40) return undefined;
			last = time;
			return pause();
		},
		grow(units: number) {
			planned += units;
		},
		finish() {
			hooks.onProgress?.(planned, planned);
		},
		check
	};
}
