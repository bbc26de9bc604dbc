/** Built-in scenarios, by name. */
import { parseScenario, type Scenario, type ScenarioInput } from '../scenario';
import { dtcDefault } from './dtc-default';
import { ltvShift } from './ltv-shift';
import { creativeFatigue, lastClickTrap, saturationTwoChannels } from './teaching';

export const presets: Readonly<Record<string, ScenarioInput>> = {
	'dtc-default': dtcDefault,
	'two-channels': saturationTwoChannels,
	'creative-fatigue': creativeFatigue,
	'last-click-trap': lastClickTrap,
	'ltv-shift': ltvShift
};

/** The preset the lab opens with. */
export const DEFAULT_PRESET = 'dtc-default';

export const presetNames = (): string[] => Object.keys(presets);

/** A preset, validated with defaults filled in (throws if a built-in preset is invalid). */
export function loadPreset(name: string): Scenario {
	const input = presets[name];
	if (!input) {
		throw new Error(`Unknown preset "${name}". Presets: ${presetNames().join(', ')}`);
	}
	const parsed = parseScenario(input);
	if (!parsed.ok) {
		throw new Error(
			`Preset "${name}" is invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`
		);
	}
	return parsed.value;
}
