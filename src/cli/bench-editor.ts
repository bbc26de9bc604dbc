/**
 * Scenario editor speed for `npm run bench editor`: what one edit costs on the page's main
 * thread with the dtc-default preset — validating the draft (`parseScenario`, run on every
 * keystroke), and the live preview (its largest slice, the day-0 market; the cohort value
 * curves; and a whole update, all slices summed). Medians of 15 runs after 3 warm-ups, ms.
 */
import { channelPreview, ltvPreview, responseContext } from '../lib/scenario-editor/preview';
import { loadPreset, presets } from '../lib/sim/presets';
import { parseScenario } from '../lib/sim/scenario';
import type { Figure } from './bench';

const WARM_UPS = 3;
const RUNS = 15;

/** Median milliseconds of `work` over RUNS runs after WARM_UPS warm-ups. */
function medianMs(work: () => unknown): number {
	for (let i = 0; i < WARM_UPS; i++) work();
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) {
		const start = performance.now();
		work();
		times.push(performance.now() - start);
	}
	times.sort((a, b) => a - b);
	return times[Math.floor(RUNS / 2)];
}

/** Editor figures: validation per keystroke and the preview's slices, ms on this machine. */
export function benchEditor(): Figure[] {
	const scenario = loadPreset('dtc-default');
	const wholePreview = () => {
		const context = responseContext(scenario);
		scenario.channels.forEach((_, c) => channelPreview(context, c));
		ltvPreview(scenario);
	};
	const round = (ms: number) => Math.round(ms * 100) / 100;
	return [
		{
			name: 'editor.validate_ms',
			value: round(medianMs(() => parseScenario(presets['dtc-default']))),
			unit: 'ms',
			note: 'parseScenario of the dtc-default draft (every keystroke)'
		},
		{
			name: 'editor.preview_market_ms',
			value: round(medianMs(() => responseContext(scenario))),
			unit: 'ms',
			note: 'first preview slice: the day-0 market'
		},
		{
			name: 'editor.preview_total_ms',
			value: round(medianMs(wholePreview)),
			unit: 'ms',
			note: 'every slice of one preview update, summed (the page spreads them over tasks)'
		},
		{
			name: 'editor.preview_ltv_ms',
			value: round(medianMs(() => ltvPreview(scenario))),
			unit: 'ms',
			note: 'cohort value curves of every segment'
		}
	];
}
