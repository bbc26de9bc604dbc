/**
 * The lab's state: the scenario, the pilot form, and the pilot shown — running, with its
 * results filling in seed by seed, or finished and saved. The work happens in the pilot workers
 * behind the pool and saving in IndexedDB; both come in through the constructor, so this class
 * only holds state (and node tests drive it with fakes). Latest wins: a new pilot supersedes
 * one in progress.
 */
import type { PilotConfig, PilotResult, SeedResult } from '../experiment/pilot';
import { parsePilotConfig } from '../experiment/pilot-config';
import { guardrailWarnings } from '../guardrails/schema';
import { DEFAULT_PRESET, loadPreset } from '../sim/presets';
import type { FieldError, Parsed, Scenario } from '../sim/scenario';
import type { PilotDetails } from '../experiment/pilot-details';
import type { PilotSnapshot } from './pilot-analyst';
import type { PilotCurves } from './pilot-curves';
import { errorsByField, PilotForm, type PilotConfigJson } from './pilot-form.svelte';
import type { PilotProgress } from './run-progress';
import { interruptionText, isPilotInterrupted } from '../workers/pilot-interrupted';

/** What the lab needs of the pool (the real `PilotPool`, or a fake in tests). */
export interface PilotRunner {
	run(
		request: { scenario: Scenario; config: PilotConfig },
		options: {
			signal?: AbortSignal;
			onProgress?: (progress: PilotProgress) => void;
			onSnapshot?: (snapshot: PilotSnapshot) => void;
			onDetails?: (details: PilotDetails) => void;
			/** Seeds of this same pilot already finished (a retry after a fault). */
			completed?: readonly SeedResult[];
		}
	): Promise<PilotSnapshot & { details: PilotDetails | null }>;
	/** The summary of seeds kept from an interrupted pilot (to show them), null when none. */
	summarizeSeeds?(
		request: { scenario: Scenario; config: PilotConfig },
		completed: readonly SeedResult[]
	): Promise<PilotSnapshot | null>;
}

/** A storage outcome as the lab reads it (`Stored<T>` of src/lib/storage). */
export type SaveOutcome =
	{ ok: true; value: { id: string; name: string } } | { ok: false; error: { message: string } };

/** What the lab needs of storage (src/lib/storage's saveRun and renameRun, or fakes). */
export interface RunStore {
	save(run: {
		preset: string | null;
		scenario: Scenario;
		config: PilotConfig;
		result: PilotResult;
	}): Promise<SaveOutcome>;
	rename(id: string, name: string): Promise<SaveOutcome>;
}

/** Where the scenario came from; `preset` is the preset it started from (share links diff against it). */
export type ScenarioSource =
	| { kind: 'preset'; name: string; preset: string }
	| { kind: 'saved'; id: string; name: string; preset: string | null }
	| { kind: 'link'; name: string; preset: string | null };

/** A pilot on screen: what it ran on and what came out so far. */
export interface ShownPilot {
	scenario: Scenario;
	config: PilotConfig;
	/** The preset the scenario started from (null for a scenario of its own). */
	preset: string | null;
	result: PilotResult;
	/** `resultFingerprint(result)`. */
	fingerprint: string;
	/** True response curves with each policy's operating point. */
	curves: PilotCurves | null;
	/** Per-day detail of the first seed (null while it is computed). */
	details: PilotDetails | null;
	/** Whether the result covers every seed of the config. */
	complete: boolean;
}

/** The run report's props (src/lib/app/RunReport.svelte), which the lab loads on demand. */
export interface RunReportProps {
	result: PilotResult;
	scenario: Scenario;
	config: PilotConfig;
	partial?: boolean;
	curves?: PilotCurves | null;
	details?: PilotDetails | null;
}

/** Where saving the last finished pilot stands. */
export type SaveState =
	| { state: 'idle' }
	| { state: 'saving' }
	| { state: 'saved'; id: string; name: string }
	| { state: 'error'; message: string };

export type LabStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

/** A pilot stopped by a worker fault, which `retry()` can finish. */
export interface Interruption {
	/** What happened, in words, with the seeds kept. */
	message: string;
	/** Seeds that finished before the fault (kept; the retry runs the others). */
	seedsKept: number;
	/** Seeds in the pilot. */
	seeds: number;
}

