/**
 * UI state of an MMM fit on the data page: the options form (holdout, carry-over shape, an
 * optional lift test), the fit running in the MMM worker (progress, cancel, latest wins) and
 * the fitted model. The form checks its own fields and names the one that is wrong.
 */
import type { Dataset } from '$lib/data/dataset';
import { simulatedLiftTest } from '$lib/data/simulated-lift';
import type { LiftTest, MmmFit, MmmOptions } from '$lib/data/mmm';
import { isAbortError } from '$lib/workers/worker-client';

/** Progress and cancellation of a fit, as the MMM bridge takes them. */
export interface FitRunHooks {
	onProgress?: (done: number, total: number) => void;
	signal?: AbortSignal;
}

/** What the state needs of the MMM bridge (`fitInWorker`, or a fake in tests). */
export type MmmFitter = (
	dataset: Dataset,
	options: MmmOptions,
	hooks: FitRunHooks
) => Promise<MmmFit>;

/** Where a fit stands. */
export type FitStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** Carry-over shapes offered: geometric decay, or a delayed peak (one Erlang stage more). */
export type AdstockKind = 'geometric' | 'delayed';

/** One lift test of the form (text fields, as typed). */
export interface LiftForm {
	channelId: string;
	start: string;
	end: string;
	lift: string;
	low: string;
	high: string;
}

/** Default holdout: about 10 % of the periods, at least 4, never more than a quarter. */
export function defaultHoldout(periods: number): number {
	return Math.max(0, Math.min(Math.floor(periods / 4), Math.max(4, Math.round(periods / 10))));
}

/** Parse the options form; returns the options or the problems (one sentence per field). */
export function fitOptions(
	dataset: Dataset,
	holdout: number,
	adstock: AdstockKind,
	lifts: readonly LiftForm[]
): { ok: true; options: MmmOptions } | { ok: false; errors: string[] } {
	const errors: string[] = [];
	const periods = dataset.dates.length;
	if (!Number.isInteger(holdout) || holdout < 0 || holdout > Math.floor(periods / 3)) {
		errors.push(
			`Holdout periods: enter a whole number from 0 to ${Math.floor(periods / 3)} (a third of the ${periods} periods).`
		);
	}
	const options: MmmOptions = { holdout, maxDelayStages: adstock === 'delayed' ? 2 : 0 };
	if (lifts.length > 0) {
		const tests = lifts.map((form, i) =>
			liftTest(dataset, form, errors, lifts.length > 1 ? i + 1 : 0)
		);
		if (tests.every((test) => test !== null)) options.lifts = tests as LiftTest[];
	}
	return errors.length > 0 ? { ok: false, errors } : { ok: true, options };
}

/** One test's fields as a LiftTest, or null with its problems added (named "Lift test n" when several). */
function liftTest(
	dataset: Dataset,
	form: LiftForm,
	allErrors: string[],
	n: number
): LiftTest | null {
	const errors: string[] = [];
	if (!dataset.channels.some((c) => c.id === form.channelId))
		errors.push('Lift test channel: choose one of the dataset’s channels.');
	const first = dataset.dates[0];
	const last = dataset.dates[dataset.dates.length - 1];
	const iso = /^\d{4}-\d{2}-\d{2}$/;
	if (!iso.test(form.start) || form.start < first || form.start > last)
		errors.push(`Lift test start: enter a date from ${first} to ${last}.`);
	if (!iso.test(form.end) || form.end < form.start || form.end > last)
		errors.push(`Lift test end: enter a date from the start to ${last}.`);
	const lift = Number(form.lift);
	const low = Number(form.low);
	const high = Number(form.high);
	if (form.lift.trim() === '' || !Number.isFinite(lift))
		errors.push('Incremental KPI: enter the lift the test measured (a number, KPI units).');
	if (form.low.trim() === '' || form.high.trim() === '' || !(low <= lift && lift <= high))
		errors.push('Interval: enter a low and a high end with low ≤ incremental KPI ≤ high.');
	const label = n > 0 ? `Lift test ${n}: ` : '';
	allErrors.push(...errors.map((e) => label + e));
	if (errors.length > 0) return null;
	return { channelId: form.channelId, start: form.start, end: form.end, lift, low, high };
}

/**
 * The channel a lift test would help most: of those whose ROAS the data do not pin, the one
 * with the most spend riding on the most uncertain ROAS (spend share × relative interval
 * width), leaving out channels in `tested`. Null when none is left.
 */
export function liftCandidate(fit: MmmFit, tested: readonly string[] = []): string | null {
	let best: string | null = null;
	let score = -Infinity;
	for (const c of fit.channels) {
		if (c.roasIdentified !== false || tested.includes(c.id)) continue;
		const width = c.roas.mean > 0 ? (c.roas.high - c.roas.low) / c.roas.mean : Infinity;
		const s = c.spendShare * width;
		if (s > score) {
			score = s;
			best = c.id;
		}
	}
	return best;
}

/** The fit form and the fit running in the MMM worker (latest wins). */
export class DataFit {
	/** Last periods held out to check the fit out of sample. */
	holdout = $state(8);
	adstock = $state<AdstockKind>('geometric');
	/** Whether to calibrate the fit with the lift tests below. */
	calibrate = $state(false);
	/** The lift tests entered (at least one row, so the form always has one to fill). */
	lifts = $state<LiftForm[]>([]);
	/** The dataset the form was reset for (new rows default to its dates). */
	#dataset: Dataset | null = null;

	status = $state<FitStatus>('idle');
	/** Work done / total of the running fit. */
	done = $state(0);
	total = $state(0);
	/** The latest finished fit. */
	fit = $state.raw<MmmFit | null>(null);
	/** Problems of the form or of the fit, in words. */
	errors = $state.raw<string[]>([]);

