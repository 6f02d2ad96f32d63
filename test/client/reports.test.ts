/**
 * A downloaded report (`OutboundData`, mi-outbnd-reports.xsd) decodes into
 * typed rows for every dataset the schema defines: random valid rows of each
 * dataset, encoded as the server would send them, come back equal.
 */
import fc from 'fast-check';
import { modules, operations } from '../../generated/index.js';
import { interpretResponse } from '../../src/client/response.js';
import type {
  ComplexTypeDescriptor,
  ElementDescriptor,
  OperationDescriptor,
} from '../../src/xml/descriptors.js';
import { encodeDocument } from '../../src/xml/encode.js';
import { complexIndex } from '../../src/xml/schema-index.js';
import { arbitraryFor } from '../helpers/arbitrary.js';
import { sendResult } from '../helpers/send-result.js';

const outbound = modules.outbound;
const root = outbound.types[outbound.elements['OutboundData']!] as ComplexTypeDescriptor;
const datasets: ElementDescriptor[] = [];
const collect = (particles: readonly { kind: string }[]): void => {
  for (const p of particles as (ElementDescriptor | { kind: 'choice'; particles: never[] })[]) {
    if (p.kind === 'element') datasets.push(p);
    else collect(p.particles);
  }
};
collect(root.content!.particles);

test('the report schema defines its datasets (17 in release 2025-12)', () => {
  expect(datasets.map((d) => d.name)).toContain('BSP_ResourceList');
  expect(datasets).toHaveLength(17);
});

test.each(datasets.map((d) => [d.name, d] as const))('%s rows decode typed', async (_name, dataset) => {
  const sample = fc.sample(arbitraryFor(outbound, dataset.type), { numRuns: 3, seed: 42 });
  const rows = complexIndex(root).elements.get(dataset.name)!.array ? sample : sample[0]!;
  const xml = encodeDocument(outbound, 'OutboundData', { [dataset.name]: rows });
  const result = await interpretResponse(
    operations.ReportDownloadRequestTrnID as OperationDescriptor,
    sendResult(xml),
  );
  expect(result.data).toEqual({ [dataset.name]: rows });
  expect(result.responseProblems).toEqual([]);
});
