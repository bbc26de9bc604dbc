import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// The whole app is static files: a prerendered shell plus client-side routing.
		adapter: adapter({ fallback: '200.html' }),
		alias: { $sim: 'src/lib/sim' }
	}
};

export default config;
