/**
 * The lessons. Text states the concept and what to try; every number the learner sees after
 * answering comes from the lesson's simulation (compute/), never from this file.
 */
import type { Lesson } from './lesson';

const DTC_CHANNELS = [
	{ id: 'brand-search', label: 'Brand search' },
	{ id: 'nonbrand-search', label: 'Non-brand search' },
	{ id: 'social-prospecting', label: 'Social prospecting' },
	{ id: 'social-retargeting', label: 'Social retargeting' },
	{ id: 'online-video', label: 'Online video' },
	{ id: 'display', label: 'Display' }
];

export const LESSONS: Lesson[] = [
	{
		id: 'explore-exploit',
		title: 'Explore or exploit?',
		concept: 'ε-greedy, UCB1 and Thompson sampling choose among ads while they learn.',
		intro: [
			'Three ads, each with a conversion rate nobody knows. Every visitor sees one ad. Show the ad that looks best so far and you may never discover a better one; keep trying all of them and you waste visitors on the weak ones.',
			'ε-greedy explores a fixed share of the time at random. UCB1 tries the ad whose optimistic estimate is highest. Thompson sampling shows each ad with the probability that it is the best.',
			'Regret counts the conversions lost against always showing the best ad.'
		],
		controls: [
			{
				kind: 'select',
				id: 'arms',
				label: 'Ads and their true conversion rates',
				options: [
					{ value: 'close', label: 'Three close ads: 4 %, 5 %, 5.5 %' },
					{ value: 'far', label: 'Three distinct ads: 2 %, 5 %, 8 %' },
					{ value: 'many', label: 'Six close ads: 3 % … 5.5 %' }
				],
				value: 'close'
			},
			{
				kind: 'range',
				id: 'epsilon',
				label: 'ε (share of random exploration)',
				min: 0,
				max: 0.5,
				step: 0.01,
				value: 0.1,
				format: 'decimal'
			},
			{
				kind: 'range',
				id: 'visitors',
				label: 'Visitors',
				min: 200,
				max: 5000,
				step: 100,
				value: 2000,
				format: 'int'
			}
		],
		question: {
			prompt: 'Which algorithm will lose the fewest conversions?',
			options: [
				{ id: 'epsilon-greedy', label: 'ε-greedy' },
				{ id: 'ucb1', label: 'UCB1' },
				{ id: 'thompson', label: 'Thompson sampling' }
			]
		}
	},
	{
		id: 'saturation',
		title: 'Saturation and the next marginal dollar',
		concept: 'Spend goes where the next dollar earns most, not where the average is best.',
		intro: [
			'Every channel saturates: the first dollars reach the most responsive people, later dollars reach fewer new ones at higher prices. So a channel’s average return says little about what one more dollar would buy.',
			'The direct-to-consumer brand spends its daily budget on its usual split across six channels. Change the budget and see how each channel’s next dollar changes.'
		],
		controls: [
			{
				kind: 'range',
				id: 'budget',
				label: 'Daily budget',
				min: 2000,
				max: 60000,
				step: 1000,
				value: 20000,
				format: 'money'
			}
		],
		question: {
			prompt:
				'At this budget, on which channel does the next dollar earn the most lifetime margin?',
			options: DTC_CHANNELS.map((c) => ({ id: c.id, label: c.label }))
		}
	},
	{
		id: 'last-click',
		title: 'Last click vs true incrementality',
		concept: 'Why the lower funnel looks best in attribution reports.',
		intro: [
			'A brand runs online video (upper funnel) and brand search (lower funnel). People who saw a video later search for the brand and click the search ad before buying. Last-click attribution gives the sale to search.',
			'Because Marginal simulates the market, it knows how many sales each channel truly caused — what a perfect holdout test would measure.'
		],
		controls: [
			{
				kind: 'range',
				id: 'days',
				label: 'Days observed',
				min: 30,
				max: 365,
				step: 15,
				value: 180,
				format: 'int'
			}
		],
		question: {
			prompt:
				'Which channel does last-click over-credit the most, relative to what it truly causes?',
			options: [
				{ id: 'brand-search', label: 'Brand search' },
				{ id: 'online-video', label: 'Online video' }
			]
		}
	},
	{
		id: 'creative-fatigue',
		title: 'Creative fatigue and refresh',
		concept: 'Ads wear out as the same people see them again and again.',
		intro: [
			'A social channel runs three creatives to a limited audience, the budget split evenly between them. Every impression adds to how often people have seen the ad, and a tired ad persuades less.',
			'Try a bigger budget: the same audience sees the ads more often.'
		],
		controls: [
			{
				kind: 'range',
				id: 'budget',
				label: 'Budget (× the usual)',
				min: 0.5,
				max: 4,
				step: 0.5,
				value: 1,
				format: 'decimal'
			},
			{
				kind: 'range',
				id: 'weeks',
				label: 'Weeks',
				min: 4,
				max: 26,
				step: 1,
				value: 12,
				format: 'int'
			}
		],
		question: {
			prompt: 'What happens to the creatives’ click rate over these weeks?',
			options: [
				{ id: 'steady', label: 'It stays about the same (falls less than 10 %)' },
				{ id: 'some-drop', label: 'It falls by 10–40 %' },
				{ id: 'big-drop', label: 'It falls by more than 40 %' }
			]
		}
	},
	{
		id: 'cpa-vs-ltv',
		title: 'CPA or lifetime value?',
		concept: 'Cheap customers are not the same as valuable ones.',
		intro: [
			'The brand has three audiences: deal seekers convert cheaply but rarely buy again; high-value enthusiasts cost more to win and keep buying for years.',
			'An allocator that can target audiences is told either to get as many conversions as possible (lowest CPA) or to maximise lifetime profit (margin of the customers acquired, over their lifetime, minus spend).'
		],
		controls: [
			{
				kind: 'range',
				id: 'days',
				label: 'Days',
				min: 60,
				max: 365,
				step: 30,
				value: 180,
				format: 'int'
			}
		],
		question: {
			prompt: 'Compared with maximising LTV-profit, maximising conversions will…',
			options: [
				{ id: 'cpa-more-customers-less-profit', label: 'win more customers but make less profit' },
				{ id: 'cpa-wins', label: 'win more customers and make more profit' },
				{ id: 'ltv-wins', label: 'win fewer customers (LTV-profit wins on both)' }
			]
		}
	},
	{
		id: 'guardrails',
		title: 'Guardrails: what a cap costs and protects',
		concept: 'A maximum shift per decision slows a learning allocator down — on purpose.',
		intro: [
			'A learning allocator moves budget toward channels its estimates favour. Teams cap how far one decision may move spend, so a bad estimate or a data glitch cannot move everything at once.',
			'Here the response-curve learner runs with and without a cap, against the fixed historical split, on the same market.'
		],
		controls: [
			{
				kind: 'range',
				id: 'maxShift',
				label: 'Max shift per decision',
				min: 1,
				max: 50,
				step: 1,
				value: 5,
				format: 'pct'
			},
			{
				kind: 'range',
				id: 'days',
				label: 'Days',
				min: 60,
				max: 365,
				step: 30,
				value: 180,
				format: 'int'
			}
		],
		question: {
			prompt: 'How much of the learner’s gain over the fixed split will the cap cost?',
			options: [
				{ id: 'little', label: 'Almost nothing, or it even helps (under 2 %)' },
				{ id: 'some', label: 'Some (2–10 %)' },
				{ id: 'a-lot', label: 'A lot (over 10 %)' }
			]
		}
	}
];

/** A lesson by id. */
export const lessonById = (id: string): Lesson | undefined => LESSONS.find((l) => l.id === id);
