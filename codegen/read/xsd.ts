/**
 * XSD (and WSDL-embedded XSD) → raw schema model. Every construct the MMS
 * schemas use is read; any other construct or attribute stops generation
 * with the file and line, because silently skipping one would generate a
 * wrong client.
 */
import type { ModuleName } from '../schemas.js';
import {
  UNBOUNDED,
  type AttributeUse,
  type ComplexTypeModel,
  type ElementModel,
  type FacetStep,
  type GroupModel,
  type ParticleModel,
  type SchemaModel,
  type SimpleTypeModel,
  type TypeName,
} from '../model/model.js';
import { SchemaReadError } from './errors.js';
import { readBinding, WSDL_NS } from './wsdl.js';
import { parseXmlTree, type XmlNode } from './xml-tree.js';

export const XSD_NS = 'http://www.w3.org/2001/XMLSchema';

const BUILTINS = new Set([
  'string',
  'boolean',
  'int',
  'integer',
  'long',
  'decimal',
  'float',
  'date',
  'dateTime',
  'base64Binary',
]);

export { SchemaReadError };

interface ReadContext {
  readonly file: string;
  readonly targetNamespace: string;
  readonly model: SchemaModel;
}

export function readSchemaFile(module: ModuleName, file: string, sha256: string, text: string): SchemaModel {
  const root = parseXmlTree(text, file);
  const schema = findSchema(root, file);
  const model: SchemaModel = {
    module,
    file,
    sha256,
    namespace: schema.attributes['targetNamespace'] ?? '',
    types: new Map(),
    elements: new Map(),
    attributeGroups: new Map(),
    operations: [],
  };
  const binding = schema === root ? undefined : readBinding(file, root, schema);
  if (binding) model.binding = binding;
  const ctx: ReadContext = { file, targetNamespace: model.namespace, model };
  allowOnly(ctx, schema, ['targetNamespace', 'elementFormDefault', 'attributeFormDefault', 'version']);
  // The runtime writes local elements and attributes unqualified; with a
  // target namespace, qualified forms would need prefixes it does not write.
  if (
    model.namespace !== '' &&
    (schema.attributes['elementFormDefault'] === 'qualified' ||
      schema.attributes['attributeFormDefault'] === 'qualified')
  ) {
    fail(ctx, schema, 'qualified local elements or attributes in a namespaced schema are not supported');
  }
  for (const child of xsdChildren(schema)) {
    switch (child.name) {
      case 'annotation':
      case 'import':
        break;
      case 'simpleType':
        addType(ctx, readSimpleType(ctx, child, required(ctx, child, 'name'), false));
        break;
      case 'complexType':
        addType(ctx, readComplexType(ctx, child, required(ctx, child, 'name'), false));
        break;
      case 'element': {
        const element = readElement(ctx, child, undefined, true);
        if (model.elements.has(element.name)) fail(ctx, child, `duplicate global element ${element.name}`);
        model.elements.set(element.name, element);
        break;
      }
      case 'attributeGroup':
        model.attributeGroups.set(
          required(ctx, child, 'name'),
          readAttributeUses(ctx, child, required(ctx, child, 'name')),
        );
        break;
      default:
        fail(ctx, child, `unsupported top-level construct xs:${child.name}`);
    }
  }
  return model;
}

function findSchema(root: XmlNode, file: string): XmlNode {
  if (root.uri === XSD_NS && root.name === 'schema') return root;
  if (root.uri === WSDL_NS && root.name === 'definitions') {
    const types = root.children.find((c) => c.uri === WSDL_NS && c.name === 'types');
    const schemas = types?.children.filter((c) => c.uri === XSD_NS && c.name === 'schema') ?? [];
    if (schemas.length !== 1)
      throw new SchemaReadError(`${file}: expected one xsd:schema in wsdl:types, found ${schemas.length}`);
    return schemas[0]!;
  }
  throw new SchemaReadError(`${file}: root element ${root.name} is neither xs:schema nor wsdl:definitions`);
}

function xsdChildren(node: XmlNode): XmlNode[] {
  return node.children.filter((c) => c.uri === XSD_NS);
}

function fail(ctx: ReadContext, node: XmlNode, message: string): never {
  throw new SchemaReadError(`${ctx.file}:${node.line}: ${message}`);
}

/**
 * Refuse attributes this reader does not implement (nillable, abstract,
 * substitutionGroup, form, ...): ignoring one would generate a wrong client.
 */
function allowOnly(ctx: ReadContext, node: XmlNode, allowed: readonly string[]): void {
  for (const name of Object.keys(node.attributes)) {
    if (!allowed.includes(name)) fail(ctx, node, `xs:${node.name} with unsupported attribute ${name}`);
  }
}

