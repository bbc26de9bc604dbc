/**
 * Drift alerts of a decision log as the report words them: a count, the signals that fired most
 * often, and every alert for whoever wants the list. A year of a seasonal market fires many weekly
 * checks (prices and click rates do move against the pilot's first 8 weeks), so the report leads
 * with what recurs instead of a paragraph of dates. Pure.
 */
import type { DriftLogAlert } from '../experiment/decision-log';

/** A drifted signal and the number of weekly checks it fired in. */
export interface DriftSignal {
	label: string;
	weeks: number;
}

/** One alert, worded: its pilot day and what drifted. */
export interface DriftAlertItem {
	day: number;
	text: string;
}

export interface DriftSummary {
	count: number;
	/** Signals by how many checks they fired in, most first (ties by label). */
	signals: DriftSignal[];
	items: DriftAlertItem[];
}

/** `social-prospecting.cpm` → `social prospecting CPM`; `newCustomers` → `new customers`. */
export function driftFeatureText(feature: string): string {
	if (feature === 'revenuePerDollar') return 'new-customer revenue per ad dollar';
	const [id, kind] = feature.split('.');
	if (!kind) return feature === 'newCustomers' ? 'new customers' : feature;
	return `${id.replaceAll('-', ' ')} ${kind.toUpperCase()}`;
}

/** −0.27 → "−27 %" (a true minus sign). */
function signedPercent(x: number): string {
	const n = Math.round(x * 100);
	return `${n < 0 ? '−' : '+'}${Math.abs(n)}\u00a0%`;
}

/** Summarise `alerts` (in day order, as a decision log keeps them). */
export function driftSummary(alerts: readonly DriftLogAlert[]): DriftSummary {
	const weeks = new Map<string, number>();
	for (const alert of alerts) {
		for (const feature of new Set(alert.features)) {
			const label = driftFeatureText(feature);
			weeks.set(label, (weeks.get(label) ?? 0) + 1);
		}
	}
	const signals = [...weeks]
		.map(([label, n]) => ({ label, weeks: n }))
		.sort((a, b) => b.weeks - a.weeks || a.label.localeCompare(b.label));
	const items = alerts.map((alert) => ({
		day: alert.day,
		text: alert.features
			.map((f) =>
				f === 'revenuePerDollar'
					? `${driftFeatureText(f)} ${signedPercent(alert.decay ?? 0)}`
					: driftFeatureText(f)
			)
			.join(', ')
	}));
	return { count: alerts.length, signals, items };
}
