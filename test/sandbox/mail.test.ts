/**
 * E-mailing the minutes: sendMail with a small attachment, or a draft with a large attachment
 * uploaded in ranges to a pre-authenticated URL, then sent once.
 */
import {
  expectAllAnswersValid,
  expectGraphError,
  publishedState,
  startHarness,
  type Harness,
} from './support';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
expectAllAnswersValid(() => h);

const recipients = [
  { emailAddress: { name: 'Harriet Cole', address: 'harriet.cole@members.example' } },
];

describe('when the minutes are sent with sendMail', () => {
  it('answers 202 with no body and files a copy in Sent Items', async () => {
    const response = await h.graph('POST', '/me/sendMail', {
      body: {
        message: {
          subject: 'OPSG_41_2501 draft minutes',
          body: { contentType: 'HTML', content: '<p>Please find the draft minutes attached.</p>' },
          toRecipients: recipients,
          ccRecipients: [{ emailAddress: { address: 'ines.carvalho@csec.example' } }],
          attachments: [
            {
              '@odata.type': '#microsoft.graph.fileAttachment',
              name: 'OPSG_41_2501.txt',
              contentType: 'text/plain',
              contentBytes: Buffer.from('Draft minutes').toString('base64'),
            },
          ],
        },
        saveToSentItems: true,
      },
    });
    expect(response.status).toBe(202);
    expect(response.body).toBe('');
    const sent = await h.graph('GET', '/me/mailFolders/sentitems/messages');
    expect(sent.body.value[0]).toMatchObject({
      subject: 'OPSG_41_2501 draft minutes',
      isDraft: false,
      hasAttachments: true,
    });
    expect(sent.body.value[0].body.contentType).toBe('html');
    const state = (await publishedState(h)) as {
      mails: { subject: string; attachments: unknown[] }[];
    };
    expect(state.mails.at(-1)).toMatchObject({
      subject: 'OPSG_41_2501 draft minutes',
      attachments: [{ name: 'OPSG_41_2501.txt', size: 13 }],
    });
  });

  it('refuses a message without recipients', async () => {
    const response = await h.graph('POST', '/me/sendMail', {
      body: { message: { subject: 'No one' } },
    });
    expectGraphError(response, 400, 'ErrorInvalidRecipients');
  });

  it('refuses an inline attachment of 3 MB and a request over 4 MB', async () => {
    const before = await publishedState(h);
    const threeMb = Buffer.alloc(3 * 1024 * 1024, 1).toString('base64');
    const response = await h.graph('POST', '/me/sendMail', {
      body: {
        message: {
          subject: 'Too big',
          toRecipients: recipients,
          attachments: [
            {
              '@odata.type': '#microsoft.graph.fileAttachment',
              name: 'big.bin',
              contentBytes: threeMb,
            },
          ],
        },
      },
    });
    expectGraphError(response, 413, 'RequestEntityTooLarge');
    expect(await publishedState(h)).toEqual(before);
  });
});

