// `npm run bench:codes`: server time of a code search on the active editions (ICD-10 5th Edition and
// OPCS-4.11, ranked by HES usage), as the answer pickers call it (GET /api/codes), p50 and p95 over 300
// searches after a warm-up.
import { percentile, signInCookie, startServer } from './server';

const QUERIES = [
  'appendicitis', 'K35.8', 'k35', 'fracture neck femur', 'diabetes type 2', 'h01', 'laparoscopic approach', 'Z94',
  'pneumonia', 'myocardial infarction', 'cataract extraction', 'i10', 'hip replacement', 'sepsis', 'heart failure',
  'colonoscopy', 'w37', 'asthma', 'chronic kidney disease', 'retinopathy', 's32.50', 'fall residential institution',
  'w01', 'fracture pubis closed',
];

const { base, server } = await startServer();
try {
  const cookie = await signInCookie(base, 'sam.whitfield@ashwell.example');
  const run = async (q: string, scheme: string) => {
    const t = performance.now();
    const res = await fetch(`${base}/api/codes?scheme=${scheme}&q=${encodeURIComponent(q)}`, { headers: { cookie } });
    await res.json();
    if (!res.ok) throw new Error(`${q}: ${res.status}`);
    return performance.now() - t;
  };
  for (const q of QUERIES) await run(q, ''); // warm-up: the index is built on first use
  const times: number[] = [];
  for (let i = 0; i < 300; i++) times.push(await run(QUERIES[i % QUERIES.length]!, ['', 'icd10', 'opcs4'][i % 3]!));
  console.log(`code search over ${(17934 + 12122).toLocaleString('en-GB')} codes (ICD-10 5th Edition, OPCS-4.11), 300 requests (${QUERIES.length} queries, both lists and each alone)`);
  console.log(`p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms (goal: p95 under 50 ms)`);
} finally {
  server?.kill('SIGTERM');
}
