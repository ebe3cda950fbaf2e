// `npm run bench:homes`: for each demo role, the server response time of its home page (median
// and p95 of 20, after one warm-up) and the JavaScript a browser transfers on the first load.
// Starts its own `next start` on a fresh embedded database unless BASE_URL is given.
// Needs a production build (`npm run build`).
import { chromium } from 'playwright-core';
import { percentile, signInCookie, startServer } from './server';

const HOMES = [
  { role: 'apprentice', email: 'sam.whitfield@ashwell.example', path: '/apprentice' },
  { role: 'trainer', email: 'trainer.patel@coderpathway.example', path: '/trainer' },
  { role: 'employer', email: 'coding.manager@ashwell.example', path: '/employer' },
  { role: 'admin', email: 'admin@coderpathway.example', path: '/admin' },
];
const RUNS = 20;

const { base, server } = await startServer();
try {
  console.log(`server ${base}; ${RUNS} requests per home after one warm-up\n`);
  console.log('role        home          median ms   p95 ms   JS transferred (compressed)   JS files');
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  for (const home of HOMES) {
    const cookie = await signInCookie(base, home.email);
    const times: number[] = [];
    for (let i = 0; i <= RUNS; i++) {
      const t = performance.now();
      const res = await fetch(base + home.path, { headers: { cookie }, redirect: 'manual' });
      await res.text();
      if (res.status !== 200) throw new Error(`${home.path} answered ${res.status}`);
      if (i > 0) times.push(performance.now() - t); // first is the warm-up
    }
    // A fresh browser context: nothing cached, as on a first visit.
    const context = await browser.newContext();
    const [name, value] = cookie.split('=') as [string, string];
    await context.addCookies([{ name, value, url: base }]);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const scriptIds = new Set<string>();
    let bytes = 0;
    cdp.on('Network.responseReceived', (e) => {
      if (e.type === 'Script') scriptIds.add(e.requestId);
    });
    cdp.on('Network.loadingFinished', (e) => {
      if (scriptIds.has(e.requestId)) bytes += e.encodedDataLength;
    });
    await page.goto(base + home.path, { waitUntil: 'networkidle' });
    await context.close();
    console.log(
      `${home.role.padEnd(12)}${home.path.padEnd(14)}${percentile(times, 50).toFixed(1).padStart(9)}${percentile(times, 95).toFixed(1).padStart(9)}${`${(bytes / 1024).toFixed(1)} kB`.padStart(30)}${String(scriptIds.size).padStart(11)}`,
    );
  }
  await browser.close();
} finally {
  server?.kill('SIGTERM');
}
