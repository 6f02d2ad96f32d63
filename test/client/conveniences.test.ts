/**
 * The reference client's conveniences: what is filled in or left out of a
 * request on the caller's behalf, each switchable, none overriding a value
 * the caller gave.
 */
import { operations } from '../../generated/index.js';
import { applyConveniences } from '../../src/client/conveniences.js';
import type { OperationDescriptor } from '../../src/xml/descriptors.js';

const op = (id: string): OperationDescriptor => (operations as Record<string, OperationDescriptor>)[id]!;
const bsp = { clientType: 'bsp', participant: 'F100' } as const;
const tso = { clientType: 'tso', participant: 'T001' } as const;

describe('participantInResources', () => {
  test("a BSP's resource registration and query items get its ParticipantName where left out", () => {
    for (const id of ['RegistrationSubmit_Resource', 'RegistrationQuery_Resource']) {
      const { data } = applyConveniences(op(id), bsp, {}, [
        { ResourceName: 'R1' },
        { ParticipantName: 'F100' },
      ]);
      expect(data).toEqual([{ ParticipantName: 'F100', ResourceName: 'R1' }, { ParticipantName: 'F100' }]);
    }
    expect(
      applyConveniences(op('RegistrationSubmit_Resource'), bsp, {}, { ResourceName: 'R1' }).data,
    ).toEqual({
      ParticipantName: 'F100',
      ResourceName: 'R1',
    });
  });

  test('a value the caller gave stays; a TSO query (a filter) is left alone; the switch turns it off', () => {
    const given = { ParticipantName: 'F200' };
    expect(applyConveniences(op('RegistrationSubmit_Resource'), bsp, {}, given).data).toEqual(given);
    expect(applyConveniences(op('RegistrationQuery_Resource'), tso, {}, {}).data).toEqual({});
    expect(
      applyConveniences(op('RegistrationSubmit_Resource'), bsp, {}, {}, { participantInResources: false })
        .data,
    ).toEqual({});
    expect(applyConveniences(op('MarketSubmit_OfferData'), bsp, {}, {}).data).toEqual({});
  });
});

describe('registrationDateType', () => {
  test('registration queries say DateType="TRADE" where left out, and only those', () => {
    expect(
      applyConveniences(op('RegistrationQuery_Resource'), tso, { Action: 'LATEST' }, {}).envelope,
    ).toEqual({
      Action: 'LATEST',
      DateType: 'TRADE',
    });
    expect(
      applyConveniences(op('RegistrationQuery_Resource'), tso, { DateType: 'TRADE_OR_LATER' }, {}).envelope,
    ).toEqual({
      DateType: 'TRADE_OR_LATER',
    });
    expect(
      applyConveniences(op('RegistrationQuery_Resource'), tso, {}, {}, { registrationDateType: false })
        .envelope,
    ).toEqual({});
    expect(applyConveniences(op('MarketQuery_OfferQuery'), tso, {}, {}).envelope).toEqual({});
  });
});

describe('bspReportWithoutName', () => {
  const report = { ReportName: 'X', BSPName: 'F100' };
  test("a BSP's own name is left out of its report request; an MO's is kept", () => {
    expect(applyConveniences(op('ReportCreateRequest'), bsp, {}, report).data).toEqual({ ReportName: 'X' });
    const mo = { clientType: 'mo', participant: 'M001' } as const;
    expect(applyConveniences(op('ReportCreateRequest'), mo, {}, report).data).toEqual(report);
  });

  test("another participant's name is refused, not dropped; the switch sends it as given", () => {
    const other = { ReportName: 'X', BSPName: 'F200' };
    expect(() => applyConveniences(op('ReportCreateRequest'), bsp, {}, other)).toThrow(
      expect.objectContaining({
        code: 'INVALID_REQUEST',
        message: expect.stringMatching(/names another participant/),
      }) as Error,
    );
    expect(
      applyConveniences(op('ReportCreateRequest'), bsp, {}, other, { bspReportWithoutName: false }).data,
    ).toEqual(other);
  });
});
