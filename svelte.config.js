import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The whole app is static files: a prerendered shell plus client-side routing.
		// MARGINAL_OUT lets several builds (parallel e2e runs while developing) use their own
		// directories; CI and `npm start` use the defaults.
		adapter: adapter({
			pages: process.env.MARGINAL_OUT ?? 'build',
			assets: process.env.MARGINAL_OUT ?? 'build',
			fallback: '200.html'
		}),
		outDir: process.env.MARGINAL_OUT ? `.svelte-kit-${process.env.MARGINAL_OUT}` : '.svelte-kit',
		alias: { $sim: 'src/lib/sim' },
		// A strict policy as a <meta> tag in every prerendered page: scripts only from this origin
		// plus the hashes SvelteKit adds for its inline bootstrap, no eval (WebAssembly compiles
		// for TF.js's WASM backend are allowed by 'wasm-unsafe-eval', which does not allow eval),
		// nothing loaded from or sent to another origin. Inline style attributes stay allowed:
		// Svelte and d3 set them, and they cannot run script.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self', 'blob:', 'data:'],
				'worker-src': ['self', 'blob:'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};

export default config;
