// schema/blueprint.schema.json: the published JSON Schema, as `rbc schema` prints it. Editors
// find it through the `# yaml-language-server: $schema=../schema/blueprint.schema.json` line of
// a blueprint.
import { blueprintJsonSchema } from '../../schema/json-schema.js';
import type { GeneratedDoc } from './types.js';

export const doc: GeneratedDoc = {
  file: 'schema/blueprint.schema.json',
  render: () => JSON.stringify(blueprintJsonSchema(), null, 2) + '\n',
};
