import { describe, expect, it } from 'vitest';
import type { ColumnMapping } from './mapping';
import { suggestMapping } from './suggest-mapping';

/** Header + rows from CSV-ish lines (no quoting needed in these samples). */
const sample = (lines: string[]) => {
	const [header, ...rows] = lines.map((line) => line.split(','));
	return suggestMapping(header, rows);
};
const roles = (mapping: ColumnMapping) =>
	Object.fromEntries(
		mapping.columns.map(({ name, role }) => [
			name,
			'channel' in role
				? `${role.role}:${role.channel}`
				: 'kind' in role
					? `kpi:${role.kind}`
					: role.role
		])
	);

describe('suggestMapping', () => {
	it('recognises Robyn columns and ties facebook_I and search_clicks_P to their channels', () => {
		const mapping = sample([
			'DATE,revenue,tv_S,facebook_I,search_clicks_P,search_S,competitor_sales_B,facebook_S,events,newsletter',
			'2015-11-23,2754371,22358,24301284,0,0,8125009,7607,na,19401',
			'2015-11-30,2584276,28613,5527033,9837,4133,7901549,1141,event1,14791'
		]);
		expect(mapping.layout).toBe('robyn');
		expect(roles(mapping)).toEqual({
			DATE: 'date',
			revenue: 'kpi:revenue',
			tv_S: 'spend:tv',
			facebook_I: 'impressions:facebook',
			search_clicks_P: 'clicks:search',
			search_S: 'spend:search',
			competitor_sales_B: 'control',
			facebook_S: 'spend:facebook',
			events: 'event',
			newsletter: 'organic'
		});
	});

	it('recognises Meridian columns: conversions with revenue per conversion, organic, controls', () => {
		const mapping = sample([
			'time,conversions,revenue_per_conversion,Channel0_impression,Channel0_spend,Organic_channel0_impression,competitor_sales_control,Promo',
			'2021-01-25,386300926.3,0.0199,44340630,325137.5,24028870,-0.03,0.27',
			'2021-02-01,355303931.3,0.0199,47391940,347511.9,29188267,0.31,0.15'
		]);
		expect(mapping.layout).toBe('meridian');
		expect(roles(mapping)).toEqual({
			time: 'date',
			conversions: 'kpi:conversions',
			revenue_per_conversion: 'revenuePerConversion',
			Channel0_impression: 'impressions:Channel0',
			Channel0_spend: 'spend:Channel0',
			Organic_channel0_impression: 'organic',
			competitor_sales_control: 'control',
			Promo: 'control'
		});
	});

	it('recognises PyMC-Marketing columns and leaves derived trend/seasonality out', () => {
		const mapping = sample([
			'date_week,y,x1,x2,event_1,event_2,dayofyear,t',
			'2018-04-02,3984.66,0.31,0,0,0,92,0',
			'2018-04-09,3762.87,0.11,0,0,1,99,1'
		]);
		expect(mapping.layout).toBe('pymc');
		expect(roles(mapping)).toEqual({
			date_week: 'date',
			y: 'kpi:revenue',
			x1: 'spend:x1',
			x2: 'spend:x2',
			event_1: 'event',
			event_2: 'event',
			dayofyear: 'ignore',
			t: 'ignore'
		});
	});

	it('recognises the long layout by a channel column and repeated dates', () => {
		const mapping = sample([
			'week,channel,spend,impressions,revenue',
			'2024-01-01,TV,10,100,1000',
			'2024-01-01,Search,5,50,1000'
		]);
		expect(mapping.layout).toBe('long');
		expect(roles(mapping)).toEqual({
			week: 'date',
			channel: 'channel',
			spend: 'spend:',
			impressions: 'impressions:',
			revenue: 'kpi:revenue'
		});
	});

	it('guesses an unknown file by names and contents, for the analyst to review', () => {
		const mapping = sample([
			'Week Starting,Total Sales,TV Spend,Search Cost,Search Clicks,Price Index,Holiday,Notes',
			'01/02/2024,1000,10,5,50,1.01,0,ok',
			'08/02/2024,1100,12,6,60,1.02,1,'
		]);
		expect(mapping.layout).toBe('mapped');
		expect(roles(mapping)).toEqual({
			'Week Starting': 'date',
			'Total Sales': 'kpi:revenue',
			'TV Spend': 'spend:TV',
			'Search Cost': 'spend:Search',
			'Search Clicks': 'clicks:Search',
			'Price Index': 'control',
			Holiday: 'event',
			Notes: 'ignore'
		});
	});

	it('guesses bare numeric columns as spend only when nothing is named like spend', () => {
		const mapping = sample([
			'date,sales,Facebook,Radio',
			'2024-01-01,100,5,3',
			'2024-01-08,120,6,0'
		]);
		expect(roles(mapping)).toMatchObject({ Facebook: 'spend:Facebook', Radio: 'spend:Radio' });
	});

	it('makes impressions without any spend organic', () => {
		const mapping = sample([
			'date,revenue,tv_spend,youtube_impressions',
			'2024-01-01,100,5,300',
			'2024-01-08,120,6,400'
		]);
		expect(roles(mapping)).toMatchObject({ youtube_impressions: 'organic' });
	});

	it('never throws on odd headers and maps every column', () => {
		const mapping = suggestMapping(['', '=cmd()', '<b>x</b>'], [['a'], []]);
		expect(mapping.columns.map((c) => c.name)).toEqual(['', '=cmd()', '<b>x</b>']);
		expect(mapping.columns.every((c) => c.role.role === 'ignore')).toBe(true);
	});
});
