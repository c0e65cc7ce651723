import { describe, expect, it } from 'vitest';
import {
  kpmMeasurementNames,
  kpmOid,
  kpmRanFunctionItem,
  ranFunctionIdItem,
  rcOid,
  rcRanFunctionItem,
  serviceModelOf,
} from '../../src/ran/index.js';
import { oran } from '../../src/wire/index.js';

const cell = { plmnId: '00101', nrCellIdentity: '000000010' };

describe('E2SM identifiers and RAN function builders', () => {
  it('names the service model of the KPM and RC OIDs, and of no other OID', () => {
    expect(serviceModelOf(kpmOid)).toBe('kpm');
    expect(serviceModelOf(rcOid)).toBe('rc');
    expect(serviceModelOf('1.3.6.1.4.1.53148.1.9.9.9')).toBeUndefined();
    expect(serviceModelOf('constructor')).toBeUndefined();
    expect(serviceModelOf(undefined)).toBeUndefined();
  });

  it('offers KPM as id 2 revision 1 with a definition that decodes to report style 1', () => {
    const item = kpmRanFunctionItem({ cells: [cell] });
    expect([item.ranFunctionId, item.ranFunctionRevision, item.ranFunctionOid]).toEqual([2, 1, kpmOid]);
    const definition = oran.e2sm.kpm.v1.RanFunctionDefinition.decode(item.ranFunctionDefinition!);
    expect(definition.ranFunctionName?.ranFunctionShortName).toBe('ORAN-E2SM-KPM');
    expect(definition.ranFunctionName?.ranFunctionE2smOid).toBe(kpmOid);
    expect(definition.cellGlobalIdList.map((c) => c.nrCellIdentity)).toEqual(['000000010']);
    expect(definition.ricEventTriggerStyleList.map((s) => s.ricEventTriggerStyleType)).toEqual([1]);
    const report = definition.ricReportStyleList[0]!;
    expect(report.ricReportStyleType).toBe(1);
    expect((report.measInfoActionList ?? []).map((m) => m.measName)).toEqual([...kpmMeasurementNames]);
    expect((report.measInfoActionList ?? []).map((m) => m.measId)).toEqual(
      kpmMeasurementNames.map((_, i) => i + 1),
    );
  });

  it('takes the id, revision and measurements a case asks for', () => {
    const item = kpmRanFunctionItem({
      cells: [cell],
      measurements: ['RRU.PrbUsedDl'],
      ranFunctionId: 7,
      ranFunctionRevision: 4,
    });
    expect([item.ranFunctionId, item.ranFunctionRevision]).toEqual([7, 4]);
    const definition = oran.e2sm.kpm.v1.RanFunctionDefinition.decode(item.ranFunctionDefinition!);
    expect((definition.ricReportStyleList[0]!.measInfoActionList ?? []).map((m) => m.measName)).toEqual([
      'RRU.PrbUsedDl',
    ]);
  });

  it('offers RC as id 3 revision 1 with control styles 2/6 and 3/1 and their RAN parameters', () => {
    const item = rcRanFunctionItem();
    expect([item.ranFunctionId, item.ranFunctionRevision, item.ranFunctionOid]).toEqual([3, 1, rcOid]);
    const definition = oran.e2sm.rc.v1.RanFunctionDefinition.decode(item.ranFunctionDefinition!);
    expect(definition.ranFunctionName?.ranFunctionShortName).toBe('ORAN-E2SM-RC');
    expect(
      definition.ricControlStyleList.map((s) => [
        s.ricControlStyleType,
        (s.ricControlActionList ?? []).map((a) => a.ricControlActionId),
        (s.ricControlActionList ?? []).flatMap((a) =>
          (a.ranControlActionParametersList ?? []).map((p) => p.ranParameterId),
        ),
      ]),
    ).toEqual([
      [2, [6], [10, 11, 12]],
      [3, [1], [1]],
    ]);
  });

  it('accepts an offered function at the revision it was offered with', () => {
    expect(ranFunctionIdItem({ ranFunctionId: 2, ranFunctionRevision: 5 })).toEqual({
      ranFunctionId: 2,
      ranFunctionRevision: 5,
    });
  });
});
