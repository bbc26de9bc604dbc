/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline after the first visit: the app's built files, static files and prerendered pages
 * are cached when the service worker installs (one cache per deploy), served from the cache
 * first, and old caches are dropped on activation. Everything else of this origin goes to the
 * network first, falling back to the cache; page navigations offline fall back to the shell,
 * whose client-side router renders any route. Nothing of another origin is ever fetched.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `marginal-${version}`;
const PRECACHE = [...build, ...files, ...prerendered];
const PRECACHED = new Set(PRECACHE);
const SHELL = '/';

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches
			.open(CACHE)
			.then((cache) => cache.addAll(PRECACHE))
			.then(() => sw.skipWaiting())
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys
						.filter((key) => key.startsWith('marginal-') && key !== CACHE)
						.map((key) => caches.delete(key))
				)
			)
			.then(() => sw.clients.claim())
	);
});

async function respond(request: Request): Promise<Response> {
	const url = new URL(request.url);
	const cache = await caches.open(CACHE);
	if (PRECACHED.has(url.pathname)) {
		const hit = await cache.match(url.pathname);
		if (hit) return hit;
	}
	try {
		const response = await fetch(request);
		if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
		return response;
	} catch (error) {
		const hit = await cache.match(request, { ignoreSearch: request.mode === 'navigate' });
		if (hit) return hit;
		if (request.mode === 'navigate') {
			const shell = await cache.match(SHELL);
			if (shell) return shell;
		}
		throw error;
	}
}

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	if (new URL(request.url).origin !== sw.location.origin) return;
	event.respondWith(respond(request));
});
