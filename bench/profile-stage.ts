// Times the analysis and each generator (or one) on a blueprint, for profiling with --cpu-prof:
//   node --cpu-prof dist/bench/profile-stage.js FILE [generator-id]
import { readFileSync } from 'node:fs';
import { loadBlueprintText } from '../load/load.js';
import { analyse } from '../analysis/index.js';
import { GENERATORS } from '../generators/registry.js';
const load = loadBlueprintText('f.yaml', readFileSync(process.argv[2]!));
let t = performance.now();
const a = analyse(load.model!, { today: '2026-01-01' });
console.log('analysis', (performance.now() - t).toFixed(0));
for (const g of GENERATORS) {
  if (process.argv[3] && g.id !== process.argv[3]) continue;
  const gen = await g.load();
  t = performance.now();
  const r = await gen.generate(load.model!, a, {});
  console.log(g.id, (performance.now() - t).toFixed(0), r.files.length);
}
