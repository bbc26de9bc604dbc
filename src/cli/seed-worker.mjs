// Fallback entry of the seed pool's worker threads, used when esbuild cannot bundle
// seed-worker.ts (see seed-pool.ts). Node 20 does not pass loader hooks (tsx's `--import`)
// on to worker threads, so a TypeScript entry fails with "Unknown file extension .ts" even under
// `tsx`; registering tsx here first makes the worker run the same engine sources as the CLI, in
// plain node, under tsx and under vitest alike.
import { register } from 'tsx/esm/api';

register();
await import('./seed-worker.ts');