/** A reference (`ref="p:Name"`) to a declaration of this schema: its local name. */
function resolveRef(ctx: ReadContext, node: XmlNode, qname: string): string {
  const colon = qname.indexOf(':');
  const uri = node.namespaces[colon < 0 ? '' : qname.slice(0, colon)] ?? '';
  if (uri !== ctx.targetNamespace)
    fail(ctx, node, `reference ${qname} is in namespace "${uri}", not this schema's`);
  return colon < 0 ? qname : qname.slice(colon + 1);
}

function required(ctx: ReadContext, node: XmlNode, attribute: string): string {
  const value = node.attributes[attribute];
  if (value === undefined) fail(ctx, node, `xs:${node.name} without ${attribute}`);
  return value;
}

function addType(ctx: ReadContext, type: SimpleTypeModel | ComplexTypeModel, node?: XmlNode): void {
  if (ctx.model.types.has(type.name)) {
    throw new SchemaReadError(`${ctx.file}:${node?.line ?? type.line}: duplicate type name ${type.name}`);
  }
  ctx.model.types.set(type.name, type);
}

/** Resolve a QName attribute value to `xs:<builtin>` or a local type name. */
function resolveTypeName(ctx: ReadContext, node: XmlNode, qname: string): TypeName {
  const colon = qname.indexOf(':');
  const prefix = colon < 0 ? '' : qname.slice(0, colon);
  const local = colon < 0 ? qname : qname.slice(colon + 1);
  const uri = node.namespaces[prefix] ?? '';
  if (uri === XSD_NS) {
    if (!BUILTINS.has(local)) fail(ctx, node, `unsupported built-in type xs:${local}`);
    return `xs:${local}`;
  }
  if (uri !== ctx.targetNamespace)
    fail(ctx, node, `type ${qname} is in namespace "${uri}", not this schema's`);
  return local;
}

function readOccurs(ctx: ReadContext, node: XmlNode): { min: number; max: number } {
  const minText = node.attributes['minOccurs'] ?? '1';
  const maxText = node.attributes['maxOccurs'] ?? '1';
  const min = Number(minText);
  const max = maxText === 'unbounded' ? UNBOUNDED : Number(maxText);
  if (!Number.isInteger(min) || min < 0 || !Number.isInteger(max) || (max !== UNBOUNDED && max < min)) {
    fail(ctx, node, `bad occurrence minOccurs=${minText} maxOccurs=${maxText}`);
  }
  return { min, max };
}

function readSimpleType(ctx: ReadContext, node: XmlNode, name: string, anonymous: boolean): SimpleTypeModel {
  allowOnly(ctx, node, ['name']);
  const parts = xsdChildren(node).filter((c) => c.name !== 'annotation');
  const restriction = parts[0];
  if (parts.length !== 1 || !restriction || restriction.name !== 'restriction') {
    fail(ctx, node, `simpleType ${name}: only xs:restriction is supported`);
  }
  const step: FacetStep = {};
  let base: TypeName | undefined = restriction.attributes['base']
    ? resolveTypeName(ctx, restriction, restriction.attributes['base'])
    : undefined;
  for (const facet of xsdChildren(restriction)) {
    const value = facet.attributes['value'];
    switch (facet.name) {
      case 'annotation':
        continue;
      case 'simpleType': {
        const inner = readSimpleType(ctx, facet, `${name}_Base`, true);
        addType(ctx, inner, facet);
        base = inner.name;
        continue;
      }
      case 'enumeration':
        (step.enumeration ??= []).push(value ?? '');
        continue;
      case 'pattern':
        (step.patterns ??= []).push(value ?? '');
        continue;
    }
    if (value === undefined) fail(ctx, facet, `facet xs:${facet.name} without value`);
    if (step[facet.name as keyof FacetStep] !== undefined) {
      fail(ctx, facet, `facet xs:${facet.name} given twice in ${name}`);
    }
    switch (facet.name) {
      case 'length':
      case 'minLength':
      case 'maxLength':
      case 'fractionDigits':
      case 'totalDigits': {
        const n = Number(value.trim());
        if (!Number.isInteger(n) || n < 0)
          fail(ctx, facet, `facet xs:${facet.name} value "${value}" is not a count`);
        step[facet.name] = n;
        break;
      }
      case 'minInclusive':
      case 'maxInclusive':
        step[facet.name] = value.trim();
        break;
      default:
        fail(ctx, facet, `unsupported facet xs:${facet.name} in simpleType ${name}`);
    }
  }
  if (base === undefined) fail(ctx, restriction, `restriction without base in simpleType ${name}`);
  return { kind: 'simple', name, base, step, anonymous, line: node.line };
}

