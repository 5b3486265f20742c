// Two sides in, one Review out: redundancy first, then Terraform, then the other files.
import { diffFiles } from './file-diff.js';
import { headline } from './headline.js';
import type { OutputTree } from './output-tree.js';
import { diffRedundancy } from './redundancy-diff.js';
import { readRedundancyInput } from './redundancy-input.js';
import { gatewayRenames } from './renames.js';
import { findRegressions } from './regressions.js';
import { diffTerraform } from './terraform-diff.js';
import { readStacks } from './terraform-read.js';
import { REVIEW_VERSION, type Review } from './types.js';

/** Every artifact but the manifest byte-identical (the inputs may still differ in comments). */
export function identicalTrees(a: OutputTree, b: OutputTree): boolean {
  if (a.files.size !== b.files.size) return false;
  for (const [path, buf] of a.files) {
    const other = b.files.get(path);
    if (!other || !other.equals(buf)) return false;
  }
  return true;
}

export function reviewTrees(oldTree: OutputTree, newTree: OutputTree): Review {
  const identical = identicalTrees(oldTree, newTree);
  const renames = gatewayRenames(newTree);
  const redundancy = diffRedundancy(readRedundancyInput(oldTree, renames), readRedundancyInput(newTree));
  const terraform = diffTerraform(readStacks(oldTree), readStacks(newTree));
  const files = diffFiles(oldTree, newTree);
  const regressions = findRegressions(redundancy);
  const notes = [...oldTree.notes, ...newTree.notes];
  const [va, vb] = [oldTree.side.rbcVersion, newTree.side.rbcVersion];
  if (va && vb && va !== vb) notes.push(`The sides were compiled by different rbc versions (${va} and ${vb}); some differences may come from rbc itself.`);
  for (const [from, to] of [...renames].sort()) notes.push(`Gateway ${from} is now ${to} (formerId): its failure scenarios are compared under the new id.`);
  if (identical && oldTree.side.inputHash !== newTree.side.inputHash && oldTree.side.kind !== 'empty') {
    notes.push('The inputs differ, but only in ways that change no output (comments, formatting or key order).');
  }
  return {
    version: REVIEW_VERSION,
    identical,
    headline: headline(redundancy, regressions, terraform, files, identical),
    old: oldTree.side,
    new: newTree.side,
    regressions,
    redundancy,
    terraform,
    files,
    notes,
  };
}
