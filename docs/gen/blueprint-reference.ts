// docs/blueprint-reference.md: every type and field of a blueprint with its type, whether it is
// required, its default and its description, read from the published JSON Schema
// (schema/json-schema.ts), whose descriptions are written in schema/blueprint.ts. Object types
// are named after their export in schema/blueprint.ts.
import * as Schema from '../../schema/blueprint.js';
import { blueprintJsonSchema } from '../../schema/json-schema.js';
import { cell, generatedNotice, type GeneratedDoc } from './types.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Node = { [k: string]: Json };

const isNode = (x: Json | undefined): x is Node => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Exported schemas of schema/blueprint.ts, by description, to name the types of the reference. */
function namedTypes(): { byDescription: Map<string, string>; byKeys: Map<string, string>; keyOrder: Map<string, string[]> } {
  const byDescription = new Map<string, string>();
  const keyCount = new Map<string, string[]>();
  const keyOrder = new Map<string, string[]>();
  for (const [name, value] of Object.entries(Schema).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (typeof value !== 'object' || value === null) continue;
    const s = value as { description?: unknown; type?: unknown; properties?: Record<string, unknown> };
    if (typeof s.description === 'string') byDescription.set(s.description, name);
    if (s.type === 'object' && s.properties) {
      const key = Object.keys(s.properties).sort().join(',');
      keyCount.set(key, [...(keyCount.get(key) ?? []), name]);
      // The published schema sorts keys; the reference keeps the order they are written in.
      keyOrder.set(key, Object.keys(s.properties));
    }
  }
  const byKeys = new Map<string, string>();
  for (const [key, names] of keyCount) if (names.length === 1) byKeys.set(key, names[0]!);
  return { byDescription, byKeys, keyOrder };
}

/** `Text. @default x` → the text and the default. */
function splitDefault(description: string): { text: string; def: string | null } {
  const at = description.indexOf('@default');
  if (at < 0) return { text: description.trim(), def: null };
  return { text: description.slice(0, at).trim(), def: description.slice(at + '@default'.length).trim() };
}

const anchor = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const code = (v: Json) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;

interface Section {
  readonly name: string;
  readonly node: Node;
  /** Where it is used, e.g. `sites[].buildings[]`. */
  readonly usedAt: string[];
}

class Reference {
  private readonly names = namedTypes();
  readonly sections = new Map<string, Section>();
  readonly valueTypes = new Map<string, Node>();

  /** The properties of an object schema in the order schema/blueprint.ts writes them. */
  properties(node: Node): [string, Json][] {
    const props = isNode(node.properties) ? node.properties : {};
    const order = this.names.keyOrder.get(Object.keys(props).sort().join(',')) ?? Object.keys(props);
    return order.filter((k) => k in props).map((k) => [k, props[k]!]);
  }

  /** The section name of an object schema, registering it on first sight. */
  objectName(node: Node, path: string): string {
    const description = typeof node.description === 'string' ? node.description : '';
    const keys = Object.keys(isNode(node.properties) ? node.properties : {}).sort().join(',');
    const name = this.names.byDescription.get(description) ?? this.names.byKeys.get(keys) ?? pathName(path);
    const known = this.sections.get(name);
    if (known) {
      if (!known.usedAt.includes(path)) known.usedAt.push(path);
      return name;
    }
    const section: Section = { name, node, usedAt: [path] };
    this.sections.set(name, section);
    for (const [key, child] of this.properties(node)) {
      if (isNode(child)) this.typeOf(child, path ? `${path}.${key}` : key);
    }
    return name;
  }

  /** The type of a field in words, linking object and named value types. */
  typeOf(node: Node, path: string): string {
    if (Array.isArray(node.enum)) {
      const named = this.names.byDescription.get(typeof node.description === 'string' ? node.description : '');
      if (named && node.enum.length > 4) {
        this.valueTypes.set(named, node);
        return `[${named}](#${anchor(named)})`;
      }
      return node.enum.map(code).join(' | ');
    }
    if ('const' in node) return code(node.const!);
    if (Array.isArray(node.anyOf)) return node.anyOf.filter(isNode).map((b) => this.typeOf(b, path)).join(' or ');
    switch (node.type) {
      case 'object':
        return `[${this.objectName(node, path)}](#${anchor(this.objectName(node, path))})`;
      case 'array': {
        const items = isNode(node.items) ? this.typeOf(node.items, `${path}[]`) : 'anything';
        const notes = [node.minItems !== undefined && Number(node.minItems) > 0 ? `at least ${node.minItems}` : '', node.uniqueItems ? 'no repeats' : ''].filter(Boolean);
        return `list of ${items}${notes.length ? ` (${notes.join(', ')})` : ''}`;
      }
      case 'string':
        return this.stringType(node);
      case 'integer':
      case 'number':
        return numberType(node);
      case 'boolean':
        return '`true` or `false`';
      default:
        return 'any';
    }
  }

