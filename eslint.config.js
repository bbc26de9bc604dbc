import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Math functions whose results differ between JavaScript engines (see sim/portable-math.ts). */
const portableOnly = [
	'exp',
	'log',
	'pow',
	'sin',
	'cos',
	'tan',
	'atan',
	'atan2',
	'asin',
	'acos',
	'log1p',
	'expm1',
	'log2',
	'log10',
	'cbrt',
	'hypot',
	'sinh',
	'cosh',
	'tanh'
];

/** Directories that form the pure engine: no DOM, no Svelte, no d3, no storage. */
const core = [
	'src/lib/sim/**',
	'src/lib/policies/**',
	'src/lib/guardrails/**',
	'src/lib/experiment/**',
	'src/lib/data/import/**',
	'src/lib/data/mmm/**',
	'src/lib/data/simulate.ts',
	'src/lib/lessons/**'
];

export default ts.config(
	{
		ignores: [
			'build/',
			'build-*/',
			'.svelte-kit/',
			'.svelte-kit-*/',
			'node_modules/',
			'test-results/',
			'playwright-report/'
		]
	},
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
			],
			// Every stochastic function takes an injected, seeded rng (determinism, common random numbers).
			'no-restricted-properties': [
				'error',
				{ object: 'Math', property: 'random', message: 'Use a seeded stream from sim/random.ts.' }
			]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		files: core,
		ignores: ['**/*.test.ts'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: [
								'svelte',
								'svelte/*',
								'$app/*',
								'd3',
								'd3-*',
								'idb',
								'comlink',
								'@tensorflow/*'
							],
							message: 'The engine stays pure: no UI, storage or worker imports.'
						}
					]
				}
			],
			'no-restricted-globals': [
				'error',
				'window',
				'document',
				'localStorage',
				'indexedDB',
				'navigator'
			],
			// Math.exp/log/pow/sin/cos differ in their last bits between JavaScript engines: the
			// engine uses sim/portable-math.ts so a seed gives the same numbers in node and browsers.
			'no-restricted-properties': [
				'error',
				{ object: 'Math', property: 'random', message: 'Use a seeded stream from sim/random.ts.' },
				...portableOnly.map((property) => ({
					object: 'Math',
					property,
					message: 'Use sim/portable-math.ts: Math functions differ between engines.'
				}))
			]
		}
	},
	{
		// The portable implementations themselves, and tests comparing against Math, may use Math
		// functions (but never Math.random).
		files: ['src/lib/sim/portable-math.ts', '**/*.test.ts'],
		rules: {
			'no-restricted-properties': [
				'error',
				{ object: 'Math', property: 'random', message: 'Use a seeded stream from sim/random.ts.' }
			]
		}
	}
);
