/**
 * Command-line pilot arguments → a validated scenario and pilot config. The flags and files are
 * assembled into the lab's pilot-config JSON and validated by `parsePilotConfig`, so the CLI
 * accepts exactly what the lab does; each error is then reworded to name where the bad value
 * came from: `--policies: "nope" is not a policy; known: …`, `--guardrails g.json: maxShiftPct:
 * must be ≥ 0 …`, `--config c.json: policies[1].rate: …`, `--seeds: must be a whole number from 1 to 500`.
 */
import { readFileSync } from 'node:fs';
import type { PilotConfig } from '../lib/experiment/pilot';
import { parsePilotConfig, type PilotConfigInput } from '../lib/experiment/pilot-config';
import { parseJson } from '../lib/sim/json';
import type { FieldError, Scenario } from '../lib/sim/scenario';
import { loadScenarioArg, UsageError } from './scenario-source';
import type { PilotArgs } from './sim-args';
import type { LtvWeightsJson } from '../lib/policies/ltv-network';
import { withLtvModel } from './ltv-train';

/** A pilot ready to run. */
export interface PilotSetup {
	scenario: Scenario;
	config: PilotConfig;
}

/** Read and parse a JSON file named by `option`, or a usage error saying why not. */
export function readJsonArg(option: string, file: string): unknown {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : code;
		throw new UsageError(`${option}: cannot read "${file}" (${why ?? 'unreadable'})`);
	}
	const parsed = parseJson(text);
	if (!parsed.ok) throw new UsageError(`${option} ${file}: not valid JSON: ${parsed.message}`);
	return parsed.value;
}

/** Where each top-level field of the assembled config came from, for messages. */
type Sources = Partial<Record<keyof PilotConfigInput | string, string>>;

const FLAGS: Record<string, string> = {
	seeds: '--seeds',
	firstSeed: '--first-seed',
	days: '--days',
	objective: '--objective',
	baseline: '--baseline'
};

/** An error of `parsePilotConfig`, told in terms of the option or file it came from. */
function describe(error: FieldError, sources: Sources, policies: string[] | undefined): string {
	const field = error.path.split(/[.[]/)[0];
	const source = sources[field] ?? sources['*'];
	if (source === '--policies') {
		// policies[i].kind or policies[i] (listed twice): the message names the kind already.
		const rest = error.path.replace(/^policies\[(\d+)\]\.?/, '');
		const index = Number(/^policies\[(\d+)\]/.exec(error.path)?.[1]);
		if (rest === '' || rest === 'kind') return `--policies: ${error.message}`;
		return `--policies: ${policies?.[index] ?? '?'}: ${rest}: ${error.message}`;
	}
	if (source?.startsWith('--guardrails ')) {
		const rest = error.path.replace(/^guardrails\.?/, '');
		return `${source}: ${rest ? `${rest}: ` : ''}${error.message}`;
	}
	if (source?.startsWith('--config ')) {
		return `${source}: ${error.path ? `${error.path}: ` : ''}${error.message}`;
	}
	return `${source ?? error.path}: ${error.message}`;
}

/**
 * Load the scenario and build and validate the pilot config from the arguments. `ltvModel`, when
 * given, goes to every ts-curve-ltv policy that has none (see ltv-train.ts).
 */
export function setupPilot(args: PilotArgs, ltvModel?: LtvWeightsJson): PilotSetup {
	const scenario = loadScenarioArg(args.scenario);
	const input: Record<string, unknown> = {};
	const sources: Sources = {};
	if (args.config !== undefined) {
		const value = readJsonArg('--config', args.config);
		const fromFile = Array.isArray(value) ? { policies: value } : value;
		if (typeof fromFile !== 'object' || fromFile === null) {
			throw new UsageError(
				`--config ${args.config}: must be a pilot config (a JSON object) or a list of policies`
			);
		}
		Object.assign(input, fromFile);
		sources['*'] = `--config ${args.config}`;
	}
	if (args.policies !== undefined) {
		input.policies = args.policies.map((kind) => ({ kind }));
		sources.policies = '--policies';
	}
	const flagValues: Record<string, unknown> = {
		seeds: args.seeds,
		firstSeed: args.firstSeed,
		days: args.days,
		objective: args.objective,
		baseline: args.baseline
	};
	for (const [field, value] of Object.entries(flagValues)) {
		if (value === undefined) continue;
		input[field] = value;
		sources[field] = FLAGS[field];
	}
	if (args.guardrails !== undefined) {
		input.guardrails = readJsonArg('--guardrails', args.guardrails);
		sources.guardrails = `--guardrails ${args.guardrails}`;
	}
	if (ltvModel && Array.isArray(input.policies))
		input.policies = withLtvModel(input.policies, ltvModel);
	const parsed = parsePilotConfig(input, scenario);
	if (!parsed.ok) {
		throw new UsageError(
			parsed.errors.map((error) => describe(error, sources, args.policies)).join('\n')
		);
	}
	return { scenario, config: parsed.value };
}
