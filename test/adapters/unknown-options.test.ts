/**
 * A misspelt option is refused before any record is read: ignored, it would read a whole export
 * without it (date-only calls in UTC, a custom field never mapped) and report nothing.
 */
import { describe, expect, it } from 'vitest';
import { fromCsv, fromCsvStream } from '../../src/adapters/csv/index.js';
import { fromHubSpot } from '../../src/adapters/hubspot/index.js';
import { fromPipedrive } from '../../src/adapters/pipedrive/index.js';
import { fromSalesforce } from '../../src/adapters/salesforce/index.js';
import { InputError } from '../../src/index.js';
import { stagingViews } from '../../src/sql/index.js';

/** The error a call throws, or undefined when it returns. */
function thrown(call: () => unknown): unknown {
  try {
    call();
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('unknown option names', () => {
  it.each([
    ['fromHubSpot', () => fromHubSpot({ contacts: [] }, { keyproperty: 'cc_key' } as never), 'keyproperty', 'keyProperty'],
    ['fromSalesforce', () => fromSalesforce({ contacts: [] }, { timeZoneFeild: 'Time_Zone__c' } as never), 'timeZoneFeild', undefined],
    ['fromPipedrive', () => fromPipedrive({ persons: [] }, { TimeZone: 'Europe/Paris' } as never), 'TimeZone', 'timeZone'],
    ['fromCsv', () => fromCsv({ contacts: 'id\nc1\n' }, { delimter: ';' } as never), 'delimter', undefined],
    [
      'stagingViews',
      () => stagingViews({ source: 'fivetran-hubspot', dialect: 'duckdb', timeZoneField: 'tz' } as never),
      'timeZoneField',
      undefined,
    ],
  ])('%s refuses one, naming it', (reader, call, name, suggestion) => {
    const error = thrown(call);
    expect(error).toBeInstanceOf(InputError);
    const { issues, message } = error as InputError;
    expect(issues).toEqual([{ code: 'unknown_option', path: [name], message: expect.stringContaining(`options.${name}`) }]);
    expect(message).toContain(reader);
    if (suggestion === undefined) expect(message).not.toContain('did you mean');
    else expect(message).toContain(`did you mean ${suggestion}?`);
  });

  it('fromCsvStream refuses one as fromCsvStream', async () => {
    await expect(fromCsvStream({ contacts: ['id\nc1\n'] }, { Mapping: {} } as never)).rejects.toThrow(
      /fromCsvStream: options\.Mapping is not an option of fromCsvStream \(did you mean mapping\?\)/,
    );
  });

  it('a Salesforce option given for a HubSpot source (and the reverse) is refused, every such name listed', () => {
    const error = thrown(() => stagingViews({ source: 'airbyte-salesforce', dialect: 'postgres', deals: true, keyProperty: 'k' } as never));
    expect((error as InputError).issues.map((issue) => issue.path[0])).toEqual(['deals', 'keyProperty']);
  });

  it('every documented option is still taken', () => {
    expect(fromHubSpot({ contacts: [] }, { keyProperty: 'cc_key', includeArchived: true }).errors).toEqual([]);
    expect(fromSalesforce({ contacts: [] }, { timeZoneField: 'Time_Zone__c', dateOnlyTime: '09:00' }).errors).toEqual([]);
    expect(fromPipedrive({ persons: [] }, { timeZone: 'Europe/Paris' }).errors).toEqual([]);
    expect(fromCsv({ contacts: 'id\nc1\n' }, { delimiter: ',', localTimeZone: 'Europe/Paris' }).contacts).toHaveLength(1);
    expect(stagingViews({ source: 'fivetran-hubspot', dialect: 'duckdb', deals: true, zones: ['UTC'] }).statements.length).toBeGreaterThan(0);
  });
});
