// Runs once when the server starts. The literal process.env.NEXT_RUNTIME check lets the
// bundler drop the Node-only start-up code from the edge build.
export async function register() {
  // eslint-disable-next-line no-restricted-properties
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('./instrumentation-node');
    await startServer();
  }
}
