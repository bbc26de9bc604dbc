import { describe, expect, it } from 'vitest';
import { checkMapping, type ColumnMapping, type ColumnRole } from './mapping';

const header = ['date', 'revenue', 'tv', 'tv_imp', 'radio'];
const mapping = (...roles: ColumnRole[]): ColumnMapping => ({
	layout: 'mapped',
	columns: header.map((name, i) => ({ name, role: roles[i] ?? { role: 'ignore' } }))
});
const date: ColumnRole = { role: 'date' };
const kpi: ColumnRole = { role: 'kpi', kind: 'revenue' };
const spend = (channel: string): ColumnRole => ({ role: 'spend', channel });
const messages = (m: unknown) => checkMapping(m, header).map((issue) => issue.message);

describe('checkMapping', () => {
	it('accepts a sensible mapping', () => {
		expect(
			checkMapping(mapping(date, kpi, spend('TV'), { role: 'impressions', channel: 'tv' }), header)
		).toEqual([]);
	});

	it('asks for a date, a KPI and a spend column', () => {
		expect(messages(mapping())).toEqual([
			'Choose the column that holds the period dates.',
			'Choose the KPI column (the revenue or conversions the media should explain).',
			'Choose at least one spend column (one per paid channel).'
		]);
	});

	it('rejects two dates, two KPIs and two spend columns for one channel', () => {
		const issues = checkMapping(mapping(date, date, spend('tv'), spend('TV'), kpi), header);
		expect(issues.map((i) => i.column)).toContain('tv_imp');
		expect(issues.map((i) => i.message).join(' ')).toMatch(/Only one column can hold dates/);
		expect(issues.map((i) => i.message).join(' ')).toMatch(/two spend columns/);
	});

	it('asks for spend when a channel only has impressions', () => {
		const issues = checkMapping(
			mapping(date, kpi, spend('tv'), { role: 'impressions', channel: 'radio' }),
			header
		);
		expect(issues).toHaveLength(1);
		expect(issues[0]).toMatchObject({ code: 'mapping', column: 'tv_imp' });
		expect(issues[0].message).toContain('no spend column');
	});

	it('rejects a mapping made for another file', () => {
		const other = {
			...mapping(date, kpi, spend('tv')),
			columns: mapping(date, kpi, spend('tv')).columns.slice(1)
		};
		expect(messages(other)[0]).toContain('does not match');
	});

	it('rejects malformed input from the editor', () => {
		expect(
			messages({ layout: 'mapped', columns: [{ name: 'date', role: { role: 'boss' } }] })[0]
		).toContain('malformed');
		expect(messages(null)[0]).toContain('malformed');
	});

	it('needs a channel column and a spend column in the long layout', () => {
		const long: ColumnMapping = { ...mapping(date, kpi), layout: 'long' };
		expect(messages(long)).toEqual([
			'In the long layout, choose exactly one column that names the channel of each row.',
			'Choose the column that holds spend.'
		]);
	});

	it('allows revenue per conversion only with a conversions KPI', () => {
		const issues = checkMapping(
			mapping(date, kpi, spend('tv'), { role: 'revenuePerConversion' }),
			header
		);
		expect(issues[0]).toMatchObject({ code: 'mapping', column: 'tv_imp' });
	});
});
