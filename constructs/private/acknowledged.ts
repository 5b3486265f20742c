// Reading acknowledgements off constructs during synthesis (kept out of the public API).
import type { IConstruct } from 'constructs';
import { kindOf } from './base.js';

/** Where a construct keeps its acknowledgements; shared across copies of this module, like the kind marker. */
export const ACKS: unique symbol = Symbol.for('rbc.constructs.acknowledgements');

interface Entry {
  readonly rule: string;
  readonly reason: string;
  readonly owner: string;
  readonly expires: string;
}

/** The target of a construct's acknowledgements: its model path, `*` for the deployment, undefined when findings cannot be on it. */
export function acknowledgementTarget(c: IConstruct): string | undefined {
  if (kindOf(c) === 'deployment') return '*';
  const path = (c as { modelPath?: unknown }).modelPath;
  return typeof path === 'string' ? path : undefined;
}

/** The acknowledgements attached to a construct, in the order given. */
export function acknowledgementsOn(c: IConstruct): readonly Entry[] {
  return (c as { [ACKS]?: { readonly all: readonly Entry[] } })[ACKS]?.all ?? [];
}
