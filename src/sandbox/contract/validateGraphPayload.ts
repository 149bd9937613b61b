/**
 * Checks a JSON value against a Graph type, the way Graph's OData reader does before anything is
 * written: only properties the type declares (unless the type is open), `@odata.type` naming the
 * type or a type derived from it, enum values among the members, Edm primitives in their JSON
 * form, collections as arrays, nested types recursively, `null` only where nullable.
 * Returns every issue found (empty when the value conforms); the caller turns them into a 400.
 */
import {
  findProperty,
  GRAPH_TYPES,
  isSameOrDerived,
  normaliseTypeName,
  type GraphTypeDef,
  type TypeProperty,
  type TypeRegistry,
} from './graphTypes';
import { checkPrimitive } from './edmPrimitives';

export type ContractIssueKind =
  | 'unknownProperty'
  | 'wrongType'
  | 'enumValue'
  | 'nullValue'
  | 'odataType'
  | 'abstractType'
  | 'untypedValue';

export interface ContractIssue {
  kind: ContractIssueKind;
  /** Where in the payload, e.g. `assignments.<id>.orderHint` or `attendees[2].status`. */
  path: string;
  message: string;
}

export interface ValidateOptions {
  registry?: TypeRegistry;
  /**
   * Types that are open in the CSDL but whose service still refuses unknown properties. Outlook's
   * `message` and `event` are open types (for extensions), yet Outlook answers an unknown property
   * with 400 RequestBodyRead "The property 'x' does not exist on type
   * 'Microsoft.OutlookServices.Message'" (msgraph-sdk-dotnet#270, #450).
   */
  closedTypes?: ReadonlySet<string>;
  /** Validate a collection of the type (an array) rather than one value. */
  collection?: boolean;
  /**
   * Requests match enum members without regard to case, as Graph does (the sendMail docs send
   * `"contentType": "Text"` for `bodyType` member `text`); the sandbox's own responses must use
   * the members exactly. Default 'request'.
   */
  direction?: 'request' | 'response';
}

/** Outlook refuses unknown properties on these although the CSDL marks them open. */
export const SERVICE_CLOSED_TYPES: ReadonlySet<string> = new Set([
  'microsoft.graph.message',
  'microsoft.graph.event',
]);

/** Validates `value` against the Graph type `typeName` (e.g. `microsoft.graph.plannerTask`). */
export function validateGraphPayload(
  value: unknown,
  typeName: string,
  options: ValidateOptions = {},
): ContractIssue[] {
  const walker = new PayloadWalker(
    options.registry ?? GRAPH_TYPES,
    options.closedTypes,
    options.direction === 'response',
  );
  walker.value(
    value,
    { type: typeName, collection: options.collection ?? false, nullable: false },
    '',
  );
  return walker.issues;
}

/** The first issue as Graph would word it; the rest go in `details`. */
export function describeIssues(issues: readonly ContractIssue[]): string {
  return issues[0]?.message ?? 'The request body is not valid.';
}

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

class PayloadWalker {
  readonly issues: ContractIssue[] = [];

  constructor(
    private readonly registry: TypeRegistry,
    private readonly closedTypes: ReadonlySet<string> | undefined,
    private readonly exactEnums: boolean,
  ) {}

  private issue(kind: ContractIssueKind, path: string, message: string): void {
    this.issues.push({ kind, path, message });
  }

  value(value: unknown, property: TypeProperty, path: string): void {
    if (value === null) {
      if (!property.nullable) {
        const expected = `${property.collection ? `Collection(${property.type})` : property.type}[Nullable=False]`;
        this.issue(
          'nullValue',
          path,
          `A null value was found for the property named '${path || 'body'}', which has the expected type '${expected}'. The expected type '${expected}' does not allow null values.`,
        );
      }
      return;
    }
    if (property.collection) {
      if (!Array.isArray(value)) {
        this.issue(
          'wrongType',
          path,
          `The property '${path}' must be a JSON array: its type is 'Collection(${property.type})'.`,
        );
        return;
      }
      value.forEach((item, index) =>
        this.value(
          item,
          { type: property.type, collection: false, nullable: false },
          `${path}[${index}]`,
        ),
      );
      return;
    }
    if (property.type.startsWith('Edm.')) {
      const problem = checkPrimitive(value, property.type);
      if (problem) this.issue('wrongType', path, problem);
      return;
    }
    const def = this.registry.get(property.type);
    if (!def) return; // A type outside the registry (e.g. an unexpanded navigation target): not checked.
    if (def.kind === 'EnumType') {
      this.enumValue(value, property.type, def, path);
      return;
    }
    this.object(value, property.type, path);
  }

