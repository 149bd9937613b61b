/**
 * SharePoint: the minutes document (simple upload, upload session in 320 KiB ranges, versions,
 * library columns) and the action register list (rows, filters on non-indexed columns).
 */
import {
  expectAllAnswersValid,
  expectGraphError,
  publishedState,
  startHarness,
  TOKEN,
  type Harness,
} from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
expectAllAnswersValid(() => h);

const drive = () => `/drives/${h.sandbox.seed!.site.driveId}`;
const docx = (text: string) => Buffer.from(`PK-fake-docx ${text}`);
const octet = { 'Content-Type': 'application/octet-stream' };

describe('when the minutes document is uploaded by path', () => {
  it('creates it (201), then a new version on each PUT (200)', async () => {
    const path = `${drive()}/root:/Minutes/OPSG/OPSG_41_2501.docx:/content`;
    const created = await h.graph('PUT', path, { raw: docx('v1'), headers: octet });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'OPSG_41_2501.docx', size: docx('v1').length });
    expect(created.body.parentReference.path).toBe(
      `/drives/${h.sandbox.seed!.site.driveId}/root:/Minutes/OPSG`,
    );
    expect(created.headers.get('etag')).toBe(created.body.eTag);
    const replaced = await h.graph('PUT', path, { raw: docx('v2'), headers: octet });
    expect(replaced.status).toBe(200);
    expect(replaced.body.id).toBe(created.body.id);
    expect(replaced.body.eTag).not.toBe(created.body.eTag);

    const versions = await h.graph('GET', `${drive()}/items/${created.body.id}/versions`);
    expect(versions.body.value.map((version: { id: string }) => version.id)).toEqual([
      '2.0',
      '1.0',
    ]);
    const download = await fetch(versions.body.value[1]['@microsoft.graph.downloadUrl']);
    expect(Buffer.from(await download.arrayBuffer()).toString()).toBe('PK-fake-docx v1');

    const content = await fetch(
      `${h.sandbox.graphBaseUrl}${drive()}/items/${created.body.id}/content`,
      { headers: { Authorization: TOKEN } },
    );
    expect(Buffer.from(await content.arrayBuffer()).toString()).toBe('PK-fake-docx v2');
  });

  it('finds it by path, and answers 404 itemNotFound for a path that is not there', async () => {
    const found = await h.graph('GET', `${drive()}/root:/Minutes/OPSG/OPSG_41_2501.docx`);
    expect(found.status).toBe(200);
    expectGraphError(
      await h.graph('GET', `${drive()}/root:/Minutes/OPSG/OPSG_42_2202.docx`),
      404,
      'itemNotFound',
    );
  });

  it('refuses conflictBehavior=fail on an existing name, a stale If-Match, an illegal name and an oversized simple upload', async () => {
    const path = `${drive()}/root:/Minutes/OPSG/OPSG_41_2501.docx:/content`;
    expectGraphError(
      await h.graph('PUT', `${path}?@microsoft.graph.conflictBehavior=fail`, {
        raw: docx('x'),
        headers: octet,
      }),
      409,
      'nameAlreadyExists',
    );
    expectGraphError(
      await h.graph('PUT', path, {
        raw: docx('x'),
        headers: { ...octet, 'If-Match': '"{00000000-0000-0000-0000-000000000000},1"' },
      }),
      412,
    );
    expectGraphError(
      await h.graph('PUT', `${drive()}/root:/Minutes/what%3F.docx:/content`, {
        raw: docx('x'),
        headers: octet,
      }),
      400,
      'invalidRequest',
    );
    const big = Buffer.alloc(4 * 1024 * 1024 + 1);
    expectGraphError(
      await h.graph('PUT', `${drive()}/root:/Minutes/big.bin:/content`, {
        raw: big,
        headers: octet,
      }),
      413,
    );
  });

  it('sets the library columns, and refuses a column the library does not have', async () => {
    const item = await h.graph('GET', `${drive()}/root:/Minutes/OPSG/OPSG_41_2501.docx`);
    const fields = await h.graph('PATCH', `${drive()}/items/${item.body.id}/listItem/fields`, {
      body: {
        MeetingReference: 'OPSG_41_2501',
        MeetingDate: '2025-01-27T13:20:00Z',
        MinutesStatus: 'Draft',
        Classification: 'White',
      },
    });
    expect(fields.status).toBe(200);
    expect(fields.body).toMatchObject({ MeetingReference: 'OPSG_41_2501', MinutesStatus: 'Draft' });
    const before = await publishedState(h);
    const unknown = await h.graph('PATCH', `${drive()}/items/${item.body.id}/listItem/fields`, {
      body: { MeetingRef: 'x' },
    });
    expectGraphError(unknown, 400, 'invalidRequest');
    expect(unknown.body.error.message).toBe("Field 'MeetingRef' is not recognized.");
    const badChoice = await h.graph('PATCH', `${drive()}/items/${item.body.id}/listItem/fields`, {
      body: { MinutesStatus: 'Done' },
    });
    expectGraphError(badChoice, 400, 'invalidRequest');
    expect(await publishedState(h)).toEqual(before);
  });
});

