/**
 * The lab's state: the scenario, the pilot form, and the pilot shown — running, with its
 * results filling in seed by seed, or finished and saved. The work happens in the pilot workers
 * behind the pool and saving in IndexedDB; both come in through the constructor, so this class
 * only holds state (and node tests drive it with fakes). Latest wins: a new pilot supersedes
 * one in progress.
 */
import type { PilotConfig, SeedResult } from '../experiment/pilot';
import { parsePilotConfig } from '../experiment/pilot-config';
import { guardrailWarnings } from '../guardrails/schema';
import { DEFAULT_PRESET, loadPreset } from '../sim/presets';
import type { FieldError, Parsed, Scenario } from '../sim/scenario';
import type { PilotDetails } from '../experiment/pilot-details';
import type { PilotSnapshot } from './pilot-analyst';
import { errorsByField, PilotForm, type PilotConfigJson } from './pilot-form.svelte';
import type { PilotProgress } from './run-progress';
import { interruptionText, isPilotInterrupted } from '../workers/pilot-interrupted';
import type {
	Interruption,
	LabStatus,
	PilotRunner,
	RunStore,
	SaveOutcome,
	SaveState,
	ScenarioSource,
	ShownPilot
} from './lab-types';

export type {
	PilotRunner,
	SaveOutcome,
	RunStore,
	ScenarioSource,
	ShownPilot,
	RunReportProps,
	SaveState,
	LabStatus,
	Interruption
} from './lab-types';

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
