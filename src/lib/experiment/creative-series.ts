/**
 * Creative wear-out in a run, for the lab's fatigue chart: each creative's click rate per pilot
 * day, and the days a policy paused, launched or refreshed it.
 *
 * The decision log does not record creative operations, so `CreativeRecorder` reads them off
 * the market's state (`active`, `refreshCount`) at the end of every day of the run.
 */
import type { Market } from '../sim/market';
import type { Scenario } from '../sim/scenario';
import type { PolicyRun } from './runner';

/** What happened to a creative slot on a day. */
export type CreativeEventKind = 'pause' | 'launch' | 'refresh';

/** One creative operation, as seen at the end of the pilot day it took effect. */
export interface CreativeEvent {
	/** Pilot day (0 = the pilot's first day). */
	day: number;
	/** Index into `CreativeSeries.creatives`. */
	creative: number;
	kind: CreativeEventKind;
}

/** A creative slot that holds a creative. */
export interface CreativeInfo {
	/** Channel index. */
	channel: number;
	/** Slot within the channel. */
	slot: number;
	/** The creative's id and display name (of the slot's original creative; a refresh replaces it in place). */
	id: string;
	name: string;
	/** Whether it was live on the pilot's first morning (false: a reserve). */
	liveAtStart: boolean;
}

/** Click rate and delivery of every creative over the pilot days of one run. */
export interface CreativeSeries {
	/** Pilot days. */
	days: number;
	creatives: CreativeInfo[];
	/** Clicks ÷ impressions per creative per day, [i·days + d]; NaN on days without impressions. */
	clickRate: Float64Array;
	/** Impressions served per creative per day, [i·days + d]. */
	impressions: Float64Array;
	/** Pauses, launches and refreshes, in day order. */
	events: CreativeEvent[];
}

/** Watches a market's creative slots day by day during a run. */
export class CreativeRecorder {
	readonly events: CreativeEvent[] = [];
	readonly #market: Market;
	readonly #slots: number[];
	readonly #active: Uint8Array;
	readonly #refreshes: Uint16Array;

	/** Start watching `market` as it stands now (the morning of the pilot's first day). */
	constructor(market: Market) {
		this.#market = market;
		const exists = market.params.creativeExists;
		this.#slots = [];
		for (let ck = 0; ck < exists.length; ck++) if (exists[ck]) this.#slots.push(ck);
		this.#active = market.state.active.slice();
		this.#refreshes = market.state.refreshCount.slice();
	}

	/** Whether each existing slot was live when recording started, in slot order. */
	get liveAtStart(): boolean[] {
		return this.#slots.map((ck) => this.#active[ck] === 1);
	}

	/** Note the changes since the previous call; call at the end of pilot day `day`. */
	endOfDay(day: number): void {
		const { active, refreshCount } = this.#market.state;
		this.#slots.forEach((ck, i) => {
			if (refreshCount[ck] !== this.#refreshes[ck]) {
				this.events.push({ day, creative: i, kind: 'refresh' });
			} else if (active[ck] !== this.#active[ck]) {
				this.events.push({ day, creative: i, kind: active[ck] ? 'launch' : 'pause' });
			}
			this.#active[ck] = active[ck];
			this.#refreshes[ck] = refreshCount[ck];
		});
	}
}

/**
 * Each creative's daily click rate over the pilot days of `run`.
 * @param scenario the scenario as configured (creative names)
 * @param events what a `CreativeRecorder` saw during the run (empty if none was kept)
 * @param liveAtStart per existing slot, whether it was live on the first pilot day
 */
export function creativeSeries(
	run: PolicyRun,
	scenario: Scenario,
	events: CreativeEvent[] = [],
	liveAtStart?: boolean[]
): CreativeSeries {
	const { trace, historyDays: H, days } = run;
	const { C, K, S } = trace;
	const exists = run.market.params.creativeExists;
	const creatives: CreativeInfo[] = [];
	for (let c = 0; c < C; c++) {
		for (let k = 0; k < K; k++) {
			if (!exists[c * K + k]) continue;
			const creative = scenario.channels[c]?.creatives[k];
			creatives.push({
				channel: c,
				slot: k,
				id: creative?.id ?? trace.creativeIds[c * K + k],
				name: creative?.name ?? trace.creativeIds[c * K + k],
				liveAtStart: liveAtStart?.[creatives.length] ?? creative?.active ?? true
			});
		}
	}
	const n = creatives.length;
	const clickRate = new Float64Array(n * days);
	const impressions = new Float64Array(n * days);
	const { clicks, impressions: shown } = trace.observables;
	creatives.forEach(({ channel: c, slot: k }, i) => {
		const ck = c * K + k;
		for (let d = 0; d < days; d++) {
			const day = H + d;
			let served = 0;
			for (let s = 0; s < S; s++) served += shown[((day * C + c) * K + k) * S + s];
			impressions[i * days + d] = served;
			clickRate[i * days + d] = served > 0 ? clicks[day * C * K + ck] / served : NaN;
		}
	});
	return { days, creatives, clickRate, impressions, events };
}