describe('when a large attachment goes through a draft and an upload session', () => {
  const size = 3 * 1024 * 1024 + 1000;
  const bytes = Buffer.alloc(size);
  for (let index = 0; index < size; index += 1) bytes[index] = index % 251;

  it('uploads in ranges without Authorization, sends once, and the draft id is gone afterwards', async () => {
    const draft = await h.graph('POST', '/me/messages', {
      body: {
        subject: 'OPSG_41_2501 minutes (large)',
        body: { contentType: 'Text', content: 'Attached.' },
        toRecipients: recipients,
      },
    });
    expect(draft.status).toBe(201);
    expect(draft.body.isDraft).toBe(true);
    const draftId: string = draft.body.id;

    const session = await h.graph(
      'POST',
      `/me/messages/${encodeURIComponent(draftId)}/attachments/createUploadSession`,
      {
        body: { AttachmentItem: { attachmentType: 'file', name: 'OPSG_41_2501.docx', size } },
      },
    );
    expect(session.status).toBe(201);
    expect(session.body.nextExpectedRanges).toEqual(['0-']);
    const uploadUrl: string = session.body.uploadUrl;

    const withAuth = await h.fetchUrl(uploadUrl, {
      method: 'PUT',
      headers: {
        Authorization: 'Bearer x',
        'Content-Range': `bytes 0-9/${size}`,
        'Content-Type': 'application/octet-stream',
      },
      body: bytes.subarray(0, 10),
    });
    expect(withAuth.status).toBe(401);

    const cut = 2 * 1024 * 1024;
    const first = await h.fetchUrl(uploadUrl, {
      method: 'PUT',
      headers: {
        'Content-Range': `bytes 0-${cut - 1}/${size}`,
        'Content-Type': 'application/octet-stream',
      },
      body: bytes.subarray(0, cut),
    });
    expect(first.status).toBe(200);
    expect(first.body.nextExpectedRanges).toEqual([String(cut)]);

    const again = await h.fetchUrl(uploadUrl, {
      method: 'PUT',
      headers: {
        'Content-Range': `bytes 0-${cut - 1}/${size}`,
        'Content-Type': 'application/octet-stream',
      },
      body: bytes.subarray(0, cut),
    });
    expect(again.status).toBe(416);

    const last = await h.fetchUrl(uploadUrl, {
      method: 'PUT',
      headers: {
        'Content-Range': `bytes ${cut}-${size - 1}/${size}`,
        'Content-Type': 'application/octet-stream',
      },
      body: bytes.subarray(cut),
    });
    expect(last.status).toBe(201);
    expect(last.headers.get('location')).toContain('/attachments(');

    const attachments = await h.graph(
      'GET',
      `/me/messages/${encodeURIComponent(draftId)}/attachments`,
    );
    expect(attachments.body.value).toEqual([
      expect.objectContaining({ name: 'OPSG_41_2501.docx', size }),
    ]);

    const send = await h.graph('POST', `/me/messages/${encodeURIComponent(draftId)}/send`);
    expect(send.status).toBe(202);
    expectGraphError(
      await h.graph('POST', `/me/messages/${encodeURIComponent(draftId)}/send`),
      404,
      'ErrorItemNotFound',
    );
    expectGraphError(
      await h.graph('GET', `/me/messages/${encodeURIComponent(draftId)}`),
      404,
      'ErrorItemNotFound',
    );

    const sent = await h.graph(
      'GET',
      '/me/mailFolders/sentitems/messages?$select=subject,hasAttachments',
    );
    const copy = sent.body.value.find(
      (message: { subject: string }) => message.subject === 'OPSG_41_2501 minutes (large)',
    );
    expect(copy.id).not.toBe(draftId);
    expect(copy.hasAttachments).toBe(true);
    const fetched = await h.graph('GET', `/me/messages/${encodeURIComponent(copy.id)}`);
    expect(fetched.body.parentFolderId).not.toBe(draft.body.parentFolderId);
  });

  it('refuses an upload session for a file under 3 MB', async () => {
    const draft = await h.graph('POST', '/me/messages', {
      body: { subject: 'Small', toRecipients: recipients },
    });
    const response = await h.graph(
      'POST',
      `/me/messages/${encodeURIComponent(draft.body.id)}/attachments/createUploadSession`,
      {
        body: { AttachmentItem: { attachmentType: 'file', name: 'small.txt', size: 1000 } },
      },
    );
    expectGraphError(response, 400, 'ErrorAttachmentSizeShouldNotBeLessThanMinimumSize');
  });

  it('adds a small attachment with a plain POST', async () => {
    const draft = await h.graph('POST', '/me/messages', {
      body: { subject: 'Small', toRecipients: recipients },
    });
    const response = await h.graph(
      'POST',
      `/me/messages/${encodeURIComponent(draft.body.id)}/attachments`,
      {
        body: {
          '@odata.type': '#microsoft.graph.fileAttachment',
          name: 'agenda.txt',
          contentBytes: Buffer.from('Agenda').toString('base64'),
        },
      },
    );
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      '@odata.type': '#microsoft.graph.fileAttachment',
      name: 'agenda.txt',
      size: 6,
    });
  });
});
