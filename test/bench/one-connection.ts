/**
 * One connection, one request after another, from a process of its own (`tsx one-connection.ts <url> <n>`, the session
 * cookie in BENCH_COOKIE): the latency on an idle server, measured by a client that adds little (node:http,
 * keep-alive) and, like autocannon and the peer's figures, asks for no compression. The bench process's own fetch added
 * its heap's pauses and gzip (it always asks for it). Prints `{p50, p99}` in ms as JSON.
 */
import http from 'node:http';

const [url, count] = process.argv.slice(2) as [string, string];
const cookie = process.env.BENCH_COOKIE ?? '';
const n = Number(count);
const WARM_UP = 300;
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const get = () =>
  new Promise<void>((resolve, reject) => {
    const req = http.get(url, { agent, headers: { cookie } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`GET ${url}: ${res.statusCode}`));
      res.resume().on('end', resolve);
    });
    req.on('error', reject);
  });
const times: number[] = [];
for (let i = 0; i < WARM_UP + n; i++) {
  const t = process.hrtime.bigint();
  await get();
  if (i >= WARM_UP) times.push(Number(process.hrtime.bigint() - t) / 1e6);
}
times.sort((a, b) => a - b);
console.log(JSON.stringify({ p50: times[Math.floor(n / 2)], p99: times[Math.floor(n * 0.99)] }));
agent.destroy();
