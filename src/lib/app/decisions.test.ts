import { describe, expect, it } from 'vitest';
import { appendDecision, createDecisionLog } from '../experiment/decision-log';
import { decisionMoves, decisionTimeline, largestMove } from './decisions';

// Two channels, three decisions: the start, a shift clipped by the max-shift rule, a hold.
const log = createDecisionLog(2, 1);
appendDecision(log, {
	day: 0,
	previousSpend: [0, 0],
	askedSpend: [50, 50],
	newSpend: [50, 50],
	marginalReturn: [NaN, NaN],
	uncertainty: [NaN, NaN],
	reasons: [['rule'], ['rule']],
	clips: []
});
appendDecision(log, {
	day: 7,
	previousSpend: [50, 50],
	askedSpend: [90, 10],
	newSpend: [70, 30],
	marginalReturn: [0.4, -0.1],
	uncertainty: [0.1, 0.2],
	reasons: [['exploit'], ['saturation']],
	clips: [
		{ day: 7, rule: 'max-shift', channel: 0, creative: -1, asked: 90, allowed: 70 },
		{ day: 7, rule: 'max-shift', channel: 1, creative: -1, asked: 10, allowed: 30 }
	]
});
appendDecision(log, {
	day: 14,
	previousSpend: [70, 30],
	askedSpend: [70, 30],
	newSpend: [70, 30],
	marginalReturn: [0.2, 0.1],
	uncertainty: [0.05, 0.3],
	reasons: [['hold'], ['explore']],
	clips: []
});

describe('decisionTimeline', () => {
	const marks = decisionTimeline(log);

	it('lists every decision with its day and totals', () => {
		expect(marks.map((m) => m.day)).toEqual([0, 7, 14]);
		expect(marks.map((m) => m.newTotal)).toEqual([100, 100, 100]);
	});

	it('counts the budget that changed channel, none for the first decision', () => {
		expect(marks.map((m) => m.moved)).toEqual([0, 20, 0]);
	});

	it('counts clipped channels and gathers the reasons of every channel', () => {
		expect(marks[1].clippedChannels).toBe(2);
		expect(marks[1].reasons).toEqual(['exploit', 'saturation', 'guardrail']);
		expect(marks[2].reasons).toEqual(['explore', 'hold']);
	});
});

describe('decisionMoves', () => {
	it("gives each channel's move with its estimate, uncertainty and clips", () => {
		const [search, social] = decisionMoves(log, 1);
		expect(search).toMatchObject({ previous: 50, asked: 90, next: 70, change: 20 });
		expect(search.marginalReturn).toBe(0.4);
		expect(search.uncertainty).toBe(0.1);
		expect(search.clips.map((c) => c.rule)).toEqual(['max-shift']);
		expect(social.change).toBe(-20);
		expect(social.reasons).toEqual(['saturation', 'guardrail']);
	});

	it('is empty for a row outside the log', () => {
		expect(decisionMoves(log, 3)).toEqual([]);
		expect(decisionMoves(log, -1)).toEqual([]);
	});
});

describe('largestMove', () => {
	it('picks the decision that moved most budget', () => {
		expect(largestMove(decisionTimeline(log))).toBe(1);
	});
	it('is -1 for an empty log', () => {
		expect(largestMove([])).toBe(-1);
	});
});
