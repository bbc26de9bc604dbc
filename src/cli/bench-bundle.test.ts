import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { htmlScripts, initialJs, staticImports } from './bench-bundle';

const HTML = `<!doctype html><html><head>
<link href="./_app/immutable/entry/start.js" rel="modulepreload">
<link rel="modulepreload" href="./_app/immutable/chunks/a.js">
<link href="./_app/immutable/assets/0.css" rel="stylesheet">
</head><body><script>
Promise.all([import("./_app/immutable/entry/start.js"), import("./_app/immutable/entry/app.js")])
</script></body></html>`;

describe('htmlScripts', () => {
	it('lists the modulepreloads and the bootstrap imports, not stylesheets', () => {
		expect(htmlScripts(HTML).sort()).toEqual([
			'./_app/immutable/chunks/a.js',
			'./_app/immutable/entry/app.js',
			'./_app/immutable/entry/start.js'
		]);
	});
});

describe('staticImports', () => {
	it('finds static imports and re-exports, not dynamic ones', () => {
		const code = `import{a as b}from"../chunks/x.js";import"./y.js";export{c}from"./z.js";const d=()=>import("./lazy.js");`;
		expect(staticImports(code).sort()).toEqual(['../chunks/x.js', './y.js', './z.js']);
	});
});

describe('initialJs', () => {
	let root = '';
	afterEach(() => rmSync(root, { recursive: true, force: true }));

	it('sums the gzip size of the entry scripts and their static imports, once each', () => {
		root = mkdtempSync(join(tmpdir(), 'bundle-'));
		const dir = (p: string) => mkdirSync(join(root, p), { recursive: true });
		dir('_app/immutable/entry');
		dir('_app/immutable/chunks');
		const files: Record<string, string> = {
			'_app/immutable/entry/start.js': 'import"../chunks/a.js";export const s=1;',
			'_app/immutable/entry/app.js':
				'import{x}from"../chunks/b.js";const l=()=>import("../chunks/lazy.js");',
			'_app/immutable/chunks/a.js': 'export const a="a".repeat(10);',
			'_app/immutable/chunks/b.js': 'import"./a.js";export const x=2;',
			'_app/immutable/chunks/lazy.js': 'export const big="z".repeat(100000);'
		};
		for (const [path, code] of Object.entries(files)) writeFileSync(join(root, path), code);
		writeFileSync(join(root, 'index.html'), HTML);
		const { bytes, files: loaded } = initialJs(root);
		expect(loaded.sort()).toEqual([
			'_app/immutable/chunks/a.js',
			'_app/immutable/chunks/b.js',
			'_app/immutable/entry/app.js',
			'_app/immutable/entry/start.js'
		]);
		const expected = loaded.reduce(
			(sum, path) => sum + gzipSync(Buffer.from(files[path]), { level: 9 }).length,
			0
		);
		expect(bytes).toBe(expected);
	});
});
