// Shared helpers for tests: load an example blueprint into a model and analyse it.
import { fileURLToPath } from 'node:url';
import { loadBlueprintFile, type LoadResult } from '../../load/load.js';
import { analyse, type Assessment } from '../../analysis/index.js';
import type { Model } from '../../model/types.js';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const blueprintPath = (name: string) => `${REPO}blueprints/${name}`;

/** Loads a blueprint and fails loudly (with its diagnostics) when it has errors. */
export function loadModel(file: string): { model: Model; load: LoadResult } {
  const load = loadBlueprintFile(file);
  if (!load.model) throw new Error(`${file} did not load:\n${load.diagnostics.map((d) => `${d.location.line}:${d.location.column} ${d.code} ${d.message}`).join('\n')}`);
  return { model: load.model, load };
}

export function loadAndAnalyse(file: string, today = '2026-01-01'): { model: Model; assessment: Assessment } {
  const { model } = loadModel(file);
  return { model, assessment: analyse(model, { today }) };
}
