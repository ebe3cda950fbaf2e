// Runs in the browser before the app's own code (Next.js instrumentation-client).
import { config } from 'zod';

// Zod 4 probes `new Function('')` the first time it builds an object schema, to compile faster parsers.
// Under our Content-Security-Policy (no 'unsafe-eval': lib/security/headers.ts) the probe fails, is caught,
// and is still reported as a violation on every page with a form. Jitless parsing never tries eval.
config({ jitless: true });
