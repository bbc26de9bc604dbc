/**
 * `npm run sim`: pilots from the command line (policies × seeds on a scenario, on worker
 * threads, sharded across machines if need be), merging shards, and the single fixed-split run.
 * `npm run sim -- --help` lists everything; the commands live in sim-main.ts and its modules.
 */
import { main } from './sim-main';

process.exitCode = await main(process.argv.slice(2));
