/**
 * The properties of a complex type as TypeScript sees them: attributes, then
 * elements (with occurrence folded over their enclosing groups), then the
 * text of simple content. Shared by the type emitter and the tests that count
 * generated members.
 */
import { UNBOUNDED, type ComplexTypeModel, type GroupModel, type TypeName } from '../model/model.js';
import { TEXT_PROPERTY } from '../../src/xml/descriptors.js';

export interface PropertyModel {
  readonly name: string;
  readonly kind: 'attribute' | 'element' | 'text';
  readonly type: TypeName;
  readonly optional: boolean;
  readonly array: boolean;
  /** Human-readable occurrence for doc comments, e.g. `1..20`, `attribute, required`. */
  readonly occurrence: string;
  readonly default?: string;
  readonly fixed?: string;
}

function range(min: number, max: number): string {
  return `${min}..${max === UNBOUNDED ? '*' : max}`;
}

export function propertiesOf(type: ComplexTypeModel, file: string): PropertyModel[] {
  const props: PropertyModel[] = [];
  for (const attribute of type.attributes) {
    if ('groupRef' in attribute)
      throw new Error(`${type.name}: attribute groups must be flattened before emit`);
    props.push({
      name: attribute.name,
      kind: 'attribute',
      type: attribute.type,
      optional: !attribute.required,
      array: false,
      occurrence: `attribute, ${attribute.required ? 'required' : 'optional'}`,
      ...(attribute.default !== undefined ? { default: attribute.default } : {}),
      ...(attribute.fixed !== undefined ? { fixed: attribute.fixed } : {}),
    });
  }
  const walk = (group: GroupModel, optional: boolean, repeated: boolean): void => {
    const inChoice = group.kind === 'choice' && group.particles.length > 1;
    const groupOptional = optional || group.min === 0 || inChoice;
    const groupRepeated = repeated || group.max !== 1;
    for (const particle of group.particles) {
      if (particle.kind !== 'element') {
        walk(particle, groupOptional, groupRepeated);
        continue;
      }
      const prop: PropertyModel = {
        name: particle.name,
        kind: 'element',
        type: particle.type,
        optional: groupOptional || particle.min === 0,
        array: groupRepeated || particle.max !== 1,
        occurrence: `element, ${range(particle.min, particle.max)}${inChoice ? ', choice' : ''}`,
        ...(particle.default !== undefined ? { default: particle.default } : {}),
        ...(particle.fixed !== undefined ? { fixed: particle.fixed } : {}),
      };
      const existing = props.find((p) => p.name === prop.name);
      if (existing) {
        if (existing.kind !== 'element' || existing.type !== prop.type) {
          throw new Error(
            `${file}: ${type.name} has two members named ${prop.name} of different kinds or types`,
          );
        }
        continue;
      }
      props.push(prop);
    }
  };
  if (type.content) walk(type.content, false, false);
  if (type.text !== undefined) {
    if (props.some((p) => p.name === TEXT_PROPERTY))
      throw new Error(`${file}: ${type.name} has a member named ${TEXT_PROPERTY}`);
    props.push({
      name: TEXT_PROPERTY,
      kind: 'text',
      type: type.text,
      optional: false,
      array: false,
      occurrence: 'text content',
    });
  }
  return props;
}
