import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Directories that form the pure engine: no DOM, no Svelte, no d3, no storage. */
const core = [
	'src/lib/sim/**',
	'src/lib/policies/**',
	'src/lib/guardrails/**',
	'src/lib/experiment/**',
	'src/lib/data/import/**'
];

export default ts.config(
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/']
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
			]
		}
	}
);