describe('when a document is uploaded through an upload session', () => {
  const size = 700_000;
  const bytes = Buffer.alloc(size, 7);
  const unit = 327_680;

  it('takes 320 KiB ranges without Authorization: 202 with nextExpectedRanges, then 201 with the driveItem', async () => {
    const session = await h.graph(
      'POST',
      `${drive()}/root:/Minutes/OPSG/OPSG_41_2501-annex.pdf:/createUploadSession`,
      {
        body: {
          item: { '@microsoft.graph.conflictBehavior': 'replace', name: 'OPSG_41_2501-annex.pdf' },
        },
      },
    );
    expect(session.status).toBe(200);
    const url: string = session.body.uploadUrl;
    const put = (start: number, end: number, headers: Record<string, string> = {}) =>
      h.fetchUrl(url, {
        method: 'PUT',
        headers: { 'Content-Range': `bytes ${start}-${end}/${size}`, ...headers },
        body: bytes.subarray(start, end + 1),
      });

    expect((await put(0, unit - 1, { Authorization: 'Bearer x' })).status).toBe(401);
    const odd = await put(0, 99_999);
    expect(odd.status).toBe(400);
    const first = await put(0, unit - 1);
    expect(first.status).toBe(202);
    expect(first.body.nextExpectedRanges).toEqual([`${unit}-`]);
    expect((await put(0, unit - 1)).status).toBe(416);
    const status = await h.fetchUrl(url);
    expect(status.body.nextExpectedRanges).toEqual([`${unit}-`]);
    expect((await put(unit, 2 * unit - 1)).status).toBe(202);
    const last = await put(2 * unit, size - 1);
    expect(last.status).toBe(201);
    expect(last.body).toMatchObject({
      name: 'OPSG_41_2501-annex.pdf',
      size,
      file: { mimeType: 'application/pdf' },
    });
    const found = await h.graph('GET', `${drive()}/root:/Minutes/OPSG/OPSG_41_2501-annex.pdf`);
    expect(found.body.size).toBe(size);
  });

  it('fails at commit with 409 when the name exists and the session kept the default "fail"', async () => {
    const session = await h.graph(
      'POST',
      `${drive()}/root:/Minutes/OPSG/OPSG_41_2501.docx:/createUploadSession`,
    );
    const url: string = session.body.uploadUrl;
    const conflict = await h.fetchUrl(url, {
      method: 'PUT',
      headers: { 'Content-Range': 'bytes 0-9/10' },
      body: Buffer.alloc(10),
    });
    expectGraphError(conflict, 409, 'nameAlreadyExists');
    expect((await h.fetchUrl(url, { method: 'DELETE' })).status).toBe(204);
  });
});

