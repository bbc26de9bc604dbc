import { describe, expect, it } from 'vitest';
import { datasetStem, fileStem } from './download';

describe('file names', () => {
	it('turn names into lowercase dashed stems, accents dropped', () => {
		expect(fileStem('Spring pilot: Café & TV')).toBe('spring-pilot-cafe-tv');
		expect(fileStem('***')).toBe('marginal');
		expect(fileStem('x'.repeat(80)).length).toBe(60);
	});

	it('name files made from a dataset after its file, without the extension', () => {
		expect(datasetStem('simulated-market-seed-3.csv')).toBe('simulated-market-seed-3');
		expect(datasetStem('Sales 2025.TSV')).toBe('sales-2025');
		expect(datasetStem('report.csv.backup')).toBe('report-csv-backup');
		expect(datasetStem('.csv')).toBe('dataset');
	});
});
