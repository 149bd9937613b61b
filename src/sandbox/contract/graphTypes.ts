/**
 * The Graph type registry the sandbox validates against: the CSDL-derived types in
 * `graph-v1-types.json` (see README.md for provenance) plus the few envelope and action-parameter
 * shapes that are not CSDL types (error body, $batch, action parameters).
 */
import graphTypesJson from './graph-v1-types.json';
import { ENVELOPE_TYPES } from './envelopeTypes';

export interface TypeProperty {
  type: string;
  collection: boolean;
  nullable: boolean;
}

export interface GraphTypeDef {
  kind: 'EntityType' | 'ComplexType' | 'EnumType';
  abstract: boolean;
  open: boolean;
  base?: string;
  members?: string[];
  properties: Record<string, TypeProperty>;
  navigation: Record<string, TypeProperty>;
  /** Action parameters are matched without regard to case (CSDL says `Message`, docs `message`). */
  caseInsensitive?: boolean;
}

export type TypeRegistry = ReadonlyMap<string, GraphTypeDef>;

function buildRegistry(): TypeRegistry {
  const registry = new Map<string, GraphTypeDef>();
  for (const [name, def] of Object.entries(
    graphTypesJson as unknown as Record<string, GraphTypeDef>,
  )) {
    registry.set(name, def);
  }
  for (const [name, def] of Object.entries(ENVELOPE_TYPES)) registry.set(name, def);
  return registry;
}

export const GRAPH_TYPES: TypeRegistry = buildRegistry();

/** `#microsoft.graph.fileAttachment` and `microsoft.graph.fileAttachment` name the same type. */
export function normaliseTypeName(odataType: string): string {
  return odataType.startsWith('#') ? odataType.slice(1) : odataType;
}

/** True when `candidate` is `ancestor` or derives from it through `base` links in the registry. */
export function isSameOrDerived(
  candidate: string,
  ancestor: string,
  registry: TypeRegistry = GRAPH_TYPES,
): boolean {
  let current: string | undefined = candidate;
  const seen = new Set<string>();
  while (current !== undefined && !seen.has(current)) {
    if (current === ancestor) return true;
    seen.add(current);
    current = registry.get(current)?.base;
  }
  return false;
}

/** Looks a property (or navigation property) up on a type, honouring `caseInsensitive`. */
export function findProperty(
  def: GraphTypeDef,
  name: string,
): { name: string; property: TypeProperty } | undefined {
  const direct = def.properties[name] ?? def.navigation[name];
  if (direct) return { name, property: direct };
  if (!def.caseInsensitive) return undefined;
  const lower = name.toLowerCase();
  for (const [key, property] of [
    ...Object.entries(def.properties),
    ...Object.entries(def.navigation),
  ]) {
    if (key.toLowerCase() === lower) return { name: key, property };
  }
  return undefined;
}
