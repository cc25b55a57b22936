import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { reloadKnowledge } from '../../src/knowledge/reload.js';
const dir='/tmp/si/kb10k';
const r = await reloadKnowledge(dir, null, { cacheFile: '/tmp/si/cache.db' });
let prev = r;
for (let k = 0; k < 8; k++) {
  const f = r.articles[(k * 1237) % r.articles.length]!.file;
  const before = await readFile(`${dir}/${f}`, 'utf8');
  await appendFile(`${dir}/${f}`, '\nA paragraph added mentions zyxwvutsrq once.\n');
  const h = monitorEventLoopDelay({ resolution: 1 }); h.enable();
  const t = performance.now();
  prev = await reloadKnowledge(dir, prev, { cacheFile: '/tmp/si/cache.db', names: [f] });
  const ms = performance.now()-t; h.disable();
  console.log('reload', ms.toFixed(0), 'ms, held', (h.max/1e6).toFixed(0), 'ms', prev.rebuilt, prev.read.files);
  await writeFile(`${dir}/${f}`, before);
}