	/** Share of the running fit done, 0–1. */
	readonly progress = $derived(this.total > 0 ? Math.min(1, this.done / this.total) : 0);
	/** Seconds since the running fit started, as of its latest progress report. */
	elapsed = $state(0);
	/**
	 * Estimated seconds left (elapsed × work left ÷ work done), once a tenth is done — earlier
	 * guesses jump around; null before that or when not running.
	 */
	readonly secondsLeft = $derived(
		this.status === 'running' && this.progress >= 0.1 && this.progress < 1
			? (this.elapsed * (1 - this.progress)) / this.progress
			: null
	);

	readonly #fitter: MmmFitter;
	readonly #now: () => number;
	#controller: AbortController | null = null;

	/** `now` is a clock in milliseconds (injectable for tests). */
	constructor(fitter: MmmFitter, now: () => number = () => performance.now()) {
		this.#fitter = fitter;
		this.#now = now;
	}

	/** Reset the form for a dataset (and show its stored fit, if any). */
	reset(dataset: Dataset, stored: MmmFit | null = null): void {
		this.cancel();
		this.holdout = defaultHoldout(dataset.dates.length);
		this.#dataset = dataset;
		this.calibrate = false;
		this.lifts = [this.#blankLift(dataset, dataset.channels[0]?.id ?? '')];
		this.fit = stored;
		this.status = stored ? 'done' : 'idle';
		this.errors = [];
	}

	/** Add a lift-test row, for the channel a test would help most that has none yet. */
	addLift(): void {
		const dataset = this.#dataset;
		if (!dataset) return;
		const tested = this.lifts.map((l) => l.channelId);
		const untested = dataset.channels.find((c) => !tested.includes(c.id))?.id;
		const channel = (this.fit && liftCandidate(this.fit, tested)) ?? untested ?? '';
		this.lifts.push(this.#blankLift(dataset, channel));
	}

	/** Remove lift-test row `i` (the last row is emptied instead, so the form keeps one). */
	removeLift(i: number): void {
		if (this.lifts.length > 1) this.lifts.splice(i, 1);
		else if (this.#dataset) this.lifts = [this.#blankLift(this.#dataset, this.lifts[0].channelId)];
	}

	/**
	 * Fill lift-test row `i` with a test run on a simulated market (simulated-lift.ts) for the
	 * channel chosen in that row. Returns false when the dataset has no truth to run it on.
	 */
	simulateLift(dataset: Dataset, i = 0): boolean {
		const row = this.lifts[i];
		const test = row ? simulatedLiftTest(dataset, row.channelId) : null;
		if (!test) return false;
		const text = (x: number) => String(Math.round(x));
		this.calibrate = true;
		this.lifts[i] = {
			channelId: test.channelId,
			start: test.start,
			end: test.end,
			lift: text(test.lift),
			low: text(test.low),
			high: text(test.high)
		};
		return true;
	}

	/** An empty test of `channelId` over four periods in the middle of the data. */
	#blankLift(dataset: Dataset, channelId: string): LiftForm {
		const mid = Math.floor(dataset.dates.length / 2);
		return {
			channelId,
			start: dataset.dates[mid] ?? '',
			end: dataset.dates[Math.min(dataset.dates.length - 1, mid + 3)] ?? '',
			lift: '',
			low: '',
			high: ''
		};
	}

	/** Fit `dataset` with the form's options; resolves with the fit, or null. */
	async run(dataset: Dataset): Promise<MmmFit | null> {
		const lifts = this.calibrate ? $state.snapshot(this.lifts) : [];
		const parsed = fitOptions(dataset, this.holdout, this.adstock, lifts);
		if (!parsed.ok) {
			this.errors = parsed.errors;
			return null;
		}
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		const latest = () => this.#controller === controller;
		this.status = 'running';
		this.done = 0;
		this.total = 0;
		this.elapsed = 0;
		this.errors = [];
		const started = this.#now();
		try {
			const fit = await this.#fitter(dataset, parsed.options, {
				signal: controller.signal,
				onProgress: (done, total) => {
					if (!latest()) return;
					this.done = done;
					this.total = total;
					this.elapsed = (this.#now() - started) / 1000;
				}
			});
			if (!latest()) return null;
			this.fit = fit;
			this.status = 'done';
			// Point an unused lift-test form at the channel a test would help most.
			if (!this.calibrate && this.lifts.length === 1 && this.lifts[0].lift === '')
				this.lifts[0].channelId = liftCandidate(fit) ?? this.lifts[0].channelId;
			return fit;
		} catch (error) {
			if (!latest()) return null;
			const aborted = controller.signal.aborted || isAbortError(error);
			this.status = aborted ? 'cancelled' : 'error';
			if (!aborted) this.errors = [error instanceof Error ? error.message : String(error)];
			return null;
		} finally {
			if (latest()) this.#controller = null;
		}
	}

	/** Cancel the fit in progress. */
	cancel(): void {
		this.#controller?.abort();
		this.#controller = null;
		if (this.status === 'running') this.status = this.fit ? 'done' : 'cancelled';
	}
}

/** A stored fit if it looks like one this version made, else null (it is refitted). */
export function storedFit(value: unknown): MmmFit | null {
	const fit = value as Partial<MmmFit> | null;
	return fit &&
		typeof fit === 'object' &&
		fit.version === 1 &&
		Array.isArray(fit.channels) &&
		Array.isArray(fit.dates) &&
		typeof fit.diagnostics === 'object'
		? (fit as MmmFit)
		: null;
}