function readComplexType(
  ctx: ReadContext,
  node: XmlNode,
  name: string,
  anonymous: boolean,
): ComplexTypeModel {
  allowOnly(ctx, node, ['name', 'mixed']);
  const type: ComplexTypeModel = { kind: 'complex', name, attributes: [], anonymous, line: node.line };
  if (node.attributes['mixed'] === 'true') fail(ctx, node, `mixed content in ${name} is not supported`);
  for (const child of xsdChildren(node)) {
    switch (child.name) {
      case 'annotation':
        break;
      case 'sequence':
      case 'choice':
      case 'all':
        if (type.content) fail(ctx, child, `${name}: more than one model group`);
        type.content = readGroup(ctx, child, name);
        break;
      case 'attribute':
      case 'attributeGroup':
        break;
      case 'simpleContent': {
        const extension = xsdChildren(child).find((c) => c.name !== 'annotation');
        if (!extension || extension.name !== 'extension') {
          fail(ctx, child, `${name}: only xs:extension is supported in xs:simpleContent`);
        }
        type.textBase = resolveTypeName(ctx, extension, required(ctx, extension, 'base'));
        type.attributes.push(...readAttributeUses(ctx, extension, name));
        break;
      }
      default:
        fail(ctx, child, `${name}: unsupported construct xs:${child.name}`);
    }
  }
  type.attributes.push(...readAttributeUses(ctx, node, name));
  return type;
}

function readGroup(ctx: ReadContext, node: XmlNode, owner: string): GroupModel {
  const kind = node.name as GroupModel['kind'];
  const particles: ParticleModel[] = [];
  for (const child of xsdChildren(node)) {
    switch (child.name) {
      case 'annotation':
        break;
      case 'element':
        particles.push(readElement(ctx, child, owner, false));
        break;
      case 'sequence':
      case 'choice':
        if (kind === 'all') fail(ctx, child, `${owner}: xs:${child.name} inside xs:all`);
        particles.push(readGroup(ctx, child, owner));
        break;
      default:
        fail(ctx, child, `${owner}: unsupported particle xs:${child.name}`);
    }
  }
  return { kind, ...readOccurs(ctx, node), particles };
}

function readElement(
  ctx: ReadContext,
  node: XmlNode,
  owner: string | undefined,
  global: boolean,
): ElementModel {
  allowOnly(ctx, node, ['name', 'type', 'ref', 'minOccurs', 'maxOccurs', 'default', 'fixed']);
  const occurs = global ? { min: 1, max: 1 } : readOccurs(ctx, node);
  const ref = node.attributes['ref'];
  if (ref !== undefined) {
    const local = resolveRef(ctx, node, ref);
    return { kind: 'element', name: local, type: '', ref: local, ...occurs };
  }
  const name = required(ctx, node, 'name');
  const element: ElementModel = { kind: 'element', name, type: '', ...occurs };
  const typeAttr = node.attributes['type'];
  const inline = xsdChildren(node).filter((c) => c.name === 'simpleType' || c.name === 'complexType');
  if (typeAttr !== undefined && inline.length > 0)
    fail(ctx, node, `element ${name} has both a type and an inline type`);
  if (typeAttr !== undefined) {
    element.type = resolveTypeName(ctx, node, typeAttr);
  } else if (inline[0]) {
    // Anonymous types are named after their parent and element (DESIGN.md).
    const anonName = owner === undefined ? name : `${owner}_${name}`;
    const anon =
      inline[0].name === 'simpleType'
        ? readSimpleType(ctx, inline[0], anonName, true)
        : readComplexType(ctx, inline[0], anonName, true);
    addType(ctx, anon, inline[0]);
    element.type = anon.name;
  } else {
    // No type at all means xs:anyType; the MMS schemas never do this.
    fail(ctx, node, `element ${name} has no type`);
  }
  if (node.attributes['default'] !== undefined) element.default = node.attributes['default'];
  if (node.attributes['fixed'] !== undefined) element.fixed = node.attributes['fixed'];
  return element;
}

function readAttributeUses(ctx: ReadContext, node: XmlNode, owner: string): AttributeUse[] {
  const uses: AttributeUse[] = [];
  for (const child of xsdChildren(node)) {
    if (child.name === 'attributeGroup') {
      uses.push({ groupRef: resolveRef(ctx, child, required(ctx, child, 'ref')) });
    } else if (child.name === 'attribute') {
      allowOnly(ctx, child, ['name', 'type', 'use', 'default', 'fixed']);
      const name = required(ctx, child, 'name');
      const use = child.attributes['use'] ?? 'optional';
      if (use === 'prohibited') continue;
      let type: TypeName;
      const inline = xsdChildren(child).find((c) => c.name === 'simpleType');
      if (child.attributes['type'] !== undefined)
        type = resolveTypeName(ctx, child, child.attributes['type']);
      else if (inline) {
        const anon = readSimpleType(ctx, inline, `${owner}_${name}`, true);
        addType(ctx, anon, inline);
        type = anon.name;
      } else type = 'xs:string';
      uses.push({
        name,
        type,
        required: use === 'required',
        ...(child.attributes['default'] !== undefined ? { default: child.attributes['default'] } : {}),
        ...(child.attributes['fixed'] !== undefined ? { fixed: child.attributes['fixed'] } : {}),
      });
    }
  }
  return uses;
}
