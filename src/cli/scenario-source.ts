/** Load a scenario for the CLI from a preset name or a JSON file, with clear errors. */
import { readFileSync } from 'node:fs';
import { loadPreset, presetNames, presets } from '../lib/sim/presets';
import { formatFieldError, parseScenarioJson, type Scenario } from '../lib/sim/scenario';

export class UsageError extends Error {}

export function loadScenarioArg(source: string): Scenario {
	if (source in presets) return loadPreset(source);
	let text: string;
	try {
		text = readFileSync(source, 'utf8');
	} catch {
		throw new UsageError(
			`--scenario: "${source}" is neither a preset (${presetNames().join(', ')}) nor a readable file`
		);
	}
	const parsed = parseScenarioJson(text);
	if (!parsed.ok) {
		throw new UsageError(
			`--scenario ${source} is not a valid scenario:\n  ${parsed.errors.map(formatFieldError).join('\n  ')}`
		);
	}
	return parsed.value;
}

/** A whole number within [min, max], or a usage error naming the option. */
export function intArg(
	name: string,
	value: string | undefined,
	min: number,
	max: number
): number | undefined {
	if (value === undefined) return undefined;
	const n = Number(value);
	if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min || n > max) {
		throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
	}
	return n;
}
