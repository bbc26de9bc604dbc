import { describe, expect, it } from 'vitest';
import type { Dataset } from '../data/dataset';
import { datasetBytes, readDatasetRecord } from './datasets';

const dataset: Dataset = {
	name: 'weekly.csv',
	granularity: 'week',
	dates: ['2024-01-01', '2024-01-08', '2024-01-15'],
	kpi: { name: 'revenue', kind: 'revenue', values: new Float64Array([10, 12, 11]) },
	channels: [{ id: 'tv', name: 'TV', spend: new Float64Array([1, 2, 3]) }],
	controls: [{ name: 'price', values: new Float64Array([5, 5, 6]) }],
	events: [],
	organic: [],
	source: { layout: 'robyn', fileName: 'weekly.csv', rows: 3 }
};

const record = {
	id: 'd1',
	name: 'Weekly',
	savedAt: 1,
	bytes: datasetBytes(dataset),
	periods: 3,
	channels: 1,
	dataset
};

describe('saved datasets', () => {
	it('counts the bytes of the series and the text', () => {
		// 3 series × 3 × 8 bytes, and 2 bytes per character of names, dates and ids.
		const text = 'weekly.csv'.length + 30 + 'revenue'.length + 'tv'.length + 'TV'.length + 5;
		expect(datasetBytes(dataset)).toBe(72 + 2 * text);
	});

	it('reads a stored record back, with no fit until one is saved', () => {
		expect(readDatasetRecord(structuredClone(record))).toEqual({ ...record, fit: null });
		const fitted = { ...record, fit: { r2: 0.9 } };
		expect(readDatasetRecord(fitted)?.fit).toEqual({ r2: 0.9 });
	});

	it('skips records it cannot read', () => {
		for (const broken of [
			null,
			'x',
			{ ...record, id: 3 },
			{ ...record, dataset: null },
			{ ...record, dataset: { ...dataset, kpi: { ...dataset.kpi, values: [1, 2, 3] } } },
			{ ...record, periods: '3' }
		]) {
			expect(readDatasetRecord(broken)).toBeNull();
		}
	});
});