/** A pilot to run: what it runs on, the preset it started from, the seeds already done. */
interface PilotJob {
	request: { scenario: Scenario; config: PilotConfig };
	preset: string | null;
	completed: readonly SeedResult[];
}

export class Lab {
	/** The pilot form (fields bound by the page). */
	readonly form = new PilotForm();
	/** Where the scenario came from. */
	source = $state.raw<ScenarioSource>({
		kind: 'preset',
		name: DEFAULT_PRESET,
		preset: DEFAULT_PRESET
	});
	/** The scenario as chosen (before the budget field). */
	base = $state.raw<Scenario>(loadPreset(DEFAULT_PRESET));
	/** Daily budget, currency/day; null while the field is empty or unreadable. */
	budget = $state<number | null>(this.base.dailyBudget);
	/** The scenario the pilot runs on: the chosen one with the form's daily budget. */
	readonly scenario = $derived<Scenario>(
		this.budget !== null && this.budget > 0 && this.budget !== this.base.dailyBudget
			? { ...this.base, dailyBudget: this.budget }
			: this.base
	);
	/** The form's config as plain JSON. */
	readonly config = $derived<PilotConfigJson>(this.form.toJson());
	/** The config validated against the scenario. */
	readonly parsed = $derived<Parsed<PilotConfig>>(parsePilotConfig(this.config, this.scenario));
	/** Problem with the budget field, if any. */
	readonly budgetError = $derived(
		this.budget === null || !(this.budget > 0) ? 'Enter a daily budget above 0.' : null
	);
	/** Validation errors by form field. */
	readonly errors = $derived(this.parsed.ok ? {} : errorsByField(this.parsed.errors));
	/** Whether the form can run. */
	readonly valid = $derived(this.parsed.ok && this.budgetError === null);
	/** Guardrail settings that are valid but will not all hold (said before a run). */
	readonly warnings = $derived<FieldError[]>(
		this.parsed.ok
			? guardrailWarnings(
					this.parsed.value.guardrails,
					this.scenario.channels.map((c) => c.id),
					this.scenario.dailyBudget
				)
			: []
	);

	/** Where the latest pilot stands. */
	status = $state<LabStatus>('idle');
	/** Progress of the pilot running (null before its first report). */
	progress = $state.raw<PilotProgress | null>(null);
	/** What went wrong, in words, when status is 'error'. */
	error = $state<string | null>(null);
	/** The pilot on screen (kept while a newer one starts, until its first results arrive). */
	shown = $state.raw<ShownPilot | null>(null);
	/** Saving of the last finished pilot. */
	save = $state.raw<SaveState>({ state: 'idle' });
	/** The pilot a worker fault stopped (status 'error'), null otherwise. */
	interrupted = $state.raw<Interruption | null>(null);

	readonly #runner: PilotRunner;
	readonly #store: RunStore;
	#controller: AbortController | null = null;
	/** The interrupted pilot, to retry with its finished seeds. */
	#interruptedJob: PilotJob | null = null;

	constructor(runner: PilotRunner, store: RunStore) {
		this.#runner = runner;
		this.#store = store;
		this.form.resetRanges(this.base.channels.map((c) => c.id));
	}

	/** Set up the form for a built-in preset. */
	choosePreset(name: string): void {
		this.#setScenario(loadPreset(name), { kind: 'preset', name, preset: name });
	}

	/** Set up the form for a scenario from elsewhere (saved, or a link), already validated. */
	useScenario(scenario: Scenario, source: ScenarioSource): void {
		this.#setScenario(scenario, source);
	}

