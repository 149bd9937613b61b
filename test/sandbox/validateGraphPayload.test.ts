/**
 * The contract checker on its own, against types from graph-v1-types.json.
 */
import { validateGraphPayload } from '../../src/sandbox';
import { SERVICE_CLOSED_TYPES } from '../../src/sandbox/contract/validateGraphPayload';

const kinds = (value: unknown, type: string, options = {}) =>
  validateGraphPayload(value, type, options).map((issue) => `${issue.kind}@${issue.path}`);

describe('when a value matches its Graph type', () => {
  it('accepts a nested event with attendees, enums and dateTimeTimeZone', () => {
    const event = {
      '@odata.etag': 'W/"x"',
      subject: 'OPSG',
      start: { dateTime: '2025-01-27T13:20:00.0000000', timeZone: 'UTC' },
      attendees: [
        {
          type: 'required',
          status: { response: 'declined', time: '2025-01-24T09:00:00Z' },
          emailAddress: { address: 'a@b.example' },
        },
      ],
      recurrence: null,
    };
    expect(kinds(event, 'microsoft.graph.event')).toEqual([]);
  });

  it('accepts derived types named by @odata.type, with or without #', () => {
    const attachment = {
      '@odata.type': 'microsoft.graph.fileAttachment',
      name: 'a.txt',
      contentBytes: 'YQ==',
    };
    expect(kinds(attachment, 'microsoft.graph.attachment')).toEqual([]);
    expect(
      kinds(
        { ...attachment, '@odata.type': '#microsoft.graph.fileAttachment' },
        'microsoft.graph.attachment',
      ),
    ).toEqual([]);
  });

  it('accepts open-type values that declare their type, and instance and property annotations', () => {
    const task = {
      title: 'x',
      assignments: {
        'c1a0f0e2-3b4d-4e5f-8a9b-0c1d2e3f4a5b': {
          '@odata.type': '#microsoft.graph.plannerAssignment',
          orderHint: ' !',
        },
      },
      'title@odata.type': 'Edm.String',
      '@microsoft.graph.conflictBehavior': 'fail',
    };
    expect(kinds(task, 'microsoft.graph.plannerTask')).toEqual([]);
  });

  it('reads Edm primitives in their JSON forms', () => {
    expect(
      kinds(
        { size: 2147483647 },
        'microsoft.graph.fileAttachment'.replace('fileAttachment', 'attachmentItem'),
      ),
    ).toEqual([]);
    expect(kinds({ size: '9007199254740993' }, 'microsoft.graph.driveItem')).toEqual([]);
    expect(kinds({ endDate: '2025-02-28' }, 'microsoft.graph.recurrenceRange')).toEqual([]);
    expect(
      kinds(
        { skuId: '6fd2c87f-b296-42f0-b197-1e91e994b900', disabledPlans: [] },
        'microsoft.graph.assignedLicense',
      ),
    ).toEqual([]);
    expect(
      kinds({ startTime: '08:30:00', endTime: '17:00:00.0000000' }, 'microsoft.graph.workingHours'),
    ).toEqual([]);
    expect(kinds({ latitude: 51.5, longitude: 'INF' }, 'microsoft.graph.geoCoordinates')).toEqual(
      [],
    );
  });

  it('matches enum members without regard to case in requests, exactly in responses', () => {
    expect(kinds({ contentType: 'HTML' }, 'microsoft.graph.itemBody')).toEqual([]);
    expect(
      kinds({ contentType: 'HTML' }, 'microsoft.graph.itemBody', { direction: 'response' }),
    ).toEqual(['enumValue@contentType']);
  });
});

describe('when a value breaks its Graph type', () => {
  it('names each problem with its path', () => {
    const task = {
      title: 'x',
      owner: 'CDS',
      percentComplete: 'half',
      dueDateTime: '2025-02-24',
      appliedCategories: [],
      previewType: 'thumbnail',
    };
    expect(kinds(task, 'microsoft.graph.plannerTask').sort()).toEqual(
      [
        'unknownProperty@owner',
        'wrongType@percentComplete',
        'wrongType@dueDateTime',
        'wrongType@appliedCategories',
        'enumValue@previewType',
      ].sort(),
    );
  });

  it('refuses integers out of range, bad GUIDs, bad base64 and invalid calendar dates', () => {
    expect(kinds({ size: 2147483648 }, 'microsoft.graph.fileAttachment')).toEqual([
      'wrongType@size',
    ]);
    expect(kinds({ skuId: 'not-a-guid' }, 'microsoft.graph.assignedLicense')).toEqual([
      'wrongType@skuId',
    ]);
    expect(
      kinds(
        { '@odata.type': '#microsoft.graph.fileAttachment', contentBytes: 'not base64!' },
        'microsoft.graph.attachment',
      ),
    ).toEqual(['wrongType@contentBytes']);
    expect(kinds({ endDate: '2025-02-29' }, 'microsoft.graph.recurrenceRange')).toEqual([
      'wrongType@endDate',
    ]);
    expect(
      kinds({ joinDateTime: '2025-01-27T25:00:00Z' }, 'microsoft.graph.attendanceInterval'),
    ).toEqual(['wrongType@joinDateTime']);
  });

  it('refuses nulls where not nullable, in collections too', () => {
    expect(kinds({ title: null }, 'microsoft.graph.plannerTask')).toEqual(['nullValue@title']);
    expect(kinds({ categories: ['a', null] }, 'microsoft.graph.todoTask')).toEqual([
      'nullValue@categories[1]',
    ]);
  });

  it('refuses an abstract type without @odata.type, and an @odata.type from elsewhere', () => {
    expect(kinds({ name: 'a' }, 'microsoft.graph.attachment')).toEqual(['abstractType@']);
    expect(
      kinds({ '@odata.type': '#microsoft.graph.event' }, 'microsoft.graph.attachment'),
    ).toEqual(['odataType@@odata.type']);
    expect(
      kinds({ '@odata.type': '#microsoft.graph.nothing' }, 'microsoft.graph.attachment'),
    ).toEqual(['odataType@@odata.type']);
  });

  it('refuses untyped complex values in open types, and unknown annotations', () => {
    expect(
      kinds({ assignments: { u: { orderHint: ' !' } } }, 'microsoft.graph.plannerTask'),
    ).toEqual(['untypedValue@assignments.u']);
    expect(kinds({ '@custom': 1 }, 'microsoft.graph.plannerTask')).toEqual([
      'unknownProperty@@custom',
    ]);
  });

  it('treats Outlook message and event as closed when asked, though the CSDL says open', () => {
    expect(kinds({ importanceLevel: 'high' }, 'microsoft.graph.message')).toEqual([]);
    expect(
      kinds({ importanceLevel: 'high' }, 'microsoft.graph.message', {
        closedTypes: SERVICE_CLOSED_TYPES,
      }),
    ).toEqual(['unknownProperty@importanceLevel']);
  });

  it('validates a collection as an array of the type', () => {
    expect(
      kinds([{ title: 'a' }, { title: 1 }], 'microsoft.graph.plannerTask', { collection: true }),
    ).toEqual(['wrongType@[1].title']);
    expect(kinds({ title: 'a' }, 'microsoft.graph.plannerTask', { collection: true })).toEqual([
      'wrongType@',
    ]);
  });
});
