/**
 * The commands of `npm run sim` (see sim.ts): parse the arguments, dispatch, and turn errors
 * into exit codes — usage errors print a message and the synopsis (exit 2), never a stack trace.
 */
import { runFixedSplitCommand } from './fixed-split';
import { runMergeCommand, runPilotCommand, type CliIo } from './pilot-command';
import { UsageError } from './scenario-source';
import { parseCommand } from './sim-args';
import { formatList, SYNOPSIS, usage } from './usage';

/** The process's streams, with progress on when stderr is a terminal. */
const processIo: CliIo = {
	out: (text) => void process.stdout.write(text),
	err: (text) => void process.stderr.write(text),
	progress: Boolean(process.stderr.isTTY)
};

/** Run `npm run sim` with `argv`; resolves with the exit code (0 done, 1 failed, 2 bad arguments). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
	try {
		const command = parseCommand(argv);
		switch (command.kind) {
			case 'help':
				io.out(`${usage()}\n`);
				return 0;
			case 'list':
				io.out(`${formatList()}\n`);
				return 0;
			case 'run':
				return runFixedSplitCommand(command, io);
			case 'merge':
				return runMergeCommand(command.files, command.format, command.out, io);
			case 'pilot':
				return await runPilotCommand(command.args, io);
		}
	} catch (error) {
		if (error instanceof UsageError) {
			io.err(
				`sim: ${error.message}\n\n${SYNOPSIS}\nRun \`npm run sim -- --help\` for every option.\n`
			);
			return 2;
		}
		// A failure while running (a bug, a full disk): the message, and the stack only on request.
		const message = error instanceof Error ? error.message : String(error);
		const stack = process.env.MARGINAL_DEBUG && error instanceof Error ? `\n${error.stack}` : '';
		io.err(`sim: failed: ${message}${stack}\n(set MARGINAL_DEBUG=1 to see where)\n`);
		return 1;
	}
}
