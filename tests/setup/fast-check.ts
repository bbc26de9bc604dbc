/**
 * Property tests draw their cases from one fixed seed, so every run of `npm test` checks the
 * same cases and a CI run cannot fail by the luck of the draw. `FC_SEED=random` explores new
 * cases (`FC_SEED=<n>` replays a seed); a failure found that way belongs in the test's
 * `examples`, where it is checked on every run.
 */
import fc from 'fast-check';

const FIXED_SEED = 20261123;

function propertySeed(value: string | undefined): number | null {
	if (value === 'random') return null;
	if (value === undefined || value === '') return FIXED_SEED;
	const seed = Number(value);
	if (!Number.isInteger(seed))
		throw new Error(`FC_SEED must be an integer or "random", got "${value}"`);
	return seed;
}

const seed = propertySeed(process.env.FC_SEED);
if (seed !== null) fc.configureGlobal({ seed });
