/**
 * The release-level passes (codegen/passes/release.ts), on hand-made models:
 * result documents linked across modules by the overlay, and each payload
 * module's requestType checked against what its service's WSDL accepts.
 */
import type { OperationModel, SchemaModel, ServiceModel } from '../../../codegen/model/model.js';
import { checkRequestTypes, linkResultDocuments } from '../../../codegen/passes/release.js';
import type { ModuleName } from '../../../codegen/schemas.js';
import { schemaModel } from './model.js';

const MI: ServiceModel = {
  interface: 'MI',
  service: 'MiWebService',
  operation: 'submitAttachment',
  soapAction: 'urn:abb.com:project/mms/submitAttachment',
  path: '/axis2/services/MiWebService',
  typesNamespace: 'urn:abb.com:project/mms/types',
  requestTypes: ['mp.market', 'mp.report'],
  maxAttachments: 40,
};

const release = (...models: [ModuleName, Partial<SchemaModel>][]): Map<ModuleName, SchemaModel> =>
  new Map(models.map(([module, extra]) => [module, { ...schemaModel({ module }), ...extra }]));

describe('checkRequestTypes', () => {
  test('a payload module whose request type its WSDL accepts passes', () => {
    expect(() => checkRequestTypes(release(['market', {}], ['soap-mi', { service: MI }]))).not.toThrow();
  });

  test('a payload module whose WSDL binds no service stops generation', () => {
    expect(() => checkRequestTypes(release(['market', {}], ['soap-mi', {}]))).toThrow(
      /market is sent to the MI service, but .* binds no service/,
    );
  });

  test('a request type the service does not accept stops generation', () => {
    expect(() => checkRequestTypes(release(['registration', {}], ['soap-mi', { service: MI }]))).toThrow(
      /registration is sent as mp.registration, which the MI service does not accept \(mp.market, mp.report\)/,
    );
  });
});

describe('linkResultDocuments', () => {
  const download = (): OperationModel =>
    ({
      id: 'ReportDownloadRequestTrnID',
      result: { element: 'ReportDownloadRequestTrnID', type: 'T', many: false },
    }) as unknown as OperationModel;

  test('the overlay links an operation to a root of another module', () => {
    const op = download();
    const models = release(
      ['report', { operations: [op] }],
      [
        'outbound',
        {
          elements: new Map([
            [
              'OutboundData',
              { kind: 'element', name: 'OutboundData', type: 'OutboundDataType', min: 1, max: 1 },
            ],
          ]),
        },
      ],
    );
    linkResultDocuments(models, {
      ReportDownloadRequestTrnID: { module: 'outbound', root: 'OutboundData', source: 'test' },
    });
    expect(op.result?.document).toEqual({
      module: 'outbound',
      root: 'OutboundData',
      rootType: 'OutboundDataType',
      source: 'test',
    });
  });

  test('an overlay naming a root the release lacks stops generation', () => {
    const models = release(['report', { operations: [download()] }], ['outbound', {}]);
    expect(() =>
      linkResultDocuments(models, {
        ReportDownloadRequestTrnID: { module: 'outbound', root: 'OutboundData', source: 'test' },
      }),
    ).toThrow(/answers with OutboundData of outbound, which this release lacks/);
  });
});
