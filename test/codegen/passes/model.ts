/**
 * Small hand-made schema models for the pass tests: each test states only the
 * declarations it is about, and the pass runs on nothing else.
 */
import type {
  AttributeModel,
  AttributeUse,
  ComplexTypeModel,
  ElementModel,
  FacetStep,
  GroupModel,
  OperationModel,
  ParticleModel,
  SchemaModel,
  SimpleTypeModel,
  TypeModel,
} from '../../../codegen/model/model.js';
import type { ModuleName } from '../../../codegen/schemas.js';

export function schemaModel(
  parts: {
    module?: ModuleName;
    types?: TypeModel[];
    elements?: ElementModel[];
    attributeGroups?: Record<string, AttributeUse[]>;
  } = {},
): SchemaModel {
  return {
    module: parts.module ?? 'outbound',
    file: 't.xsd',
    sha256: '0'.repeat(64),
    namespace: '',
    types: new Map((parts.types ?? []).map((t) => [t.name, t])),
    elements: new Map((parts.elements ?? []).map((e) => [e.name, e])),
    attributeGroups: new Map(Object.entries(parts.attributeGroups ?? {})),
    operations: [],
  };
}

export const simple = (name: string, base: string, step: FacetStep = {}): SimpleTypeModel => ({
  kind: 'simple',
  name,
  base,
  step,
  anonymous: false,
  line: 1,
});

export const complex = (
  name: string,
  parts: { attributes?: AttributeUse[]; content?: GroupModel; textBase?: string } = {},
): ComplexTypeModel => ({
  kind: 'complex',
  name,
  attributes: parts.attributes ?? [],
  ...(parts.content ? { content: parts.content } : {}),
  ...(parts.textBase !== undefined ? { textBase: parts.textBase } : {}),
  anonymous: false,
  line: 1,
});

export const element = (
  name: string,
  type: string,
  occurs: { min?: number; max?: number } = {},
): ElementModel => ({
  kind: 'element',
  name,
  type,
  min: occurs.min ?? 1,
  max: occurs.max ?? 1,
});

export const attribute = (name: string, type = 'xs:string'): AttributeModel => ({
  name,
  type,
  required: false,
});

const group = (kind: GroupModel['kind'], particles: ParticleModel[]): GroupModel => ({
  kind,
  min: 1,
  max: 1,
  particles,
});

export const sequence = (...particles: ParticleModel[]): GroupModel => group('sequence', particles);
export const choice = (...particles: ParticleModel[]): GroupModel => group('choice', particles);

/** An operation as passes/catalog makes it for `element` in the market envelope `envelope`. */
export const operation = (
  envelope: string,
  element: string,
  extra: Partial<OperationModel> = {},
): OperationModel => ({
  id: `${envelope}_${element}`,
  name: `${envelope}_${element}`,
  root: 'MarketData',
  envelope,
  envelopeType: `${envelope}Type`,
  element,
  dataType: `${element}Type`,
  many: false,
  ...extra,
});
