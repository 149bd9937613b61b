/** docs/operations.md is the contract for client authors: it must describe every op type. */
import fs from 'node:fs';
import path from 'node:path';
import {
  OPERATION_TYPES,
  isOperationType,
  operationPayloadSchemas,
} from '../../src/domain/operationSchemas';

describe('docs/operations.md', () => {
  const doc = fs.readFileSync(path.join(__dirname, '../../docs/operations.md'), 'utf8');
  const documented = [...doc.matchAll(/^### `([a-zA-Z.]+)`$/gm)].map((match) => match[1]);

  it('has a section for every operation type the server accepts', () => {
    expect(OPERATION_TYPES.filter((type) => !documented.includes(type))).toEqual([]);
  });

  it('gives examples that the server would accept', () => {
    const sections = doc.split(/^### /m).slice(1);
    const examples = sections.flatMap((section) => {
      const type = /^`([a-zA-Z.]+)`/.exec(section)?.[1] ?? '';
      const json = /```json\n([\s\S]*?)```/.exec(section)?.[1];
      return json && isOperationType(type) ? [{ type, payload: JSON.parse(json) as unknown }] : [];
    });
    expect(examples.length).toBeGreaterThan(10);
    const refused = examples
      .map(({ type, payload }) => ({
        type,
        result: operationPayloadSchemas[type].safeParse(payload),
      }))
      .filter(({ result }) => !result.success)
      .map(({ type, result }) => `${type}: ${result.error?.message ?? ''}`);
    expect(refused).toEqual([]);
  });

  it('documents no operation type that does not exist', () => {
    expect(documented.filter((type) => !OPERATION_TYPES.includes(type as never))).toEqual([]);
  });
});
