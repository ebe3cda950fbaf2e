// The worker thread that reads one uploaded file (run.ts starts it, one per file, and ends it after).
// Whatever the file does to the reader (loops, memory), it does it here, not on the server's thread.
import { parentPort, workerData } from 'node:worker_threads';
import type { InspectionLimits } from '../limits';
import { inspectFile } from './inspect-file';

const job = workerData as { bytes: Uint8Array; mediaType: string; limits: InspectionLimits };
void inspectFile(job.bytes, job.mediaType, job.limits).then((result) => parentPort?.postMessage(result));
