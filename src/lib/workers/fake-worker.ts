/**
 * A stand-in for a Worker in the bridges' tests: the worker's API exposed with comlink on one
 * end of a MessageChannel (structured clone, as through a Worker), the bridge on the other.
 * Not used by the app.
 */
import * as Comlink from 'comlink';
import type { WorkerLike } from './worker-client';

/**
 * What a test can see of a stand-in worker: whether the bridge stopped it, its port (the
 * bridge's end) and the worker's end (a fault test closes it to play a worker that died).
 */
export interface FakeWorkerRecord {
	terminated: boolean;
	port: MessagePort;
	workerPort: MessagePort;
}

/** Expose `api` as a worker would; `terminate()` closes both ends. Its record joins `created`. */
export function fakeWorker(api: object, created: FakeWorkerRecord[]): WorkerLike {
	const { port1, port2 } = new MessageChannel();
	Comlink.expose(api, port2 as unknown as Comlink.Endpoint);
	const record: FakeWorkerRecord = { terminated: false, port: port1, workerPort: port2 };
	created.push(record);
	const endpoint = port1 as unknown as WorkerLike;
	endpoint.terminate = () => {
		record.terminated = true;
		port1.close();
		port2.close();
	};
	return endpoint;
}