  private enumValue(value: unknown, typeName: string, def: GraphTypeDef, path: string): void {
    const members = def.members ?? [];
    const matches =
      typeof value === 'string' &&
      (this.exactEnums
        ? members.includes(value)
        : members.some((member) => member.toLowerCase() === value.toLowerCase()));
    if (!matches) {
      this.issue(
        'enumValue',
        path,
        `Requested value '${String(value)}' was not found: '${path}' is a '${typeName}', one of ${members.join(', ')}.`,
      );
    }
  }

  private object(value: unknown, declared: string, path: string): void {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.issue(
        'wrongType',
        path,
        `The property '${path || 'body'}' must be a JSON object of type '${declared}'.`,
      );
      return;
    }
    const record = value as Record<string, unknown>;
    const typeName = this.effectiveType(record, declared, path);
    if (typeName === undefined) return;
    const def = this.registry.get(typeName);
    if (!def) return;
    if (def.abstract) {
      this.issue(
        'abstractType',
        path,
        `Cannot create an abstract class: '${path || 'body'}' is a '${typeName}'; name a concrete type with "@odata.type" (for example "#microsoft.graph.fileAttachment").`,
      );
      return;
    }
    const open = def.open && !(this.closedTypes?.has(typeName) ?? false);
    for (const [key, child] of Object.entries(record)) {
      this.member(key, child, typeName, def, open, path);
    }
  }

  private effectiveType(
    record: Record<string, unknown>,
    declared: string,
    path: string,
  ): string | undefined {
    const annotated = record['@odata.type'];
    if (annotated === undefined) return declared;
    if (typeof annotated !== 'string') {
      this.issue('odataType', join(path, '@odata.type'), `"@odata.type" must be a string.`);
      return undefined;
    }
    const named = normaliseTypeName(annotated);
    if (!this.registry.has(named) || !isSameOrDerived(named, declared, this.registry)) {
      this.issue(
        'odataType',
        join(path, '@odata.type'),
        `The type '${named}' given in "@odata.type" is not '${declared}' or a type derived from it.`,
      );
      return undefined;
    }
    return named;
  }

  private member(
    key: string,
    child: unknown,
    typeName: string,
    def: GraphTypeDef,
    open: boolean,
    path: string,
  ): void {
    if (key === '@odata.type') return;
    if (key.startsWith('@')) {
      if (!isKnownAnnotation(key.slice(1))) this.unknown(key, typeName, path);
      return;
    }
    const at = key.indexOf('@');
    if (at > 0) {
      // A property annotation such as `linkedResources@odata.context` or `Owners@odata.type`.
      const base = key.slice(0, at);
      if (!isKnownAnnotation(key.slice(at + 1)) || (!open && !findProperty(def, base))) {
        this.unknown(key, typeName, path);
      }
      return;
    }
    const found = findProperty(def, key);
    if (found) {
      this.value(child, found.property, join(path, key));
      return;
    }
    if (!open) {
      this.unknown(key, typeName, path);
      return;
    }
    this.dynamic(key, child, path);
  }

  /** A dynamic property of an open type: primitives pass; a complex value must name its type. */
  private dynamic(key: string, child: unknown, path: string): void {
    if (typeof child !== 'object' || child === null || Array.isArray(child)) return;
    const annotated = (child as Record<string, unknown>)['@odata.type'];
    if (typeof annotated !== 'string') {
      this.issue(
        'untypedValue',
        join(path, key),
        `A value without a type name was found and no expected type is available: the open-type property '${join(path, key)}' needs "@odata.type".`,
      );
      return;
    }
    const named = normaliseTypeName(annotated);
    if (!this.registry.has(named)) {
      this.issue(
        'odataType',
        join(join(path, key), '@odata.type'),
        `The type '${named}' is not a Graph type.`,
      );
      return;
    }
    this.object(child, named, join(path, key));
  }

  private unknown(key: string, typeName: string, path: string): void {
    this.issue(
      'unknownProperty',
      join(path, key),
      `The property '${key}' does not exist on type '${typeName}'. Make sure to only use property names that are defined by the type or mark the type as open type.`,
    );
  }
}

function isKnownAnnotation(term: string): boolean {
  return term.startsWith('odata.') || term.startsWith('microsoft.graph.');
}