	#setScenario(scenario: Scenario, source: ScenarioSource): void {
		this.base = scenario;
		this.source = source;
		this.budget = scenario.dailyBudget;
		this.form.resetRanges(scenario.channels.map((c) => c.id));
	}

	/** Run the form's pilot; resolves when it finished (and was saved), failed, or was cancelled. */
	async run(): Promise<void> {
		if (!this.parsed.ok || this.budgetError !== null) return;
		const request = { scenario: this.scenario, config: this.parsed.value };
		await this.#runJob({ request, preset: this.source.preset, completed: [] });
	}

	/**
	 * Finish the pilot a worker fault stopped: the same scenario and settings (whatever the form
	 * says now), running only the seeds that had not finished. Same seeds, same numbers.
	 */
	async retry(): Promise<void> {
		const job = this.#interruptedJob;
		if (job) await this.#runJob(job);
	}

	async #runJob({ request, preset, completed }: PilotJob): Promise<void> {
		const controller = this.#begin();
		const latest = () => this.#controller === controller;
		let details: PilotDetails | null = null;
		const show = (snapshot: PilotSnapshot) => {
			this.shown = {
				...request,
				preset,
				...snapshot,
				details,
				complete: snapshot.result.seeds.length === request.config.seeds
			};
		};
		try {
			const outcome = await this.#runner.run(request, {
				signal: controller.signal,
				completed,
				onProgress: (progress) => {
					if (latest()) this.progress = progress;
				},
				onSnapshot: (snapshot) => {
					if (latest()) show(snapshot);
				},
				onDetails: (value) => {
					if (!latest()) return;
					details = value;
					if (this.shown?.config === request.config) this.shown = { ...this.shown, details };
				}
			});
			if (!latest()) return;
			details = outcome.details;
			show(outcome);
			this.status = 'done';
			this.#controller = null;
			await this.saveShown();
		} catch (error) {
			this.#failed(controller, error, { request, preset, completed });
		} finally {
			if (latest()) this.#controller = null;
		}
	}

	/** Cancel the pilot running, if any (results so far stay on screen). */
	cancel(): void {
		this.#controller?.abort();
	}

	/** Save the finished pilot on screen (again, after a storage error). Never throws. */
	async saveShown(): Promise<void> {
		const shown = this.shown;
		if (!shown?.complete) return;
		this.save = { state: 'saving' };
		let outcome: SaveOutcome;
		try {
			outcome = await this.#store.save(shown);
		} catch (error) {
			outcome = { ok: false, error: { message: messageOf(error) } };
		}
		if (this.shown !== shown) return;
		this.save = outcome.ok
			? { state: 'saved', id: outcome.value.id, name: outcome.value.name }
			: { state: 'error', message: outcome.error.message };
	}

	/** Rename the saved pilot; returns the error message, or null when renamed. */
	async rename(name: string): Promise<string | null> {
		const save = this.save;
		if (save.state !== 'saved') return 'The pilot is not saved yet.';
		let outcome: SaveOutcome;
		try {
			outcome = await this.#store.rename(save.id, name);
		} catch (error) {
			outcome = { ok: false, error: { message: messageOf(error) } };
		}
		if (!outcome.ok) return outcome.error.message;
		if (this.save === save) this.save = { ...save, name: outcome.value.name };
		return null;
	}

	/** Supersede whatever runs and start a new piece of work. */
	#begin(): AbortController {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.status = 'running';
		this.progress = null;
		this.error = null;
		this.save = { state: 'idle' };
		this.interrupted = null;
		this.#interruptedJob = null;
		return controller;
	}

	/** Draw the seeds an interruption kept when the screen shows fewer (a summary may not have come). */
	async #showKept(job: PilotJob): Promise<void> {
		const { request, preset, completed } = job;
		const shown = this.shown;
		if (shown?.config === request.config && shown.result.seeds.length >= completed.length) return;
		let snapshot: PilotSnapshot | null;
		try {
			snapshot = (await this.#runner.summarizeSeeds?.(request, completed)) ?? null;
		} catch {
			return; // The message still says the seeds are kept; the retry will draw them.
		}
		if (!snapshot || this.#interruptedJob !== job) return;
		this.shown = { ...request, preset, ...snapshot, details: null, complete: false };
	}

	#failed(controller: AbortController, error: unknown, job: PilotJob): void {
		if (this.#controller !== controller) return;
		if (controller.signal.aborted) this.status = 'cancelled';
		else if (isPilotInterrupted(error)) {
			// Nothing is saved: the seeds done are kept for the retry, and stay on screen.
			const completed = error.completed;
			const interruptedJob = { ...job, completed };
			this.#interruptedJob = interruptedJob;
			void this.#showKept(interruptedJob);
			this.status = 'error';
			this.error = interruptionText(error.message, completed.length);
			this.interrupted = {
				message: this.error,
				seedsKept: completed.length,
				seeds: job.request.config.seeds
			};
		} else {
			this.status = 'error';
			this.error = messageOf(error);
		}
	}
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
