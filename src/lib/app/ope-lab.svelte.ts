/**
 * UI state of the off-policy evaluation page: where the log comes from (a simulated run or an
 * uploaded CSV), the loaded log's summary, the target policy and bootstrap settings, and the
 * latest evaluation. The work happens in the OPE worker behind the bridge; latest wins — a new
 * request supersedes one still running, and only the latest result is kept.
 */
import type { OpeIssue, OpeParsed } from '../experiment/ope/log';
import type { LogSummary, OpeEvaluation, OpeSource } from '../experiment/ope/ope-session';
import type { LoggingPolicySpec } from '../experiment/ope/simulated-log';
import type { TargetSpec } from '../experiment/ope/target-policies';
import type { OpeEvaluateRequest } from '../workers/ope.worker';

/** What the state needs of the worker (the real bridge, or a fake in tests). */
export interface OpeRunner {
	load(source: OpeSource, signal: AbortSignal): Promise<OpeParsed<LogSummary>>;
	evaluate(
		source: OpeSource,
		target: TargetSpec,
		request: OpeEvaluateRequest,
		signal: AbortSignal,
		onProgress: (share: number) => void
	): Promise<OpeParsed<OpeEvaluation>>;
	csv(source: OpeSource, signal: AbortSignal): Promise<OpeParsed<string>>;
}

/** Where the page stands. */
export type OpeStatus = 'idle' | 'loading' | 'evaluating' | 'ready' | 'error';

/** Largest CSV read, bytes: beyond it the estimators' tables would not fit comfortably. */
export const MAX_CSV_BYTES = 50 * 1024 * 1024;

export class OpeLab {
	/** Which source the form edits. */
	sourceKind = $state<'simulated' | 'csv'>('simulated');
	/** Simulated source: preset, market seed, logging policy, ε. */
	preset = $state('dtc-default');
	marketSeed = $state(1);
	loggingKind = $state<LoggingPolicySpec['kind']>('epsilon-greedy');
	epsilon = $state(0.3);
	/** Target policy settings. */
	targetKind = $state<TargetSpec['kind']>('greedy-model');
	temperature = $state(0.5);
	fixedAction = $state(0);
	/** Bootstrap settings. */
	replicates = $state(500);
	bootstrapSeed = $state(1);

	/** Where the latest request stands. */
	status = $state<OpeStatus>('idle');
	/** Share of the bootstrap done, 0–1. */
	progress = $state(0);
	/** The loaded log's source and summary (kept while a newer request runs). */
	source = $state.raw<OpeSource | null>(null);
	summary = $state.raw<LogSummary | null>(null);
	/** The latest evaluation. */
	evaluation = $state.raw<OpeEvaluation | null>(null);
	/** Problems of the latest request (a CSV's rows and columns, a target that does not fit). */
	issues = $state.raw<OpeIssue[]>([]);
	/** What failed, for the issues' heading. */
	issueContext = $state<'load' | 'evaluate' | null>(null);

	/** The target as plain data. */
	readonly target: TargetSpec = $derived.by((): TargetSpec => {
		switch (this.targetKind) {
			case 'softmax-model':
				return { kind: 'softmax-model', temperature: this.temperature };
			case 'fixed':
				return { kind: 'fixed', action: this.fixedAction };
			default:
				return { kind: this.targetKind };
		}
	});

	readonly #runner: OpeRunner;
	#controller: AbortController | null = null;

	constructor(runner: OpeRunner) {
		this.#runner = runner;
	}

	/** Simulate a log on the chosen preset, then evaluate the target on it. */
	generate(): Promise<void> {
		const logging: LoggingPolicySpec =
			this.loggingKind === 'uniform'
				? { kind: 'uniform' }
				: { kind: 'epsilon-greedy', epsilon: this.epsilon };
		return this.#load({
			kind: 'simulated',
			preset: this.preset,
			seed: this.marketSeed,
			logging
		});
	}

	/** Read an uploaded file, then evaluate the target on it. */
	async upload(file: File): Promise<void> {
		if (file.size > MAX_CSV_BYTES) {
			this.#fail('load', [
				{
					message: `${file.name} is ${(file.size / 1048576).toFixed(0)} MB; the largest log read here is ${MAX_CSV_BYTES / 1048576} MB. Sample it down first.`
				}
			]);
			return;
		}
		let text: string;
		try {
			text = await file.text();
		} catch {
			this.#fail('load', [{ message: `${file.name} could not be read.` }]);
			return;
		}
		return this.#load({ kind: 'csv', name: file.name, text });
	}

	/** Evaluate the current target on the loaded log. */
	async evaluate(): Promise<void> {
		const source = this.source;
		if (!source) return;
		const controller = this.#begin('evaluating');
		try {
			const result = await this.#runner.evaluate(
				source,
				$state.snapshot(this.target) as TargetSpec,
				{ seed: this.bootstrapSeed, replicates: this.replicates },
				controller.signal,
				(share) => {
					if (this.#controller === controller) this.progress = share;
				}
			);
			if (this.#controller !== controller) return;
			if (!result.ok) {
				this.evaluation = null;
				this.#fail('evaluate', result.errors);
				return;
			}
			this.evaluation = result.value;
			this.issues = [];
			this.issueContext = null;
			this.status = 'ready';
		} catch (error) {
			this.#caught(controller, error);
		}
	}

	/** The loaded log as CSV text, or null if there is none (or it failed). */
	async csv(): Promise<string | null> {
		if (!this.source) return null;
		const controller = new AbortController();
		const result = await this.#runner.csv(this.source, controller.signal);
		return result.ok ? result.value : null;
	}

	/** Cancel whatever is running. */
	cancel(): void {
		this.#controller?.abort();
		this.#controller = null;
		if (this.status === 'loading' || this.status === 'evaluating') {
			this.status = this.evaluation ? 'ready' : 'idle';
		}
	}

	async #load(source: OpeSource): Promise<void> {
		const controller = this.#begin('loading');
		try {
			const result = await this.#runner.load(source, controller.signal);
			if (this.#controller !== controller) return;
			if (!result.ok) {
				// A log that did not load replaces the previous one: no results of another log stay up.
				this.source = null;
				this.summary = null;
				this.evaluation = null;
				this.#fail('load', result.errors);
				return;
			}
			this.source = source;
			this.summary = result.value;
			this.evaluation = null;
			if (this.targetKind === 'file' && !result.value.hasFileTarget) {
				this.targetKind = 'greedy-model';
			}
			if (result.value.hasFileTarget) this.targetKind = 'file';
			if (this.fixedAction >= result.value.actions) this.fixedAction = 0;
		} catch (error) {
			this.#caught(controller, error);
			return;
		}
		await this.evaluate();
	}

	#begin(status: 'loading' | 'evaluating'): AbortController {
		this.#controller?.abort();
		const controller = new AbortController();
		this.#controller = controller;
		this.status = status;
		this.progress = 0;
		return controller;
	}

	#fail(context: 'load' | 'evaluate', issues: OpeIssue[]): void {
		this.issues = issues;
		this.issueContext = context;
		this.status = 'error';
	}

	#caught(controller: AbortController, error: unknown): void {
		if (this.#controller !== controller || controller.signal.aborted) return;
		this.#fail(this.status === 'loading' ? 'load' : 'evaluate', [
			{ message: error instanceof Error ? error.message : String(error) }
		]);
	}
}
