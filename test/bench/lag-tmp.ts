// Logs every event-loop stall over 40 ms with a stack-free timestamp, to find what blocks.
import { reloadKnowledge } from '../../src/knowledge/reload.js';
let last = performance.now();
const t0 = last;
const stalls: string[] = [];
const iv = setInterval(() => { const now = performance.now(); if (now - last > 40) stalls.push(`${(last - t0).toFixed(0)}ms +${(now - last).toFixed(0)}`); last = now; }, 2);
const r = await reloadKnowledge(process.argv[2]!, null, { cacheFile: process.argv[3] });
console.log('load', (performance.now() - t0).toFixed(0), 'stalls', stalls.join(', '));
stalls.length = 0;
const t1 = performance.now();
await reloadKnowledge(process.argv[2]!, r, { cacheFile: process.argv[3], full: true });
console.log('full', (performance.now() - t1).toFixed(0), 'stalls', stalls.join(', '));
clearInterval(iv);
