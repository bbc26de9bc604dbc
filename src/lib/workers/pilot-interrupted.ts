/**
 * A pilot stopped by a fault, not by the user: a worker died (an `error` event), sent a message
 * that could not be read (`messageerror`), threw, or stopped answering. The seeds that finished
 * before are kept on the main thread, so a retry runs only the missing ones — same seeds, same
 * numbers — and the summary after the retry is the one an uninterrupted pilot gives.
 */
import type { SeedResult } from '../experiment/pilot';

/** The error a pilot's promise rejects with when a worker fails under it. */
export class PilotInterrupted extends Error {
	override readonly name = 'PilotInterrupted';
	/** The seeds that finished before the fault (plain data, safe to pass to a retry). */
	readonly completed: readonly SeedResult[];

	/** @param cause what happened to the worker, in words ("it stopped answering for 90 s") */
	constructor(cause: string, completed: readonly SeedResult[]) {
		super(`A simulation worker stopped unexpectedly: ${cause}`);
		this.completed = completed;
	}
}

/** Whether an error is a `PilotInterrupted` (by shape: it may come through another realm). */
export function isPilotInterrupted(error: unknown): error is PilotInterrupted {
	return (
		typeof error === 'object' &&
		error !== null &&
		(error as { name?: unknown }).name === 'PilotInterrupted' &&
		Array.isArray((error as { completed?: unknown }).completed)
	);
}

/**
 * What the lab says about an interrupted pilot: the cause, then that the seeds finished are
 * kept. "A simulation worker stopped unexpectedly: …; no results were lost — the 3 seeds
 * finished are kept."
 */
export function interruptionText(message: string, seedsKept: number): string {
	const kept =
		seedsKept === 0
			? 'no seed had finished yet, so nothing is lost'
			: seedsKept === 1
				? 'no results were lost — the 1 seed finished is kept'
				: `no results were lost — the ${seedsKept} seeds finished are kept`;
	return `${message.replace(/[.\s]+$/, '')}; ${kept}.`;
}

/** The cause of a worker's `error` event, in words. */
export function errorEventCause(event: Event): string {
	const message = (event as Partial<ErrorEvent>).message;
	return typeof message === 'string' && message.trim() !== ''
		? message.trim()
		: 'it crashed or could not start';
}
