/**
 * The previews' state: recomputed a moment after the scenario stops changing (typing in a field
 * does not recompute on every keystroke), kept while the draft is invalid so the charts never go
 * blank, and marked stale meanwhile. The work runs on the main thread in short slices — the
 * market, then one channel at a time, yielding to the browser between them — and the latest
 * scenario wins: a newer edit abandons a computation under way. Results replace the charts only
 * once complete, so they never mix two versions.
 */
import type { Scenario } from '$lib/sim/scenario';
import {
	channelPreview,
	ltvPreview,
	responseContext,
	type ChannelPreview,
	type SegmentPreview
} from './preview';

/** Quiet time after the last change before the previews recompute, ms. */
export const PREVIEW_DELAY_MS = 150;

/** Let the browser handle input and paint before the next slice. */
const yieldToBrowser = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** The live previews of the last valid scenario (see the module comment). */
export class PreviewState {
	/** Each channel's true response curve for the last valid scenario. */
	channels = $state.raw<ChannelPreview[]>([]);
	/** Each segment's cohort value curve for the last valid scenario. */
	segments = $state.raw<SegmentPreview[]>([]);
	/** The currency of the last valid scenario. */
	currency = $state('USD');
	/** Date of day 0 of the last valid scenario (YYYY-MM-DD). */
	startDate = $state('');
	/** LTV horizon of the last valid scenario, days. */
	horizonDays = $state(0);
	/** Annual discount rate of the last valid scenario. */
	discountRate = $state(0);
	/** True while the charts show an older scenario than the draft (invalid, or about to update). */
	stale = $state(false);
	/** True while the draft is invalid (the charts show the last valid scenario). */
	invalid = $state(false);
	/** Longest single slice of the last computation, ms (what the main thread was held for). */
	computeMs = $state(0);
	/** Times the previews were computed (tests watch it change). */
	version = $state(0);
	/** A computation that failed, in words. */
	error = $state<string | null>(null);

	#timer: ReturnType<typeof setTimeout> | null = null;
	/** Bumped by every update: a computation that sees a newer one stops. */
	#generation = 0;
	readonly #delay: number;

	constructor(delayMs = PREVIEW_DELAY_MS) {
		this.#delay = delayMs;
	}

	/** The draft changed: recompute soon (at once the first time), or keep the last if invalid. */
	update(scenario: Scenario | null): void {
		this.#clear();
		const generation = ++this.#generation;
		this.invalid = scenario === null;
		this.stale = true;
		if (!scenario) return;
		const delay = this.version === 0 ? 0 : this.#delay;
		this.#timer = setTimeout(() => void this.compute(scenario, generation), delay);
	}

	/** Compute the previews of `scenario` in slices; resolves when done or superseded. */
	async compute(scenario: Scenario, generation = ++this.#generation): Promise<void> {
		this.#timer = null;
		let longest = 0;
		const slice = <T>(work: () => T): T => {
			const started = performance.now();
			const result = work();
			longest = Math.max(longest, performance.now() - started);
			return result;
		};
		try {
			const context = slice(() => responseContext(scenario));
			const channels: ChannelPreview[] = [];
			for (let c = 0; c < scenario.channels.length; c++) {
				await yieldToBrowser();
				if (generation !== this.#generation) return;
				channels.push(slice(() => channelPreview(context, c)));
			}
			await yieldToBrowser();
			if (generation !== this.#generation) return;
			this.segments = slice(() => ltvPreview(scenario));
			this.channels = channels;
			this.currency = scenario.currency;
			this.startDate = scenario.startDate;
			this.horizonDays = scenario.ltv.horizonDays;
			this.discountRate = scenario.ltv.annualDiscountRate;
			this.error = null;
		} catch (error) {
			if (generation !== this.#generation) return;
			this.error = error instanceof Error ? error.message : String(error);
		}
		this.computeMs = longest;
		this.stale = false;
		this.version++;
	}

	/** Stop a pending or running recomputation (the page is closing). */
	dispose(): void {
		this.#clear();
		this.#generation++;
	}

	#clear(): void {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
	}
}
