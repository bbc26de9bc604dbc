// Dev diagnostic: per-channel economics of a preset under the fixed split.
import { parseScenario } from '../src/lib/sim/scenario';
import { presets } from '../src/lib/sim/presets';
import { runFixedSplit } from '../src/lib/sim/run';
import { csByChannel, cellsByChannel, ckByChannel, totalOverDays } from '../src/lib/sim/trace';
import { trueResponse, marginalLtvProfit } from '../src/lib/sim/response';

const name = process.argv[2] ?? 'dtc-default';
const parsed = parseScenario(presets[name]);
if (!parsed.ok) {
	console.log(parsed.errors);
	process.exit(1);
}
const s = parsed.value;
const t0 = performance.now();
const m = runFixedSplit(s);
console.log('run ms', (performance.now() - t0).toFixed(1));
const tr = m.trace,
	D = tr.daysDone,
	C = tr.C;
const tot = (x: Float64Array) => totalOverDays(x, C, D);
const spend = tot(cellsByChannel(tr, tr.observables.spend));
const inc = tot(csByChannel(tr, tr.truth.incConversions));
const halo = tot(csByChannel(tr, tr.truth.haloConversions));
const ltvm = tot(csByChannel(tr, tr.truth.incLtvMargin));
const lc = tot(csByChannel(tr, tr.observables.lastClickConversions));
const pc = tot(ckByChannel(tr, tr.observables.platformConversions));
const imp = tot(cellsByChannel(tr, tr.observables.impressions));
const clk = tot(ckByChannel(tr, tr.observables.clicks));
const base = totalOverDays(tr.truth.baselineConversions, tr.S, D).reduce((a, b) => a + b, 0);
const newc = totalOverDays(tr.observables.newCustomers, tr.S, D);
const incTot = inc.reduce((a, b) => a + b, 0),
	lcTot = lc.reduce((a, b) => a + b, 0);
console.log(
	'baseline',
	base.toFixed(0),
	'inc',
	incTot.toFixed(0),
	'observed new',
	Array.from(newc)
		.map((x) => x.toFixed(0))
		.join(','),
	'lc',
	lcTot.toFixed(0)
);
console.log(
	'LTV margin per seg',
	Array.from(m.params.ltvMargin)
		.map((x) => x.toFixed(1))
		.join(' ')
);
const rows = [];
for (let c = 0; c < C; c++) {
	const b = spend[c] / D;
	rows.push({
		ch: tr.channelIds[c],
		spend: Math.round(spend[c]),
		cpm: +((spend[c] / imp[c]) * 1000).toFixed(2),
		ctr: +(clk[c] / imp[c]).toFixed(4),
		inc: Math.round(inc[c]),
		halo: Math.round(halo[c]),
		incShare: +(inc[c] / incTot).toFixed(3),
		lcShare: +(lc[c] / lcTot).toFixed(3),
		plat: Math.round(pc[c]),
		trueCPA: +(spend[c] / inc[c]).toFixed(1),
		ltvROI: +(ltvm[c] / spend[c]).toFixed(2),
		mROI_end: +(marginalLtvProfit(m, c, b) + 1).toFixed(2),
		respProfit: Math.round(trueResponse(m, c, b).ltvProfit)
	});
}
console.table(rows);
const totalSpend = spend.reduce((a, b) => a + b, 0),
	totalLtv = ltvm.reduce((a, b) => a + b, 0);
console.log(
	'total spend',
	Math.round(totalSpend),
	'LTV margin',
	Math.round(totalLtv),
	'LTV-profit',
	Math.round(totalLtv - totalSpend)
);
const p = m.params;
for (let c = 0; c < C; c++) {
	let aud = 0;
	for (let s2 = 0; s2 < p.S; s2++) aud += p.audience[c * p.S + s2];
	const f = imp[c] / D / aud;
	let fat = 0;
	let n = 0;
	for (let i = 0; i < p.K * p.S; i++) {
		fat +=
			1 /
			(1 +
				p.fatigueRate[c * p.K + Math.floor(i / p.S)] *
					tr.truth.exposure[(D - 1) * C * p.K * p.S + c * p.K * p.S + i]);
		n++;
	}
	console.log(
		tr.channelIds[c],
		'aud',
		Math.round(aud),
		'imp/day',
		Math.round(imp[c] / D),
		'freq',
		f.toFixed(3),
		'half',
		p.halfSaturation[c],
		'h~',
		(1 / (1 + Math.pow(p.halfSaturation[c] / ((f * fat) / n), p.slope[c]))).toFixed(3),
		'fatigue',
		(fat / n).toFixed(3),
		'inc/day',
		(inc[c] / D).toFixed(1)
	);
}