describe('when the action register is written', () => {
  const items = () =>
    `/sites/${h.sandbox.seed!.site.id}/lists/${h.sandbox.seed!.site.actionListId}/items`;
  const honour = { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' };

  it('creates a row (201 with fields) and finds it by ActionId with the Prefer header', async () => {
    const created = await h.graph('POST', items(), {
      body: {
        fields: {
          Title: 'OPSG 41/01',
          ActionId: 'OPSG 41/01',
          Owner: 'CDS',
          Status: 'Open',
          TargetDate: '2025-02-24',
          MeetingReference: 'OPSG_41_2501',
        },
      },
    });
    expect(created.status).toBe(201);
    expect(created.body.fields).toMatchObject({ ActionId: 'OPSG 41/01', Status: 'Open' });
    const filter = `$expand=fields&$filter=fields/ActionId eq 'OPSG 41/01'`;
    const refused = await h.graph('GET', `${items()}?${filter}`);
    expectGraphError(refused, 400, 'invalidRequest');
    expect(refused.body.error.message).toContain('HonorNonIndexedQueriesWarningMayFailRandomly');
    const found = await h.graph('GET', `${items()}?${filter}`, { headers: honour });
    expect(found.body.value).toHaveLength(1);
    expect(found.body.value[0].fields.Owner).toBe('CDS');
    const indexed = await h.graph(
      'GET',
      `${items()}?$expand=fields&$filter=fields/MeetingReference eq 'OPSG_41_2501'`,
    );
    expect(indexed.body.value).toHaveLength(1);
  });

  it('updates a row’s fields with If-Match, refuses a stale one and an unknown column', async () => {
    const rows = await h.graph(
      'GET',
      `${items()}?$expand=fields&$filter=fields/ActionId eq 'OPSG 39/07'`,
      { headers: honour },
    );
    const row = rows.body.value[0];
    const updated = await h.graph('PATCH', `${items()}/${row.id}/fields`, {
      body: { Status: 'Closed', LatestUpdate: 'Published on 24/01.' },
      headers: { 'If-Match': row['@odata.etag'] },
    });
    expect(updated.status).toBe(200);
    expect(updated.body.Status).toBe('Closed');
    expectGraphError(
      await h.graph('PATCH', `${items()}/${row.id}/fields`, {
        body: { Status: 'Open' },
        headers: { 'If-Match': row['@odata.etag'] },
      }),
      412,
    );
    expectGraphError(
      await h.graph('PATCH', `${items()}/${row.id}/fields`, { body: { Colour: 'Red' } }),
      400,
      'invalidRequest',
    );
    expectGraphError(
      await h.graph('PATCH', `${items()}/${row.id}/fields`, {
        body: { Created: '2025-01-01T00:00:00Z' },
      }),
      400,
      'invalidRequest',
    );
  });

  it('pages the rows and refuses filters it does not support', async () => {
    for (let index = 2; index <= 9; index += 1) {
      await h.graph('POST', items(), {
        body: {
          fields: { Title: `OPSG 41/0${index}`, ActionId: `OPSG 41/0${index}`, Status: 'Open' },
        },
      });
    }
    const page = await h.graph('GET', `${items()}?$expand=fields`);
    expect(page.body.value).toHaveLength(10);
    const rest = await h.fetchUrl(page.body['@odata.nextLink'], {
      headers: { Authorization: TOKEN },
    });
    expect(rest.body.value).toHaveLength(2);
    expectGraphError(
      await h.graph('GET', `${items()}?$filter=startswith(fields/Title,'OPSG')`, {
        headers: honour,
      }),
      400,
      'invalidRequest',
    );
  });
});

describe('when a register row is deleted, or the tenant is lost', () => {
  const items = () =>
    `/sites/${h.sandbox.seed!.site.id}/lists/${h.sandbox.seed!.site.actionListId}/items`;
  const addRow = async (actionId: string) =>
    (
      await h.graph('POST', items(), {
        body: { fields: { Title: actionId, ActionId: actionId, Status: 'Open' } },
      })
    ).body;

  it('deletes with an optional If-Match (412 when stale, 204), and the row answers 404 after', async () => {
    const row = await addRow('OPSG 41/01');
    const changed = await h.graph('PATCH', `${items()}/${row.id}/fields`, {
      body: { Status: 'Closed' },
    });
    expect(changed.status).toBe(200);
    expectGraphError(
      await h.graph('DELETE', `${items()}/${row.id}`, { headers: { 'If-Match': row.eTag } }),
      412,
    );
    expect((await h.graph('DELETE', `${items()}/${row.id}`)).status).toBe(204);
    expectGraphError(await h.graph('GET', `${items()}/${row.id}`), 404, 'itemNotFound');
    expectGraphError(
      await h.graph('PATCH', `${items()}/${row.id}/fields`, { body: { Status: 'Open' } }),
      404,
      'itemNotFound',
    );
    expectGraphError(await h.graph('DELETE', `${items()}/${row.id}`), 404, 'itemNotFound');
  });

  it('never gives a new row the id of one it made before a restart, so old ids answer 404', async () => {
    h.sandbox.reset();
    const before = await addRow('OPSG 41/02');
    h.sandbox.reset();
    expectGraphError(await h.graph('GET', `${items()}/${before.id}`), 404, 'itemNotFound');
    const after = await addRow('OPSG 41/03');
    expect(after.id).not.toBe(before.id);
    expectGraphError(await h.graph('GET', `${items()}/${before.id}`), 404, 'itemNotFound');
  });

  it('has the MinutebookKey column Minutebook finds its rows by, indexed', async () => {
    const key = 'minutebook:local:row:m-1:a-1';
    const row = await h.graph('POST', items(), {
      body: { fields: { Title: 'OPSG 41/04', ActionId: 'OPSG 41/04', MinutebookKey: key } },
    });
    expect(row.status).toBe(201);
    const found = await h.graph(
      'GET',
      `${items()}?$expand=fields&$filter=${encodeURIComponent(
        `fields/ActionId eq 'OPSG 41/04' and fields/MinutebookKey eq '${key}'`,
      )}`,
      { headers: { Prefer: 'HonorNonIndexedQueriesWarningMayFailRandomly' } },
    );
    expect(found.body.value.map((entry: { id: string }) => entry.id)).toEqual([row.body.id]);
    const byKeyOnly = await h.graph(
      'GET',
      `${items()}?$expand=fields&$filter=${encodeURIComponent(`fields/MinutebookKey eq '${key}'`)}`,
    );
    expect(byKeyOnly.body.value).toHaveLength(1);
  });
});