  private stringType(node: Node): string {
    if (node.pattern === Schema.ID_PATTERN) return '[id](#id)';
    const description = typeof node.description === 'string' ? node.description : '';
    const named = this.names.byDescription.get(description);
    if (named && node.pattern !== undefined) {
      this.valueTypes.set(named, node);
      return `[${named}](#${anchor(named)})`;
    }
    if (node.format === 'date') return 'date `YYYY-MM-DD`';
    if (node.pattern === '^[^\\u0000-\\u001f\\u007f]*$') return `text${node.maxLength !== undefined ? ` (up to ${node.maxLength} characters)` : ''}`;
    if (typeof node.pattern === 'string') return `text of the form \`${node.pattern}\``;
    return 'text';
  }
}

function numberType(node: Node): string {
  const kind = node.type === 'integer' ? 'whole number' : 'number';
  const min = node.minimum;
  const max = node.maximum;
  if (min !== undefined && max !== undefined) return `${kind} ${min} to ${max}`;
  if (min !== undefined) return `${kind} ≥ ${min}`;
  if (max !== undefined) return `${kind} ≤ ${max}`;
  return kind;
}

/** A section name for an object without a named export: `deployment.sla` → `deployment.sla`. */
function pathName(path: string): string {
  return path.replace(/\[\]/g, '');
}

function renderSection(ref: Reference, s: Section): string {
  const { text } = splitDefault(typeof s.node.description === 'string' ? s.node.description : '');
  const required = new Set(Array.isArray(s.node.required) ? s.node.required.map(String) : []);
  const lines = [`### ${s.name}`, '', text, '', `Used at: ${s.usedAt.map((p) => `\`${p || '(the file)'}\``).join(', ')}.`, ''];
  const props = ref.properties(s.node);
  if (props.length === 0) return lines.join('\n');
  lines.push('| Key | Type | Required | Default | Description |', '| --- | --- | --- | --- | --- |');
  for (const [key, child] of props) {
    if (!isNode(child)) continue;
    const d = splitDefault(typeof child.description === 'string' ? child.description : '');
    const path = s.usedAt[0] ? `${s.usedAt[0]}.${key}` : key;
    lines.push(`| \`${key}\` | ${cell(ref.typeOf(child, path))} | ${required.has(key) ? 'yes' : 'no'} | ${d.def ? cell(d.def) : ''} | ${cell(d.text)} |`);
  }
  lines.push('');
  return lines.join('\n');
}

export function renderBlueprintReference(): string {
  const schema = blueprintJsonSchema() as Node;
  const ref = new Reference();
  ref.objectName(schema, '');
  const out: string[] = [
    generatedNotice('schema/blueprint.ts'),
    '# Blueprint reference',
    '',
    'A blueprint is a YAML or JSON file (or a TypeScript app of constructs that builds the same) that',
    'describes the redundancy design of one telephony deployment. This page lists every type and',
    'field; the examples in [blueprints/](../blueprints) show them in use (see [blueprints.md](blueprints.md)).',
    '',
    'Editors complete and check a blueprint against the JSON Schema',
    '[schema/blueprint.schema.json](../schema/blueprint.schema.json) (also printed by `rbc schema`) when',
    'the file starts with:',
    '',
    '```yaml',
    '# yaml-language-server: $schema=../schema/blueprint.schema.json',
    '```',
    '',
    'Conventions: every object rejects keys it does not know (with a did-you-mean); a field that is',
    'not required takes the default shown when it is left out; references between elements are by',
    'id, and ids of sites, gateways, trunks, providers, services and policies are unique in the',
    'blueprint, while the ids of a site\'s buildings, fire zones, rooms, power sources and lines are',
    'unique within their site. Errors are listed in [diagnostics.md](diagnostics.md).',
    '',
    '## Types',
    '',
  ];
  for (const s of ref.sections.values()) out.push(renderSection(ref, s));
  out.push('## Value types', '');
  out.push('### id', '', `Ids become file names, Terraform addresses and config identifiers, so they are restricted to 1-48 lowercase letters, digits and inner hyphens: \`${Schema.ID_PATTERN}\`.`, '');
  for (const [name, node] of [...ref.valueTypes].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const d = splitDefault(typeof node.description === 'string' ? node.description : '');
    const form = Array.isArray(node.enum) ? `One of: ${node.enum.map(code).join(', ')}.` : `Form: \`${String(node.pattern)}\``;
    out.push(`### ${name}`, '', d.text, '', form, '');
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd() + '\n';
}

export const doc: GeneratedDoc = { file: 'docs/blueprint-reference.md', render: renderBlueprintReference };
